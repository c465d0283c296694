//! Writing the finished file, and appending one document to another.
//!
//! Output is reproducible: lopdf keeps objects in a `BTreeMap` and
//! dictionaries in insertion order, unused objects are dropped and the rest
//! renumbered, and the `/ID` (PDF 32000-1, 14.4) is the MD5 of the file
//! written with a zero `/ID`, so the same input always gives the same bytes.

use crate::form::fields;
use crate::form::flatten::page_resources;
use crate::pdf::objects::{self, dict_of, dict_of_mut, get_array, get_dict};
use crate::pdf::serialize;
use crate::PdfError;
use lopdf::{Document, Object, ObjectId, StringFormat};
use md5::{Digest, Md5};

/// The PDF version written: 1.7 (ISO 32000-1); `/AF` is a PDF 2.0 key that
/// earlier readers ignore.
pub const PDF_VERSION: &str = "1.7";

/// Writes `doc` as a PDF 1.7 file with a classic cross-reference table:
/// drops unreferenced objects, stores byte-identical images once, renumbers,
/// and sets a content-derived `/ID`. Any incremental-update history
/// (`/Prev`, `/XRefStm`) is dropped.
pub fn save(doc: &mut Document) -> Result<Vec<u8>, PdfError> {
    doc.version = PDF_VERSION.to_string();
    doc.trailer.remove(b"ID");
    doc.trailer.remove(b"Prev");
    doc.trailer.remove(b"XRefStm");
    prune(doc);
    // Soft masks first, so that equal images then also share their mask.
    dedupe_images(doc);
    dedupe_images(doc);
    prune(doc);
    serialize::renumber(doc, 1);
    let id_object = |bytes: Vec<u8>| {
        Object::Array(vec![
            Object::String(bytes.clone(), StringFormat::Hexadecimal),
            Object::String(bytes, StringFormat::Hexadecimal),
        ])
    };
    doc.trailer.set("ID", id_object(vec![0; 16]));
    let first = serialize::to_pdf(doc);
    let digest: Vec<u8> = Md5::digest(&first).to_vec();
    doc.trailer.set("ID", id_object(digest));
    Ok(serialize::to_pdf(doc))
}

