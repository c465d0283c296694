//! What each revision after the first changed, object by object, and which
//! kind of change that is: a digital signature, form or annotation changes,
//! or other changes.

use super::report::Change;
use crate::revisions::Revision;
use acroform::objects::{dict_of, get_array, get_name};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeSet;

/// The most objects whose kind is looked up from one revision to the next.
const MAX_CHANGED_OBJECTS: usize = 100_000;

/// What kind of object a changed object is, for the revision's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    /// Cross-reference and object streams: the file's structure only.
    Structure,
    /// A signature dictionary, or validation data under `/DSS`.
    Signature,
    /// The document's metadata (`/Info`, the XMP stream).
    Metadata,
    /// A field, widget, annotation, the AcroForm, an appearance.
    Form,
    /// Anything else.
    Other,
}

/// What revision `after` changed over `before`; `r` is its place.
pub(super) fn change(before: &Document, after: &Document, r: &Revision) -> Change {
    let changed: Vec<ObjectId> = after
        .objects
        .iter()
        .filter(|(id, o)| before.objects.get(id) != Some(*o))
        .map(|(id, _)| *id)
        .take(MAX_CHANGED_OBJECTS)
        .collect();
    let ctx = Roles::of(after);
    let mut form = BTreeSet::new();
    let mut other = BTreeSet::new();
    let mut metadata = false;
    let mut signatures = Vec::new();
    for id in &changed {
        match ctx.part(before, after, *id) {
            (Part::Structure, _) => {}
            (Part::Signature, _) => {
                if ctx.sigs.contains(id) {
                    signatures.push(*id);
                }
            }
            (Part::Metadata, what) => {
                metadata = true;
                other.insert(what);
            }
            (Part::Form, what) => {
                form.insert(what);
            }
            (Part::Other, what) => {
                other.insert(what);
            }
        }
    }
    if changed.len() >= MAX_CHANGED_OBJECTS {
        other.insert("too many objects to list".into());
    }
    // A signature that signs this very revision: its byte range ends where
    // the revision does.
    let signature = signatures.iter().find_map(|id| {
        let d = dict_of(after, *id)?;
        covers_revision(after, d, r).then(|| {
            let timestamp = get_name(after, d, b"Type") == Some(b"DocTimeStamp");
            (ctx.signed_field(after, *id), timestamp)
        })
    });
    if let Some((field_id, timestamp)) = signature {
        // What signing a field changes: the field and its widget, their
        // appearance, the AcroForm (/SigFlags), the catalog's /AcroForm,
        // /DSS, /Perms or /Extensions, a page's /Annots, the metadata.
        let signed_parts = ctx.signing_parts(after, field_id);
        let unexpected_form: Vec<String> = changed
            .iter()
            .filter(|id| matches!(ctx.part(before, after, **id).0, Part::Form))
            .filter(|id| !signed_parts.contains(id))
            .map(|id| ctx.part(before, after, *id).1)
            .collect();
        let others: Vec<String> = other
            .iter()
            .filter(|w| !(metadata && is_metadata_label(w)))
            .cloned()
            .collect();
        if unexpected_form.is_empty() && others.is_empty() {
            return Change::Signature {
                field: field_id.and_then(|f| full_name(after, f)),
                timestamp,
            };
        }
        let mut what: Vec<String> = vec!["a digital signature, together with".into()];
        what.extend(unexpected_form);
        what.extend(others);
        return Change::Other { what };
    }
    if !signatures.is_empty() {
        other.insert("a signature that does not cover its revision".into());
    }
    if !other.is_empty() {
        let mut what: Vec<String> = other.into_iter().collect();
        what.extend(form);
        return Change::Other { what };
    }
    if !form.is_empty() {
        return Change::Form {
            what: form.into_iter().collect(),
        };
    }
    Change::Nothing
}

const INFO_LABEL: &str = "the document information (/Info)";
const XMP_LABEL: &str = "the XMP metadata";

fn is_metadata_label(w: &str) -> bool {
    w == INFO_LABEL || w == XMP_LABEL
}

/// Whether the signature dictionary's `/ByteRange` covers the whole file up
/// to the end of revision `r`, all but its own `/Contents`.
fn covers_revision(doc: &Document, sig: &Dictionary, r: &Revision) -> bool {
    let Some(range) = get_array(doc, sig, b"ByteRange") else {
        return false;
    };
    let n: Vec<i64> = range.iter().filter_map(|o| o.as_i64().ok()).collect();
    let [0, a, b, c] = n.as_slice() else {
        return false;
    };
    let end = b.saturating_add(*c);
    *a > 0 && b > a && (end == r.eof as i64 || end == r.end as i64)
}

/// The objects of the final document by role.
struct Roles {
    catalog: Option<ObjectId>,
    acroform: Option<ObjectId>,
    info: Option<ObjectId>,
    xmp: Option<ObjectId>,
    sigs: BTreeSet<ObjectId>,
    dss: BTreeSet<ObjectId>,
    /// Fields, widgets and annotations.
    annots: BTreeSet<ObjectId>,
    /// Everything reachable from an annotation's `/AP` or `/MK`.
    appearances: BTreeSet<ObjectId>,
}

