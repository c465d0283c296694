//! Downloads: the filled PDFs from the review page (made by the worker,
//! timed with a User Timing measure), and the blank forms.

use super::fill::fill_job;
use super::worker::{run_job, warm_up, worker_memory};
use super::{embed, state, Route};
use leptos::prelude::*;
use rinnovo_core::domain::form::ValidForm;
use rinnovo_core::jobs::{Doc, Outcome};
use rinnovo_core::printable;
use std::time::Duration;
use wasm_bindgen::JsCast;

fn label_key(doc: Doc) -> &'static str {
    match doc {
        Doc::SupportForm => "download.support_form",
        Doc::Conditions => "download.conditions",
        Doc::Both => "download.both",
    }
}

/// Chromium drops, silently, the downloads a page starts beyond ten a
/// second. Eleven quick clicks lost the eleventh PDF (while the page said
/// it had started); so at most `BURST` downloads start in any `WINDOW_MS`,
/// and a later one waits for its turn.
const BURST: usize = 10;
const WINDOW_MS: f64 = 1100.0;

thread_local! {
    /// When the last downloads started (or will), in `performance.now()` ms.
    static STARTS: std::cell::RefCell<std::collections::VecDeque<f64>> =
        const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
}

/// How long, in ms from `now`, the next download must wait for its turn;
/// books that turn.
fn download_turn(now: f64) -> f64 {
    STARTS.with(|starts| {
        let mut starts = starts.borrow_mut();
        while starts.front().is_some_and(|t| *t <= now - WINDOW_MS) {
            starts.pop_front();
        }
        let wait = if starts.len() < BURST {
            0.0
        } else {
            starts
                .get(starts.len() - BURST)
                .map_or(0.0, |t| (t + WINDOW_MS - now).max(0.0))
        };
        starts.push_back(now + wait);
        wait
    })
}

/// The browser would not make the file or the link that downloads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the browser refused to make the download")]
pub struct DownloadRefused;

/// Hands bytes to the browser as a downloaded file.
pub fn save_file(bytes: &[u8], name: &str, mime: &str) -> Result<(), DownloadRefused> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .map_err(|_| DownloadRefused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| DownloadRefused)?;
    let a: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(|_| DownloadRefused)?
        .dyn_into()
        .map_err(|_| DownloadRefused)?;
    a.set_href(&url);
    a.set_download(name);
    let wait = download_turn(now_ms());
    if wait <= 0.0 {
        a.click();
    } else {
        set_timeout(move || a.click(), Duration::from_millis(wait.ceil() as u64));
    }
    // Let the download start before the URL goes.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(30) + Duration::from_millis(wait.ceil() as u64),
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
    let memory = worker_memory();
    let _ = js_sys::Reflect::set(&detail, &"workerMemory".into(), &memory.into());
    let _ = js_sys::Reflect::set(&opts, &"detail".into(), &detail);
    if let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = f.call2(&perf, &name.into(), &opts);
    }
}

/// The download buttons, shown on the review page when the form is valid,
/// followed by `children` (the review page's ways to send the PDFs): both
/// only once the PDFs can be made, that is when every character of the form
/// can be printed; until then, which ones cannot.
#[component]
pub fn DownloadPanel(form: ValidForm, children: Children) -> impl IntoView {
    let s = state();
    let unprintable = printable::unprintable(&form);
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
        run_job(&fill_job(s, doc), &[], move |outcome, bytes| {
            busy.set(None);
            match outcome {
                Outcome::Pdf { file_name } => {
                    // Whole ms: formatting an f64 would link the float
                    // formatter, 5.5 KB of gzip in the page's wasm.
                    let ms = (now_ms() - started).round() as u64;
                    leptos::logging::log!(
                        "rinnovo: {} made in {ms} ms, {} bytes",
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
        {children()}
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
                <li><a href=Doc::SupportForm.template() download=Doc::SupportForm.blank_file_name()>
                    {move || s.t("blank.support_form")}</a></li>
                <li><a href=Doc::Conditions.template() download=Doc::Conditions.blank_file_name()>
                    {move || s.t("blank.conditions")}</a></li>
            </ul>
        </section>
    }
}
