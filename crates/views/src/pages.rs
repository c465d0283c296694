//! The landing, the FAQ, a page's heading and the blank forms: the same
//! components in the app and in the prerendered page. What differs between
//! the two is a prop: ids that must be unique in a document holding every
//! page at once, and the app's interactive parts, passed as children.

use crate::texts::Tr;
use leptos::prelude::*;
use rinnovo_core::prerender::{HEADING_ID, OVERVIEW};

/// The form's first step and the FAQ (`ui::route::Route::href`).
const START_HREF: &str = "#/azienda";
const FAQ_HREF: &str = "#/faq";

/// A page's `<h1>`, focusable for the app's moves; `id` is
/// [`HEADING_ID`] on the page shown (the prerendered page holds every page
/// at once, and gives it to the landing's only).
#[component]
pub fn Heading(tr: Tr, key: &'static str, id: Option<&'static str>) -> impl IntoView {
    view! { <h1 id=id tabindex="-1">{tr.text(key)}</h1> }
}

/// A step's (or the review's) heading and intro.
#[component]
pub fn StepHeading(
    tr: Tr,
    title: &'static str,
    intro: &'static str,
    id: Option<&'static str>,
) -> impl IntoView {
    view! {
        <Heading tr key=title id/>
        <p class="intro">{tr.text(intro)}</p>
    }
}

/// The links to the blank PDFs. `ids`: the section is labelled by its
/// heading's id (once in a document).
#[component]
pub fn BlankForms(tr: Tr, ids: bool) -> impl IntoView {
    view! {
        <section class="blank-forms" aria-labelledby=ids.then_some("blank-title")>
            <h2 id=ids.then_some("blank-title")>{tr.text("blank.title")}</h2>
            <p>{tr.text("blank.intro")}</p>
            <ul>
                <li><a href="templates/modulo-assistenza.pdf" download="Oripan_Modulo_Assistenza.pdf">
                    {tr.text("blank.support_form")}</a></li>
                <li><a href="templates/condizioni-generali.pdf" download="Oripan_Condizioni_Generali.pdf">
                    {tr.text("blank.conditions")}</a></li>
            </ul>
        </section>
    }
}

/// The landing. `resumes`: a draft is stored, so the first button goes on
/// with it; `children`: the resume-from-a-PDF box.
#[component]
pub fn Landing<R>(tr: Tr, resumes: R, children: Children) -> impl IntoView
where
    R: Fn() -> bool + Send + Sync + 'static,
{
    let fill = move |key: &'static str| move || tr.fill(&tr.t(key));
    let why = move || {
        tr.content
            .site
            .faq
            .first()
            .map(|f| f.answer.get(tr.lang.get()).clone())
            .unwrap_or_default()
    };
    view! {
        <Heading tr key="landing.title" id=Some(HEADING_ID)/>
        <p class="lead">{fill("landing.news")}</p>
        <div class="callout warn">
            <h2>{tr.text("landing.deadline_title")}</h2>
            <p>{fill("landing.deadline")}</p>
            <p>{tr.text("landing.consequence")}</p>
        </div>
        <h2>{tr.text("landing.why_title")}</h2>
        <p>{why}</p>
        <h2>{tr.text("landing.steps_title")}</h2>
        <ol class="overview">
            {OVERVIEW.into_iter().map(|k| view! {
                <li>{move || tr.t(&format!("landing.step.{k}"))}</li>
            }).collect_view()}
        </ol>
        <p class="hint">{tr.text("landing.time")}</p>
        <div class="actions">
            <a class="button primary" href=START_HREF>
                {move || tr.t(if resumes() { "landing.resume" } else { "landing.start" })}
            </a>
            <a class="button secondary" href=FAQ_HREF>{tr.text("landing.faq")}</a>
        </div>
        <BlankForms tr ids=true/>
        {children()}
    }
}

/// The FAQ. `ids`: the heading and the blank forms carry their ids.
#[component]
pub fn Faq(tr: Tr, ids: bool) -> impl IntoView {
    view! {
        <Heading tr key="faq.title" id=ids.then_some(HEADING_ID)/>
        <div class="faq">
            {tr.content.site.faq.iter().map(|f| view! {
                <section>
                    <h2>{move || f.question.get(tr.lang.get()).clone()}</h2>
                    <p>{move || tr.fill(f.answer.get(tr.lang.get()))}</p>
                </section>
            }).collect_view()}
        </div>
        <BlankForms tr ids/>
        <p><a class="button primary" href=START_HREF>{tr.text("landing.start")}</a></p>
    }
}

/// The footer. `mark`: the attribute the app removes the prerendered
/// elements by; `children`: the "erase my data" box.
#[component]
pub fn Footer(tr: Tr, #[prop(optional)] mark: bool, children: Children) -> impl IntoView {
    let v = &tr.content.site.vendor;
    view! {
        <footer data-prerender=mark.then_some("") class="site-footer">
            <p class="privacy">{tr.text("footer.privacy")}</p>
            {children()}
            <nav aria-label=tr.text("footer.nav")>
                <a href=FAQ_HREF>{tr.text("faq.title")}</a>
            </nav>
            <address>
                {v.name.clone()}" · "{v.address.clone()}<br/>
                <a href=format!("mailto:{}", v.email)>{v.email.clone()}</a>" · PEC "
                <a href=format!("mailto:{}", v.pec)>{v.pec.clone()}</a>" · "
                <a href=format!("tel:{}", v.phone.replace(' ', ""))>{v.phone.clone()}</a>
            </address>
        </footer>
    }
}
