//! Offline and updates: registers the service worker (`sw.js`, written by
//! scripts/postbuild), and when a new version of the app is waiting, offers
//! to reload; the draft is saved first, so nothing is lost.

use super::{AppState, Notice};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static REGISTRATION: std::cell::RefCell<Option<web_sys::ServiceWorkerRegistration>> =
        const { std::cell::RefCell::new(None) };
    static UPDATING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = window().navigator();
    // Absent on insecure origins and in some embedded browsers: calling into
    // it there would throw, so look before touching it.
    let present = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    present.then(|| navigator.service_worker())
}

/// Registers the service worker; tells the user when an update waits. The
/// state is passed in: the callbacks below run outside any component, where
/// there is no context to look it up in.
pub fn register(s: AppState) {
    let Some(container) = container() else { return };
    let on_controller_change = Closure::<dyn FnMut()>::new(|| {
        if UPDATING.with(|u| u.get()) {
            let _ = window().location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();

    let promise = container.register("./sw.js");
    leptos::task::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return; // No service worker (e.g. `trunk serve`): online only.
        };
        let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        if reg.waiting().is_some() && has_controller() {
            offer_update(s);
        }
        let watched = reg.clone();
        let on_update = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = watched.installing() else {
                return;
            };
            let worker = installing.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if worker.state() == web_sys::ServiceWorkerState::Installed && has_controller() {
                    offer_update(s);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
        REGISTRATION.with(|r| *r.borrow_mut() = Some(reg));
    });
}

fn has_controller() -> bool {
    container().and_then(|c| c.controller()).is_some()
}

fn offer_update(s: AppState) {
    s.notice.set(Some(Notice::UpdateReady));
}

/// The user's "reload": save, let the waiting version take over, reload.
pub fn apply_update(s: AppState) {
    s.save_now();
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|reg| reg.waiting()));
    match waiting {
        Some(worker) => {
            UPDATING.with(|u| u.set(true));
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &"rinnovo:skip-waiting".into());
            let _ = worker.post_message(&msg);
        }
        None => {
            let _ = window().location().reload();
        }
    }
}
