//! [`Gray`]: the one image type the detector reads, 8 bits of luminance per
//! pixel, and the conversions into it.

/// An 8-bit grayscale image, rows top to bottom, 0 black and 255 white.
#[derive(Clone, PartialEq, Eq)]
pub struct Gray {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width × height` luminance values, row by row.
    pub pixels: Vec<u8>,
}

impl std::fmt::Debug for Gray {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gray({}×{})", self.width, self.height)
    }
}

/// ITU-R BT.601 luma, in integers (the weights add up to 256).
pub(crate) fn luma(r: u8, g: u8, b: u8) -> u8 {
    let y = (77 * u32::from(r) + 150 * u32::from(g) + 29 * u32::from(b)) >> 8;
    u8::try_from(y).unwrap_or(u8::MAX)
}

/// CMYK (0 no ink, 255 full ink) to luma, by the naive conversion to RGB that
/// PDF readers use for DeviceCMYK without a profile.
pub(crate) fn cmyk_luma(c: u8, m: u8, y: u8, k: u8) -> u8 {
    let ink = |v: u8| {
        let v = u16::from(v) + u16::from(k);
        u8::try_from(255u16.saturating_sub(v)).unwrap_or(0)
    };
    luma(ink(c), ink(m), ink(y))
}

impl Gray {
    /// An image from its pixels, or `None` if `pixels` is not
    /// `width × height` long.
    pub fn new(width: u32, height: u32, pixels: Vec<u8>) -> Option<Gray> {
        let len = usize::try_from(u64::from(width) * u64::from(height)).ok()?;
        (pixels.len() == len).then_some(Gray {
            width,
            height,
            pixels,
        })
    }

    /// An image from RGBA pixels (as a browser's canvas `ImageData` holds
    /// them), alpha ignored; `None` if `rgba` is not `width × height × 4`
    /// long.
    pub fn from_rgba(width: u32, height: u32, rgba: &[u8]) -> Option<Gray> {
        let pixels = rgba
            .chunks_exact(4)
            .map(|p| match p {
                [r, g, b, _] => luma(*r, *g, *b),
                _ => 0,
            })
            .collect();
        Gray::new(width, height, pixels)
    }

    /// An image from packed RGB pixels; `None` if `rgb` is not
    /// `width × height × 3` long.
    pub fn from_rgb(width: u32, height: u32, rgb: &[u8]) -> Option<Gray> {
        let pixels = rgb
            .chunks_exact(3)
            .map(|p| match p {
                [r, g, b] => luma(*r, *g, *b),
                _ => 0,
            })
            .collect();
        Gray::new(width, height, pixels)
    }

    /// The image reduced `factor` times in each direction, each pixel the
    /// mean of a `factor × factor` block (which also smooths scanner noise).
    pub fn downscale(&self, factor: u32) -> Gray {
        // At most 256 x 256 pixels a block: their sum fits a u32.
        let factor = factor.clamp(1, 256);
        let (w, h) = (self.width / factor, self.height / factor);
        if factor == 1 || w == 0 || h == 0 {
            return self.clone();
        }
        let f = factor as usize;
        let stride = self.width as usize;
        let mut sums = vec![0u32; w as usize];
        let mut pixels = Vec::with_capacity(w as usize * h as usize);
        let area = factor * factor;
        for by in 0..h as usize {
            sums.iter_mut().for_each(|s| *s = 0);
            for row in self.pixels.chunks_exact(stride).skip(by * f).take(f) {
                for (sum, block) in sums.iter_mut().zip(row.chunks_exact(f)) {
                    *sum += block.iter().map(|&v| u32::from(v)).sum::<u32>();
                }
            }
            pixels.extend(
                sums.iter()
                    .map(|s| u8::try_from(s / area).unwrap_or(u8::MAX)),
            );
        }
        Gray {
            width: w,
            height: h,
            pixels,
        }
    }

    /// The image smoothed by the mean of each pixel's 3×3 neighbourhood
    /// (the border rows and columns kept as they are).
    pub fn smoothed(&self) -> Gray {
        let w = self.width as usize;
        let mut pixels = self.pixels.clone();
        if w < 3 || self.height < 3 {
            return self.clone();
        }
        // Column sums of three rows, then a sliding sum along the row.
        let rows: Vec<&[u8]> = self.pixels.chunks_exact(w).collect();
        for (y, out) in pixels
            .chunks_exact_mut(w)
            .enumerate()
            .skip(1)
            .take(rows.len().saturating_sub(2))
        {
            let (Some(a), Some(b), Some(c)) = (rows.get(y - 1), rows.get(y), rows.get(y + 1))
            else {
                continue;
            };
            let cols: Vec<u16> = a
                .iter()
                .zip(b.iter())
                .zip(c.iter())
                .map(|((a, b), c)| u16::from(*a) + u16::from(*b) + u16::from(*c))
                .collect();
            for (x, window) in cols.windows(3).enumerate() {
                if let (Some(o), [l, m, r]) = (out.get_mut(x + 1), window) {
                    *o = u8::try_from((l + m + r) / 9).unwrap_or(u8::MAX);
                }
            }
        }
        Gray {
            width: self.width,
            height: self.height,
            pixels,
        }
    }

    /// The rows from `top` (included) to `bottom` (excluded), clamped to the
    /// image.
    pub fn rows(&self, top: u32, bottom: u32) -> Gray {
        let bottom = bottom.min(self.height);
        let top = top.min(bottom);
        let stride = self.width as usize;
        let pixels = self
            .pixels
            .get(top as usize * stride..bottom as usize * stride)
            .unwrap_or_default()
            .to_vec();
        Gray {
            width: self.width,
            height: bottom - top,
            pixels,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downscale_averages_blocks() {
        let g = Gray::new(4, 2, vec![0, 255, 10, 10, 255, 0, 10, 10]).unwrap();
        let d = g.downscale(2);
        assert_eq!((d.width, d.height), (2, 1));
        assert_eq!(d.pixels, vec![127, 10]);
    }

    #[test]
    fn rejects_pixels_of_the_wrong_length() {
        assert!(Gray::new(3, 3, vec![0; 8]).is_none());
        assert!(Gray::from_rgba(1, 1, &[1, 2, 3]).is_none());
    }
}
