//! Shared by the back-office tests: the command, renewals made as the app
//! makes them, and the Python tools (pypdf, pyHanko) and qpdf.
#![allow(dead_code)]

#[path = "../../../../tests/pdf/common.rs"]
pub mod common;

use rinnovo_core::domain::draft::{Draft, SignatureMethod, StampMethod};
use rinnovo_core::jobs::{Doc, Job, Outcome};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root: paths in the tests are the back office's.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `rinnovo-pdf` from the repository's root.
pub fn cli<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rinnovo-pdf"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh folder for one test.
pub fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The sample draft with `method` for every signature.
pub fn draft_with(method: SignatureMethod) -> Draft {
    let mut d = common::draft();
    d.form_signing.signature.method = method;
    d.conditions.onerous_signature.method = method;
    d
}

/// `doc` made from `draft` exactly as the app's worker makes it.
pub fn renewal(doc: Doc, draft: &Draft) -> Vec<u8> {
    let job = Job::fill(doc, "riepilogo", draft);
    let (outcome, pdf) = rinnovo_documents::jobs::run(
        &job,
        &[],
        &rinnovo_documents::PDF_TEXTS,
        Some(&rinnovo_documents::renewal::Kit::built_in(common::font())),
    );
    assert!(matches!(outcome, Outcome::Pdf { .. }), "{outcome:?}");
    pdf
}

/// A few different renewals: every document, every kind of signature
/// method and stamp.
pub fn variety() -> Vec<(String, Draft, Doc)> {
    let mut out = Vec::new();
    let methods = [
        SignatureMethod::Drawn,
        SignatureMethod::Digital,
        SignatureMethod::Handwritten,
    ];
    for (i, doc) in [Doc::Both, Doc::SupportForm, Doc::Conditions]
        .into_iter()
        .enumerate()
    {
        let mut d = draft_with(methods[i]);
        d.company.ragione_sociale = format!("Azienda {i} – Città S.r.l.");
        d.activations = (10 + i).to_string();
        if i == 2 {
            d.form_signing.stamp.method = StampMethod::ByHand;
            d.conditions.reuse_form_signing = false;
            d.conditions.signing = d.form_signing.clone();
            d.conditions.signing.place = "Cesena".into();
            d.conditions.signing.date = "2026-02-03".into();
        }
        out.push((format!("contratto-{i}.pdf"), d, doc));
    }
    out
}

/// Runs a tool that the test needs, with a clear message when it is not
/// installed (`scripts/setup --test` installs them all).
pub fn tool<S: AsRef<std::ffi::OsStr>>(program: &str, args: &[S]) -> Output {
    let out = Command::new(program)
        .args(args)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} could not run ({e}): run `source scripts/setup --test`")
        });
    assert!(
        out.status.success(),
        "{program} {:?} failed: {}",
        args.iter()
            .map(|a| a.as_ref().to_owned())
            .collect::<Vec<_>>(),
        stderr(&out)
    );
    out
}

pub fn python<S: AsRef<std::ffi::OsStr>>(script: &str, args: &[S]) -> Output {
    let mut all: Vec<std::ffi::OsString> = vec![root().join("tests/pdf").join(script).into()];
    all.extend(args.iter().map(|a| a.as_ref().to_owned()));
    tool("python3", &all)
}

/// A throw-away CA and signer made in `dir` by `tests/pdf/pades.py`.
pub fn test_ca(dir: &Path) -> PathBuf {
    let ca = dir.join("ca");
    python("pades.py", &[Path::new("ca"), &ca]);
    ca
}

/// Signs `field` of `input` into `output` with pyHanko (PAdES).
pub fn sign(input: &Path, output: &Path, field: &str, ca: &Path) {
    python(
        "pades.py",
        &[
            Path::new("sign").as_os_str(),
            input.as_os_str(),
            output.as_os_str(),
            std::ffi::OsStr::new(field),
            ca.as_os_str(),
        ],
    );
}

/// What pyHanko's validator says of each signature, in signing order.
pub fn validate(file: &Path, ca: &Path) -> Vec<serde_json::Value> {
    let out = python(
        "pades.py",
        &[
            Path::new("validate").as_os_str(),
            file.as_os_str(),
            ca.as_os_str(),
        ],
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `tests/pdf/edit_pdf.py EDIT IN OUT` (pypdf).
pub fn edit(kind: &str, input: &Path, output: &Path) {
    python(
        "edit_pdf.py",
        &[
            std::ffi::OsStr::new(kind),
            input.as_os_str(),
            output.as_os_str(),
        ],
    );
}

/// The attachments as pypdf, an independent reader, reads them.
pub fn pypdf_attachment(file: &Path) -> String {
    let out = python("check_pypdf.py", &[file]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["attachments"]["rinnovo-dati.json"]
        .as_str()
        .unwrap()
        .to_string()
}
