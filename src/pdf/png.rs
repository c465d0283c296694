//! A small PNG decoder (PNG specification, ISO/IEC 15948): every colour type
//! and bit depth, Adam7 interlacing, palette and `tRNS` transparency, into
//! 8-bit gray or RGB samples plus an optional 8-bit alpha channel, which is
//! what a PDF image XObject and its `/SMask` need. Inflating is bounded by
//! the size the header announces, so a crafted file cannot allocate more.

use miniz_oxide::inflate::decompress_to_vec_zlib_with_limit;

/// The most pixels decoded from one image.
pub const MAX_PIXELS: u64 = 2048 * 2048;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PngError {
    NotPng,
    /// A chunk, the header or the pixel data is malformed or truncated.
    Corrupt,
    TooLarge,
    Unsupported,
}

impl std::fmt::Display for PngError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PngError::NotPng => "not a PNG image",
            PngError::Corrupt => "the PNG image is damaged",
            PngError::TooLarge => "the PNG image is too large",
            PngError::Unsupported => "the PNG image uses an unsupported format",
        })
    }
}

/// Decoded pixels: `channels` 8-bit samples per pixel (1 gray, 3 RGB), and
/// an alpha sample per pixel when the image has any transparency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub channels: u8,
    pub color: Vec<u8>,
    pub alpha: Option<Vec<u8>>,
}

struct Header {
    width: u32,
    height: u32,
    depth: u8,
    color_type: u8,
    interlaced: bool,
}

impl Header {
    /// Samples per pixel as stored.
    fn samples(&self) -> usize {
        match self.color_type {
            0 => 1,
            2 => 3,
            3 => 1,
            4 => 2,
            _ => 4,
        }
    }

    fn bits_per_pixel(&self) -> usize {
        self.samples() * usize::from(self.depth)
    }

    fn row_bytes(&self, width: u32) -> usize {
        (width as usize * self.bits_per_pixel()).div_ceil(8)
    }
}

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

pub fn decode(bytes: &[u8]) -> Result<Pixels, PngError> {
    if bytes.get(..8) != Some(&SIGNATURE[..]) {
        return Err(PngError::NotPng);
    }
    let mut pos = 8;
    let mut header: Option<Header> = None;
    let mut palette: &[u8] = &[];
    let mut trns: &[u8] = &[];
    let mut idat: Vec<u8> = Vec::new();
    loop {
        let len_bytes = bytes.get(pos..pos + 4).ok_or(PngError::Corrupt)?;
        let len =
            u32::from_be_bytes([len_bytes[0], len_bytes[1], len_bytes[2], len_bytes[3]]) as usize;
        let kind = bytes.get(pos + 4..pos + 8).ok_or(PngError::Corrupt)?;
        let data = bytes
            .get(pos + 8..pos.saturating_add(8).saturating_add(len))
            .ok_or(PngError::Corrupt)?;
        pos = pos.saturating_add(12).saturating_add(len);
        match kind {
            b"IHDR" => {
                let [w0, w1, w2, w3, h0, h1, h2, h3, depth, color_type, compression, filter, interlace] =
                    <[u8; 13]>::try_from(data).map_err(|_| PngError::Corrupt)?;
                let h = Header {
                    width: u32::from_be_bytes([w0, w1, w2, w3]),
                    height: u32::from_be_bytes([h0, h1, h2, h3]),
                    depth,
                    color_type,
                    interlaced: interlace == 1,
                };
                let valid_depth = match color_type {
                    0 => matches!(depth, 1 | 2 | 4 | 8 | 16),
                    3 => matches!(depth, 1 | 2 | 4 | 8),
                    2 | 4 | 6 => matches!(depth, 8 | 16),
                    _ => false,
                };
                if !valid_depth || compression != 0 || filter != 0 || interlace > 1 {
                    return Err(PngError::Unsupported);
                }
                if h.width == 0 || h.height == 0 {
                    return Err(PngError::Corrupt);
                }
                if u64::from(h.width) * u64::from(h.height) > MAX_PIXELS {
                    return Err(PngError::TooLarge);
                }
                header = Some(h);
            }
            b"PLTE" => palette = data,
            b"tRNS" => trns = data,
            b"IDAT" => {
                if idat.len().saturating_add(data.len()) > bytes.len() {
                    return Err(PngError::Corrupt);
                }
                idat.extend_from_slice(data);
            }
            b"IEND" => break,
            _ => {}
        }
    }
    let h = header.ok_or(PngError::Corrupt)?;
    let expected = raw_size(&h);
    let raw = decompress_to_vec_zlib_with_limit(&idat, expected).map_err(|_| PngError::Corrupt)?;
    if raw.len() < expected {
        return Err(PngError::Corrupt);
    }
    if h.depth == 8 && !h.interlaced && matches!(h.color_type, 0 | 2 | 4 | 6) && trns.is_empty() {
        return Ok(fast_8bit(&h, &raw));
    }
    let samples = unfilter_all(&h, &raw)?;
    to_pixels(&h, &samples, palette, trns)
}

