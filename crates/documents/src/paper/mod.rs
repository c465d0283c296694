//! Paper returns: the QR codes printed on every page, so that a page that
//! was printed, signed by hand and scanned can be read back as data.
//!
//! - [`codes`] is what the codes say: the row the back office records (on
//!   the first page of each document), and on every page the document's
//!   id, "page i of n" and a digest of the page's drawing, so a missing,
//!   repeated or swapped page is found;
//! - [`base45`] writes bytes in the QR code's alphanumeric mode;
//! - [`returns`] sorts the codes read from a scanned return into its
//!   documents, pages and row;
//! - this module draws the codes as vector rectangles in the page content
//!   (no image, so PDF/A holds and the print is sharp), where a stamp or a
//!   signature cannot cover them: the page code in the bottom margin at
//!   the right, under the page number, and the data codes at the top
//!   right of the first page, in the band the templates keep free for
//!   them ([`DATA_AREA`]).
//!
//! The printed size is chosen for a 200 dpi office scanner: modules of
//! [`MODULE_PT`] (0.42 mm: 5 dots of a 300 dpi printer, 3.3 pixels of a
//! 200 dpi scan), error correction M (15 % of the code may be lost), a
//! quiet zone of four modules. The codes are never drawn smaller: data
//! that does not fit one code of [`MAX_DATA_VERSION`] is cut across
//! several ([`data_parts`]), side by side.

pub mod base45;
pub mod codes;
pub mod returns;

use acroform::content::{Color, Content, Rect};
use codes::{Data, DataPart};
use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

/// A module's side: 1.2 pt, 0.423 mm.
pub const MODULE_PT: f32 = 1.2;
/// The quiet zone around a code, in modules (ISO/IEC 18004, 4.2).
pub const QUIET_MODULES: f32 = 4.0;
/// Every code is at least version 2 (25 modules), so the page codes of
/// templates and filled documents are the same size in the same place.
const MIN_VERSION: u8 = 2;
/// The page code: version 2, 25 modules, 30 pt (10.6 mm).
pub const PAGE_CODE_VERSION: u8 = 2;
/// The largest data code: version 14, 73 modules, 87.6 pt (30.9 mm). A
/// typical renewal's row fits one (a test says how much room is left).
pub const MAX_DATA_VERSION: u8 = 14;

/// A rectangle on the page, in points from the bottom left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub x_pt: f32,
    pub y_pt: f32,
    pub size_pt: f32,
}

const PAGE_WIDTH_PT: f32 = 595.276;
const PAGE_HEIGHT_PT: f32 = 841.89;
/// The templates' margin, 18 mm.
const MARGIN_PT: f32 = 51.024;

/// The side of a code of `version`, in points, without its quiet zone.
pub const fn code_side_pt(version: u8) -> f32 {
    (17 + 4 * version as usize) as f32 * MODULE_PT
}

/// Where the page code goes: its right edge on the right margin, its
/// bottom 4.6 mm above the page's edge (inside what printers print), its
/// quiet zone clear of the footer's baseline (at the bottom margin).
pub const PAGE_AREA: Area = Area {
    x_pt: PAGE_WIDTH_PT - MARGIN_PT - code_side_pt(PAGE_CODE_VERSION),
    y_pt: 13.0,
    size_pt: code_side_pt(PAGE_CODE_VERSION),
};

/// How many data codes the first page of a document holds, side by side.
pub const DATA_CODES_PER_PAGE: usize = 2;

/// Where the data codes go on the first page of each document: a band at
/// the top right, its right edge on the right margin, its top 8 mm below
/// the page's edge (inside what printers print, with the quiet zone), [`DATA_CODES_PER_PAGE`] codes of [`MAX_DATA_VERSION`]
/// wide with a quiet zone between them. The templates keep it and its
/// quiet zone free of their header ([`DATA_AREA_CLEAR`]). The first code
/// is drawn at the band's right, a second one to its left.
pub const DATA_AREA: Band = Band {
    right_pt: PAGE_WIDTH_PT - MARGIN_PT,
    top_pt: PAGE_HEIGHT_PT - 22.677,
    width_pt: DATA_CODES_PER_PAGE as f32 * code_side_pt(MAX_DATA_VERSION)
        + (DATA_CODES_PER_PAGE as f32 - 1.0) * QUIET_MODULES * MODULE_PT,
    height_pt: code_side_pt(MAX_DATA_VERSION),
};

/// A band anchored at its top right corner, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub right_pt: f32,
    pub top_pt: f32,
    pub width_pt: f32,
    pub height_pt: f32,
}

/// The left and bottom edges of what the templates keep free on their
/// first page for the data codes: [`DATA_AREA`] with its quiet zone.
pub const DATA_AREA_CLEAR: (f32, f32) = (
    DATA_AREA.right_pt - DATA_AREA.width_pt - QUIET_MODULES * MODULE_PT,
    DATA_AREA.top_pt - DATA_AREA.height_pt - QUIET_MODULES * MODULE_PT,
);

/// Why a code could not be drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    /// The text is longer than the largest code allowed holds.
    #[error("the code's text does not fit a QR code of the readable size")]
    TooLong,
}

/// The QR code of `text` (alphanumeric mode, error correction M) of the
/// smallest version from 2 to `max_version` that holds it.
pub fn encode(text: &str, max_version: u8) -> Result<QrCode, DrawError> {
    if !QrSegment::is_alphanumeric(text) {
        return Err(DrawError::TooLong);
    }
    let segs = [QrSegment::make_alphanumeric(text)];
    QrCode::encode_segments_advanced(
        &segs,
        QrCodeEcc::Medium,
        Version::new(MIN_VERSION),
        Version::new(max_version.clamp(MIN_VERSION, 40)),
        None,
        false,
    )
    .map_err(|_| DrawError::TooLong)
}

