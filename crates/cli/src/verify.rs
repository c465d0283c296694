//! Whether a returned PDF is still the one Rinnovo made: `rinnovo-pdf
//! verify`.
//!
//! Three questions, each answered from the file alone:
//!
//! 1. **Is the first revision as Rinnovo made it?** Output is deterministic,
//!    so the draft attached to the first revision is filled again by this
//!    build, exactly as the app does (`rinnovo_documents::jobs`), and the
//!    result compared byte for byte. When the bytes differ, the file's `/ID`
//!    tells a file that another build of Rinnovo wrote, untouched since,
//!    from an edited one: Rinnovo's writer sets it to the MD5 of the file as
//!    written with a zero `/ID` (`acroform::write`), which any rewrite or
//!    edit of those bytes breaks. That seal finds edits made by tools, not
//!    forgery: anyone who knows the rule can compute it again; only the
//!    byte-for-byte comparison is strong.
//! 2. **What was added after it?** Each incremental update
//!    ([`crate::revisions`]) is compared, object by object, with the file
//!    before it, and named by what it changed: a digital signature (a
//!    signature dictionary whose `/ByteRange` covers the whole file up to
//!    that revision, with the signed field, its appearance, the form's
//!    `/SigFlags`, the validation data (`/DSS`) and the document's metadata);
//!    form or annotation changes (fields, widgets, annotations, their
//!    appearances, a page's `/Annots`); or other changes (page content,
//!    resources, the catalog, the attachment, anything else). Whether a
//!    signature is cryptographically valid is for a signature validator;
//!    this says what each revision touched.
//! 3. **Does the attached data still match what the pages show?** The pages
//!    (their content streams and every image and form XObject they draw,
//!    decoded) are compared with the pages this build makes from the data
//!    attached to the final file; when another build made the file, with the
//!    first revision's pages and data, which that build made from each
//!    other.
//!
//! Every read is bounded: the engine's loader for each revision, and a cap on
//! the bytes decoded per page.

use crate::revisions::{self, Revision};
use acroform::filter;
use acroform::objects::{dict_of, get_array, get_dict, get_name};
use lopdf::{Dictionary, Document, Object, ObjectId};
use md5::Md5;
use rinnovo_core::content::Content;
use rinnovo_core::domain::draft::SCHEMA_VERSION;
use rinnovo_core::jobs::{Doc, Job, Outcome};
use rinnovo_documents::ImportError;
use sha2::{Digest as _, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// The most bytes decoded to compare a document's pages, all streams
/// together.
const MAX_DECODED_BYTES: usize = 128 * 1024 * 1024;
/// How deep form XObjects nest inside a page, at most, when compared.
const MAX_XOBJECT_DEPTH: usize = 8;
/// The most objects whose kind is looked up from one revision to the next.
const MAX_CHANGED_OBJECTS: usize = 100_000;

/// Why a file could not be verified at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// No `startxref ... %%EOF` ends any part of the file.
    #[error("not a complete PDF: no revision ends with startxref and %%EOF")]
    NoRevision,
    /// A revision could not be read.
    #[error("revision {revision}: {error}")]
    Load {
        /// 1-based.
        revision: usize,
        /// Why.
        error: acroform::LoadError,
    },
    /// The content embedded in this build does not parse (a defect of the
    /// build).
    #[error("content: {0}")]
    Content(String),
}

/// What the first revision is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Original {
    /// Byte for byte what this build makes from its attached data.
    ThisBuild {
        /// Which document it is.
        doc: Doc,
    },
    /// Sealed by Rinnovo's writer and untouched since, but this build makes
    /// other bytes from its data: another version of the app made it.
    OtherBuild {
        /// Its `/Producer`.
        producer: Option<String>,
        /// The schema of its attached draft.
        schema: Option<u32>,
        /// Why this build could not check it byte for byte, when it could
        /// not even fill it: the data does not validate under this build's
        /// rules, or is of a newer schema.
        unfillable: Option<String>,
    },
    /// No readable Rinnovo data: not a renewal the app filled (a blank
    /// form, another program's PDF), or its attachment is damaged.
    NoData {
        /// Why, for people.
        why: String,
    },
    /// Neither made by this build nor sealed: edited, or rewritten by
    /// another tool, or not made by Rinnovo.
    Changed {
        /// Why this build could not fill its data, if it could not.
        unfillable: Option<String>,
    },
}

