//! A prepared link (`#/oripan/<data>`, format in `rinnovo_core::link`):
//! Oripan's data of the customer, which the page checks with the site's
//! public key (the browser's Web Crypto, Ed25519) and puts into the company
//! step, each field marked as given by Oripan and still editable.
//!
//! - The data leaves the address bar at once (`#/azienda` replaces it), so
//!   it stays out of the history and a reload does not read it again.
//! - A link that fails its check, or that this browser cannot check,
//!   changes nothing and says so.
//! - A link never overwrites what the customer typed without asking: when
//!   the draft's company fields differ from the link's, the company step
//!   asks first ([`LinkOffer`]).
//! - What the link gave is kept beside the draft (`storage::save_link`)
//!   for the marks and for the licences Oripan counts, shown by the
//!   activations field; "erase my data" erases it too.

use super::state::{state, AppState, Notice};
use super::Route;
use crate::storage;
use leptos::prelude::*;
use rinnovo_core::domain::fields::{CompanyDraft, FieldId, COMPANY};
use rinnovo_core::link::{Encoding, Envelope, LinkError, Prefill, FRAGMENT_PREFIX};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The link's data in the address bar, if it holds one; the address
/// becomes the company step's, without a history entry.
pub(crate) fn take_from_url() -> Option<String> {
    let w = web_sys::window()?;
    let hash = w.location().hash().ok()?;
    let data = hash.strip_prefix(FRAGMENT_PREFIX)?.to_string();
    let clean = Route::Step(rinnovo_core::domain::form::Step::Company).href();
    let _ = w
        .history()
        .and_then(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(&clean)));
    Some(data)
}

/// Checks the link in the background, then fills the form, asks, or says
/// why it cannot. The check is in a wasm part of its own (`link_check`),
/// fetched the first time a link is opened: if it cannot be fetched, the
/// page says so and nothing changes.
pub(crate) fn open(state: AppState, data: String) {
    leptos::task::spawn_local(async move {
        match part::link_check(state, data).await {
            Ok(check) => check.await,
            Err(_) => state.notice.set(Some(Notice::LinkNotLoaded)),
        }
    });
}

#[allow(unsafe_code, improper_ctypes_definitions)]
mod part {
    use super::*;
    use std::future::Future;
    use std::pin::Pin;

    in_part! {
        link,
        /// The link's check and what follows it, as a future made in the part.
        pub(super) fn link_check(
            state: AppState,
            data: String,
        ) -> Result<Pin<Box<dyn Future<Output = ()>>>, SplitLoaderError> {
            Ok(Box::pin(async move { check_and_fill(state, data).await }))
        }
    }
}

async fn check_and_fill(state: AppState, data: String) {
    match checked(&state, &data).await {
        Ok(prefill) if prefill.is_empty() => state.notice.set(Some(Notice::LinkRefused)),
        Ok(prefill) => {
            let typed = state.draft.with_untracked(|d| d.company.clone());
            if overwrites(&typed, &prefill.company) {
                state.link_offer.set(Some(prefill));
            } else {
                apply(&state, prefill);
            }
        }
        Err(LinkError::NoKey) | Err(LinkError::Version) => {
            state.notice.set(Some(Notice::LinkUnsupported))
        }
        Err(_) => state.notice.set(Some(Notice::LinkRefused)),
    }
}

/// Whether filling `link` into `typed` would replace something typed.
fn overwrites(typed: &CompanyDraft, link: &CompanyDraft) -> bool {
    COMPANY.iter().any(|f| {
        let value = |c: &CompanyDraft| c.typed(f.id).unwrap_or("").trim().to_string();
        let (now, new) = (value(typed), value(link));
        !now.is_empty() && !new.is_empty() && now != new
    })
}

/// Puts the link's values into the draft and keeps them for the marks.
fn apply(state: &AppState, prefill: Prefill) {
    state.update(|d| {
        for f in &COMPANY {
            let new = prefill.company.typed(f.id).unwrap_or("");
            if let (false, Some(slot)) = (new.is_empty(), d.company.typed_mut(f.id)) {
                *slot = new.to_string();
            }
        }
    });
    storage::save_link(&prefill);
    state.link.set(Some(prefill));
    state.link_offer.set(None);
    state.notice.set(Some(Notice::LinkApplied));
}

/// The link's values, once its signature holds.
async fn checked(state: &AppState, data: &str) -> Result<Prefill, LinkError> {
    let key = state
        .content()
        .site
        .links
        .as_ref()
        .map(|l| l.public_key)
        .ok_or(LinkError::NoKey)?;
    let envelope = Envelope::parse(data)?;
    if !verify(&key, &envelope.message(), &envelope.signature).await? {
        return Err(LinkError::Signature);
    }
    let body = match envelope.encoding {
        Encoding::Plain => envelope.body,
        Encoding::DeflateRaw => inflate(&envelope.body).await.ok_or(LinkError::Inflate)?,
    };
    Prefill::from_body(&body)
}

