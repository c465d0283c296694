//! The generated PDFs checked by independent readers: qpdf, Poppler
//! (pdftotext, pdftoppm), MuPDF (mutool) and pypdf. Each tool must be
//! installed (see the panic message); none is optional.

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

use acroform::FormDocument;
use common::*;
use rinnovo_core::domain::draft::SignatureMethod;
use rinnovo_core::domain::fields::FieldId as F;
use rinnovo_core::jobs::Doc;
use rinnovo_documents::renewal::{self, Options};
use rinnovo_documents::template::names;
use std::path::{Path, PathBuf};
use std::process::Command;

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-readers");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(tool: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} could not run ({e}): install it (apt-get install qpdf poppler-utils mupdf-tools python3; pip install pypdf)")
    });
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(name: &str, bytes: &[u8]) -> String {
    let path = out_dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// `qpdf --check` with no errors and no warnings.
fn assert_qpdf_clean(path: &str) {
    let (ok, stdout, stderr) = run("qpdf", &["--check", path]);
    assert!(ok, "qpdf --check {path} failed:\n{stdout}{stderr}");
    assert!(
        !stdout.to_lowercase().contains("warning") && stderr.trim().is_empty(),
        "qpdf warned on {path}:\n{stdout}{stderr}"
    );
    assert!(
        stdout.contains("No syntax or stream encoding errors"),
        "{stdout}"
    );
}

struct Generated {
    form: String,
    conditions: String,
    merged: String,
    unflattened: String,
}

fn generate(method: SignatureMethod, tag: &str) -> Generated {
    let (content, form, json) = form_with(method);
    Generated {
        form: write(
            &format!("modulo-{tag}.pdf"),
            &common::fill(
                Doc::SupportForm,
                (&content, &form, &json),
                Options::default(),
            )
            .unwrap(),
        ),
        conditions: write(
            &format!("condizioni-{tag}.pdf"),
            &common::fill(
                Doc::Conditions,
                (&content, &form, &json),
                Options::default(),
            )
            .unwrap(),
        ),
        merged: write(
            &format!("entrambi-{tag}.pdf"),
            &common::fill(Doc::Both, (&content, &form, &json), Options::default()).unwrap(),
        ),
        unflattened: write(
            &format!("modulo-{tag}-modificabile.pdf"),
            &common::fill(
                Doc::SupportForm,
                (&content, &form, &json),
                Options { flatten: false },
            )
            .unwrap(),
        ),
    }
}

#[test]
fn qpdf_finds_no_error_or_warning_in_any_generated_file() {
    let g = generate(SignatureMethod::Digital, "digitale");
    for p in [&g.form, &g.conditions, &g.merged, &g.unflattened] {
        assert_qpdf_clean(p);
    }
    for t in [
        "assets/templates/modulo-assistenza.pdf",
        "assets/templates/condizioni-generali.pdf",
    ] {
        assert_qpdf_clean(t);
    }
}

#[test]
fn poppler_and_mupdf_show_the_values_with_accents() {
    let g = generate(SignatureMethod::Drawn, "disegnata");
    assert_qpdf_clean(&g.merged);
    let (ok, poppler, err) = run("pdftotext", &["-enc", "UTF-8", &g.merged, "-"]);
    assert!(ok, "{err}");
    let (ok, mupdf, err) = run("mutool", &["draw", "-F", "txt", "-o", "-", &g.merged]);
    assert!(ok, "{err}");
    for text in [&poppler, &mupdf] {
        for expected in [
            "Caffè Città S.r.l. – «Più» ’Qualità’ €",
            "Forlì",
            "Niccolò",
            "D’Amico Sàntoro",
            "Via Nicolò Tommaseo 7, località Perù",
            "25/01/2026",
            "ufficio@caffecitta.it",
        ] {
            assert!(
                text.contains(expected),
                "{expected:?} not in the text:\n{text}"
            );
        }
    }
}

/// Page `page` rendered by Poppler in gray at `dpi`: width, height and
/// one byte per pixel.
fn gray_page(pdf: &str, page: usize, dpi: u32) -> (usize, usize, Vec<u8>) {
    let prefix = format!("{pdf}-p{page}-{dpi}dpi");
    let (p, r) = (page.to_string(), dpi.to_string());
    let (ok, _, err) = run(
        "pdftoppm",
        &[
            "-r",
            &r,
            "-gray",
            "-f",
            &p,
            "-l",
            &p,
            "-singlefile",
            pdf,
            &prefix,
        ],
    );
    assert!(ok, "{err}");
    let pgm = std::fs::read(format!("{prefix}.pgm")).unwrap();
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    let mut fields = Vec::new();
    let mut pos = 0;
    while fields.len() < 4 {
        while pgm[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let start = pos;
        while !pgm[pos].is_ascii_whitespace() {
            pos += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..pos]).into_owned());
    }
    let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, pgm[pos + 1..].to_vec())
}