/// The common case (what browsers' canvases export): 8-bit, not
/// interlaced, no palette. Rows are unfiltered in place and split into
/// colour and alpha directly.
fn fast_8bit(h: &Header, raw: &[u8]) -> Pixels {
    let spp = h.samples();
    let rb = h.row_bytes(h.width);
    let n = h.width as usize * h.height as usize;
    let has_alpha = matches!(h.color_type, 4 | 6);
    let channels = spp - usize::from(has_alpha);
    let mut color = Vec::with_capacity(n * channels);
    let mut alpha = Vec::with_capacity(if has_alpha { n } else { 0 });
    let mut prev = vec![0u8; rb];
    for row in raw.chunks_exact(rb + 1).take(h.height as usize) {
        let (filter, data) = (row[0], &row[1..]);
        let mut cur = data.to_vec();
        // A bad filter byte leaves the row as stored rather than failing.
        let _ = unfilter(filter, &mut cur, &prev, spp);
        if has_alpha {
            for px in cur.chunks_exact(spp) {
                color.extend_from_slice(&px[..channels]);
                alpha.push(px[channels]);
            }
        } else {
            color.extend_from_slice(&cur);
        }
        prev = cur;
    }
    let alpha = (has_alpha && alpha.iter().any(|&a| a != 255)).then_some(alpha);
    Pixels {
        width: h.width,
        height: h.height,
        channels: channels as u8,
        color,
        alpha,
    }
}

/// Adam7 passes: (x start, y start, x step, y step).
const ADAM7: [(u32, u32, u32, u32); 7] = [
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
];

fn passes(h: &Header) -> Vec<(u32, u32, u32, u32, u32, u32)> {
    if !h.interlaced {
        return vec![(0, 0, 1, 1, h.width, h.height)];
    }
    ADAM7
        .iter()
        .map(|&(x0, y0, dx, dy)| {
            let w = (h.width.saturating_sub(x0)).div_ceil(dx);
            let hh = (h.height.saturating_sub(y0)).div_ceil(dy);
            (x0, y0, dx, dy, w, hh)
        })
        .collect()
}

fn raw_size(h: &Header) -> usize {
    passes(h)
        .iter()
        .filter(|p| p.4 > 0 && p.5 > 0)
        .map(|p| (h.row_bytes(p.4) + 1) * p.5 as usize)
        .sum()
}

/// Undoes the per-row filters (PNG specification, section 9) and returns
/// one unpacked sample value (0..=65535) per sample, in raster order.
fn unfilter_all(h: &Header, raw: &[u8]) -> Result<Vec<u16>, PngError> {
    let spp = h.samples();
    let total = h.width as usize * h.height as usize * spp;
    let mut out = vec![0u16; total];
    let bpp = h.bits_per_pixel().div_ceil(8).max(1);
    let mut offset = 0;
    for (x0, y0, dx, dy, pw, ph) in passes(h) {
        if pw == 0 || ph == 0 {
            continue;
        }
        let rb = h.row_bytes(pw);
        let mut prev = vec![0u8; rb];
        for row in 0..ph {
            let filter = *raw.get(offset).ok_or(PngError::Corrupt)?;
            let mut cur = raw
                .get(offset + 1..offset + 1 + rb)
                .ok_or(PngError::Corrupt)?
                .to_vec();
            offset += rb + 1;
            unfilter(filter, &mut cur, &prev, bpp)?;
            let y = (y0 + row * dy) as usize;
            for col in 0..pw as usize {
                let x = x0 as usize + col * dx as usize;
                for s in 0..spp {
                    let v = sample(&cur, col * spp + s, h.depth);
                    if let Some(slot) = out.get_mut((y * h.width as usize + x) * spp + s) {
                        *slot = v;
                    }
                }
            }
            prev = cur;
        }
    }
    Ok(out)
}

