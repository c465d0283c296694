//! One component per step of the renewal, named for what the user sees.

use super::field::{bind, CheckField, FieldError, TextField};
use super::later::Later;
use super::signature::SignatureInput;
use super::signing::{prefill, SigningFields};
use super::{dom, state, Route};
use leptos::prelude::*;
use rinnovo_core::domain::form::{FieldId as F, Step};

/// A text field bound to a path of the draft: `text!(F::Cap, company.cap, ...)`.
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

#[component]
pub fn CompanyStep() -> impl IntoView {
    let s = state();
    let piva = Memo::new(move |_| s.draft.with(|d| d.company.partita_iva.clone()));
    view! {
        <StepPage step=Step::Company>
            <fieldset>
                <legend>{move || s.t("company.legend")}</legend>
                <div class="grid">
                    {text!(F::RagioneSociale, company.ragione_sociale, autocomplete = "organization", class = "wide")}
                    {text!(F::PartitaIva, company.partita_iva, inputmode = "numeric", hint = true, maxlength = 16)}
                    {text!(F::CodiceFiscale, company.codice_fiscale, autocapitalize = "characters", hint = true, optional = true, placeholder = piva, maxlength = 20)}
                    // The rest of this long form in tasks of their own at
                    // the app's start (see `Later`).
                    <Later at=1>
                    {text!(F::Indirizzo, company.indirizzo, autocomplete = "address-line1", class = "wide")}
                    {text!(F::Cap, company.cap, inputmode = "numeric", autocomplete = "postal-code", maxlength = 5)}
                    {text!(F::Comune, company.comune, autocomplete = "address-level2")}
                    {text!(F::Provincia, company.provincia, autocomplete = "address-level1", autocapitalize = "characters", maxlength = 2, list = "province", hint = true)}
                    </Later>
                </div>
            </fieldset>
            <Later at=2>
            <fieldset>
                <legend>{move || s.t("company.contacts_legend")}</legend>
                <div class="grid">
                    {text!(F::Email, company.email, input_type = "email", autocomplete = "email")}
                    {text!(F::Telefono, company.telefono, input_type = "tel", autocomplete = "tel")}
                    {text!(F::Pec, company.pec, input_type = "email", hint = true, optional = true)}
                    {text!(F::Sdi, company.sdi, autocapitalize = "characters", maxlength = 7, hint = true, optional = true)}
                    {text!(F::CodiceCliente, company.codice_cliente, optional = true, hint = true)}
                </div>
            </fieldset>
            </Later>
            <Later at=3>
            <datalist id="province">
                {s.content.province.iter().map(|p| view! { <option value=p.clone()></option> }).collect_view()}
            </datalist>
            <fieldset>
                <legend>{move || s.t("company.rep_legend")}</legend>
                <div class="grid">
                    {text!(F::RapprNome, company.rappr_nome, autocomplete = "given-name")}
                    {text!(F::RapprCognome, company.rappr_cognome, autocomplete = "family-name")}
                    {text!(F::RapprCf, company.rappr_cf, autocapitalize = "characters", maxlength = 16, hint = true)}
                </div>
            </fieldset>
            </Later>
        </StepPage>
    }
}

#[component]
pub fn ActivationsStep() -> impl IntoView {
    let s = state();
    let b = s.content.site.activations;
    let note = move || {
        s.t("activations.note")
            .replace("{min}", &b.min.to_string())
            .replace("{max}", &b.max.to_string())
    };
    view! {
        <StepPage step=Step::Activations>
            {text!(F::Activations, activations, inputmode = "numeric", hint = true, maxlength = 12)}
            <p class="info">{note}</p>
        </StepPage>
    }
}

#[component]
pub fn SupportStep() -> impl IntoView {
    let s = state();
    let tiers = &s.content.site.tiers;
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
                <p>{move || s.content.site.faq.get(1).map(|f| f.answer.get(s.lang.get()).clone()).unwrap_or_default()}</p>
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
    let c = &s.content.conditions;
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
        .content
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
