//! The frame around the steps (header, notices, footer) and the pages that
//! are not steps: landing, review, FAQ, not found.

use super::pdf_actions::{valid_form, BlankForms, DownloadPanel, ResumeFromPdf};
use super::steps::*;
use super::{dom, state, Notice, Route};
use crate::content::Lang;
use crate::domain::draft::{Draft, SignatureDraft, SignatureMethod, SigningDraft, StampMethod};
use crate::domain::form::{FieldId, Step};
use leptos::prelude::*;

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
pub fn Header() -> impl IntoView {
    let s = state();
    let lang_button = move |lang: Lang, label: &'static str| {
        view! {
            <button type="button" class="lang" lang=lang.code()
                aria-pressed=move || (s.lang.get() == lang).to_string()
                on:click=move |_| {
                    s.lang.set(lang);
                    crate::storage::save_lang(lang);
                }>
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
                let warn = matches!(n, Notice::DraftSetAside | Notice::StorageUnavailable | Notice::StorageFull | Notice::OtherTab | Notice::ErasedInOtherTab | Notice::NewerInOtherTab);
                view! {
                    <div class="notice" class:warn=warn>
                        <p>{s.t(n.key())}</p>
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
        </div>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let s = state();
    let v = &s.content.site.vendor;
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
            {crate::prerender::OVERVIEW.into_iter().map(|k| view! {
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

/// One row of the summary: the field's label and the value as typed.
fn row(label_key: String, value: String) -> impl IntoView {
    let s = state();
    let empty = value.trim().is_empty();
    view! {
        <div class="row">
            <dt>{move || s.t(&label_key)}</dt>
            <dd class:empty=empty>{if empty { s.t("review.empty") } else { value }}</dd>
        </div>
    }
}

/// A date as the user reads it (dd/mm/yyyy), or as typed if not a date.
fn display_date(iso: &str) -> String {
    crate::domain::ids::Date::parse(iso)
        .map(|d| d.italian())
        .unwrap_or_else(|_| iso.to_string())
}

fn signature_summary(sig: &SignatureDraft) -> String {
    let s = state();
    let method = s.t(&format!("signature.method.{}", sig.method.id()));
    let filled = match sig.method {
        SignatureMethod::Drawn => !sig.drawn_png.is_empty(),
        SignatureMethod::Typed => !sig.typed.trim().is_empty(),
        SignatureMethod::Uploaded => !sig.uploaded_png.is_empty(),
        SignatureMethod::Handwritten | SignatureMethod::Digital => true,
    };
    if filled {
        method
    } else {
        format!("{method} — {}", s.t("review.missing"))
    }
}

fn stamp_summary(sg: &SigningDraft) -> String {
    let s = state();
    match sg.stamp.method {
        StampMethod::ByHand => s.t("stamp.method.by_hand"),
        StampMethod::Uploaded if sg.stamp.png.is_empty() => s.t("review.missing"),
        StampMethod::Uploaded => s.t("review.stamp_uploaded"),
    }
}

#[component]
fn ReviewSection(step: Step, title_key: &'static str, children: Children) -> impl IntoView {
    let s = state();
    view! {
        <section class="review-section">
            <div class="section-head">
                <h2>{move || s.t(title_key)}</h2>
                <a href=Route::Step(step).href() class="edit">
                    {move || s.t("review.edit")}
                    <span class="visually-hidden">{move || format!(" — {}", s.t(title_key))}</span>
                </a>
            </div>
            <dl>{children()}</dl>
        </section>
    }
}

#[component]
fn Review() -> impl IntoView {
    let s = state();
    let field_label = move |f: FieldId| s.t(&format!("field.{}", f.id()));
    let problems = move || s.errors.get();
    let summary = move || {
        let d = s.draft.get();
        let c = &d.company;
        let lang = s.lang.get();
        let tier = s
            .content
            .tier(&d.tier)
            .map(|t| t.name.get(lang).clone())
            .unwrap_or_default();
        let company_rows: Vec<(FieldId, &String)> = vec![
            (FieldId::RagioneSociale, &c.ragione_sociale),
            (FieldId::PartitaIva, &c.partita_iva),
            (
                FieldId::CodiceFiscale,
                if c.codice_fiscale.trim().is_empty() {
                    &c.partita_iva
                } else {
                    &c.codice_fiscale
                },
            ),
            (FieldId::Indirizzo, &c.indirizzo),
            (FieldId::Cap, &c.cap),
            (FieldId::Comune, &c.comune),
            (FieldId::Provincia, &c.provincia),
            (FieldId::Email, &c.email),
            (FieldId::Pec, &c.pec),
            (FieldId::Sdi, &c.sdi),
            (FieldId::Telefono, &c.telefono),
            (FieldId::CodiceCliente, &c.codice_cliente),
            (FieldId::RapprNome, &c.rappr_nome),
            (FieldId::RapprCognome, &c.rappr_cognome),
            (FieldId::RapprCf, &c.rappr_cf),
        ];
        let company = company_rows
            .into_iter()
            .map(|(f, v)| row(format!("field.{}", f.id()), v.clone()))
            .collect_view();
        let fs = &d.form_signing;
        let cond = &d.conditions;
        let cs = if cond.reuse_form_signing {
            fs
        } else {
            &cond.signing
        };
        let yes_no = |b: bool| {
            if b {
                s.t("review.yes")
            } else {
                s.t("review.no")
            }
        };
        let activations = row("field.activations".into(), d.activations.clone());
        let tier = row("field.tier".into(), tier);
        let form_rows = (
            row("field.form_signer".into(), fs.signer.clone()),
            row("field.form_place".into(), fs.place.clone()),
            row("field.form_date".into(), display_date(&fs.date)),
            row(
                "field.form_signature".into(),
                signature_summary(&fs.signature),
            ),
            row("field.form_stamp".into(), stamp_summary(fs)),
        );
        let conditions_rows = (
            row("field.conditions_accepted".into(), yes_no(cond.accepted)),
            row("field.conditions_signer".into(), cs.signer.clone()),
            row(
                "field.conditions_signature".into(),
                signature_summary(&cs.signature),
            ),
            row("field.conditions_stamp".into(), stamp_summary(cs)),
            row(
                "field.onerous_approved".into(),
                yes_no(cond.onerous_approved),
            ),
            row(
                "field.onerous_signature".into(),
                signature_summary(&cond.onerous_signature),
            ),
        );
        view! {
            <ReviewSection step=Step::Company title_key="company.title">{company}</ReviewSection>
            <ReviewSection step=Step::Activations title_key="activations.title">{activations}</ReviewSection>
            <ReviewSection step=Step::Support title_key="support.title">{tier}</ReviewSection>
            <ReviewSection step=Step::FormSigning title_key="signing.title">{form_rows}</ReviewSection>
            <ReviewSection step=Step::Conditions title_key="conditions.title">{conditions_rows}</ReviewSection>
        }
    };
    view! {
        <h1 id=dom::HEADING_ID tabindex="-1">{move || s.t("review.title")}</h1>
        <p class="intro">{move || s.t("review.intro")}</p>
        {move || {
            let ps = problems();
            let n = ps.len().to_string();
            if ps.is_empty() {
                view! {
                    <section class="callout ok" aria-labelledby="ready-title">
                        <h2 id="ready-title">{move || s.t("review.ready_title")}</h2>
                        <p>{move || s.t("review.ready")}</p>
                    </section>
                    {valid_form().map(|form| view! { <DownloadPanel form/> })}
                }.into_any()
            } else {
                view! {
                    <section class="callout warn problems" aria-labelledby="problems-title">
                        <h2 id="problems-title">{move || s.t("review.problems_title").replace("{n}", &n)}</h2>
                        <ul>
                            {ps.iter().map(|e| {
                                let e = *e;
                                view! {
                                    <li>
                                        <a href=Route::Step(e.field.step()).href()
                                            on:click=move |ev| { ev.prevent_default(); s.edit_field(e.field); }>
                                            <strong>{move || field_label(e.field)}</strong>": "{move || s.error_text(e)}
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }.into_any()
            }
        }}
        {summary}
        <section class="next-steps" aria-labelledby="next-title">
            <h2 id="next-title">{move || s.t("review.next_title")}</h2>
            <ol>
                {move || s.content.site.next_steps.get(s.lang.get()).iter().map(|t| view! { <li>{s.fill(t)}</li> }).collect_view()}
            </ol>
        </section>
        <div class="step-nav">
            <a class="button secondary" href=Route::Step(Step::Conditions).href()>{move || s.t("nav.back")}</a>
        </div>
    }
}
