//! The interface texts of one language: a flat map from key to text, read
//! from `assets/content/texts.<lang>.json`. Texts may hold `{name}`
//! placeholders that the caller fills.
//!
//! Parsed at run time by the native tools; the page gets them written into
//! its build as a sorted table ([`Texts::from_sorted`], made by
//! [`super::Content::to_rust`]), so that it holds no JSON of its own.

use super::ContentError;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Texts(Repr);

#[derive(Debug, Clone)]
enum Repr {
    Parsed(BTreeMap<String, String>),
    /// Sorted by key, each key once.
    Sorted(&'static [(&'static str, &'static str)]),
}

impl Default for Texts {
    fn default() -> Texts {
        Texts(Repr::Parsed(BTreeMap::new()))
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
            .map(|m| Texts(Repr::Parsed(m)))
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
            .then_some(Texts(Repr::Sorted(table)))
    }

    /// The text for `key`; a missing key shows as the key itself so that a
    /// gap is visible rather than blank (the tests forbid gaps).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        match &self.0 {
            Repr::Parsed(m) => m.get(key).map(String::as_str).unwrap_or(key),
            Repr::Sorted(t) => t
                .binary_search_by(|(k, _)| (*k).cmp(key))
                .ok()
                .and_then(|i| t.get(i))
                .map_or(key, |(_, v)| v),
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        match &self.0 {
            Repr::Parsed(m) => m.contains_key(key),
            Repr::Sorted(t) => t.binary_search_by(|(k, _)| (*k).cmp(key)).is_ok(),
        }
    }

    /// Every key and its text, in the keys' order.
    pub fn pairs(&self) -> Box<dyn Iterator<Item = (&str, &str)> + '_> {
        match &self.0 {
            Repr::Parsed(m) => Box::new(m.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            Repr::Sorted(t) => Box::new(t.iter().copied()),
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.pairs().map(|(k, _)| k)
    }
}
