//! The page as static HTML, written into the built `index.html` at build time
//! (`rinnovo-prerender`, run by `scripts/build`), so that the landing and the
//! FAQ paint from the first bytes of HTML, before (and without) the wasm.
//!
//! The markup is the app's own for the same page in Italian (the landing
//! and the FAQ of `ui::pages`, the header and the footer of `ui::chrome`,
//! the blank-form links of `ui::downloads`, the resume box of
//! `ui::resume`), made from the same content files by the same text keys:
//! no sentence is written here. The app, once
//! started, replaces every element marked `data-prerender` with its live
//! view in the same task, so the browser never paints a mix of the two.
//! `tests/e2e/prerender.spec.ts` holds the two equal, element by element.
//!
//! Every page is in the document; CSS shows the one the URL's hash names
//! (the route script sets `<html data-route>` before the body is parsed;
//! without JavaScript, `:target`: the hash `#/faq` targets the element whose
//! id is `/faq`), and the landing when it names none. So a deep link paints its page (or, for a
//! step of the form, its heading and intro, and for the company step of a
//! new customer its form, which takes text before the app is there) at
//! once, and with JavaScript disabled the landing, the FAQ and the blank
//! PDFs still work.

use crate::content::{Content, Lang};
use crate::domain::fields::{CompanyField, Group, COMPANY};
use crate::jobs::Doc;

/// The id the app gives to each page's `<h1>` (`ui::dom::HEADING_ID`).
pub const HEADING_ID: &str = "page-title";

/// The attribute that marks the prerendered elements the app replaces.
pub const MARK: &str = "data-prerender";

/// The class of the company step's prerendered form (`Writer::company_form`),
/// whose fields the app takes over (`ui::dom::prerendered_typing`).
pub const FORM_CLASS: &str = "pre-form";

/// The hash routes of the steps and the review, with the key of their
/// title and of their intro (`ui::route::Route::slug` and `title_key`).
const STEP_PAGES: [(&str, &str, &str); 6] = [
    (COMPANY_SLUG, "company.title", "company.intro"),
    ("attivazioni", "activations.title", "activations.intro"),
    ("assistenza", "support.title", "support.intro"),
    ("firma", "signing.title", "signing.intro"),
    ("condizioni", "conditions.title", "conditions.intro"),
    ("riepilogo", "review.title", "review.intro"),
];

/// The steps of the overview on the landing, in order (`landing.step.<k>`),
/// for the app's landing and this one.
pub const OVERVIEW: [&str; 6] = [
    "company",
    "activations",
    "support",
    "signing",
    "conditions",
    "review",
];

/// `items` as the body of a JavaScript array of strings: `'a', 'b'`. For
/// the slugs only, which need no escaping (checked by the tests).
fn js_strings<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Escapes text for an HTML text node or a double-quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

struct Writer<'a> {
    content: &'a Content,
    html: String,
}

