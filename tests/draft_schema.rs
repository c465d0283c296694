//! Drafts of every schema this app ever wrote still load, migrated. The
//! fixtures were written by the schema-1 build and are kept as files: two
//! stored drafts (tests/e2e/drafts/) and a PDF carrying its draft
//! (tests/pdf/fixtures/renewal-schema1.pdf).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
// Native only: these tests read files and use proptest.
#![cfg(not(target_arch = "wasm32"))]

#[path = "pdf/common.rs"]
mod common;

use proptest::prelude::*;
use rinnovo_core::domain::draft::*;
use rinnovo_core::domain::form::{Stamp, ValidForm};
use rinnovo_documents::extract_draft;
use serde_json::{json, Value};

const COMPLETE_V1: &str = include_str!("e2e/drafts/complete.json");
const STAMP_AND_BY_HAND_V1: &str = include_str!("e2e/drafts/schema1-stamp-and-by-hand.json");
const PDF_V1: &[u8] = include_bytes!("pdf/fixtures/renewal-schema1.pdf");

fn load(json: &str) -> StoredDraft {
    StoredDraft::from_json(json).expect("the schema-1 fixture loads")
}

fn v1(json: &str) -> Value {
    let v: Value = serde_json::from_str(json).unwrap();
    assert_eq!(v["schema"], 1, "the fixture is of schema 1");
    v
}

fn valid(d: &Draft) -> ValidForm {
    common::validate_draft(&common::content(), d)
}

#[test]
fn the_current_schema_is_2() {
    // A change of the stored shape needs a new version and a migration in
    // crates/core/src/domain/draft.rs, and a fixture here written by the old build.
    assert_eq!(SCHEMA_VERSION, 2);
}

#[test]
fn a_complete_schema_1_draft_loads_migrated_and_is_still_complete() {
    let stored = load(COMPLETE_V1);
    assert_eq!(stored.schema, SCHEMA_VERSION);
    assert_eq!(stored.step, "riepilogo");
    let d = &stored.draft;
    assert_eq!(d.company.ragione_sociale, "Bottega Più S.r.l.");
    // "stamp_by_hand": true with no image.
    assert_eq!(
        d.form_signing.stamp,
        StampDraft {
            method: StampMethod::ByHand,
            png: String::new()
        }
    );
    // Neither an image nor "by hand": nothing chosen yet, as before.
    assert_eq!(d.conditions.signing.stamp, StampDraft::default());
    let form = valid(d);
    assert_eq!(form.form_signing.stamp, Stamp::ByHand);
}

#[test]
fn where_schema_1_had_both_an_image_and_by_hand_the_image_stays_in_use() {
    // Schema 1's app put the image in the PDF and said "Timbro caricato" in
    // the review; after the migration the user sees the same.
    let raw = v1(STAMP_AND_BY_HAND_V1);
    let form_png = raw["draft"]["form_signing"]["stamp_png"].as_str().unwrap();
    assert!(form_png.starts_with("data:image/png;base64,"));
    assert_eq!(raw["draft"]["form_signing"]["stamp_by_hand"], true);

    let stored = load(STAMP_AND_BY_HAND_V1);
    assert_eq!(stored.step, "firma");
    let d = &stored.draft;
    assert_eq!(d.form_signing.stamp.method, StampMethod::Uploaded);
    assert_eq!(d.form_signing.stamp.png, form_png);
    assert_eq!(d.conditions.signing.stamp.method, StampMethod::ByHand);
    let form = valid(d);
    assert!(matches!(form.form_signing.stamp, Stamp::Image(_)));
    assert_eq!(form.conditions_signing.stamp, Stamp::ByHand);
}

/// The JSON with the stamp's fields of both signings taken out, whatever
/// their schema.
fn without_stamps(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("schema");
    for path in ["/draft/form_signing", "/draft/conditions/signing"] {
        if let Some(s) = v.pointer_mut(path).and_then(Value::as_object_mut) {
            for k in ["stamp_png", "stamp_by_hand", "stamp"] {
                s.remove(k);
            }
        }
    }
    v
}

