//! The PDFs in the page: downloading the filled documents from the review,
//! the blank forms, and resuming a draft from a PDF this app made. The PDF
//! work itself is in [`crate::pdf`]; this module only moves bytes between it
//! and the browser (files in, blobs out).

use super::image_upload::{dropped_file, picked_file};
use super::{embed, state, Notice, Route};
use crate::domain::draft::{Draft, StoredDraft};
use crate::domain::form::{self, ValidForm};
use crate::jobs::{Doc, Job, Outcome};
use crate::pdf::renewal;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The largest PDF the app opens (the worker's loader refuses larger ones).
const MAX_PDF_BYTES: f64 = 20.0 * 1024.0 * 1024.0;
/// The worker script Trunk builds from `src/bin/pdf-worker.rs`, relative to
/// the page so that any sub-path works.
const WORKER_URL: &str = "./pdf-worker-loader.js";
/// A job that takes longer than this is given up and its worker killed: a
/// hostile PDF can never freeze anything.
const JOB_TIMEOUT: Duration = Duration::from_secs(20);

type Reply = Box<dyn FnOnce(Outcome, Vec<u8>)>;

thread_local! {
    /// The worker's wasm memory after its last job, in bytes: its peak.
    static WORKER_MEMORY: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// The PDF worker, started on first use and kept; killed on a timeout or an
/// error, and started again for the next job.
#[derive(Default)]
struct PdfWorker {
    worker: Option<web_sys::Worker>,
    next_id: u32,
    pending: HashMap<u32, Reply>,
}

thread_local! {
    static WORKER: RefCell<PdfWorker> = RefCell::new(PdfWorker::default());
}

fn fail_all(key: &str) {
    let pending: Vec<Reply> = WORKER.with(|w| {
        let mut w = w.borrow_mut();
        if let Some(worker) = w.worker.take() {
            worker.terminate();
        }
        w.pending.drain().map(|(_, r)| r).collect()
    });
    for reply in pending {
        reply(
            Outcome::Error {
                key: key.to_string(),
            },
            Vec::new(),
        );
    }
}

fn start_worker() -> Option<web_sys::Worker> {
    let worker = web_sys::Worker::new(WORKER_URL).ok()?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|ev: web_sys::MessageEvent| {
            let data = ev.data();
            let get =
                |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
            let id = get("id").as_f64().unwrap_or(-1.0) as u32;
            let outcome = get("outcome")
                .as_string()
                .and_then(|o| serde_json::from_str::<Outcome>(&o).ok())
                .unwrap_or(Outcome::Error {
                    key: "error.pdf.write".into(),
                });
            if let Some(m) = get("memory").as_f64() {
                WORKER_MEMORY.with(|w| w.set(m));
            }
            let bytes = get("bytes")
                .dyn_into::<js_sys::Uint8Array>()
                .map(|a| a.to_vec())
                .unwrap_or_default();
            if let Some(reply) = WORKER.with(|w| w.borrow_mut().pending.remove(&id)) {
                reply(outcome, bytes);
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|ev: web_sys::Event| {
        ev.prevent_default();
        fail_all("error.pdf.worker");
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Some(worker)
}

/// Starts the worker ahead of need, so that its wasm is loaded by the time
/// the user asks for a PDF.
pub fn warm_up() {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        if w.worker.is_none() {
            w.worker = start_worker();
        }
    });
}

/// Runs `job` in the worker; `reply` gets the outcome and any bytes.
pub fn run_job(job: &Job, bytes: &[u8], reply: impl FnOnce(Outcome, Vec<u8>) + 'static) {
    warm_up();
    let sent = WORKER.with(|w| {
        let mut w = w.borrow_mut();
        let worker = w.worker.clone()?;
        w.next_id = w.next_id.wrapping_add(1);
        let id = w.next_id;
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"id".into(), &id.into());
        let _ = js_sys::Reflect::set(
            &msg,
            &"job".into(),
            &serde_json::to_string(job).ok()?.into(),
        );
        let _ = js_sys::Reflect::set(&msg, &"bytes".into(), &js_sys::Uint8Array::from(bytes));
        worker.post_message(&msg).ok()?;
        w.pending.insert(id, Box::new(reply));
        Some(id)
    });
    let Some(id) = sent else {
        // `reply` was dropped unused only if the worker could not start.
        return fail_all("error.pdf.worker");
    };
    set_timeout(
        move || {
            if WORKER.with(|w| w.borrow().pending.contains_key(&id)) {
                fail_all("error.pdf.timeout");
            }
        },
        JOB_TIMEOUT,
    );
}

fn label_key(doc: Doc) -> &'static str {
    match doc {
        Doc::SupportForm => "download.support_form",
        Doc::Conditions => "download.conditions",
        Doc::Both => "download.both",
    }
}

/// Hands bytes to the browser as a downloaded file.
pub fn save_file(bytes: &[u8], name: &str, mime: &str) -> Result<(), ()> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(|_| ())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ())?;
    let a: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Let the download start before the URL goes.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_default()
}