/// What one revision after the first changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Nothing: every object is as before.
    Nothing,
    /// A digital signature (or document timestamp) of `field`, covering the
    /// whole file up to the end of its revision.
    Signature {
        /// The signed field's full name, if found.
        field: Option<String>,
        /// A document timestamp (`/DocTimeStamp`) rather than a signature.
        timestamp: bool,
    },
    /// Fields, widgets, annotations or their appearances, and nothing else.
    Form {
        /// What changed, for people.
        what: Vec<String>,
    },
    /// Anything else.
    Other {
        /// What changed, for people.
        what: Vec<String>,
    },
}

impl Change {
    /// Whether Rinnovo expects this change in a returned contract.
    pub fn expected(&self) -> bool {
        matches!(self, Change::Nothing | Change::Signature { .. })
    }
}

/// Whether the attached data matches the pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    /// The pages are what this build makes from the attached data.
    Matches,
    /// Neither the data nor the pages changed since the first revision,
    /// which Rinnovo made from one another.
    Unchanged,
    /// They differ: `what` says where.
    Differs {
        /// For people.
        what: Vec<String>,
    },
    /// The final file has no readable data.
    Unreadable(String),
}

/// The answer for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The first revision's byte range (`0..end`).
    pub original_bytes: std::ops::Range<usize>,
    /// What the first revision is.
    pub original: Original,
    /// Each later revision, in order, with its byte range.
    pub added: Vec<(std::ops::Range<usize>, Change)>,
    /// Bytes after the last revision that are not white space.
    pub trailing: Option<std::ops::Range<usize>>,
    /// Whether the data matches the pages.
    pub data: Data,
}

impl Report {
    /// As Rinnovo made it (by this build or, sealed, by another), with at
    /// most digital signatures added, and data matching pages.
    pub fn intact(&self) -> bool {
        matches!(
            self.original,
            Original::ThisBuild { .. } | Original::OtherBuild { .. }
        ) && self.added.iter().all(|(_, c)| c.expected())
            && self.trailing.is_none()
            && matches!(self.data, Data::Matches | Data::Unchanged)
    }

