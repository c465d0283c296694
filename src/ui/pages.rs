//! The pages that are not steps (landing, FAQ, not found), and which page
//! a route shows. The frame around them is in `chrome`, the review in
//! `review`.

use super::downloads::BlankForms;
use super::pieces::{self, Piece};
use super::resume::ResumeFromPdf;
use super::steps::*;
use super::{dom, state, AppState, Route};
use leptos::prelude::*;
use rinnovo_core::domain::draft::Draft;
use rinnovo_core::domain::form::Step;

pub fn page(route: Route) -> AnyView {
    match route {
        // The step a new customer starts on, prerendered with its form
        // (`rinnovo_core::prerender`): in the first part, so the app takes
        // it over without waiting for another file.
        Route::Step(Step::Company) => view! { <CompanyStep/> }.into_any(),
        other => view! { <PagePart route=other/> }.into_any(),
    }
}

/// A page from a wasm part of its own (`parts`): "loading" until the part
/// is there, and if it cannot be fetched (offline before the service
/// worker has it, a file refused for its digest), an alert with a button
/// that tries again. The draft is not touched either way.
#[component]
fn PagePart(route: Route) -> impl IntoView {
    let s = state();
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=move || {
            // Said in the page's live region too (a status inserted with its
            // text is not announced by every screen reader), if it is still
            // on screen a moment later: not while the app is built off
            // screen, nor for a part that arrives at once.
            set_timeout(
                move || {
                    if document().get_element_by_id(LOADING_ID).is_some() {
                        s.announce(s.t("app.page_loading"));
                    }
                },
                std::time::Duration::from_millis(400),
            );
            view! { <p id=LOADING_ID class="hint loading" role="status">{move || s.t("app.page_loading")}</p> }
        }>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    let page = parts::view(s, route).await;
                    // "Try again" was pressed, and is gone with the alert:
                    // the focus goes to the page's heading, as on a move.
                    if attempt.get_untracked() > 0 {
                        dom::focus_heading();
                    }
                    match page {
                        Some(page) => page,
                        None => view! {
                            <h1 id=dom::HEADING_ID tabindex="-1">{move || s.t(route.title_key())}</h1>
                            <p class="field-error" role="alert">{move || s.t("app.page_failed")}</p>
                            <p><button type="button" class="button primary" on:click=move |_| attempt.update(|n| *n += 1)>
                                {move || s.t("app.retry")}
                            </button></p>
                        }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The id of the line that says a page's part is on its way.
const LOADING_ID: &str = "page-loading";

/// A route of each page part (`site`, `form`), for fetching them all in
/// advance.
pub const PARTS: [Route; 2] = [Route::Landing, Route::Review];

/// Gets the part that shows `route` (none for the company step), so that
/// the page is there when the app is swapped in, or when the user goes to
/// it: `false` if it could not be fetched.
pub async fn preload(route: Route) -> bool {
    // Fetched only: its piece of the content is added when one of its
    // pages is first shown (`parts::view`), not now, so that a part
    // fetched in advance runs none of its code while the app starts.
    match Piece::of(route) {
        Some(Piece::Site) => parts::preload_site().await.is_ok(),
        Some(Piece::Form) => parts::preload_form().await.is_ok(),
        Some(Piece::English) | None => true,
    }
}

/// The wasm parts (`in_part!`). Each function goes, with what only it
/// uses, into the part its first argument names; `wasm-split-cli`
/// (scripts/build-page.mjs) cuts the linked wasm there, and the generated
/// `__wasm_split.js` fetches a part the first time one of its functions
/// is called. A part that cannot be fetched is an `Err`, not the panic of
/// Leptos' `#[lazy]`, which would stop the app.
#[allow(unsafe_code, improper_ctypes_definitions)]
mod parts {
    use super::*;

    /// The page `route` shows, once its part's piece of the content is
    /// added: `None` if its part could not be fetched.
    pub async fn view(s: AppState, route: Route) -> Option<AnyView> {
        if let Some(piece) = Piece::of(route) {
            if !pieces::add(s, piece).await {
                return None;
            }
        }
        match route {
            Route::Landing => landing().await,
            Route::Faq => faq().await,
            Route::NotFound => not_found().await,
            Route::Step(Step::Company) => Ok(view! { <CompanyStep/> }.into_any()),
            Route::Step(step) => step_page(step).await,
            Route::Review => review().await,
        }
        .ok()
    }

    in_part! {
        site [preload preload_site],
        pub fn landing() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <Landing/> }.into_any())
        }
    }

    in_part! {
        site,
        fn faq() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <Faq/> }.into_any())
        }
    }

    in_part! {
        site,
        fn not_found() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <NotFound/> }.into_any())
        }
    }

    in_part! {
        form [preload preload_form],
        pub fn step_page(step: Step) -> Result<AnyView, SplitLoaderError> {
            Ok(match step {
                Step::Activations => view! { <ActivationsStep/> }.into_any(),
                Step::Support => view! { <SupportStep/> }.into_any(),
                Step::FormSigning => view! { <FormSigningStep/> }.into_any(),
                Step::Conditions => view! { <ConditionsStep/> }.into_any(),
                Step::Company => view! { <CompanyStep/> }.into_any(),
            })
        }
    }

    in_part! {
        form,
        fn review() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <super::super::review::Review/> }.into_any())
        }
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
        <p>{move || s.content().site.faq.first().map(|f| f.answer.get(s.lang.get()).clone()).unwrap_or_default()}</p>
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
            {s.content().site.faq.iter().map(|f| view! {
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
