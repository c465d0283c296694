//! The two blank AcroForm templates, drawn from the content files: the
//! support and maintenance form and the general conditions of supply. Their
//! field names ([`names`]) are the contract documented in
//! `docs/pdf-fields.md`; a vendor may replace the generated files in
//! `assets/templates/` with their own PDFs that have the same fields.
//!
//! The labels printed on the templates are content too:
//! `assets/templates/etichette.it.json`. Generation is reproducible: the
//! same content gives the same bytes, and a test holds the checked-in files
//! to a fresh generation (`rinnovo-pdf templates` regenerates them).

mod blocks;
mod conditions;
mod layout;
pub mod page_label;
mod style;
mod support_form;

pub use layout::UnprintableContent;

use crate::fonts::Fonts;
use acroform::fields::FieldKind;
use acroform::metadata::Info;
use rinnovo_core::content::Content;
use rinnovo_core::domain::fields::COMPANY;
use rinnovo_core::jobs::Doc;

/// The checked-in labels of the templates.
pub use rinnovo_core::content::{Labels, LABELS_JSON};

/// The full names of the templates' fields but the company's, which are in
/// the field table ([`FieldId::pdf_field`](rinnovo_core::domain::fields::FieldId::pdf_field)).
pub mod names {
    pub const ATTIVAZIONI: &str = "attivazioni";
    pub const ASSISTENZA: &str = "assistenza";
    pub const FIRMA_LUOGO: &str = "firma.luogo";
    pub const FIRMA_DATA: &str = "firma.data";
    pub const FIRMA_FIRMATARIO: &str = "firma.firmatario";
    pub const FIRMA_TIMBRO: &str = "firma.timbro";
    pub const FIRMA_FIRMA: &str = "firma.firma";
    pub const FIRMA_DIGITALE: &str = "firma.firma_digitale";

    pub const COND_RAGIONE_SOCIALE: &str = "condizioni.ragione_sociale";
    pub const COND_PARTITA_IVA: &str = "condizioni.partita_iva";
    pub const COND_ACCETTO: &str = "condizioni.accetto";
    pub const COND_LUOGO: &str = "condizioni.luogo";
    pub const COND_DATA: &str = "condizioni.data";
    pub const COND_FIRMATARIO: &str = "condizioni.firmatario";
    pub const COND_TIMBRO: &str = "condizioni.timbro";
    pub const COND_FIRMA: &str = "condizioni.firma";
    pub const COND_FIRMA_DIGITALE: &str = "condizioni.firma_digitale";
    pub const CLAUSOLE_APPROVO: &str = "clausole.approvo";
    pub const CLAUSOLE_FIRMA: &str = "clausole.firma";
    pub const CLAUSOLE_FIRMA_DIGITALE: &str = "clausole.firma_digitale";
}

/// The fields the support form must have, with their kinds: a text field
/// for each of the company's fields (the field table's `pdf` names), then
/// these.
pub fn support_form_fields() -> Vec<(&'static str, FieldKind)> {
    let company = COMPANY.iter().map(|f| (f.pdf, FieldKind::Text));
    company
        .chain(SUPPORT_FORM_OTHER_FIELDS.iter().copied())
        .collect()
}

const SUPPORT_FORM_OTHER_FIELDS: &[(&str, FieldKind)] = &[
    (names::ATTIVAZIONI, FieldKind::Text),
    (names::ASSISTENZA, FieldKind::Radio),
    (names::FIRMA_LUOGO, FieldKind::Text),
    (names::FIRMA_DATA, FieldKind::Text),
    (names::FIRMA_FIRMATARIO, FieldKind::Text),
    (names::FIRMA_TIMBRO, FieldKind::Pushbutton),
    (names::FIRMA_FIRMA, FieldKind::Pushbutton),
    (names::FIRMA_DIGITALE, FieldKind::Signature),
];

/// The fields the general conditions must have, with their kinds.
pub const CONDITIONS_FIELDS: &[(&str, FieldKind)] = &[
    (names::COND_RAGIONE_SOCIALE, FieldKind::Text),
    (names::COND_PARTITA_IVA, FieldKind::Text),
    (names::COND_ACCETTO, FieldKind::Checkbox),
    (names::COND_LUOGO, FieldKind::Text),
    (names::COND_DATA, FieldKind::Text),
    (names::COND_FIRMATARIO, FieldKind::Text),
    (names::COND_TIMBRO, FieldKind::Pushbutton),
    (names::COND_FIRMA, FieldKind::Pushbutton),
    (names::COND_FIRMA_DIGITALE, FieldKind::Signature),
    (names::CLAUSOLE_APPROVO, FieldKind::Checkbox),
    (names::CLAUSOLE_FIRMA, FieldKind::Pushbutton),
    (names::CLAUSOLE_FIRMA_DIGITALE, FieldKind::Signature),
];

/// Why a template could not be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// `etichette.it.json` is not a JSON object of strings.
    #[error(transparent)]
    Labels(#[from] rinnovo_core::content::ContentError),
    /// A text of the content that the fonts cannot print.
    #[error(transparent)]
    Unprintable(#[from] UnprintableContent),
    /// A font could not be embedded.
    #[error(transparent)]
    Font(#[from] acroform::truetype::FontError),
    /// A page's identity code could not be drawn.
    #[error(transparent)]
    Code(crate::paper::DrawError),
    /// Serialising the template failed.
    #[error("the template could not be written")]
    Write,
}

fn info(labels: &Labels, title: &str, subject_key: &str, content: &Content) -> Info {
    Info {
        title: title.to_string(),
        author: content.site.vendor.name.clone(),
        subject: labels.get(subject_key),
        creator: labels.get("info.creator"),
        producer: labels.get("info.producer"),
        date: crate::pdf_date(content.site.dates.contract_start),
        language: crate::LANGUAGE.to_string(),
        pdfa: Some(crate::PDFA),
    }
}

/// The blank template of a single document, made afresh: what `assets/`
/// keeps at [`Doc::template`]. `None` for [`Doc::Both`], which is made from
/// the two.
pub fn blank(doc: Doc, content: &Content, fonts: &Fonts) -> Option<Result<Vec<u8>, TemplateError>> {
    match doc {
        Doc::SupportForm => Some(support_form(content, fonts)),
        Doc::Conditions => Some(conditions(content, fonts)),
        Doc::Both => None,
    }
}

/// The blank support and maintenance form.
pub fn support_form(content: &Content, fonts: &Fonts) -> Result<Vec<u8>, TemplateError> {
    let labels = Labels::parse(LABELS_JSON, content)?;
    let doc = support_form::build(content, &labels, fonts)?;
    finish(
        doc,
        info(
            &labels,
            &labels.get("form.title"),
            "info.form_subject",
            content,
        ),
    )
}

/// The blank general conditions of supply.
pub fn conditions(content: &Content, fonts: &Fonts) -> Result<Vec<u8>, TemplateError> {
    let labels = Labels::parse(LABELS_JSON, content)?;
    let doc = conditions::build(content, &labels, fonts)?;
    finish(
        doc,
        info(
            &labels,
            &content.conditions.title,
            "info.conditions_subject",
            content,
        ),
    )
}

fn finish(doc: lopdf::Document, info: Info) -> Result<Vec<u8>, TemplateError> {
    let mut doc = doc;
    acroform::metadata::set(&mut doc, &info);
    acroform::pdfa::set_output_intent(&mut doc, &crate::OUTPUT_INTENT);
    acroform::write::save(&mut doc).map_err(|_| TemplateError::Write)
}
