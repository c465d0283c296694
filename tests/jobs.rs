//! The PDF jobs the web worker runs, natively: what the review page's
//! buttons and "resume from a PDF" get back.

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

use common::draft as complete_draft;
use rinnovo_core::content::{Content, PdfTexts};
use rinnovo_core::domain::draft::{Draft, StoredDraft};
use rinnovo_core::jobs::{Doc, Job, Outcome};
use rinnovo_documents::jobs::run;
use rinnovo_documents::PDF_TEXTS;

fn content() -> Content {
    Content::embedded().unwrap()
}

fn fill(doc: Doc, draft: &Draft) -> (Outcome, Vec<u8>) {
    run(
        &Job::fill(doc, "riepilogo", draft),
        &[],
        &PDF_TEXTS,
        Some(&rinnovo_documents::renewal::Kit::built_in(common::font())),
    )
}

#[test]
fn each_document_is_made_with_a_safe_file_name() {
    for (doc, prefix) in [
        (Doc::SupportForm, "Oripan_Modulo_Assistenza_"),
        (Doc::Conditions, "Oripan_Condizioni_Generali_"),
        (Doc::Both, "Oripan_Rinnovo_Assistenza_"),
    ] {
        let (outcome, bytes) = fill(doc, &complete_draft());
        let Outcome::Pdf { file_name } = outcome else {
            panic!("{doc:?}: {outcome:?}");
        };
        assert!(file_name.starts_with(prefix), "{file_name}");
        assert!(file_name.ends_with("_2026-01-25.pdf"), "{file_name}");
        assert!(
            file_name.is_ascii() && !file_name.contains(' '),
            "{file_name}"
        );
        assert!(bytes.starts_with(b"%PDF-"), "{doc:?} is not a PDF");
    }
}

/// The worker takes what the PDFs need from the content out of a `static`
/// its build wrote (`PDF_TEXTS`, from `PdfTexts::to_rust`), and parses no
/// JSON: it equals what the content files give at run time, and so every
/// PDF made with it is the same, byte for byte.
#[test]
fn the_build_time_texts_are_the_content_files() {
    let content = content();
    let texts = PdfTexts::new(&content).unwrap();
    // (`PdfTexts` is invariant in its lifetime, so compared as the Rust
    // its build script writes, which holds every field.)
    assert_eq!(PDF_TEXTS.to_rust(), texts.to_rust());
    assert_eq!(PDF_TEXTS.page(2, 3), "Pagina 2 di 3");
    assert!(PDF_TEXTS.province.contains(&"MI") && PDF_TEXTS.tier_ids.contains(&"sla1"));
    let kit = rinnovo_documents::renewal::Kit::built_in(common::font());
    for doc in Doc::ALL {
        let job = Job::fill(doc, "riepilogo", &complete_draft());
        let made = run(&job, &[], &texts, Some(&kit));
        assert!(
            matches!(made.0, Outcome::Pdf { .. }),
            "{doc:?}: {:?}",
            made.0
        );
        assert_eq!(run(&job, &[], &PDF_TEXTS, Some(&kit)), made, "{doc:?}");
    }
}

#[test]
fn the_same_draft_gives_the_same_bytes() {
    let a = fill(Doc::Both, &complete_draft());
    let b = fill(Doc::Both, &complete_draft());
    assert_eq!(a, b);
}

#[test]
fn a_made_pdf_resumes_to_the_same_draft() {
    let draft = complete_draft();
    let (_, bytes) = fill(Doc::Both, &draft);
    let (outcome, _) = run(&Job::Import, &bytes, &PDF_TEXTS, None);
    let Outcome::Draft { draft: json } = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(StoredDraft::from_json(&json).unwrap().draft, draft);
}