/// Ed25519 by Web Crypto: `Ok(valid)`, or [`LinkError::NoKey`] where this
/// browser has no Ed25519 (or no Web Crypto: a page not served over
/// HTTPS).
async fn verify(key: &[u8; 32], message: &[u8], signature: &[u8]) -> Result<bool, LinkError> {
    let unsupported = |_| LinkError::NoKey;
    let subtle = web_sys::window()
        .ok_or(LinkError::NoKey)?
        .crypto()
        .map_err(unsupported)?
        .subtle();
    if subtle.is_undefined() {
        return Err(LinkError::NoKey);
    }
    let usages = js_sys::Array::of1(&JsValue::from_str("verify"));
    let raw = js_sys::Uint8Array::from(key.as_slice());
    let imported = subtle
        .import_key_with_str("raw", &raw, "Ed25519", false, &usages)
        .map_err(unsupported)?;
    let key: web_sys::CryptoKey = JsFuture::from(imported)
        .await
        .map_err(unsupported)?
        .dyn_into()
        .map_err(unsupported)?;
    let valid = subtle
        .verify_with_str_and_u8_array_and_u8_array("Ed25519", &key, signature, message)
        .map_err(|_| LinkError::Signature)?;
    let valid = JsFuture::from(valid)
        .await
        .map_err(|_| LinkError::Signature)?;
    Ok(valid.as_bool() == Some(true))
}

/// Raw deflate by the browser's `DecompressionStream` (reached through
/// `Reflect`: web-sys has it among its unstable APIs only).
async fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    let input = web_sys::Response::new_with_opt_u8_array(Some(&mut data.to_vec())).ok()?;
    let global = js_sys::global();
    let class: js_sys::Function =
        js_sys::Reflect::get(&global, &JsValue::from_str("DecompressionStream"))
            .ok()?
            .dyn_into()
            .ok()?;
    let stream = js_sys::Reflect::construct(
        &class,
        &js_sys::Array::of1(&JsValue::from_str("deflate-raw")),
    )
    .ok()?;
    let side = |name: &str| js_sys::Reflect::get(&stream, &JsValue::from_str(name)).ok();
    let pair = web_sys::ReadableWritablePair::new(
        &side("readable")?.dyn_into().ok()?,
        &side("writable")?.dyn_into().ok()?,
    );
    let output = input.body()?.pipe_through(&pair);
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&output)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Whether `field` holds what Oripan's link gave.
pub(crate) fn provided(s: &AppState, field: FieldId) -> bool {
    s.link.with(|l| {
        l.as_ref().is_some_and(|l| {
            let given = l.company.typed(field).unwrap_or("");
            !given.is_empty() && s.draft.with(|d| d.company.typed(field) == Some(given))
        })
    })
}

/// The question when a link would replace what the customer typed: use
/// Oripan's data, or keep one's own.
#[component]
pub fn LinkOffer() -> impl IntoView {
    let s = state();
    move || {
        s.link_offer.get().map(|prefill| {
            let prefill = StoredValue::new(prefill);
            view! {
                <div class="notice link-offer" role="group" aria-labelledby="link-offer-text">
                    <p id="link-offer-text">{move || s.fill(&s.t("link.offer"))}</p>
                    <button type="button" class="primary small"
                        on:click=move |_| apply(&s, prefill.get_value())>
                        {move || s.fill(&s.t("link.offer.use"))}
                    </button>
                    <button type="button" class="secondary small"
                        on:click=move |_| s.link_offer.set(None)>
                        {move || s.t("link.offer.keep")}
                    </button>
                </div>
            }
        })
    }
}

/// The id of [`LicencesNote`], which describes the activations field.
pub(crate) const LICENCES_ID: &str = "activations-licences";

/// Beside the activations field: the licences Oripan counts in use (empty
/// without a link that says).
#[component]
pub fn LicencesNote() -> impl IntoView {
    let s = state();
    let text = move || {
        let n = s.link.with(|l| l.as_ref().and_then(|l| l.licences));
        match n {
            Some(1) => s.fill(&s.t("link.licences.one")),
            Some(n) => s.fill(&s.t("link.licences")).replace("{n}", &n.to_string()),
            None => String::new(),
        }
    };
    view! { <p class="info provided-licences" id=LICENCES_ID>{text}</p> }
}
