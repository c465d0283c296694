//! Arbitrary Unicode into every kind of field, ours and a third party's:
//! each value is either set, with a document that still writes and reads
//! back, or refused with a typed error. Never a panic.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
// Native only: these tests read files, run tools or use proptest.
#![cfg(not(target_arch = "wasm32"))]

use acroform::{FieldKind, FormDocument, PdfError};
use proptest::prelude::*;
use rinnovo_documents::renewal::SUPPORT_FORM_TEMPLATE;

const REPORTLAB: &[u8] = include_bytes!("pdf/fixtures/reportlab-form.pdf");

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

fn fill_all(template: &[u8], value: &str, flatten: bool) {
    let mut doc = FormDocument::load(template).unwrap();
    let names: Vec<(String, FieldKind)> = doc
        .fields()
        .iter()
        .map(|f| (f.name.clone(), f.kind))
        .collect();
    for (name, kind) in names {
        let r = match kind {
            FieldKind::Pushbutton => doc.set_image(&name, value.as_bytes()),
            _ => doc.set_value(&name, value),
        };
        match r {
            Ok(()) => {}
            Err(
                PdfError::Unprintable { .. }
                | PdfError::DoesNotFit { .. }
                | PdfError::TooLong { .. }
                | PdfError::NotAnOption { .. }
                | PdfError::Image { .. }
                | PdfError::WrongKind { .. },
            ) => {}
            Err(e) => panic!("{name}: unexpected {e:?}"),
        }
    }
    if flatten {
        doc.flatten(|f| f.kind == FieldKind::Signature);
    }
    let bytes = doc.to_bytes().unwrap();
    FormDocument::load(&bytes).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text_in_any_field_of_our_form(value in any::<String>(), flatten in any::<bool>()) {
        fill_all(SUPPORT_FORM_TEMPLATE, &value, flatten);
    }

    #[test]
    fn any_text_in_any_field_of_a_reportlab_form(value in "\\PC{0,80}", flatten in any::<bool>()) {
        fill_all(REPORTLAB, &value, flatten);
    }

    #[test]
    fn italian_text_is_always_printable(value in "[a-zA-Z0-9 àèéìòùÀÈÉÌÒÙç€«»’“”.,;:'()-]{0,60}") {
        prop_assert!(winansi::unprintable_chars(&value).is_empty());
        let mut doc = FormDocument::load(SUPPORT_FORM_TEMPLATE).unwrap();
        match doc.set_text("azienda.ragione_sociale", &value) {
            Ok(()) | Err(PdfError::DoesNotFit { .. }) => {}
            Err(e) => prop_assert!(false, "{e:?}"),
        }
    }
}
