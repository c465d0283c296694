//! JPEG (a file, or a PDF's DCTDecode) to [`Gray`] with zune-jpeg, the
//! frame header checked against the [`Limits`] before any pixel is decoded.

use crate::{Codec, Gray, ImageError, Limits};
use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

/// Decodes a JPEG to gray. Colour JPEGs are reduced to their luma; CMYK
/// and YCCK ones (as Adobe writes them, inverted) through RGB.
pub fn decode(bytes: &[u8], limits: &Limits) -> Result<Gray, ImageError> {
    decode_expecting(bytes, limits, None)
}

/// Decodes a JPEG to gray, refusing it before any pixel is decoded when its
/// frame is not `expected` (width, height): a PDF image's `/Width` and
/// `/Height`, which the file's pixel budget was charged for.
pub(crate) fn decode_expecting(
    bytes: &[u8],
    limits: &Limits,
    expected: Option<(u32, u32)>,
) -> Result<Gray, ImageError> {
    let malformed = |e: zune_jpeg::errors::DecodeErrors| ImageError::malformed(Codec::Jpeg, e);
    let options = DecoderOptions::new_safe()
        .set_max_width(usize::from(u16::MAX))
        .set_max_height(usize::from(u16::MAX))
        .set_strict_mode(false);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(malformed)?;
    let info = decoder
        .info()
        .ok_or_else(|| ImageError::malformed(Codec::Jpeg, "no frame header"))?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    if expected.is_some_and(|e| e != (width, height)) {
        return Err(ImageError::malformed(
            Codec::Jpeg,
            "the JPEG's frame is not the size the PDF declares",
        ));
    }
    let four = matches!(
        decoder.input_colorspace(),
        Some(ColorSpace::CMYK | ColorSpace::YCCK)
    );
    let out = if four {
        ColorSpace::RGB
    } else {
        ColorSpace::Luma
    };
    // The decoder keeps every component's coefficients as it works.
    let per_pixel = u64::from(info.components.max(1)) * 2 + 3;
    limits.check_image(u64::from(width), u64::from(height), per_pixel)?;
    decoder.set_options(options.jpeg_set_out_colorspace(out));
    let pixels = decoder.decode().map_err(malformed)?;
    let gray = if four {
        Gray::from_rgb(width, height, &pixels)
    } else {
        Gray::new(width, height, pixels)
    };
    gray.ok_or_else(|| ImageError::malformed(Codec::Jpeg, "fewer pixels than declared"))
}
