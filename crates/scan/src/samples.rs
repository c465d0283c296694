//! Raw image samples (a PDF image's, once its filters have run, or a
//! TIFF's bilevel rows) to [`Gray`]: bits per component, colour space and
//! the /Decode array, as PDF 32000-1 §8.9.5 lays them out.

use crate::gray::{cmyk_luma, luma};
use crate::{Codec, Gray, ImageError};

/// The colour spaces the samples may be in (§8.6), each reduced to gray.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Space {
    /// DeviceGray, CalGray, or a one-component ICCBased.
    Gray,
    /// DeviceRGB, CalRGB, or a three-component ICCBased.
    Rgb,
    /// DeviceCMYK, or a four-component ICCBased.
    Cmyk,
    /// Lab: the lightness alone.
    Lab,
    /// Indexed: one component, an index into `gray`, the palette's colours
    /// already reduced to gray.
    Indexed(Vec<u8>),
}

impl Space {
    pub(crate) fn components(&self) -> usize {
        match self {
            Space::Gray | Space::Indexed(_) => 1,
            Space::Rgb | Space::Lab => 3,
            Space::Cmyk => 4,
        }
    }

    /// The default /Decode range of each component (§8.9.5.2, Table 90).
    fn default_range(&self, bpc: u8) -> (f32, f32) {
        match self {
            Space::Indexed(_) => (0.0, f32::from((1u16 << bpc.min(15)) - 1)),
            Space::Lab => (0.0, 100.0),
            _ => (0.0, 1.0),
        }
    }

    /// A colour of this space, given as bytes per component (0-255, for Lab
    /// the lightness scaled to 0-255), to gray.
    pub(crate) fn gray_of(&self, c: &[u8]) -> u8 {
        match (self, c) {
            (Space::Rgb, [r, g, b, ..]) => luma(*r, *g, *b),
            (Space::Cmyk, [c, m, y, k, ..]) => cmyk_luma(*c, *m, *y, *k),
            (Space::Indexed(palette), [i, ..]) => {
                palette.get(usize::from(*i)).copied().unwrap_or(0)
            }
            (_, [v, ..]) => *v,
            _ => 0,
        }
    }
}

/// Image samples packed in rows, each row starting on a byte boundary.
pub(crate) struct Samples<'a> {
    pub width: u32,
    pub height: u32,
    pub bits_per_component: u8,
    pub space: Space,
    /// The /Decode array, one (min, max) per component, if given.
    pub decode: Option<Vec<(f32, f32)>>,
    pub data: &'a [u8],
}

impl Samples<'_> {
    /// Bytes in one packed row.
    pub(crate) fn row_bytes(width: u32, components: usize, bpc: u8) -> u64 {
        (u64::from(width) * components as u64 * u64::from(bpc)).div_ceil(8)
    }

    /// The samples as gray. Rows missing at the end (a truncated stream)
    /// are white.
    pub(crate) fn to_gray(&self) -> Result<Gray, ImageError> {
        let bpc = self.bits_per_component;
        if !matches!(bpc, 1 | 2 | 4 | 8 | 16) {
            return Err(ImageError::Unsupported(format!("{bpc} bits per component")));
        }
        let comps = self.space.components();
        let stride = usize::try_from(Self::row_bytes(self.width, comps, bpc))
            .map_err(|_| ImageError::malformed(Codec::Samples, "row too long"))?;
        let luts = self.lookup_tables(comps);
        let width = self.width as usize;
        let mut pixels = Vec::with_capacity(width * self.height as usize);
        let mut values = vec![0u8; comps];
        let mut rows = self.data.chunks(stride.max(1));
        for _ in 0..self.height {
            let row = rows.next().unwrap_or_default();
            if row.len() < stride {
                pixels.resize(pixels.len() + width, 255);
                continue;
            }
            for x in 0..width {
                for (c, value) in values.iter_mut().enumerate() {
                    let raw = sample(row, x * comps + c, bpc);
                    *value = luts
                        .get(c)
                        .and_then(|lut| lut.get(usize::from(raw)))
                        .copied()
                        .unwrap_or(0);
                }
                pixels.push(self.space.gray_of(&values));
            }
        }
        Gray::new(self.width, self.height, pixels)
            .ok_or_else(|| ImageError::malformed(Codec::Samples, "size mismatch"))
    }

    /// For each component, every raw value (0 to 2^bpc - 1; for 16 bits,
    /// the high byte) to the byte [`Space::gray_of`] takes, through /Decode.
    fn lookup_tables(&self, comps: usize) -> Vec<Vec<u8>> {
        let bits = self.bits_per_component.min(8);
        let max = (1u16 << bits) - 1;
        let default = self.space.default_range(self.bits_per_component);
        (0..comps)
            .map(|c| {
                let (lo, hi) = self
                    .decode
                    .as_ref()
                    .and_then(|d| d.get(c).copied())
                    .unwrap_or(default);
                (0..=max)
                    .map(|v| {
                        let t = f32::from(v) / f32::from(max.max(1));
                        let d = lo + t * (hi - lo);
                        let byte = match &self.space {
                            // Indexes stay indexes (an 8-bit one is at most 255).
                            Space::Indexed(_) => d.round(),
                            Space::Lab => d / 100.0 * 255.0,
                            _ => d * 255.0,
                        };
                        byte.round().clamp(0.0, 255.0) as u8
                    })
                    .collect()
            })
            .collect()
    }
}

/// The `index`-th sample of a packed row; for 16 bits, its high byte.
fn sample(row: &[u8], index: usize, bpc: u8) -> u8 {
    match bpc {
        8 => row.get(index).copied().unwrap_or(0),
        16 => row.get(index * 2).copied().unwrap_or(0),
        _ => {
            let bit = index * usize::from(bpc);
            let byte = row.get(bit / 8).copied().unwrap_or(0);
            let shift = 8 - usize::from(bpc) - bit % 8;
            (byte >> shift) & ((1u8 << bpc) - 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bit_gray_maps_zero_to_black_and_decode_inverts() {
        let data = [0b1010_0000u8];
        let mut s = Samples {
            width: 4,
            height: 1,
            bits_per_component: 1,
            space: Space::Gray,
            decode: None,
            data: &data,
        };
        assert_eq!(s.to_gray().unwrap().pixels, vec![255, 0, 255, 0]);
        s.decode = Some(vec![(1.0, 0.0)]);
        assert_eq!(s.to_gray().unwrap().pixels, vec![0, 255, 0, 255]);
    }

    #[test]
    fn indexed_looks_up_the_palette_and_missing_rows_are_white() {
        let data = [1u8, 0];
        let s = Samples {
            width: 2,
            height: 2,
            bits_per_component: 8,
            space: Space::Indexed(vec![10, 200]),
            decode: None,
            data: &data,
        };
        assert_eq!(s.to_gray().unwrap().pixels, vec![200, 10, 255, 255]);
    }
}
