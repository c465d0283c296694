//! The machine-readable copy of the form inside the PDF: an embedded file
//! (PDF 32000-1, 7.11.4) listed in the catalog's `/Names /EmbeddedFiles` and
//! in `/AF` with `/AFRelationship /Data` (PDF 2.0, 14.13), and the bounded
//! reading of it back.

use super::metadata::pdf_date;
use crate::pdf::objects::{self, ascii, dict_of, dict_of_mut, get_array, get_dict, name, text};
use crate::read::filter::{decode, DecodeError};
use crate::Date;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use miniz_oxide::deflate::compress_to_vec_zlib;
use std::collections::{BTreeMap, BTreeSet};

/// The deepest name tree walked when looking for the attachment.
const MAX_NAME_TREE_DEPTH: usize = 16;
/// The most name tree nodes visited.
const MAX_NAME_TREE_NODES: usize = 1_000;

/// A file to embed.
#[derive(Debug, Clone, Copy)]
pub struct Attachment<'a> {
    /// The file name (`/F` and `/UF`).
    pub file_name: &'a str,
    /// What the file holds, for people (`/Desc`).
    pub description: &'a str,
    /// Its MIME type, such as `application/json` (the embedded file's
    /// `/Subtype`).
    pub mime: &'a str,
    /// The file's bytes, stored Flate-compressed.
    pub bytes: &'a [u8],
    /// Its creation and modification date (`/Params`).
    pub date: Date,
}

/// Embeds a file as the document's data (`/AFRelationship /Data`),
/// replacing an attachment of the same name.
pub fn attach(doc: &mut Document, file: &Attachment<'_>) {
    let Attachment {
        file_name,
        description,
        mime,
        bytes,
        date,
    } = *file;
    let mut ef = Dictionary::new();
    ef.set("Type", name("EmbeddedFile"));
    ef.set("Subtype", name(mime));
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
    spec.set("Desc", text(description));
    spec.set("AFRelationship", name("Data"));
    spec.set("EF", Object::Dictionary(files));
    let spec_id = doc.add_object(spec);

    let Some(catalog_id) = crate::pdf::objects::catalog_id(doc) else {
        return;
    };
    // Keep every other attachment, from a flat tree or one with /Kids, the
    // first of any name given twice; the tree is written back flat, its keys
    // sorted by byte order (PDF 32000-1, 7.9.6).
    let mut entries: BTreeMap<Vec<u8>, Object> = BTreeMap::new();
    let mut whole = true;
    if let Some((root_id, root)) = embedded_files(doc) {
        let mut seen = BTreeSet::new();
        seen.extend(root_id);
        let end = walk_tree(doc, root, 0, &mut seen, &mut |key, value| {
            if let Object::String(k, _) = key {
                if objects::text_of(key).as_deref() != Some(file_name) {
                    entries.entry(k.clone()).or_insert_with(|| value.clone());
                }
            }
            false
        });
        whole = end == Walk::Done;
    }
    entries.insert(file_name.as_bytes().to_vec(), Object::Reference(spec_id));
    let names: Vec<Object> = entries
        .into_iter()
        .flat_map(|(k, v)| [Object::String(k, lopdf::StringFormat::Literal), v])
        .collect();
    let mut tree = Dictionary::new();
    tree.set("Names", Object::Array(names));

    let mut names_dict = dict_of(doc, catalog_id)
        .and_then(|c| get_dict(doc, c, b"Names"))
        .cloned()
        .unwrap_or_default();
    // A tree past the walk's limits is left as it is rather than cut: the
    // file is then found through /AF, which the reader looks at first.
    if whole {
        names_dict.set("EmbeddedFiles", Object::Dictionary(tree));
    }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentError {
    /// No embedded file of that name, or its file specification has no
    /// embedded file stream (`/EF`).
    #[error("the PDF has no such attachment")]
    Missing,
    /// The embedded file is not a stream, or its data cannot be decoded.
    #[error("the attachment is damaged")]
    Damaged,
    /// The embedded file decodes to more than the caller allows.
    #[error("the attachment is too large")]
    TooLarge,
}

impl From<DecodeError> for AttachmentError {
    fn from(e: DecodeError) -> Self {
        match e {
            DecodeError::TooLarge => AttachmentError::TooLarge,
            DecodeError::Damaged | DecodeError::Unsupported => AttachmentError::Damaged,
        }
    }
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
    Ok(decode(stream, max_bytes)?)
}

/// The catalog's `/Names /EmbeddedFiles` name tree, with its object id
/// when it is an indirect object.
fn embedded_files(doc: &Document) -> Option<(Option<ObjectId>, &Dictionary)> {
    let catalog = doc.catalog().ok()?;
    let names = get_dict(doc, catalog, b"Names")?;
    let id = names
        .get(b"EmbeddedFiles")
        .ok()
        .and_then(|o| o.as_reference().ok());
    Some((id, get_dict(doc, names, b"EmbeddedFiles")?))
}

/// The file specification named `file_name`: in `/AF` first (where
/// [`attach`] always lists it), then in the `/EmbeddedFiles` name tree.
fn find_spec<'a>(doc: &'a Document, file_name: &str) -> Option<&'a Dictionary> {
    let catalog = doc.catalog().ok()?;
    let in_af = get_array(doc, catalog, b"AF").and_then(|af| {
        af.iter().take(MAX_NAME_TREE_NODES).find_map(|o| {
            let d = objects::as_dict(doc, o)?;
            let n = objects::get_text(doc, d, b"UF").or_else(|| objects::get_text(doc, d, b"F"))?;
            (n == file_name).then_some(d)
        })
    });
    if in_af.is_some() {
        return in_af;
    }
    let (root_id, root) = embedded_files(doc)?;
    let mut found = None;
    let mut seen = BTreeSet::new();
    seen.extend(root_id);
    walk_tree(doc, root, 0, &mut seen, &mut |key, value| {
        if objects::text_of(key).as_deref() == Some(file_name) {
            found = objects::as_dict(doc, value);
        }
        found.is_some()
    });
    found
}

