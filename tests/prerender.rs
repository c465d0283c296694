//! The prerendered page (`rinnovo_core::prerender`): what `scripts/build` writes
//! into index.html. Its equality with the app's page is checked in the
//! browser (tests/e2e/prerender.spec.ts); here, what holds without one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
#![cfg(not(target_arch = "wasm32"))]

use rinnovo_core::content::{Content, Lang};
use rinnovo_core::prerender::{
    body, escape, insert, route_script, slugs, InsertError, MARK, PLACEHOLDER, ROUTE_PLACEHOLDER,
};

fn content() -> Content {
    Content::embedded().expect("the embedded content parses")
}

#[test]
fn the_placeholders_are_replaced_exactly_once() {
    let c = content();
    let index =
        format!("<html><head>{ROUTE_PLACEHOLDER}</head><body>\n{PLACEHOLDER}\n</body></html>");
    let html = insert(&index, &c).unwrap();
    assert!(!html.contains(PLACEHOLDER) && !html.contains(ROUTE_PLACEHOLDER));
    assert!(html.contains(&body(&c)));
    assert!(html.contains(&format!("<head>{}</head>", route_script())));
    assert_eq!(
        insert(&format!("{ROUTE_PLACEHOLDER}<body></body>"), &c),
        Err(InsertError::Placeholder(PLACEHOLDER, 0))
    );
    let twice = format!("{ROUTE_PLACEHOLDER}{PLACEHOLDER}{PLACEHOLDER}");
    assert_eq!(
        insert(&twice, &c),
        Err(InsertError::Placeholder(PLACEHOLDER, 2))
    );
    assert_eq!(
        insert(PLACEHOLDER, &c),
        Err(InsertError::Placeholder(ROUTE_PLACEHOLDER, 0))
    );
}

#[test]
fn the_real_index_html_has_each_placeholder_once() {
    let index =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/web/index.html")).unwrap();
    assert!(insert(&index, &content()).is_ok());
}

#[test]
fn every_faq_entry_and_landing_text_is_there_escaped() {
    let c = content();
    let html = body(&c);
    for f in &c.site.faq {
        assert!(html.contains(&escape(f.question.get(Lang::It))));
        assert!(html.contains(&escape(&c.site.fill(f.answer.get(Lang::It)))));
    }
    for key in [
        "landing.title",
        "landing.consequence",
        "blank.support_form",
        "prerender.noscript",
        "prerender.failed",
    ] {
        assert!(html.contains(&escape(c.texts(Lang::It).get(key))), "{key}");
    }
    // No placeholder is left unfilled.
    assert!(!html.contains("{contract_start}") && !html.contains("{old_contract_end}"));
}

#[test]
fn each_page_has_one_h1_and_ids_are_unique() {
    let html = body(&content());
    // Landing, FAQ and the six steps: one page each.
    assert_eq!(html.matches("<h1").count(), 8);
    let mut ids: Vec<&str> = html
        .match_indices(" id=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids in {ids:?}");
    // The top-level elements the app replaces are marked.
    assert_eq!(html.matches(MARK).count(), 5);
}

#[test]
fn escape_leaves_no_markup() {
    assert_eq!(
        escape(r#"<a href="x">'&'</a>"#),
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
    );
}

#[test]
fn every_prerendered_page_has_its_css_rule_and_is_known_to_the_route_script() {
    let html = body(&content());
    let css =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/main.css")).unwrap();
    let script = route_script();
    assert!(css.contains("html[data-route=\"\"] .pre-landing"));
    let pages: Vec<&str> = html
        .match_indices("<div class=\"pre-page\" id=\"/")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(pages, slugs());
    // The scripts list the slugs as JavaScript strings, unescaped.
    assert!(pages
        .iter()
        .all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase())));
    for slug in pages {
        let rule = format!("html[data-route=\"{slug}\"] [id=\"/{slug}\"]");
        assert!(css.contains(&rule), "style/main.css has no `{rule}`");
        assert!(script.contains(&format!("'{slug}'")), "{slug}");
    }
}

/// The company step's prerendered form, which a new customer types into
/// before the app is there: every field of the table, labelled, with the
/// attributes the app gives it (the e2e test holds the two equal in the
/// browser), in the company step's page, with no way to be sent.
#[test]
fn the_company_form_has_every_field_of_the_table_and_cannot_be_sent() {
    use rinnovo_core::domain::fields::COMPANY;
    let c = content();
    let html = body(&c);
    let page_start = html.find("id=\"/azienda\"").unwrap();
    let page_end = page_start + html[page_start..].find("id=\"/attivazioni\"").unwrap();
    let page = &html[page_start..page_end];
    let form_start = page
        .find("<form novalidate class=\"pre-form needs-js\">")
        .unwrap();
    let form = &page[form_start..page[form_start..].find("</form>").unwrap() + form_start];
    assert_eq!(form.matches("<input ").count(), COMPANY.len());
    for f in COMPANY {
        let id = f.id.id();
        let label = format!(
            "<label for=\"{id}\">{}",
            escape(c.texts(Lang::It).get(&format!("field.{id}")))
        );
        assert!(form.contains(&label), "{label}");
        let input = format!(
            "<input id=\"{id}\" name=\"{id}\" type=\"{}\"",
            f.input.input_type
        );
        assert!(form.contains(&input), "{input}");
        let autocomplete = format!("autocomplete=\"{}\"", f.input.autocomplete.unwrap_or("off"));
        let at = form.find(&input).unwrap();
        let tag = &form[at..at + form[at..].find('>').unwrap()];
        assert!(tag.contains(&autocomplete), "{tag}");
        assert_eq!(tag.contains(" required"), !f.kind.optional(), "{tag}");
    }
    // No submit that works, no action, no other page's form.
    assert!(!form.contains("action="));
    assert!(form.contains("<button type=\"submit\" class=\"primary\" disabled>"));
    assert_eq!(html.matches("<form").count(), 1);
    // Hidden when the app fills the step (a stored draft, a prepared link).
    let script = route_script();
    assert!(script.contains("dataset.filled"));
    assert!(script.contains("'#/oripan/'"));
    assert!(script.contains("'rinnovo.draft' in localStorage"));
}
