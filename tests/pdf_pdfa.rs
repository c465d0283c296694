//! PDF/A-3b (ISO 19005-3) for every PDF the app makes, filled and blank:
//! one test per requirement this project meets (docs/pdfa.md lists them,
//! and those not checked). veraPDF, the reference validator, is a Java
//! tool these machines cannot download; these checks read the files with
//! lopdf, independently of the code that wrote them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
#![cfg(not(target_arch = "wasm32"))]

#[path = "pdf/common.rs"]
mod common;

use lopdf::{Dictionary, Document, Object, ObjectId};
use rinnovo_core::domain::draft::SignatureMethod;
use rinnovo_core::jobs::Doc;
use rinnovo_documents::renewal::{self, Input, Kit, Options};
use std::collections::BTreeSet;

/// Every PDF the app makes: the two blank templates; each filled document
/// signed by drawing; both documents with a firma digitale (empty /Sig
/// fields kept); and the form left unflattened.
fn every_output() -> Vec<(&'static str, Vec<u8>)> {
    let (content, drawn, json) = common::form_with(SignatureMethod::Drawn);
    let (_, digital, digital_json) = common::form_with(SignatureMethod::Digital);
    let (t1, t2) = (renewal::SUPPORT_FORM_TEMPLATE, renewal::CONDITIONS_TEMPLATE);
    vec![
        ("blank form", t1.to_vec()),
        ("blank conditions", t2.to_vec()),
        (
            "form",
            common::fill(
                Doc::SupportForm,
                (&content, &drawn, &json),
                Options::default(),
            )
            .unwrap(),
        ),
        (
            "conditions",
            common::fill(
                Doc::Conditions,
                (&content, &drawn, &json),
                Options::default(),
            )
            .unwrap(),
        ),
        (
            "both, firma digitale",
            common::fill(
                Doc::Both,
                (&content, &digital, &digital_json),
                Options::default(),
            )
            .unwrap(),
        ),
        (
            "form, unflattened",
            common::fill(
                Doc::SupportForm,
                (&content, &drawn, &json),
                Options { flatten: false },
            )
            .unwrap(),
        ),
    ]
}

fn load(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("lopdf reads it")
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, o) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

fn name_of<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    get(doc, d, key).and_then(|o| o.as_name().ok())
}

fn text(o: &Object) -> String {
    lopdf::decode_text_string(o).unwrap_or_default()
}

fn catalog(doc: &Document) -> &Dictionary {
    doc.catalog().expect("catalog")
}

fn xmp(doc: &Document) -> String {
    let id = catalog(doc)
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("/Metadata");
    let s = doc
        .get_object(id)
        .and_then(Object::as_stream)
        .expect("stream");
    assert!(!s.dict.has(b"Filter"), "the XMP is filtered");
    assert_eq!(
        s.dict.get(b"Type").and_then(Object::as_name).ok(),
        Some(&b"Metadata"[..])
    );
    assert_eq!(
        s.dict.get(b"Subtype").and_then(Object::as_name).ok(),
        Some(&b"XML"[..])
    );
    String::from_utf8(s.content.clone()).expect("UTF-8 XMP")
}

