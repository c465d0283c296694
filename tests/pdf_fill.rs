//! Filling the renewal's PDFs, read back with lopdf.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
// Native only: these tests read files, run tools or use proptest.
#![cfg(not(target_arch = "wasm32"))]

#[path = "pdf/common.rs"]
mod common;

use acroform::{fields, FieldKind, FormDocument, PdfError};
use common::*;
use lopdf::Object;
use rinnovo_core::domain::draft::{SignatureMethod, StampMethod};
use rinnovo_core::domain::fields::FieldId as F;
use rinnovo_core::jobs::Doc;
use rinnovo_documents::extract_draft;
use rinnovo_documents::renewal::{self, Options};
use rinnovo_documents::template::names;

const KEEP: Options = Options { flatten: false };

fn unflattened_form() -> FormDocument {
    let (content, form, json) = form_with(SignatureMethod::Drawn);
    let bytes = common::fill(Doc::SupportForm, (&content, &form, &json), KEEP).unwrap();
    FormDocument::load(&bytes).unwrap()
}

/// The support form, from the built-in template, in the tests' font.
fn fill_support_form(
    content: &rinnovo_core::content::PdfTexts,
    form: &rinnovo_core::domain::form::ValidForm,
    json: &renewal::Attached,
) -> Result<Vec<u8>, acroform::PdfError> {
    common::fill(Doc::SupportForm, (content, form, json), Options::default())
}

/// The general conditions, from the built-in template, in the tests' font.
fn fill_conditions(
    content: &rinnovo_core::content::PdfTexts,
    form: &rinnovo_core::domain::form::ValidForm,
    json: &renewal::Attached,
) -> Result<Vec<u8>, acroform::PdfError> {
    common::fill(Doc::Conditions, (content, form, json), Options::default())
}

#[test]
fn filled_values_read_back_with_accents_and_euro() {
    let doc = unflattened_form();
    let value = |n: &str| doc.field(n).unwrap().value.clone().unwrap_or_default();
    assert_eq!(
        value(F::RagioneSociale.pdf_field()),
        "Caffè Città S.r.l. – «Più» ’Qualità’ €"
    );
    assert_eq!(value(F::Comune.pdf_field()), "Forlì");
    assert_eq!(value(F::RapprCognome.pdf_field()), "D’Amico Sàntoro");
    assert_eq!(value(F::PartitaIva.pdf_field()), "01114601006");
    assert_eq!(value(names::ATTIVAZIONI), "12");
    assert_eq!(value(names::FIRMA_DATA), "25/01/2026");
    assert_eq!(value(names::ASSISTENZA), "sla1");
}

#[test]
fn every_filled_widget_has_a_normal_appearance() {
    let form = unflattened_form();
    let doc = form.document();
    for f in form
        .fields()
        .iter()
        .filter(|f| f.kind != FieldKind::Signature)
    {
        for &w in &f.widgets {
            let wd = doc.get_dictionary(w).unwrap();
            assert!(
                fields::normal_appearance(doc, wd).is_some()
                    || f.kind == FieldKind::Radio
                        && wd.get(b"AS").unwrap().as_name().unwrap() == b"Off",
                "{} has no /AP /N",
                f.name
            );
        }
    }
    assert!(fields::acroform(doc)
        .unwrap()
        .get(b"NeedAppearances")
        .is_err());
}

#[test]
fn the_chosen_tier_is_the_only_radio_button_on() {
    let form = unflattened_form();
    let doc = form.document();
    let tier = form.field(names::ASSISTENZA).unwrap();
    assert_eq!(tier.options, vec!["a_chiamata", "sla1", "sla2"]);
    let states: Vec<Vec<u8>> = tier
        .widgets
        .iter()
        .map(|&w| {
            doc.get_dictionary(w)
                .unwrap()
                .get(b"AS")
                .unwrap()
                .as_name()
                .unwrap()
                .to_vec()
        })
        .collect();
    assert_eq!(
        states,
        vec![b"Off".to_vec(), b"sla1".to_vec(), b"Off".to_vec()]
    );
}

