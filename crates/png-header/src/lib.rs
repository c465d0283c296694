//! The PNG signature and `IHDR` chunk (PNG specification, ISO/IEC 15948,
//! sections 5.2 and 11.2.2), parsed into a typed [`Header`]: one check that
//! the code accepting an image and the code decoding it can share, so that
//! both agree on what an image is.
//!
//! ```
//! // A browser canvas's `toDataURL()` PNG starts like this: 8-bit RGBA.
//! let mut png = png_header::SIGNATURE.to_vec();
//! png.extend([0, 0, 0, 13]);
//! png.extend(b"IHDR");
//! png.extend(640u32.to_be_bytes());
//! png.extend(200u32.to_be_bytes());
//! png.extend([8, 6, 0, 0, 0]);
//! let h = png_header::parse(&png)?;
//! assert_eq!((h.width, h.height, h.color_type), (640, 200, png_header::ColorType::Rgba));
//! assert!(h.is_simple());
//! # Ok::<(), png_header::HeaderError>(())
//! ```

#![deny(missing_docs)]

/// The eight bytes every PNG starts with.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// How a pixel's samples are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColorType {
    /// One gray sample.
    Gray,
    /// Red, green, blue.
    Rgb,
    /// An index into the `PLTE` palette.
    Indexed,
    /// Gray and alpha.
    GrayAlpha,
    /// Red, green, blue and alpha.
    Rgba,
}

impl ColorType {
    /// Samples per pixel as stored.
    pub fn samples(self) -> usize {
        match self {
            ColorType::Gray | ColorType::Indexed => 1,
            ColorType::GrayAlpha => 2,
            ColorType::Rgb => 3,
            ColorType::Rgba => 4,
        }
    }

    /// Whether the last sample of each pixel is alpha.
    pub fn has_alpha(self) -> bool {
        matches!(self, ColorType::GrayAlpha | ColorType::Rgba)
    }
}

/// A checked `IHDR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Header {
    /// Width in pixels, at least 1.
    pub width: u32,
    /// Height in pixels, at least 1.
    pub height: u32,
    /// Bits per sample: 1, 2, 4, 8 or 16, as the colour type allows.
    pub bit_depth: u8,
    /// How the samples are stored.
    pub color_type: ColorType,
    /// Adam7 interlacing.
    pub interlaced: bool,
}

impl Header {
    /// Whether the image is stored the way browsers' canvases write PNGs:
    /// 8 bits per sample, gray or RGB with or without alpha, not
    /// interlaced.
    pub fn is_simple(&self) -> bool {
        self.bit_depth == 8 && !self.interlaced && self.color_type != ColorType::Indexed
    }
}

/// Why the bytes are not a PNG this crate accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum HeaderError {
    /// No PNG signature.
    #[error("not a PNG image")]
    NotPng,
    /// The `IHDR` chunk is missing, truncated or holds invalid values.
    #[error("the PNG image's header is damaged")]
    Corrupt,
}

/// Checks the signature and parses the `IHDR` chunk that must follow it.
pub fn parse(bytes: &[u8]) -> Result<Header, HeaderError> {
    if bytes.get(..8) != Some(&SIGNATURE[..]) {
        return Err(HeaderError::NotPng);
    }
    let Some(
        &[0, 0, 0, 13, b'I', b'H', b'D', b'R', w0, w1, w2, w3, h0, h1, h2, h3, bit_depth, color, compression, filter, interlace, ..],
    ) = bytes.get(8..29)
    else {
        return Err(HeaderError::Corrupt);
    };
    let color_type = match color {
        0 => ColorType::Gray,
        2 => ColorType::Rgb,
        3 => ColorType::Indexed,
        4 => ColorType::GrayAlpha,
        6 => ColorType::Rgba,
        _ => return Err(HeaderError::Corrupt),
    };
    let depth_ok = match color_type {
        ColorType::Gray => matches!(bit_depth, 1 | 2 | 4 | 8 | 16),
        ColorType::Indexed => matches!(bit_depth, 1 | 2 | 4 | 8),
        _ => matches!(bit_depth, 8 | 16),
    };
    let width = u32::from_be_bytes([w0, w1, w2, w3]);
    let height = u32::from_be_bytes([h0, h1, h2, h3]);
    // The specification caps both sides at 2^31 - 1.
    let side_ok = |s: u32| s > 0 && s <= i32::MAX as u32;
    if !depth_ok
        || compression != 0
        || filter != 0
        || interlace > 1
        || !side_ok(width)
        || !side_ok(height)
    {
        return Err(HeaderError::Corrupt);
    }
    Ok(Header {
        width,
        height,
        bit_depth,
        color_type,
        interlaced: interlace == 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(ihdr: &[u8]) -> Vec<u8> {
        let mut v = SIGNATURE.to_vec();
        v.extend([0, 0, 0, 13]);
        v.extend(b"IHDR");
        v.extend(ihdr);
        v
    }

    #[test]
    fn every_prefix_and_every_bad_value_is_an_error() {
        let good = png(&[0, 0, 0, 2, 0, 0, 0, 3, 8, 6, 0, 0, 0]);
        assert!(parse(&good).is_ok_and(|h| h.is_simple()));
        for cut in 0..good.len() {
            assert!(parse(&good[..cut]).is_err());
        }
        for (i, bad) in [
            (3, 0),
            (7, 0),
            (8, 7),
            (9, 5),
            (10, 1),
            (11, 1),
            (12, 2),
            (9, 3),
        ] {
            let mut ihdr = [0, 0, 0, 2, 0, 0, 0, 3, 16, 6, 0, 0, 0];
            ihdr[i] = bad;
            assert_eq!(
                parse(&png(&ihdr)).err(),
                Some(HeaderError::Corrupt),
                "{i}={bad}"
            );
        }
    }

    #[test]
    fn palette_sixteen_bit_and_interlaced_images_are_not_simple() {
        for ihdr in [
            [0, 0, 0, 1, 0, 0, 0, 1, 8, 3, 0, 0, 0],
            [0, 0, 0, 1, 0, 0, 0, 1, 16, 2, 0, 0, 0],
            [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 1],
        ] {
            assert!(!parse(&png(&ihdr)).unwrap().is_simple());
        }
    }
}
