//! Paper returns: every document, filled as the app's worker fills it,
//! printed and scanned by `tests/pdf/scan_sim.py` (Poppler renders each
//! page, Pillow skews, blurs, adds noise, compresses; img2pdf and libtiff's
//! tiff2pdf wrap the pages as a scanner's PDF would), then read back by
//! `rinnovo-pdf extract` and `verify` from the QR codes on its pages.
//!
//! The row a scan gives must equal the digital PDF's row, field by field;
//! what is not read is said, never guessed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]

mod support;

use rinnovo_core::domain::draft::{Draft, SignatureMethod};
use rinnovo_core::jobs::Doc;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::{cli, common, dir, draft_with, python, renewal, stderr, stdout};

/// The columns that say where a row came from, not what it says.
const PROVENANCE: [&str; 4] = ["file", "fonte", "pagine", "pagine_mancanti"];

type Row = BTreeMap<String, String>;

/// Writes `doc` of `draft` as the app makes it.
fn made(dir: &Path, name: &str, doc: Doc, draft: &Draft) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, renewal(doc, draft)).unwrap();
    path
}

/// Prints `inputs` and scans them into `out` (see `scan_sim.py`).
fn scan(inputs: &[&Path], out: &Path, options: &[&str]) -> PathBuf {
    let mut args: Vec<std::ffi::OsString> = inputs.iter().map(|p| p.into()).collect();
    args.push("-o".into());
    args.push(out.into());
    args.extend(options.iter().map(Into::into));
    python("scan_sim.py", &args);
    out.to_path_buf()
}

/// The rows `rinnovo-pdf extract --json` gives for `files`, and whether
/// it succeeded for all.
fn rows(files: &[&Path]) -> (Vec<Row>, bool, String) {
    let mut args: Vec<std::ffi::OsString> = vec!["extract".into(), "--json".into()];
    args.extend(files.iter().map(|p| p.into()));
    let out = cli(&args);
    let rows: Vec<Row> = serde_json::from_str(&stdout(&out)).unwrap();
    (rows, out.status.success(), stderr(&out))
}

/// Asserts the scan's row says what the digital PDF's row says.
fn same_data(scan: &Row, digital: &Row, what: &str) {
    assert_eq!(scan["fonte"], "scan", "{what}");
    assert_eq!(digital["fonte"], "attachment", "{what}");
    for (column, value) in digital {
        if PROVENANCE.contains(&column.as_str()) {
            continue;
        }
        assert_eq!(&scan[column], value, "{what}: column {column}");
    }
}

/// `rinnovo-pdf verify`'s report and whether it passed.
fn verify(file: &Path) -> (String, bool) {
    let out = cli(&[Path::new("verify"), file]);
    (stdout(&out), out.status.success())
}

/// The pages every document has, as the `pagine` column lists them.
fn all_pages(doc: Doc) -> &'static str {
    match doc {
        Doc::Both => "modulo 1/1; condizioni 1/2 2/2",
        Doc::SupportForm => "modulo 1/1",
        Doc::Conditions => "condizioni 1/2 2/2",
    }
}

const METHODS: [SignatureMethod; 3] = [
    SignatureMethod::Drawn,
    SignatureMethod::Digital,
    SignatureMethod::Handwritten,
];

