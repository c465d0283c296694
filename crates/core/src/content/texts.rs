//! The interface texts of one language: a flat map from key to text, read
//! from `assets/content/texts.<lang>.json`. Texts may hold `{name}`
//! placeholders that the caller fills.

use super::ContentError;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Texts(BTreeMap<String, String>);

impl Texts {
    pub fn parse(json: &str, file: &'static str) -> Result<Texts, ContentError> {
        serde_json::from_str(json)
            .map(Texts)
            .map_err(|e| ContentError::Json {
                file,
                message: e.to_string(),
            })
    }

    /// The text for `key`; a missing key shows as the key itself so that a
    /// gap is visible rather than blank (the tests forbid gaps).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map(String::as_str).unwrap_or(key)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}