#[test]
fn migration_changes_nothing_but_the_stamp() {
    for fixture in [COMPLETE_V1, STAMP_AND_BY_HAND_V1] {
        let mut migrated: Value = serde_json::from_str(&load(fixture).to_json()).unwrap();
        assert_eq!(migrated["schema"], SCHEMA_VERSION);
        // A company field added to the table since schema 1 comes in blank
        // (docs/adding-a-field.md): nothing else is new.
        let old = v1(fixture);
        if let Some(company) = migrated
            .pointer_mut("/draft/company")
            .and_then(Value::as_object_mut)
        {
            company.retain(|k, v| old["draft"]["company"].get(k).is_some() || v != "");
        }
        assert_eq!(without_stamps(migrated), without_stamps(old));
    }
}

#[test]
fn a_migrated_draft_is_saved_in_the_current_schema_and_reloads_the_same() {
    for fixture in [COMPLETE_V1, STAMP_AND_BY_HAND_V1] {
        let stored = load(fixture);
        let json = stored.to_json();
        assert!(json.starts_with(&format!("{{\"schema\":{SCHEMA_VERSION},")));
        assert!(!json.contains("stamp_by_hand"), "{json:.200}");
        assert_eq!(StoredDraft::from_json(&json).unwrap(), stored);
    }
}

#[test]
fn a_pdf_made_by_the_schema_1_build_resumes_migrated() {
    let stored = extract_draft(PDF_V1).expect("the schema-1 PDF imports");
    assert_eq!(stored.schema, SCHEMA_VERSION);
    assert_eq!(stored.step, "riepilogo");
    // It carries the same draft as the stored fixture, saved on another step.
    assert_eq!(stored.draft, load(STAMP_AND_BY_HAND_V1).draft);
}