/// Drops the objects the trailer does not reach, directly or through other
/// objects: what lopdf's `prune_objects` keeps, found with the set type the
/// engine uses elsewhere instead of lopdf's hash set, and with a stack of
/// its own rather than recursion. The objects kept are moved into a new map
/// in their order, which needs none of the map's removal code.
fn prune(doc: &mut Document) {
    use std::collections::BTreeSet;
    let mut reached: BTreeSet<ObjectId> = BTreeSet::new();
    let mut stack: Vec<&Object> = doc.trailer.iter().map(|(_, v)| v).collect();
    while let Some(o) = stack.pop() {
        match o {
            Object::Reference(id) if reached.insert(*id) => {
                stack.extend(doc.objects.get(id));
            }
            Object::Array(items) => stack.extend(items),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    let objects = std::mem::take(&mut doc.objects);
    doc.objects
        .extend(objects.into_iter().filter(|(id, _)| reached.contains(id)));
}

/// Makes references to byte-identical image XObjects point to one copy: the
/// merged PDF signs three times with the same signature image.
fn dedupe_images(doc: &mut Document) {
    use std::collections::BTreeMap;
    // Each image's bytes, with a reference to its first copy: keyed and
    // valued as the attachments' name tree (`attachment::attach`), so the
    // worker carries one map type for both.
    let mut first: BTreeMap<Vec<u8>, Object> = BTreeMap::new();
    // (image, first copy), in the order of the ids, as `relink` wants it.
    let mut replace: Vec<(ObjectId, ObjectId)> = Vec::new();
    for (id, obj) in &doc.objects {
        let Object::Stream(s) = obj else { continue };
        if s.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Image") {
            continue;
        }
        let mut key = Vec::with_capacity(s.content.len() + 256);
        serialize::write_object(&mut key, obj);
        match first.get(&key) {
            Some(Object::Reference(orig)) => replace.push((*id, *orig)),
            _ => {
                first.insert(key, Object::Reference(*id));
            }
        }
    }
    if replace.is_empty() {
        return;
    }
    // Pushed while walking the objects in id order: sorted, as `relink`
    // binary-searches it.
    debug_assert!(replace.is_sorted_by_key(|(id, _)| *id));
    for obj in doc.objects.values_mut() {
        serialize::relink(obj, &replace, true);
    }
}

/// Appends `other`'s pages after `doc`'s, with its fields (a top-level field
/// whose name `doc` already uses gets a `_2` suffix, so fields never merge by
/// accident) and its attachments when `doc` has none.
pub fn append(doc: &mut Document, mut other: Document) {
    serialize::renumber(&mut other, doc.max_id.saturating_add(1));
    let other_pages = fields::pages(&other);
    // Pages inherit resources, boxes and rotation from their /Pages
    // ancestors; copy them onto each page before it moves.
    for &p in &other_pages {
        let resources = page_resources(&other, p);
        let inherited: Vec<(&[u8], Option<Object>)> =
            [b"MediaBox".as_slice(), b"CropBox", b"Rotate"]
                .iter()
                .map(|k| (*k, inherited_attribute(&other, p, k)))
                .collect();
        if let Some(d) = dict_of_mut(&mut other, p) {
            d.set("Resources", Object::Dictionary(resources));
            for (k, v) in inherited {
                if let Some(v) = v {
                    d.set(k.to_vec(), v);
                }
            }
        }
    }
    let other_fields: Vec<Object> = fields::acroform(&other)
        .and_then(|f| get_array(&other, f, b"Fields"))
        .cloned()
        .unwrap_or_default();
    let other_names = other
        .catalog()
        .ok()
        .and_then(|c| get_dict(&other, c, b"Names"))
        .cloned();
    let other_af = other
        .catalog()
        .ok()
        .and_then(|c| get_array(&other, c, b"AF"))
        .cloned();
    let other_dr_fonts = fields::acroform(&other)
        .and_then(|f| get_dict(&other, f, b"DR"))
        .and_then(|dr| get_dict(&other, dr, b"Font"))
        .cloned();
    let max_id = other.max_id;
    doc.objects.extend(std::mem::take(&mut other.objects));
    doc.max_id = doc.max_id.max(max_id);

    let Some(root_pages) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
    else {
        return;
    };
    for &p in &other_pages {
        if let Some(d) = dict_of_mut(doc, p) {
            d.set("Parent", Object::Reference(root_pages));
        }
    }
    if let Some(root) = dict_of_mut(doc, root_pages) {
        let mut kids = match root.get(b"Kids") {
            Ok(Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        kids.extend(other_pages.iter().map(|&p| Object::Reference(p)));
        root.set("Count", kids.len() as i64);
        root.set("Kids", Object::Array(kids));
    }
    // Only direct page kids are counted above; recount through the tree.
    let count = fields::pages(doc).len() as i64;
    if let Some(root) = dict_of_mut(doc, root_pages) {
        root.set("Count", count);
    }

    let Some(catalog_id) = crate::pdf::objects::catalog_id(doc) else {
        return;
    };
    if !other_fields.is_empty() {
        let mut form = fields::acroform(doc).cloned().unwrap_or_default();
        let mut roots = get_array(doc, &form, b"Fields")
            .cloned()
            .unwrap_or_default();
        let taken: Vec<String> = roots
            .iter()
            .filter_map(|r| objects::as_dict(doc, r).and_then(|d| objects::get_text(doc, d, b"T")))
            .collect();
        for r in &other_fields {
            let Ok(id) = r.as_reference() else { continue };
            let t = dict_of(doc, id).and_then(|d| objects::get_text(doc, d, b"T"));
            if let Some(t) = t.filter(|t| taken.contains(t)) {
                if let Some(d) = dict_of_mut(doc, id) {
                    d.set("T", objects::text(&format!("{t}_2")));
                }
            }
            roots.push(r.clone());
        }
        form.set("Fields", Object::Array(roots));
        if let Some(other_fonts) = other_dr_fonts {
            let mut dr = get_dict(doc, &form, b"DR").cloned().unwrap_or_default();
            let mut fonts = get_dict(doc, &dr, b"Font").cloned().unwrap_or_default();
            for (k, v) in other_fonts.iter() {
                if !fonts.has(k) {
                    fonts.set(k.clone(), v.clone());
                }
            }
            dr.set("Font", Object::Dictionary(fonts));
            form.set("DR", Object::Dictionary(dr));
        }
        if let Some(c) = dict_of_mut(doc, catalog_id) {
            c.set("AcroForm", Object::Dictionary(form));
        }
    }
    let has_names = doc.catalog().ok().is_some_and(|c| c.has(b"Names"));
    if !has_names {
        if let Some(c) = dict_of_mut(doc, catalog_id) {
            if let Some(n) = other_names {
                c.set("Names", Object::Dictionary(n));
            }
            if let Some(af) = other_af {
                c.set("AF", Object::Array(af));
            }
        }
    }
}

fn inherited_attribute(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut node = Some(page);
    for _ in 0..=fields::MAX_FIELD_DEPTH {
        let d = dict_of(doc, node?)?;
        if let Some(v) = objects::get(doc, d, key) {
            return Some(v.clone());
        }
        node = d.get(b"Parent").ok().and_then(|p| p.as_reference().ok());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    fn image(bytes: &[u8]) -> Object {
        Object::Stream(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1 },
            bytes.to_vec(),
        ))
    }

    /// A catalog reaching objects 2 to 6 through a dictionary, an array,
    /// a stream's dictionary and a cycle (6 refers back to 2); 7 and 8 refer
    /// to reached objects and to each other, but nothing reaches them.
    fn doc_with_unreached() -> Document {
        let mut doc = Document::with_version("1.7");
        doc.objects.insert(
            (1, 0),
            Object::Dictionary(dictionary! { "Type" => "Catalog", "A" => (2, 0) }),
        );
        doc.objects.insert(
            (2, 0),
            Object::Array(vec![Object::Reference((3, 0)), Object::Integer(1)]),
        );
        doc.objects.insert(
            (3, 0),
            Object::Stream(Stream::new(dictionary! { "Next" => (4, 0) }, b"x".to_vec())),
        );
        doc.objects.insert(
            (4, 0),
            Object::Dictionary(dictionary! { "Deep" => Object::Array(vec![Object::Dictionary(dictionary! { "R" => (5, 0) })]) }),
        );
        doc.objects
            .insert((5, 0), Object::Dictionary(dictionary! { "Back" => (6, 0) }));
        doc.objects.insert(
            (6, 0),
            Object::Dictionary(dictionary! { "Cycle" => (2, 0) }),
        );
        doc.objects.insert(
            (7, 0),
            Object::Dictionary(dictionary! { "To" => (1, 0), "Other" => (8, 0) }),
        );
        doc.objects
            .insert((8, 0), Object::Dictionary(dictionary! { "To" => (7, 0) }));
        doc.trailer.set("Root", Object::Reference((1, 0)));
        doc
    }

    #[test]
    fn prune_keeps_what_the_trailer_reaches_and_drops_the_rest() {
        let mut doc = doc_with_unreached();
        prune(&mut doc);
        let kept: Vec<u32> = doc.objects.keys().map(|id| id.0).collect();
        assert_eq!(kept, [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn prune_keeps_nothing_the_trailer_does_not_name() {
        let mut doc = doc_with_unreached();
        doc.trailer = lopdf::Dictionary::new();
        prune(&mut doc);
        assert!(doc.objects.is_empty());
    }

    #[test]
    fn save_writes_equal_images_once_and_drops_the_copies() {
        let mut doc = Document::with_version("1.7");
        doc.objects.insert(
            (1, 0),
            Object::Dictionary(dictionary! {
                "Type" => "Catalog",
                "Images" => Object::Array(vec![
                    Object::Reference((2, 0)),
                    Object::Reference((3, 0)),
                    Object::Reference((4, 0)),
                ]),
            }),
        );
        doc.objects.insert((2, 0), image(b"same"));
        doc.objects.insert((3, 0), image(b"other"));
        doc.objects.insert((4, 0), image(b"same"));
        doc.trailer.set("Root", Object::Reference((1, 0)));

        let bytes = save(&mut doc).map_err(|e| e.to_string());
        assert!(bytes.is_ok(), "{bytes:?}");
        // The catalog and two images, renumbered; the third entry points at
        // the first copy.
        let kept: Vec<u32> = doc.objects.keys().map(|id| id.0).collect();
        assert_eq!(kept, [1, 2, 3]);
        let images = doc
            .objects
            .get(&(1, 0))
            .and_then(|c| c.as_dict().ok())
            .and_then(|c| c.get(b"Images").ok())
            .and_then(|a| a.as_array().ok())
            .cloned();
        assert_eq!(
            images,
            Some(vec![
                Object::Reference((2, 0)),
                Object::Reference((3, 0)),
                Object::Reference((2, 0)),
            ])
        );
    }
}
