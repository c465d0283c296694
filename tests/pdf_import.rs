//! "Resume from a PDF": the draft comes back from a PDF this app made, and
//! every other file is refused with a typed error, in bounded time, never
//! with a panic, however it was damaged or built.

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

use acroform::LoadError;
use common::*;
use lopdf::Object;
use proptest::prelude::*;
use rinnovo_core::domain::draft::SignatureMethod;
use rinnovo_core::jobs::Doc;
use rinnovo_documents::renewal::{self, Options};
use rinnovo_documents::{extract_draft, ImportError};
use std::time::{Duration, Instant};

fn filled() -> Vec<u8> {
    let (content, form, json) = form_with(SignatureMethod::Handwritten);
    common::fill(
        Doc::SupportForm,
        (&content, &form, &json),
        Options::default(),
    )
    .unwrap()
}

/// Runs an import and checks it took less than two seconds.
fn timed(bytes: &[u8]) -> Result<rinnovo_core::domain::draft::StoredDraft, ImportError> {
    let start = Instant::now();
    let r = extract_draft(bytes);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "import took {:?}",
        start.elapsed()
    );
    r
}

/// A PDF file from object bodies, with a correct cross-reference table.
fn pdf_from(objects: &[&str], root: u32) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn the_draft_survives_the_round_trip() {
    let (_, _, json) = form_with(SignatureMethod::Handwritten);
    assert_eq!(
        timed(&filled()).unwrap(),
        rinnovo_core::domain::draft::StoredDraft::from_json(&json.json).unwrap()
    );
}

#[test]
fn the_draft_survives_an_incremental_update_as_a_signing_tool_makes() {
    let mut bytes = filled();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let startxref = bytes.len();
    // A new revision: a new object and a trailer pointing back with /Prev.
    let n = doc.max_id + 1;
    bytes.extend(format!("{n} 0 obj\n<< /Producer (Firma digitale) >>\nendobj\n").as_bytes());
    bytes.extend(
        format!(
            "trailer\n<< /Size {} /Root {} 0 R /Info {n} 0 R /Prev {startxref} >>\n%%EOF\n",
            n + 1,
            root.0
        )
        .as_bytes(),
    );
    let (_, _, json) = form_with(SignatureMethod::Handwritten);
    assert_eq!(
        timed(&bytes).unwrap(),
        rinnovo_core::domain::draft::StoredDraft::from_json(&json.json).unwrap()
    );
}

#[test]
fn a_blank_template_has_no_attachment() {
    assert_eq!(
        timed(renewal::SUPPORT_FORM_TEMPLATE),
        Err(ImportError::NoAttachment)
    );
}

#[test]
fn files_over_20_mb_are_refused_before_parsing() {
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(20 * 1024 * 1024 + 1, b' ');
    assert_eq!(timed(&big), Err(ImportError::Pdf(LoadError::TooLarge)));
}

#[test]
fn non_pdfs_are_refused() {
    assert_eq!(
        timed(b"\x89PNG\r\n\x1a\n"),
        Err(ImportError::Pdf(LoadError::NotPdf))
    );
    assert_eq!(timed(b""), Err(ImportError::Pdf(LoadError::NotPdf)));
}

#[test]
fn encrypted_pdfs_are_refused_even_with_an_empty_password() {
    let bytes = include_bytes!("pdf/fixtures/encrypted-empty-password.pdf");
    assert_eq!(timed(bytes), Err(ImportError::Pdf(LoadError::Encrypted)));
}

#[test]
fn truncated_files_are_errors_or_give_back_the_same_draft() {
    let bytes = filled();
    let whole = timed(&bytes).unwrap();
    // Cut before the data attachment ends: an error.
    for cut in [10, 100, 1000, bytes.len() / 3] {
        assert!(
            timed(&bytes[..cut]).is_err(),
            "a file cut at {cut} was accepted"
        );
    }
    // Cut later, the reader may recover the objects it still finds; then
    // the draft must be exactly the one the whole file holds (the
    // attachment's Flate checksum and the draft parser see to it).
    for cut in [bytes.len() / 2, bytes.len() * 9 / 10, bytes.len() - 1] {
        if let Ok(draft) = timed(&bytes[..cut]) {
            assert_eq!(draft, whole, "a file cut at {cut} gave another draft");
        }
    }
}

