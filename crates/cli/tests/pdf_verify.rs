//! `rinnovo-pdf verify`: a PDF as Rinnovo made it passes; one rewritten by
//! qpdf, or changed by pypdf in an incremental update, is flagged with what
//! changed; a replaced attachment or drawn-over page no longer matches. The
//! signed files are in `pdf_signature.rs`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
// Native only: these tests read files and run tools.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use rinnovo_core::domain::draft::StoredDraft;
use rinnovo_core::jobs::Doc;
use rinnovo_documents::renewal::{Input, Kit, Options};
use std::path::{Path, PathBuf};
use support::*;

fn verify(file: &Path) -> (Option<i32>, String) {
    let out = cli(&["verify".as_ref(), file.as_os_str()]);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    (out.status.code(), stdout(&out) + &err)
}

fn made(d: &Path, doc: Doc) -> PathBuf {
    let (_, draft, _) = variety().remove(0);
    let path = d.join(format!("{}.pdf", doc.id()));
    std::fs::write(&path, renewal(doc, &draft)).unwrap();
    path
}

#[test]
fn every_document_as_made_passes_byte_for_byte() {
    let d = dir("verify-made");
    for doc in Doc::ALL {
        let (code, report) = verify(&made(&d, doc));
        assert_eq!(code, Some(0), "{report}");
        assert!(
            report.contains("is byte for byte what this build makes"),
            "{report}"
        );
        assert!(
            report.contains("revisions added after it: none"),
            "{report}"
        );
        assert!(
            report.contains("attached data: matches what the pages show"),
            "{report}"
        );
        assert!(report.contains("result: as Rinnovo made it\n"), "{report}");
    }
}

#[test]
fn a_file_another_build_made_is_named_as_such() {
    // Another version of the app: the same engine and draft, other content
    // (a tier renamed, so the form's page differs too), its own templates.
    let mut content = common::content();
    content.site.tiers[0].name.it = format!("{} (edizione 2025)", content.site.tiers[0].name.it);
    let draft = variety().remove(0).1;
    let form = common::validate_draft(&content, &draft);
    let json = StoredDraft::new("riepilogo", draft.in_use()).to_json();
    let json = rinnovo_documents::renewal::Attached::new(json, &draft, &content.province);
    let pdf = rinnovo_documents::renewal::fill(
        Doc::Both,
        &Kit {
            support_form: rinnovo_documents::template::support_form(&content, &common::fonts())
                .unwrap()
                .into(),
            conditions: rinnovo_documents::template::conditions(&content, &common::fonts())
                .unwrap()
                .into(),
            ..Kit::built_in(common::font())
        },
        &Input {
            form: &form,
            texts: &common::texts(&content),
            attached: &json,
        },
        Options::default(),
    )
    .unwrap();
    let d = dir("verify-other-build");
    let path = d.join("altra-versione.pdf");
    std::fs::write(&path, pdf).unwrap();
    let (code, report) = verify(&path);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains("as Rinnovo made it, but made by another build"),
        "{report}"
    );
    assert!(
        report.contains("a newer or older version of the app"),
        "{report}"
    );
    assert!(report.contains("not checked byte for byte"), "{report}");
    assert!(
        report.contains("neither changed since Rinnovo made the file"),
        "{report}"
    );
}

#[test]
fn a_file_rewritten_by_qpdf_is_not_as_made_but_its_data_still_matches() {
    let d = dir("verify-qpdf");
    let original = made(&d, Doc::Both);
    let rewritten = d.join("qpdf.pdf");
    tool(
        "qpdf",
        &[
            "--object-streams=generate".as_ref(),
            original.as_os_str(),
            rewritten.as_os_str(),
        ],
    );
    let (code, report) = verify(&rewritten);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("original: not as Rinnovo made it"),
        "{report}"
    );
    assert!(
        report.contains("its /ID no longer matches its bytes"),
        "{report}"
    );
    assert!(
        report.contains("attached data: matches what the pages show"),
        "{report}"
    );
    assert!(report.contains("result: CHANGED"), "{report}");
}

