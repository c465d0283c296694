//! The machine-readable copy of the form inside the PDF: an embedded file
//! (PDF 32000-1, 7.11.4) listed in the catalog's `/Names /EmbeddedFiles` and
//! in `/AF` with `/AFRelationship /Data` (PDF 2.0, 14.13), and the bounded
//! reading of it back.

use super::metadata::pdf_date;
use super::objects::{self, ascii, dict_of, dict_of_mut, get_array, get_dict, name, text};
use crate::domain::ids::Date;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use miniz_oxide::deflate::compress_to_vec_zlib;
use std::collections::BTreeSet;

/// The deepest name tree walked when looking for the attachment.
const MAX_NAME_TREE_DEPTH: usize = 16;
/// The most name tree nodes visited.
const MAX_NAME_TREE_NODES: usize = 1_000;

/// Embeds `bytes` as a JSON file named `file_name`, replacing an attachment
/// of the same name.
pub fn attach(doc: &mut Document, file_name: &str, bytes: &[u8], date: Date) {
    let mut ef = Dictionary::new();
    ef.set("Type", name("EmbeddedFile"));
    ef.set("Subtype", name("application/json"));
    ef.set("Filter", name("FlateDecode"));
    let mut params = Dictionary::new();
    params.set("Size", bytes.len() as i64);
    params.set("ModDate", ascii(&pdf_date(date)));
    params.set("CreationDate", ascii(&pdf_date(date)));
    ef.set("Params", Object::Dictionary(params));
    let ef_id =
        doc.add_object(Stream::new(ef, compress_to_vec_zlib(bytes, 6)).with_compression(false));

    let mut files = Dictionary::new();
    files.set("F", Object::Reference(ef_id));
    files.set("UF", Object::Reference(ef_id));
    let mut spec = Dictionary::new();
    spec.set("Type", name("Filespec"));
    spec.set("F", text(file_name));
    spec.set("UF", text(file_name));
    spec.set("Desc", text("Dati del modulo (JSON)"));
    spec.set("AFRelationship", name("Data"));
    spec.set("EF", Object::Dictionary(files));
    let spec_id = doc.add_object(spec);

    let Some(catalog_id) = super::objects::catalog_id(doc) else {
        return;
    };
    // Keep other attachments of a flat name tree; a tree with /Kids is
    // replaced (templates do not carry attachments of their own).
    let mut entries: Vec<(Vec<u8>, Object)> = Vec::new();
    if let Some(catalog) = dict_of(doc, catalog_id) {
        if let Some(ef_tree) =
            get_dict(doc, catalog, b"Names").and_then(|n| get_dict(doc, n, b"EmbeddedFiles"))
        {
            if let Some(names) = get_array(doc, ef_tree, b"Names") {
                for pair in names.chunks(2) {
                    if let [key_obj @ Object::String(key, _), value] = pair {
                        if objects::text_of(key_obj).as_deref() != Some(file_name) {
                            entries.push((key.clone(), value.clone()));
                        }
                    }
                }
            }
        }
    }
    entries.push((file_name.as_bytes().to_vec(), Object::Reference(spec_id)));
    // Name tree keys are sorted by byte order (PDF 32000-1, 7.9.6).
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let names: Vec<Object> = entries
        .into_iter()
        .flat_map(|(k, v)| [Object::String(k, lopdf::StringFormat::Literal), v])
        .collect();
    let mut tree = Dictionary::new();
    tree.set("Names", Object::Array(names));

    let names_dict = dict_of(doc, catalog_id)
        .and_then(|c| get_dict(doc, c, b"Names"))
        .cloned()
        .unwrap_or_default();
    let mut names_dict = names_dict;
    names_dict.set("EmbeddedFiles", Object::Dictionary(tree));
    let mut af: Vec<Object> = dict_of(doc, catalog_id)
        .and_then(|c| get_array(doc, c, b"AF"))
        .cloned()
        .unwrap_or_default();
    af.retain(|o| {
        o.as_reference()
            .ok()
            .and_then(|id| dict_of(doc, id))
            .and_then(|d| {
                objects::get_text(doc, d, b"UF").or_else(|| objects::get_text(doc, d, b"F"))
            })
            .as_deref()
            != Some(file_name)
    });
    af.push(Object::Reference(spec_id));
    if let Some(catalog) = dict_of_mut(doc, catalog_id) {
        catalog.set("Names", Object::Dictionary(names_dict));
        catalog.set("AF", Object::Array(af));
    }
}

/// Why an attachment could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentError {
    Missing,
    Damaged,
    TooLarge,
}

/// The bytes of the embedded file named `file_name`, decompressed to at
/// most `max_bytes`. Looks in the `/EmbeddedFiles` name tree, then in `/AF`.
pub fn read(doc: &Document, file_name: &str, max_bytes: usize) -> Result<Vec<u8>, AttachmentError> {
    let spec = find_spec(doc, file_name).ok_or(AttachmentError::Missing)?;
    let ef = get_dict(doc, spec, b"EF").ok_or(AttachmentError::Missing)?;
    let stream_obj = ef
        .get(b"UF")
        .or_else(|_| ef.get(b"F"))
        .map_err(|_| AttachmentError::Missing)?;
    let stream = match objects::resolve(doc, stream_obj) {
        Some(Object::Stream(s)) => s,
        _ => return Err(AttachmentError::Damaged),
    };
    super::parse::decode(stream, max_bytes).map_err(|e| match e {
        super::parse::DecodeError::TooLarge => AttachmentError::TooLarge,
        _ => AttachmentError::Damaged,
    })
}

fn find_spec<'a>(doc: &'a Document, file_name: &str) -> Option<&'a Dictionary> {
    let catalog = doc.catalog().ok()?;
    if let Some(tree) =
        get_dict(doc, catalog, b"Names").and_then(|n| get_dict(doc, n, b"EmbeddedFiles"))
    {
        let mut seen = BTreeSet::new();
        if let Some(spec) = search_tree(doc, tree, file_name, 0, &mut seen) {
            return Some(spec);
        }
    }
    // Files listed only as associated files.
    get_array(doc, catalog, b"AF")?
        .iter()
        .take(MAX_NAME_TREE_NODES)
        .find_map(|o| {
            let d = objects::as_dict(doc, o)?;
            let n = objects::get_text(doc, d, b"UF").or_else(|| objects::get_text(doc, d, b"F"))?;
            (n == file_name).then_some(d)
        })
}

fn search_tree<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    file_name: &str,
    depth: usize,
    seen: &mut BTreeSet<ObjectId>,
) -> Option<&'a Dictionary> {
    if depth > MAX_NAME_TREE_DEPTH || seen.len() > MAX_NAME_TREE_NODES {
        return None;
    }
    if let Some(names) = get_array(doc, node, b"Names") {
        for pair in names.chunks(2).take(MAX_NAME_TREE_NODES) {
            if let [key, value] = pair {
                if objects::resolve(doc, key)
                    .and_then(objects::text_of)
                    .as_deref()
                    == Some(file_name)
                {
                    return objects::as_dict(doc, value);
                }
            }
        }
    }
    for kid in get_array(doc, node, b"Kids")?
        .iter()
        .take(MAX_NAME_TREE_NODES)
    {
        let Ok(id) = kid.as_reference() else { continue };
        if !seen.insert(id) {
            continue;
        }
        if let Some(found) =
            dict_of(doc, id).and_then(|d| search_tree(doc, d, file_name, depth + 1, seen))
        {
            return Some(found);
        }
    }
    None
}
