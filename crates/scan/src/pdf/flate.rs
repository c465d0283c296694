//! FlateDecode (§7.4.4), inflated up to a limit, and its PNG and TIFF
//! predictors (Table 8).

use crate::{Codec, ImageError};
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::{decompress_to_vec_with_limit, decompress_to_vec_zlib_with_limit};

/// The predictor parameters of a stream's /DecodeParms.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Predictor {
    pub predictor: i64,
    pub colors: i64,
    pub bits_per_component: i64,
    pub columns: i64,
}

/// Inflates `data` to at most `limit` bytes. A stream cut short gives what
/// was inflated (a truncated scan still shows its top); one that inflates
/// past `limit` is refused.
pub(crate) fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, ImageError> {
    let result = decompress_to_vec_zlib_with_limit(data, limit).or_else(|e| {
        if e.status == TINFLStatus::Failed && e.output.is_empty() {
            // Some writers leave out the zlib header.
            decompress_to_vec_with_limit(data, limit)
        } else {
            Err(e)
        }
    });
    match result {
        Ok(v) => Ok(v),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => Err(ImageError::TooManyBytes {
            bytes: limit as u64 + 1,
            limit: limit as u64,
        }),
        Err(e) if !e.output.is_empty() => Ok(e.output),
        Err(e) => Err(ImageError::malformed(
            Codec::Flate,
            format!("{:?}", e.status),
        )),
    }
}

/// Undoes the predictor in place of `data`.
pub(crate) fn unpredict(data: Vec<u8>, p: Predictor) -> Result<Vec<u8>, ImageError> {
    if p.predictor <= 1 {
        return Ok(data);
    }
    let bad = |what: &str| ImageError::malformed(Codec::Flate, what);
    let colors = usize::try_from(p.colors.clamp(1, 32)).map_err(|_| bad("colors"))?;
    let bpc = usize::try_from(p.bits_per_component.clamp(1, 16)).map_err(|_| bad("bits"))?;
    let columns = usize::try_from(p.columns)
        .map_err(|_| bad("columns"))?
        .max(1);
    // Checked: /Columns comes from the file. A row longer than the data
    // is not a row of this image: refused, so nothing is allocated from
    // the declared width.
    let row = colors
        .checked_mul(bpc)
        .and_then(|bits| bits.checked_mul(columns))
        .map(|bits| bits.div_ceil(8))
        .filter(|&row| row >= 1 && row <= data.len())
        .ok_or_else(|| bad("predictor /Columns larger than the image's data"))?;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    if p.predictor == 2 {
        if bpc != 8 {
            return Err(ImageError::Unsupported(format!(
                "TIFF predictor at {bpc} bits"
            )));
        }
        let mut data = data;
        for line in data.chunks_mut(row) {
            for i in bpp..line.len() {
                let left = line.get(i - bpp).copied().unwrap_or(0);
                if let Some(v) = line.get_mut(i) {
                    *v = v.wrapping_add(left);
                }
            }
        }
        return Ok(data);
    }
    // PNG predictors (10-15): each row starts with its filter type.
    let mut out = Vec::with_capacity(data.len() / (row + 1) * row);
    let mut prev = vec![0u8; row];
    for line in data.chunks(row + 1) {
        let Some((&filter, body)) = line.split_first() else {
            break;
        };
        let mut cur = body.to_vec();
        cur.resize(row, 0);
        for i in 0..row {
            let a = if i >= bpp {
                cur.get(i - bpp).copied().unwrap_or(0)
            } else {
                0
            };
            let b = prev.get(i).copied().unwrap_or(0);
            let c = if i >= bpp {
                prev.get(i - bpp).copied().unwrap_or(0)
            } else {
                0
            };
            let add = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => acroform::png::paeth(a, b, c),
                _ => return Err(bad("PNG filter type")),
            };
            if let Some(v) = cur.get_mut(i) {
                *v = v.wrapping_add(add);
            }
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_up_predictor_adds_the_row_above() {
        let data = vec![0, 1, 2, 2, 1, 1];
        let p = Predictor {
            predictor: 12,
            colors: 1,
            bits_per_component: 8,
            columns: 2,
        };
        assert_eq!(unpredict(data, p).unwrap(), vec![1, 2, 2, 3]);
    }

    #[test]
    fn a_predictor_with_huge_columns_is_refused_without_allocating() {
        for (predictor, colors, columns) in [
            // 32 colours x 8 bits x 2^56 columns wraps to a zero-byte row.
            (2, 32, 1_i64 << 56),
            (12, 1, 1_000_000_000_000),
            (12, 32, i64::MAX),
            (15, 4, 1_000_000_000),
        ] {
            let p = Predictor {
                predictor,
                colors,
                bits_per_component: 8,
                columns,
            };
            assert!(
                unpredict(vec![2, 1, 1, 1, 1], p).is_err(),
                "{predictor} {colors} {columns}"
            );
        }
    }

    #[test]
    fn a_flate_bomb_is_refused_at_the_limit() {
        let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![0u8; 10_000_000], 10);
        assert!(matches!(
            inflate(&bomb, 1_000_000),
            Err(ImageError::TooManyBytes { .. })
        ));
    }
}
