//! The vendor's content: every user-visible text, the dates, contacts,
//! support tiers, FAQ, general conditions and the province list. They live in
//! `assets/content/` so the web team edits them without touching Rust; this
//! module embeds them at build time and parses them into typed values.
//!
//! It must not hold any sentence itself: only the shapes of the content.

mod conditions;
mod labels;
mod rust;
mod texts;

pub use conditions::{Clause, Conditions};
pub use labels::{Labels, PdfTexts, LABELS_JSON};
pub use texts::{Book, Table, Texts};

use crate::domain::ids::{ActivationBounds, Date};
use serde::Deserialize;

/// The languages of the interface. The legal PDFs are always in Italian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    It,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::It, Lang::En];

    /// The BCP 47 tag, for `<html lang>` and for storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "it" => Some(Lang::It),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text given in every language of the interface.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized<T = String> {
    pub it: T,
    pub en: T,
}

impl<T> Localized<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::It => &self.it,
            Lang::En => &self.en,
        }
    }
}

/// The vendor's identity and contacts, shown on the page and in the PDFs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    pub name: String,
    pub address: String,
    pub vat: String,
    pub email: String,
    pub pec: String,
    pub phone: String,
    pub website: String,
}

/// The dates of the programme, as ISO `YYYY-MM-DD` in the content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dates {
    pub contract_start: Date,
    pub old_contract_end: Date,
}

/// One support tier ("a chiamata", SLA 1, SLA 2, ...).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Stable identifier: stored in drafts and used as the PDF export value.
    pub id: String,
    pub name: Localized,
    /// Guaranteed response time; `None` for on-call support.
    pub response_hours: Option<u32>,
    pub summary: Localized,
    pub response: Localized,
    pub updates: Localized,
    pub best_for: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqEntry {
    pub question: Localized,
    /// May contain `{old_contract_end}` and `{contract_start}` placeholders.
    pub answer: Localized,
}

/// A clause of the general conditions that needs the specific written
/// approval of articles 1341 and 1342 c.c., with a one-line summary of what
/// it does: a grouped approval must let the signer see what each clause is
/// about, not only its number (Cass. 4126/2024).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnerousClause {
    /// The clause's number in `condizioni.it.md`, e.g. "8".
    pub number: String,
    /// What the clause does, in one line of Italian (the legal text's
    /// language).
    pub summary: String,
}

/// The most characters a clause's summary may have: one line, not a
/// paragraph.
pub const MAX_SUMMARY_CHARS: usize = 200;

/// Everything in `site.json`, parsed and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub vendor: Vendor,
    pub dates: Dates,
    pub activations: ActivationBounds,
    pub tiers: Vec<Tier>,
    pub faq: Vec<FaqEntry>,
    /// What to do after downloading; may contain `{pec}` and `{email}`.
    pub next_steps: Localized<Vec<String>>,
    /// The clauses of the general conditions that need the specific
    /// written approval of articles 1341 and 1342 c.c., each with its
    /// summary, in the order they are listed.
    pub onerous_clauses: Vec<OnerousClause>,
    /// Prepared links ([`crate::link`]), when the site takes them.
    pub links: Option<Links>,
}

/// The site's prepared links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// The page's address, which links start with.
    pub url: String,
    /// The Ed25519 public key that links are checked with; its private key
    /// is Oripan's, never in the build (`rinnovo-pdf keys new`).
    pub public_key: [u8; crate::link::PUBLIC_KEY_LEN],
}

/// All the content of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub site: Site,
    pub conditions: Conditions,
    pub province: Vec<String>,
    pub texts_it: Texts,
    pub texts_en: Texts,
}

/// What a wasm part of the page adds to the content it starts with
/// ([`Content::to_rust`] writes the page's `content()` and one function
/// for each piece): the texts of its books and what of `site.json` and the
/// conditions only its pages show. Added in the first part by
/// [`Piece::apply`], so that pieces that arrive in any order add up.
#[derive(Debug, Clone, Default)]
pub struct Piece {
    pub texts_it: Vec<Table>,
    pub texts_en: Vec<Table>,
    pub tiers: Option<Vec<Tier>>,
    pub faq: Option<Vec<FaqEntry>>,
    pub next_steps: Option<Localized<Vec<String>>>,
    pub onerous_clauses: Option<Vec<OnerousClause>>,
    pub conditions: Option<Conditions>,
}