/// Dark pixels inside a rectangle of a page rendered at 72 dpi (1 px = 1 pt).
fn ink_in(pdf: &str, page: usize, rect: acroform::content::Rect) -> usize {
    let (w, h, pixels) = gray_page(pdf, page, 72);
    let inner = rect.inset(3.0);
    let mut dark = 0;
    for y in (h as f32 - inner.y1) as usize..(h as f32 - inner.y0) as usize {
        for x in inner.x0 as usize..inner.x1 as usize {
            if pixels[y * w + x] < 128 {
                dark += 1;
            }
        }
    }
    dark
}

#[test]
fn the_signature_is_rendered_inside_its_area() {
    let template = FormDocument::load(renewal::SUPPORT_FORM_TEMPLATE).unwrap();
    let (_, area) = template.field_area(names::FIRMA_FIRMA).unwrap();
    let drawn = generate(SignatureMethod::Drawn, "area-disegnata");
    let by_hand = generate(SignatureMethod::Handwritten, "area-a-mano");
    let ink = ink_in(&drawn.form, 1, area);
    let blank = ink_in(&by_hand.form, 1, area);
    assert!(ink > 100, "only {ink} dark pixels in the signature area");
    assert!(
        blank < 20,
        "{blank} dark pixels in an area left for a handwritten signature"
    );
}

#[test]
fn pypdf_reads_the_attachment_and_the_unflattened_values() {
    let g = generate(SignatureMethod::Drawn, "pypdf");
    let (ok, out, err) = run("python3", &["tests/pdf/check_pypdf.py", &g.unflattened]);
    assert!(ok, "pypdf failed: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["fields"][F::RagioneSociale.pdf_field()],
        "Caffè Città S.r.l. – «Più» ’Qualità’ €"
    );
    assert_eq!(v["fields"][F::Comune.pdf_field()], "Forlì");
    assert_eq!(v["fields"][names::ASSISTENZA], "/sla1");
    let attached = v["attachments"][rinnovo_documents::ATTACHMENT_NAME]
        .as_str()
        .unwrap();
    assert_eq!(
        rinnovo_core::domain::draft::StoredDraft::from_json(attached).unwrap(),
        stored(&draft())
    );
    for flattened in [&g.form, &g.merged] {
        let (ok, out, err) = run("python3", &["tests/pdf/check_pypdf.py", flattened]);
        assert!(ok, "pypdf failed: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(v["attachments"][rinnovo_documents::ATTACHMENT_NAME].is_string());
        assert_eq!(v["fields"].as_object().map(|f| f.len()), Some(0));
    }
}

#[test]
fn the_conditions_list_the_onerous_clauses_with_their_summaries_and_number_their_pages() {
    let content = rinnovo_core::content::Content::embedded().unwrap();
    let (ok, text, err) = run(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            "assets/templates/condizioni-generali.pdf",
            "-",
        ],
    );
    assert!(ok, "{err}");
    let g = generate(SignatureMethod::Drawn, "clausole");
    let (ok, filled, err) = run("pdftotext", &["-enc", "UTF-8", &g.conditions, "-"]);
    assert!(ok, "{err}");
    // Each clause by number, heading and summary, whatever the line breaks.
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    for shown in [words(&text), words(&filled)] {
        for (clause, summary) in content.onerous_clauses() {
            let (n, heading) = (&clause.number, &clause.heading);
            assert!(
                shown.contains(&words(&format!("art. {n} ({heading}): {summary}"))),
                "clause {n} not listed with its summary:\n{shown}"
            );
        }
    }
    for clause in &content.conditions.clauses {
        assert!(text.contains(&clause.heading), "{}", clause.heading);
    }
    assert!(
        text.contains("Pagina 1 di 2") && text.contains("Pagina 2 di 2"),
        "{text}"
    );
    assert!(text.contains("1341 e 1342"));
}

