//! The office's worker, seen from the page: one file at a time, its bytes
//! transferred (not copied), its answer a `rinnovo_cli::examine::Reply`.
//! A file that makes the worker fail or stall past [`FILE_TIMEOUT_MS`]
//! gets that reason; the worker is started again for the next one, so the
//! others go on. Nothing but the page and its worker sees the bytes.

use rinnovo_cli::examine::Reply;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's script, relative to the page (any sub-path works).
const WORKER_URL: &str = "./office-worker-loader.js";
/// The longest one file may take: a scan of many pages at 600 dpi reads
/// in seconds; a file still unread after this is given up.
const FILE_TIMEOUT_MS: i32 = 120_000;
/// The largest file read, as `rinnovo-pdf` reads: a larger one is refused
/// before its bytes are asked for.
const MAX_FILE_BYTES: f64 = rinnovo_cli::files::MAX_INPUT_BYTES as f64;

/// Why a file has no reply; each a text key (`failure.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The browser could not read the file's bytes.
    Read,
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge,
    /// The worker stopped on it.
    Crashed,
    /// It took longer than [`FILE_TIMEOUT_MS`].
    Timeout,
    /// The worker would not start.
    Start,
}

impl Failure {
    pub fn key(self) -> &'static str {
        match self {
            Failure::Read => "failure.read",
            Failure::TooLarge => "failure.too_large",
            Failure::Crashed => "failure.crashed",
            Failure::Timeout => "failure.timeout",
            Failure::Start => "failure.start",
        }
    }
}

#[derive(Default)]
struct Client {
    worker: Option<web_sys::Worker>,
    /// The pending file's `resolve`: called with the reply's JSON, `false`
    /// when the worker failed, `null` on the timeout.
    pending: Option<js_sys::Function>,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client::default());
}

fn settle(value: &JsValue) {
    if let Some(resolve) = CLIENT.with(|c| c.borrow_mut().pending.take()) {
        let _ = resolve.call1(&JsValue::NULL, value);
    }
}

/// Ends the worker (after a failure), so that the next file starts a new
/// one.
fn stop() {
    if let Some(w) = CLIENT.with(|c| c.borrow_mut().worker.take()) {
        w.terminate();
    }
}

fn worker() -> Option<web_sys::Worker> {
    if let Some(w) = CLIENT.with(|c| c.borrow().worker.clone()) {
        return Some(w);
    }
    let w = web_sys::Worker::new(WORKER_URL).ok()?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|ev: web_sys::MessageEvent| {
            let reply = js_sys::Reflect::get(&ev.data(), &"reply".into()).unwrap_or(JsValue::FALSE);
            settle(&reply);
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|ev: web_sys::Event| {
        ev.prevent_default();
        stop();
        settle(&JsValue::FALSE);
    });
    w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_message.forget();
    on_error.forget();
    CLIENT.with(|c| c.borrow_mut().worker = Some(w.clone()));
    Some(w)
}

/// Reads one file in the worker; `name` is its row's `file`.
pub async fn examine(name: &str, file: &web_sys::File) -> Result<Reply, Failure> {
    if file.size() > MAX_FILE_BYTES {
        return Err(Failure::TooLarge);
    }
    let bytes = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| Failure::Read)?;
    let worker = worker().ok_or(Failure::Start)?;
    let answered = js_sys::Promise::new(&mut |resolve, _| {
        CLIENT.with(|c| c.borrow_mut().pending = Some(resolve));
    });
    let window = web_sys::window().ok_or(Failure::Start)?;
    let timeout = Closure::once_into_js(|| {
        stop();
        settle(&JsValue::NULL);
    });
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            timeout.unchecked_ref(),
            FILE_TIMEOUT_MS,
        )
        .ok();
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"name".into(), &name.into());
    let _ = js_sys::Reflect::set(&message, &"bytes".into(), &bytes);
    if worker
        .post_message_with_transfer(&message, &js_sys::Array::of1(&bytes))
        .is_err()
    {
        stop();
        settle(&JsValue::FALSE);
    }
    let answer = JsFuture::from(answered).await.unwrap_or(JsValue::FALSE);
    if let Some(t) = timer {
        window.clear_timeout_with_handle(t);
    }
    match answer.as_string() {
        Some(json) => serde_json::from_str(&json).map_err(|_| Failure::Crashed),
        None if answer.is_null() => Err(Failure::Timeout),
        None => Err(Failure::Crashed),
    }
}

/// Gives up the file being read, if any (a new reading starts): its
/// worker ends, and its wait returns.
pub fn reset() {
    stop();
    settle(&JsValue::FALSE);
}