/// The text of the first `<tag>` element (or of its first `rdf:li`).
fn xmp_value(xmp: &str, tag: &str) -> Option<String> {
    let start = xmp.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = start + xmp.get(start..)?.find(&format!("</{tag}>"))?;
    let inner = xmp.get(start..end)?;
    let inner = match inner.find("<rdf:li") {
        Some(li) => {
            let from = li + inner.get(li..)?.find('>')? + 1;
            let to = from + inner.get(from..)?.find("</rdf:li>")?;
            inner.get(from..to)?
        }
        None => inner,
    };
    Some(
        inner
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

#[test]
fn the_header_has_a_binary_comment_and_the_trailer_an_id() {
    // ISO 19005-2/3, 6.1.2 and 6.1.3.
    for (what, bytes) in every_output() {
        assert!(bytes.starts_with(b"%PDF-1.7\n%"), "{what}: header");
        let second = &bytes[9..bytes.len().min(16)];
        assert!(
            second.iter().skip(1).take(4).all(|&b| b > 127),
            "{what}: the second line needs four bytes above 127"
        );
        let doc = load(&bytes);
        let id = doc
            .trailer
            .get(b"ID")
            .and_then(Object::as_array)
            .expect("/ID");
        assert_eq!(id.len(), 2, "{what}: /ID");
        assert!(!doc.trailer.has(b"Encrypt"), "{what}: encrypted");
    }
}

#[test]
fn the_xmp_claims_pdfa_3b_and_matches_the_info_dictionary() {
    // 6.6.2.1, 6.6.4 (pdfaid) and 6.6.2.3.1 (Info and XMP equivalent).
    for (what, bytes) in every_output() {
        let doc = load(&bytes);
        let x = xmp(&doc);
        assert!(x.starts_with("<?xpacket begin=\"\u{FEFF}\""), "{what}");
        assert!(x.trim_end().ends_with("<?xpacket end=\"w\"?>"), "{what}");
        assert_eq!(xmp_value(&x, "pdfaid:part").as_deref(), Some("3"), "{what}");
        assert_eq!(
            xmp_value(&x, "pdfaid:conformance").as_deref(),
            Some("B"),
            "{what}"
        );
        let info_id = doc
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .unwrap();
        let info = doc.get_dictionary(info_id).unwrap();
        for (key, tag) in [
            (&b"Title"[..], "dc:title"),
            (b"Author", "dc:creator"),
            (b"Subject", "dc:description"),
            (b"Creator", "xmp:CreatorTool"),
            (b"Producer", "pdf:Producer"),
        ] {
            let value = info.get(key).map(text).expect("Info entry");
            assert_eq!(xmp_value(&x, tag), Some(value), "{what}: {tag}");
        }
        for (key, tag) in [
            (&b"CreationDate"[..], "xmp:CreateDate"),
            (b"ModDate", "xmp:ModifyDate"),
        ] {
            let pdf = info.get(key).map(text).expect("date");
            let digits: String = pdf.chars().filter(char::is_ascii_digit).collect();
            let xmp_digits: String = xmp_value(&x, tag)
                .unwrap_or_default()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            assert_eq!(digits, xmp_digits, "{what}: {tag}");
        }
    }
}

#[test]
fn an_srgb_output_intent_carries_its_icc_profile() {
    // 6.2.3: a PDF/A OutputIntent (GTS_PDFA1) with an ICC profile of as
    // many components as the device colours used (DeviceRGB and DeviceGray).
    for (what, bytes) in every_output() {
        let doc = load(&bytes);
        let intents = get(&doc, catalog(&doc), b"OutputIntents")
            .and_then(|o| o.as_array().ok())
            .expect("/OutputIntents");
        assert_eq!(intents.len(), 1, "{what}");
        let intent = dict(&doc, &intents[0]).unwrap();
        assert_eq!(
            name_of(&doc, intent, b"S"),
            Some(&b"GTS_PDFA1"[..]),
            "{what}"
        );
        let profile_id = intent
            .get(b"DestOutputProfile")
            .and_then(Object::as_reference)
            .unwrap();
        let profile = doc
            .get_object(profile_id)
            .and_then(Object::as_stream)
            .unwrap();
        assert_eq!(
            profile.dict.get(b"N").and_then(Object::as_i64).ok(),
            Some(3)
        );
        let icc = profile
            .decompressed_content()
            .unwrap_or_else(|_| profile.content.clone());
        assert_eq!(&icc[36..40], b"acsp", "{what}: ICC signature");
        assert_eq!(&icc[16..20], b"RGB ", "{what}: ICC colour space");
        assert_eq!(
            icc.len(),
            u32::from_be_bytes([icc[0], icc[1], icc[2], icc[3]]) as usize
        );
    }
}

/// A filled copy keeps its template's output intent (so the worker embeds
/// no profile of its own); a template without one is refused, not filled
/// into a PDF that claims PDF/A without it.
#[test]
fn a_template_without_an_output_intent_is_refused() {
    let font = common::font();
    let (content, drawn, json) = common::form_with(SignatureMethod::Drawn);
    let mut doc = load(renewal::SUPPORT_FORM_TEMPLATE);
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .unwrap();
    doc.get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .unwrap()
        .remove(b"OutputIntents");
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let mut stripped = Vec::new();
    doc.save_to(&mut stripped).unwrap();
    assert_eq!(
        renewal::fill(
            Doc::SupportForm,
            &Kit {
                support_form: stripped.clone().into(),
                ..Kit::built_in(font.clone())
            },
            &Input {
                form: &drawn,
                texts: &content,
                attached: &json
            },
            Options::default()
        ),
        Err(acroform::PdfError::NoOutputIntent)
    );
    assert_eq!(
        rinnovo_documents::message_key(&acroform::PdfError::NoOutputIntent),
        "error.pdf.template"
    );
}

/// The fonts every page and form XObject uses, through their resources.
fn used_fonts(doc: &Document) -> Vec<(ObjectId, Dictionary)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut resources: Vec<&Dictionary> = Vec::new();
    for (_, o) in doc.objects.iter() {
        let d = match o {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        let is_page = d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Page");
        let is_form = d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form");
        if is_page || is_form {
            if let Some(r) = d.get(b"Resources").ok().and_then(|r| dict(doc, r)) {
                resources.push(r);
            }
        }
    }
    for r in resources {
        let Some(fonts) = r.get(b"Font").ok().and_then(|f| dict(doc, f)) else {
            continue;
        };
        for (_, f) in fonts.iter() {
            if let Object::Reference(id) = f {
                if seen.insert(*id) {
                    out.push((*id, doc.get_dictionary(*id).unwrap().clone()));
                }
            }
        }
    }
    out
}

#[test]
fn every_font_used_is_embedded_with_widths_and_a_unicode_map() {
    // 6.2.11.4.1 (embedded), 6.2.11.3 (CIDFontType2 with CIDToGIDMap),
    // 6.2.11.7 (a ToUnicode map: not required for level B, but the
    // extraction the issue asks for needs it).
    for (what, bytes) in every_output() {
        let doc = load(&bytes);
        let fonts = used_fonts(&doc);
        assert!(!fonts.is_empty(), "{what}: no fonts?");
        for (id, font) in fonts {
            assert_eq!(
                name_of(&doc, &font, b"Subtype"),
                Some(&b"Type0"[..]),
                "{what} {id:?}"
            );
            assert!(font.has(b"ToUnicode"), "{what} {id:?}: ToUnicode");
            let descendant = get(&doc, &font, b"DescendantFonts")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| dict(&doc, o))
                .unwrap();
            assert_eq!(
                name_of(&doc, descendant, b"Subtype"),
                Some(&b"CIDFontType2"[..])
            );
            assert_eq!(
                name_of(&doc, descendant, b"CIDToGIDMap"),
                Some(&b"Identity"[..])
            );
            assert!(descendant.has(b"W"), "{what}: widths");
            let descriptor = get(&doc, descendant, b"FontDescriptor")
                .and_then(|o| dict(&doc, o))
                .unwrap();
            let file = get(&doc, descriptor, b"FontFile2")
                .and_then(|o| o.as_stream().ok())
                .expect("the font program is embedded");
            let program = file.decompressed_content().unwrap();
            assert_eq!(
                file.dict.get(b"Length1").and_then(Object::as_i64).ok(),
                i64::try_from(program.len()).ok(),
                "{what}: /Length1"
            );
            // A subset: the six-letter tag and a plus sign.
            let base = name_of(&doc, &font, b"BaseFont").unwrap();
            assert_eq!(base.get(6), Some(&b'+'), "{what}: subset tag");
        }
    }
}

#[test]
fn no_javascript_actions_or_need_appearances() {
    // 6.5.1, 6.6.1 (no JavaScript, no actions but a few), 6.4.1
    // (NeedAppearances false or absent).
    for (what, bytes) in every_output() {
        let doc = load(&bytes);
        for (id, o) in doc.objects.iter() {
            let d = match o {
                Object::Dictionary(d) => d,
                Object::Stream(s) => &s.dict,
                _ => continue,
            };
            for key in [&b"JS"[..], b"JavaScript", b"AA", b"OpenAction", b"A"] {
                assert!(
                    !d.has(key),
                    "{what}: object {id:?} has /{}",
                    String::from_utf8_lossy(key)
                );
            }
            if d.has(b"Fields") {
                assert!(
                    d.get(b"NeedAppearances").and_then(Object::as_bool).ok() != Some(true),
                    "{what}: NeedAppearances"
                );
            }
        }
    }
}

#[test]
fn every_widget_has_a_normal_appearance_and_prints() {
    // 6.3.2 (annotation flags: Print set, Hidden, Invisible, ToggleNoView
    // and NoView clear) and 6.3.3 (an appearance dictionary with only /N).
    for (what, bytes) in every_output() {
        let doc = load(&bytes);
        let mut widgets = 0;
        for (id, o) in doc.objects.iter() {
            let Object::Dictionary(d) = o else { continue };
            if d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Widget") {
                continue;
            }
            widgets += 1;
            let flags = d.get(b"F").and_then(Object::as_i64).unwrap_or(0);
            assert!(flags & 4 != 0, "{what}: widget {id:?} does not print");
            assert!(
                flags & (1 | 2 | 32 | 256) == 0,
                "{what}: widget {id:?} hidden"
            );
            let ap = get(&doc, d, b"AP")
                .and_then(|o| dict(&doc, o))
                .expect("/AP");
            assert!(ap.has(b"N"), "{what}: widget {id:?} has no /N");
            assert_eq!(ap.len(), 1, "{what}: widget {id:?}: /AP holds only /N");
        }
        if what.starts_with("blank") || what.contains("unflattened") {
            assert!(widgets > 10, "{what}: {widgets} widgets");
        }
    }
}

