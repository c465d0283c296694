//! The support and maintenance form: vendor header, company data, legal
//! representative, activations, the support tier as a radio group (one
//! button per tier of the content, export value = tier id), place and date,
//! and the stamp and signature areas with an empty signature field.

use super::layout::{Builder, Para, Result, ACCENT, INK, MUTED, RULE};
use super::names as n;
use super::{Labels, TemplateError};
use crate::fonts::Fonts;
use crate::paper::codes::DocKind;
use acroform::content::Rect;
use acroform::font::Font;
use lopdf::Document;
use rinnovo_core::content::Content;

/// Heights of a labelled field row: the label, the box, the gap below.
const LABEL_PT: f32 = 9.0;
const BOX_PT: f32 = 17.0;
const TALL_BOX_PT: f32 = 26.0;
const ROW_GAP_PT: f32 = 5.0;
/// The space between fields side by side.
const COLUMN_GAP_PT: f32 = 8.0;

/// One field of a row: its name, label key, share of the width, and comb
/// cells (0 for a plain field).
pub(super) struct Cell<'a> {
    name: &'a str,
    label: String,
    share: f32,
    comb: u32,
    max_len: Option<u32>,
    /// A taller, multi-line box for long values.
    multiline: bool,
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

fn comb<'a>(name: &'a str, label: String, share: f32, cells: u32) -> Cell<'a> {
    Cell {
        name,
        label,
        share,
        comb: cells,
        max_len: Some(cells),
        multiline: false,
    }
}

pub fn build(
    content: &Content,
    l: &Labels,
    fonts: &Fonts,
) -> std::result::Result<Document, TemplateError> {
    let mut b = Builder::new(fonts);
    header(&mut b, content, l)?;

    section(&mut b, &l.get("form.company"))?;
    row(
        &mut b,
        &[tall(n::RAGIONE_SOCIALE, l.get("form.ragione_sociale"), 1.0)],
    )?;
    row(
        &mut b,
        &[
            comb(n::PARTITA_IVA, l.get("form.partita_iva"), 0.5, 11),
            Cell {
                max_len: Some(16),
                ..cell(n::CODICE_FISCALE, l.get("form.codice_fiscale"), 0.5)
            },
        ],
    )?;
    row(&mut b, &[tall(n::INDIRIZZO, l.get("form.indirizzo"), 1.0)])?;
    row(
        &mut b,
        &[
            comb(n::CAP, l.get("form.cap"), 0.17, 5),
            cell(n::COMUNE, l.get("form.comune"), 0.68),
            Cell {
                max_len: Some(2),
                ..cell(n::PROVINCIA, l.get("form.provincia"), 0.15)
            },
        ],
    )?;
    row(
        &mut b,
        &[
            cell(n::EMAIL, l.get("form.email"), 0.5),
            cell(n::PEC, l.get("form.pec"), 0.5),
        ],
    )?;
    row(
        &mut b,
        &[
            comb(n::SDI, l.get("form.sdi"), 0.3, 7),
            cell(n::TELEFONO, l.get("form.telefono"), 0.33),
            cell(n::CODICE_CLIENTE, l.get("form.codice_cliente"), 0.37),
        ],
    )?;

    section(&mut b, &l.get("form.legal_rep"))?;
    row(
        &mut b,
        &[
            cell(n::RAPPR_NOME, l.get("form.nome"), 0.27),
            cell(n::RAPPR_COGNOME, l.get("form.cognome"), 0.28),
            comb(n::RAPPR_CF, l.get("form.rappr_cf"), 0.45, 16),
        ],
    )?;

    section(&mut b, &l.get("form.activations"))?;
    let top = b.y;
    row(
        &mut b,
        &[cell(n::ATTIVAZIONI, l.get("form.activations_label"), 0.4)],
    )?;
    let after = b.y;
    let note_x = b.left() + b.width() * 0.4 + COLUMN_GAP_PT * 2.0;
    let note_w = b.right() - note_x;
    b.y = top - LABEL_PT + 2.0;
    b.paragraph(
        &Para::new(Font::Helvetica, 8.0, 10.0, &MUTED),
        note_x,
        note_w,
        &l.get("form.activations_note"),
    )?;
    b.y = b.y.min(after);

    tiers(&mut b, content, l)?;

    section(&mut b, &l.get("form.signing"))?;
    row(
        &mut b,
        &[
            cell(n::FIRMA_LUOGO, l.get("form.place"), 0.33),
            cell(n::FIRMA_DATA, l.get("form.date"), 0.2),
            cell(n::FIRMA_FIRMATARIO, l.get("form.signer"), 0.47),
        ],
    )?;
    signature_boxes(
        &mut b,
        (n::FIRMA_TIMBRO, &l.get("form.stamp")),
        (n::FIRMA_FIRMA, n::FIRMA_DIGITALE, &l.get("form.signature")),
        80.0,
    )?;
    b.finish(DocKind::SupportForm, &l.get("form.footer"), |i, m| {
        l.page(i, m)
    })
}

