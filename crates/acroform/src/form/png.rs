//! PNG images as browsers' canvases write them (PNG specification,
//! ISO/IEC 15948): 8 bits per sample, gray or RGB with or without alpha, not
//! interlaced, into 8-bit colour samples plus an alpha channel, which is what
//! a PDF image XObject and its `/SMask` need. Other PNGs (palette, 1 to 4 or
//! 16 bits, interlaced, `tRNS` transparency) are refused with
//! [`PngError::Unsupported`]: the header check is [`png_header`]'s, the one
//! the app also applies before an image reaches a draft. Inflating is bounded
//! by the size the header announces, so a crafted file cannot allocate more.

use miniz_oxide::inflate::decompress_to_vec_zlib_with_limit;
use png_header::{Header, HeaderError};

/// The most pixels decoded from one image.
pub const MAX_PIXELS: u64 = 2048 * 2048;

/// Why a PNG could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum PngError {
    /// No PNG signature.
    #[error("not a PNG image")]
    NotPng,
    /// A chunk, the header or the pixel data is malformed or truncated.
    #[error("the PNG image is damaged")]
    Corrupt,
    /// More than [`MAX_PIXELS`] pixels.
    #[error("the PNG image is too large")]
    TooLarge,
    /// A valid PNG of a kind this decoder does not read: palette, a depth
    /// other than 8 bits, interlacing or `tRNS` transparency.
    #[error(
        "the PNG image is not 8-bit gray or RGB (with or without alpha) without interlacing: save it as such"
    )]
    Unsupported,
}

/// The header check's refusals, as the decoder's: a damaged header is a
/// damaged image.
impl From<HeaderError> for PngError {
    fn from(e: HeaderError) -> Self {
        match e {
            HeaderError::NotPng => PngError::NotPng,
            HeaderError::Corrupt => PngError::Corrupt,
        }
    }
}

/// Decoded pixels: `channels` 8-bit samples per pixel (1 gray, 3 RGB), and
/// an alpha sample per pixel when the image has any transparency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pixels {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Colour samples per pixel: 1 (gray) or 3 (RGB).
    pub channels: u8,
    /// The colour samples, row by row.
    pub color: Vec<u8>,
    /// One alpha sample per pixel, when any pixel is not opaque.
    pub alpha: Option<Vec<u8>>,
}

/// Decodes a PNG into 8-bit samples.
pub fn decode(bytes: &[u8]) -> Result<Pixels, PngError> {
    let h = png_header::parse(bytes)?;
    if !h.is_simple() {
        return Err(PngError::Unsupported);
    }
    if u64::from(h.width) * u64::from(h.height) > MAX_PIXELS {
        return Err(PngError::TooLarge);
    }
    let idat = image_data(bytes)?;
    let spp = h.color_type.samples();
    let row_bytes = h.width as usize * spp;
    let expected = (row_bytes + 1) * h.height as usize;
    let raw = decompress_to_vec_zlib_with_limit(&idat, expected).map_err(|_| PngError::Corrupt)?;
    if raw.len() < expected {
        return Err(PngError::Corrupt);
    }
    split(&h, &raw, row_bytes)
}

/// The `IDAT` chunks' bytes, joined; `Unsupported` for a `tRNS` chunk.
fn image_data(bytes: &[u8]) -> Result<Vec<u8>, PngError> {
    let mut rest = bytes.get(8..).ok_or(PngError::Corrupt)?;
    let mut idat = Vec::new();
    loop {
        let (&[l0, l1, l2, l3], after_len) =
            rest.split_first_chunk::<4>().ok_or(PngError::Corrupt)?;
        let len = u32::from_be_bytes([l0, l1, l2, l3]) as usize;
        let (kind, after_kind) = after_len
            .split_first_chunk::<4>()
            .ok_or(PngError::Corrupt)?;
        let data = after_kind.get(..len).ok_or(PngError::Corrupt)?;
        rest = after_kind.get(len.saturating_add(4)..).unwrap_or_default();
        match kind {
            b"IDAT" => idat.extend_from_slice(data),
            b"tRNS" => return Err(PngError::Unsupported),
            b"IEND" => return Ok(idat),
            _ => {}
        }
    }
}

