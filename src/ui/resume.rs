//! "Resume from a PDF": a PDF this app made carries the draft; picking or
//! dropping it restores the draft, after a confirmation if one exists.

use super::image_upload::{dropped_file, picked_file};
use super::worker::run_job;
use super::{state, Notice, Route};
use leptos::prelude::*;
use rinnovo_core::domain::draft::{Draft, StoredDraft};
use rinnovo_core::jobs::{Job, Outcome};
use wasm_bindgen::JsCast;

/// The largest PDF the app opens (the worker's loader refuses larger ones).
const MAX_PDF_BYTES: f64 = 20.0 * 1024.0 * 1024.0;
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
                // The worker gives the attached JSON as it is; the page
                // reads it, migrating an older schema.
                let stored = match &outcome {
                    Outcome::Draft { ref draft } => {
                        crate::draft_json::read(draft).map_err(|e| e.key().to_string())
                    }
                    _ => Err(outcome_key(&outcome)),
                };
                match stored {
                    Ok(stored) => {
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
                    Err(key) => {
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