/// The content that paints `qr` black, its top right corner at
/// (`right_pt`, `top_pt`): one rectangle per run of dark modules in a row,
/// in a coordinate system of one unit per module. Written with the
/// engine's own number writer, so the worker carries no float formatter.
pub fn draw(qr: &QrCode, right_pt: f32, top_pt: f32) -> Vec<u8> {
    let n = qr.size();
    let side = n as f32 * MODULE_PT;
    let mut c = Content::new();
    c.save_state().fill_color(&Color::Gray(0.0)).transform([
        MODULE_PT,
        0.0,
        0.0,
        MODULE_PT,
        right_pt - side,
        top_pt - side,
    ]);
    for row in 0..n {
        let mut x = 0;
        while x < n {
            if !qr.get_module(x, row) {
                x += 1;
                continue;
            }
            let start = x;
            while x < n && qr.get_module(x, row) {
                x += 1;
            }
            c.rect(Rect::from_xywh(
                start as f32,
                (n - 1 - row) as f32,
                (x - start) as f32,
                1.0,
            ));
        }
    }
    c.fill().restore_state();
    c.into_bytes()
}

/// The page code's content for `text`, in [`PAGE_AREA`].
pub fn page_code(text: &str) -> Result<Vec<u8>, DrawError> {
    let qr = encode(text, PAGE_CODE_VERSION)?;
    Ok(draw(
        &qr,
        PAGE_AREA.x_pt + PAGE_AREA.size_pt,
        PAGE_AREA.y_pt + PAGE_AREA.size_pt,
    ))
}

/// The largest deflated chunk one data code of [`MAX_DATA_VERSION`] holds:
/// its alphanumeric capacity less the prefix, in Base45 (3 symbols per 2
/// bytes), less a part's header and checksum.
pub fn max_chunk_bytes() -> usize {
    // ISO/IEC 18004, table 7: version 14-M holds 528 alphanumeric
    // characters. A test holds this to what qrcodegen fits.
    const CAPACITY: usize = 528;
    let symbols = CAPACITY - codes::PREFIX.len() - 1;
    // Three symbols per two bytes; two more symbols hold a last byte.
    let bytes = symbols / 3 * 2 + usize::from(symbols % 3 == 2);
    bytes - DataPart::HEADER_BYTES
}

/// The data codes of a document: one, or as many as the data needs.
pub fn data_parts(data: &Data) -> Vec<DataPart> {
    data.parts(max_chunk_bytes())
}

/// The content that paints the data codes in [`DATA_AREA`]: the first at
/// its right, the next to its left, with a quiet zone between them; at
/// most [`DATA_CODES_PER_PAGE`]. Parts past those are not printed: the
/// back office reads such a return's data as incomplete, never as other
/// data (see the tests for how long the values must be for that).
pub fn data_codes(parts: &[DataPart]) -> Result<Vec<u8>, DrawError> {
    let mut out = Vec::new();
    let mut right = DATA_AREA.right_pt;
    for p in parts.iter().take(DATA_CODES_PER_PAGE) {
        let qr = encode(&p.text(), MAX_DATA_VERSION)?;
        out.extend(draw(&qr, right, DATA_AREA.top_pt));
        right -= qr.size() as f32 * MODULE_PT + QUIET_MODULES * MODULE_PT;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::codes::{Code, DocKind};
    use super::*;
    use rinnovo_core::record::{Row, ROW_LEN};

    fn data(values: [String; ROW_LEN]) -> Data {
        Data {
            dati_sha256: [0xab; 32],
            doc: DocKind::SupportForm,
            page_digests: vec![[1; 6]],
            row: Row::from_values(values),
        }
    }

    #[test]
    fn the_largest_chunk_fills_a_code_of_the_largest_version() {
        let mut values: [String; ROW_LEN] = Default::default();
        // Text that does not deflate: a pseudo-random walk over letters.
        let mut x: u32 = 1;
        for v in values.iter_mut() {
            *v = (0..200)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    char::from(b'a' + ((x >> 16) % 26) as u8)
                })
                .collect();
        }
        let parts = data_parts(&data(values));
        for p in &parts {
            let qr = encode(&p.text(), MAX_DATA_VERSION).unwrap();
            assert!(qr.version().value() <= MAX_DATA_VERSION);
        }
        let full = &parts[0];
        assert_eq!(
            encode(&full.text(), MAX_DATA_VERSION)
                .unwrap()
                .version()
                .value(),
            MAX_DATA_VERSION
        );
        // One byte more does not fit.
        let mut bigger = full.clone();
        bigger.chunk.push(0);
        assert_eq!(
            encode(&bigger.text(), MAX_DATA_VERSION).err(),
            Some(DrawError::TooLong)
        );
        println!("worst case: {} parts", parts.len());
    }

    #[test]
    fn a_page_code_is_version_2_whatever_it_says() {
        let code = codes::PageCode {
            contract: codes::ContractId([0xff; 6]),
            doc: DocKind::Conditions,
            page: 255,
            count: 255,
            digest: [0xff; 6],
        };
        let qr = encode(&code.text(), PAGE_CODE_VERSION).unwrap();
        assert_eq!(qr.version().value(), PAGE_CODE_VERSION);
        assert!(matches!(Code::parse(&code.text()), Ok(Code::Page(_))));
    }
}