    /// The report as lines for people.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let r = &self.original_bytes;
        let first = format!("revision 1 (bytes {}-{})", r.start, r.end);
        out.push(match &self.original {
            Original::ThisBuild { doc } => format!(
                "original: as Rinnovo made it: {first} is byte for byte what this build makes from its attached data ({})",
                doc_name(*doc)
            ),
            Original::OtherBuild {
                producer,
                schema,
                unfillable,
            } => {
                let mut why = Vec::new();
                if let Some(p) = producer {
                    why.push(format!("its producer is {p:?}"));
                }
                match schema {
                    Some(s) if *s != SCHEMA_VERSION => why.push(format!(
                        "its data is of schema {s}, this build writes schema {SCHEMA_VERSION}"
                    )),
                    _ => {}
                }
                if let Some(u) = unfillable {
                    why.push(u.clone());
                }
                let why = if why.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", why.join("; "))
                };
                format!(
                    "original: as Rinnovo made it, but made by another build: {first} is unchanged since Rinnovo wrote it (its /ID is the MD5 of its bytes), yet this build makes other bytes from its data: a newer or older version of the app, whose templates, content or PDF engine differ{why}; not checked byte for byte"
                )
            }
            Original::NoData { why } => format!(
                "original: not a renewal made by Rinnovo: {first} has no readable Rinnovo data ({why})"
            ),
            Original::Changed { unfillable } => {
                let why = unfillable
                    .as_ref()
                    .map(|u| format!(" ({u})"))
                    .unwrap_or_default();
                format!(
                    "original: not as Rinnovo made it: {first} is not what this build makes from its attached data, and its /ID no longer matches its bytes: it was edited or rewritten by another tool, or not made by Rinnovo{why}"
                )
            }
        });
        if self.added.is_empty() {
            out.push("revisions added after it: none".to_string());
        } else {
            out.push(format!("revisions added after it: {}", self.added.len()));
        }
        for (i, (range, change)) in self.added.iter().enumerate() {
            let what = match change {
                Change::Nothing => "no change to any object".to_string(),
                Change::Signature { field, timestamp } => {
                    let kind = if *timestamp {
                        "a document timestamp"
                    } else {
                        "a digital signature"
                    };
                    let field = field
                        .as_ref()
                        .map(|f| format!(" of field {f}"))
                        .unwrap_or_default();
                    format!("{kind}{field} (expected), covering the whole file up to it")
                }
                Change::Form { what } => {
                    format!("form or annotation changes: {}", what.join(", "))
                }
                Change::Other { what } => format!("other changes: {}", what.join(", ")),
            };
            out.push(format!(
                "revision {} (bytes {}-{}): {what}",
                i + 2,
                range.start,
                range.end
            ));
        }
        if let Some(t) = &self.trailing {
            out.push(format!(
                "after the last revision: {} bytes that are not part of any revision (bytes {}-{})",
                t.end - t.start,
                t.start,
                t.end
            ));
        }
        out.push(match &self.data {
            Data::Matches => {
                "attached data: matches what the pages show (this build draws the same pages from it)"
                    .to_string()
            }
            Data::Unchanged => "attached data: matches what the pages show (neither changed since Rinnovo made the file)".to_string(),
            Data::Differs { what } => format!(
                "attached data: does not match what the pages show: {}",
                what.join("; ")
            ),
            Data::Unreadable(why) => format!("attached data: {why}"),
        });
        out.push(if self.intact() {
            let signed = self
                .added
                .iter()
                .filter(|(_, c)| matches!(c, Change::Signature { .. }))
                .count();
            match signed {
                0 => "result: as Rinnovo made it".to_string(),
                1 => "result: as Rinnovo made it, with 1 digital signature added".to_string(),
                n => format!("result: as Rinnovo made it, with {n} digital signatures added"),
            }
        } else {
            "result: CHANGED after Rinnovo made it, or not made by Rinnovo (see above)".to_string()
        });
        out
    }
}

fn doc_name(doc: Doc) -> &'static str {
    match doc {
        Doc::SupportForm => "the support and maintenance form",
        Doc::Conditions => "the general conditions",
        Doc::Both => "both documents in one PDF",
    }
}

