//! The words of the PDF templates (`assets/templates/etichette.it.json`),
//! and [`PdfTexts`]: all a filled PDF takes from the content, resolved.
//!
//! The PDF worker must not parse JSON: serde_json and serde's derived
//! code for the content's shapes were a fifth of its wasm. So
//! `rinnovo-documents`' build script makes the [`PdfTexts`] of the
//! embedded content with [`PdfTexts::new`] and writes it into the build
//! as Rust ([`PdfTexts::to_rust`]); a test holds that copy equal to one made
//! at run time.

use super::{Content, ContentError};
use crate::domain::form::Rules;
use crate::domain::ids::ActivationBounds;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The template labels as checked in.
pub const LABELS_JSON: &str = include_str!("../../../../assets/templates/etichette.it.json");

/// The template labels, with the content's placeholders filled.
pub struct Labels<'a> {
    map: BTreeMap<String, String>,
    content: &'a Content,
}

impl<'a> Labels<'a> {
    pub fn parse(json: &str, content: &'a Content) -> Result<Labels<'a>, ContentError> {
        let map = serde_json::from_str(json).map_err(|e| ContentError::Json {
            file: "etichette.it.json",
            message: e.to_string(),
        })?;
        Ok(Labels { map, content })
    }

    /// The label, placeholders filled; a missing key shows as itself.
    pub fn get(&self, key: &str) -> String {
        let raw = self.map.get(key).map(String::as_str).unwrap_or(key);
        let v = &self.content.site.vendor;
        self.content
            .site
            .fill(raw)
            .replace("{vendor_address}", &v.address)
            .replace("{vendor_vat}", &v.vat)
    }

    /// "Pagina {n} di {m}" for page `n` of `m`.
    pub fn page(&self, n: usize, m: usize) -> String {
        page(&self.get("page"), n, m)
    }
}

fn page(pattern: &str, n: usize, m: usize) -> String {
    pattern
        .replace("{n}", &n.to_string())
        .replace("{m}", &m.to_string())
}

/// All a filled PDF takes from the content: the rules its draft is
/// validated by, and the words of its metadata and page numbers, with
/// every placeholder filled. Borrowed in the build-time copy, owned when
/// made from a [`Content`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfTexts<'a> {
    pub activations: ActivationBounds,
    pub province: Cow<'a, [&'a str]>,
    pub tier_ids: Cow<'a, [&'a str]>,
    /// The support form's title; the two documents in one PDF are titled
    /// "form — conditions".
    pub form_title: Cow<'a, str>,
    pub conditions_title: Cow<'a, str>,
    pub form_subject: Cow<'a, str>,
    pub conditions_subject: Cow<'a, str>,
    pub creator: Cow<'a, str>,
    pub producer: Cow<'a, str>,
    /// "Pagina {n} di {m}", the page's number and count left to fill.
    pub page: Cow<'a, str>,
}

impl<'a> PdfTexts<'a> {
    pub fn new(content: &'a Content) -> Result<PdfTexts<'a>, ContentError> {
        let labels = Labels::parse(LABELS_JSON, content)?;
        let label = |key: &str| Cow::Owned(labels.get(key));
        Ok(PdfTexts {
            activations: content.site.activations,
            province: content.province.iter().map(String::as_str).collect(),
            tier_ids: content.site.tiers.iter().map(|t| t.id.as_str()).collect(),
            form_title: label("form.title"),
            conditions_title: Cow::Borrowed(&content.conditions.title),
            form_subject: label("info.form_subject"),
            conditions_subject: label("info.conditions_subject"),
            creator: label("info.creator"),
            producer: label("info.producer"),
            page: label("page"),
        })
    }

    /// What validation needs.
    pub fn rules(&self) -> Rules<'_> {
        Rules {
            activations: self.activations,
            province: &self.province,
            tier_ids: &self.tier_ids,
        }
    }

    /// "Pagina n di m".
    pub fn page(&self, n: usize, m: usize) -> String {
        page(&self.page, n, m)
    }

    /// A Rust expression of these texts, all borrowed, for a `static`.
    pub fn to_rust(&self) -> String {
        // `{:?}` writes a str as a Rust literal, every character escaped
        // as Rust reads it back.
        let list = |items: &[&str]| {
            let items: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
            format!("::std::borrow::Cow::Borrowed(&[{}])", items.join(", "))
        };
        let text = |s: &str| format!("::std::borrow::Cow::Borrowed({s:?})");
        format!(
            "::rinnovo_core::content::PdfTexts {{\n    \
             activations: ::rinnovo_core::domain::ids::ActivationBounds {{ min: {}, max: {} }},\n    \
             province: {},\n    tier_ids: {},\n    form_title: {},\n    \
             conditions_title: {},\n    form_subject: {},\n    \
             conditions_subject: {},\n    creator: {},\n    producer: {},\n    \
             page: {},\n}}\n",
            self.activations.min,
            self.activations.max,
            list(&self.province),
            list(&self.tier_ids),
            text(&self.form_title),
            text(&self.conditions_title),
            text(&self.form_subject),
            text(&self.conditions_subject),
            text(&self.creator),
            text(&self.producer),
            text(&self.page),
        )
    }
}