impl Piece {
    /// Adds this piece to `content`: `false` if a table is not sorted, and
    /// that table is left out.
    pub fn apply(self, content: &mut Content) -> bool {
        let mut ok = true;
        for t in self.texts_it {
            ok &= content.texts_it.add_sorted(t);
        }
        for t in self.texts_en {
            ok &= content.texts_en.add_sorted(t);
        }
        let site = &mut content.site;
        if let Some(v) = self.tiers {
            site.tiers = v;
        }
        if let Some(v) = self.faq {
            site.faq = v;
        }
        if let Some(v) = self.next_steps {
            site.next_steps = v;
        }
        if let Some(v) = self.onerous_clauses {
            site.onerous_clauses = v;
        }
        if let Some(v) = self.conditions {
            content.conditions = v;
        }
        ok
    }
}

/// Why the content files could not be loaded: a defect of the build, caught
/// by the tests and by the build scripts that write the content into the
/// page and the worker (so neither can ship with it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    /// A content file is not JSON of the expected shape.
    #[error("{file}: {message}")]
    Json {
        /// The file's name.
        file: &'static str,
        /// serde_json's message, with line and column.
        message: String,
    },
    /// A date in `site.json` is not `YYYY-MM-DD`.
    #[error("site.json: bad date in {field}")]
    Date {
        /// The key that holds the date.
        field: &'static str,
    },
    /// The conditions are not in the expected Markdown shape.
    #[error("condizioni.it.md: {0}")]
    Conditions(String),
    /// `site.json` is JSON of the right shape but its values disagree.
    #[error("site.json: {0}")]
    Invalid(String),
}

/// The content files embedded below, from the repository's root: what a
/// build script that writes the content into a build reruns on.
pub const FILES: [&str; 5] = [
    "assets/content/site.json",
    "assets/content/condizioni.it.md",
    "assets/content/province.json",
    "assets/content/texts.it.json",
    "assets/content/texts.en.json",
];

pub const SITE_JSON: &str = include_str!("../../../../assets/content/site.json");
pub const CONDITIONS_MD: &str = include_str!("../../../../assets/content/condizioni.it.md");
pub const PROVINCE_JSON: &str = include_str!("../../../../assets/content/province.json");
pub const TEXTS_IT_JSON: &str = include_str!("../../../../assets/content/texts.it.json");
pub const TEXTS_EN_JSON: &str = include_str!("../../../../assets/content/texts.en.json");

impl Content {
    /// Parses the content embedded in this build.
    pub fn embedded() -> Result<Content, ContentError> {
        Content::embedded_with(
            Content::embedded_texts(Lang::It)?,
            Content::embedded_texts(Lang::En)?,
        )
    }

    /// The embedded interface texts of one language: a part of
    /// [`Content::embedded`].
    pub fn embedded_texts(lang: Lang) -> Result<Texts, ContentError> {
        match lang {
            Lang::It => Texts::parse(TEXTS_IT_JSON, "texts.it.json"),
            Lang::En => Texts::parse(TEXTS_EN_JSON, "texts.en.json"),
        }
    }

    /// The rest of the embedded content, with the texts given.
    pub fn embedded_with(texts_it: Texts, texts_en: Texts) -> Result<Content, ContentError> {
        let (site, conditions, province) =
            Content::parse_documents(SITE_JSON, CONDITIONS_MD, PROVINCE_JSON)?;
        Ok(Content {
            site,
            conditions,
            province,
            texts_it,
            texts_en,
        })
    }

    pub fn parse(
        site: &str,
        conditions: &str,
        province: &str,
        texts_it: &str,
        texts_en: &str,
    ) -> Result<Content, ContentError> {
        let (site, conditions, province) = Content::parse_documents(site, conditions, province)?;
        Ok(Content {
            site,
            conditions,
            province,
            texts_it: Texts::parse(texts_it, "texts.it.json")?,
            texts_en: Texts::parse(texts_en, "texts.en.json")?,
        })
    }

    /// `site.json`, the conditions and the provinces, checked together.
    fn parse_documents(
        site: &str,
        conditions: &str,
        province: &str,
    ) -> Result<(Site, Conditions, Vec<String>), ContentError> {
        let site = Site::parse(site)?;
        let conditions = Conditions::parse(conditions).map_err(ContentError::Conditions)?;
        if let Some(c) = site
            .onerous_clauses
            .iter()
            .find(|c| conditions.clause(&c.number).is_none())
        {
            return Err(ContentError::Invalid(format!(
                "onerous clause {:?} is not in condizioni.it.md",
                c.number
            )));
        }
        Ok((site, conditions, parse_province(province)?))
    }

