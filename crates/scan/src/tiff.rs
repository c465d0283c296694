//! TIFF files, one page per image file directory, with the tiff crate
//! (CCITT G3/G4, Deflate, LZW, JPEG, uncompressed), each directory's
//! dimensions checked against the [`Limits`] before its strips are read.

use crate::samples::{Samples, Space};
use crate::{Codec, Gray, ImageError, Limits, ScanError};
use std::io::Cursor;
use tiff::decoder::{Decoder, DecodingResult};
use tiff::ColorType;

/// Calls `page` with each page's image (or why it could not be decoded), in
/// file order; returns how many pages there were.
pub(crate) fn for_each_page(
    bytes: &[u8],
    limits: &Limits,
    mut page: impl FnMut(Result<Gray, ImageError>),
) -> Result<usize, ScanError> {
    let malformed = |e: tiff::TiffError| ImageError::malformed(Codec::Tiff, e);
    let cap = usize::try_from(limits.max_image_bytes).unwrap_or(usize::MAX);
    let mut tiff_limits = tiff::decoder::Limits::default();
    tiff_limits.decoding_buffer_size = cap;
    tiff_limits.intermediate_buffer_size = cap;
    let mut decoder = Decoder::new(Cursor::new(bytes))
        .map_err(malformed)?
        .with_limits(tiff_limits);
    // The whole file shares one budget of pixels, as a PDF's pages do: a
    // file of many directories pointing at one small strip is refused.
    let mut budget = crate::limits::PixelBudget::new(limits);
    let mut count = 0;
    loop {
        count += 1;
        if count > limits.max_pages {
            return Err(ScanError::TooManyPages {
                pages: count,
                limit: limits.max_pages,
            });
        }
        page(read_page(&mut decoder, limits, &mut budget));
        if !decoder.more_images() {
            return Ok(count);
        }
        if decoder.next_image().is_err() {
            // A damaged directory chain ends the file; the pages read stand.
            return Ok(count);
        }
    }
}

fn read_page(
    decoder: &mut Decoder<Cursor<&[u8]>>,
    limits: &Limits,
    budget: &mut crate::limits::PixelBudget,
) -> Result<Gray, ImageError> {
    let malformed = |e: tiff::TiffError| ImageError::malformed(Codec::Tiff, e);
    let (width, height) = decoder.dimensions().map_err(malformed)?;
    let colortype = decoder.colortype().map_err(malformed)?;
    let (space, bits) = match colortype {
        ColorType::Gray(b) => (Space::Gray, b),
        ColorType::GrayA(b) => (Space::Gray, b),
        ColorType::RGB(b) | ColorType::YCbCr(b) => (Space::Rgb, b),
        ColorType::RGBA(b) => (Space::Rgb, b),
        ColorType::CMYK(b) | ColorType::CMYKA(b) => (Space::Cmyk, b),
        other => return Err(ImageError::Unsupported(format!("TIFF {other:?}"))),
    };
    let samples_per_pixel = match colortype {
        ColorType::GrayA(_) => 2,
        ColorType::RGBA(_) | ColorType::CMYK(_) => 4,
        ColorType::CMYKA(_) => 5,
        _ => space.components(),
    };
    let per_pixel = (samples_per_pixel as u64 * u64::from(bits)).div_ceil(8) + 1;
    limits.check_image(u64::from(width), u64::from(height), per_pixel)?;
    budget.take(u64::from(width) * u64::from(height))?;
    let data = match decoder.read_image().map_err(malformed)? {
        DecodingResult::U8(v) => v,
        // The high byte of each big sample, in native order.
        DecodingResult::U16(v) => v.iter().map(|s| s.to_be_bytes()[0]).collect(),
        _ => return Err(ImageError::Unsupported("TIFF samples over 16 bits".into())),
    };
    let bits = bits.min(8);
    let gray = match (samples_per_pixel, &space) {
        // Alpha (and a fifth ink) dropped: keep the first components.
        (n, _) if n != space.components() => {
            let keep = space.components();
            let pixels: Vec<u8> = data
                .chunks_exact(n)
                .map(|p| space.gray_of(p.get(..keep).unwrap_or_default()))
                .collect();
            Gray::new(width, height, pixels)
                .ok_or_else(|| ImageError::malformed(Codec::Tiff, "fewer pixels than declared"))?
        }
        _ => Samples {
            width,
            height,
            bits_per_component: bits,
            space,
            decode: None,
            data: &data,
        }
        .to_gray()?,
    };
    Ok(gray)
}