#[test]
fn missing_schema_1_stamp_fields_read_as_schema_1_did() {
    let stored = StoredDraft::from_json(r#"{"schema":1,"draft":{"form_signing":{}}}"#).unwrap();
    assert_eq!(stored.draft, Draft::default());
    assert_eq!(stored.step, "");
    let stored = StoredDraft::from_json(r#"{"schema":1,"draft":{}}"#).unwrap();
    assert_eq!(stored.draft, Draft::default());
}

#[test]
fn old_drafts_of_the_wrong_shape_are_unreadable_not_a_panic() {
    // What schema 1's build refused, and what is not schema 1 at all.
    let bad = [
        r#"{"schema":0,"draft":{}}"#,
        r#"{"schema":-1,"draft":{}}"#,
        r#"{"schema":1.5,"draft":{}}"#,
        r#"{"schema":"1","draft":{}}"#,
        r#"{"schema":1}"#,
        r#"{"schema":1,"draft":5}"#,
        r#"{"schema":1,"draft":{"form_signing":{"stamp_png":5}}}"#,
        r#"{"schema":1,"draft":{"form_signing":{"stamp_png":null}}}"#,
        r#"{"schema":1,"draft":{"form_signing":{"stamp_by_hand":"yes"}}}"#,
        r#"{"schema":1,"draft":{"conditions":3}}"#,
        r#"{"schema":1,"draft":{"conditions":{"signing":"x"}}}"#,
        r#"{"schema":1,"draft":{"conditions":{"signing":{"stamp_by_hand":1}}}}"#,
        r#"{"schema":1,"step":7,"draft":{}}"#,
        r#"{"schema":1,"draft":{"company":{"cap":20121}}}"#,
        r#"[1]"#,
    ];
    for json in bad {
        assert_eq!(
            StoredDraft::from_json(json),
            Err(DraftLoadError::Unreadable),
            "{json}"
        );
    }
}

/// Any JSON value, a few levels deep, with the keys a draft has.
fn any_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("stamp_png".to_string()),
        Just("stamp_by_hand".to_string()),
        Just("signing".to_string()),
        Just("form_signing".to_string()),
        Just("conditions".to_string()),
        Just("stamp".to_string()),
        Just("method".to_string()),
        "[a-z_]{1,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_schema_1_json_loads_or_is_refused_never_panics(
        draft in any_json(),
        form in any_json(),
        conditions in any_json(),
        schema in 0u32..4,
    ) {
        let _ = StoredDraft::from_json(&json!({"schema": schema, "draft": draft}).to_string());
        let v = json!({
            "schema": schema,
            "step": "firma",
            "draft": {"form_signing": form, "conditions": conditions},
        });
        let _ = StoredDraft::from_json(&v.to_string());
    }

    #[test]
    fn a_schema_1_stamp_migrates_to_the_method_its_app_used(
        png in prop_oneof![Just(String::new()), "data:image/png;base64,[A-Za-z0-9+/]{0,40}"],
        by_hand in any::<bool>(),
        cond_png in prop_oneof![Just(String::new()), "[ -~]{0,30}"],
        cond_by_hand in any::<bool>(),
        step in "\\PC{0,20}",
    ) {
        let v = json!({
            "schema": 1,
            "step": step,
            "draft": {
                "form_signing": {"signer": "Mario Rossi", "stamp_png": png, "stamp_by_hand": by_hand},
                "conditions": {"accepted": true, "signing": {"stamp_png": cond_png, "stamp_by_hand": cond_by_hand}},
            },
        });
        let stored = StoredDraft::from_json(&v.to_string()).unwrap();
        // Schema 1's validation and review: an image first, then "by hand".
        let expect = |png: &str, by_hand: bool| StampDraft {
            method: if png.is_empty() && by_hand { StampMethod::ByHand } else { StampMethod::Uploaded },
            png: png.to_string(),
        };
        prop_assert_eq!(stored.step, step);
        prop_assert_eq!(&stored.draft.form_signing.signer, "Mario Rossi");
        prop_assert!(stored.draft.conditions.accepted);
        prop_assert_eq!(stored.draft.form_signing.stamp, expect(&png, by_hand));
        prop_assert_eq!(stored.draft.conditions.signing.stamp, expect(&cond_png, cond_by_hand));
    }
}

/// The PDF worker reads only the current schema (the page hands it
/// `to_json`), so no migration is in its wasm; the page migrates.
#[test]
fn the_worker_reads_the_current_schema_only_and_the_page_migrates() {
    let current = load(COMPLETE_V1).to_json();
    assert_eq!(
        StoredDraft::from_current_json(&current),
        StoredDraft::from_json(&current)
    );
    assert_eq!(
        StoredDraft::from_current_json(COMPLETE_V1),
        Err(DraftLoadError::Unreadable)
    );
    let newer = include_str!("e2e/drafts/newer-schema.json");
    assert_eq!(
        StoredDraft::from_current_json(newer),
        Err(DraftLoadError::NewerSchema(99))
    );
    assert_eq!(
        StoredDraft::from_json(newer),
        Err(DraftLoadError::NewerSchema(99))
    );
    let huge = format!(
        "{{\"schema\":2,\"step\":\"{}\"}}",
        "x".repeat(MAX_DRAFT_BYTES)
    );
    assert_eq!(
        StoredDraft::from_current_json(&huge),
        Err(DraftLoadError::TooLarge)
    );
    // What the page shows for each, a text in both languages.
    let content = common::content();
    for e in [
        DraftLoadError::Unreadable,
        DraftLoadError::TooLarge,
        DraftLoadError::NewerSchema(99),
    ] {
        for lang in rinnovo_core::content::Lang::ALL {
            assert!(
                content.texts(lang).contains(e.key()),
                "{lang:?} lacks {}",
                e.key()
            );
        }
    }
}