/// Undoes the row filters (PNG specification, section 9) and splits the
/// samples into colour and alpha.
fn split(h: &Header, raw: &[u8], row_bytes: usize) -> Result<Pixels, PngError> {
    let spp = h.color_type.samples();
    let has_alpha = h.color_type.has_alpha();
    let channels = spp - usize::from(has_alpha);
    let n = h.width as usize * h.height as usize;
    let mut color = Vec::with_capacity(n * channels);
    let mut alpha = Vec::with_capacity(if has_alpha { n } else { 0 });
    let mut prev = vec![0u8; row_bytes];
    for row in raw.chunks_exact(row_bytes + 1).take(h.height as usize) {
        let Some((&filter, data)) = row.split_first() else {
            continue;
        };
        if filter > 4 {
            // An unknown filter type: libpng and browsers refuse the image.
            return Err(PngError::Corrupt);
        }
        let mut cur = data.to_vec();
        unfilter(filter, &mut cur, &prev, spp);
        if has_alpha {
            for px in cur.chunks_exact(spp) {
                let (c, a) = px.split_at(channels);
                color.extend_from_slice(c);
                alpha.extend_from_slice(a);
            }
        } else {
            color.extend_from_slice(&cur);
        }
        prev = cur;
    }
    // An alpha channel that is opaque everywhere is no alpha at all.
    let alpha = (has_alpha && alpha.iter().any(|&a| a != 255)).then_some(alpha);
    Ok(Pixels {
        width: h.width,
        height: h.height,
        channels: channels as u8,
        color,
        alpha,
    })
}

/// Undoes one row's filter (0 to 4) in place; `bpp` is the bytes per pixel.
fn unfilter(filter: u8, cur: &mut [u8], prev: &[u8], bpp: usize) {
    // One loop per filter type, over iterators: no per-byte dispatch, and
    // the bytes `bpp` back come from a copy of what is already decoded.
    let n = cur.len();
    match filter {
        1 => {
            for i in bpp..n {
                let left = cur.get(i - bpp).copied().unwrap_or(0);
                if let Some(c) = cur.get_mut(i) {
                    *c = c.wrapping_add(left);
                }
            }
        }
        2 => {
            for (c, &up) in cur.iter_mut().zip(prev) {
                *c = c.wrapping_add(up);
            }
        }
        3 => {
            for (i, &up) in prev.iter().enumerate().take(n) {
                let left = i
                    .checked_sub(bpp)
                    .and_then(|j| cur.get(j))
                    .copied()
                    .unwrap_or(0);
                if let Some(c) = cur.get_mut(i) {
                    *c = c.wrapping_add(((u16::from(left) + u16::from(up)) / 2) as u8);
                }
            }
        }
        4 => {
            for (i, &up) in prev.iter().enumerate().take(n) {
                let (left, up_left) = match i.checked_sub(bpp) {
                    Some(j) => (
                        cur.get(j).copied().unwrap_or(0),
                        prev.get(j).copied().unwrap_or(0),
                    ),
                    None => (0, 0),
                };
                if let Some(c) = cur.get_mut(i) {
                    *c = c.wrapping_add(paeth(left, up, up_left));
                }
            }
        }
        _ => {}
    }
}

