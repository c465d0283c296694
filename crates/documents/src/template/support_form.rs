//! The support and maintenance form: vendor header, company data, legal
//! representative, activations, the support tier as a radio group (one
//! button per tier of the content, export value = tier id), place and date,
//! and the stamp and signature areas with an empty signature field.

use super::blocks::{
    cell, code_free_right, comb, row, section, signature_boxes, tall, Cell, COLUMN_GAP_PT, LABEL_PT,
};
use super::layout::{Builder, Para, Result};
use super::names as n;
use super::style::{ACCENT, INK, MUTED};
use super::{Labels, TemplateError};
use crate::fonts::Fonts;
use crate::paper::codes::DocKind;
use acroform::content::Rect;
use acroform::font::Font;
use lopdf::Document;
use rinnovo_core::content::Content;
use rinnovo_core::domain::fields::FieldId as F;

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
        &[tall(
            F::RagioneSociale.pdf_field(),
            l.get("form.ragione_sociale"),
            1.0,
        )],
    )?;
    row(
        &mut b,
        &[
            comb(
                F::PartitaIva.pdf_field(),
                l.get("form.partita_iva"),
                0.5,
                11,
            ),
            Cell {
                max_len: Some(16),
                ..cell(
                    F::CodiceFiscale.pdf_field(),
                    l.get("form.codice_fiscale"),
                    0.5,
                )
            },
        ],
    )?;
    row(
        &mut b,
        &[tall(F::Indirizzo.pdf_field(), l.get("form.indirizzo"), 1.0)],
    )?;
    row(
        &mut b,
        &[
            comb(F::Cap.pdf_field(), l.get("form.cap"), 0.17, 5),
            cell(F::Comune.pdf_field(), l.get("form.comune"), 0.68),
            Cell {
                max_len: Some(2),
                ..cell(F::Provincia.pdf_field(), l.get("form.provincia"), 0.15)
            },
        ],
    )?;
    row(
        &mut b,
        &[
            cell(F::Email.pdf_field(), l.get("form.email"), 0.5),
            cell(F::Pec.pdf_field(), l.get("form.pec"), 0.5),
        ],
    )?;
    row(
        &mut b,
        &[
            comb(F::Sdi.pdf_field(), l.get("form.sdi"), 0.3, 7),
            cell(F::Telefono.pdf_field(), l.get("form.telefono"), 0.33),
            cell(
                F::CodiceCliente.pdf_field(),
                l.get("form.codice_cliente"),
                0.37,
            ),
        ],
    )?;

    section(&mut b, &l.get("form.legal_rep"))?;
    row(
        &mut b,
        &[
            cell(F::RapprNome.pdf_field(), l.get("form.nome"), 0.27),
            cell(F::RapprCognome.pdf_field(), l.get("form.cognome"), 0.28),
            comb(F::RapprCf.pdf_field(), l.get("form.rappr_cf"), 0.45, 16),
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
