//! The bilevel codecs of PDF: CCITTFaxDecode (§7.4.6, with hayro-ccitt)
//! and JBIG2Decode (§7.4.7, with hayro-jbig2). Both give packed rows in
//! which a 0 bit is black, as the image's colour space then reads them
//! (DeviceGray at 1 bit: 0 black, 1 white).

use crate::{Codec, ImageError, Limits};

/// Packed rows being filled, one bit a pixel, white (1) by default.
struct Rows {
    width: usize,
    stride: usize,
    height: usize,
    data: Vec<u8>,
    row: usize,
    x: usize,
}

impl Rows {
    fn new(width: u32, height: u32) -> Rows {
        let stride = (width as usize).div_ceil(8);
        Rows {
            width: width as usize,
            stride,
            height: height as usize,
            data: vec![0xFF; stride * height as usize],
            row: 0,
            x: 0,
        }
    }

    fn black(&mut self, x: usize) {
        if x < self.width {
            if let Some(b) = self.data.get_mut(self.row * self.stride + x / 8) {
                *b &= !(0x80 >> (x % 8));
            }
        }
    }
}

/// The /DecodeParms of a CCITTFaxDecode stream (Table 11).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CcittParams {
    pub k: i64,
    pub columns: u32,
    pub rows: u32,
    pub black_is_1: bool,
    pub encoded_byte_align: bool,
    pub end_of_block: bool,
}

impl hayro_ccitt::Decoder for Rows {
    fn push_row(&mut self, changes: &[u32]) {
        // Rows past the declared height (a stream longer than /Rows, or
        // a wrong /Columns) are dropped: the image keeps its checked size.
        if self.row >= self.height {
            return;
        }
        for pair in changes.chunks(2) {
            let start = pair.first().copied().unwrap_or(0) as usize;
            let end = pair
                .get(1)
                .map_or(self.width, |e| *e as usize)
                .min(self.width);
            for x in start..end {
                self.black(x);
            }
        }
        self.row += 1;
    }
}

/// Decodes a CCITT G3 or G4 stream of `width × height` pixels (the image
/// dictionary's, already checked) to packed rows, 0 black unless
/// /BlackIs1. A stream that breaks off leaves the rows after it white.
pub(crate) fn ccitt(
    data: &[u8],
    width: u32,
    height: u32,
    p: CcittParams,
) -> Result<Vec<u8>, ImageError> {
    use hayro_ccitt::{DecodeSettings, DecoderContext, EncodingMode};
    let settings = DecodeSettings {
        columns: p.columns,
        rows: p.rows.min(height),
        end_of_block: p.end_of_block,
        end_of_line: false,
        rows_are_byte_aligned: p.encoded_byte_align,
        encoding: match p.k {
            k if k < 0 => EncodingMode::Group4,
            0 => EncodingMode::Group3_1D,
            _ => EncodingMode::Group3_2D,
        },
        strict: false,
    };
    let mut rows = Rows::new(width, height);
    let mut ctx = DecoderContext::new(settings);
    let result = hayro_ccitt::decode(data, &mut rows, &mut ctx);
    if let Err(e) = result {
        if rows.row == 0 {
            return Err(ImageError::malformed(Codec::Ccitt, format!("{e:?}")));
        }
    }
    let mut data = rows.data;
    if p.black_is_1 {
        data.iter_mut().for_each(|b| *b = !*b);
    }
    Ok(data)
}

impl hayro_jbig2::Decoder for Rows {
    fn push_pixel(&mut self, black: bool) {
        if black {
            self.black(self.x);
        }
        self.x += 1;
    }

    fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
        if black {
            for _ in 0..chunk_count as usize * 8 {
                self.black(self.x);
                self.x += 1;
            }
        } else {
            self.x += chunk_count as usize * 8;
        }
    }

    fn next_line(&mut self) {
        self.row += 1;
        self.x = 0;
    }
}

/// Decodes a JBIG2 embedded stream (with its /JBIG2Globals) to packed
/// rows, 0 black. The page information segment's size is checked against
/// the [`Limits`] before the page bitmap is made; it must also match the
/// image dictionary's /Width and /Height.
pub(crate) fn jbig2(
    data: &[u8],
    globals: Option<&[u8]>,
    width: u32,
    height: u32,
    limits: &Limits,
) -> Result<Vec<u8>, ImageError> {
    let malformed =
        |e: hayro_jbig2::DecodeError| ImageError::malformed(Codec::Jbig2, format!("{e:?}"));
    let settings = hayro_jbig2::DecodeSettings::default();
    let globals = match globals {
        Some(g) => Some(hayro_jbig2::Globals::new(g, &settings).map_err(malformed)?),
        None => None,
    };
    let page =
        hayro_jbig2::Page::new_embedded(data, globals.as_ref(), &settings).map_err(malformed)?;
    // The decoder allocates the page bitmap from these, a byte a pixel.
    limits.check_image(u64::from(page.width()), u64::from(page.height()), 2)?;
    if (page.width(), page.height()) != (width, height) {
        return Err(ImageError::malformed(
            Codec::Jbig2,
            format!(
                "page {}×{} but image {width}×{height}",
                page.width(),
                page.height()
            ),
        ));
    }
    let mut rows = Rows::new(width, height);
    page.decode(&mut rows).map_err(malformed)?;
    Ok(rows.data)
}