/// Verifies a file's bytes.
pub fn verify(bytes: &[u8]) -> Result<Report, VerifyError> {
    let content = Content::embedded().map_err(|e| VerifyError::Content(e.to_string()))?;
    let split = revisions::split(bytes);
    let revs = split.revisions;
    let first = *revs.first().ok_or(VerifyError::NoRevision)?;
    let load = |i: usize, r: &Revision| {
        acroform::load::load(bytes.get(..r.end).unwrap_or_default()).map_err(|error| {
            VerifyError::Load {
                revision: i + 1,
                error,
            }
        })
    };
    let first_bytes = bytes.get(..first.end).unwrap_or_default();
    let first_doc = load(0, &first)?;
    let first_json = rinnovo_documents::extract_json(first_bytes);

    // 1. The first revision, made again.
    let made = match &first_json {
        Ok(json) => fill_all(json, &content),
        Err(e) => Err(e.to_string()),
    };
    let this_build = made.as_ref().ok().and_then(|all| {
        all.iter()
            .find(|(_, pdf)| {
                pdf.as_slice() == first_bytes || Some(pdf.as_slice()) == bytes.get(..first.eof)
            })
            .map(|(doc, _)| *doc)
    });
    let unfillable = made.as_ref().err().cloned();
    let original = match (this_build, &first_json) {
        (Some(doc), _) => Original::ThisBuild { doc },
        (None, Err(e)) => Original::NoData { why: e.to_string() },
        (None, Ok(_)) if sealed(first_bytes, &first_doc) => Original::OtherBuild {
            producer: producer(&first_doc),
            schema: first_json.as_ref().ok().and_then(|j| schema_of(j)),
            unfillable,
        },
        (None, Ok(_)) => Original::Changed { unfillable },
    };

    // 2. Each revision after it.
    let mut added = Vec::new();
    let mut before = first_doc.clone();
    for (i, r) in revs.iter().enumerate().skip(1) {
        let after = load(i, r)?;
        added.push((r.start..r.end, change(&before, &after, r)));
        before = after;
    }
    let last_doc = before;

    // 3. The data against the pages.
    let data = match rinnovo_documents::extract_json(bytes) {
        Err(e) => Data::Unreadable(no_data(&e)),
        Ok(json) => {
            let pages = page_prints(&last_doc);
            // The same data as the first revision's: the PDFs made from it
            // already are.
            let again = match (&made, first_json.as_deref()) {
                (Ok(all), Ok(first)) if first == json => Ok(all.clone()),
                _ => fill_all(&json, &content),
            };
            let drawn_again = again.ok().and_then(|all| {
                all.into_iter()
                    .filter_map(|(_, pdf)| acroform::load::load(&pdf).ok())
                    .map(|d| page_prints(&d))
                    .find(|p| *p == pages)
            });
            let original_pages = page_prints(&first_doc);
            if drawn_again.is_some() {
                Data::Matches
            } else if matches!(
                original,
                Original::ThisBuild { .. } | Original::OtherBuild { .. }
            ) && first_json.as_deref().ok() == Some(json.as_str())
                && original_pages == pages
            {
                Data::Unchanged
            } else {
                let mut what = Vec::new();
                match &first_json {
                    Ok(j) if *j != json => {
                        what.push("the attached data was replaced after the first revision".into())
                    }
                    _ => {}
                }
                if original_pages != pages {
                    what.push(pages_changed(&original_pages, &pages));
                }
                if what.is_empty() {
                    what.push(
                        "this build draws other pages from the attached data than the file shows"
                            .into(),
                    );
                }
                Data::Differs { what }
            }
        }
    };

    Ok(Report {
        original_bytes: 0..first.end,
        original,
        added,
        trailing: split.trailing,
        data,
    })
}

fn no_data(e: &ImportError) -> String {
    match e {
        ImportError::NoAttachment => {
            "none: the file has no rinnovo-dati.json, so it was not made by Rinnovo".to_string()
        }
        other => format!("unreadable: {other}"),
    }
}

fn pages_changed(before: &[PagePrint], after: &[PagePrint]) -> String {
    if before.len() != after.len() {
        return format!(
            "the file had {} pages and now has {}",
            before.len(),
            after.len()
        );
    }
    let changed: Vec<String> = before
        .iter()
        .zip(after)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    format!(
        "what page {} shows changed after the first revision",
        changed.join(", ")
    )
}

/// Every document this build makes from the stored draft `json`, as the app
/// makes it; or why none can be made.
fn fill_all(json: &str, content: &Content) -> Result<Vec<(Doc, Vec<u8>)>, String> {
    let mut out = Vec::new();
    for doc in Doc::ALL {
        let job = Job::Fill {
            doc,
            draft: json.to_string(),
        };
        match rinnovo_documents::jobs::run(&job, &[], content) {
            (Outcome::Pdf { .. }, pdf) => out.push((doc, pdf)),
            (Outcome::Invalid, _) => {
                return Err("its data does not validate under this build's rules".into())
            }
            (Outcome::Error { key }, _) => {
                return Err(format!("this build cannot fill its data ({key})"))
            }
            (Outcome::Draft { .. }, _) => {}
        }
    }
    Ok(out)
}