#[test]
fn a_pdf_carries_no_signature_or_stamp_the_user_replaced() {
    use rinnovo_core::domain::draft::{SignatureMethod, StampMethod};
    let mut draft = complete_draft();
    // Drawn and uploaded, then "by hand" chosen for both.
    let signature = draft.form_signing.signature.drawn_png.clone();
    let stamp = draft.form_signing.stamp.png.clone();
    draft.form_signing.signature.method = SignatureMethod::Handwritten;
    draft.form_signing.stamp.method = StampMethod::ByHand;
    let (_, bytes) = fill(Doc::Both, &draft);
    let (outcome, _) = run(&Job::Import, &bytes, &PDF_TEXTS, None);
    let Outcome::Draft { draft: json } = outcome else {
        panic!("{outcome:?}");
    };
    // The signature is still used by the clauses' approval; the stamp nowhere.
    let payload = |png: &str| png["data:image/png;base64,".len()..][..60].to_string();
    assert!(!json.contains(&payload(&stamp)));
    let back = StoredDraft::from_json(&json).unwrap().draft;
    assert!(back.form_signing.signature.drawn_png.is_empty());
    assert!(back.form_signing.stamp.png.is_empty());
    assert_eq!(back.conditions.onerous_signature.drawn_png, signature);
    assert_eq!(back, draft.in_use());
    // The browser's draft still has them, for a change of mind.
    assert!(!draft.form_signing.stamp.png.is_empty());
}

#[test]
fn an_invalid_draft_makes_no_pdf() {
    let mut d = complete_draft();
    d.company.partita_iva = "00743110158".into();
    assert_eq!(fill(Doc::SupportForm, &d), (Outcome::Invalid, Vec::new()));
}

/// The page and the worker speak in arrays of strings: every job and
/// outcome comes back as itself, the PDF's attachment is the JSON of the
/// draft in use, and no other list of strings is read as a job.
#[test]
fn the_messages_cross_as_lists_of_strings() {
    let draft = complete_draft();
    for doc in Doc::ALL {
        let job = Job::fill(doc, "riepilogo", &draft);
        let Job::Fill { attachment, .. } = &job else {
            unreachable!()
        };
        let stored = StoredDraft::from_json(attachment).unwrap();
        assert_eq!(
            (stored.step.as_str(), stored.draft),
            ("riepilogo", draft.in_use())
        );
        assert_eq!(Job::from_message(job.to_message()), Some(job));
    }
    assert_eq!(Job::from_message(vec!["import".into()]), Some(Job::Import));
    let good = Job::fill(Doc::Both, "riepilogo", &draft).to_message();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let mut wrong: Vec<Vec<String>> = vec![
        vec![],
        s(&["import", "x"]),
        s(&["fill"]),
        s(&["fill", "2", "both", "{}"]),
        s(&["print"]),
        good[..good.len() - 1].to_vec(),
        [good.clone(), s(&["extra"])].concat(),
    ];
    // After the kind, schema, document and attachment: the company's texts
    // (one per field of the table), the activations and the tier, the
    // form's signer, place and date, then its signature's method; its
    // stamp's method 5 later; the conditions' first flag 2 after that.
    let texts = rinnovo_core::domain::fields::COMPANY.len() + 2;
    let (signature, stamp, flag) = (4 + texts + 3, 4 + texts + 3 + 5, 4 + texts + 3 + 5 + 2);
    for (i, bad) in [
        (1, "1"),
        (2, "all"),
        (signature, "ink"),
        (stamp, "x"),
        (flag, "yes"),
    ] {
        let mut m = good.clone();
        m[i] = bad.into();
        wrong.push(m);
    }
    for (i, m) in wrong.into_iter().enumerate() {
        assert!(
            Job::from_message(m).is_none(),
            "wrong message {i} read as a job"
        );
    }
    for outcome in [
        Outcome::Pdf {
            file_name: "a.pdf".into(),
        },
        Outcome::Draft { draft: "{}".into() },
        Outcome::Invalid,
        Outcome::Error { key: "k".into() },
    ] {
        assert_eq!(Outcome::from_message(outcome.to_message()), Some(outcome));
    }
    for bad in [
        vec![],
        s(&["pdf"]),
        s(&["invalid", "x"]),
        s(&["error", "a", "b"]),
        s(&["ok"]),
    ] {
        assert_eq!(Outcome::from_message(bad), None);
    }
}

