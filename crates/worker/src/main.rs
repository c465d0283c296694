//! The PDF web worker: receives a `rinnovo_core::jobs::Job` (an array of
//! strings) and, for an import, the PDF's bytes; answers with an
//! `rinnovo_core::jobs::Outcome` (an array of strings)
//! and, for a fill, the PDF's bytes (transferred, not copied). It holds
//! lopdf so that the page's own wasm does not, and its work never blocks the
//! page. Built by Trunk as a worker (`data-type="worker"`); natively empty.

/// The worker's allocator (docs/design.md, "talc").
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    use rinnovo_core::jobs::{Job, Outcome};
    use rinnovo_documents::jobs;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let kit: Rc<RefCell<Option<Rc<Kit>>>> = Rc::new(RefCell::new(None));
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            let get =
                |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
            let id = get("id");
            let job = Job::from_message(strings(&get("job")));
            let bytes = get("bytes")
                .dyn_into::<js_sys::Uint8Array>()
                .map(|a| a.to_vec())
                .unwrap_or_default();
            let (kit, scope) = (kit.clone(), reply_scope.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // Only a fill needs the templates and the font: fetched
                // once, then kept.
                let needs_kit = matches!(job, Some(Job::Fill { .. }));
                let fetched = if needs_kit {
                    fetch_kit(&scope, &kit).await
                } else {
                    None
                };
                let (outcome, out) = match job {
                    Some(job) => jobs::run(
                        &job,
                        &bytes,
                        &rinnovo_documents::PDF_TEXTS,
                        fetched.as_deref(),
                    ),
                    None => (
                        Outcome::Error {
                            key: "error.pdf.write".into(),
                        },
                        Vec::new(),
                    ),
                };
                let reply = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&reply, &"id".into(), &id);
                let outcome: js_sys::Array = outcome
                    .to_message()
                    .into_iter()
                    .map(JsValue::from)
                    .collect();
                let _ = js_sys::Reflect::set(&reply, &"outcome".into(), &outcome);
                let array = js_sys::Uint8Array::from(out.as_slice());
                let _ = js_sys::Reflect::set(&reply, &"bytes".into(), &array);
                // The wasm memory never shrinks: its size is the peak so far.
                let memory = (core::arch::wasm32::memory_size(0) * 65536) as f64;
                let _ = js_sys::Reflect::set(&reply, &"memory".into(), &memory.into());
                let transfer = js_sys::Array::of1(&array.buffer());
                let _ = scope.post_message_with_transfer(&reply, &transfer);
            });
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

#[cfg(target_arch = "wasm32")]
use rinnovo_documents::renewal::Kit;

/// A message's array of strings; anything else reads as an empty list,
/// which no job is.
#[cfg(target_arch = "wasm32")]
fn strings(value: &wasm_bindgen::JsValue) -> Vec<String> {
    use wasm_bindgen::JsCast;
    value
        .dyn_ref::<js_sys::Array>()
        .and_then(|a| a.iter().map(|v| v.as_string()).collect())
        .unwrap_or_default()
}

/// The bytes at `url` (relative to the site), or `None`.
#[cfg(target_arch = "wasm32")]
async fn fetch_bytes(scope: &web_sys::DedicatedWorkerGlobalScope, url: &str) -> Option<Vec<u8>> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let response: web_sys::Response = JsFuture::from(scope.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The templates and the font, fetched from the site (and so, offline, from
/// the service worker's cache) the first time, then kept; `None` when one
/// cannot be fetched or read, and the fill then says so.
#[cfg(target_arch = "wasm32")]
async fn fetch_kit(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    cell: &std::rc::Rc<std::cell::RefCell<Option<std::rc::Rc<Kit>>>>,
) -> Option<std::rc::Rc<Kit>> {
    use rinnovo_core::jobs::Doc;
    use rinnovo_documents::fonts;
    if let Some(kit) = cell.borrow().as_ref() {
        return Some(kit.clone());
    }
    let font = fetch_bytes(scope, fonts::REGULAR_URL).await?;
    let support_form = fetch_bytes(scope, Doc::SupportForm.template()?).await?;
    let conditions = fetch_bytes(scope, Doc::Conditions.template()?).await?;
    let kit = std::rc::Rc::new(Kit {
        support_form: support_form.into(),
        conditions: conditions.into(),
        font: std::sync::Arc::new(rinnovo_documents::acroform_font::FontProgram::parse(font).ok()?),
    });
    *cell.borrow_mut() = Some(kit.clone());
    Some(kit)
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