impl Roles {
    fn of(doc: &Document) -> Roles {
        let catalog = acroform::objects::catalog_id(doc);
        let cat = catalog.and_then(|c| dict_of(doc, c));
        let reference = |d: Option<&Dictionary>, key: &[u8]| {
            d.and_then(|d| d.get(key).ok())
                .and_then(|o| o.as_reference().ok())
        };
        let info = doc
            .trailer
            .get(b"Info")
            .ok()
            .and_then(|o| o.as_reference().ok());
        let mut roles = Roles {
            catalog,
            acroform: reference(cat, b"AcroForm"),
            info,
            xmp: reference(cat, b"Metadata"),
            sigs: BTreeSet::new(),
            dss: BTreeSet::new(),
            annots: BTreeSet::new(),
            appearances: BTreeSet::new(),
        };
        if let Some(dss) = cat.and_then(|c| c.get(b"DSS").ok()) {
            reach(doc, dss, &mut roles.dss);
        }
        for (id, o) in &doc.objects {
            let d = match o {
                Object::Dictionary(d) => d,
                _ => continue,
            };
            if is_signature(doc, d) {
                roles.sigs.insert(*id);
            } else if is_annotation_or_field(doc, d) {
                roles.annots.insert(*id);
                for key in [b"AP".as_slice(), b"MK"] {
                    if let Ok(ap) = d.get(key) {
                        reach(doc, ap, &mut roles.appearances);
                    }
                }
            }
        }
        roles
    }

    /// A changed object's part, and what it is, for people.
    fn part(&self, before: &Document, after: &Document, id: ObjectId) -> (Part, String) {
        let o = after.objects.get(&id);
        let d = match o {
            Some(Object::Dictionary(d)) => Some(d),
            Some(Object::Stream(s)) => Some(&s.dict),
            _ => None,
        };
        let type_ = d.and_then(|d| get_name(after, d, b"Type"));
        let label = |what: &str| format!("{what} (object {})", id.0);
        if matches!(type_, Some(b"XRef" | b"ObjStm")) {
            return (Part::Structure, String::new());
        }
        if self.sigs.contains(&id) || self.dss.contains(&id) {
            return (Part::Signature, label("signature data"));
        }
        if Some(id) == self.info {
            return (Part::Metadata, INFO_LABEL.into());
        }
        if Some(id) == self.xmp {
            return (Part::Metadata, XMP_LABEL.into());
        }
        if Some(id) == self.acroform {
            return (Part::Form, label("the form (/AcroForm)"));
        }
        if self.annots.contains(&id) {
            let name = full_name(after, id);
            let what = match (
                name,
                d.is_some_and(|d| acroform::fields::is_widget(after, d)),
            ) {
                (Some(n), _) => format!("field {n}"),
                (None, true) => "a widget".to_string(),
                (None, false) => "an annotation".to_string(),
            };
            return (Part::Form, label(&what));
        }
        if self.appearances.contains(&id) {
            return (Part::Form, label("an appearance"));
        }
        let old = before.objects.get(&id).and_then(|o| o.as_dict().ok());
        let keys = d.map(|d| changed_keys(old, d)).unwrap_or_default();
        if Some(id) == self.catalog {
            let allowed: [&[u8]; 5] = [b"AcroForm", b"DSS", b"Perms", b"Extensions", b"Metadata"];
            if keys.iter().all(|k| allowed.contains(&k.as_slice())) {
                return (Part::Form, label("the catalog's form entries"));
            }
            return (
                Part::Other,
                label(&format!("the catalog ({})", key_list(&keys))),
            );
        }
        if type_ == Some(b"Page") {
            if old.is_some() && keys.iter().all(|k| k.as_slice() == b"Annots") {
                return (Part::Form, label("a page's annotation list"));
            }
            return (Part::Other, label(&format!("a page ({})", key_list(&keys))));
        }
        let what = match type_ {
            Some(t) => format!("a /{} object", String::from_utf8_lossy(t)),
            None if matches!(o, Some(Object::Stream(_))) => "a stream".to_string(),
            None => "an object".to_string(),
        };
        let what = if before.objects.contains_key(&id) {
            format!("{what}, changed")
        } else {
            format!("{what}, added")
        };
        (Part::Other, label(&what))
    }

    /// The field whose `/V` is the signature dictionary `sig`.
    fn signed_field(&self, doc: &Document, sig: ObjectId) -> Option<ObjectId> {
        self.annots.iter().copied().find(|id| {
            dict_of(doc, *id)
                .and_then(|d| d.get(b"V").ok())
                .and_then(|v| v.as_reference().ok())
                == Some(sig)
        })
    }

