//! The content as Rust source ([`Content::to_rust`]), for the page: its
//! build script writes it into the build, so the page starts with its
//! content made, and holds neither the content's JSON nor the code that
//! parses it (serde's derived code for the site's structs, the texts' map).
//! The build script parses and checks the content first
//! ([`Content::embedded`]), so a bad content file fails the build, not the
//! page; `tests/content.rs` holds the copy equal to the parsed content.

use super::{Content, Localized};
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

fn table(texts: &super::Texts) -> String {
    let mut out = String::from("&[\n");
    for (k, v) in texts.pairs() {
        let _ = writeln!(out, "    ({}, {}),", lit(k), lit(v));
    }
    out.push(']');
    out
}

impl Content {
    /// Rust source that defines `pub fn content() -> Content`, equal to
    /// `self`: the texts as sorted static tables, the rest built from
    /// string literals.
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
        let _ = writeln!(
            out,
            "static TEXTS_IT: &[(&str, &str)] = {};",
            table(&self.texts_it)
        );
        let _ = writeln!(
            out,
            "static TEXTS_EN: &[(&str, &str)] = {};",
            table(&self.texts_en)
        );
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
        let _ = write!(
            out,
            "pub fn content() -> ::rinnovo_core::content::Content {{\n    \
             use ::rinnovo_core::content::*;\n    \
             use ::rinnovo_core::domain::ids::{{ActivationBounds, Date}};\n    \
             Content {{\n        site: Site {{\n            \
             vendor: Vendor {{ name: s({}), address: s({}), vat: s({}), email: s({}), pec: s({}), phone: s({}), website: s({}) }},\n            \
             dates: Dates {{ contract_start: {}, old_contract_end: {} }},\n            \
             activations: ActivationBounds {{ min: {}, max: {} }},\n            \
             tiers: vec![{}],\n            faq: vec![{}],\n            \
             next_steps: Localized {{ it: {}, en: {} }},\n            \
             onerous_clauses: vec![{}],\n            links: {},\n        }},\n        \
             conditions: Conditions {{ title: s({}), clauses: vec![{}] }},\n        \
             province: PROVINCE.iter().map(|p| s(p)).collect(),\n        \
             texts_it: Texts::from_sorted(TEXTS_IT).unwrap_or_default(),\n        \
             texts_en: Texts::from_sorted(TEXTS_EN).unwrap_or_default(),\n    }}\n}}\n",
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
            tiers.join(", "),
            faq.join(", "),
            strings(&site.next_steps.it),
            strings(&site.next_steps.en),
            onerous.join(", "),
            links,
            lit(&self.conditions.title),
            clauses.join(", "),
        );
        out
    }
}