fn unfilter(filter: u8, cur: &mut [u8], prev: &[u8], bpp: usize) -> Result<(), PngError> {
    let n = cur.len();
    match filter {
        0 => {}
        1 => {
            for i in bpp..n {
                cur[i] = cur[i].wrapping_add(cur[i - bpp]);
            }
        }
        2 => {
            for (c, &p) in cur.iter_mut().zip(prev) {
                *c = c.wrapping_add(p);
            }
        }
        3 => {
            for i in 0..n {
                let left = if i >= bpp { u16::from(cur[i - bpp]) } else { 0 };
                let up = u16::from(prev.get(i).copied().unwrap_or(0));
                cur[i] = cur[i].wrapping_add(((left + up) / 2) as u8);
            }
        }
        4 => {
            for i in 0..n {
                let a = if i >= bpp { cur[i - bpp] } else { 0 };
                let b = prev.get(i).copied().unwrap_or(0);
                let c = if i >= bpp {
                    prev.get(i - bpp).copied().unwrap_or(0)
                } else {
                    0
                };
                cur[i] = cur[i].wrapping_add(paeth(a, b, c));
            }
        }
        _ => return Err(PngError::Corrupt),
    }
    Ok(())
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
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

/// The `index`-th sample of a row at the given bit depth.
fn sample(row: &[u8], index: usize, depth: u8) -> u16 {
    match depth {
        16 => {
            let hi = row.get(index * 2).copied().unwrap_or(0);
            let lo = row.get(index * 2 + 1).copied().unwrap_or(0);
            u16::from_be_bytes([hi, lo])
        }
        8 => u16::from(row.get(index).copied().unwrap_or(0)),
        d => {
            let d = usize::from(d);
            let bit = index * d;
            let byte = row.get(bit / 8).copied().unwrap_or(0);
            let shift = 8 - d - bit % 8;
            u16::from((byte >> shift) & ((1u8 << d) - 1))
        }
    }
}

/// Scales a sample to 8 bits.
fn to8(v: u16, depth: u8) -> u8 {
    match depth {
        16 => (v >> 8) as u8,
        8 => v as u8,
        d => {
            let max = (1u16 << d) - 1;
            ((u32::from(v) * 255) / u32::from(max.max(1))) as u8
        }
    }
}

fn to_pixels(h: &Header, s: &[u16], palette: &[u8], trns: &[u8]) -> Result<Pixels, PngError> {
    let n = h.width as usize * h.height as usize;
    let d = h.depth;
    let be16 = |b: &[u8], i: usize| {
        u16::from_be_bytes([
            b.get(i).copied().unwrap_or(0),
            b.get(i + 1).copied().unwrap_or(0),
        ])
    };
    let (channels, color, alpha): (u8, Vec<u8>, Option<Vec<u8>>) = match h.color_type {
        0 => {
            let key = (trns.len() >= 2).then(|| be16(trns, 0));
            let color = s.iter().map(|&v| to8(v, d)).collect();
            let alpha = key.map(|k| s.iter().map(|&v| if v == k { 0 } else { 255 }).collect());
            (1, color, alpha)
        }
        2 => {
            let key = (trns.len() >= 6).then(|| [be16(trns, 0), be16(trns, 2), be16(trns, 4)]);
            let color = s.iter().map(|&v| to8(v, d)).collect();
            let alpha = key.map(|k| {
                s.chunks_exact(3)
                    .map(|p| if p == k { 0 } else { 255 })
                    .collect()
            });
            (3, color, alpha)
        }
        3 => {
            if palette.is_empty() || !palette.len().is_multiple_of(3) {
                return Err(PngError::Corrupt);
            }
            let mut color = Vec::with_capacity(n * 3);
            for &i in s {
                let i = usize::from(i);
                let rgb = palette.get(i * 3..i * 3 + 3).ok_or(PngError::Corrupt)?;
                color.extend_from_slice(rgb);
            }
            let alpha = (!trns.is_empty()).then(|| {
                s.iter()
                    .map(|&i| trns.get(usize::from(i)).copied().unwrap_or(255))
                    .collect()
            });
            (3, color, alpha)
        }
        4 => {
            let color = s.iter().step_by(2).map(|&v| to8(v, d)).collect();
            let alpha = s.iter().skip(1).step_by(2).map(|&v| to8(v, d)).collect();
            (1, color, Some(alpha))
        }
        _ => {
            let mut color = Vec::with_capacity(n * 3);
            let mut alpha = Vec::with_capacity(n);
            for p in s.chunks_exact(4) {
                color.extend(p[..3].iter().map(|&v| to8(v, d)));
                alpha.push(to8(p[3], d));
            }
            (3, color, Some(alpha))
        }
    };
    // An alpha channel that is opaque everywhere is no alpha at all.
    let alpha = alpha.filter(|a: &Vec<u8>| a.iter().any(|&v| v != 255));
    Ok(Pixels {
        width: h.width,
        height: h.height,
        channels,
        color,
        alpha,
    })
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
        let mut out = SIGNATURE.to_vec();
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
    fn truncated_images_are_errors_not_panics() {
        let png = encode(4, 4, 6, &[7; 64]);
        for cut in 0..png.len() {
            let _ = decode(&png[..cut]);
        }
        assert_eq!(decode(b"nope").err(), Some(PngError::NotPng));
    }
}