impl Writer<'_> {
    /// The Italian text of `key`, escaped.
    fn t(&self, key: &str) -> String {
        escape(self.content.texts(Lang::It).get(key))
    }

    /// The Italian text of `key` with the programme's dates and contacts.
    fn filled(&self, key: &str) -> String {
        escape(
            &self
                .content
                .site
                .fill(self.content.texts(Lang::It).get(key)),
        )
    }

    fn push(&mut self, s: &str) {
        self.html.push_str(s);
    }

    fn header(&mut self) {
        let app = self.t("app.name");
        let langs = self.t("lang.label");
        let skip = self.t("app.skip");
        self.push(&format!(
            "<a {MARK} class=\"skip-link\" href=\"#main\">{skip}</a>\
             <header {MARK} class=\"site-header\"><div class=\"bar\">\
             <a class=\"brand\" href=\"#/\"><span class=\"logo\" aria-hidden=\"true\">O</span><span>{app}</span></a>\
             <div class=\"langs needs-js\" role=\"group\" aria-label=\"{langs}\">\
             <button type=\"button\" class=\"lang\" lang=\"it\" aria-pressed=\"true\">Italiano</button>\
             <button type=\"button\" class=\"lang\" lang=\"en\" aria-pressed=\"false\">English</button>\
             </div></div>"
        ));
        self.step_indicator();
        self.push("</header>");
    }

    /// The app's step indicator (`ui::chrome`), hidden; the script after
    /// it shows it, with its current step, when the route is a step or the
    /// review, as it runs while the page is parsed, before the first paint,
    /// and again on every hash change until the app is there.
    fn step_indicator(&mut self) {
        let label = self.t("steps.label");
        self.push(&format!(
            "<nav class=\"steps\" aria-label=\"{label}\" hidden><ol>"
        ));
        for (i, (slug, _, _)) in STEP_PAGES.iter().enumerate() {
            let li = format!(
                "<li><a href=\"#/{slug}\"><span class=\"num\" aria-hidden=\"true\">{}</span>\
                 <span class=\"label\">{}</span></a></li>",
                i + 1,
                self.t(&format!("steps.{slug}")),
            );
            self.push(&li);
        }
        self.push(&format!(
            "</ol></nav><script>(() => {{ const nav = document.currentScript.previousElementSibling; \
             const steps = [{}]; const show = () => {{ \
             const at = steps.indexOf(document.documentElement.dataset.route); nav.hidden = at < 0; \
             nav.querySelectorAll('li').forEach((li, i) => {{ li.className = i === at ? 'current' : ''; \
             if (i === at) li.firstChild.setAttribute('aria-current', 'step'); \
             else li.firstChild.removeAttribute('aria-current'); }}); }}; \
             show(); addEventListener('hashchange', show); }})();</script>",
            js_strings(STEP_PAGES.iter().map(|(slug, _, _)| *slug))
        ));
    }

    fn blank_forms(&mut self, with_ids: bool) {
        let id = |s: &str| {
            if with_ids {
                format!(" id=\"{s}\"")
            } else {
                String::new()
            }
        };
        let labelled = if with_ids {
            " aria-labelledby=\"blank-title\""
        } else {
            ""
        };
        let (title, intro) = (self.t("blank.title"), self.t("blank.intro"));
        let link = |doc: Doc, key: &str| {
            format!(
                "<li><a href=\"{}\" download=\"{}\">{}</a></li>",
                doc.template().unwrap_or_default(),
                doc.blank_file_name(),
                self.t(key)
            )
        };
        let (support, conditions) = (
            link(Doc::SupportForm, "blank.support_form"),
            link(Doc::Conditions, "blank.conditions"),
        );
        self.push(&format!(
            "<section class=\"blank-forms\"{labelled}><h2{}>{title}</h2><p>{intro}</p><ul>\
             {support}{conditions}</ul></section>",
            id("blank-title")
        ));
    }

    fn resume(&mut self) {
        let (title, label, hint) = (
            self.t("resume.title"),
            self.t("resume.label"),
            self.t("resume.hint"),
        );
        // Reading a PDF needs the app: without JavaScript the box is hidden
        // (noscript.css).
        self.push(&format!(
            "<section class=\"resume upload needs-js\" aria-labelledby=\"resume-title\">\
             <h2 id=\"resume-title\">{title}</h2>\
             <label for=\"resume-pdf\" class=\"upload-label\">{label}</label>\
             <p class=\"hint\" id=\"resume-hint\">{hint}</p>\
             <input type=\"file\" id=\"resume-pdf\" accept=\"application/pdf,.pdf\" \
             aria-describedby=\"resume-hint resume-error\" aria-invalid=\"false\">\
             <p id=\"resume-error\" class=\"field-error\" aria-live=\"polite\"></p>\
             <p class=\"hint\" aria-live=\"polite\"></p>\
             </section>"
        ));
    }

    fn landing(&mut self) {
        let faq_first = self
            .content
            .site
            .faq
            .first()
            .map(|f| escape(f.answer.get(Lang::It)))
            .unwrap_or_default();
        self.push(&format!(
            "<div class=\"pre-page pre-landing\" id=\"/\">\
             <h1 id=\"{HEADING_ID}\" tabindex=\"-1\">{}</h1>\
             <p class=\"lead\">{}</p>\
             <div class=\"callout warn\"><h2>{}</h2><p>{}</p><p>{}</p></div>\
             <h2>{}</h2><p>{faq_first}</p><h2>{}</h2><ol class=\"overview\">",
            self.t("landing.title"),
            self.filled("landing.news"),
            self.t("landing.deadline_title"),
            self.filled("landing.deadline"),
            self.t("landing.consequence"),
            self.t("landing.why_title"),
            self.t("landing.steps_title"),
        ));
        for step in OVERVIEW {
            let li = format!("<li>{}</li>", self.t(&format!("landing.step.{step}")));
            self.push(&li);
        }
        let actions = format!(
            "</ol><p class=\"hint\">{}</p><div class=\"actions\">\
             <a class=\"button primary\" href=\"#/azienda\">{}</a>\
             <a class=\"button secondary\" href=\"#/faq\">{}</a></div>",
            self.t("landing.time"),
            self.t("landing.start"),
            self.t("landing.faq"),
        );
        self.push(&actions);
        self.blank_forms(true);
        self.resume();
        self.push("</div>");
    }

    fn faq(&mut self) {
        let title = self.t("faq.title");
        self.push(&format!(
            "<div class=\"pre-page\" id=\"/faq\"><h1 tabindex=\"-1\">{title}</h1><div class=\"faq\">"
        ));
        for f in &self.content.site.faq {
            let section = format!(
                "<section><h2>{}</h2><p>{}</p></section>",
                escape(f.question.get(Lang::It)),
                escape(&self.content.site.fill(f.answer.get(Lang::It))),
            );
            self.push(&section);
        }
        self.push("</div>");
        self.blank_forms(false);
        let start = format!(
            "<p><a class=\"button primary\" href=\"#/azienda\">{}</a></p></div>",
            self.t("landing.start")
        );
        self.push(&start);
    }

    /// A step's heading and intro, and what it needs to go on: the app (a
    /// line while it loads; an alert if it cannot load, which the loader
    /// fills in, `assets/loader.js`; without JavaScript, a line that says
    /// so).
    fn step_shells(&mut self) {
        for (slug, title, intro) in STEP_PAGES {
            // The company step's form (for a new customer) is not saved
            // until the app is there: its failure says so. The alert comes
            // before the form, where the customer typing sees it; empty, it
            // takes no room.
            let (form, failed) = if slug == COMPANY_SLUG {
                (self.company_form(), self.t("prerender.failed_company"))
            } else {
                (String::new(), self.t("prerender.failed"))
            };
            let shell = format!(
                "<div class=\"pre-page\" id=\"/{slug}\"><h1 tabindex=\"-1\">{}</h1>\
                 <p class=\"intro\">{}</p>\
                 <p class=\"field-error\" role=\"alert\" data-load-failed=\"{failed}\"></p>{form}\
                 <p class=\"hint needs-js loading\">{}</p>\
                 <p class=\"hint no-js\">{}</p></div>",
                self.t(title),
                self.t(intro),
                self.t("prerender.loading"),
                self.t("prerender.noscript"),
            );
            self.push(&shell);
        }
    }

    /// The company step's form, the app's own markup (`ui::steps` and
    /// `ui::field::TextField`, from the same field table), so that a new
    /// customer types from the first paint instead of waiting for the app:
    /// the app, once there, takes what was typed, the focus and the caret
    /// into its own fields (`ui::dom::replace_prerendered`). Shown only with
    /// JavaScript, and only when the app will not fill the step itself (a
    /// stored draft or a prepared link: the route script sets
    /// `<html data-filled>`). It has no way to be sent before the app is
    /// there: its "Continua" is disabled, and the page's CSP refuses every
    /// form submission (`form-action 'none'`).
    fn company_form(&self) -> String {
        let mut html = format!("<form novalidate class=\"{FORM_CLASS} needs-js\">");
        for group in [Group::Company, Group::Contacts, Group::Representative] {
            if group == Group::Representative {
                html.push_str("<datalist id=\"province\">");
                for p in &self.content.province {
                    html.push_str(&format!("<option value=\"{}\"></option>", escape(p)));
                }
                html.push_str("</datalist>");
            }
            html.push_str(&format!(
                "<fieldset><legend>{}</legend><div class=\"grid\">",
                self.t(group.legend_key())
            ));
            for field in COMPANY.iter().filter(|f| f.group == group) {
                html.push_str(&self.company_input(field));
            }
            html.push_str("</div></fieldset>");
        }
        html.push_str(&format!(
            "<div class=\"step-nav\"><a class=\"button secondary\" href=\"#/\">{}</a>\
             <button type=\"submit\" class=\"primary\" disabled>{}</button></div></form>",
            self.t("nav.back"),
            self.t("nav.continue")
        ));
        html
    }

    /// One field of [`Self::company_form`], as `TextField` renders it.
    fn company_input(&self, field: &CompanyField) -> String {
        let id = field.id.id();
        let input = field.input;
        let optional = field.kind.optional();
        let mut described = format!("{id}-error {id}-provided");
        let mut hint = String::new();
        if input.hint {
            described = format!("{id}-hint {described}");
            hint = format!(
                "<p class=\"hint\" id=\"{id}-hint\">{}</p>",
                self.t(&format!("hint.{id}"))
            );
        }
        let mut attrs = format!("id=\"{id}\" name=\"{id}\" type=\"{}\"", input.input_type);
        let optional_attr = |name: &str, value: Option<&str>| {
            value
                .map(|v| format!(" {name}=\"{}\"", escape(v)))
                .unwrap_or_default()
        };
        attrs.push_str(&optional_attr("inputmode", input.inputmode));
        attrs.push_str(&optional_attr(
            "autocomplete",
            Some(input.autocomplete.unwrap_or("off")),
        ));
        attrs.push_str(&optional_attr("autocapitalize", input.autocapitalize));
        attrs.push_str(" spellcheck=\"false\"");
        attrs.push_str(&optional_attr(
            "maxlength",
            input.maxlength.map(|m| m.to_string()).as_deref(),
        ));
        attrs.push_str(&optional_attr("list", input.list));
        if !optional {
            attrs.push_str(" required");
        }
        attrs.push_str(&format!(
            " aria-required=\"{}\" aria-invalid=\"false\" aria-describedby=\"{described}\"",
            !optional
        ));
        let optional_label = if optional {
            format!(
                "<span class=\"optional\">{}</span>",
                self.t("field.optional")
            )
        } else {
            String::new()
        };
        format!(
            "<div class=\"field {}\"><label for=\"{id}\">{}{optional_label}</label>{hint}\
             <input {attrs}><p class=\"provided\" id=\"{id}-provided\"></p>\
             <p class=\"field-error\" id=\"{id}-error\" aria-live=\"polite\"></p></div>",
            if input.wide { "wide" } else { "" },
            self.t(&format!("field.{id}")),
        )
    }

    fn footer(&mut self) {
        let v = &self.content.site.vendor;
        let footer = format!(
            "<footer {MARK} class=\"site-footer\"><p class=\"privacy\">{}</p>\
             <div class=\"erase needs-js\"><button type=\"button\" class=\"secondary\">{}</button></div>\
             <nav aria-label=\"{}\"><a href=\"#/faq\">{}</a></nav>\
             <address>{} · {}<br><a href=\"mailto:{}\">{}</a> · PEC <a href=\"mailto:{}\">{}</a> · \
             <a href=\"tel:{}\">{}</a></address></footer>",
            self.t("footer.privacy"),
            self.t("erase.button"),
            self.t("footer.nav"),
            self.t("faq.title"),
            escape(&v.name),
            escape(&v.address),
            escape(&v.email),
            escape(&v.email),
            escape(&v.pec),
            escape(&v.pec),
            escape(&v.phone.replace(' ', "")),
            escape(&v.phone),
        );
        self.push(&footer);
    }
}