#[test]
fn a_pdf_of_the_schema_1_build_resumes_and_remakes_with_its_stamp_where_it_was() {
    let old = std::fs::read("tests/pdf/fixtures/renewal-schema1.pdf").unwrap();
    let stored = rinnovo_documents::extract_draft(&old).expect("the schema-1 PDF imports");
    let job =
        rinnovo_core::jobs::Job::fill(rinnovo_core::jobs::Doc::Both, &stored.step, &stored.draft);
    let (outcome, new) = rinnovo_documents::jobs::run(
        &job,
        &[],
        &rinnovo_documents::PDF_TEXTS,
        Some(&rinnovo_documents::renewal::Kit::built_in(common::font())),
    );
    assert!(
        matches!(outcome, rinnovo_core::jobs::Outcome::Pdf { .. }),
        "{outcome:?}"
    );
    let (old, new) = (
        write("schema1-vecchio.pdf", &old),
        write("schema1-rifatto.pdf", &new),
    );
    assert_qpdf_clean(&new);
    // The stamp image the schema-1 PDF showed (uploaded, with "by hand" also
    // ticked) is in the remade PDF, in the same place.
    let template = FormDocument::load(renewal::SUPPORT_FORM_TEMPLATE).unwrap();
    let (_, area) = template.field_area(names::FIRMA_TIMBRO).unwrap();
    for pdf in [&old, &new] {
        let ink = ink_in(pdf, 1, area);
        assert!(
            ink > 100,
            "only {ink} dark pixels in the stamp area of {pdf}"
        );
    }
    let (ok, text, err) = run("pdftotext", &[&new, "-"]);
    assert!(ok, "{err}");
    assert!(text.contains("Caffè Città S.r.l."), "{text}");
}

/// The support form as a vendor might make it for a turned page: page 1
/// with `/Rotate page_rotation` and every widget with `/MK /R widget_rotation`.
fn turned_template(page_rotation: i64, widget_rotation: i64) -> FormDocument {
    use lopdf::{Dictionary, Object};
    let mut doc = lopdf::Document::load_mem(renewal::SUPPORT_FORM_TEMPLATE).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let annots: Vec<lopdf::ObjectId> = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"Annots")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_reference().unwrap())
        .collect();
    doc.get_dictionary_mut(page)
        .unwrap()
        .set("Rotate", page_rotation);
    for a in annots {
        let mk = match doc.get_dictionary(a).unwrap().get(b"MK") {
            Ok(Object::Dictionary(d)) => d.clone(),
            Ok(Object::Reference(r)) => doc.get_dictionary(*r).unwrap().clone(),
            _ => Dictionary::new(),
        };
        let mut mk = mk;
        mk.set("R", widget_rotation);
        doc.get_dictionary_mut(a)
            .unwrap()
            .set("MK", Object::Dictionary(mk));
    }
    FormDocument::from_document(doc)
}

/// The reading direction MuPDF finds for the line of page 1 that holds
/// `needle`, as its `dir` attribute ("1 0": left to right, upright).
fn mupdf_direction(pdf: &str, needle: &str) -> String {
    let (ok, xml, err) = run(
        "mutool",
        &["draw", "-q", "-F", "stext", "-o", "-", pdf, "1"],
    );
    assert!(ok, "{err}");
    for line in xml.split("<line").skip(1) {
        let text: String = line
            .split("c=\"")
            .skip(1)
            .filter_map(|c| c.split('"').next())
            .collect();
        if text.contains(needle) {
            let dir = line
                .split("dir=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            return dir.to_string();
        }
    }
    panic!("MuPDF finds no line with {needle:?} in {pdf}");
}

/// Page 1 of the turned support form, filled with a name and a stamp, and
/// flattened: where MuPDF reads the name.
fn fill_turned(page_rotation: i64, widget_rotation: i64) -> String {
    let filled = || {
        let mut doc = turned_template(page_rotation, widget_rotation);
        doc.set_text(F::RagioneSociale.pdf_field(), "Caffè Città S.r.l.")
            .unwrap();
        doc.set_image(names::FIRMA_TIMBRO, &stamp_png(300)).unwrap();
        doc
    };
    let tag = format!("girato-{page_rotation}-{widget_rotation}");
    let unflattened = write(
        &format!("{tag}-modificabile.pdf"),
        &filled().to_bytes().unwrap(),
    );
    assert_qpdf_clean(&unflattened);
    let mut doc = filled();
    doc.flatten(|_| false);
    let path = write(&format!("{tag}.pdf"), &doc.to_bytes().unwrap());
    assert_qpdf_clean(&path);
    // A viewer showing the fields (Poppler draws their appearances) sees
    // what the flattened copy shows, so both turn the same way.
    let (a, b) = (gray_page(&unflattened, 1, 36).2, gray_page(&path, 1, 36).2);
    assert_eq!(a.len(), b.len());
    let differ = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x.abs_diff(**y) > 64)
        .count();
    assert!(
        differ * 1000 < a.len(),
        "{differ} of {} pixels differ between {unflattened} and {path}",
        a.len()
    );
    path
}

#[test]
fn on_a_turned_page_filled_values_read_upright() {
    // A form made for a turned (landscape) page gives its widgets the page's
    // rotation in /MK /R; their appearances must turn with them.
    for r in [90, 180, 270] {
        let pdf = fill_turned(r, r);
        assert_eq!(mupdf_direction(&pdf, "Caff"), "1 0", "/Rotate {r}, /R {r}");
    }
    assert_eq!(mupdf_direction(&fill_turned(0, 0), "Caff"), "1 0");
    // Without /R the value follows the page, sideways: the check tells the
    // two apart.
    assert_ne!(mupdf_direction(&fill_turned(90, 0), "Caff"), "1 0");
}

