//! Forms made by other tools, filled by the same engine: a ReportLab form
//! (`tests/pdf/make_reportlab_fixture.py`), checked by lopdf, qpdf, Poppler
//! and pypdf, unflattened and flattened. And the other way round: our blank
//! templates filled and flattened by other tools, pypdf and pdf-lib, as a
//! vendor or a customer might.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
// Native only: these tests read files, run tools or use proptest.
#![cfg(not(target_arch = "wasm32"))]

use acroform::{fields, FieldKind, FormDocument};
use rinnovo_core::domain::fields::FieldId as F;
use rinnovo_documents::renewal::{CONDITIONS_TEMPLATE, SUPPORT_FORM_TEMPLATE};
use rinnovo_documents::template::names as n;
use std::path::Path;
use std::process::Command;

const REPORTLAB: &[u8] = include_bytes!("pdf/fixtures/reportlab-form.pdf");
/// The same form rewritten by qpdf with object streams and a
/// cross-reference stream (`qpdf --object-streams=generate`).
const REPORTLAB_OBJSTM: &[u8] = include_bytes!("pdf/fixtures/reportlab-form-objstm.pdf");

/// Under ReportLab's default `/MaxLen` of 100, long enough to wrap.
const NOTE: &str =
    "Perché la qualità conta: l’assistenza «a chiamata» costa 120 € all’ora, a consuntivo.";

fn filled(bytes: &[u8], flatten: bool) -> Vec<u8> {
    let mut doc = FormDocument::load(bytes).unwrap();
    doc.set_text("cliente.nome", "Niccolò Caffè & C. – Forlì")
        .unwrap();
    doc.set_text("cliente.note", NOTE).unwrap();
    doc.set_text("importo", "1.234,50 €").unwrap();
    doc.set_checkbox("accetto", true).unwrap();
    doc.set_radio("livello", "medio").unwrap();
    doc.set_choice("provincia", "FC").unwrap();
    doc.set_choice("colore", "blu").unwrap();
    if flatten {
        doc.flatten(|f| f.kind == FieldKind::Signature);
    }
    doc.to_bytes().unwrap()
}

fn tool(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} could not run ({e}): install qpdf, poppler-utils, python3 and pypdf")
    });
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Where a test's output file goes.
fn path_for(name: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-third-party");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_string_lossy().into_owned()
}

