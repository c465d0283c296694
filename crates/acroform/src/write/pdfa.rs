//! What a PDF/A file (ISO 19005) declares beyond a plain PDF: the output
//! intent, an ICC profile that says what its device colours mean (ISO
//! 19005-2 and -3, 6.2.3), and its conformance in the XMP metadata
//! ([`super::metadata::Info::pdfa`]). The rest of conformance is in how the
//! document is made: fonts embedded ([`crate::font::truetype`]), an appearance on
//! every widget, no actions or JavaScript, embedded files as associated
//! files ([`super::attachment`]).

use crate::pdf::objects::{
    as_dict, catalog_id, dict_of, dict_of_mut, get_array, get_name, name, resolve,
};
use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

/// A PDF/A conformance, as XMP's `pdfaid` schema states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfAId {
    /// The part of ISO 19005: 1, 2, 3 or 4.
    pub part: u8,
    /// The conformance level: `B` (basic), `U` (Unicode) or `A`
    /// (accessible).
    pub conformance: char,
}

/// An output intent: the ICC profile of the colour space device colours
/// are in, such as sRGB for `DeviceRGB`.
#[derive(Debug, Clone, Copy)]
pub struct OutputIntent<'a> {
    /// The ICC profile's bytes.
    pub icc_profile: &'a [u8],
    /// Its number of colour components: 1 (gray), 3 (RGB) or 4 (CMYK).
    pub components: u8,
    /// The output condition's identifier, such as `sRGB IEC61966-2.1`.
    pub condition: &'a str,
}

/// Sets the catalog's `/OutputIntents` to this one PDF/A output intent
/// (`/S /GTS_PDFA1`), replacing any there.
pub fn set_output_intent(doc: &mut Document, intent: &OutputIntent<'_>) {
    let mut profile = Dictionary::new();
    profile.set("N", i64::from(intent.components));
    profile.set("Filter", name("FlateDecode"));
    let data = miniz_oxide::deflate::compress_to_vec_zlib(intent.icc_profile, 9);
    let profile_id = doc.add_object(Stream::new(profile, data).with_compression(false));
    let text = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    let mut d = Dictionary::new();
    d.set("Type", name("OutputIntent"));
    d.set("S", name("GTS_PDFA1"));
    d.set("OutputConditionIdentifier", text(intent.condition));
    d.set("Info", text(intent.condition));
    d.set("DestOutputProfile", Object::Reference(profile_id));
    let intent_id = doc.add_object(d);
    if let Some(catalog) = catalog_id(doc).and_then(|id| dict_of_mut(doc, id)) {
        catalog.set(
            "OutputIntents",
            Object::Array(vec![Object::Reference(intent_id)]),
        );
    }
}

/// Whether the catalog's `/OutputIntents` holds a PDF/A output intent
/// (`/S /GTS_PDFA1`) whose `/DestOutputProfile` is a stream: what a
/// document filled from a PDF/A template keeps, instead of embedding the
/// profile again.
pub fn has_output_intent(doc: &Document) -> bool {
    let Some(catalog) = catalog_id(doc).and_then(|id| dict_of(doc, id)) else {
        return false;
    };
    get_array(doc, catalog, b"OutputIntents").is_some_and(|intents| {
        intents
            .iter()
            .filter_map(|i| as_dict(doc, i))
            .any(|intent| {
                get_name(doc, intent, b"S") == Some(b"GTS_PDFA1")
                    && intent
                        .get(b"DestOutputProfile")
                        .ok()
                        .and_then(|p| resolve(doc, p))
                        .is_some_and(|p| matches!(p, Object::Stream(_)))
            })
    })
}