    /// The objects that signing `field` may change.
    fn signing_parts(&self, doc: &Document, field: Option<ObjectId>) -> BTreeSet<ObjectId> {
        let mut parts: BTreeSet<ObjectId> = self.acroform.into_iter().collect();
        parts.extend(self.catalog);
        let Some(field) = field else { return parts };
        parts.insert(field);
        // Its widgets: the field itself, or its /Kids; and their appearances.
        let mut widgets = vec![field];
        if let Some(kids) = dict_of(doc, field).and_then(|d| get_array(doc, d, b"Kids")) {
            widgets.extend(kids.iter().filter_map(|k| k.as_reference().ok()));
        }
        for w in widgets {
            parts.insert(w);
            if let Some(d) = dict_of(doc, w) {
                for key in [b"AP".as_slice(), b"MK"] {
                    if let Ok(ap) = d.get(key) {
                        reach(doc, ap, &mut parts);
                    }
                }
            }
        }
        // A page whose /Annots changed is named by `part` already.
        parts.extend(
            doc.objects
                .iter()
                .filter(|(_, o)| {
                    o.as_dict()
                        .is_ok_and(|d| get_name(doc, d, b"Type") == Some(b"Page"))
                })
                .map(|(id, _)| *id),
        );
        parts
    }
}

fn key_list(keys: &[Vec<u8>]) -> String {
    if keys.is_empty() {
        return "its stream data".to_string();
    }
    keys.iter()
        .map(|k| format!("/{}", String::from_utf8_lossy(k)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The keys whose values differ between two versions of a dictionary.
fn changed_keys(old: Option<&Dictionary>, new: &Dictionary) -> Vec<Vec<u8>> {
    let mut keys: BTreeSet<Vec<u8>> = new.iter().map(|(k, _)| k.clone()).collect();
    if let Some(old) = old {
        keys.extend(old.iter().map(|(k, _)| k.clone()));
    }
    keys.into_iter()
        .filter(|k| old.and_then(|o| o.get(k).ok()) != new.get(k).ok())
        .collect()
}

fn is_signature(doc: &Document, d: &Dictionary) -> bool {
    matches!(get_name(doc, d, b"Type"), Some(b"Sig" | b"DocTimeStamp"))
        || (d.has(b"ByteRange") && d.has(b"Contents") && d.has(b"Filter"))
}

fn is_annotation_or_field(doc: &Document, d: &Dictionary) -> bool {
    get_name(doc, d, b"Type") == Some(b"Annot")
        || d.has(b"FT")
        || (d.has(b"Subtype") && d.has(b"Rect") && get_name(doc, d, b"Type").is_none())
        || (d.has(b"T") && d.has(b"Parent"))
        || (d.has(b"T") && d.has(b"Kids"))
}

/// Every object reachable from `o` (bounded).
fn reach(doc: &Document, o: &Object, out: &mut BTreeSet<ObjectId>) {
    let mut stack = vec![(o, 0usize)];
    while let Some((o, depth)) = stack.pop() {
        if depth > 32 || out.len() > MAX_CHANGED_OBJECTS {
            continue;
        }
        match o {
            Object::Reference(id) if out.insert(*id) => {
                if let Ok(inner) = doc.get_object(*id) {
                    stack.push((inner, depth + 1));
                }
            }
            Object::Array(a) => stack.extend(a.iter().map(|v| (v, depth + 1))),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| (v, depth + 1))),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| (v, depth + 1))),
            _ => {}
        }
    }
}

/// A field's full name: its `/T` and its ancestors', joined with `.`.
fn full_name(doc: &Document, id: ObjectId) -> Option<String> {
    let mut parts = Vec::new();
    let mut seen = BTreeSet::new();
    let mut at = Some(id);
    while let Some(id) = at {
        if !seen.insert(id) || seen.len() > 32 {
            break;
        }
        let d = dict_of(doc, id)?;
        if let Some(t) = acroform::objects::get_text(doc, d, b"T") {
            parts.push(t);
        }
        at = d.get(b"Parent").ok().and_then(|p| p.as_reference().ok());
    }
    if parts.is_empty() {
        return None;
    }
    parts.reverse();
    Some(parts.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_must_cover_its_whole_revision() {
        let r = Revision {
            start: 100,
            eof: 200,
            end: 201,
        };
        let sig = |range: [i64; 4]| {
            let mut d = Dictionary::new();
            d.set(
                "ByteRange",
                Object::Array(range.iter().map(|n| Object::Integer(*n)).collect()),
            );
            d
        };
        let doc = Document::new();
        assert!(covers_revision(&doc, &sig([0, 120, 150, 51]), &r));
        assert!(covers_revision(&doc, &sig([0, 120, 150, 50]), &r));
        assert!(!covers_revision(&doc, &sig([0, 120, 150, 40]), &r));
        assert!(!covers_revision(&doc, &sig([10, 120, 150, 51]), &r));
        assert!(!covers_revision(&doc, &sig([0, 150, 120, 81]), &r));
    }
}
