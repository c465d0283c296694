//! PNG to [`Gray`] with zune-png, IHDR checked against the [`Limits`]
//! before any pixel is decoded, and inflation capped.

use crate::{Codec, Gray, ImageError, Limits};
use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_png::PngDecoder;

/// Decodes a PNG to gray: palettes expanded, 16-bit samples cut to 8,
/// alpha ignored (a scan has none).
pub fn decode(bytes: &[u8], limits: &Limits) -> Result<Gray, ImageError> {
    let malformed = |e: zune_png::error::PngDecodeErrors| ImageError::malformed(Codec::Png, e);
    let inflate_limit = usize::try_from(limits.max_image_bytes).unwrap_or(usize::MAX);
    let options = DecoderOptions::new_safe()
        .set_max_width(1 << 20)
        .set_max_height(1 << 20)
        .png_set_strip_to_8bit(true)
        .png_set_confirm_crc(false)
        .inflate_set_limit(inflate_limit);
    let mut decoder = PngDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(malformed)?;
    let (w, h) = decoder
        .dimensions()
        .ok_or_else(|| ImageError::malformed(Codec::Png, "no IHDR"))?;
    let colorspace = decoder
        .colorspace()
        .ok_or_else(|| ImageError::malformed(Codec::Png, "no IHDR"))?;
    let components = colorspace.num_components();
    let (width, height) = (
        u32::try_from(w).map_err(|_| ImageError::Unsupported("a PNG wider than 2^32".into()))?,
        u32::try_from(h).map_err(|_| ImageError::Unsupported("a PNG taller than 2^32".into()))?,
    );
    // The filtered rows and the output are both held while decoding.
    limits.check_image(
        u64::from(width),
        u64::from(height),
        2 * components as u64 + 1,
    )?;
    let samples = decoder.decode_raw().map_err(malformed)?;
    let gray = match colorspace {
        ColorSpace::Luma => Gray::new(width, height, samples),
        ColorSpace::LumaA => Gray::new(width, height, samples.iter().step_by(2).copied().collect()),
        ColorSpace::RGB => Gray::from_rgb(width, height, &samples),
        ColorSpace::RGBA => Gray::from_rgba(width, height, &samples),
        other => {
            return Err(ImageError::Unsupported(format!(
                "PNG colour space {other:?}"
            )))
        }
    };
    gray.ok_or_else(|| ImageError::malformed(Codec::Png, "fewer pixels than declared"))
}
