//! Real PDFs from many tools (the py-pdf sample files, tests/pdf/corpus) and
//! the kinds of file a back office meets: each is read with its fields
//! listed, or refused for the one reason this table names. Page counts are
//! checked against qpdf's, which reads (and repairs) the same bytes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
#![cfg(not(target_arch = "wasm32"))]

#[path = "pdf/corpus.rs"]
mod corpus;

use acroform::{FormDocument, LoadError, PdfError};
use std::time::{Duration, Instant};

/// What reading a file must give.
#[derive(Debug)]
enum Expect {
    /// Read, with these field names (empty: "no form fields").
    Fields(&'static [&'static str]),
    /// Refused for this reason.
    Refused(LoadError),
}

use Expect::*;

const CORPUS: &[(&str, Expect)] = &[
    ("001-trivial/minimal-document.pdf", Fields(&[])),
    (
        "002-trivial-libre-office-writer/002-trivial-libre-office-writer.pdf",
        Fields(&[]),
    ),
    ("003-pdflatex-image/pdflatex-image.pdf", Fields(&[])),
    ("004-pdflatex-4-pages/pdflatex-4-pages.pdf", Fields(&[])),
    // The only expected refusal: this reader does not decrypt.
    (
        "005-libreoffice-writer-password/libreoffice-writer-password.pdf",
        Refused(LoadError::Encrypted),
    ),
    ("006-pdflatex-outline/pdflatex-outline.pdf", Fields(&[])),
    (
        "007-imagemagick-images/imagemagick-ASCII85Decode.pdf",
        Fields(&[]),
    ),
    (
        "007-imagemagick-images/imagemagick-CCITTFaxDecode.pdf",
        Fields(&[]),
    ),
    ("007-imagemagick-images/imagemagick-images.pdf", Fields(&[])),
    ("007-imagemagick-images/imagemagick-lzw.pdf", Fields(&[])),
    ("008-reportlab-inline-image/inline-image.pdf", Fields(&[])),
    ("009-pdflatex-geotopo/GeoTopo-komprimiert.pdf", Fields(&[])),
    (
        "010-pdflatex-forms/pdflatex-forms.pdf",
        Fields(&["Name", "Check", "Submit"]),
    ),
    (
        "011-google-doc-document/google-doc-document.pdf",
        Fields(&[]),
    ),
    (
        "012-libreoffice-form/libreoffice-form.pdf",
        Fields(&[
            "First Name",
            "Last Name",
            "female",
            "Birthday",
            "gdpr",
            "other",
            "First Name_2",
            "Nationality",
        ]),
    ),
    // An AcroForm with an empty /Fields.
    ("013-reportlab-overlay/reportlab-overlay.pdf", Fields(&[])),
    ("014-outlines/mistitled_outlines_example.pdf", Fields(&[])),
    ("015-arabic/habibi-oneline-cmap.pdf", Fields(&[])),
    ("015-arabic/habibi-rotated.pdf", Fields(&[])),
    ("015-arabic/habibi.pdf", Fields(&[])),
    ("016-libre-office-link/libre-office-link.pdf", Fields(&[])),
    // Its startxref points nowhere and its page tree is missing; qpdf too
    // reconstructs it and finds no pages.
    (
        "017-unreadable-meta-data/unreadablemetadata.pdf",
        Fields(&[]),
    ),
    ("018-base64-image/base64image.pdf", Fields(&[])),
    ("019-grayscale-image/grayscale-image.pdf", Fields(&[])),
    ("020-xmp/output_with_metadata_pymupdf.pdf", Fields(&[])),
    ("021-pdfa/crazyones-pdfa.pdf", Fields(&[])),
    ("022-pdfkit/pdfkit.pdf", Fields(&[])),
    ("023-cmyk-image/cmyk-image.pdf", Fields(&[])),
    ("024-annotations/annotated_pdf.pdf", Fields(&[])),
    ("025-attachment/with-attachment.pdf", Fields(&[])),
    ("026-latex-multicolumn/multicolumn.pdf", Fields(&[])),
];