/// The name the issue asks for, and an address in Vietnam and Romania: set
/// in the embedded font, extracted back exactly by Poppler and MuPDF (the
/// /ToUnicode map), and every font of the file embedded.
#[test]
fn names_in_any_latin_greek_or_cyrillic_script_print_and_extract_exactly() {
    let content = common::content();
    let mut d = common::draft();
    d.company.rappr_nome = "Łukasz".into();
    d.company.rappr_cognome = "Wójcik-Δημήτρης Попов".into();
    d.company.comune = "Hà Nội".into();
    d.company.indirizzo = "Strada Dragoș Vodă 5, Ősi utca, Čakovec".into();
    d.form_signing.signer = "Łukasz Wójcik-Δημήτρης Попов".into();
    d.form_signing.place = "Đà Nẵng".into();
    let form = common::validate_draft(&content, &d);
    assert!(rinnovo_core::printable::unprintable(&form).is_empty());
    let json = common::attached(&content, &d);
    let pdf = common::fill(
        Doc::Both,
        (&common::texts(&content), &form, &json),
        Options::default(),
    )
    .unwrap();
    let path = write("nomi-internazionali.pdf", &pdf);
    assert_qpdf_clean(&path);
    let (ok, poppler, err) = run("pdftotext", &["-enc", "UTF-8", &path, "-"]);
    assert!(ok, "{err}");
    let (ok, mupdf, err) = run("mutool", &["draw", "-F", "txt", "-o", "-", &path]);
    assert!(ok, "{err}");
    for text in [&poppler, &mupdf] {
        for expected in [
            "Łukasz Wójcik-Δημήτρης Попов",
            "Hà Nội",
            "Strada Dragoș Vodă 5, Ősi utca, Čakovec",
            "Đà Nẵng",
        ] {
            assert!(text.contains(expected), "{expected:?} not in:\n{text}");
        }
    }
    // pdffonts: every font embedded (the "emb" column), subset, with a
    // ToUnicode map.
    let (ok, fonts, err) = run("pdffonts", &[&path]);
    assert!(ok, "{err}");
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(
            n >= 6 && cols[n - 5] == "yes" && cols[n - 4] == "yes" && cols[n - 3] == "yes",
            "a font not embedded, subset and mapped: {row}"
        );
    }
    let out = out_dir().join("nomi-internazionali");
    let (ok, _, err) = run(
        "pdftoppm",
        &[
            "-r",
            "60",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            &path,
            out.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
}

/// The text Poppler extracts from one page (1-based) of a PDF.
fn page_text(path: &str, page: usize) -> String {
    let n = page.to_string();
    let (ok, text, err) = run(
        "pdftotext",
        &["-enc", "UTF-8", "-f", &n, "-l", &n, path, "-"],
    );
    assert!(ok, "{err}");
    text
}

/// Every "Pagina i di n" label on a page of the file.
fn page_labels(path: &str, page: usize) -> Vec<String> {
    let text = page_text(path, page);
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(4)
        .filter(|w| w[0] == "Pagina" && w[2] == "di")
        .map(|w| w.join(" "))
        .collect()
}

/// The page count pdfinfo reads.
fn page_count(path: &str) -> usize {
    let (ok, info, err) = run("pdfinfo", &[path]);
    assert!(ok, "{err}");
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count for {path}: {info}"))
}

/// Each page of the file reads "Pagina i di n", n its page count.
fn assert_numbered(path: &str) -> usize {
    let pages = page_count(path);
    for i in 1..=pages {
        assert_eq!(
            page_labels(path, i),
            vec![format!("Pagina {i} di {pages}")],
            "page {i} of {path}"
        );
    }
    pages
}

#[test]
fn each_pdf_numbers_its_own_pages_and_the_merged_one_runs_through_both_documents() {
    let blank_form = assert_numbered("assets/templates/modulo-assistenza.pdf");
    let blank_conditions = assert_numbered("assets/templates/condizioni-generali.pdf");
    let g = generate(SignatureMethod::Digital, "numerazione");
    assert_eq!(assert_numbered(&g.form), blank_form);
    assert_eq!(assert_numbered(&g.unflattened), blank_form);
    assert_eq!(assert_numbered(&g.conditions), blank_conditions);
    // "Pagina 1 di 3" to "Pagina 3 di 3" with today's content.
    assert_eq!(assert_numbered(&g.merged), blank_form + blank_conditions);
}
