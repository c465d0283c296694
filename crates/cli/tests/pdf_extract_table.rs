//! `rinnovo-pdf extract --csv|--json`: a folder of returned contracts
//! (made by the app, re-saved by qpdf and pypdf, signed with pyHanko, in
//! sub-folders) becomes one correct row each; files that fail get one line
//! each on stderr and a non-zero exit, and the rows of the others are still
//! written.

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

use rinnovo_core::jobs::Doc;
use rinnovo_documents::template::names;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use support::*;

/// Splits one CSV record per RFC 4180 (`;`, quoted), as a spreadsheet does.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ';') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "a lone CR ends no line");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => panic!("unquoted {c:?} in {text}"),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the last line ends in CRLF"
    );
    rows
}

fn hex_sha256(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The folder the back office would receive, and the rows it must give:
/// (path, company, activations, form signature method).
fn returned_contracts(root: &Path) -> Vec<(PathBuf, String, String, String)> {
    let mut expected = Vec::new();
    let made = root.join("ricevuti");
    let sub = made.join("2026/gennaio");
    std::fs::create_dir_all(&sub).unwrap();
    for (name, draft, doc) in variety() {
        let path = made.join(&name);
        std::fs::write(&path, renewal(doc, &draft)).unwrap();
        expected.push((
            path,
            draft.company.ragione_sociale.clone(),
            draft.activations.clone(),
            draft.form_signing.signature.method.id().to_string(),
        ));
    }
    let (first, company, activations, method) = expected[0].clone();
    let (digital, dcompany, dactivations, dmethod) = expected[1].clone();
    // Re-saved whole by qpdf, with object streams and a cross-reference
    // stream; and whole, and incrementally, by pypdf.
    let qpdf = sub.join("qpdf.pdf");
    tool(
        "qpdf",
        &[
            "--object-streams=generate".as_ref(),
            first.as_os_str(),
            qpdf.as_os_str(),
        ],
    );
    expected.push((qpdf, company.clone(), activations.clone(), method.clone()));
    let rewritten = sub.join("pypdf.pdf");
    edit("rewrite", &first, &rewritten);
    expected.push((
        rewritten,
        company.clone(),
        activations.clone(),
        method.clone(),
    ));
    let noted = sub.join("pypdf-annotato.PDF");
    edit("annotate", &first, &noted);
    expected.push((noted, company, activations, method));
    // Signed with pyHanko: an incremental update.
    let ca = test_ca(root);
    let signed = sub.join("firmato.pdf");
    sign(&digital, &signed, names::FIRMA_DIGITALE, &ca);
    expected.push((signed, dcompany, dactivations, dmethod));
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    // Not contracts: ignored, or failing with their line.
    std::fs::write(made.join("leggimi.txt"), "not a PDF, not read").unwrap();
    expected
}

#[test]
fn a_folder_of_generated_resaved_and_signed_pdfs_gives_one_correct_row_each() {
    let root = dir("extract-table");
    let expected = returned_contracts(&root);
    let folder = root.join("ricevuti");

    let out = cli(&["extract".as_ref(), "--csv".as_ref(), folder.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let bytes = out.stdout;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let rows = parse_csv(std::str::from_utf8(&bytes[3..]).unwrap());
    let header = &rows[0];
    assert_eq!(header, &rinnovo_cli::record::COLUMNS.map(String::from));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len(), expected.len() + 1, "{rows:?}");
    for (row, (path, company, activations, method)) in rows[1..].iter().zip(&expected) {
        assert_eq!(row.len(), header.len());
        assert_eq!(Path::new(&row[col("file")]), path);
        assert_eq!(row[col("ragione_sociale")], *company);
        assert_eq!(row[col("attivazioni")], *activations);
        assert_eq!(row[col("modulo_firma")], *method);
        assert_eq!(row[col("partita_iva")], "01114601006");
        // A blank company codice fiscale is the Partita IVA.
        assert_eq!(row[col("codice_fiscale")], "01114601006");
        assert_eq!(row[col("comune")], "Forlì");
        assert_eq!(row[col("telefono")], "'+39 02 1234 5678");
        assert_eq!(row[col("rappresentante_cognome")], "D’Amico Sàntoro");
        assert_eq!(row[col("modulo_data")], "2026-01-25");
        // The digest of the attached bytes, as pypdf (another reader) reads
        // them.
        assert_eq!(
            row[col("dati_sha256")],
            hex_sha256(pypdf_attachment(path).as_bytes()),
            "{}",
            path.display()
        );
    }
    // The conditions signed apart, elsewhere, with the stamp by hand.
    let apart = rows
        .iter()
        .find(|r| r[col("file")].ends_with("contratto-2.pdf"))
        .unwrap();
    assert_eq!(apart[col("condizioni_luogo")], "Cesena");
    assert_eq!(apart[col("condizioni_data")], "2026-02-03");
    assert_eq!(apart[col("modulo_timbro")], "by_hand");
    assert_eq!(apart[col("modulo_firma")], "handwritten");

    // The same rows as JSON, values as typed.
    let json = cli(&["extract".as_ref(), "--json".as_ref(), folder.as_os_str()]);
    assert!(json.status.success(), "{}", stderr(&json));
    let objects: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(objects.len(), expected.len());
    for (o, row) in objects.iter().zip(&rows[1..]) {
        for (name, cell) in header.iter().zip(row) {
            let value = o[name].as_str().unwrap();
            // The CSV's cell is the value, with a ' before a formula's sign.
            let in_csv = if value.starts_with(['=', '+', '-', '@']) {
                format!("'{value}")
            } else {
                value.to_string()
            };
            assert_eq!(*cell, in_csv, "{name}");
            if name == "telefono" {
                assert_eq!(value, "+39 02 1234 5678");
            }
        }
    }

    // -o writes the same bytes to a file.
    let file = root.join("contratti.csv");
    let to_file = cli(&[
        "extract".as_ref(),
        "--csv".as_ref(),
        "-o".as_ref(),
        file.as_os_str(),
        folder.as_os_str(),
    ]);
    assert!(to_file.status.success(), "{}", stderr(&to_file));
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn each_failing_file_gets_one_line_and_the_others_are_still_written() {
    let root = dir("extract-failures");
    let good = root.join("buono.pdf");
    let (_, draft, _) = variety().remove(0);
    std::fs::write(&good, renewal(Doc::SupportForm, &draft)).unwrap();
    let broken = root.join("rotto.pdf");
    std::fs::write(&broken, b"%PDF-1.7\nnot really").unwrap();
    let blank = Path::new("assets/templates/modulo-assistenza.pdf");
    let missing = root.join("manca.pdf");

    let out = cli(&[
        "extract".as_ref(),
        "--csv".as_ref(),
        root.as_os_str(),
        blank.as_os_str(),
        missing.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines.iter().all(|l| l.starts_with("rinnovo-pdf: ")),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("manca.pdf: No such file"), "{err}");
    assert!(err.contains("rotto.pdf: "), "{err}");
    assert!(
        err.contains("modulo-assistenza.pdf: the PDF has no rinnovo-dati.json attachment"),
        "{err}"
    );
    let rows = parse_csv(std::str::from_utf8(&out.stdout[3..]).unwrap());
    assert_eq!(rows.len(), 2, "the header and the good file");
    assert!(rows[1][0].ends_with("buono.pdf"));

    // Only good files: exit 0. Bad arguments: usage, exit 2.
    let ok = cli(&["extract".as_ref(), "--json".as_ref(), good.as_os_str()]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    for args in [
        vec!["extract", "--csv"],
        vec!["extract", "--csv", "--json", "x.pdf"],
        vec!["extract", "--tsv", "x.pdf"],
        vec!["extract", "a.pdf", "b.pdf"],
    ] {
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).starts_with("rinnovo-pdf: "), "{args:?}");
    }
}