/// Reads `bytes` as the app and the back office do, checks the outcome, the
/// page count against qpdf's on `reference` (the same file before it was
/// damaged: qpdf cannot repair some of the damage this reader does), and
/// that it took less than 2 s.
fn check(name: &str, bytes: &[u8], expect: &Expect, reference: &[u8]) {
    let start = Instant::now();
    let read = FormDocument::load(bytes);
    let took = start.elapsed();
    assert!(took < Duration::from_secs(2), "{name}: {took:?}");
    match (expect, read) {
        (Fields(names), Ok(doc)) => {
            let got: Vec<&str> = doc.fields().iter().map(|f| f.name.as_str()).collect();
            assert_eq!(&got, names, "{name}: fields");
            let pages = doc.document().get_pages().len();
            let tag = name.replace('/', "_");
            assert_eq!(pages, corpus::qpdf_pages(reference, &tag), "{name}: pages");
        }
        (Refused(why), Err(PdfError::Load(e))) => assert_eq!(e, *why, "{name}"),
        (expect, got) => panic!("{name}: expected {expect:?}, got {:?}", got.err()),
    }
}

const PDFLATEX_FORM: &str = "010-pdflatex-forms/pdflatex-forms.pdf";
const LIBREOFFICE_FORM: &str = "012-libreoffice-form/libreoffice-form.pdf";

/// What the table expects of a corpus file.
fn expected(name: &str) -> &'static Expect {
    CORPUS
        .iter()
        .find(|(f, _)| *f == name)
        .map(|(_, e)| e)
        .unwrap_or_else(|| panic!("{name} is not in the table"))
}

#[test]
fn every_corpus_file_is_read_or_refused_for_its_named_reason() {
    let files = corpus::corpus_files();
    let listed: Vec<&str> = CORPUS.iter().map(|(f, _)| *f).collect();
    assert_eq!(files, listed, "the table lists every corpus file");
    for (name, expect) in CORPUS {
        let bytes = corpus::read(name);
        check(name, &bytes, expect, &bytes);
    }
}

#[test]
fn a_linearized_file_with_many_object_streams_is_read() {
    let bytes = corpus::linearized_with_object_streams();
    assert!(bytes.len() > 4_000_000, "{}", bytes.len());
    let streams = bytes.windows(7).filter(|w| w == b"/ObjStm").count();
    assert!(streams >= 20, "{streams} object streams");
    check("GeoTopo linearized", &bytes, &Fields(&[]), &bytes);
    let form = corpus::linearized_form();
    check(
        "libreoffice-form linearized",
        &form,
        expected(LIBREOFFICE_FORM),
        &form,
    );
}

#[test]
fn a_file_with_large_images_is_read_without_decoding_them() {
    let bytes = corpus::large_images();
    assert!(bytes.len() > 3_000_000, "{}", bytes.len());
    check("large images", &bytes, &Fields(&[]), &bytes);
    // In the original, every image keeps its filter and exactly the bytes
    // its /Length gives: read, never decoded.
    let name = "018-base64-image/base64image.pdf";
    let original = corpus::read(name);
    check(name, &original, expected(name), &original);
    let doc = acroform::load::load(&original).unwrap();
    let mut images = 0;
    for o in doc.objects.values() {
        let Ok(s) = o.as_stream() else { continue };
        if s.dict.get(b"Subtype").and_then(lopdf::Object::as_name).ok() != Some(b"Image") {
            continue;
        }
        assert!(s.dict.has(b"Filter"), "an image lost its filter");
        let length = match s.dict.get(b"Length") {
            Ok(lopdf::Object::Reference(id)) => doc.get_object(*id).and_then(lopdf::Object::as_i64),
            Ok(l) => l.as_i64(),
            Err(e) => Err(e),
        };
        assert_eq!(length.ok(), i64::try_from(s.content.len()).ok());
        images += 1;
    }
    assert!(images > 0);
}

#[test]
fn wrong_cross_reference_offsets_are_recovered_from_a_scan() {
    for name in [PDFLATEX_FORM, LIBREOFFICE_FORM] {
        let original = corpus::read(name);
        let bytes = corpus::wrong_offsets(&original);
        check(
            &format!("{name}, offsets moved"),
            &bytes,
            expected(name),
            &original,
        );
    }
}

#[test]
fn a_broken_root_reference_finds_the_catalog() {
    for name in [PDFLATEX_FORM, LIBREOFFICE_FORM] {
        let original = corpus::read(name);
        let bytes = corpus::broken_root(&original);
        check(
            &format!("{name}, /Root broken"),
            &bytes,
            expected(name),
            &original,
        );
    }
}
