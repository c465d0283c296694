//! The blocks both documents are made of: rows of labelled fields (plain,
//! tall or comb), section headings, the stamp and signature boxes, and
//! where the text of a first page must stop for the data codes. The
//! documents take them from here, never from each other.

use super::layout::{Builder, Result};
use super::style::{ACCENT, MUTED, RULE};
use acroform::content::Rect;
use acroform::font::Font;

/// Heights of a labelled field row: the label, the box, the gap below.
pub(super) const LABEL_PT: f32 = 9.0;
const BOX_PT: f32 = 17.0;
const TALL_BOX_PT: f32 = 26.0;
const ROW_GAP_PT: f32 = 5.0;
/// The space between fields side by side.
pub(super) const COLUMN_GAP_PT: f32 = 8.0;

/// One field of a row: its name, label key, share of the width, and comb
/// cells (0 for a plain field).
pub(super) struct Cell<'a> {
    pub(super) name: &'a str,
    pub(super) label: String,
    pub(super) share: f32,
    pub(super) comb: u32,
    pub(super) max_len: Option<u32>,
    /// A taller, multi-line box for long values.
    pub(super) multiline: bool,
}

pub(super) fn cell<'a>(name: &'a str, label: String, share: f32) -> Cell<'a> {
    Cell {
        name,
        label,
        share,
        comb: 0,
        max_len: None,
        multiline: false,
    }
}

/// A two-line field for values that may be long (company name, address).
pub(super) fn tall<'a>(name: &'a str, label: String, share: f32) -> Cell<'a> {
    Cell {
        multiline: true,
        ..cell(name, label, share)
    }
}

pub(super) fn comb<'a>(name: &'a str, label: String, share: f32, cells: u32) -> Cell<'a> {
    Cell {
        name,
        label,
        share,
        comb: cells,
        max_len: Some(cells),
        multiline: false,
    }
}

/// Where text at the top of a first page ends: before the data codes'
/// band and its quiet zone, with a gap.
pub(super) fn code_free_right() -> f32 {
    crate::paper::DATA_AREA_CLEAR.0 - COLUMN_GAP_PT
}

/// A section heading with a thin rule under it.
pub(super) fn section(b: &mut Builder, title: &str) -> Result<()> {
    b.ensure_space(60.0);
    b.y -= 6.0;
    let y = b.y - 11.0;
    b.text_at(Font::HelveticaBold, 11.0, &ACCENT, b.left(), y, title)?;
    b.y = y - 4.0;
    b.rule(&RULE, 0.5);
    b.y -= 6.0;
    Ok(())
}

/// A row of labelled text fields sharing the width.
pub(super) fn row(b: &mut Builder, cells: &[Cell]) -> Result<()> {
    let box_h = if cells.iter().any(|c| c.multiline) {
        TALL_BOX_PT
    } else {
        BOX_PT
    };
    b.ensure_space(LABEL_PT + box_h + ROW_GAP_PT);
    let total_gap = COLUMN_GAP_PT * cells.len().saturating_sub(1) as f32;
    let usable = b.width() - total_gap;
    let mut x = b.left();
    let label_y = b.y - 7.0;
    let box_top = b.y - LABEL_PT;
    for c in cells {
        let w = usable * c.share;
        b.text_at(Font::Helvetica, 7.5, &MUTED, x, label_y, &c.label)?;
        let rect = Rect::from_xywh(x, box_top - box_h, w, box_h);
        b.frame(rect, &RULE, 0.6, false);
        if c.comb > 0 {
            // Cell dividers of a comb field (PDF 32000-1, table 228).
            let cw = w / c.comb as f32;
            let content = b.content();
            content.save_state().stroke_color(&RULE).line_width(0.4);
            for i in 1..c.comb {
                let xi = x + cw * i as f32;
                content
                    .move_to(xi, rect.y0)
                    .line_to(xi, rect.y0 + box_h * 0.35);
            }
            content.stroke().restore_state();
            let id = b.text_field(c.name, rect, false, c.max_len);
            if let Ok(lopdf::Object::Dictionary(d)) = b.doc.get_object_mut(id) {
                d.set("Ff", i64::from(acroform::fields::flags::COMB));
                d.set("Q", 1);
            }
        } else {
            b.text_field(c.name, rect, c.multiline, c.max_len);
        }
        x += w + COLUMN_GAP_PT;
    }
    b.y = box_top - box_h - ROW_GAP_PT;
    Ok(())
}

/// The stamp area and the signature area side by side; the signature area
/// also holds the empty signature field.
pub(super) fn signature_boxes(
    b: &mut Builder,
    stamp: (&str, &str),
    signature: (&str, &str, &str),
    height: f32,
) -> Result<()> {
    b.ensure_space(height + 16.0);
    let gap = 16.0;
    let stamp_w = (b.width() - gap) * 0.42;
    let sig_w = b.width() - gap - stamp_w;
    let label_y = b.y - 8.0;
    let top = b.y - 12.0;
    let stamp_rect = Rect::from_xywh(b.left(), top - height, stamp_w, height);
    let sig_rect = Rect::from_xywh(b.left() + stamp_w + gap, top - height, sig_w, height);
    b.text_at(
        Font::Helvetica,
        7.5,
        &MUTED,
        stamp_rect.x0,
        label_y,
        stamp.1,
    )?;
    b.text_at(
        Font::Helvetica,
        7.5,
        &MUTED,
        sig_rect.x0,
        label_y,
        signature.2,
    )?;
    b.frame(stamp_rect, &RULE, 0.6, true);
    b.frame(sig_rect, &RULE, 0.6, true);
    b.image_area(stamp.0, stamp_rect);
    b.image_area(signature.0, sig_rect);
    b.signature_field(signature.1, sig_rect);
    b.y = top - height - 8.0;
    Ok(())
}