/// "Resume from a PDF" of the schema-1 build: the worker's import gives the
/// attached JSON as it is, the page's `from_json` migrates it; a fill
/// message of another schema is refused by the worker rather than misread.
#[test]
fn a_schema_1_pdf_imports_as_its_json_and_the_page_migrates_it() {
    use rinnovo_core::jobs::{Doc, Job, Outcome};
    use rinnovo_documents::jobs::run;
    let (outcome, _) = run(&Job::Import, PDF_V1, &rinnovo_documents::PDF_TEXTS, None);
    let Outcome::Draft { draft } = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(v1(&draft)["schema"], 1);
    assert_eq!(
        StoredDraft::from_json(&draft),
        extract_draft(PDF_V1).map_err(|_| DraftLoadError::Unreadable)
    );
    let migrated = StoredDraft::from_json(&draft).unwrap();
    let mut message = Job::fill(Doc::SupportForm, "riepilogo", &migrated.draft).to_message();
    assert!(Job::from_message(message.clone()).is_some());
    message[1] = "1".into();
    assert_eq!(Job::from_message(message), None);
}

/// What the page reads with the browser's `JSON.parse` (src/draft_json.rs)
/// goes through [`StoredDraft::from_value`]; here over serde_json's own
/// parsed value, which must read every text as [`StoredDraft::from_json`]
/// does (tests/wasm_browser.rs checks the page's reader the same way).
fn from_parsed(json: &str) -> Result<StoredDraft, DraftLoadError> {
    let value: Value = serde_json::from_str(json).map_err(|_| DraftLoadError::Unreadable)?;
    StoredDraft::from_value(|| value.clone())
}

/// Texts a stored draft may be: not JSON, wrong types, unknown variants,
/// schemas old, current, newer and none, unknown keys. One a line; the
/// page's reader is checked on the same file (tests/wasm_browser.rs).
const DRAFT_TEXTS: &str = include_str!("fixtures/drafts/texts.txt");

#[test]
fn a_parsed_value_reads_as_its_text_every_schema_and_every_refusal() {
    let current = load(COMPLETE_V1).to_json();
    let texts = [COMPLETE_V1, STAMP_AND_BY_HAND_V1, current.as_str()];
    for json in texts.into_iter().chain(DRAFT_TEXTS.lines()) {
        assert_eq!(from_parsed(json), StoredDraft::from_json(json), "{json}");
    }
}

/// A nesting of `depth` arrays and objects, with strings holding brackets,
/// quotes and escapes on the way, which must not count.
fn nested(depth: usize, noise: &[String]) -> String {
    let mut json = String::new();
    for i in 0..depth {
        let text = serde_json::to_string(&noise[i % noise.len()]).unwrap();
        if i % 2 == 0 {
            json.push_str(&format!("[{text},"));
        } else {
            json.push_str(&format!("{{{text}:"));
        }
    }
    json.push('0');
    for i in (0..depth).rev() {
        json.push(if i % 2 == 0 { ']' } else { '}' });
    }
    json
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The page refuses a draft nested deeper than serde_json's limit before
    /// parsing it (the walk over the parsed value is recursive): it must
    /// refuse exactly what serde_json refuses for its depth.
    #[test]
    fn the_nesting_check_agrees_with_serde_json_s_limit(
        depth in 100usize..160,
        noise in proptest::collection::vec("[\\[\\]{}\"\\\\a-z]{0,6}", 1..5),
    ) {
        let json = nested(depth, &noise);
        prop_assert_eq!(
            nesting_within(&json, MAX_NESTING),
            serde_json::from_str::<Value>(&json).is_ok(),
            "depth {}", depth
        );
    }

    #[test]
    fn a_parsed_value_reads_as_its_text_whatever_was_typed(
        name in "\\PC{0,80}",
        step in "\\PC{0,20}",
        method in 0usize..SignatureMethod::ALL.len(),
    ) {
        let mut d = load(COMPLETE_V1).draft;
        d.company.ragione_sociale = name;
        d.form_signing.signature.method = SignatureMethod::ALL[method];
        let json = StoredDraft::new(&step, d).to_json();
        prop_assert_eq!(from_parsed(&json), StoredDraft::from_json(&json));
    }
}