fn save(name: &str, bytes: &[u8]) -> String {
    let p = path_for(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn a_reportlab_form_is_filled_with_appearances_and_values() {
    let bytes = filled(REPORTLAB, false);
    let doc = FormDocument::load(&bytes).unwrap();
    let v = |n: &str| doc.field(n).unwrap().value.clone().unwrap_or_default();
    assert_eq!(v("cliente.nome"), "Niccolò Caffè & C. – Forlì");
    assert_eq!(v("accetto"), "Yes");
    assert_eq!(v("livello"), "medio");
    assert_eq!(v("provincia"), "FC");
    assert_eq!(v("colore"), "blu");
    for f in doc.fields() {
        for &w in &f.widgets {
            let wd = doc.document().get_dictionary(w).unwrap();
            let selected_off = wd
                .get(b"AS")
                .and_then(|a| a.as_name())
                .is_ok_and(|a| a == b"Off");
            assert!(
                fields::normal_appearance(doc.document(), wd).is_some() || selected_off,
                "{}",
                f.name
            );
        }
    }
    let path = save("reportlab-modificabile.pdf", &bytes);
    let check = tool("qpdf", &["--check", &path]);
    assert!(!check.to_lowercase().contains("warning"), "{check}");
    let out = tool("python3", &["tests/pdf/check_pypdf.py", &path]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["fields"]["cliente.nome"], "Niccolò Caffè & C. – Forlì");
    assert_eq!(json["fields"]["livello"], "/medio");
    assert_eq!(json["fields"]["provincia"], "FC");
}

#[test]
fn a_flattened_reportlab_form_shows_every_value_as_page_text() {
    let bytes = filled(REPORTLAB, true);
    assert!(FormDocument::load(&bytes).unwrap().fields().is_empty());
    let path = save("reportlab-appiattito.pdf", &bytes);
    let check = tool("qpdf", &["--check", &path]);
    assert!(!check.to_lowercase().contains("warning"), "{check}");
    let text = tool("pdftotext", &["-enc", "UTF-8", &path, "-"]);
    // The fixture's "Note (multi-line)" label lies under the field, at the
    // height of its first line, so pdftotext may read "Perché" apart from
    // the rest of that line.
    for expected in [
        "Niccolò Caffè & C. – Forlì",
        "1.234,50 €",
        "Perché",
        "la qualità conta: l’assistenza «a chiamata»",
        "costa 120 € all’ora, a consuntivo.",
        "Forlì-Cesena",
        "blu",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn text_is_refused_where_a_choice_is_fixed() {
    let mut doc = FormDocument::load(REPORTLAB).unwrap();
    assert!(doc.set_choice("provincia", "XX").is_err());
    assert!(doc.set_radio("livello", "altissimo").is_err());
    assert!(doc.set_value("accetto", "forse").is_err());
    doc.set_value("accetto", "sì").unwrap();
}

#[test]
fn a_form_stored_in_object_streams_fills_the_same() {
    let a = FormDocument::load(&filled(REPORTLAB, false)).unwrap();
    let b = FormDocument::load(&filled(REPORTLAB_OBJSTM, false)).unwrap();
    let values = |d: &FormDocument| {
        d.fields()
            .iter()
            .map(|f| (f.name.clone(), f.value.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(values(&a), values(&b));
    let path = save(
        "reportlab-objstm-appiattito.pdf",
        &filled(REPORTLAB_OBJSTM, true),
    );
    let text = tool("pdftotext", &["-enc", "UTF-8", &path, "-"]);
    assert!(text.contains("Niccolò Caffè & C. – Forlì"), "{text}");
}

/// A Writer document with form controls exported by LibreOffice
/// (`tests/pdf/make_libreoffice_fixture.py`).
const LIBREOFFICE: &[u8] = include_bytes!("pdf/fixtures/libreoffice-form.pdf");

fn filled_libreoffice(flatten: bool) -> Vec<u8> {
    let mut doc = FormDocument::load(LIBREOFFICE).unwrap();
    doc.set_text("ragione_sociale", "Niccolò Caffè & C. – Forlì")
        .unwrap();
    doc.set_text("note", NOTE).unwrap();
    doc.set_value("accetto", "true").unwrap();
    doc.set_radio("livello", "alto").unwrap();
    doc.set_choice("colore", "verde").unwrap();
    doc.set_choice("provincia", "FC").unwrap();
    if flatten {
        doc.flatten(|f| f.kind == FieldKind::Signature);
    }
    doc.to_bytes().unwrap()
}

#[test]
fn a_libreoffice_form_is_filled_and_read_back_by_pypdf() {
    let bytes = filled_libreoffice(false);
    let doc = FormDocument::load(&bytes).unwrap();
    assert_eq!(doc.field("accetto").unwrap().value.as_deref(), Some("Si"));
    assert_eq!(doc.field("livello").unwrap().value.as_deref(), Some("alto"));
    let path = save("libreoffice-modificabile.pdf", &bytes);
    let check = tool("qpdf", &["--check", &path]);
    assert!(!check.to_lowercase().contains("warning"), "{check}");
    let out = tool("python3", &["tests/pdf/check_pypdf.py", &path]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["fields"]["ragione_sociale"],
        "Niccolò Caffè & C. – Forlì"
    );
    assert_eq!(json["fields"]["colore"], "verde");
}

#[test]
fn a_flattened_libreoffice_form_shows_every_value_as_page_text() {
    let bytes = filled_libreoffice(true);
    assert!(FormDocument::load(&bytes).unwrap().fields().is_empty());
    let path = save("libreoffice-appiattito.pdf", &bytes);
    let check = tool("qpdf", &["--check", &path]);
    assert!(!check.to_lowercase().contains("warning"), "{check}");
    let text = tool("pdftotext", &["-enc", "UTF-8", &path, "-"]);
    for expected in [
        "Niccolò Caffè & C. – Forlì",
        "Perché la qualità conta",
        "FC",
        "verde",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

/// What someone types into every text field of the blank support form with
/// another tool, each value within its field's `/MaxLen`.
const SUPPORT_FORM_VALUES: &[(&str, &str)] = &[
    (F::RagioneSociale.pdf_field(), "Niccolò Caffè & C. – Forlì"),
    (F::PartitaIva.pdf_field(), "01234567890"),
    (F::CodiceFiscale.pdf_field(), "01234567890"),
    (F::Indirizzo.pdf_field(), "Corso della Repubblica 117"),
    (F::Cap.pdf_field(), "47121"),
    (F::Comune.pdf_field(), "Forlì"),
    (F::Provincia.pdf_field(), "FC"),
    (F::Email.pdf_field(), "amministrazione@caffe.example"),
    (F::Pec.pdf_field(), "caffe@pec.example"),
    (F::Sdi.pdf_field(), "M5UXCR1"),
    (F::Telefono.pdf_field(), "0543 123456"),
    (F::CodiceCliente.pdf_field(), "CL-0042"),
    (F::RapprNome.pdf_field(), "Niccolò"),
    (F::RapprCognome.pdf_field(), "Bianchi"),
    (F::RapprCf.pdf_field(), "BNCNCL80A01D704X"),
    (n::ATTIVAZIONI, "3"),
    (n::FIRMA_LUOGO, "Cesena"),
    (n::FIRMA_DATA, "15/03/2025"),
    (n::FIRMA_FIRMATARIO, "Niccolò Bianchi"),
];

/// The conditions' text fields and one of their two check boxes.
const CONDITIONS_VALUES: &[(&str, &str)] = &[
    (n::COND_RAGIONE_SOCIALE, "Niccolò Caffè & C. – Forlì"),
    (n::COND_PARTITA_IVA, "01234567890"),
    (n::COND_ACCETTO, "Yes"),
    (n::COND_LUOGO, "Cesena"),
    (n::COND_DATA, "15/03/2025"),
    (n::COND_FIRMATARIO, "Niccolò Bianchi"),
];

/// Values a flattened page must show as text. Comb fields are left out:
/// their characters sit one per cell, so Poppler does not read them as one
/// word.
const SUPPORT_FORM_SHOWN: &[&str] = &[
    "Niccolò Caffè & C. – Forlì",
    "Corso della Repubblica 117",
    "amministrazione@caffe.example",
    "caffe@pec.example",
    "0543 123456",
    "CL-0042",
    "Cesena",
    "15/03/2025",
    "Niccolò Bianchi",
];
const CONDITIONS_SHOWN: &[&str] = &[
    "Niccolò Caffè & C. – Forlì",
    "01234567890",
    "Cesena",
    "15/03/2025",
    "Niccolò Bianchi",
];

fn values_json(values: &[(&str, &str)]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = values
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// Runs a script that fills `template` with `values` and flattens it into a
/// file next to the other outputs; returns that file's path.
fn finish_elsewhere(
    program: &str,
    script: &str,
    template: &[u8],
    out_name: &str,
    values: &[(&str, &str)],
) -> String {
    let input = save(&format!("{out_name}-vuoto.pdf"), template);
    let output = path_for(&format!("{out_name}.pdf"));
    tool(program, &[script, &input, &output, &values_json(values)]);
    output
}

/// A flattened file: no form left, qpdf finds nothing to warn about, and
/// Poppler reads it without a complaint and shows every value.
fn assert_flattened_shows(path: &str, shown: &[&str]) {
    let bytes = std::fs::read(path).unwrap();
    assert!(FormDocument::load(&bytes).unwrap().fields().is_empty());
    let check = tool("qpdf", &["--check", path]);
    assert!(!check.to_lowercase().contains("warning"), "{check}");
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", path, "-"])
        .output()
        .expect("pdftotext runs (poppler-utils)");
    let complaints = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && complaints.is_empty(),
        "{complaints}"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in shown {
        assert!(
            text.contains(expected),
            "{expected:?} missing from {path}:\n{text}"
        );
    }
}

/// pypdf 7 fills every text field and a check box, and flattens the rest
/// as they stand: that needs `/AP` on every widget, push buttons included.
/// The tier radio group is left unselected here: pypdf names the painted
/// appearance after the field, so every button of a group would show the
/// first one's.
#[test]
fn pypdf_fills_and_flattens_the_blank_templates() {
    let script = "tests/pdf/fill_flatten_pypdf.py";
    let support = finish_elsewhere(
        "python3",
        script,
        SUPPORT_FORM_TEMPLATE,
        "modulo-pypdf",
        SUPPORT_FORM_VALUES,
    );
    assert_flattened_shows(&support, SUPPORT_FORM_SHOWN);
    let conditions = finish_elsewhere(
        "python3",
        script,
        CONDITIONS_TEMPLATE,
        "condizioni-pypdf",
        CONDITIONS_VALUES,
    );
    assert_flattened_shows(&conditions, CONDITIONS_SHOWN);
}

/// pdf-lib 1.17.1 (package.json) fills every text field, a check box and
/// the tier radio group, then `form.flatten()` paints every widget's `/AP
/// /N`; without one it stops with "Unexpected N type: undefined".
#[test]
fn pdf_lib_fills_and_flattens_the_blank_templates() {
    assert!(
        Path::new("node_modules/pdf-lib/package.json").exists(),
        "pdf-lib is not installed: run `npm ci` (scripts/setup does)"
    );
    let script = "tests/pdf/fill_flatten_pdflib.mjs";
    let tier = rinnovo_core::content::Content::embedded()
        .unwrap()
        .site
        .tiers[1]
        .id
        .clone();
    let mut values = SUPPORT_FORM_VALUES.to_vec();
    values.push((n::ASSISTENZA, &tier));
    let support = finish_elsewhere(
        "node",
        script,
        SUPPORT_FORM_TEMPLATE,
        "modulo-pdf-lib",
        &values,
    );
    assert_flattened_shows(&support, SUPPORT_FORM_SHOWN);
    let conditions = finish_elsewhere(
        "node",
        script,
        CONDITIONS_TEMPLATE,
        "condizioni-pdf-lib",
        CONDITIONS_VALUES,
    );
    assert_flattened_shows(&conditions, CONDITIONS_SHOWN);
}
