//! The back-office command `rinnovo-pdf`: each command works, and bad
//! arguments or files get a one-line error and a non-zero exit.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
// Native only: these tests read files, run tools or use proptest.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../../tests/pdf/corpus.rs"]
mod corpus;

use std::path::Path;
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    // Paths in the tests are the repository's, as the back office types them.
    Command::new(env!("CARGO_BIN_EXE_rinnovo-pdf"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .unwrap()
}

fn dir() -> std::path::PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-cli");
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn fields_lists_kinds_and_reports_a_complete_template() {
    let out = cli(&["fields", "assets/templates/modulo-assistenza.pdf"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("assistenza\tradio\t[a_chiamata, sla1, sla2]"),
        "{text}"
    );
    assert!(text.contains("firma.firma_digitale\tsignature"), "{text}");
    // 15 of the company (the field table) and 8 more.
    let count = rinnovo_documents::template::support_form_fields().len();
    assert_eq!(count, rinnovo_core::domain::fields::COMPANY.len() + 8);
    assert!(
        text.contains(&format!(
            "all {count} fields of the support form are present"
        )),
        "{text}"
    );
}

#[test]
fn fields_names_what_a_foreign_form_lacks() {
    let out = cli(&["fields", "tests/pdf/fixtures/reportlab-form.pdf"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("missing (support form): azienda.ragione_sociale (text)"));
}

#[test]
fn fill_then_extract_round_trips_through_files() {
    let d = dir();
    let png = d.join("firma.png");
    std::fs::write(&png, tiny_png()).unwrap();
    let data = d.join("dati.json");
    std::fs::write(
        &data,
        r#"{"azienda.ragione_sociale": "Caffè Città S.r.l.", "attivazioni": 7, "assistenza": "sla2", "firma.firma": "firma.png"}"#,
    )
    .unwrap();
    let out_pdf = d.join("out.pdf");
    let out = cli(&[
        "fill",
        "assets/templates/modulo-assistenza.pdf",
        data.to_str().unwrap(),
        "-o",
        out_pdf.to_str().unwrap(),
        "--flatten",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fields = cli(&["fields", out_pdf.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&fields.stdout).starts_with("firma.firma_digitale\tsignature"));
    // No attachment in a plain fill: extract says so.
    let out = cli(&["extract", out_pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no rinnovo-dati.json attachment"));
}

fn tiny_png() -> Vec<u8> {
    // 1x1 gray+alpha, made by hand (PNG specification, section 5).
    let raw = [0u8, 0, 255];
    let idat = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6);
    let mut out = vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
    for (kind, body) in [
        (&b"IHDR"[..], vec![0, 0, 0, 1, 0, 0, 0, 1, 8, 4, 0, 0, 0]),
        (b"IDAT", idat),
        (b"IEND", vec![]),
    ] {
        out.extend((body.len() as u32).to_be_bytes());
        out.extend(kind);
        out.extend(&body);
        out.extend([0, 0, 0, 0]);
    }
    out
}

#[test]
fn bad_input_gets_one_line_and_a_non_zero_exit() {
    for (args, code) in [
        (vec![], 2),
        (vec!["frobnicate"], 2),
        (vec!["fields"], 2),
        (vec!["fields", "does-not-exist.pdf"], 1),
        (vec!["fields", "Cargo.toml"], 1),
        (
            vec!["extract", "tests/pdf/fixtures/encrypted-empty-password.pdf"],
            1,
        ),
        (
            vec![
                "fill",
                "assets/templates/modulo-assistenza.pdf",
                "Cargo.toml",
                "-o",
                "/dev/null",
            ],
            1,
        ),
        (vec!["fill", "assets/templates/modulo-assistenza.pdf"], 2),
    ] {
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("rinnovo-pdf: "), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        if code == 1 {
            assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        }
    }
}

/// The four kinds of file the back office met refused, and the 1 KB file
/// that once aborted this command with a stack overflow.
#[test]
fn fields_reads_damaged_and_linearized_files_and_refuses_a_hostile_one() {
    let form = corpus::read("012-libreoffice-form/libreoffice-form.pdf");
    let kinds = [
        (
            "linearized.pdf",
            corpus::linearized_with_object_streams(),
            0,
        ),
        ("images.pdf", corpus::large_images(), 0),
        ("offsets.pdf", corpus::wrong_offsets(&form), 8),
        ("root.pdf", corpus::broken_root(&form), 8),
    ];
    for (name, bytes, fields) in kinds {
        let path = dir().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = cli(&["fields", path.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if fields == 0 {
            assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
            assert!(
                stderr.contains("pages), but no form fields"),
                "{name}: {stderr}"
            );
        } else {
            assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
            assert!(stdout.contains("First Name\ttext"), "{name}: {stdout}");
            assert!(stdout.contains("Nationality\tcombo"), "{name}: {stdout}");
        }
    }
    // An object stream whose arrays nest 200,000 deep, in 663 bytes.
    let mut data = b"20 0 ".to_vec();
    data.extend(std::iter::repeat_n(b'[', 200_000));
    data.extend(std::iter::repeat_n(b']', 200_000));
    let z = miniz_oxide::deflate::compress_to_vec_zlib(&data, 6);
    let mut pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n".to_vec();
    pdf.extend(
        format!(
            "10 0 obj << /Type /ObjStm /N 1 /First 5 /Filter /FlateDecode /Length {} >>\nstream\n",
            z.len()
        )
        .as_bytes(),
    );
    pdf.extend(z);
    pdf.extend(b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    assert!(pdf.len() < 1024, "{}", pdf.len());
    let path = dir().join("nested.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = cli(&["fields", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("refuses"), "{stderr}");
}
