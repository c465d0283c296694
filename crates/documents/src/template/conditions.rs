//! The general conditions of supply: the whole text of the content's
//! conditions over as many pages as it needs, then the acceptance with stamp
//! and signature, then the specific approval of the onerous clauses under
//! articles 1341 and 1342 of the civil code, with its own signature.

use super::blocks::{cell, code_free_right, row, section, signature_boxes, tall};
use super::layout::{Builder, Para, Result};
use super::names as n;
use super::style::{ACCENT, INK, MUTED, RULE};
use super::{Labels, TemplateError};
use crate::fonts::Fonts;
use crate::paper::codes::DocKind;
use acroform::content::Rect;
use acroform::font::Font;
use lopdf::Document;
use rinnovo_core::content::Content;

const BODY_PT: f32 = 9.5;
const BODY_LEADING_PT: f32 = 12.5;
/// The line distance and the space between the clauses of the specific
/// approval.
const ITEM_LEADING_PT: f32 = 12.0;
const ITEM_GAP_PT: f32 = 1.5;
/// What [`section`] takes: space, title, rule, space.
const SECTION_PT: f32 = 27.0;

pub fn build(
    content: &Content,
    l: &Labels,
    fonts: &Fonts,
) -> std::result::Result<Document, TemplateError> {
    let mut b = Builder::new(fonts);
    let v = &content.site.vendor;
    let top = b.y;
    b.text_at(
        Font::HelveticaBold,
        12.0,
        &ACCENT,
        b.left(),
        top - 10.0,
        &v.name,
    )?;
    // The top right corner is the data codes' (`paper::DATA_AREA`): the
    // vendor's address goes under its name.
    let right = code_free_right();
    b.text_at(
        Font::Helvetica,
        8.0,
        &MUTED,
        b.left(),
        top - 22.0,
        &format!("{} · P.IVA {}", v.address, v.vat),
    )?;
    b.y = top - 30.0;
    b.rule_to(right, &ACCENT, 1.0);
    b.y -= 10.0;
    let (x, w) = (b.left(), b.width());
    b.paragraph(
        &Para::new(Font::HelveticaBold, 15.0, 19.0, &INK),
        x,
        right - x,
        &content.conditions.title,
    )?;
    b.y -= 6.0;
    b.below_data_code();

    for clause in &content.conditions.clauses {
        // Keep a heading with at least two lines of its text.
        b.ensure_space(14.0 + 3.0 * BODY_LEADING_PT);
        b.y -= 5.0;
        let heading = format!("{}. {}", clause.number, clause.heading);
        b.paragraph(
            &Para::new(Font::HelveticaBold, 10.5, 14.0, &INK),
            x,
            w,
            &heading,
        )?;
        for p in &clause.paragraphs {
            b.paragraph(
                &Para::new(Font::Helvetica, BODY_PT, BODY_LEADING_PT, &INK).justified(),
                x,
                w,
                p,
            )?;
            b.y -= 3.0;
        }
    }

    // Acceptance: kept together on one page.
    b.ensure_space(250.0);
    section(&mut b, &l.get("conditions.acceptance"))?;
    b.paragraph(
        &Para::new(Font::Helvetica, BODY_PT, BODY_LEADING_PT, &INK),
        x,
        w,
        &l.get("conditions.accept_text"),
    )?;
    b.y -= 4.0;
    checkbox_line(&mut b, n::COND_ACCETTO, &l.get("conditions.accept_box"))?;
    row(
        &mut b,
        &[
            tall(n::COND_RAGIONE_SOCIALE, l.get("conditions.company"), 0.65),
            cell(n::COND_PARTITA_IVA, l.get("conditions.partita_iva"), 0.35),
        ],
    )?;
    labelled_row(
        &mut b,
        &[
            (n::COND_LUOGO, l.get("form.place"), 0.33),
            (n::COND_DATA, l.get("form.date"), 0.2),
            (n::COND_FIRMATARIO, l.get("form.signer"), 0.47),
        ],
    )?;
    signature_boxes(
        &mut b,
        (n::COND_TIMBRO, &l.get("form.stamp")),
        (
            n::COND_FIRMA,
            n::COND_FIRMA_DIGITALE,
            &l.get("form.signature"),
        ),
        90.0,
    )?;

    specific_approval(&mut b, content, l)?;

    b.finish(DocKind::Conditions, &l.get("form.footer"), |i, m| {
        l.page(i, m)
    })
}