/// The Paeth predictor (PNG specification, 9.4): of the left, upper and
/// upper-left bytes, the one nearest to `a + b - c`. Shared by every PNG
/// row unfilter (a PDF's PNG predictors use the same).
pub fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal PNG encoder for tests: 8-bit, filter 0, no interlace.
    pub fn encode(width: u32, height: u32, color_type: u8, data: &[u8]) -> Vec<u8> {
        let spp = match color_type {
            0 => 1,
            2 => 3,
            4 => 2,
            _ => 4,
        };
        let mut raw = Vec::new();
        for row in data.chunks(width as usize * spp) {
            raw.push(0);
            raw.extend_from_slice(row);
        }
        let mut out = png_header::SIGNATURE.to_vec();
        let mut chunk = |kind: &[u8], body: &[u8]| {
            out.extend((body.len() as u32).to_be_bytes());
            out.extend(kind);
            out.extend(body);
            out.extend([0, 0, 0, 0]);
        };
        let mut ihdr = Vec::new();
        ihdr.extend(width.to_be_bytes());
        ihdr.extend(height.to_be_bytes());
        ihdr.extend([8, color_type, 0, 0, 0]);
        chunk(b"IHDR", &ihdr);
        chunk(
            b"IDAT",
            &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6),
        );
        chunk(b"IEND", &[]);
        out
    }

    #[test]
    fn decodes_rgba_into_color_and_alpha() {
        let png = encode(2, 1, 6, &[255, 0, 0, 255, 0, 0, 255, 0]);
        let p = decode(&png).unwrap();
        assert_eq!(p.color, vec![255, 0, 0, 0, 0, 255]);
        assert_eq!(p.alpha, Some(vec![255, 0]));
    }

    #[test]
    fn opaque_alpha_is_dropped() {
        let png = encode(1, 1, 4, &[10, 255]);
        let p = decode(&png).unwrap();
        assert_eq!((p.channels, p.alpha), (1, None));
    }

    #[test]
    fn other_kinds_of_png_are_unsupported_not_misread() {
        let mut png = encode(1, 1, 2, &[1, 2, 3]);
        // 16 bits per sample; then palette; then interlaced.
        for (at, value) in [(24, 16), (25, 3), (28, 1)] {
            let mut p = png.clone();
            p[at] = value;
            assert_eq!(decode(&p).err(), Some(PngError::Unsupported), "{at}");
        }
        // A tRNS chunk before the data.
        let trns = [
            0, 0, 0, 6, b't', b'R', b'N', b'S', 0, 1, 0, 2, 0, 3, 0, 0, 0, 0,
        ];
        png.splice(33..33, trns);
        assert_eq!(decode(&png).err(), Some(PngError::Unsupported));
    }

    #[test]
    fn every_filter_type_is_undone() {
        // Rows of 2 RGB pixels, each with a different filter; the expected
        // pixels are computed by hand from the PNG specification's formulas.
        let raw: Vec<u8> = [
            [0u8, 10, 20, 30, 40, 50, 60], // None
            [1, 1, 2, 3, 4, 5, 6],         // Sub: 1 2 3 5 7 9
            [2, 1, 1, 1, 1, 1, 1],         // Up: 2 3 4 6 8 10
            [3, 0, 0, 0, 0, 0, 0],         // Average: 1 1 2 3 4 6
            [4, 0, 0, 0, 0, 0, 0],         // Paeth: 1 1 2 3 4 6
        ]
        .concat();
        let mut png = png_header::SIGNATURE.to_vec();
        let mut chunk = |kind: &[u8], body: &[u8]| {
            png.extend((body.len() as u32).to_be_bytes());
            png.extend(kind);
            png.extend(body);
            png.extend([0, 0, 0, 0]);
        };
        chunk(b"IHDR", &[0, 0, 0, 2, 0, 0, 0, 5, 8, 2, 0, 0, 0]);
        chunk(
            b"IDAT",
            &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6),
        );
        chunk(b"IEND", &[]);
        let p = decode(&png).unwrap();
        assert_eq!(
            p.color,
            [
                [10u8, 20, 30, 40, 50, 60],
                [1, 2, 3, 5, 7, 9],
                [2, 3, 4, 6, 8, 10],
                [1, 1, 2, 3, 4, 6],
                [1, 1, 2, 3, 4, 6],
            ]
            .concat()
        );
    }

    #[test]
    fn truncated_images_are_errors_not_panics() {
        let png = encode(4, 4, 6, &[7; 64]);
        for cut in 0..png.len() {
            let _ = decode(&png[..cut]);
        }
        assert_eq!(decode(b"nope").err(), Some(PngError::NotPng));
    }
}
