//! The PDF web worker, seen from the page: started on first use (or ahead
//! of need), one job at a time by id, each with a timeout after which the
//! worker is killed, so that a hostile PDF can never freeze anything. The
//! PDF work itself is in [`crate::jobs`], run by `src/bin/pdf-worker.rs`.

use leptos::prelude::*;
use rinnovo_core::jobs::{Job, Outcome};
use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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

/// The PDF worker's wasm memory after its last job, in bytes: its peak so
/// far (wasm memory never shrinks); 0 before the first job.
pub fn worker_memory() -> f64 {
    WORKER_MEMORY.with(|w| w.get())
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
                .dyn_into::<js_sys::Array>()
                .ok()
                .and_then(|a| a.iter().map(|v| v.as_string()).collect())
                .and_then(Outcome::from_message)
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
        let parts: js_sys::Array = job.to_message().into_iter().map(JsValue::from).collect();
        let _ = js_sys::Reflect::set(&msg, &"job".into(), &parts);
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