/// The specific approval of the onerous clauses (artt. 1341-1342 c.c.),
/// kept together on one page: each clause by number, heading and a
/// one-line summary of what it does, then the approval box beside its own
/// signature area.
fn specific_approval(b: &mut Builder, content: &Content, l: &Labels) -> Result<()> {
    let (x, w) = (b.left(), b.width());
    let text = Para::new(Font::Helvetica, BODY_PT, BODY_LEADING_PT, &INK);
    let item = Para::new(Font::Helvetica, BODY_PT, ITEM_LEADING_PT, &INK);
    let (item_x, item_w) = (x + 18.0, w - 18.0);
    let clauses: Vec<String> = content
        .onerous_clauses()
        .into_iter()
        .map(|(clause, summary)| {
            l.get("conditions.clause")
                .replace("{number}", &clause.number)
                .replace("{heading}", &clause.heading)
                .replace("{summary}", summary)
        })
        .collect();
    let intro = l.get("conditions.specific_text");
    let signature_pt = 80.0;
    let mut height =
        SECTION_PT + b.paragraph_height(&text, w, &intro)? + 2.0 + 4.0 + 12.0 + signature_pt;
    for c in &clauses {
        height += b.paragraph_height(&item, item_w, c)? + ITEM_GAP_PT;
    }
    b.ensure_space(height);

    section(b, &l.get("conditions.specific"))?;
    b.paragraph(&text, x, w, &intro)?;
    b.y -= 2.0;
    for c in &clauses {
        let baseline =
            b.y - BODY_PT * b.ascent(Font::Helvetica) - (ITEM_LEADING_PT - BODY_PT) / 2.0;
        b.text_at(Font::Helvetica, BODY_PT, &INK, x + 6.0, baseline, "–")?;
        b.paragraph(&item, item_x, item_w, c)?;
        b.y -= ITEM_GAP_PT;
    }
    b.y -= 4.0;

    // The signature area on the right, the box that approves on its left.
    let top = b.y;
    let sig_w = (w - 16.0) * 0.58;
    let rect = Rect::from_xywh(
        b.right() - sig_w,
        top - 12.0 - signature_pt,
        sig_w,
        signature_pt,
    );
    b.text_at(
        Font::Helvetica,
        7.5,
        &MUTED,
        rect.x0,
        top - 8.0,
        &l.get("conditions.specific_signature"),
    )?;
    b.frame(rect, &RULE, 0.6, true);
    b.image_area(n::CLAUSOLE_FIRMA, rect);
    b.signature_field(n::CLAUSOLE_FIRMA_DIGITALE, rect);
    let box_top = top - 12.0;
    b.checkbox(
        n::CLAUSOLE_APPROVO,
        Rect::from_xywh(x + 2.0, box_top - 11.0, 11.0, 11.0),
    );
    b.y = box_top + 1.5;
    let label_x = x + 22.0;
    b.paragraph(
        &Para::new(Font::HelveticaBold, BODY_PT, 12.0, &INK),
        label_x,
        rect.x0 - 16.0 - label_x,
        &l.get("conditions.specific_box"),
    )?;
    b.y = rect.y0 - 8.0;
    Ok(())
}

fn checkbox_line(b: &mut Builder, name: &str, label: &str) -> Result<()> {
    b.ensure_space(20.0);
    let top = b.y;
    let rect = Rect::from_xywh(b.left() + 2.0, top - 13.0, 11.0, 11.0);
    b.checkbox(name, rect);
    b.text_at(
        Font::HelveticaBold,
        9.5,
        &INK,
        b.left() + 22.0,
        top - 10.5,
        label,
    )?;
    b.y = top - 20.0;
    Ok(())
}

fn labelled_row(b: &mut Builder, cells: &[(&str, String, f32)]) -> Result<()> {
    b.ensure_space(32.0);
    let gap = 8.0;
    let usable = b.width() - gap * cells.len().saturating_sub(1) as f32;
    let mut x = b.left();
    let label_y = b.y - 7.0;
    let box_top = b.y - 9.0;
    for (name, label, share) in cells {
        let w = usable * share;
        b.text_at(Font::Helvetica, 7.5, &MUTED, x, label_y, label)?;
        let rect = Rect::from_xywh(x, box_top - 17.0, w, 17.0);
        b.frame(rect, &RULE, 0.6, false);
        b.text_field(name, rect, false, None);
        x += w + gap;
    }
    b.y = box_top - 17.0 - 5.0;
    Ok(())
}
