//! The interface texts of one language: a flat map from key to text, read
//! from `assets/content/texts.<lang>.json`. Texts may hold `{name}`
//! placeholders that the caller fills.
//!
//! Parsed at run time by the native tools; the page gets them written into
//! its build as sorted tables, one for each [`Book`] ([`Texts::from_sorted`],
//! [`Texts::add_sorted`], made by [`super::Content::to_rust`]), so that it
//! holds no JSON of its own, and each wasm part of the page holds the texts
//! of its own pages.

use super::ContentError;
use crate::domain::form::{FieldId, Step};
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Texts(Repr);

#[derive(Debug, Clone)]
enum Repr {
    /// Parsed: sorted by key, each key once (a `BTreeMap` read them). Not
    /// a map itself, so that the page, which has only `Sorted` texts,
    /// holds no map code for them (cloning the content, `Piece::apply`).
    Parsed(Vec<(String, String)>),
    /// Tables sorted by key, each key once in all of them.
    Sorted(Vec<Table>),
}

/// A table of texts sorted by key, as [`super::Content::to_rust`] writes it.
pub type Table = &'static [(&'static str, &'static str)];

/// Which of the page's tables a text is written in, by the part of the page
/// that shows it (the page's `in_part!`): the first part's texts are in the
/// first wasm, the others in the part that shows them, so that the page
/// fetches them only when it shows such a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Book {
    /// What the first part shows: the frame, the company step (its
    /// fields' labels, hints and errors), the notices, the pages' titles.
    First,
    /// The landing, the FAQ and the not-found page (part `site`).
    Site,
    /// The other steps and the review (part `form`).
    Form,
    /// Both the site's and the form's pages (the downloads, a PDF's
    /// errors): with whichever of the two comes first.
    Pages,
    /// Not in the page at all (the prerendered page's own texts, which the
    /// native build writes into the HTML).
    None,
}

/// The errors that only the fields of the steps after the company step
/// have (`ErrorKind`: the activations, the dates, the tier, the boxes to
/// tick, the signatures, stamps and their images, the uploads): shown only
/// on those steps and the review. The company step's (and `error.required`,
/// `error.too_long`, which any field has) are the first part's.
const LATER_ERRORS: [&str; 8] = [
    "error.activations.",
    "error.date.",
    "error.tier.",
    "error.must_accept",
    "error.signature.",
    "error.stamp.",
    "error.image.",
    "error.upload.",
];

impl Book {
    pub const IN_PAGE: [Book; 4] = [Book::First, Book::Site, Book::Form, Book::Pages];

    /// The book of `key`, by its first segment (and the page titles, which
    /// the frame's step list and the document's title show, in the first).
    /// A text the page shows before its book is there is an error the page
    /// reports (`ui::state::AppState::t`), and fetches the book.
    pub fn of(key: &str) -> Book {
        if key.ends_with(".title") {
            return Book::First;
        }
        let head = key.split('.').next().unwrap_or(key);
        match head {
            "prerender" => Book::None,
            "landing" | "faq" | "notfound" | "resume" => Book::Site,
            "activations" | "conditions" | "mail" | "pad" | "review" | "send" | "signature"
            | "signing" | "stamp" | "support" | "upload" => Book::Form,
            "blank" | "download" => Book::Pages,
            "error" if key.starts_with("error.pdf.") => Book::Pages,
            "error" if LATER_ERRORS.iter().any(|p| key.starts_with(p)) => Book::Form,
            // A field's label and hint: with its step.
            "field" | "hint" => {
                let id = key.get(head.len() + 1..).unwrap_or("");
                match FieldId::ALL.iter().find(|f| f.id() == id) {
                    Some(f) if f.step() != Step::Company => Book::Form,
                    _ => Book::First,
                }
            }
            _ => Book::First,
        }
    }
}

impl Default for Texts {
    fn default() -> Texts {
        Texts(Repr::Parsed(Vec::new()))
    }
}

/// Equal when they hold the same keys and texts, however they were made.
impl PartialEq for Texts {
    fn eq(&self, other: &Texts) -> bool {
        self.pairs().eq(other.pairs())
    }
}

impl Eq for Texts {}

impl Texts {
    pub fn parse(json: &str, file: &'static str) -> Result<Texts, ContentError> {
        serde_json::from_str(json)
            .map(|m: BTreeMap<String, String>| Texts(Repr::Parsed(m.into_iter().collect())))
            .map_err(|e| ContentError::Json {
                file,
                message: e.to_string(),
            })
    }

    /// Texts from a table sorted by key, each key once (as
    /// [`super::Content::to_rust`] writes it); `None` if it is not.
    pub fn from_sorted(table: &'static [(&'static str, &'static str)]) -> Option<Texts> {
        table
            .windows(2)
            .all(|w| matches!(w, [(a, _), (b, _)] if a < b))
            .then_some(Texts(Repr::Sorted(vec![table])))
    }

    /// Adds the texts of `table`, sorted by key as in
    /// [`Texts::from_sorted`]: `false` (and nothing added) if it is not
    /// sorted, or if these texts were parsed. A table already added is not
    /// added twice.
    pub fn add_sorted(&mut self, table: Table) -> bool {
        let sorted = table
            .windows(2)
            .all(|w| matches!(w, [(a, _), (b, _)] if a < b));
        match &mut self.0 {
            Repr::Sorted(tables) if sorted => {
                if !tables.iter().any(|t| std::ptr::eq(*t, table)) {
                    tables.push(table);
                }
                true
            }
            Repr::Parsed(m) if sorted && m.is_empty() => {
                self.0 = Repr::Sorted(vec![table]);
                true
            }
            _ => false,
        }
    }

    /// The text for `key`; a missing key shows as the key itself so that a
    /// gap is visible rather than blank (the tests forbid gaps).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.lookup(key).unwrap_or(key)
    }

    /// The text for `key`, if these texts have it.
    pub fn lookup(&self, key: &str) -> Option<&str> {
        match &self.0 {
            Repr::Parsed(m) => m
                .binary_search_by(|(k, _)| k.as_str().cmp(key))
                .ok()
                .and_then(|i| m.get(i))
                .map(|(_, v)| v.as_str()),
            Repr::Sorted(tables) => tables.iter().find_map(|t| {
                t.binary_search_by(|(k, _)| (*k).cmp(key))
                    .ok()
                    .and_then(|i| t.get(i))
                    .map(|(_, v)| *v)
            }),
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.lookup(key).is_some()
    }

    /// Every key and its text, in the keys' order.
    pub fn pairs(&self) -> Box<dyn Iterator<Item = (&str, &str)> + '_> {
        match &self.0 {
            Repr::Parsed(m) => Box::new(m.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            Repr::Sorted(tables) => {
                let mut all: Vec<(&str, &str)> =
                    tables.iter().flat_map(|t| t.iter().copied()).collect();
                all.sort_unstable_by(|a, b| a.0.cmp(b.0));
                Box::new(all.into_iter())
            }
        }
    }

    /// Every key and its text of `book`, in the keys' order.
    pub fn book(&self, book: Book) -> Vec<(&str, &str)> {
        self.pairs().filter(|(k, _)| Book::of(k) == book).collect()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.pairs().map(|(k, _)| k)
    }
}
