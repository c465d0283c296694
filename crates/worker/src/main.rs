//! The PDF web worker: receives a `rinnovo_core::jobs::Job` (JSON) and, for an
//! import, the PDF's bytes; answers with an `rinnovo_core::jobs::Outcome` (JSON)
//! and, for a fill, the PDF's bytes (transferred, not copied). It holds
//! lopdf so that the page's own wasm does not, and its work never blocks the
//! page. Built by Trunk as a worker (`data-type="worker"`); natively empty.

#[cfg(target_arch = "wasm32")]
fn main() {
    use rinnovo_core::content::Content;
    use rinnovo_core::jobs::{Job, Outcome};
    use rinnovo_documents::jobs;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let content = Content::embedded();
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            let get =
                |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
            let id = get("id");
            let job: Option<Job> = get("job")
                .as_string()
                .and_then(|j| serde_json::from_str(&j).ok());
            let bytes = get("bytes")
                .dyn_into::<js_sys::Uint8Array>()
                .map(|a| a.to_vec())
                .unwrap_or_default();
            let (outcome, out) = match (&content, job) {
                (Ok(content), Some(job)) => jobs::run(&job, &bytes, content),
                _ => (
                    Outcome::Error {
                        key: "error.pdf.write".into(),
                    },
                    Vec::new(),
                ),
            };
            let reply = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&reply, &"id".into(), &id);
            let outcome = serde_json::to_string(&outcome).unwrap_or_default();
            let _ = js_sys::Reflect::set(&reply, &"outcome".into(), &outcome.into());
            let array = js_sys::Uint8Array::from(out.as_slice());
            let _ = js_sys::Reflect::set(&reply, &"bytes".into(), &array);
            // The wasm memory never shrinks: its size is the peak so far.
            let memory = (core::arch::wasm32::memory_size(0) * 65536) as f64;
            let _ = js_sys::Reflect::set(&reply, &"memory".into(), &memory.into());
            let transfer = js_sys::Array::of1(&array.buffer());
            let _ = reply_scope.post_message_with_transfer(&reply, &transfer);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
