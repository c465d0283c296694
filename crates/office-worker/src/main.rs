//! The office page's web worker: receives one returned file (`{name,
//! bytes}`, the bytes transferred) and answers with
//! `rinnovo_cli::examine::Reply` as JSON (`{name, reply}`): the row that
//! `rinnovo-pdf extract --csv` writes for it, how each document was signed
//! and what `verify` says. The same library as the command, compiled to
//! wasm, so the page and the command cannot disagree. One file at a time;
//! the page sends the next when this one is answered. Built by Trunk as a
//! worker (`data-type="worker"`); natively empty.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    // The provincia siglas that a row's provincia is checked against, as
    // the command reads them; none if the built-in content did not parse
    // (a defect of the build), and the provincia is then kept as typed.
    let province = rinnovo_core::content::Content::embedded()
        .map(|c| c.province)
        .unwrap_or_default();
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            let get =
                |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
            let name = get("name").as_string().unwrap_or_default();
            let bytes = get("bytes")
                .dyn_into::<js_sys::ArrayBuffer>()
                .map(|b| js_sys::Uint8Array::new(&b).to_vec())
                .unwrap_or_default();
            let examined = rinnovo_cli::examine::examine(&name, &bytes, &province);
            let reply = rinnovo_cli::examine::Reply::from(&examined);
            let json = serde_json::to_string(&reply).unwrap_or_default();
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"name".into(), &name.into());
            let _ = js_sys::Reflect::set(&message, &"reply".into(), &json.into());
            let _ = reply_scope.post_message(&message);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
