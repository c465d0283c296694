//! Sending the PDFs from the review page. "Scrivi la PEC a Oripan" is a
//! `mailto:` link with the message of [`rinnovo_core::mail`]; a link cannot
//! attach files, and the note beside it says so. Where the browser can
//! share files (phones), "Condividi i PDF" hands both documents to the
//! system share sheet (Web Share API level 2); elsewhere there is no such
//! button. Either way nothing leaves the browser but by the user's hand:
//! the mail program, or the app picked in the share sheet, sends it.

use super::fill::fill_job;
use super::state;
use super::worker::run_job;
use leptos::prelude::*;
use rinnovo_core::domain::form::ValidForm;
use rinnovo_core::jobs::Outcome;
use rinnovo_core::mail::{Mail, DOCS};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A PDF as the share sheet takes it: a `File` of type application/pdf.
fn pdf_file(bytes: &[u8], name: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type("application/pdf");
    web_sys::File::new_with_u8_array_sequence_and_options(&parts, name, &opts).ok()
}

/// `navigator[method]({ files, title, text })` (title and text if given),
/// or `None` where the browser has no such method or it throws.
fn call_navigator(method: &str, files: &[web_sys::File], mail: Option<&Mail>) -> Option<JsValue> {
    let data = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&data, &key.into(), value);
    let _ = set("files", &files.iter().collect::<js_sys::Array>());
    if let Some(mail) = mail {
        let _ = set("title", &mail.subject.as_str().into());
        let _ = set("text", &mail.body.as_str().into());
    }
    let navigator = window().navigator();
    js_sys::Reflect::get(&navigator, &method.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call1(&navigator, &data)
        .ok()
}

/// Whether `navigator.canShare({ files })` accepts a PDF. It is missing on
/// most desktop browsers, and false inside an iframe whose host did not
/// give it `allow="web-share"`.
fn can_share_pdfs() -> bool {
    pdf_file(&[], "Oripan.pdf")
        .and_then(|file| call_navigator("canShare", &[file], None))
        .is_some_and(|v| v.is_truthy())
}

/// The PEC link with its note, and the share button where files can be
/// shared.
#[component]
pub fn SendPanel(form: ValidForm) -> impl IntoView {
    let s = state();
    let can_share = can_share_pdfs();
    // The worker is making the PDFs to share; a tap waits for them.
    let busy = StoredValue::new(false);
    let waiting = StoredValue::new(false);
    let ready = StoredValue::new_local(None::<Vec<web_sys::File>>);
    let error = RwSignal::new(None::<String>);
    let form = StoredValue::new(form);
    let mail = move |lang| form.with_value(|f| Mail::renewal(f, s.content.get_untracked(), lang));
    let fail = move |key: &str| {
        busy.set_value(false);
        if waiting.get_value() {
            waiting.set_value(false);
            error.set(Some(s.t(key)));
        }
    };
    // The share sheet with the PDFs, if they are made; false if not yet.
    let share_ready = move || {
        ready.with_value(|files| {
            let Some(files) = files else { return false };
            let Some(promise) = call_navigator("share", files, Some(&mail(s.lang.get_untracked())))
            else {
                error.set(Some(s.t("send.share_failed")));
                return true;
            };
            // AbortError: the user closed the share sheet; nothing to say.
            let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
                let name = js_sys::Reflect::get(&e, &"name".into()).ok();
                if name.and_then(|n| n.as_string()).as_deref() != Some("AbortError") {
                    error.set(Some(s.t("send.share_failed")));
                }
            });
            let _ = js_sys::Promise::resolve(&promise).catch(&on_error);
            on_error.forget();
            true
        })
    };
    // Both documents from the worker, the same jobs as the downloads, kept
    // in the order of DOCS whatever order the answers come in (CI once saw
    // the conditions first). Made before the tap where sharing is possible:
    // Safari on iOS opens the share sheet only from within the tap itself,
    // not after waiting for the worker.
    let make = move || {
        busy.set_value(true);
        let made = Rc::new(RefCell::new(vec![None; DOCS.len()]));
        for (i, doc) in DOCS.into_iter().enumerate() {
            let made = made.clone();
            run_job(&fill_job(s, doc), &[], move |outcome, bytes| {
                let file = match outcome {
                    Outcome::Pdf { file_name } => pdf_file(&bytes, &file_name),
                    Outcome::Error { key } => return fail(&key),
                    _ => return fail("error.pdf.write"),
                };
                let Some(file) = file else {
                    return fail("error.pdf.write");
                };
                let mut made = made.borrow_mut();
                if let Some(slot) = made.get_mut(i) {
                    *slot = Some(file);
                }
                if made.iter().all(Option::is_some) {
                    busy.set_value(false);
                    ready.set_value(Some(made.drain(..).flatten().collect()));
                    if waiting.get_value() {
                        waiting.set_value(false);
                        share_ready();
                    }
                }
            });
        }
    };
    if can_share {
        make();
    }
    let share_button = can_share.then(|| {
        view! {
            <button type="button" class="secondary" on:click=move |_| {
                error.set(None);
                if !share_ready() {
                    waiting.set_value(true);
                    if !busy.get_value() {
                        make();
                    }
                }
            }>
                {s.text("send.share")}
            </button>
            <p class="field-error" role="alert">{move || error.get()}</p>
        }
    });
    view! {
        <section class="downloads send" aria-labelledby="send-title">
            <h2 id="send-title">{s.text("send.title")}</h2>
            <a class="button primary" aria-describedby="send-note"
                href=move || mail(s.lang.get()).mailto()>
                {s.text("send.mail")}
            </a>
            <p id="send-note" class="hint">{s.text("send.mail_note")}</p>
            {share_button}
        </section>
    }
}
