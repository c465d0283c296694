//! One component per step of the renewal, named for what the user sees.

use super::field::{bind, CheckField, FieldError, TextField};
use super::later::Later;
use super::signature::SignatureInput;
use super::signing::{prefill, SigningFields};
use super::{dom, state, Route};
use leptos::prelude::*;
use rinnovo_core::domain::fields::{CompanyField, Group, Input, Kind, COMPANY};
use rinnovo_core::domain::form::{FieldId as F, Step};

/// A text field bound to a path of the draft: `text!(F::Activations, activations, ...)`.
macro_rules! text {
    ($field:expr, $($path:ident).+ $(, $prop:ident = $val:expr)* $(,)?) => {{
        let (value, on_input) = bind(|d| d.$($path).+.clone(), |d, v| d.$($path).+ = v);
        view! { <TextField field=$field value=value on_input=on_input $($prop=$val)* /> }
    }};
}

/// The page frame of a step: heading, intro, the fields, back / continue.
#[component]
fn StepPage(step: Step, children: Children) -> impl IntoView {
    let s = state();
    let route = Route::Step(step);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        s.continue_from(step);
    };
    view! {
        <h1 id=dom::HEADING_ID tabindex="-1">{move || s.t(route.title_key())}</h1>
        <p class="intro">{move || s.t(&format!("{}.intro", route.title_key().trim_end_matches(".title")))}</p>
        <form novalidate on:submit=on_submit>
            {children()}
            <div class="step-nav">
                {route.prev().map(|prev| view! {
                    <a class="button secondary" href=prev.href()>{move || s.t("nav.back")}</a>
                })}
                <button type="submit" class="primary">{move || s.t("nav.continue")}</button>
            </div>
        </form>
    }
}

/// The input of one company field, as the field table declares it.
fn company_input(field: &'static CompanyField, piva: Memo<String>) -> impl IntoView {
    let id = field.id;
    let (value, on_input) = bind(
        move |d| d.company.typed(id).unwrap_or_default().to_string(),
        move |d, v| {
            if let Some(t) = d.company.typed_mut(id) {
                *t = v;
            }
        },
    );
    // A blank company codice fiscale is the Partita IVA: shown as its
    // placeholder.
    let placeholder = (field.kind == Kind::CompanyCodiceFiscale).then_some(Signal::from(piva));
    view! {
        <TextField field=id value on_input input=field.input optional=field.kind.optional() placeholder/>
    }
}

/// The inputs of a group of the table's company fields.
fn company_inputs(
    fields: impl Iterator<Item = &'static CompanyField>,
    piva: Memo<String>,
) -> impl IntoView {
    fields.map(|f| company_input(f, piva)).collect_view()
}

#[component]
pub fn CompanyStep() -> impl IntoView {
    let s = state();
    let piva = Memo::new(move |_| s.draft.with(|d| d.company.partita_iva.clone()));
    let group = |g: Group| COMPANY.iter().filter(move |f| f.group == g);
    let legend = move |g: Group| move || s.t(g.legend_key());
    view! {
        <StepPage step=Step::Company>
            <fieldset>
                <legend>{legend(Group::Company)}</legend>
                <div class="grid">
                    {company_inputs(group(Group::Company).take(3), piva)}
                    // The rest of this long form in tasks of their own at
                    // the app's start (see `Later`).
                    <Later at=1>
                    {company_inputs(group(Group::Company).skip(3), piva)}
                    </Later>
                </div>
            </fieldset>
            <Later at=2>
            <fieldset>
                <legend>{legend(Group::Contacts)}</legend>
                <div class="grid">
                    {company_inputs(group(Group::Contacts), piva)}
                </div>
            </fieldset>
            </Later>
            <Later at=3>
            <datalist id="province">
                {s.content().province.iter().map(|p| view! { <option value=p.clone()></option> }).collect_view()}
            </datalist>
            <fieldset>
                <legend>{legend(Group::Representative)}</legend>
                <div class="grid">
                    {company_inputs(group(Group::Representative), piva)}
                </div>
            </fieldset>
            </Later>
        </StepPage>
    }
}

#[component]
pub fn ActivationsStep() -> impl IntoView {
    let s = state();
    let b = s.content().site.activations;
    let note = move || {
        s.t("activations.note")
            .replace("{min}", &b.min.to_string())
            .replace("{max}", &b.max.to_string())
    };
    view! {
        <StepPage step=Step::Activations>
            {text!(F::Activations, activations, input = Input { inputmode: Some("numeric"), hint: true, maxlength: Some(12), ..Input::TEXT })}
            <super::link::LicencesNote/>
            <p class="info">{note}</p>
        </StepPage>
    }
}

