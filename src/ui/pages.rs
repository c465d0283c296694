//! The pages that are not steps (landing, FAQ, not found), and which page
//! a route shows. The frame around them is in `chrome`, the review in
//! `review`.

use super::downloads::BlankForms;
use super::resume::ResumeFromPdf;
use super::review::Review;
use super::steps::*;
use super::{dom, state, Route};
use leptos::prelude::*;
use rinnovo_core::domain::draft::Draft;
use rinnovo_core::domain::form::Step;

pub fn page(route: Route) -> AnyView {
    match route {
        Route::Landing => view! { <Landing/> }.into_any(),
        Route::Step(Step::Company) => view! { <CompanyStep/> }.into_any(),
        Route::Step(Step::Activations) => view! { <ActivationsStep/> }.into_any(),
        Route::Step(Step::Support) => view! { <SupportStep/> }.into_any(),
        Route::Step(Step::FormSigning) => view! { <FormSigningStep/> }.into_any(),
        Route::Step(Step::Conditions) => view! { <ConditionsStep/> }.into_any(),
        Route::Review => view! { <Review/> }.into_any(),
        Route::Faq => view! { <Faq/> }.into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    }
}

#[component]
fn Landing() -> impl IntoView {
    let s = state();
    let has_draft = move || s.draft.with(|d| *d != Draft::default());
    view! {
        <h1 id=dom::HEADING_ID tabindex="-1">{move || s.t("landing.title")}</h1>
        <p class="lead">{move || s.fill(&s.t("landing.news"))}</p>
        <div class="callout warn">
            <h2>{move || s.t("landing.deadline_title")}</h2>
            <p>{move || s.fill(&s.t("landing.deadline"))}</p>
            <p>{move || s.t("landing.consequence")}</p>
        </div>
        <h2>{move || s.t("landing.why_title")}</h2>
        <p>{move || s.content.site.faq.first().map(|f| f.answer.get(s.lang.get()).clone()).unwrap_or_default()}</p>
        <h2>{move || s.t("landing.steps_title")}</h2>
        <ol class="overview">
            {rinnovo_core::prerender::OVERVIEW.into_iter().map(|k| view! {
                <li>{move || s.t(&format!("landing.step.{k}"))}</li>
            }).collect_view()}
        </ol>
        <p class="hint">{move || s.t("landing.time")}</p>
        <div class="actions">
            <a class="button primary" href=Route::Step(Step::Company).href()>
                {move || if has_draft() { s.t("landing.resume") } else { s.t("landing.start") }}
            </a>
            <a class="button secondary" href=Route::Faq.href()>{move || s.t("landing.faq")}</a>
        </div>
        <BlankForms/>
        <ResumeFromPdf/>
    }
}

#[component]
fn Faq() -> impl IntoView {
    let s = state();
    view! {
        <h1 id=dom::HEADING_ID tabindex="-1">{move || s.t("faq.title")}</h1>
        <div class="faq">
            {s.content.site.faq.iter().map(|f| view! {
                <section>
                    <h2>{move || f.question.get(s.lang.get()).clone()}</h2>
                    <p>{move || s.fill(f.answer.get(s.lang.get()))}</p>
                </section>
            }).collect_view()}
        </div>
        <BlankForms/>
        <p><a class="button primary" href=Route::Step(Step::Company).href()>{move || s.t("landing.start")}</a></p>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let s = state();
    view! {
        <h1 id=dom::HEADING_ID tabindex="-1">{move || s.t("notfound.title")}</h1>
        <p><a href=Route::Landing.href()>{move || s.t("notfound.home")}</a></p>
    }
}
