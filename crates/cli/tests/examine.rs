//! The office page's reading of one file (`rinnovo_cli::examine`): the row
//! is `extract --csv`'s, the signatures and `verify`'s verdict are the
//! command's, for files as made, signed with pyHanko, edited with pypdf,
//! re-saved by qpdf, and hostile ones.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
// Native only: these tests run tools.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use rinnovo_cli::examine::{examine, Signed, Verdict};
use rinnovo_core::domain::draft::SignatureMethod;
use rinnovo_core::jobs::Doc;
use rinnovo_documents::template::names;
use support::*;

fn province() -> Vec<String> {
    rinnovo_core::content::Content::embedded().unwrap().province
}

#[test]
fn a_renewal_as_made_reads_with_extracts_row_and_verifys_verdict() {
    let pdf = renewal(Doc::Both, &draft_with(SignatureMethod::Handwritten));
    let e = examine("cartella/a.pdf", &pdf, &province());
    let record = e.record.unwrap();
    assert_eq!(
        record,
        rinnovo_cli::paper::read_return("cartella/a.pdf", &pdf, &province()).unwrap()
    );
    assert_eq!(record.get("file"), Some("cartella/a.pdf"));
    assert_eq!(e.verdict, Verdict::AsMade);
    assert!(!e.verdict.flagged());
    assert_eq!((e.form, e.conditions), (Signed::Paper, Signed::Paper));
    assert_eq!(e.lines, rinnovo_cli::verify::verify(&pdf).unwrap().lines());
}

#[test]
fn a_digital_signature_is_told_from_one_left_unsigned() {
    let d = dir("examine-signed");
    let ca = test_ca(&d);
    let made = d.join("modulo.pdf");
    std::fs::write(
        &made,
        renewal(Doc::SupportForm, &draft_with(SignatureMethod::Digital)),
    )
    .unwrap();
    let unsigned = examine("m.pdf", &std::fs::read(&made).unwrap(), &province());
    assert_eq!(unsigned.form, Signed::DigitalMissing);
    // The form alone: its conditions are not in the file.
    assert_eq!(unsigned.conditions, Signed::NotInFile);
    assert_eq!(unsigned.verdict, Verdict::AsMade);

    let signed = d.join("firmato.pdf");
    sign(&made, &signed, names::FIRMA_DIGITALE, &ca);
    let e = examine("m.pdf", &std::fs::read(&signed).unwrap(), &province());
    assert_eq!(e.form, Signed::Digital);
    assert_eq!(e.verdict, Verdict::SignaturesAdded(1));

    // Edited with pypdf after it was signed: changed.
    let edited = d.join("modificato.pdf");
    edit("annotate", &signed, &edited);
    let e = examine("m.pdf", &std::fs::read(&edited).unwrap(), &province());
    assert_eq!(e.verdict, Verdict::Changed);
    assert!(e.verdict.flagged());
    assert!(e.record.is_ok());
}

#[test]
fn a_file_re_saved_by_qpdf_is_changed_and_its_row_still_reads() {
    let d = dir("examine-qpdf");
    let made = d.join("a.pdf");
    std::fs::write(
        &made,
        renewal(Doc::Conditions, &draft_with(SignatureMethod::Drawn)),
    )
    .unwrap();
    let resaved = d.join("qpdf.pdf");
    tool(
        "qpdf",
        &[
            made.as_os_str(),
            "--object-streams=generate".as_ref(),
            resaved.as_os_str(),
        ],
    );
    let e = examine("q.pdf", &std::fs::read(&resaved).unwrap(), &province());
    assert_eq!(e.verdict, Verdict::Changed);
    assert_eq!(e.conditions, Signed::Image);
    assert_eq!(e.record.unwrap().get("file"), Some("q.pdf"));
}

#[test]
fn hostile_files_get_a_reason_not_a_panic() {
    for bytes in [
        &b"hello"[..],
        b"%PDF-1.7\nstartxref\n0\n%%EOF",
        b"\x89PNG\r\n\x1a\n",
        b"",
    ] {
        let e = examine("x", bytes, &province());
        let why = e.record.unwrap_err();
        assert!(!why.is_empty(), "{bytes:?}");
        assert!(
            matches!(e.verdict, Verdict::Failed(ref w) if !w.is_empty()),
            "{bytes:?}: {:?}",
            e.verdict
        );
        assert_eq!(e.form, Signed::Unknown);
    }
}

#[test]
fn the_workers_reply_carries_the_row_back_whole() {
    let pdf = renewal(Doc::Both, &draft_with(SignatureMethod::Drawn));
    let e = examine("a.pdf", &pdf, &province());
    let reply = rinnovo_cli::examine::Reply::from(&e);
    let json = serde_json::to_string(&reply).unwrap();
    let back: rinnovo_cli::examine::Reply = serde_json::from_str(&json).unwrap();
    assert_eq!(back.record(), Some(e.record.clone().unwrap()));
    assert_eq!(back.verdict, "as_made");
    assert_eq!(
        (back.form.as_str(), back.conditions.as_str()),
        ("image", "image")
    );
    let failed = rinnovo_cli::examine::Reply::from(&examine("x", b"nope", &province()));
    assert_eq!(failed.record(), None);
    assert!(failed.error.is_some() && failed.flagged);
}