#[test]
fn deep_nesting_is_refused_without_recursion() {
    let deep = format!(
        "<< /Type /Catalog /X {}1{} >>",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let pdf = pdf_from(&[&deep], 1);
    assert_eq!(timed(&pdf), Err(ImportError::Pdf(LoadError::Hostile)));
    // Parentheses nested in a string are counted, not recursed into: the
    // file reads, and lacks the data.
    let strings = format!(
        "<< /Type /Catalog /X {}x{} >>",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    assert_eq!(
        timed(&pdf_from(&[&strings], 1)),
        Err(ImportError::NoAttachment)
    );
}

#[test]
fn millions_of_values_are_refused_before_they_fill_memory() {
    // acroform's budget allows a million values; the 117-page GeoTopo book
    // in the corpus holds 63,000.
    let flat = format!("<< /Type /Catalog /X [{}] >>", "1 ".repeat(1_100_000));
    assert_eq!(
        timed(&pdf_from(&[&flat], 1)),
        Err(ImportError::Pdf(LoadError::Hostile))
    );
}

#[test]
fn reference_loops_end_in_an_error() {
    // Names -> EmbeddedFiles whose /Kids point back to itself, and a
    // catalog whose /AF is a chain of references to itself.
    let pdf = pdf_from(
        &[
            "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> /AF 4 0 R >>",
            "<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
            "<< /Kids [3 0 R 3 0 R] >>",
            "5 0 R",
            "4 0 R",
        ],
        1,
    );
    assert_eq!(timed(&pdf), Err(ImportError::NoAttachment));
}

#[test]
fn a_decompression_bomb_in_the_attachment_is_refused() {
    let mut doc = lopdf::Document::load_mem(&filled()).unwrap();
    let zeros = vec![b' '; 30 * 1024 * 1024];
    let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 1);
    for obj in doc.objects.values_mut() {
        if let Object::Stream(s) = obj {
            if s.dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"EmbeddedFile") {
                s.set_content(bomb.clone());
            }
        }
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert_eq!(timed(&bytes), Err(ImportError::AttachmentTooLarge));
}

#[test]
fn an_endless_stream_is_an_error() {
    let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Length 999999999 >>\nstream\n".to_vec();
    pdf.extend(std::iter::repeat_n(b'x', 1 << 20));
    assert!(timed(&pdf).is_err());
}

#[test]
fn an_attachment_that_is_not_a_draft_is_refused() {
    let (content, form, _) = form_with(SignatureMethod::Handwritten);
    let with_json = |json: &str| {
        let attached = renewal::Attached {
            json: json.into(),
            row: Default::default(),
        };
        common::fill(
            Doc::SupportForm,
            (&content, &form, &attached),
            Options::default(),
        )
        .unwrap()
    };
    let bytes = with_json("{\"hello\": 1}");
    assert!(matches!(timed(&bytes), Err(ImportError::Draft(_))));
    let newer = with_json("{\"schema\": 99, \"draft\": {}}");
    assert_eq!(
        timed(&newer),
        Err(ImportError::Draft(
            rinnovo_core::domain::draft::DraftLoadError::NewerSchema(99)
        ))
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let mut with_header = b"%PDF-1.7\n".to_vec();
        with_header.extend_from_slice(&bytes);
        let _ = timed(&bytes);
        let _ = timed(&with_header);
    }

    #[test]
    fn mutated_pdfs_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16), cut in any::<prop::sample::Index>()) {
        let mut bytes = filled_cached().to_vec();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = timed(&bytes);
        let end = cut.index(bytes.len());
        let _ = timed(&bytes[..end]);
    }

    #[test]
    fn spliced_syntax_never_panics(edits in proptest::collection::vec((any::<prop::sample::Index>(), 0..SNIPPETS.len()), 1..24)) {
        // The reportlab form: its dictionaries are stored uncompressed.
        let mut bytes = include_bytes!("pdf/fixtures/reportlab-form.pdf").to_vec();
        for (at, k) in edits {
            let i = at.index(bytes.len());
            bytes.splice(i..i, SNIPPETS[k].bytes());
        }
        let _ = timed(&bytes);
        if let Ok(mut doc) = acroform::FormDocument::load(&bytes) {
            let names: Vec<String> = doc.fields().iter().map(|f| f.name.clone()).collect();
            for n in names {
                let _ = doc.set_value(&n, "Città €");
            }
            doc.flatten(|_| false);
            let _ = doc.to_bytes();
        }
    }
}

/// 64 cases by default; `PROPTEST_CASES=5000` for a longer run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// Pieces of PDF syntax that, spliced in anywhere, stress the parser more
/// than random bytes do.
const SNIPPETS: &[&str] = &[
    "[",
    "]",
    "<<",
    ">>",
    "(",
    ")",
    "<",
    ">",
    "/",
    "%",
    " 1 0 R ",
    " obj ",
    " endobj ",
    " stream\n",
    "endstream",
    " trailer ",
    " xref ",
    "/Type /ObjStm ",
    "/Length 99999 ",
    "/Kids [1 0 R] ",
    "/Root 1 0 R ",
    "\\",
    "#",
    "-",
    ".",
];

fn filled_cached() -> &'static [u8] {
    static FILLED: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    FILLED.get_or_init(filled)
}
