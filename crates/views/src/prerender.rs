//! The page as static HTML (natively, Leptos' `ssr`): the components of
//! [`crate::pages`] in Italian, with what only the prerendered page has
//! around them. `rinnovo_core::prerender` has the rest (the route script,
//! where the markup goes in `index.html`, why).

use crate::pages::{Faq, Footer, Landing, StepHeading};
use crate::texts::Tr;
use leptos::prelude::*;
use rinnovo_core::content::{Content, Lang};
use rinnovo_core::prerender::{step_script, STEP_PAGES};

/// The body's prerendered markup: header, the pages in `<main>`, footer.
pub fn body(content: &'static Content) -> String {
    let owner = Owner::new();
    let html = owner.with(|| {
        let tr = Tr {
            content,
            lang: RwSignal::new(Lang::It),
        };
        view! {
            <a data-prerender="" class="skip-link" href="#main">{tr.text("app.skip")}</a>
            <header data-prerender="" class="site-header">
                <div class="bar">
                    <a class="brand" href="#/">
                        <span class="logo" aria-hidden="true">"O"</span>
                        <span>{tr.text("app.name")}</span>
                    </a>
                    <div class="langs needs-js" role="group" aria-label=tr.text("lang.label")>
                        <button type="button" class="lang" lang="it" aria-pressed="true">"Italiano"</button>
                        <button type="button" class="lang" lang="en" aria-pressed="false">"English"</button>
                    </div>
                </div>
                <StepIndicator tr/>
            </header>
            <main data-prerender="" id="main">
                <div class="notice-slot" role="status" aria-live="polite"></div>
                <div class="pre-page pre-landing" id="/">
                    <Landing tr resumes=|| false>
                        <ResumeBox tr/>
                    </Landing>
                </div>
                <div class="pre-page" id="/faq"><Faq tr ids=false/></div>
                {STEP_PAGES.into_iter().map(|(slug, title, intro)| view! {
                    <StepShell tr slug title intro/>
                }).collect_view()}
            </main>
            <Footer tr mark=true>
                <div class="erase needs-js">
                    <button type="button" class="secondary">{tr.text("erase.button")}</button>
                </div>
            </Footer>
            // The app's announcer for screen readers (empty until it speaks).
            <div data-prerender="" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
        }
        .to_html()
    });
    // No hydration: the app replaces these elements. Leptos separates
    // adjacent text nodes with empty comments, for a hydration this page
    // never has; the HTML parser joins them again without.
    html.replace("<!>", "")
}

/// The app's step indicator (`ui::chrome`), hidden; the script after it
/// shows it, with its current step, when the route is a step or the
/// review, as it runs while the page is parsed, before the first paint,
/// and again on every hash change until the app is there.
#[component]
fn StepIndicator(tr: Tr) -> impl IntoView {
    view! {
        <nav class="steps" aria-label=tr.text("steps.label") hidden>
            <ol>
                {STEP_PAGES.into_iter().enumerate().map(|(i, (slug, _, _))| view! {
                    <li><a href=format!("#/{slug}")>
                        <span class="num" aria-hidden="true">{i + 1}</span>
                        <span class="label">{move || tr.t(&format!("steps.{slug}"))}</span>
                    </a></li>
                }).collect_view()}
            </ol>
        </nav>
        <script inner_html=step_script()></script>
    }
}

/// The resume box of `ui::resume`, before the app: reading a PDF needs it,
/// so without JavaScript the box is hidden (noscript.css).
#[component]
fn ResumeBox(tr: Tr) -> impl IntoView {
    view! {
        <section class="resume upload needs-js" aria-labelledby="resume-title">
            <h2 id="resume-title">{tr.text("resume.title")}</h2>
            <label for="resume-pdf" class="upload-label">{tr.text("resume.label")}</label>
            <p class="hint" id="resume-hint">{tr.text("resume.hint")}</p>
            <input type="file" id="resume-pdf" accept="application/pdf,.pdf"
                aria-describedby="resume-hint resume-error" aria-invalid="false"/>
            <p id="resume-error" class="field-error" aria-live="polite"></p>
            <p class="hint" aria-live="polite"></p>
        </section>
    }
}

/// A step's heading and intro, and what it needs to go on: the app (a
/// line while it loads; an alert if it cannot load, which the loader fills
/// in, `assets/loader.js`; without JavaScript, a line that says so).
#[component]
fn StepShell(
    tr: Tr,
    slug: &'static str,
    title: &'static str,
    intro: &'static str,
) -> impl IntoView {
    view! {
        <div class="pre-page" id=format!("/{slug}")>
            <StepHeading tr title intro id=None/>
            <p class="hint needs-js loading">{tr.text("prerender.loading")}</p>
            <p class="field-error" role="alert" data-load-failed=tr.text("prerender.failed")></p>
            <p class="hint no-js">{tr.text("prerender.noscript")}</p>
        </div>
    }
}