/// How a walk of a name tree ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Walk {
    /// Every entry visited.
    Done,
    /// The visitor asked to stop.
    Stopped,
    /// Some nodes lay past the depth or node limits and were not visited.
    Truncated,
}

/// Calls `visit` with each (resolved key, value) pair of a name tree
/// (PDF 32000-1, 7.9.6), leaves and `/Kids` alike (direct kids too, which
/// some producers write), each indirect node once, within fixed depth and
/// node limits; stops as soon as `visit` returns true.
fn walk_tree<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    depth: usize,
    seen: &mut BTreeSet<ObjectId>,
    visit: &mut dyn FnMut(&'a Object, &'a Object) -> bool,
) -> Walk {
    if depth > MAX_NAME_TREE_DEPTH || seen.len() > MAX_NAME_TREE_NODES {
        return Walk::Truncated;
    }
    if let Some(names) = get_array(doc, node, b"Names") {
        for pair in names.chunks(2) {
            if let [key, value] = pair {
                if let Some(key) = objects::resolve(doc, key) {
                    if visit(key, value) {
                        return Walk::Stopped;
                    }
                }
            }
        }
    }
    let Some(kids) = get_array(doc, node, b"Kids") else {
        return Walk::Done;
    };
    let mut end = Walk::Done;
    for kid in kids {
        let kid = match kid {
            Object::Reference(id) if seen.insert(*id) => dict_of(doc, *id),
            Object::Dictionary(d) => Some(d),
            _ => None,
        };
        let Some(kid) = kid else { continue };
        match walk_tree(doc, kid, depth + 1, seen, visit) {
            Walk::Stopped => return Walk::Stopped,
            Walk::Truncated => end = Walk::Truncated,
            Walk::Done => {}
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_file<'a>(file_name: &'a str, bytes: &'a [u8], date: Date) -> Attachment<'a> {
        Attachment {
            file_name,
            description: "Form data (JSON)",
            mime: "application/json",
            bytes,
            date,
        }
    }

    fn file_spec(doc: &mut Document, file_name: &str, body: &[u8]) -> Object {
        let ef = doc.add_object(Stream::new(Dictionary::new(), body.to_vec()));
        let mut files = Dictionary::new();
        files.set("F", Object::Reference(ef));
        let mut spec = Dictionary::new();
        spec.set("Type", name("Filespec"));
        spec.set("F", text(file_name));
        spec.set("EF", Object::Dictionary(files));
        Object::Reference(doc.add_object(spec))
    }

    fn key(s: &str) -> Object {
        Object::String(s.as_bytes().to_vec(), lopdf::StringFormat::Literal)
    }

    /// A document whose attachments sit in a name tree with two levels of
    /// /Kids, one of them twice, as some PDF producers write it.
    fn with_kids_tree() -> Document {
        let mut doc = Document::with_version("1.7");
        let a = file_spec(&mut doc, "allegato.txt", b"uno");
        let z = file_spec(&mut doc, "zeta.txt", b"due");
        let mut leaf_a = Dictionary::new();
        leaf_a.set("Names", Object::Array(vec![key("allegato.txt"), a]));
        leaf_a.set(
            "Limits",
            Object::Array(vec![key("allegato.txt"), key("allegato.txt")]),
        );
        let leaf_a = doc.add_object(leaf_a);
        let mut leaf_z = Dictionary::new();
        leaf_z.set("Names", Object::Array(vec![key("zeta.txt"), z]));
        let leaf_z = doc.add_object(leaf_z);
        let mut mid = Dictionary::new();
        mid.set(
            "Kids",
            Object::Array(vec![Object::Reference(leaf_z), Object::Reference(leaf_z)]),
        );
        let mid = doc.add_object(mid);
        let mut root = Dictionary::new();
        root.set(
            "Kids",
            Object::Array(vec![Object::Reference(leaf_a), Object::Reference(mid)]),
        );
        let mut names = Dictionary::new();
        names.set("EmbeddedFiles", Object::Dictionary(root));
        let mut catalog = Dictionary::new();
        catalog.set("Type", name("Catalog"));
        catalog.set("Names", Object::Dictionary(names));
        let catalog = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(catalog));
        doc
    }

    #[test]
    fn attaching_keeps_the_files_of_a_tree_with_kids() {
        let mut doc = with_kids_tree();
        assert_eq!(read(&doc, "zeta.txt", 100), Ok(b"due".to_vec()));
        let date = Date {
            year: 2026,
            month: 11,
            day: 25,
        };
        attach(&mut doc, &json_file("rinnovo-dati.json", b"{}", date));
        attach(
            &mut doc,
            &json_file("rinnovo-dati.json", b"{\"a\":1}", date),
        );
        assert_eq!(read(&doc, "allegato.txt", 100), Ok(b"uno".to_vec()));
        assert_eq!(read(&doc, "zeta.txt", 100), Ok(b"due".to_vec()));
        assert_eq!(
            read(&doc, "rinnovo-dati.json", 100),
            Ok(b"{\"a\":1}".to_vec())
        );
        // Written back flat, sorted by key, each name once.
        assert_eq!(
            tree_keys(&doc),
            ["allegato.txt", "rinnovo-dati.json", "zeta.txt"]
        );
        assert!(!embedded_files(&doc).unwrap().1.has(b"Kids"));
    }

    /// Every key of the document's name tree, in order, as written.
    fn tree_keys(doc: &Document) -> Vec<String> {
        let (_, tree) = embedded_files(doc).unwrap();
        get_array(doc, tree, b"Names")
            .unwrap()
            .chunks(2)
            .filter_map(|p| objects::text_of(&p[0]))
            .collect()
    }

    #[test]
    fn a_name_given_twice_or_a_direct_kid_is_kept_once() {
        let mut doc = with_kids_tree();
        let (_, root) = embedded_files(&doc).unwrap();
        let mut root = root.clone();
        let again = file_spec(&mut doc, "zeta.txt", b"tre");
        let extra = file_spec(&mut doc, "diretto.txt", b"quattro");
        let mut direct = Dictionary::new();
        direct.set(
            "Names",
            Object::Array(vec![key("diretto.txt"), extra, key("zeta.txt"), again]),
        );
        let mut kids = get_array(&doc, &root, b"Kids").unwrap().clone();
        kids.push(Object::Dictionary(direct));
        root.set("Kids", Object::Array(kids));
        let catalog = objects::catalog_id(&doc).unwrap();
        let mut names = Dictionary::new();
        names.set("EmbeddedFiles", Object::Dictionary(root));
        dict_of_mut(&mut doc, catalog)
            .unwrap()
            .set("Names", Object::Dictionary(names));
        attach(
            &mut doc,
            &json_file(
                "rinnovo-dati.json",
                b"{}",
                Date {
                    year: 2026,
                    month: 11,
                    day: 25,
                },
            ),
        );
        assert_eq!(
            tree_keys(&doc),
            [
                "allegato.txt",
                "diretto.txt",
                "rinnovo-dati.json",
                "zeta.txt"
            ]
        );
        // The first "zeta.txt" in the tree's order wins.
        assert_eq!(read(&doc, "zeta.txt", 100), Ok(b"due".to_vec()));
        assert_eq!(read(&doc, "diretto.txt", 100), Ok(b"quattro".to_vec()));
    }

    /// Points the catalog's tree at `root`, an indirect node.
    fn set_root(doc: &mut Document, root: ObjectId) {
        let catalog = objects::catalog_id(doc).unwrap();
        let mut names = Dictionary::new();
        names.set("EmbeddedFiles", Object::Reference(root));
        dict_of_mut(doc, catalog)
            .unwrap()
            .set("Names", Object::Dictionary(names));
    }

    #[test]
    fn a_name_tree_that_loops_back_to_its_root_is_walked_once() {
        let mut doc = with_kids_tree();
        let spec = file_spec(&mut doc, "solo.txt", b"1");
        let root_id = doc.new_object_id();
        let mut root = Dictionary::new();
        root.set("Names", Object::Array(vec![key("solo.txt"), spec]));
        root.set(
            "Kids",
            Object::Array(vec![Object::Reference(root_id), Object::Reference(root_id)]),
        );
        doc.objects.insert(root_id, Object::Dictionary(root));
        set_root(&mut doc, root_id);
        let (id, tree) = embedded_files(&doc).unwrap();
        let mut visits = 0;
        let end = walk_tree(&doc, tree, 0, &mut id.into_iter().collect(), &mut |_, _| {
            visits += 1;
            false
        });
        assert_eq!((end, visits), (Walk::Done, 1));
        attach(
            &mut doc,
            &json_file(
                "x",
                b"2",
                Date {
                    year: 2026,
                    month: 11,
                    day: 25,
                },
            ),
        );
        assert_eq!(tree_keys(&doc), ["solo.txt", "x"]);
        assert_eq!(read(&doc, "x", 100), Ok(b"2".to_vec()));
    }

    #[test]
    fn a_tree_past_the_limits_is_left_whole_and_the_file_found_through_af() {
        let mut doc = with_kids_tree();
        // A chain of kids deeper than the walk goes, an old copy of the
        // file at its bottom.
        let old = file_spec(&mut doc, "rinnovo-dati.json", b"vecchio");
        let mut node = Dictionary::new();
        node.set("Names", Object::Array(vec![key("rinnovo-dati.json"), old]));
        let mut id = doc.add_object(node);
        for _ in 0..=MAX_NAME_TREE_DEPTH {
            let mut parent = Dictionary::new();
            parent.set("Kids", Object::Array(vec![Object::Reference(id)]));
            id = doc.add_object(parent);
        }
        set_root(&mut doc, id);
        attach(
            &mut doc,
            &json_file(
                "rinnovo-dati.json",
                b"nuovo",
                Date {
                    year: 2026,
                    month: 11,
                    day: 25,
                },
            ),
        );
        let (root, _) = embedded_files(&doc).unwrap();
        assert_eq!(root, Some(id), "the tree is not rewritten");
        assert_eq!(read(&doc, "rinnovo-dati.json", 100), Ok(b"nuovo".to_vec()));
    }
}