#[test]
fn importing_what_is_not_a_pdf_of_ours_says_why() {
    for (bytes, key) in [
        (&b"hello"[..], "error.pdf.not_pdf"),
        (&b"%PDF-1.7\n garbage"[..], "error.pdf.damaged"),
    ] {
        let (outcome, _) = run(&Job::Import, bytes, &PDF_TEXTS, None);
        assert_eq!(outcome, Outcome::Error { key: key.into() });
    }
    let blank = rinnovo_documents::renewal::SUPPORT_FORM_TEMPLATE;
    let (outcome, _) = run(&Job::Import, blank, &PDF_TEXTS, None);
    assert_eq!(
        outcome,
        Outcome::Error {
            key: "error.pdf.no_attachment".into()
        }
    );
}

#[test]
fn every_outcome_key_has_a_text() {
    let c = content();
    for bytes in [
        &b"hello"[..],
        &b"%PDF-1.7\n garbage"[..],
        rinnovo_documents::renewal::CONDITIONS_TEMPLATE,
    ] {
        if let (Outcome::Error { key }, _) = run(&Job::Import, bytes, &PDF_TEXTS, None) {
            for lang in rinnovo_core::content::Lang::ALL {
                assert!(c.texts(lang).contains(&key), "{lang:?} lacks {key}");
            }
        }
    }
}

/// Any list of strings, of about a fill's length, with the values a draft's
/// flags and methods take among free text.
fn any_message() -> impl proptest::strategy::Strategy<Value = Vec<String>> {
    use proptest::prelude::*;
    let part = prop_oneof![
        Just("true".to_string()),
        Just("false".to_string()),
        Just("drawn".to_string()),
        Just("by_hand".to_string()),
        Just("uploaded".to_string()),
        Just("digital".to_string()),
        "\\PC{0,12}",
    ];
    proptest::collection::vec(part, 38..48)
}

proptest::proptest! {
    /// Whatever list reaches the worker, reading it never panics, and a
    /// list read as a draft is exactly what that draft writes (rarely drawn
    /// here: `every_draft_crosses_as_itself` draws only valid drafts).
    #[test]
    fn any_message_is_read_or_refused_never_a_panic(
        texts in any_message(),
        head in proptest::collection::vec("fill|import|2|both|conditions|\\PC{0,8}", 0..5),
    ) {
        if let Some(d) = Draft::from_texts(texts.clone()) {
            proptest::prop_assert_eq!(d.to_texts(), texts.clone());
        }
        let _ = Job::from_message([head.clone(), texts.clone()].concat());
        let _ = Outcome::from_message(head);
    }
}

/// Any draft: every text free, every flag and method any of its values
/// (which slot is which is read from the default draft's texts).
fn any_draft_texts() -> impl proptest::strategy::Strategy<Value = Vec<String>> {
    use proptest::prelude::*;
    let slots: Vec<BoxedStrategy<String>> = Draft::default()
        .to_texts()
        .into_iter()
        .map(|default| {
            let one_of = |v: &[&'static str]| {
                proptest::sample::select(v.to_vec())
                    .prop_map(String::from)
                    .boxed()
            };
            match default.as_str() {
                "false" => one_of(&["true", "false"]),
                "drawn" => one_of(&["drawn", "typed", "uploaded", "handwritten", "digital"]),
                "uploaded" => one_of(&["uploaded", "by_hand"]),
                _ => "\\PC{0,16}".boxed(),
            }
        })
        .collect();
    slots
}

proptest::proptest! {
    /// Every draft crosses to the worker as itself.
    #[test]
    fn every_draft_crosses_as_itself(texts in any_draft_texts()) {
        let draft = Draft::from_texts(texts.clone());
        proptest::prop_assert!(draft.is_some());
        let draft = draft.unwrap_or_default();
        proptest::prop_assert_eq!(draft.to_texts(), texts);
        let job = Job::fill(Doc::Both, "riepilogo", &draft);
        proptest::prop_assert_eq!(Job::from_message(job.to_message()), Some(job));
    }
}
