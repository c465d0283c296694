//! The frame around every page: the header with the language switch and
//! the step indicator, the notices, and the footer with "erase my data".

use super::{state, Notice, Route};
use leptos::prelude::*;
use rinnovo_core::content::Lang;

#[component]
pub fn Header() -> impl IntoView {
    let s = state();
    let lang_button = move |lang: Lang, label: &'static str| {
        view! {
            <button type="button" class="lang" lang=lang.code()
                aria-pressed=move || (s.lang.get() == lang).to_string()
                on:click=move |_| super::pieces::set_lang(s, lang)>
                {label}
            </button>
        }
    };
    view! {
        <header class="site-header">
            <div class="bar">
                <a class="brand" href=Route::Landing.href()>
                    <span class="logo" aria-hidden="true">"O"</span>
                    <span>{move || s.t("app.name")}</span>
                </a>
                <div class="langs" role="group" aria-label=move || s.t("lang.label")>
                    {lang_button(Lang::It, "Italiano")}
                    {lang_button(Lang::En, "English")}
                </div>
            </div>
            <StepIndicator/>
        </header>
    }
}

#[component]
fn StepIndicator() -> impl IntoView {
    let s = state();
    let steps: Vec<Route> = Route::FLOW.into_iter().skip(1).collect();
    let visible = move || matches!(s.route.get(), Route::Step(_) | Route::Review);
    view! {
        <Show when=visible>
            <nav class="steps" aria-label=move || s.t("steps.label")>
                <ol>
                    {steps.iter().enumerate().map(|(i, r)| {
                        let r = *r;
                        let current = move || s.route.get() == r;
                        view! {
                            <li class:current=current>
                                <a href=r.href() aria-current=move || current().then_some("step")>
                                    <span class="num" aria-hidden="true">{i + 1}</span>
                                    <span class="label">{move || s.t(&format!("steps.{}", r.slug()))}</span>
                                </a>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </nav>
        </Show>
    }
}

#[component]
pub fn NoticeBar() -> impl IntoView {
    let s = state();
    view! {
        <div class="notice-slot" role="status" aria-live="polite">
            {move || s.notice.get().map(|n| {
                let warn = matches!(n, Notice::LinkRefused | Notice::LinkUnsupported | Notice::LinkNotLoaded | Notice::DraftSetAside | Notice::StorageUnavailable | Notice::StorageFull | Notice::OtherTab | Notice::ErasedInOtherTab | Notice::NewerInOtherTab);
                view! {
                    <div class="notice" class:warn=warn>
                        <p>{s.fill(&s.t(n.key()))}</p>
                        {matches!(n, Notice::UpdateReady | Notice::NewerInOtherTab).then(|| view! {
                            <button type="button" class="primary small" on:click=move |_| super::offline::apply_update(s)>
                                {move || s.t("notice.update_reload")}
                            </button>
                        })}
                        <button type="button" class="secondary small" on:click=move |_| s.notice.set(None)>
                            {move || s.t("notice.dismiss")}
                        </button>
                    </div>
                }
            })}
            <super::link::LinkOffer/>
        </div>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let s = state();
    let v = &s.content().site.vendor;
    let confirming = RwSignal::new(false);
    view! {
        <footer class="site-footer">
            <p class="privacy">{move || s.t("footer.privacy")}</p>
            <div class="erase">
                {move || if confirming.get() {
                    view! {
                        <p id="erase-confirm-text">{move || s.t("erase.confirm")}</p>
                        <button type="button" class="danger" aria-describedby="erase-confirm-text"
                            on:click=move |_| { confirming.set(false); s.erase_everything(); }>
                            {move || s.t("erase.yes")}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>
                            {move || s.t("erase.no")}
                        </button>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="secondary" on:click=move |_| confirming.set(true)>
                            {move || s.t("erase.button")}
                        </button>
                    }.into_any()
                }}
            </div>
            <nav aria-label=move || s.t("footer.nav")>
                <a href=Route::Faq.href()>{move || s.t("faq.title")}</a>
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