#[test]
fn every_document_and_signature_method_scanned_at_200_dpi_gives_the_digital_row() {
    let d = dir("scan-200");
    for (i, method) in METHODS.into_iter().enumerate() {
        let mut draft = draft_with(method);
        draft.company.ragione_sociale = format!("Azienda {i} – Città S.r.l.");
        for doc in Doc::ALL {
            let name = format!("{}-{i}", doc.id());
            let pdf = made(&d, &format!("{name}.pdf"), doc, &draft);
            // Fed askew both ways, and compressed as office scanners do.
            let rotate = if i % 2 == 0 { "3" } else { "-3" };
            let scanned = scan(
                &[&pdf],
                &d.join(format!("{name}-scan.pdf")),
                &[
                    "--dpi", "200", "--rotate", rotate, "--blur", "0.6", "--jpeg", "75",
                ],
            );
            let (r, ok, err) = rows(&[&pdf, &scanned]);
            assert!(ok, "{name}: {err}");
            same_data(&r[1], &r[0], &name);
            assert_eq!(r[1]["pagine"], all_pages(doc), "{name}");
            // A renewal is both documents: a scan of one names the other.
            let (missing, whole) = match doc {
                Doc::Both => ("", true),
                Doc::SupportForm => ("condizioni", false),
                Doc::Conditions => ("modulo", false),
            };
            assert_eq!(r[1]["pagine_mancanti"], missing, "{name}");
            let (report, intact) = verify(&scanned);
            assert_eq!(intact, whole, "{name}: {report}");
            assert!(report.contains("keep the signed original"), "{report}");
        }
    }
}

#[test]
fn every_signature_method_scanned_at_300_dpi_gives_the_digital_row() {
    let d = dir("scan-300");
    for (i, method) in METHODS.into_iter().enumerate() {
        let pdf = made(&d, &format!("both-{i}.pdf"), Doc::Both, &draft_with(method));
        let scanned = scan(
            &[&pdf],
            &d.join(format!("both-{i}-scan.pdf")),
            &[
                "--dpi", "300", "--rotate", "-2", "--blur", "1", "--jpeg", "40",
            ],
        );
        let (r, ok, err) = rows(&[&pdf, &scanned]);
        assert!(ok, "{err}");
        same_data(&r[1], &r[0], &format!("method {i}"));
        assert_eq!(r[1]["pagine"], all_pages(Doc::Both));
    }
}

/// The scanners and settings a back office meets, on one merged return.
#[test]
fn every_kind_of_scan_of_a_return_gives_the_digital_row() {
    let d = dir("scan-kinds");
    let pdf = made(
        &d,
        "both.pdf",
        Doc::Both,
        &draft_with(SignatureMethod::Handwritten),
    );
    let variants: [(&str, &[&str]); 8] = [
        // 1-bit, CCITT G4 in a PDF (tiff2pdf), as sheet-fed office
        // scanners send by default.
        (
            "g4.pdf",
            &["--dpi", "200", "--rotate", "1.5", "--bilevel", "g4"],
        ),
        (
            "g4-300.tif",
            &["--dpi", "300", "--rotate", "-1", "--bilevel", "g4"],
        ),
        // Gray, noisy, heavily compressed.
        (
            "noise-q40.pdf",
            &[
                "--dpi", "200", "--noise", "10", "--jpeg", "40", "--rotate", "0.7",
            ],
        ),
        // Gray without loss (Flate), blurred.
        ("flate-blur.pdf", &["--dpi", "200", "--blur", "1.2"]),
        // One page photographed rather than scanned.
        (
            "photo.pdf",
            &["--dpi", "200", "--perspective", "2", "--jpeg", "75"],
        ),
        (
            "pages.tif",
            &["--dpi", "200", "--jpeg", "75", "--rotate", "3"],
        ),
        // A single page as an image file: the form alone.
        (
            "page.jpg",
            &["--dpi", "200", "--jpeg", "75", "--rotate", "-2"],
        ),
        ("page.png", &["--dpi", "300", "--blur", "0.8"]),
    ];
    let mut files = vec![pdf.clone()];
    for (name, options) in variants {
        files.push(scan(&[&pdf], &d.join(name), options));
    }
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let (r, ok, err) = rows(&refs);
    assert!(ok, "{err}");
    assert_eq!(r.len(), files.len());
    for (row, (name, _)) in r.iter().skip(1).zip(variants) {
        same_data(row, &r[0], name);
        let expected = if name.starts_with("page.") {
            "modulo 1/1"
        } else {
            all_pages(Doc::Both)
        };
        assert_eq!(row["pagine"], expected, "{name}");
    }
}

