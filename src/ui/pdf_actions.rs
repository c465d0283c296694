//! The PDFs in the page: downloading the filled documents from the review,
//! the blank forms, and resuming a draft from a PDF this app made. The PDF
//! work itself is in [`crate::pdf`]; this module only moves bytes between it
//! and the browser (files in, blobs out).

use super::{embed, state, Notice, Route};
use crate::domain::draft::{Draft, StoredDraft};
use crate::domain::form::{self, ValidForm};
use crate::pdf::{self, renewal};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The largest PDF the app opens (the loader refuses larger ones too).
const MAX_PDF_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Which document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    SupportForm,
    Conditions,
    Both,
}

impl Doc {
    fn id(self) -> &'static str {
        match self {
            Doc::SupportForm => "support-form",
            Doc::Conditions => "conditions",
            Doc::Both => "both",
        }
    }

    fn label_key(self) -> &'static str {
        match self {
            Doc::SupportForm => "download.support_form",
            Doc::Conditions => "download.conditions",
            Doc::Both => "download.both",
        }
    }

    fn file_prefix(self) -> &'static str {
        match self {
            Doc::SupportForm => "Oripan_Modulo_Assistenza",
            Doc::Conditions => "Oripan_Condizioni_Generali",
            Doc::Both => "Oripan_Rinnovo_Assistenza",
        }
    }
}

/// Makes the PDF bytes of `doc` for a valid form.
pub fn generate(doc: Doc, form: &ValidForm, draft: &Draft) -> Result<Vec<u8>, pdf::PdfError> {
    let s = state();
    let json = StoredDraft::new(Route::Review.slug(), draft.clone()).to_json();
    match doc {
        Doc::SupportForm => renewal::fill_support_form(renewal::SUPPORT_FORM_TEMPLATE, form, &json, s.content),
        Doc::Conditions => renewal::fill_conditions(renewal::CONDITIONS_TEMPLATE, form, &json, s.content),
        Doc::Both => renewal::fill_merged(
            renewal::SUPPORT_FORM_TEMPLATE,
            renewal::CONDITIONS_TEMPLATE,
            form,
            &json,
            s.content,
            renewal::Options::default(),
        ),
    }
}

/// Hands bytes to the browser as a downloaded file.
pub fn save_file(bytes: &[u8], name: &str, mime: &str) -> Result<(), ()> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(|_| ())?;
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
    let form = StoredValue::new(form);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let make = move |doc: Doc| {
        error.set(None);
        busy.set(true);
        let started = now_ms();
        let result = s.draft.with_untracked(|d| form.with_value(|f| generate(doc, f, d)));
        let date = form.with_value(|f| f.form_signing.date);
        let company = form.with_value(|f| f.company.ragione_sociale.clone());
        match result {
            Ok(bytes) => {
                let name = renewal::file_name(doc.file_prefix(), &company, date);
                let ms = now_ms() - started;
                leptos::logging::log!("rinnovo: {} generated in {ms:.0} ms, {} bytes", doc.id(), bytes.len());
                if save_file(&bytes, &name, "application/pdf").is_ok() {
                    s.announce(s.t("download.done").replace("{name}", &name));
                    embed::post_download(doc.id());
                } else {
                    error.set(Some(s.t("download.failed")));
                }
            }
            Err(e) => error.set(Some(s.t(e.key()))),
        }
        busy.set(false);
    };
    view! {
        <section class="downloads" aria-labelledby="downloads-title">
            <h2 id="downloads-title">{move || s.t("download.title")}</h2>
            <p>{move || s.t("download.intro")}</p>
            <div class="download-buttons">
                {[Doc::Both, Doc::SupportForm, Doc::Conditions].into_iter().map(|doc| view! {
                    <button type="button" class=if doc == Doc::Both { "primary" } else { "secondary" }
                        disabled=move || busy.get()
                        on:click=move |_| make(doc)>
                        {move || s.t(doc.label_key())}
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

/// Reads a picked file's bytes.
async fn read_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// "Resume from a PDF": a PDF this app made carries the draft; picking or
/// dropping it restores the draft, after a confirmation if one exists.
#[component]
pub fn ResumeFromPdf() -> impl IntoView {
    let s = state();
    let error = RwSignal::new(None::<&'static str>);
    let pending = RwSignal::new(None::<StoredDraft>);
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
            error.set(Some("error.pdf.too_large"));
            return;
        }
        leptos::task::spawn_local(async move {
            let Some(bytes) = read_bytes(&file).await else {
                error.set(Some("error.pdf.damaged"));
                return;
            };
            match pdf::extract_draft(&bytes) {
                Ok(stored) => {
                    if s.draft.with_untracked(|d| *d == Draft::default()) {
                        restore(stored);
                    } else {
                        pending.set(Some(stored));
                    }
                }
                Err(e) => {
                    error.set(Some(e.key()));
                    s.announce(s.t(e.key()));
                }
            }
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
                accept(ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)));
            }>
            <h2 id="resume-title">{move || s.t("resume.title")}</h2>
            <label for="resume-pdf" class="upload-label">{move || s.t("resume.label")}</label>
            <p class="hint" id="resume-hint">{move || s.t("resume.hint")}</p>
            <input type="file" id="resume-pdf" accept="application/pdf,.pdf"
                aria-describedby="resume-hint resume-error"
                aria-invalid=move || error.get().is_some().to_string()
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    accept(input.files().and_then(|f| f.get(0)));
                    input.set_value("");
                }/>
            <p id="resume-error" class="field-error" aria-live="polite">
                {move || error.get().map(|k| view! {
                    <span class="error-icon" aria-hidden="true">"!"</span>{s.t(k)}
                })}
            </p>
            {move || pending.get().map(|stored| {
                let stored = StoredValue::new(stored);
                view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="resume-confirm-text">
                        <p id="resume-confirm-text">{move || s.t("resume.confirm")}</p>
                        <button type="button" class="primary" on:click=move |_| restore(stored.get_value())>
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