/// The schema a stored draft declares, whether or not this build reads it.
fn schema_of(json: &str) -> Option<u32> {
    #[derive(serde::Deserialize)]
    struct Envelope {
        schema: u32,
    }
    serde_json::from_str::<Envelope>(json)
        .ok()
        .map(|e| e.schema)
}

fn producer(doc: &Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    acroform::objects::get_text(doc, dict_of(doc, info)?, b"Producer")
}

/// Whether the file's `/ID` is the MD5 of its bytes written with a zero
/// `/ID`, as Rinnovo's writer makes it.
fn sealed(bytes: &[u8], doc: &Document) -> bool {
    let Ok(Object::Array(id)) = doc.trailer.get(b"ID") else {
        return false;
    };
    let [Object::String(a, _), Object::String(b, _)] = id.as_slice() else {
        return false;
    };
    if a != b || a.len() != 16 {
        return false;
    }
    // The trailer is the last thing written before startxref.
    let Some(trailer_at) = rfind(bytes, b"trailer") else {
        return false;
    };
    let hex: String = a.iter().map(|b| format!("{b:02x}")).collect();
    let zero = [b'0'; 32];
    let mut zeroed = bytes.to_vec();
    let mut found = 0;
    let mut at = trailer_at;
    while let Some(i) = zeroed
        .get(at..)
        .and_then(|tail| tail.windows(34).position(|w| is_hex_string(w, &hex)))
    {
        let start = at + i + 1;
        if let Some(slot) = zeroed.get_mut(start..start + 32) {
            slot.copy_from_slice(&zero);
        }
        found += 1;
        at = start + 33;
    }
    found == 2 && Md5::digest(&zeroed).as_slice() == a.as_slice()
}

fn is_hex_string(w: &[u8], hex: &str) -> bool {
    w.first() == Some(&b'<')
        && w.last() == Some(&b'>')
        && w.get(1..33)
            .is_some_and(|h| h.eq_ignore_ascii_case(hex.as_bytes()))
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// A page's print: the SHA-256 of what it draws.
type PagePrint = [u8; 32];

/// What the pages show: per page, the digest of its content streams and of
/// the data of every XObject it draws (with form XObjects' own, nested),
/// decoded. Each stream is decoded once per document, and all of them
/// within [`MAX_DECODED_BYTES`]; past it, a stream's encoded bytes stand for
/// it (a rewritten file then no longer compares equal: a false alarm, never
/// a missed change).
fn page_prints(doc: &Document) -> Vec<PagePrint> {
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
fn change(before: &Document, after: &Document, r: &Revision) -> Change {
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
    use rinnovo_documents::renewal::SUPPORT_FORM_TEMPLATE;

    #[test]
    fn rinnovos_writer_seals_its_files_and_an_edit_breaks_the_seal() {
        let doc = acroform::load::load(SUPPORT_FORM_TEMPLATE).unwrap();
        assert!(sealed(SUPPORT_FORM_TEMPLATE, &doc));
        // One byte of a content stream changed, the file otherwise the same.
        let mut edited = SUPPORT_FORM_TEMPLATE.to_vec();
        let at = edited.windows(6).position(|w| w == b"stream").unwrap() + 20;
        edited[at] ^= 1;
        let doc = acroform::load::load(&edited).unwrap();
        assert!(!sealed(&edited, &doc));
    }

    #[test]
    fn a_blank_form_is_not_a_renewal() {
        let report = verify(SUPPORT_FORM_TEMPLATE).unwrap();
        assert!(
            matches!(report.original, Original::NoData { .. }),
            "{report:?}"
        );
        assert!(!report.intact());
        assert!(report.lines()[0].starts_with("original: not a renewal made by Rinnovo"));
    }

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

    #[test]
    fn not_a_pdf_is_an_error_not_a_panic() {
        assert_eq!(verify(b"hello").unwrap_err(), VerifyError::NoRevision);
        let err = verify(b"%PDF-1.7\nstartxref\n0\n%%EOF").unwrap_err();
        assert!(
            matches!(err, VerifyError::Load { revision: 1, .. }),
            "{err:?}"
        );
    }
}
