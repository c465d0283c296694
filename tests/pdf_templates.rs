//! The checked-in templates are exactly what the generator makes from the
//! current content, they have every documented field with its kind, and
//! every widget has an appearance (tests/pdf_third_party.rs has other tools
//! fill and flatten them).

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

use acroform::{objects, FieldKind, FormDocument};
use lopdf::{Dictionary, Object};
use rinnovo_core::content::Content;
use rinnovo_core::jobs::Doc;
use rinnovo_documents::renewal::{CONDITIONS_TEMPLATE, SUPPORT_FORM_TEMPLATE};
use rinnovo_documents::template;

fn content() -> Content {
    Content::embedded().unwrap()
}

#[test]
fn checked_in_templates_equal_a_fresh_generation() {
    let c = content();
    for (doc, built_in) in [
        (Doc::SupportForm, SUPPORT_FORM_TEMPLATE),
        (Doc::Conditions, CONDITIONS_TEMPLATE),
    ] {
        // Where the site serves it, the worker fetches it and the page links to it.
        let path = format!("assets/{}", doc.template().unwrap());
        let fresh = template::blank(doc, &c, &common::fonts()).unwrap().unwrap();
        assert!(
            fresh == std::fs::read(&path).unwrap() && fresh == built_in,
            "{path} is stale: run `cargo rinnovo-pdf templates`"
        );
    }
    assert!(Doc::Both.template().is_none());
    assert!(template::blank(Doc::Both, &c, &common::fonts()).is_none());
}

fn assert_fields(bytes: &[u8], expected: &[(&str, FieldKind)]) {
    let doc = FormDocument::load(bytes).unwrap();
    for (name, kind) in expected {
        assert_eq!(doc.field(name).map(|f| f.kind).ok(), Some(*kind), "{name}");
    }
    assert_eq!(doc.fields().len(), expected.len());
}

#[test]
fn templates_have_every_documented_field() {
    assert_fields(SUPPORT_FORM_TEMPLATE, &template::support_form_fields());
    assert_fields(CONDITIONS_TEMPLATE, template::CONDITIONS_FIELDS);
}

/// The normal appearance a widget's `/AP /N` refers to: its form XObject
/// dictionary, checked to cover the widget's box.
fn appearance_stream<'a>(
    doc: &'a lopdf::Document,
    n: &Object,
    widget: &Dictionary,
) -> &'a Dictionary {
    let id = n.as_reference().expect("/N refers to a stream object");
    let stream = doc.get_object(id).unwrap().as_stream().expect("a stream");
    let d = &stream.dict;
    assert_eq!(d.get(b"Subtype").unwrap().as_name().unwrap(), b"Form");
    let bbox = objects::get_rect(doc, d, b"BBox").unwrap();
    let rect = objects::get_rect(doc, widget, b"Rect").unwrap();
    assert!((bbox.width() - rect.width()).abs() < 0.01);
    assert!((bbox.height() - rect.height()).abs() < 0.01);
    d
}

#[test]
fn every_widget_of_the_blank_templates_has_an_appearance() {
    for bytes in [SUPPORT_FORM_TEMPLATE, CONDITIONS_TEMPLATE] {
        let form = FormDocument::load(bytes).unwrap();
        let doc = form.document();
        let mut normals = Vec::new();
        for f in form.fields() {
            assert!(!f.widgets.is_empty(), "{}", f.name);
            for &w in &f.widgets {
                let wd = doc.get_dictionary(w).unwrap();
                let ap = objects::get_dict(doc, wd, b"AP")
                    .unwrap_or_else(|| panic!("{} has no /AP", f.name));
                // PDF/A-2 (ISO 19005-2, 6.3.3): /N and nothing else.
                let keys: Vec<&[u8]> = ap.iter().map(|(k, _)| k.as_slice()).collect();
                assert_eq!(keys, [b"N".as_slice()], "{}", f.name);
                let n = ap.get(b"N").unwrap();
                match f.kind {
                    FieldKind::Checkbox | FieldKind::Radio => {
                        let states = objects::as_dict(doc, n).expect("a state dictionary");
                        let names: Vec<&[u8]> = states.iter().map(|(k, _)| k.as_slice()).collect();
                        assert_eq!(names.len(), 2, "{}", f.name);
                        assert!(names.contains(&b"Off".as_slice()), "{}", f.name);
                        for (_, s) in states.iter() {
                            appearance_stream(doc, s, wd);
                        }
                        assert_eq!(wd.get(b"AS").unwrap().as_name().unwrap(), b"Off");
                    }
                    FieldKind::Text | FieldKind::Pushbutton | FieldKind::Signature => {
                        appearance_stream(doc, n, wd);
                        normals.push(n.as_reference().unwrap());
                    }
                    other => panic!("{}: unexpected {other}", f.name),
                }
            }
        }
        // One stream per widget: pypdf fills a field by replacing the object
        // its /N refers to, which a shared stream would show everywhere.
        let count = normals.len();
        normals.sort();
        normals.dedup();
        assert_eq!(normals.len(), count);
    }
}

#[test]
fn the_tier_radio_group_has_one_button_per_tier_of_the_content() {
    let doc = FormDocument::load(SUPPORT_FORM_TEMPLATE).unwrap();
    let ids: Vec<String> = content().site.tiers.iter().map(|t| t.id.clone()).collect();
    assert_eq!(doc.field(template::names::ASSISTENZA).unwrap().options, ids);
}

#[test]
fn the_field_contract_is_documented() {
    let doc = std::fs::read_to_string("docs/pdf-fields.md").unwrap();
    for (name, kind) in template::support_form_fields()
        .iter()
        .chain(template::CONDITIONS_FIELDS)
    {
        assert!(
            doc.contains(&format!("`{name}`")),
            "{name} is not in docs/pdf-fields.md"
        );
        assert!(
            doc.contains(kind.name()),
            "{kind} is not in docs/pdf-fields.md"
        );
    }
}
