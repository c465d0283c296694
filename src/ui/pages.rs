//! The pages that are not steps (landing, FAQ, not found), and which page
//! a route shows. The frame around them is in `chrome`, the review in
//! `review`. The landing and the FAQ are `rinnovo_views`' (the prerendered
//! page's too).

use super::resume::ResumeFromPdf;
use super::review::Review;
use super::steps::*;
use super::{dom, state, Route};
use leptos::prelude::*;
use rinnovo_core::domain::draft::Draft;
use rinnovo_core::domain::form::Step;
use rinnovo_views::pages as views;

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
        <views::Landing tr=s.tr() resumes=has_draft>
            <ResumeFromPdf/>
        </views::Landing>
    }
}

#[component]
fn Faq() -> impl IntoView {
    view! { <views::Faq tr=state().tr() ids=true/> }
}

#[component]
fn NotFound() -> impl IntoView {
    let s = state();
    view! {
        <h1 id=dom::HEADING_ID tabindex="-1">{move || s.t("notfound.title")}</h1>
        <p><a href=Route::Landing.href()>{move || s.t("notfound.home")}</a></p>
    }
}