fn header(b: &mut Builder, content: &Content, l: &Labels) -> Result<()> {
    let v = &content.site.vendor;
    let top = b.y;
    b.text_at(
        Font::HelveticaBold,
        16.0,
        &ACCENT,
        b.left(),
        top - 14.0,
        &v.name,
    )?;
    b.text_at(
        Font::Helvetica,
        8.0,
        &MUTED,
        b.left(),
        top - 27.0,
        &v.address,
    )?;
    // The top right corner of the first page is the data codes'
    // (`paper::DATA_AREA`): the header's lines end before it.
    let right = code_free_right();
    let lines = [
        format!("P.IVA {}", v.vat),
        format!("{} · PEC {}", v.email, v.pec),
        format!("{} · {}", v.phone, v.website),
    ];
    for (i, line) in lines.iter().enumerate() {
        b.text_right(
            Font::Helvetica,
            8.0,
            &MUTED,
            right,
            top - 8.0 - 10.0 * i as f32,
            line,
        )?;
    }
    b.y = top - 38.0;
    b.rule_to(right, &ACCENT, 1.2);
    b.y -= 24.0;
    let title_y = b.y;
    b.text_at(
        Font::HelveticaBold,
        16.0,
        &INK,
        b.left(),
        title_y,
        &l.get("form.title"),
    )?;
    b.y -= 8.0;
    // Below the data codes' band: the whole width.
    let (x, w) = (b.left(), b.width());
    b.paragraph(
        &Para::new(Font::Helvetica, 9.5, 12.0, &MUTED),
        x,
        w,
        &l.get("form.subtitle"),
    )?;
    b.y -= 2.0;
    b.below_data_code();
    Ok(())
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

/// One radio button per support tier, with its name, response time and
/// summary from the content.
fn tiers(b: &mut Builder, content: &Content, l: &Labels) -> Result<()> {
    section(b, &l.get("form.tier"))?;
    let mut buttons = Vec::new();
    for t in &content.site.tiers {
        b.ensure_space(30.0);
        let top = b.y;
        let radio = Rect::from_xywh(b.left() + 2.0, top - 13.0, 11.0, 11.0);
        buttons.push((t.id.clone(), radio));
        let x = b.left() + 22.0;
        b.text_at(Font::HelveticaBold, 10.0, &INK, x, top - 10.5, &t.name.it)?;
        let name_w = b.text_width(Font::HelveticaBold, 10.0, &t.name.it)?;
        b.text_at(
            Font::Helvetica,
            9.0,
            &ACCENT,
            x + name_w + 8.0,
            top - 10.5,
            &t.response.it,
        )?;
        b.y = top - 14.0;
        let w = b.right() - x;
        b.paragraph(
            &Para::new(Font::Helvetica, 8.5, 10.5, &MUTED),
            x,
            w,
            &format!("{} {}", t.summary.it, t.best_for.it),
        )?;
        b.y -= 4.0;
    }
    b.radio_group(n::ASSISTENZA, &buttons);
    b.text_at(
        Font::Helvetica,
        7.5,
        &MUTED,
        b.left() + 22.0,
        b.y - 4.0,
        &l.get("form.tier_note"),
    )?;
    b.y -= 8.0;
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
