//! The checked-in templates are exactly what the generator makes from the
//! current content, and they have every documented field with its kind.
// Native only: these tests read files, run tools or use proptest.
#![cfg(not(target_arch = "wasm32"))]

use acroform::{FieldKind, FormDocument};
use rinnovo_core::content::Content;
use rinnovo_documents::renewal::{CONDITIONS_TEMPLATE, SUPPORT_FORM_TEMPLATE};
use rinnovo_documents::template;

fn content() -> Content {
    Content::embedded().unwrap()
}

#[test]
fn checked_in_templates_equal_a_fresh_generation() {
    let c = content();
    assert!(
        template::support_form(&c).unwrap() == SUPPORT_FORM_TEMPLATE,
        "assets/templates/modulo-assistenza.pdf is stale: run `cargo run --bin rinnovo-pdf -- templates`"
    );
    assert!(
        template::conditions(&c).unwrap() == CONDITIONS_TEMPLATE,
        "assets/templates/condizioni-generali.pdf is stale: run `cargo run --bin rinnovo-pdf -- templates`"
    );
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
    assert_fields(SUPPORT_FORM_TEMPLATE, template::SUPPORT_FORM_FIELDS);
    assert_fields(CONDITIONS_TEMPLATE, template::CONDITIONS_FIELDS);
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
    for (name, kind) in template::SUPPORT_FORM_FIELDS
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
