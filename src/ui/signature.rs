//! Choosing how to sign, and signing: drawn on a pad, typed, uploaded as an
//! image, left to sign by hand after printing, or left for a qualified
//! digital signature. Every method but drawing works with the keyboard.

use super::field::{method_radios, FieldError};
use super::image_upload::ImageUpload;
use super::signature_pad::SignaturePad;
use super::state;
use leptos::prelude::*;
use rinnovo_core::domain::draft::{Draft, SignatureDraft, SignatureMethod};
use rinnovo_core::domain::form::FieldId;
use wasm_bindgen::JsCast;

/// Renders a typed name as a signature-like PNG (the system's cursive
/// face; no font is fetched), cropped to the text, transparent.
fn render_typed(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return Some(String::new());
    }
    let font = "italic 56px 'Segoe Script', 'Brush Script MT', 'URW Chancery L', cursive";
    let canvas: web_sys::HtmlCanvasElement =
        document().create_element("canvas").ok()?.dyn_into().ok()?;
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_font(font);
    let width = ctx.measure_text(name).ok()?.width().clamp(1.0, 1400.0);
    canvas.set_width((width + 24.0).ceil() as u32);
    canvas.set_height(84);
    // Resizing resets the context state.
    ctx.set_font(font);
    ctx.set_fill_style_str("#0b2a6f");
    ctx.set_text_baseline("middle");
    ctx.fill_text_with_max_width(name, 12.0, 42.0, 1400.0)
        .ok()?;
    canvas.to_data_url_with_type("image/png").ok()
}

#[component]
pub fn SignatureInput(
    /// The field whose errors this signature shows; its id is the group's.
    field: FieldId,
    get: fn(&Draft) -> &SignatureDraft,
    get_mut: fn(&mut Draft) -> &mut SignatureDraft,
    legend_key: &'static str,
    /// Offer "firma digitale" (not for the clause approval of a printed copy).
    #[prop(default = true)]
    allow_digital: bool,
) -> impl IntoView {
    let s = state();
    let id = field.id();
    // A memo: the panel below is rebuilt only when the method changes, not on
    // every change of the draft (which would reset the pad mid-signature).
    let method = Memo::new(move |_| s.draft.with(|d| get(d).method));
    let methods: Vec<SignatureMethod> = SignatureMethod::ALL
        .into_iter()
        .filter(|m| allow_digital || *m != SignatureMethod::Digital)
        .collect();
    let invalid = move || s.field_error(field).is_some().to_string();
    view! {
        <fieldset id=id tabindex="-1" class="signature" aria-describedby=format!("{id}-error") aria-invalid=invalid>
            <legend>{move || s.t(legend_key)}</legend>
            {method_radios(id, methods, SignatureMethod::id, "signature.method", method,
                move |m| s.update(|d| get_mut(d).method = m))}
            <div class="method-panel">
                {move || match method.get() {
                    SignatureMethod::Drawn => view! {
                        <SignaturePad
                            id=format!("{id}-pad")
                            value=Memo::new(move |_| s.draft.with(|d| get(d).drawn_png.clone()))
                            on_change=Callback::new(move |png: String| s.update(|d| get_mut(d).drawn_png = png))
                        />
                    }.into_any(),
                    SignatureMethod::Typed => {
                        let tid = format!("{id}-typed-name");
                        view! {
                            <div class="field">
                                <label for=tid.clone()>{move || s.t("signature.typed_label")}</label>
                                <input id=tid type="text" autocomplete="name"
                                    prop:value=move || s.draft.with(|d| get(d).typed.clone())
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev);
                                        let png = render_typed(&v).unwrap_or_default();
                                        s.update(|d| {
                                            let sig = get_mut(d);
                                            sig.typed = v;
                                            sig.typed_png = png;
                                        });
                                    }
                                />
                                <p class="typed-preview" aria-hidden="true">{move || s.draft.with(|d| get(d).typed.clone())}</p>
                            </div>
                        }.into_any()
                    }
                    SignatureMethod::Uploaded => view! {
                        <ImageUpload
                            id=format!("{id}-upload")
                            label_key="signature.upload_label"
                            alt_key="signature.upload_alt"
                            value=Memo::new(move |_| s.draft.with(|d| get(d).uploaded_png.clone()))
                            on_change=Callback::new(move |png: String| s.update(|d| get_mut(d).uploaded_png = png))
                            max_side=1000
                        />
                    }.into_any(),
                    SignatureMethod::Handwritten => view! {
                        <p class="info">{move || s.t("signature.handwritten_info")}</p>
                    }.into_any(),
                    SignatureMethod::Digital => view! {
                        <p class="info">{move || s.t("signature.digital_info")}</p>
                    }.into_any(),
                }}
            </div>
            <FieldError field/>
        </fieldset>
    }
}