/// At 150 dpi a module is 2.5 pixels: the rate is printed, and whatever is
/// read is right.
#[test]
fn at_150_dpi_the_pages_found_are_counted_and_nothing_read_is_wrong() {
    let d = dir("scan-150");
    let (mut found, mut pages, mut rows_read) = (0, 0, 0);
    for (i, method) in METHODS.into_iter().enumerate() {
        let pdf = made(&d, &format!("both-{i}.pdf"), Doc::Both, &draft_with(method));
        for (j, options) in [
            ["--rotate", "2", "--jpeg", "75"],
            ["--rotate", "-1", "--blur", "0.5"],
        ]
        .iter()
        .enumerate()
        {
            let mut all = vec!["--dpi", "150"];
            all.extend_from_slice(options);
            let scanned = scan(&[&pdf], &d.join(format!("both-{i}-{j}.pdf")), &all);
            let (report, _) = verify(&scanned);
            pages += 3;
            // Each page found is listed once, "(file page N)".
            found += report.matches("(file page ").count();
            let (r, ok, _) = rows(&[&pdf, &scanned]);
            if ok {
                rows_read += 1;
                same_data(&r[1], &r[0], &format!("150 dpi, method {i}"));
            } else {
                assert_eq!(r.len(), 1, "a row without its data: {r:?}");
            }
        }
    }
    eprintln!("150 dpi: {found} of {pages} page codes read, {rows_read} of 6 rows");
    assert!(found <= pages, "{found} of {pages}");
}

#[test]
fn shuffled_missing_repeated_and_foreign_pages_are_named() {
    let d = dir("scan-mixed");
    let a = made(
        &d,
        "a.pdf",
        Doc::Both,
        &draft_with(SignatureMethod::Handwritten),
    );
    let mut other = draft_with(SignatureMethod::Handwritten);
    other.company.ragione_sociale = "Altra Azienda S.p.A.".into();
    let b = made(&d, "b.pdf", Doc::Both, &other);
    // a's last page first, its first page twice, b's second page among
    // them, a's second page missing.
    let scanned = scan(
        &[&a, &b],
        &d.join("mixed.pdf"),
        &[
            "--pages",
            "1:3,1:1,2:2,1:1",
            "--jpeg",
            "75",
            "--rotate",
            "1",
        ],
    );
    let (report, intact) = verify(&scanned);
    assert!(!intact, "{report}");
    for line in [
        "modulo: present 1/1 (file page 2, 4)",
        "modulo: page 1/1 repeated (file pages 2, 4)",
        "condizioni: present 2/2 (file page 1)",
        "condizioni: page 1/2 missing",
        "file page 3: from another renewal",
        "result: incomplete or mixed",
    ] {
        assert!(report.contains(line), "{line:?} not in:\n{report}");
    }
    // The row is a's, from its form's data code, with what is missing.
    let (r, ok, err) = rows(&[&a, &scanned]);
    assert!(ok, "{err}");
    same_data(&r[1], &r[0], "mixed");
    assert_eq!(r[1]["pagine"], "modulo 1/1; condizioni 2/2");
    assert_eq!(r[1]["pagine_mancanti"], "condizioni 1/2");
}

