//! The content as Rust source ([`Content::to_rust`]), for the page: its
//! build script writes it into the build, so the page starts with its
//! content made, and holds neither the content's JSON nor the code that
//! parses it (serde's derived code for the site's structs, the texts' map).
//! The build script parses and checks the content first
//! ([`Content::embedded`]), so a bad content file fails the build, not the
//! page; `tests/content.rs` holds the copy equal to the parsed content.

use super::{Book, Content, Localized};
use std::fmt::Write;

/// A Rust string literal: `{:?}` escapes every character as Rust reads it
/// back.
fn lit(text: &str) -> String {
    format!("{text:?}")
}

fn localized(l: &Localized) -> String {
    format!("l({}, {})", lit(&l.it), lit(&l.en))
}

fn strings(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| format!("s({})", lit(s))).collect();
    format!("vec![{}]", items.join(", "))
}

fn table(pairs: &[(&str, &str)]) -> String {
    let mut out = String::from("&[\n");
    for (k, v) in pairs {
        let _ = writeln!(out, "    ({}, {}),", lit(k), lit(v));
    }
    out.push(']');
    out
}

/// The name of the static table of `book`'s texts in `lang`.
fn table_name(lang: &str, book: Book) -> String {
    format!("TEXTS_{lang}_{book:?}").to_uppercase()
}

