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
//! step of the form, its heading and intro) at once, and with JavaScript
//! disabled the landing, the FAQ and the blank PDFs still work.

/// The id the app gives to each page's `<h1>` (`ui::dom::HEADING_ID`).
pub const HEADING_ID: &str = "page-title";

/// The attribute that marks the prerendered elements the app replaces.
pub const MARK: &str = "data-prerender";

/// The hash routes of the steps and the review, with the key of their
/// title and of their intro (`ui::route::Route::slug` and `title_key`).
pub const STEP_PAGES: [(&str, &str, &str); 6] = [
    ("azienda", "company.title", "company.intro"),
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

/// The script after the prerendered step indicator (hidden): it shows it,
/// with its current step, when the route is a step or the review, as it
/// runs while the page is parsed, before the first paint, and again on
/// every hash change until the app is there.
pub fn step_script() -> String {
    format!(
        "(() => {{ const nav = document.currentScript.previousElementSibling; \
         const steps = [{}]; const show = () => {{ \
         const at = steps.indexOf(document.documentElement.dataset.route); nav.hidden = at < 0; \
         nav.querySelectorAll('li').forEach((li, i) => {{ li.className = i === at ? 'current' : ''; \
         if (i === at) li.firstChild.setAttribute('aria-current', 'step'); \
         else li.firstChild.removeAttribute('aria-current'); }}); }}; \
         show(); addEventListener('hashchange', show); }})();",
        js_strings(STEP_PAGES.iter().map(|(slug, _, _)| *slug))
    )
}

/// The slugs of the prerendered pages other than the landing: the FAQ and
/// the steps (`#/faq`, `#/azienda`, ...).
pub fn slugs() -> Vec<&'static str> {
    std::iter::once("faq")
        .chain(STEP_PAGES.iter().map(|(slug, _, _)| *slug))
        .collect()
}

/// A classic script for `<head>`: it runs before the body is parsed and sets
/// `<html data-route>` to the slug of the page to show, so that the very
/// first paint already shows it (CSS in style/main.css): the page the hash
/// names, or, on a bare URL, the step a stored draft was left on (where the
/// app will take the user back), else "" for the landing. Again on every
/// hash change. CSS `:target` alone is set only once the target is parsed,
/// after a first paint of the landing that would then jump. Without
/// JavaScript the attribute is absent and `:target` does the job.
pub fn route_script() -> String {
    // The step is read from the start of the stored JSON (`schema`, then
    // `step`, in `StoredDraft`'s order, compact or pretty-printed), not by
    // parsing a draft that may hold megabytes of images before the first
    // paint; anything else shows the landing, and the app still goes there.
    format!(
        "<script>(() => {{ const known = [{}]; \
         const slug = () => location.hash.replace(/^#\\/?/, '').replace(/\\/$/, ''); \
         const set = (s) => {{ document.documentElement.dataset.route = known.includes(s) ? s : ''; }}; \
         let first = slug(); \
         if (!location.hash) {{ try {{ const m = (localStorage.getItem('{}') || '').slice(0, 200)\
         .match(/^\\s*\\{{\\s*\"schema\"\\s*:\\s*\\d+\\s*,\\s*\"step\"\\s*:\\s*\"([a-z]*)\"/); \
         if (m) first = m[1]; }} catch (e) {{}} }} \
         set(first); addEventListener('hashchange', () => set(slug())); }})();</script>",
        js_strings(slugs()),
        crate::domain::draft::STORAGE_KEY,
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
/// prerendered `body` (`rinnovo_views::prerender::body`).
pub fn insert(index: &str, body: &str) -> Result<String, InsertError> {
    for p in [ROUTE_PLACEHOLDER, PLACEHOLDER] {
        let n = index.matches(p).count();
        if n != 1 {
            return Err(InsertError::Placeholder(p, n));
        }
    }
    Ok(index
        .replacen(ROUTE_PLACEHOLDER, &route_script(), 1)
        .replacen(PLACEHOLDER, body, 1))
}
