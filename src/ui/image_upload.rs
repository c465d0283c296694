//! Image upload for the stamp and for a signature: PNG, JPEG or WebP up to
//! 5 MB, decoded by the browser and re-encoded to PNG at a bounded size. The
//! re-encoding drops metadata and anything hostile: only pixels survive.

use super::state;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The types a user may upload, as the browser reports them.
const ACCEPTED_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];
pub const ACCEPT_ATTR: &str = "image/png,image/jpeg,image/webp";
/// The largest file accepted, before decoding.
const MAX_UPLOAD_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

/// Why an upload was refused; each has its message in the content files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    /// Not PNG, JPEG or WebP, as the browser reports the type.
    #[error("the file is not a PNG, JPEG or WebP image")]
    Type,
    /// Larger than the upload limit, before decoding.
    #[error("the file is larger than 5 MB")]
    Size,
    /// The browser could not decode or re-encode it.
    #[error("the browser could not decode the image")]
    Decode,
}

impl UploadError {
    fn key(self) -> &'static str {
        match self {
            UploadError::Type => "error.upload.type",
            UploadError::Size => "error.upload.size",
            UploadError::Decode => "error.upload.decode",
        }
    }
}

/// The file the user picked in a file input, clearing the input so that
/// picking the same file again fires `change` again.
pub fn picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = event_target(ev);
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

/// The first file dropped on a drop zone.
pub fn dropped_file(ev: &leptos::ev::DragEvent) -> Option<web_sys::File> {
    ev.data_transfer()
        .and_then(|d| d.files())
        .and_then(|f| f.get(0))
}

/// Checks a file's type and size, then decodes it in an `<img>` and
/// re-encodes it as PNG no larger than `max_side` pixels.
pub fn read_image(
    file: web_sys::File,
    max_side: u32,
    done: impl FnOnce(Result<String, UploadError>) + 'static,
) {
    if !ACCEPTED_TYPES.contains(&file.type_().as_str()) {
        return done(Err(UploadError::Type));
    }
    if file.size() > MAX_UPLOAD_BYTES {
        return done(Err(UploadError::Size));
    }
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&file) else {
        return done(Err(UploadError::Decode));
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return done(Err(UploadError::Decode));
    };
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let finish = {
        let url = url.clone();
        move |r: Result<String, UploadError>| {
            let _ = web_sys::Url::revoke_object_url(&url);
            if let Some(f) = done.borrow_mut().take() {
                f(r);
            }
        }
    };
    let finish = std::rc::Rc::new(finish);
    let on_load = {
        let img = img.clone();
        let finish = finish.clone();
        Closure::once_into_js(move || finish(reencode(&img, max_side).ok_or(UploadError::Decode)))
    };
    let on_error = {
        let finish = finish.clone();
        Closure::once_into_js(move || finish(Err(UploadError::Decode)))
    };
    img.set_onload(Some(on_load.unchecked_ref()));
    img.set_onerror(Some(on_error.unchecked_ref()));
    img.set_src(&url);
}

/// Draws the decoded image on a canvas no larger than `max_side` and exports
/// it as a PNG data URL (transparency kept).
fn reencode(img: &web_sys::HtmlImageElement, max_side: u32) -> Option<String> {
    let (w, h) = (img.natural_width(), img.natural_height());
    if w == 0 || h == 0 {
        return None;
    }
    let scale = (max_side as f64 / w.max(h) as f64).min(1.0);
    let (cw, ch) = (
        ((w as f64 * scale).round() as u32).max(1),
        ((h as f64 * scale).round() as u32).max(1),
    );
    let canvas: web_sys::HtmlCanvasElement =
        document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(cw);
    canvas.set_height(ch);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(img, 0.0, 0.0, cw as f64, ch as f64)
        .ok()?;
    canvas.to_data_url_with_type("image/png").ok()
}

/// A file picker with drop zone, preview and remove button.
#[component]
pub fn ImageUpload(
    id: String,
    label_key: &'static str,
    alt_key: &'static str,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    max_side: u32,
) -> impl IntoView {
    let s = state();
    let error = RwSignal::new(None::<UploadError>);
    let dragging = RwSignal::new(false);
    let error_id = format!("{id}-upload-error");
    let accept = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        error.set(None);
        read_image(file, max_side, move |r| match r {
            Ok(url) => {
                // A stale refusal must not linger for screen readers.
                s.announcement.set(String::new());
                on_change.run(url);
            }
            Err(e) => {
                error.set(Some(e));
                s.announce(s.t(e.key()));
            }
        });
    };
    view! {
        <div
            class="upload"
            class:dragging=move || dragging.get()
            on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                dragging.set(false);
                accept(dropped_file(&ev));
            }
        >
            <label for=id.clone() class="upload-label">{move || s.t(label_key)}</label>
            <p class="hint">{move || s.t("upload.hint")}</p>
            <input
                type="file"
                id=id.clone()
                accept=ACCEPT_ATTR
                aria-describedby=error_id.clone()
                aria-invalid=move || error.get().is_some().to_string()
                on:change=move |ev| accept(picked_file(&ev))
            />
            <p id=error_id class="field-error" aria-live="polite">
                {move || error.get().map(|e| view! {
                    <span class="error-icon" aria-hidden="true">"!"</span>
                    {s.t(e.key())}
                })}
            </p>
            {move || {
                let v = value.get();
                (!v.is_empty()).then(|| view! {
                    <div class="preview">
                        <img src=v alt=move || s.t(alt_key)/>
                        <button type="button" class="secondary" on:click=move |_| on_change.run(String::new())>
                            {move || s.t("upload.remove")}
                        </button>
                    </div>
                })
            }}
        </div>
    }
}
