//! Small, total accessors over lopdf objects: every lookup that follows a
//! reference goes through lopdf's bounded `dereference`, and every wrong type
//! or missing key is `None`, never a panic.

use super::content::Rect;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// The object itself, or what a reference (chain) points to.
pub fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    doc.dereference(obj).ok().map(|(_, o)| o)
}

/// A dictionary, directly or through a reference; a stream's dictionary too.
pub fn as_dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    match resolve(doc, obj)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The id of the document catalog (the trailer's `/Root`), PDF 32000-1
/// section 7.7.2.
pub fn catalog_id(doc: &Document) -> Option<ObjectId> {
    doc.trailer.get(b"Root").ok()?.as_reference().ok()
}

/// The dictionary of an indirect object.
pub fn dict_of(doc: &Document, id: ObjectId) -> Option<&Dictionary> {
    match doc.get_object(id).ok()? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The mutable dictionary of an indirect object (not following references).
pub fn dict_of_mut(doc: &mut Document, id: ObjectId) -> Option<&mut Dictionary> {
    match doc.objects.get_mut(&id)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&mut s.dict),
        _ => None,
    }
}

/// A key's value, resolved.
pub fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, d.get(key).ok()?)
}

/// A key's value as a dictionary (a stream's too), resolved.
pub fn get_dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    as_dict(doc, d.get(key).ok()?)
}

/// A key's value as an array, resolved.
pub fn get_array<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Vec<Object>> {
    match get(doc, d, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

/// A key's value as a name, without the slash, resolved.
pub fn get_name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, d, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

/// A key's value as an integer, resolved; a finite real is truncated.
pub fn get_int(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<i64> {
    match get(doc, d, key)? {
        Object::Integer(i) => Some(*i),
        Object::Real(r) if r.is_finite() => Some(*r as i64),
        _ => None,
    }
}

/// An integer or finite real as `f32`; not resolved.
pub fn number(obj: &Object) -> Option<f32> {
    match obj {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

/// A text string (PDFDocEncoding or UTF-16BE), lossless or `None`.
pub fn get_text(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<String> {
    text_of(get(doc, d, key)?)
}

/// A text string decoded, or a name as UTF-8 (lossy); not resolved.
pub fn text_of(obj: &Object) -> Option<String> {
    match obj {
        Object::String(..) => lopdf::decode_text_string(obj).ok(),
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

/// An array of numbers of exactly `N` elements.
pub fn numbers<const N: usize>(doc: &Document, obj: &Object) -> Option<[f32; N]> {
    let a = match resolve(doc, obj)? {
        Object::Array(a) => a,
        _ => return None,
    };
    if a.len() != N {
        return None;
    }
    let mut out = [0.0; N];
    for (o, v) in out.iter_mut().zip(a) {
        *o = number(resolve(doc, v)?)?;
    }
    Some(out)
}

/// A rectangle (`/Rect`, `/BBox`, `/MediaBox`), normalized.
pub fn get_rect(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<Rect> {
    let [a, b, c, e] = numbers::<4>(doc, d.get(key).ok()?)?;
    let r = Rect::from_corners(a, b, c, e);
    r.is_finite().then_some(r)
}

/// An array of numbers of any length up to 4 (colour components).
pub fn components(doc: &Document, obj: &Object) -> Option<Vec<f32>> {
    match resolve(doc, obj)? {
        Object::Array(a) if a.len() <= 4 => {
            a.iter().map(|v| resolve(doc, v).and_then(number)).collect()
        }
        _ => None,
    }
}

/// A PDF array of numbers.
pub fn number_array(values: &[f32]) -> Object {
    Object::Array(values.iter().map(|&v| Object::Real(round3(v))).collect())
}

/// Rounds to three decimals, as the content builder writes numbers.
pub fn round3(v: f32) -> f32 {
    if v.is_finite() {
        (v * 1000.0).round() / 1000.0
    } else {
        0.0
    }
}

/// A rectangle as a PDF array `[x0 y0 x1 y1]`.
pub fn rect_array(r: Rect) -> Object {
    number_array(&[r.x0, r.y0, r.x1, r.y1])
}

/// A PDF name object, written `/s`.
pub fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// A text string: PDFDocEncoding for ASCII, UTF-16BE otherwise
/// (PDF 32000-1, 7.9.2.2).
pub fn text(s: &str) -> Object {
    lopdf::text_string(s)
}

/// An ASCII literal string.
pub fn ascii(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), lopdf::StringFormat::Literal)
}