#[test]
fn a_page_without_a_code_or_with_its_code_covered_is_named_by_number() {
    let d = dir("scan-no-code");
    let a = made(&d, "a.pdf", Doc::Both, &draft_with(SignatureMethod::Drawn));
    let other = support::root().join("tests/pdf/corpus/004-pdflatex-4-pages/pdflatex-4-pages.pdf");
    // Page 2 of the scan is not Rinnovo's; page 4's code is under a stamp
    // (the bottom right corner, where the page code is).
    let scanned = scan(
        &[&a, &other],
        &d.join("scan.pdf"),
        &[
            "--pages",
            "1:1,2:1,1:2,1:3",
            "--cover",
            "4:0.8,0.9,0.2,0.1",
            "--jpeg",
            "75",
        ],
    );
    let (report, intact) = verify(&scanned);
    assert!(!intact, "{report}");
    assert!(
        report.contains("file page 2: no Rinnovo code found"),
        "{report}"
    );
    assert!(
        report.contains("file page 4: no Rinnovo code found"),
        "{report}"
    );
    assert!(report.contains("condizioni: page 2/2 missing"), "{report}");
    // The data is read all the same, and is a's.
    let (r, ok, err) = rows(&[&a, &scanned]);
    assert!(ok, "{err}");
    same_data(&r[1], &r[0], "no code");
    assert_eq!(r[1]["pagine_mancanti"], "condizioni 2/2");
}

#[test]
fn a_first_page_whose_data_code_is_covered_gives_no_row_rather_than_a_wrong_one() {
    let d = dir("scan-no-data");
    let a = made(
        &d,
        "a.pdf",
        Doc::SupportForm,
        &draft_with(SignatureMethod::Handwritten),
    );
    // A scribble over the top right corner, where the data code is.
    let scanned = scan(
        &[&a],
        &d.join("scan.pdf"),
        &["--cover", "1:0.62,0.02,0.25,0.12", "--jpeg", "75"],
    );
    let (r, ok, err) = rows(&[&scanned]);
    assert!(!ok);
    assert!(r.is_empty(), "{r:?}");
    assert!(err.contains("no Rinnovo data code was read"), "{err}");
    assert!(err.contains("modulo 1/1"), "{err}");
    let (report, intact) = verify(&scanned);
    assert!(!intact);
    assert!(report.contains("data: not read"), "{report}");
}

#[test]
fn a_blank_form_filled_in_by_hand_is_recognised_and_sorted() {
    let d = dir("scan-blank");
    let blank = support::root().join("assets/templates/condizioni-generali.pdf");
    let scanned = scan(
        &[&blank],
        &d.join("blank.pdf"),
        &["--jpeg", "75", "--rotate", "2"],
    );
    let (report, intact) = verify(&scanned);
    assert!(!intact, "{report}");
    assert!(
        report.contains("file page 1: a blank condizioni filled in by hand (page 1/2"),
        "{report}"
    );
    assert!(
        report.contains("file page 2: a blank condizioni filled in by hand (page 2/2"),
        "{report}"
    );
    let (r, ok, _) = rows(&[&scanned]);
    assert!(!ok && r.is_empty());
}

#[test]
fn a_folder_of_digital_and_scanned_returns_is_one_table() {
    let d = dir("scan-folder");
    let draft = common::draft();
    let pdf = made(&d, "1-digitale.pdf", Doc::Both, &draft);
    scan(&[&pdf], &d.join("2-scansione.pdf"), &["--jpeg", "75"]);
    scan(
        &[&pdf],
        &d.join("3-foto.jpg"),
        &["--jpeg", "80", "--rotate", "1"],
    );
    let out = cli(&[Path::new("extract"), Path::new("--csv"), &d]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].ends_with("\"fonte\";\"pagine\";\"pagine_mancanti\""));
    assert!(
        lines[1].contains("\"attachment\";\"\";\"\""),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("\"scan\";\"modulo 1/1; condizioni 1/2 2/2\";\"\""),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].contains("\"scan\";\"modulo 1/1\";\"condizioni\""),
        "{}",
        lines[3]
    );
    // Field by field, every row says the same but for where it came from.
    let cells = |l: &str| l.split("\";\"").map(str::to_string).collect::<Vec<_>>();
    let (a, b, c) = (cells(lines[1]), cells(lines[2]), cells(lines[3]));
    let data = 1..a.len() - 3;
    assert_eq!(a[data.clone()], b[data.clone()]);
    assert_eq!(a[data.clone()], c[data]);
}
