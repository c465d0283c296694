//! What the pages show, as one digest per page, to compare a file's pages
//! with the pages made again from its data.

use acroform::filter;
use acroform::objects::{dict_of, get_dict};
use lopdf::{Dictionary, Document, Object, ObjectId};
use sha2::{Digest as _, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// The most bytes decoded to compare a document's pages, all streams
/// together.
const MAX_DECODED_BYTES: usize = 128 * 1024 * 1024;
/// How deep form XObjects nest inside a page, at most, when compared.
const MAX_XOBJECT_DEPTH: usize = 8;

/// A page's print: the SHA-256 of what it draws.
pub(super) type PagePrint = [u8; 32];

/// What the pages show: per page, the digest of its content streams and of
/// the data of every XObject it draws (with form XObjects' own, nested),
/// decoded. Each stream is decoded once per document, and all of them
/// within [`MAX_DECODED_BYTES`]; past it, a stream's encoded bytes stand for
/// it (a rewritten file then no longer compares equal: a false alarm, never
/// a missed change).
pub(super) fn page_prints(doc: &Document) -> Vec<PagePrint> {
    let mut printer = Printer {
        doc,
        budget: MAX_DECODED_BYTES,
        cache: BTreeMap::new(),
    };
    acroform::fields::pages(doc)
        .into_iter()
        .map(|page| {
            let mut page_hash = Sha256::new();
            if let Some(d) = dict_of(doc, page) {
                for c in contents(doc, d) {
                    page_hash.update(printer.stream(c));
                }
            }
            let resources = acroform::flatten::page_resources(doc, page);
            printer.xobjects(&resources, 0, &mut BTreeSet::new(), &mut page_hash);
            page_hash.finalize().into()
        })
        .collect()
}

struct Printer<'a> {
    doc: &'a Document,
    /// Decoded bytes left.
    budget: usize,
    /// Each stream's digest, by object.
    cache: BTreeMap<ObjectId, [u8; 32]>,
}

impl Printer<'_> {
    /// The digest of a stream's decoded data.
    fn stream(&mut self, o: &Object) -> [u8; 32] {
        let id = o.as_reference().ok();
        if let Some(d) = id.and_then(|id| self.cache.get(&id)) {
            return *d;
        }
        let digest: [u8; 32] = match acroform::objects::resolve(self.doc, o) {
            Some(Object::Stream(s)) => match filter::decode(s, self.budget) {
                Ok(data) => {
                    self.budget = self.budget.saturating_sub(data.len());
                    Sha256::digest(&data).into()
                }
                // Undecodable (or an empty stream marked Flate, as qpdf
                // writes one): its bytes as they are.
                Err(_) => Sha256::digest(&s.content).into(),
            },
            _ => Sha256::digest(b"no stream").into(),
        };
        if let Some(id) = id {
            self.cache.insert(id, digest);
        }
        digest
    }

    fn xobjects(
        &mut self,
        resources: &Dictionary,
        depth: usize,
        seen: &mut BTreeSet<ObjectId>,
        page_hash: &mut Sha256,
    ) {
        let doc = self.doc;
        if depth > MAX_XOBJECT_DEPTH {
            return;
        }
        let Some(named) = get_dict(doc, resources, b"XObject") else {
            return;
        };
        // By name: a rewriting tool may reorder a dictionary's keys.
        let mut named: Vec<(&Vec<u8>, &Object)> = named.iter().collect();
        named.sort_by(|a, b| a.0.cmp(b.0));
        for (name, o) in named {
            page_hash.update(b"\0/");
            page_hash.update(name);
            if let Ok(id) = o.as_reference() {
                if !seen.insert(id) {
                    continue;
                }
            }
            page_hash.update(self.stream(o));
            let Some(Object::Stream(s)) = acroform::objects::resolve(doc, o) else {
                continue;
            };
            if let Ok(mask) = s.dict.get(b"SMask") {
                page_hash.update(self.stream(mask));
            }
            if let Some(inner) = get_dict(doc, &s.dict, b"Resources") {
                self.xobjects(inner, depth + 1, seen, page_hash);
            }
        }
    }
}

fn contents<'a>(doc: &'a Document, page: &'a Dictionary) -> Vec<&'a Object> {
    match page.get(b"Contents") {
        Ok(Object::Array(a)) => a.iter().collect(),
        Ok(o @ Object::Reference(_)) => match acroform::objects::resolve(doc, o) {
            Some(Object::Array(a)) => a.iter().collect(),
            _ => vec![o],
        },
        Ok(o) => vec![o],
        Err(_) => Vec::new(),
    }
}
