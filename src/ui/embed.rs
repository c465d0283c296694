//! Living in an iframe on the vendor's site: the app tells its parent page
//! its content height (so the host can size the iframe with no inner
//! scrollbar) and that the PDFs were downloaded. Messages carry no form
//! data, and the app listens to no message: nothing outside can change its
//! state. The host gives the iframe `allow="web-share"` for the review's
//! share button (`ui::send`); without it the browser refuses the Web Share
//! API to a frame of another origin, and the button is not shown.
//!
//! Message format (`postMessage` to the parent, any origin):
//! `{ "source": "rinnovo", "type": "height", "height": <CSS px> }` and
//! `{ "source": "rinnovo", "type": "downloaded", "document": "both" | "support-form" | "conditions" }`.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn parent() -> Option<web_sys::Window> {
    let w = web_sys::window()?;
    let parent = w.parent().ok().flatten()?;
    // At the top level, `parent` is the window itself.
    (!js_sys::Object::is(&parent, &w)).then_some(parent)
}

fn post(kind: &str, fields: &[(&str, JsValue)]) {
    let Some(parent) = parent() else { return };
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"source".into(), &"rinnovo".into());
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &kind.into());
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&msg, &(*k).into(), v);
    }
    let _ = parent.post_message(&msg, "*");
}

pub fn post_download(document: &str) {
    post("downloaded", &[("document", document.into())]);
}

/// Posts the document's height now and whenever it changes.
pub fn watch_height() {
    if parent().is_none() {
        return;
    }
    let last = std::rc::Rc::new(std::cell::Cell::new(-1.0));
    let report = move || {
        let Some(root) = document().document_element() else {
            return;
        };
        // The content's own height: inside an iframe `scrollHeight` is never
        // less than the frame, so a frame sized by it could never shrink.
        let h = root.get_bounding_client_rect().height().ceil();
        if (h - last.get()).abs() >= 1.0 {
            last.set(h);
            post("height", &[("height", h.into())]);
        }
    };
    report();
    let callback = Closure::<dyn FnMut()>::new(report);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        if let Some(body) = document().body() {
            observer.observe(&body);
        }
    }
    // The observer lives as long as the page.
    callback.forget();
}
