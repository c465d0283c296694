//! A firma digitale on Rinnovo's PDFs, proven with pyHanko (PAdES): the
//! empty signature fields that the app keeps for it are signed in place by
//! an independent signing tool, its validator accepts every signature, and
//! `rinnovo-pdf extract` and `verify` still read the signed files. The
//! certificates are a throw-away test CA made in the test
//! (`tests/pdf/pades.py`).

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

use rinnovo_core::domain::draft::SignatureMethod;
use rinnovo_core::jobs::Doc;
use rinnovo_documents::template::names;
use support::*;

fn assert_sound(sig: &serde_json::Value, field: &str, coverage: &str) {
    assert_eq!(sig["field"], field, "{sig}");
    for key in ["intact", "valid", "trusted", "bottom_line"] {
        assert_eq!(sig[key], true, "{key}: {sig}");
    }
    assert_eq!(sig["coverage"], coverage, "{sig}");
}

#[test]
fn the_support_forms_digital_signature_field_is_signed_and_validated() {
    let d = dir("signature-form");
    let ca = test_ca(&d);
    let made = d.join("modulo.pdf");
    std::fs::write(
        &made,
        renewal(Doc::SupportForm, &draft_with(SignatureMethod::Digital)),
    )
    .unwrap();
    let signed = d.join("modulo-firmato.pdf");
    sign(&made, &signed, names::FIRMA_DIGITALE, &ca);

    let sigs = validate(&signed, &ca);
    assert_eq!(sigs.len(), 1, "{sigs:?}");
    assert_sound(&sigs[0], names::FIRMA_DIGITALE, "ENTIRE_FILE");

    // The data reads the same from the signed file.
    let after = cli(&["extract".as_ref(), signed.as_os_str()]);
    assert!(after.status.success(), "{}", stderr(&after));
    assert_eq!(
        stdout(&after),
        stdout(&cli(&["extract".as_ref(), made.as_os_str()]))
    );
    assert!(stdout(&after).contains("\"method\":\"digital\""));

    let v = cli(&["verify".as_ref(), signed.as_os_str()]);
    let report = stdout(&v);
    assert!(v.status.success(), "{report}{}", stderr(&v));
    assert!(
        report.contains("is byte for byte what this build makes"),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "revision 2 (bytes {}-",
            std::fs::metadata(&made).unwrap().len()
        )),
        "{report}"
    );
    assert!(
        report.contains("a digital signature of field firma.firma_digitale (expected)"),
        "{report}"
    );
    assert!(report.contains("result: as Rinnovo made it, with 1 digital signature added"));
}

#[test]
fn the_clause_approval_is_signed_second_and_both_signatures_validate() {
    let d = dir("signature-both");
    let ca = test_ca(&d);
    let made = d.join("contratto.pdf");
    std::fs::write(
        &made,
        renewal(Doc::Both, &draft_with(SignatureMethod::Digital)),
    )
    .unwrap();
    let first = d.join("firmato-1.pdf");
    let second = d.join("firmato-2.pdf");
    sign(&made, &first, names::FIRMA_DIGITALE, &ca);
    sign(&first, &second, names::CLAUSOLE_FIRMA_DIGITALE, &ca);

    let sigs = validate(&second, &ca);
    assert_eq!(sigs.len(), 2, "{sigs:?}");
    // The first covers its own revision; what came after it is a signature
    // of another empty field, which pyHanko's policy allows as form filling.
    assert_sound(&sigs[0], names::FIRMA_DIGITALE, "ENTIRE_REVISION");
    assert_eq!(sigs[0]["modification"], "FORM_FILLING");
    assert_sound(&sigs[1], names::CLAUSOLE_FIRMA_DIGITALE, "ENTIRE_FILE");
    assert_eq!(sigs[1]["modification"], "NONE");

    let extracted = cli(&["extract".as_ref(), second.as_os_str()]);
    assert!(extracted.status.success(), "{}", stderr(&extracted));
    assert_eq!(
        stdout(&extracted),
        stdout(&cli(&["extract".as_ref(), made.as_os_str()]))
    );
    // And as a row of the table, the same data's digest.
    let table = cli(&[
        "extract".as_ref(),
        "--json".as_ref(),
        made.as_os_str(),
        second.as_os_str(),
    ]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&table.stdout).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["dati_sha256"], rows[1]["dati_sha256"]);
    assert_eq!(rows[1]["clausole_firma"], "digital");

    let v = cli(&["verify".as_ref(), second.as_os_str()]);
    let report = stdout(&v);
    assert!(v.status.success(), "{report}{}", stderr(&v));
    assert!(report.contains("revisions added after it: 2"), "{report}");
    assert!(
        report.contains("a digital signature of field clausole.firma_digitale (expected)"),
        "{report}"
    );
    assert!(
        report.contains("with 2 digital signatures added"),
        "{report}"
    );
    assert!(
        report.contains("attached data: matches what the pages show"),
        "{report}"
    );
}

#[test]
fn an_annotation_added_after_signing_is_flagged_and_the_signature_still_validates() {
    let d = dir("signature-then-note");
    let ca = test_ca(&d);
    let made = d.join("contratto.pdf");
    std::fs::write(
        &made,
        renewal(Doc::SupportForm, &draft_with(SignatureMethod::Digital)),
    )
    .unwrap();
    let signed = d.join("firmato.pdf");
    sign(&made, &signed, names::FIRMA_DIGITALE, &ca);
    let noted = d.join("annotato.pdf");
    edit("annotate", &signed, &noted);

    let sigs = validate(&noted, &ca);
    assert_eq!(sigs[0]["intact"], true, "{sigs:?}");
    assert_eq!(sigs[0]["coverage"], "ENTIRE_REVISION", "{sigs:?}");

    let v = cli(&["verify".as_ref(), noted.as_os_str()]);
    let report = stdout(&v);
    assert_eq!(v.status.code(), Some(1), "{report}");
    assert!(report.contains("revision 2 (bytes"), "{report}");
    assert!(report.contains("a digital signature of field firma.firma_digitale (expected)"));
    assert!(
        report.contains("revision 3 (bytes") && report.contains("form or annotation changes"),
        "{report}"
    );
    assert!(report.contains("result: CHANGED"), "{report}");
}
