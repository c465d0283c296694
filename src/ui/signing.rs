//! Signer, place, date, signature and company stamp: the block that both the
//! support form and the general conditions need.

use super::field::{bind, method_radios, FieldError, TextField};
use super::image_upload::ImageUpload;
use super::signature::SignatureInput;
use super::state;
use leptos::prelude::*;
use rinnovo_core::domain::draft::{Draft, SignatureDraft, SigningDraft, StampMethod};
use rinnovo_core::domain::fields::Input;
use rinnovo_core::domain::form::FieldId;

/// Today in the browser's time zone, as `YYYY-MM-DD`.
pub fn today_iso() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Fills what can be guessed and is still blank: the signer is the legal
/// representative, the place the registered office's comune, the date today.
pub fn prefill(sel_mut: fn(&mut Draft) -> &mut SigningDraft) {
    let s = state();
    let today = today_iso();
    s.update(|d| {
        let rep = format!(
            "{} {}",
            d.company.rappr_nome.trim(),
            d.company.rappr_cognome.trim()
        );
        let comune = d.company.comune.trim().to_string();
        let sg = sel_mut(d);
        if sg.signer.trim().is_empty() && !rep.trim().is_empty() {
            sg.signer = rep.trim().to_string();
        }
        if sg.place.trim().is_empty() && !comune.is_empty() {
            sg.place = comune;
        }
        if sg.date.is_empty() {
            sg.date = today;
        }
    });
}

#[component]
pub fn SigningFields(
    /// Signer, place, date, signature and stamp fields, in that order.
    fields: [FieldId; 5],
    sel: fn(&Draft) -> &SigningDraft,
    sel_mut: fn(&mut Draft) -> &mut SigningDraft,
    sig: fn(&Draft) -> &SignatureDraft,
    sig_mut: fn(&mut Draft) -> &mut SignatureDraft,
) -> impl IntoView {
    let s = state();
    let [signer, place, date, signature, stamp] = fields;
    let (signer_v, signer_set) = bind(
        move |d| sel(d).signer.clone(),
        move |d, v| sel_mut(d).signer = v,
    );
    let (place_v, place_set) = bind(
        move |d| sel(d).place.clone(),
        move |d, v| sel_mut(d).place = v,
    );
    let (date_v, date_set) = bind(
        move |d| sel(d).date.clone(),
        move |d, v| sel_mut(d).date = v,
    );
    let (stamp_v, stamp_set) = bind(
        move |d| sel(d).stamp.png.clone(),
        move |d, v| sel_mut(d).stamp.png = v,
    );
    let stamp_method = Memo::new(move |_| s.draft.with(|d| sel(d).stamp.method));
    let stamp_id = stamp.id();
    let stamp_invalid = move || s.field_error(stamp).is_some().to_string();
    view! {
        <div class="grid">
            <TextField field=signer value=signer_v on_input=signer_set
                input=Input { autocomplete: Some("name"), hint: true, wide: true, ..Input::TEXT }/>
            <TextField field=place value=place_v on_input=place_set
                input=Input { autocomplete: Some("address-level2"), ..Input::TEXT }/>
            <TextField field=date value=date_v on_input=date_set input=Input { input_type: "date", ..Input::TEXT }/>
        </div>
        <SignatureInput field=signature get=sig get_mut=sig_mut legend_key="signature.legend"/>
        <fieldset id=stamp_id tabindex="-1" class="stamp" aria-describedby=format!("{stamp_id}-error") aria-invalid=stamp_invalid>
            <legend>{move || s.t("stamp.legend")}</legend>
            {method_radios(stamp_id, StampMethod::ALL, StampMethod::id, "stamp.method", stamp_method,
                move |m| s.update(|d| sel_mut(d).stamp.method = m))}
            <div class="method-panel">
                {move || match stamp_method.get() {
                    StampMethod::Uploaded => view! {
                        <ImageUpload
                            id=format!("{stamp_id}-upload")
                            label_key="stamp.upload_label"
                            alt_key="stamp.alt"
                            value=stamp_v
                            on_change=stamp_set
                            max_side=800
                        />
                    }.into_any(),
                    StampMethod::ByHand => view! {
                        <p class="info">{move || s.t("stamp.by_hand_info")}</p>
                    }.into_any(),
                }}
            </div>
            <FieldError field=stamp/>
        </fieldset>
    }
}
