//! Form widgets: a labelled input with its hint and its error, and a
//! labelled checkbox. Each input is bound to one field of the draft through a
//! getter and a setter; its error is tied to it with `aria-describedby` and
//! announced through a polite live region.

use super::state;
use leptos::prelude::*;
use rinnovo_core::domain::draft::Draft;
use rinnovo_core::domain::fields::Input;
use rinnovo_core::domain::form::FieldId;

/// Whether the focus is leaving a field for a button or a link. Then the
/// field's error waits: shown now, it would push that button away from under
/// the pointer before the click lands; "Continua" shows every error anyway.
fn focus_moves_to_action(ev: &leptos::ev::FocusEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.related_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.closest("button, a[href]").ok().flatten().is_some())
}

/// The error message of a field, next to it, announced when it appears.
#[component]
pub fn FieldError(field: FieldId) -> impl IntoView {
    let s = state();
    view! {
        <p id=format!("{}-error", field.id()) class="field-error" aria-live="polite">
            {move || s.field_error(field).map(|e| view! {
                <span class="error-icon" aria-hidden="true">"!"</span>
                {s.error_text(e)}
            })}
        </p>
    }
}

/// A text input bound to a string of the draft, with the attributes of
/// `input` (the field table's, for the company's fields).
#[component]
pub fn TextField(
    field: FieldId,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(default = Input::TEXT)] input: Input,
    #[prop(optional)] optional: bool,
    /// A placeholder computed from the draft (e.g. the Partita IVA).
    #[prop(default = None)]
    placeholder: Option<Signal<String>>,
) -> impl IntoView {
    let Input {
        input_type,
        inputmode,
        autocomplete,
        autocapitalize,
        maxlength,
        list,
        hint,
        wide,
    } = input;
    let class = if wide { "wide" } else { "" };
    let s = state();
    let id = field.id();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = if hint {
        format!("{hint_id} {error_id}")
    } else {
        error_id
    };
    // A company field says when it holds what Oripan's prepared link gave;
    // the activations field is described by the licences Oripan counts.
    // Both texts are empty when there is nothing to say, so that the
    // description's ids stay the same.
    let company = field.step() == rinnovo_core::domain::form::Step::Company;
    let provided_id = format!("{id}-provided");
    let described = match field {
        _ if company => format!("{described} {provided_id}"),
        FieldId::Activations => format!("{described} {}", super::link::LICENCES_ID),
        _ => described,
    };
    let invalid = move || s.field_error(field).is_some().to_string();
    view! {
        <div class=format!("field {class}")>
            <label for=id>
                {move || s.t(&format!("field.{id}"))}
                {optional.then(|| view! { <span class="optional">{move || s.t("field.optional")}</span> })}
            </label>
            {hint.then(|| view! {
                <p class="hint" id=hint_id.clone()>{move || s.t(&format!("hint.{id}"))}</p>
            })}
            <input
                id=id
                name=id
                type=input_type
                inputmode=inputmode
                autocomplete=autocomplete.unwrap_or("off")
                autocapitalize=autocapitalize
                spellcheck="false"
                maxlength=maxlength
                list=list
                required=!optional
                aria-required=(!optional).to_string()
                aria-invalid=invalid
                aria-describedby=described
                placeholder=move || placeholder.map(|p| p.get())
                prop:value=value
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |ev| {
                    // Read the element, not the draft: the page may be going
                    // away (Enter submitted, back pressed) and its memos with it.
                    let typed = !event_target_value(&ev).trim().is_empty();
                    if typed && !focus_moves_to_action(&ev) {
                        s.show_errors_of([field]);
                    }
                }
            />
            {company.then(|| view! {
                <p class="provided" id=provided_id>
                    {move || if super::link::provided(&s, field) { s.fill(&s.t("field.provided")) } else { String::new() }}
                </p>
            })}
            <FieldError field/>
        </div>
    }
}

/// A checkbox bound to a bool of the draft. `field` gives it an error slot.
#[component]
pub fn CheckField(
    #[prop(into)] id: String,
    #[prop(optional)] field: Option<FieldId>,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
    label_key: &'static str,
) -> impl IntoView {
    let s = state();
    let invalid = move || {
        field
            .is_some_and(|f| s.field_error(f).is_some())
            .to_string()
    };
    view! {
        <div class="check">
            <input
                type="checkbox"
                id=id.clone()
                aria-invalid=invalid
                aria-describedby=field.map(|f| format!("{}-error", f.id()))
                prop:checked=checked
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{move || s.t(label_key)}</label>
        </div>
        {field.map(|field| view! { <FieldError field/> })}
    }
}

/// Binds a piece of the draft: a signal that reads it and a callback that
/// writes it, for [`TextField`] and [`CheckField`].
pub fn bind<T: Clone + PartialEq + Send + Sync + 'static>(
    get: impl Fn(&Draft) -> T + Send + Sync + Copy + 'static,
    set: impl Fn(&mut Draft, T) + Send + Sync + Copy + 'static,
) -> (Signal<T>, Callback<T>) {
    let s = state();
    (
        // A memo, so that readers re-run only when this piece changes, not on
        // every keystroke elsewhere in the form.
        Memo::new(move |_| s.draft.with(get)).into(),
        Callback::new(move |v: T| s.update(|d| set(d, v))),
    )
}

/// The radio buttons that choose how to sign or to stamp: `methods` in a
/// row, with ids `{group}-{id}` and labels from `{key_prefix}.{id}`.
pub fn method_radios<M: Copy + PartialEq + Send + Sync + 'static>(
    group: &str,
    methods: impl IntoIterator<Item = M>,
    id_of: fn(M) -> &'static str,
    key_prefix: &'static str,
    current: Memo<M>,
    pick: impl Fn(M) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let s = state();
    let name = format!("{group}-method");
    let radios = methods
        .into_iter()
        .map(|m| {
            let rid = format!("{group}-{}", id_of(m));
            view! {
                <div class="radio">
                    <input type="radio" id=rid.clone() name=name.clone()
                        prop:checked=move || current.get() == m
                        on:change=move |_| pick(m)
                    />
                    <label for=rid>{move || s.t(&format!("{key_prefix}.{}", id_of(m)))}</label>
                </div>
            }
        })
        .collect_view();
    view! { <div class="methods">{radios}</div> }
}