#[component]
pub fn SupportStep() -> impl IntoView {
    let s = state();
    let tiers = &s.content().site.tiers;
    let chosen = Memo::new(move |_| s.draft.with(|d| d.tier.clone()));
    let invalid = move || s.field_error(F::Tier).is_some().to_string();
    view! {
        <StepPage step=Step::Support>
            <fieldset id=F::Tier.id() tabindex="-1" class="tiers" aria-describedby="tier-error" aria-invalid=invalid>
                <legend>{move || s.t("support.legend")}</legend>
                <div class="tier-cards">
                    {tiers.iter().map(|tier| {
                        let id = tier.id.clone();
                        let rid = format!("tier-{id}");
                        let is_chosen = {
                            let id = id.clone();
                            Signal::derive(move || chosen.with(|c| *c == id))
                        };
                        view! {
                            <div class="tier-card" class:chosen=is_chosen>
                                <input type="radio" name="tier" id=rid.clone() value=id.clone()
                                    prop:checked=is_chosen
                                    on:change=move |_| { let id = id.clone(); s.update(|d| d.tier = id) }
                                />
                                <label for=rid>
                                    <span class="tier-name">{move || tier.name.get(s.lang.get()).clone()}</span>
                                    <span class="tier-summary">{move || tier.summary.get(s.lang.get()).clone()}</span>
                                </label>
                            </div>
                        }
                    }).collect_view()}
                </div>
                <FieldError field=F::Tier/>
            </fieldset>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="compare-caption">
                <table class="compare">
                    <caption id="compare-caption">{move || s.t("support.compare_caption")}</caption>
                    <thead>
                        <tr>
                            <td></td>
                            {tiers.iter().map(|t| view! { <th scope="col">{move || t.name.get(s.lang.get()).clone()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        <tr>
                            <th scope="row">{move || s.t("support.row.response")}</th>
                            {tiers.iter().map(|t| view! { <td>{move || t.response.get(s.lang.get()).clone()}</td> }).collect_view()}
                        </tr>
                        <tr>
                            <th scope="row">{move || s.t("support.row.updates")}</th>
                            {tiers.iter().map(|t| view! { <td>{move || t.updates.get(s.lang.get()).clone()}</td> }).collect_view()}
                        </tr>
                        <tr>
                            <th scope="row">{move || s.t("support.row.best_for")}</th>
                            {tiers.iter().map(|t| view! { <td>{move || t.best_for.get(s.lang.get()).clone()}</td> }).collect_view()}
                        </tr>
                    </tbody>
                </table>
            </div>
            <aside class="advice">
                <h2>{move || s.t("support.advice_title")}</h2>
                <p>{move || s.content().site.faq.get(1).map(|f| f.answer.get(s.lang.get()).clone()).unwrap_or_default()}</p>
            </aside>
        </StepPage>
    }
}

#[component]
pub fn FormSigningStep() -> impl IntoView {
    prefill(|d| &mut d.form_signing);
    view! {
        <StepPage step=Step::FormSigning>
            <SigningFields
                fields=[F::FormSigner, F::FormPlace, F::FormDate, F::FormSignature, F::FormStamp]
                sel=|d| &d.form_signing
                sel_mut=|d| &mut d.form_signing
                sig=|d| &d.form_signing.signature
                sig_mut=|d| &mut d.form_signing.signature
            />
        </StepPage>
    }
}

#[component]
pub fn ConditionsStep() -> impl IntoView {
    let s = state();
    prefill(|d| &mut d.conditions.signing);
    let c = &s.content().conditions;
    let (accepted, set_accepted) =
        bind(|d| d.conditions.accepted, |d, v| d.conditions.accepted = v);
    let (reuse, set_reuse) = bind(
        |d| d.conditions.reuse_form_signing,
        |d, v| d.conditions.reuse_form_signing = v,
    );
    let (onerous, set_onerous) = bind(
        |d| d.conditions.onerous_approved,
        |d, v| d.conditions.onerous_approved = v,
    );
    // Each clause by number, heading and what it does (Cass. 4126/2024).
    let onerous_list = s
        .content()
        .onerous_clauses()
        .into_iter()
        .map(|(cl, summary)| {
            view! {
                <li>
                    <span class="clause-title">{format!("{}. {}", cl.number, cl.heading)}</span>
                    " "
                    <span class="clause-summary">{summary.to_string()}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <StepPage step=Step::Conditions>
            <section class="conditions" aria-labelledby="conditions-text-title" tabindex="0">
                <h2 id="conditions-text-title" lang="it">{c.title.clone()}</h2>
                {move || (s.lang.get() != rinnovo_core::content::Lang::It).then(|| view! {
                    <p class="info">{s.t("conditions.italian_only")}</p>
                })}
                <div lang="it">
                    {c.clauses.iter().map(|cl| view! {
                        <h3>{format!("{}. {}", cl.number, cl.heading)}</h3>
                        {cl.paragraphs.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
                    }).collect_view()}
                </div>
            </section>
            <CheckField id=F::ConditionsAccepted.id() field=F::ConditionsAccepted
                checked=accepted on_change=set_accepted label_key="conditions.accept"/>
            <h2>{move || s.t("conditions.signing_title")}</h2>
            <CheckField id="reuse-signing" checked=reuse on_change=set_reuse label_key="conditions.reuse"/>
            {move || if reuse.get() {
                view! { <p class="info">{move || s.t("conditions.reused")}</p> }.into_any()
            } else {
                view! {
                    <SigningFields
                        fields=[F::ConditionsSigner, F::ConditionsPlace, F::ConditionsDate, F::ConditionsSignature, F::ConditionsStamp]
                        sel=|d| &d.conditions.signing
                        sel_mut=|d| &mut d.conditions.signing
                        sig=|d| &d.conditions.signing.signature
                        sig_mut=|d| &mut d.conditions.signing.signature
                    />
                }.into_any()
            }}
            <section class="onerous" aria-labelledby="onerous-title">
                <h2 id="onerous-title">{move || s.t("conditions.onerous_title")}</h2>
                <p>{move || s.t("conditions.onerous_intro")}</p>
                <ul class="clauses" lang="it">{onerous_list}</ul>
                <CheckField id=F::OnerousApproved.id() field=F::OnerousApproved
                    checked=onerous on_change=set_onerous label_key="conditions.onerous_accept"/>
                <SignatureInput field=F::OnerousSignature
                    get=|d| &d.conditions.onerous_signature
                    get_mut=|d| &mut d.conditions.onerous_signature
                    legend_key="conditions.onerous_signature"/>
            </section>
        </StepPage>
    }
}