    /// The clauses that need the specific approval, each with its summary,
    /// in the order `site.json` lists them. Parsing has checked that each
    /// one is in the conditions.
    pub fn onerous_clauses(&self) -> Vec<(&Clause, &str)> {
        self.site
            .onerous_clauses
            .iter()
            .filter_map(|o| Some((self.conditions.clause(&o.number)?, o.summary.trim())))
            .collect()
    }

    pub fn texts(&self, lang: Lang) -> &Texts {
        match lang {
            Lang::It => &self.texts_it,
            Lang::En => &self.texts_en,
        }
    }

    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.site.tiers.iter().find(|t| t.id == id)
    }
}

impl Site {
    pub fn parse(json: &str) -> Result<Site, ContentError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawDates {
            contract_start: String,
            old_contract_end: String,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawSite {
            vendor: Vendor,
            dates: RawDates,
            activations: ActivationBounds,
            tiers: Vec<Tier>,
            faq: Vec<FaqEntry>,
            next_steps: Localized<Vec<String>>,
            onerous_clauses: Vec<OnerousClause>,
            #[serde(default)]
            links: Option<RawLinks>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawLinks {
            url: String,
            public_key: String,
        }
        let raw: RawSite = serde_json::from_str(json).map_err(|e| ContentError::Json {
            file: "site.json",
            message: e.to_string(),
        })?;
        let date = |s: &str, field| Date::parse(s).map_err(|_| ContentError::Date { field });
        if raw.activations.min > raw.activations.max {
            return Err(ContentError::Invalid(
                "activations.min > activations.max".into(),
            ));
        }
        if raw.tiers.is_empty() {
            return Err(ContentError::Invalid("no support tiers".into()));
        }
        for (i, t) in raw.tiers.iter().enumerate() {
            let ok_id = !t.id.is_empty()
                && t.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !ok_id {
                return Err(ContentError::Invalid(format!(
                    "tier id {:?} must be lower-case letters, digits or _",
                    t.id
                )));
            }
            if raw.tiers.iter().take(i).any(|o| o.id == t.id) {
                return Err(ContentError::Invalid(format!(
                    "tier id {:?} repeated",
                    t.id
                )));
            }
        }
        if raw.onerous_clauses.is_empty() {
            return Err(ContentError::Invalid(
                "no clauses for the specific approval".into(),
            ));
        }
        for (i, c) in raw.onerous_clauses.iter().enumerate() {
            if raw
                .onerous_clauses
                .iter()
                .take(i)
                .any(|o| o.number == c.number)
            {
                return Err(ContentError::Invalid(format!(
                    "onerous clause {:?} listed twice",
                    c.number
                )));
            }
            let summary = c.summary.trim();
            if summary.is_empty() {
                return Err(ContentError::Invalid(format!(
                    "onerous clause {:?} has no summary",
                    c.number
                )));
            }
            if summary.contains(['\n', '\r']) || summary.chars().count() > MAX_SUMMARY_CHARS {
                return Err(ContentError::Invalid(format!(
                    "the summary of onerous clause {:?} is not one line of at most {MAX_SUMMARY_CHARS} characters",
                    c.number
                )));
            }
        }
        let links = match raw.links {
            None => None,
            Some(l) => Some(Links {
                public_key: crate::link::public_key(&l.public_key).map_err(|_| {
                    ContentError::Invalid("links.public_key is not 32 bytes of base64".into())
                })?,
                url: l.url,
            }),
        };
        Ok(Site {
            links,
            dates: Dates {
                contract_start: date(&raw.dates.contract_start, "dates.contract_start")?,
                old_contract_end: date(&raw.dates.old_contract_end, "dates.old_contract_end")?,
            },
            vendor: raw.vendor,
            activations: raw.activations,
            tiers: raw.tiers,
            faq: raw.faq,
            next_steps: raw.next_steps,
            onerous_clauses: raw.onerous_clauses,
        })
    }

    /// Replaces the `{placeholders}` that content texts may use with the
    /// programme's dates and the vendor's contacts.
    pub fn fill(&self, text: &str) -> String {
        text.replace("{old_contract_end}", &self.dates.old_contract_end.italian())
            .replace("{contract_start}", &self.dates.contract_start.italian())
            .replace("{pec}", &self.vendor.pec)
            .replace("{email}", &self.vendor.email)
            .replace("{phone}", &self.vendor.phone)
            .replace("{vendor}", &self.vendor.name)
    }
}

fn parse_province(json: &str) -> Result<Vec<String>, ContentError> {
    #[derive(Deserialize)]
    struct Raw {
        sigle: Vec<String>,
    }
    let raw: Raw = serde_json::from_str(json).map_err(|e| ContentError::Json {
        file: "province.json",
        message: e.to_string(),
    })?;
    Ok(raw.sigle)
}
