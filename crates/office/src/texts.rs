//! The office page's every sentence, in the interface's languages
//! (`rinnovo_core::content::Lang`: Italian, the default, and English):
//! `texts/it.json` and `texts/en.json`, built into the page. A text may
//! name values in braces (`{n}`), filled by [`Texts::fill`]. Plain data:
//! compiled and tested natively.

pub use rinnovo_core::content::Lang;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The language's own name, for its button.
pub fn own_name(lang: Lang) -> &'static str {
    match lang {
        Lang::It => "Italiano",
        Lang::En => "English",
    }
}

/// The texts of both languages.
pub struct Texts {
    it: BTreeMap<String, String>,
    en: BTreeMap<String, String>,
}

const IT: &str = include_str!("../texts/it.json");
const EN: &str = include_str!("../texts/en.json");

impl Texts {
    /// The built-in texts; a file that does not parse (a defect of the
    /// build, which the tests catch) leaves its language showing keys.
    pub fn get() -> &'static Texts {
        static TEXTS: OnceLock<Texts> = OnceLock::new();
        TEXTS.get_or_init(|| Texts {
            it: serde_json::from_str(IT).unwrap_or_default(),
            en: serde_json::from_str(EN).unwrap_or_default(),
        })
    }

    /// The text of `key`; the key itself if it has none.
    pub fn t(&self, lang: Lang, key: &str) -> String {
        let map = match lang {
            Lang::It => &self.it,
            Lang::En => &self.en,
        };
        map.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn fill(&self, lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(self.t(lang, key), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;

    fn map(json: &str) -> BTreeMap<String, String> {
        serde_json::from_str(json).unwrap()
    }

    fn placeholders(text: &str) -> Vec<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split('}').next())
            .collect()
    }

    #[test]
    fn both_languages_have_every_key_with_the_same_placeholders() {
        let (it, en) = (map(IT), map(EN));
        assert_eq!(it.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        for (key, text) in &it {
            assert!(!text.trim().is_empty(), "{key}");
            assert_eq!(placeholders(text), placeholders(&en[key]), "{key}");
        }
    }

    #[test]
    fn every_key_the_page_uses_exists() {
        let it = map(IT);
        let code = [
            include_str!("app.rs"),
            include_str!("table.rs"),
            include_str!("state.rs"),
            include_str!("reader.rs"),
        ]
        .concat();
        let mut used = 0;
        for part in code
            .split("t(\"")
            .skip(1)
            .chain(code.split("fill(\"").skip(1))
        {
            let key = part.split('"').next().unwrap();
            assert!(it.contains_key(key), "{key} is used but has no text");
            used += 1;
        }
        assert!(used > 20, "{used}");
    }

    #[test]
    fn every_id_the_engine_gives_has_a_text() {
        use rinnovo_cli::compare::Outcome;
        use rinnovo_cli::examine::{Signed, Verdict};
        let it = map(IT);
        let signed = [
            Signed::Digital,
            Signed::DigitalMissing,
            Signed::Image,
            Signed::Paper,
            Signed::Unknown,
            Signed::NotInFile,
        ]
        .map(|s| format!("signed.{}", s.id()));
        let verdicts = [
            Verdict::AsMade,
            Verdict::SignaturesAdded(1),
            Verdict::Changed,
            Verdict::PagesComplete,
            Verdict::PagesMissing,
            Verdict::Failed(String::new()),
        ]
        .map(|v| format!("verdict.{}", v.id()));
        let outcomes = [
            Outcome::UnknownCustomer,
            Outcome::Duplicate,
            Outcome::Fewer,
            Outcome::More,
            Outcome::Same,
            Outcome::LicencesUnknown,
            Outcome::ActivationsUnreadable,
        ]
        .map(|o| format!("compare.{}", o.id()));
        let failures =
            ["read", "too_large", "crashed", "timeout", "start"].map(|f| format!("failure.{f}"));
        for key in signed
            .iter()
            .chain(&verdicts)
            .chain(&outcomes)
            .chain(&failures)
        {
            assert!(it.contains_key(key), "{key} has no text");
        }
    }

    #[test]
    fn values_fill_their_places() {
        let t = Texts::get();
        assert_eq!(
            t.fill(Lang::En, "progress.text", &[("done", "3"), ("total", "50")]),
            "3 of 50 files read"
        );
        assert_eq!(t.t(Lang::It, "no.such.key"), "no.such.key");
    }
}
