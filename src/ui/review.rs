//! The review page: every value as typed, what is still missing, the
//! downloads and the ways to send them when the form is complete, and what
//! to do next.

use super::downloads::DownloadPanel;
use super::fill::valid_form;
use super::send::SendPanel;
use super::{dom, state, Route};
use leptos::prelude::*;
use rinnovo_core::domain::draft::{SignatureDraft, SignatureMethod, SigningDraft, StampMethod};
use rinnovo_core::domain::fields::COMPANY;
use rinnovo_core::domain::form::{FieldId, Step};

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
    rinnovo_core::domain::ids::Date::parse(iso)
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
pub fn Review() -> impl IntoView {
    let s = state();
    let field_label = move |f: FieldId| s.t(&format!("field.{}", f.id()));
    let problems = move || s.errors.get();
    let summary = move || {
        let d = s.draft.get();
        let c = &d.company;
        let lang = s.lang.get();
        let tier = s
            .content()
            .tier(&d.tier)
            .map(|t| t.name.get(lang).clone())
            .unwrap_or_default();
        // Each field of the table, as the PDF will have it (a blank
        // codice fiscale is the Partita IVA).
        let company = COMPANY
            .iter()
            .map(|f| row(format!("field.{}", f.id.id()), c.value(f.id).to_string()))
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
                    {valid_form().map(|form| view! {
                        <DownloadPanel form=form.clone()><SendPanel form/></DownloadPanel>
                    })}
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
                {move || s.content().site.next_steps.get(s.lang.get()).iter().map(|t| view! { <li>{s.fill(t)}</li> }).collect_view()}
            </ol>
        </section>
        <div class="step-nav">
            <a class="button secondary" href=Route::Step(Step::Conditions).href()>{move || s.t("nav.back")}</a>
        </div>
    }
}