/// Records a User Timing measure `name` from `start` to now
/// (`performance.measure(name, { start, end, detail })`), for benchmarks and
/// the browser's performance panel; its detail is the PDF worker's peak
/// wasm memory in bytes (`{ workerMemory }`).
fn measure(name: &str, start: f64) {
    let Some(perf) = window().performance() else {
        return;
    };
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&opts, &"end".into(), &now_ms().into());
    let detail = js_sys::Object::new();
    let memory = WORKER_MEMORY.with(|w| w.get());
    let _ = js_sys::Reflect::set(&detail, &"workerMemory".into(), &memory.into());
    let _ = js_sys::Reflect::set(&opts, &"detail".into(), &detail);
    if let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = f.call2(&perf, &name.into(), &opts);
    }
}

/// The download buttons, shown on the review page when the form is valid.
#[component]
pub fn DownloadPanel(form: ValidForm) -> impl IntoView {
    let s = state();
    let unprintable = renewal::unprintable(&form);
    if !unprintable.is_empty() {
        let items = unprintable
            .into_iter()
            .map(|(field, chars)| {
                let list: String = chars.iter().map(|c| format!("«{c}» ")).collect();
                view! {
                    <li>
                        <a href=Route::Step(field.step()).href()
                            on:click=move |ev| { ev.prevent_default(); s.edit_field(field); }>
                            <strong>{move || s.t(&format!("field.{}", field.id()))}</strong>
                        </a>
                        ": "{move || s.t("download.unprintable_chars")}" "{list}
                    </li>
                }
            })
            .collect_view();
        return view! {
            <section class="callout warn" aria-labelledby="unprintable-title">
                <h2 id="unprintable-title">{move || s.t("download.unprintable_title")}</h2>
                <ul>{items}</ul>
            </section>
        }
        .into_any();
    }
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(None::<Doc>);
    warm_up();
    let make = move |doc: Doc| {
        error.set(None);
        busy.set(Some(doc));
        let started = now_ms();
        let draft = s
            .draft
            .with_untracked(|d| StoredDraft::new(Route::Review.slug(), d.clone()).to_json());
        run_job(&Job::Fill { doc, draft }, &[], move |outcome, bytes| {
            busy.set(None);
            match outcome {
                Outcome::Pdf { file_name } => {
                    let ms = now_ms() - started;
                    leptos::logging::log!(
                        "rinnovo: {} made in {ms:.0} ms, {} bytes",
                        doc.id(),
                        bytes.len()
                    );
                    if save_file(&bytes, &file_name, "application/pdf").is_ok() {
                        // From the click to the download's object URL.
                        measure(&format!("rinnovo:pdf:{}", doc.id()), started);
                        s.announce(s.t("download.done").replace("{name}", &file_name));
                        embed::post_download(doc.id());
                    } else {
                        error.set(Some(s.t("download.failed")));
                    }
                }
                Outcome::Error { key } => error.set(Some(s.t(&key))),
                Outcome::Invalid | Outcome::Draft { .. } => error.set(Some(s.t("error.pdf.write"))),
            }
        });
    };
    view! {
        <section class="downloads" aria-labelledby="downloads-title">
            <h2 id="downloads-title">{move || s.t("download.title")}</h2>
            <p>{move || s.t("download.intro")}</p>
            <div class="download-buttons">
                {Doc::ALL.into_iter().map(|doc| view! {
                    <button type="button" class=if doc == Doc::Both { "primary" } else { "secondary" }
                        aria-disabled=move || busy.get().is_some().to_string()
                        on:click=move |_| if busy.get_untracked().is_none() { make(doc) }>
                        {move || if busy.get() == Some(doc) { s.t("download.making") } else { s.t(label_key(doc)) }}
                    </button>
                }).collect_view()}
            </div>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </section>
    }
    .into_any()
}