#[test]
fn an_attachment_edited_with_qpdf_no_longer_matches_the_pages() {
    // qpdf's way to edit a file by hand: QDF (streams uncompressed, one
    // object per line), a text edit, then fix-qdf for the offsets.
    let d = dir("verify-qdf");
    let original = made(&d, Doc::SupportForm);
    let qdf = d.join("qdf.pdf");
    tool(
        "qpdf",
        &[
            "--qdf".as_ref(),
            "--object-streams=disable".as_ref(),
            original.as_os_str(),
            qdf.as_os_str(),
        ],
    );
    let text = std::fs::read(&qdf).unwrap();
    let from = b"\"activations\":\"10\"";
    let at = text.windows(from.len()).position(|w| w == from).unwrap();
    let mut edited = text.clone();
    edited.splice(
        at..at + from.len(),
        b"\"activations\":\"1\"".iter().copied(),
    );
    let hand_edited = d.join("qdf-edited.pdf");
    std::fs::write(&hand_edited, edited).unwrap();
    let fixed = tool("fix-qdf", &[&hand_edited]);
    let path = d.join("qpdf-edited.pdf");
    std::fs::write(&path, fixed.stdout).unwrap();

    let (code, report) = verify(&path);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("original: not as Rinnovo made it"),
        "{report}"
    );
    assert!(
        report.contains("attached data: does not match what the pages show"),
        "{report}"
    );
}

#[test]
fn pypdf_incremental_updates_are_named_by_what_they_change() {
    let d = dir("verify-pypdf");
    let original = made(&d, Doc::Both);
    let size = std::fs::metadata(&original).unwrap().len();
    for (edit_kind, kind, data) in [
        (
            "annotate",
            "form or annotation changes: a page's annotation list",
            "attached data: matches what the pages show",
        ),
        (
            "metadata",
            "other changes: the document information (/Info)",
            "attached data: matches what the pages show",
        ),
        (
            "content",
            "other changes: a page (/Contents)",
            "what page 1 shows changed after the first revision",
        ),
        (
            "attachment",
            "other changes: a /EmbeddedFile object, changed",
            "the attached data was replaced after the first revision",
        ),
    ] {
        let path = d.join(format!("{edit_kind}.pdf"));
        edit(edit_kind, &original, &path);
        let (code, report) = verify(&path);
        assert_eq!(code, Some(1), "{edit_kind}: {report}");
        // The first revision is still the file as made.
        assert!(
            report.contains("is byte for byte what this build makes"),
            "{edit_kind}: {report}"
        );
        assert!(
            report.contains("revisions added after it: 1"),
            "{edit_kind}: {report}"
        );
        assert!(
            report.contains(&format!("revision 2 (bytes {size}-")),
            "{edit_kind}: {report}"
        );
        assert!(report.contains(kind), "{edit_kind}: {report}");
        assert!(report.contains(data), "{edit_kind}: {report}");
        assert!(report.contains("result: CHANGED"), "{edit_kind}: {report}");
    }
}

#[test]
fn other_files_are_refused_with_one_line_or_named_as_not_rinnovos() {
    let d = dir("verify-others");
    // Another program's form: read, but not a renewal.
    let (code, report) = verify(&support::root().join("tests/pdf/fixtures/reportlab-form.pdf"));
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("original: not a renewal made by Rinnovo"),
        "{report}"
    );
    assert!(
        report.contains("the file has no rinnovo-dati.json"),
        "{report}"
    );

    // Bytes after the last %%EOF are named.
    let mut bytes = std::fs::read(made(&d, Doc::SupportForm)).unwrap();
    bytes.extend_from_slice(b"\n% appended by hand\n");
    let path = d.join("coda.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let (code, report) = verify(&path);
    assert_eq!(code, Some(1), "{report}");
    assert!(report.contains("after the last revision: "), "{report}");

    // Built to exhaust a reader: refused, in one line.
    let mut bomb = b"%PDF-1.7\n1 0 obj ".to_vec();
    bomb.extend(std::iter::repeat_n(b'[', 100_000));
    bomb.extend_from_slice(b"\nstartxref\n9\n%%EOF\n");
    let path = d.join("bomba.pdf");
    std::fs::write(&path, bomb).unwrap();
    let out = cli(&["verify".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("revision 1: ") && err.contains("refuses"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    for bad in ["Cargo.toml", "does-not-exist.pdf"] {
        let out = cli(&["verify", bad]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        let err = stderr(&out);
        assert!(err.starts_with("rinnovo-pdf: "), "{bad}: {err}");
        assert_eq!(err.lines().count(), 1, "{bad}: {err}");
    }
    assert_eq!(cli(&["verify"]).status.code(), Some(2));
}