/// The body's prerendered markup: header, the pages in `<main>`, footer.
pub fn body(content: &Content) -> String {
    let mut w = Writer {
        content,
        html: String::with_capacity(16 * 1024),
    };
    w.header();
    w.push(&format!(
        "<main {MARK} id=\"main\"><div class=\"notice-slot\" role=\"status\" aria-live=\"polite\"></div>"
    ));
    w.landing();
    w.faq();
    w.step_shells();
    w.push("</main>");
    w.footer();
    // The app's announcer for screen readers (empty until it speaks).
    w.push(&format!(
        "<div {MARK} class=\"visually-hidden\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\"></div>"
    ));
    w.html
}

/// The slugs of the prerendered pages other than the landing: the FAQ and
/// the steps (`#/faq`, `#/azienda`, ...).
pub fn slugs() -> Vec<&'static str> {
    std::iter::once("faq")
        .chain(STEP_PAGES.iter().map(|(slug, _, _)| *slug))
        .collect()
}

/// Where the page keeps the interface's language (`ui`'s storage).
pub const LANG_STORAGE_KEY: &str = "rinnovo.lang";

/// The company step's slug, where a prepared link opens.
const COMPANY_SLUG: &str = "azienda";

/// A classic script for `<head>`: it runs before the body is parsed and sets
/// `<html data-route>` to the slug of the page to show, so that the very
/// first paint already shows it (CSS in style/main.css): the page the hash
/// names (the company step for a prepared link), or, on a bare URL, the
/// step a stored draft was left on (where the
/// app will take the user back), else "" for the landing. Again on every
/// hash change. CSS `:target` alone is set only once the target is parsed,
/// after a first paint of the landing that would then jump. Without
/// JavaScript the attribute is absent and `:target` does the job.
///
/// While the page loads it also keeps the focus in a field of the company
/// step's prerendered form ([`FORM_CLASS`]): when the document finishes
/// parsing, Chromium applies the URL's fragment (`#/azienda` names the
/// step's page, which is not focusable) by clearing the focus, and a key
/// typed then would be lost. A focus that leaves for nothing (no related
/// target), not after a tap, before the task after `DOMContentLoaded`, is
/// that one: it goes back to the field, which Blink honours over the
/// clearing.
pub fn route_script() -> String {
    // The step is read from the start of the stored JSON (`schema`, then
    // `step`, in `StoredDraft`'s order, compact or pretty-printed), not by
    // parsing a draft that may hold megabytes of images before the first
    // paint; anything else shows the landing, and the app still goes there.
    format!(
        "<script>(() => {{ const known = [{}]; \
         const slug = () => location.hash.replace(/^#\\/?/, '').replace(/\\/$/, '').replace(/^{}.*/, '{}'); \
         const set = (s) => {{ document.documentElement.dataset.route = known.includes(s) ? s : ''; }}; \
         let first = slug(); \
         if (!location.hash) {{ try {{ const m = (localStorage.getItem('{}') || '').slice(0, 200)\
         .match(/^\\s*\\{{\\s*\"schema\"\\s*:\\s*\\d+\\s*,\\s*\"step\"\\s*:\\s*\"([a-z]*)\"/); \
         if (m) first = m[1]; }} catch (e) {{}} }} \
         set(first); \
         try {{ if (location.hash.startsWith('{}') || '{}' in localStorage || /en/.test(localStorage.getItem('{}') || '')) document.documentElement.dataset.filled = ''; }} catch (e) {{}} \
         addEventListener('hashchange', () => set(slug())); \
         let loading = true; let tapped = -1e9; \
         addEventListener('DOMContentLoaded', () => setTimeout(() => {{ loading = false; }})); \
         addEventListener('pointerdown', () => {{ tapped = performance.now(); }}, true); \
         addEventListener('focusout', (e) => {{ const f = e.target; \
         if (loading && !e.relatedTarget && performance.now() - tapped > 500 && f.isConnected && f.closest && f.closest('.{FORM_CLASS}')) f.focus(); }}, true); }})();</script>",
        js_strings(slugs()),
        // A prepared link opens the company step.
        crate::link::FRAGMENT_PREFIX
            .trim_start_matches("#/")
            .replace('/', "\\/"),
        COMPANY_SLUG,
        crate::domain::draft::STORAGE_KEY,
        // The company step's prerendered form is for a new customer: a
        // stored draft or a prepared link fill the step when the app is
        // there (`Writer::company_form`).
        crate::link::FRAGMENT_PREFIX,
        crate::domain::draft::STORAGE_KEY,
        // An English visitor's step comes in English, with the app.
        LANG_STORAGE_KEY,
    )
}

/// Where the markup goes in Trunk's `index.html`.
pub const PLACEHOLDER: &str = "<!-- prerender -->";
/// Where the route script goes, in `<head>`.
pub const ROUTE_PLACEHOLDER: &str = "<!-- prerender-route -->";

/// Why the markup could not be put into `index.html`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InsertError {
    /// A placeholder missing, or there more than once.
    #[error("index.html must hold exactly one `{0}`, it holds {1}")]
    Placeholder(&'static str, usize),
}

/// `index` with its placeholders replaced by the route script and the
/// prerendered body.
pub fn insert(index: &str, content: &Content) -> Result<String, InsertError> {
    for p in [ROUTE_PLACEHOLDER, PLACEHOLDER] {
        let n = index.matches(p).count();
        if n != 1 {
            return Err(InsertError::Placeholder(p, n));
        }
    }
    Ok(index
        .replacen(ROUTE_PLACEHOLDER, &route_script(), 1)
        .replacen(PLACEHOLDER, &body(content), 1))
}