impl Content {
    /// Rust source that defines `pub fn content() -> Content`, the
    /// content the page starts with, and the pieces its wasm parts add
    /// (`site_piece`, `form_piece`, `english_piece`, [`super::Piece`]):
    /// together equal to `self`. The texts are sorted static tables, one
    /// for each [`Book`] and language, the rest is built from string
    /// literals, each in the function of the piece that shows it, so that
    /// the page's build puts it in that part's wasm.
    pub fn to_rust(&self) -> String {
        let site = &self.site;
        let v = &site.vendor;
        let mut out = String::from(
            "// Written by the build script from assets/content \
             (rinnovo_core::content::Content::to_rust): not to be edited.\n\
             #[inline(never)]\n\
             fn s(text: &'static str) -> ::std::string::String {\n    \
             ::std::string::String::from(text)\n}\n\
             #[inline(never)]\n\
             fn l(it: &'static str, en: &'static str) -> ::rinnovo_core::content::Localized {\n    \
             ::rinnovo_core::content::Localized { it: s(it), en: s(en) }\n}\n",
        );
        for book in Book::IN_PAGE {
            for (lang, texts) in [("it", &self.texts_it), ("en", &self.texts_en)] {
                let _ = writeln!(
                    out,
                    "static {}: ::rinnovo_core::content::Table = {};",
                    table_name(lang, book),
                    table(&texts.book(book))
                );
            }
        }
        let province: Vec<String> = self.province.iter().map(|p| lit(p)).collect();
        let _ = writeln!(
            out,
            "static PROVINCE: &[&str] = &[{}];",
            province.join(", ")
        );
        let tiers: Vec<String> = site
            .tiers
            .iter()
            .map(|t| {
                format!(
                    "Tier {{ id: s({}), name: {}, response_hours: {:?}, summary: {}, response: {}, updates: {}, best_for: {} }}",
                    lit(&t.id),
                    localized(&t.name),
                    t.response_hours,
                    localized(&t.summary),
                    localized(&t.response),
                    localized(&t.updates),
                    localized(&t.best_for),
                )
            })
            .collect();
        let faq: Vec<String> = site
            .faq
            .iter()
            .map(|f| {
                format!(
                    "FaqEntry {{ question: {}, answer: {} }}",
                    localized(&f.question),
                    localized(&f.answer)
                )
            })
            .collect();
        let onerous: Vec<String> = site
            .onerous_clauses
            .iter()
            .map(|c| {
                format!(
                    "OnerousClause {{ number: s({}), summary: s({}) }}",
                    lit(&c.number),
                    lit(&c.summary)
                )
            })
            .collect();
        let links = match &site.links {
            None => "None".to_string(),
            Some(l) => format!(
                "Some(Links {{ url: s({}), public_key: {:?} }})",
                lit(&l.url),
                l.public_key
            ),
        };
        let clauses: Vec<String> = self
            .conditions
            .clauses
            .iter()
            .map(|c| {
                format!(
                    "Clause {{ number: s({}), heading: s({}), paragraphs: {} }}",
                    lit(&c.number),
                    lit(&c.heading),
                    strings(&c.paragraphs)
                )
            })
            .collect();
        let date = |d: &crate::domain::ids::Date| {
            format!(
                "Date {{ year: {}, month: {}, day: {} }}",
                d.year, d.month, d.day
            )
        };
        let tier_ids: Vec<String> = site.tiers.iter().map(|t| lit(&t.id)).collect();
        let _ = writeln!(
            out,
            "/// The support tiers' ids, which the form's rules check in the first part.\n\
             pub static TIER_IDS: &[&str] = &[{}];",
            tier_ids.join(", ")
        );
        let tables = |lang: &str, books: &[Book]| -> String {
            let names: Vec<String> = books.iter().map(|b| table_name(lang, *b)).collect();
            format!("vec![{}]", names.join(", "))
        };
        let _ = write!(
            out,
            "/// The content the page starts with: what the first part shows.\n\
             pub fn content() -> ::rinnovo_core::content::Content {{\n    \
             use ::rinnovo_core::content::*;\n    \
             use ::rinnovo_core::domain::ids::{{ActivationBounds, Date}};\n    \
             Content {{\n        site: Site {{\n            \
             vendor: Vendor {{ name: s({}), address: s({}), vat: s({}), email: s({}), pec: s({}), phone: s({}), website: s({}) }},\n            \
             dates: Dates {{ contract_start: {}, old_contract_end: {} }},\n            \
             activations: ActivationBounds {{ min: {}, max: {} }},\n            \
             tiers: vec![],\n            faq: vec![],\n            \
             next_steps: Localized {{ it: vec![], en: vec![] }},\n            \
             onerous_clauses: vec![],\n            links: {},\n        }},\n        \
             conditions: Conditions {{ title: String::new(), clauses: vec![] }},\n        \
             province: PROVINCE.iter().map(|p| s(p)).collect(),\n        \
             texts_it: Texts::from_sorted({}).unwrap_or_default(),\n        \
             texts_en: Texts::default(),\n    }}\n}}\n",
            lit(&v.name),
            lit(&v.address),
            lit(&v.vat),
            lit(&v.email),
            lit(&v.pec),
            lit(&v.phone),
            lit(&v.website),
            date(&site.dates.contract_start),
            date(&site.dates.old_contract_end),
            site.activations.min,
            site.activations.max,
            links,
            table_name("it", Book::First),
        );
        let _ = write!(
            out,
            "#[inline(never)]\n\
             fn faq() -> ::std::vec::Vec<::rinnovo_core::content::FaqEntry> {{\n    \
             use ::rinnovo_core::content::*;\n    vec![{}]\n}}\n\
             /// What the site's part (landing, FAQ, not found) adds.\n\
             pub fn site_piece() -> ::rinnovo_core::content::Piece {{\n    \
             ::rinnovo_core::content::Piece {{ texts_it: {}, faq: Some(faq()), ..Default::default() }}\n}}\n\
             /// What the form's part (the steps after the first, the review) adds.\n\
             pub fn form_piece() -> ::rinnovo_core::content::Piece {{\n    \
             use ::rinnovo_core::content::*;\n    \
             Piece {{\n        texts_it: {},\n        \
             tiers: Some(vec![{}]),\n        faq: Some(faq()),\n        \
             next_steps: Some(Localized {{ it: {}, en: {} }}),\n        \
             onerous_clauses: Some(vec![{}]),\n        \
             conditions: Some(Conditions {{ title: s({}), clauses: vec![{}] }}),\n        \
             ..Default::default()\n    }}\n}}\n\
             /// Every English text, for a page in English.\n\
             pub fn english_piece() -> ::rinnovo_core::content::Piece {{\n    \
             ::rinnovo_core::content::Piece {{ texts_en: {}, ..Default::default() }}\n}}\n",
            faq.join(", "),
            tables("it", &[Book::Pages, Book::Site]),
            tables("it", &[Book::Pages, Book::Form]),
            tiers.join(", "),
            strings(&site.next_steps.it),
            strings(&site.next_steps.en),
            onerous.join(", "),
            lit(&self.conditions.title),
            clauses.join(", "),
            tables("en", &Book::IN_PAGE),
        );
        out
    }
}