/// Links to the blank forms, to print and fill by hand.
#[component]
pub fn BlankForms() -> impl IntoView {
    let s = state();
    view! {
        <section class="blank-forms" aria-labelledby="blank-title">
            <h2 id="blank-title">{move || s.t("blank.title")}</h2>
            <p>{move || s.t("blank.intro")}</p>
            <ul>
                <li><a href="templates/modulo-assistenza.pdf" download="Oripan_Modulo_Assistenza.pdf">
                    {move || s.t("blank.support_form")}</a></li>
                <li><a href="templates/condizioni-generali.pdf" download="Oripan_Condizioni_Generali.pdf">
                    {move || s.t("blank.conditions")}</a></li>
            </ul>
        </section>
    }
}

/// The message key for an import that gave no draft.
fn outcome_key(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Error { key } => key.clone(),
        _ => "error.pdf.unreadable_data".into(),
    }
}

/// Reads a picked file's bytes.
async fn read_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// "Resume from a PDF": a PDF this app made carries the draft; picking or
/// dropping it restores the draft, after a confirmation if one exists.
#[component]
pub fn ResumeFromPdf() -> impl IntoView {
    let s = state();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<StoredDraft>);
    let busy = RwSignal::new(false);
    let dragging = RwSignal::new(false);
    let restore = move |stored: StoredDraft| {
        s.draft.set(stored.draft);
        s.shown.set(Default::default());
        pending.set(None);
        s.notice.set(Some(Notice::ResumedFromPdf));
        Route::Review.go();
    };
    let accept = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        error.set(None);
        pending.set(None);
        if file.size() > MAX_PDF_BYTES {
            error.set(Some("error.pdf.too_large".into()));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let Some(bytes) = read_bytes(&file).await else {
                busy.set(false);
                error.set(Some("error.pdf.damaged".into()));
                return;
            };
            run_job(&Job::Import, &bytes, move |outcome, _| {
                busy.set(false);
                let stored = match &outcome {
                    Outcome::Draft { ref draft } => StoredDraft::from_json(draft).ok(),
                    _ => None,
                };
                match (stored, outcome_key(&outcome)) {
                    (Some(stored), _) => {
                        if s.draft.with_untracked(|d| *d == Draft::default()) {
                            restore(stored);
                        } else {
                            pending.set(Some(stored));
                            // The question is a dialog: take the focus to its
                            // answer so keyboard and screen reader users meet it.
                            request_animation_frame(|| {
                                if let Some(b) = document()
                                    .get_element_by_id("resume-replace")
                                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                                {
                                    let _ = b.focus();
                                }
                            });
                        }
                    }
                    (None, key) => {
                        s.announce(s.t(&key));
                        error.set(Some(key));
                    }
                }
            });
        });
    };
    view! {
        <section class="resume upload" class:dragging=move || dragging.get()
            aria-labelledby="resume-title"
            on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                dragging.set(false);
                accept(dropped_file(&ev));
            }>
            <h2 id="resume-title">{move || s.t("resume.title")}</h2>
            <label for="resume-pdf" class="upload-label">{move || s.t("resume.label")}</label>
            <p class="hint" id="resume-hint">{move || s.t("resume.hint")}</p>
            <input type="file" id="resume-pdf" accept="application/pdf,.pdf"
                aria-describedby="resume-hint resume-error"
                aria-invalid=move || error.get().is_some().to_string()
                on:change=move |ev| accept(picked_file(&ev))/>
            <p id="resume-error" class="field-error" aria-live="polite">
                {move || error.get().map(|k| view! {
                    <span class="error-icon" aria-hidden="true">"!"</span>{s.t(&k)}
                })}
            </p>
            <p class="hint" aria-live="polite">
                {move || busy.get().then(|| s.t("resume.reading"))}
            </p>
            {move || pending.get().map(|stored| {
                let stored = StoredValue::new(stored);
                view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="resume-confirm-text">
                        <p id="resume-confirm-text">{move || s.t("resume.confirm")}</p>
                        <button type="button" id="resume-replace" class="primary" on:click=move |_| restore(stored.get_value())>
                            {move || s.t("resume.replace")}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| pending.set(None)>
                            {move || s.t("resume.cancel")}
                        </button>
                    </div>
                }
            })}
        </section>
    }
}

/// The valid form, when the draft is complete, for the review page.
pub fn valid_form() -> Option<ValidForm> {
    let s = state();
    s.draft.with(|d| form::validate(d, s.rules).ok())
}