#[test]
fn the_json_data_is_an_associated_file() {
    // ISO 19005-3, 6.8: an embedded file is associated (/AF) with its
    // relationship, a MIME /Subtype, and /Params with /ModDate; the file
    // specification has /F and /UF.
    for (what, bytes) in every_output().into_iter().skip(2) {
        let doc = load(&bytes);
        let af = get(&doc, catalog(&doc), b"AF")
            .and_then(|o| o.as_array().ok())
            .expect("/AF");
        assert_eq!(af.len(), 1, "{what}");
        let spec = dict(&doc, &af[0]).unwrap();
        assert_eq!(
            name_of(&doc, spec, b"AFRelationship"),
            Some(&b"Data"[..]),
            "{what}"
        );
        for key in [&b"F"[..], b"UF"] {
            assert_eq!(
                spec.get(key).map(text).ok().as_deref(),
                Some(rinnovo_documents::ATTACHMENT_NAME),
                "{what}"
            );
        }
        let ef = get(&doc, spec, b"EF").and_then(|o| dict(&doc, o)).unwrap();
        let file = get(&doc, ef, b"F")
            .and_then(|o| o.as_stream().ok())
            .unwrap();
        assert_eq!(
            name_of(&doc, &file.dict, b"Subtype"),
            Some(&b"application/json"[..])
        );
        let params = get(&doc, &file.dict, b"Params")
            .and_then(|o| dict(&doc, o))
            .unwrap();
        assert!(params.has(b"ModDate"), "{what}: /ModDate");
    }
}