#[test]
fn the_draft_comes_back_out_of_every_document() {
    let (content, form, json) = form_with(SignatureMethod::Drawn);
    let expected = rinnovo_core::domain::draft::StoredDraft::from_json(&json.json).unwrap();
    for bytes in [
        common::fill(
            Doc::SupportForm,
            (&content, &form, &json),
            Options::default(),
        )
        .unwrap(),
        common::fill(
            Doc::Conditions,
            (&content, &form, &json),
            Options::default(),
        )
        .unwrap(),
        common::fill(Doc::Both, (&content, &form, &json), Options::default()).unwrap(),
    ] {
        assert_eq!(extract_draft(&bytes).unwrap(), expected);
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (content, form, json) = form_with(SignatureMethod::Drawn);
    let a = fill_conditions(&content, &form, &json).unwrap();
    let b = fill_conditions(&content, &form, &json).unwrap();
    assert_eq!(a, b);
    let doc = lopdf::Document::load_mem(&a).unwrap();
    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_ne!(id[0].as_str().unwrap(), &[0u8; 16]);
}

#[test]
fn metadata_names_the_company_and_the_signing_date() {
    let (content, form, json) = form_with(SignatureMethod::Drawn);
    let bytes = fill_support_form(&content, &form, &json).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let text = |k: &[u8]| lopdf::decode_text_string(info.get(k).unwrap()).unwrap();
    assert_eq!(text(b"Author"), "Caffè Città S.r.l. – «Più» ’Qualità’ €");
    assert_eq!(text(b"CreationDate"), "D:20260125");
    assert!(doc.catalog().unwrap().get(b"Metadata").is_ok());
}

fn remaining_fields(bytes: &[u8]) -> Vec<(String, FieldKind)> {
    FormDocument::load(bytes)
        .unwrap()
        .fields()
        .iter()
        .map(|f| (f.name.clone(), f.kind))
        .collect()
}

/// Both documents in one flattened PDF, signed with `method`.
fn merged_with(method: SignatureMethod) -> Vec<u8> {
    let (content, form, json) = form_with(method);
    common::fill(Doc::Both, (&content, &form, &json), Options::default()).unwrap()
}

#[test]
fn flattening_leaves_no_field_for_drawn_signatures() {
    let bytes = merged_with(SignatureMethod::Drawn);
    assert!(remaining_fields(&bytes).is_empty());
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    assert!(doc.catalog().unwrap().get(b"AcroForm").is_err());
    assert_eq!(doc.get_pages().len(), 3);
}

#[test]
fn flattening_keeps_only_the_empty_signature_fields_for_a_digital_signature() {
    let bytes = merged_with(SignatureMethod::Digital);
    let mut left = remaining_fields(&bytes);
    left.sort();
    assert_eq!(
        left,
        vec![
            (
                names::CLAUSOLE_FIRMA_DIGITALE.to_string(),
                FieldKind::Signature
            ),
            (names::COND_FIRMA_DIGITALE.to_string(), FieldKind::Signature),
            (names::FIRMA_DIGITALE.to_string(), FieldKind::Signature),
        ]
    );
}

#[test]
fn a_signature_left_to_be_handwritten_leaves_no_field_and_no_image() {
    let (content, form, json) = form_with(SignatureMethod::Handwritten);
    let bytes = fill_support_form(&content, &form, &json).unwrap();
    assert!(remaining_fields(&bytes).is_empty());
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let images = doc
        .objects
        .values()
        .filter(|o| matches!(o, Object::Stream(s) if s.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Image") && s.dict.has(b"SMask")))
        .count();
    // Only the stamp's image (with its soft mask) is left.
    assert_eq!(images, 1);
}

#[test]
fn a_drawn_signature_adds_at_most_30_kb() {
    let content = common::content();
    let mut d = draft();
    d.form_signing.signature.method = SignatureMethod::Handwritten;
    d.form_signing.stamp.png.clear();
    d.form_signing.stamp.method = StampMethod::ByHand;
    let without = {
        let form = validate_draft(&content, &d);
        fill_support_form(&common::texts(&content), &form, &empty_data())
            .unwrap()
            .len()
    };
    d.form_signing.signature.method = SignatureMethod::Drawn;
    let with = {
        let form = validate_draft(&content, &d);
        fill_support_form(&common::texts(&content), &form, &empty_data())
            .unwrap()
            .len()
    };
    assert!(
        with - without <= 30 * 1024,
        "the signature added {} bytes",
        with - without
    );
}

#[test]
fn long_text_is_fitted_down_and_past_the_minimum_is_an_error() {
    let mut doc = FormDocument::load(renewal::SUPPORT_FORM_TEMPLATE).unwrap();
    doc.set_text(
        F::Comune.pdf_field(),
        "San Giovanni in Persiceto, frazione di San Matteo della Decima e località limitrofe",
    )
    .unwrap();
    let f = doc.field(F::Comune.pdf_field()).unwrap().clone();
    let ap = fields::normal_appearance(
        doc.document(),
        doc.document().get_dictionary(f.widgets[0]).unwrap(),
    )
    .unwrap();
    let stream = doc.document().get_object(ap).unwrap().as_stream().unwrap();
    let text = String::from_utf8_lossy(&stream.content).to_string();
    let size: f32 = text
        .split("/Helv ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((6.0..10.0).contains(&size), "size {size}");
    let err = doc
        .set_text(F::Comune.pdf_field(), &"Mmmmmmmmmm".repeat(20))
        .unwrap_err();
    assert_eq!(
        err,
        PdfError::DoesNotFit {
            field: F::Comune.pdf_field().into()
        }
    );
}

#[test]
fn unprintable_characters_are_reported_by_field_before_generating() {
    let content = common::content();
    let mut d = draft();
    // Polish letters print (the font covers Latin Extended); Japanese does
    // not, and is named before anything is generated.
    d.company.comune = "Łódź 東京".into();
    let form = validate_draft(&content, &d);
    let bad = rinnovo_core::printable::unprintable(&form);
    assert_eq!(
        bad,
        vec![(
            rinnovo_core::domain::form::FieldId::Comune,
            vec!['東', '京']
        )]
    );
    let err = fill_support_form(&common::texts(&content), &form, &empty_data()).unwrap_err();
    assert!(
        matches!(err, PdfError::Unprintable { ref field, .. } if field == F::Comune.pdf_field()),
        "{err:?}"
    );
}

#[test]
fn comb_fields_reject_more_characters_than_cells() {
    let mut doc = FormDocument::load(renewal::SUPPORT_FORM_TEMPLATE).unwrap();
    assert_eq!(
        doc.set_text(F::Cap.pdf_field(), "123456").unwrap_err(),
        PdfError::TooLong {
            field: F::Cap.pdf_field().into(),
            max_len: 5
        }
    );
    doc.set_text(F::Cap.pdf_field(), "20121").unwrap();
}

#[test]
fn wrong_names_and_kinds_are_typed_errors() {
    let mut doc = FormDocument::load(renewal::SUPPORT_FORM_TEMPLATE).unwrap();
    assert_eq!(
        doc.set_text("nope", "x").unwrap_err(),
        PdfError::FieldNotFound("nope".into())
    );
    assert!(matches!(
        doc.set_text(names::ASSISTENZA, "x"),
        Err(PdfError::WrongKind { .. })
    ));
    assert!(matches!(
        doc.set_radio(names::ASSISTENZA, "gold"),
        Err(PdfError::NotAnOption { .. })
    ));
}

#[test]
fn an_image_can_be_painted_into_any_rectangle_of_a_page() {
    let mut doc = FormDocument::load(renewal::CONDITIONS_TEMPLATE).unwrap();
    let rect = acroform::content::Rect::from_xywh(300.0, 100.0, 200.0, 60.0);
    doc.draw_image(1, rect, &signature_png(600, 200)).unwrap();
    assert_eq!(
        doc.draw_image(9, rect, &signature_png(6, 2)).unwrap_err(),
        PdfError::PageNotFound(9)
    );
    let bytes = doc.to_bytes().unwrap();
    let reloaded = lopdf::Document::load_mem(&bytes).unwrap();
    let page = reloaded.get_pages()[&2];
    let content = reloaded.get_page_content(page);
    assert!(String::from_utf8_lossy(&content).contains(" Do"));
}

/// Data that is no draft, for the tests whose PDF is refused before it.
fn empty_data() -> renewal::Attached {
    renewal::Attached {
        json: "{}".into(),
        row: Default::default(),
    }
}
