//! The app: how it starts (in short tasks, in place of the prerendered
//! page) and the [`App`] component with its effects: saving the draft,
//! following other tabs, the title and the focus on every page change.

use super::later::{LaterOn, LATER, STAGE_LATER};
use super::state::{AppState, Notice, SAVE_DELAY};
use super::{chrome, dom, embed, offline, pages, pieces, Route};
use crate::storage::{self, Loaded};
use leptos::prelude::*;
use rinnovo_core::content::{Content, Lang};
use rinnovo_core::domain::draft::{Draft, DraftLoadError};
use rinnovo_core::domain::form::{self, Rules};
use std::collections::BTreeSet;
use std::time::Duration;

/// How far [`App`] has rendered while [`mount`] builds it: its state, then
/// its effects (a task each, before it is mounted), then the header,
/// then the footer and the notices, then the page, then what the page
/// renders [`Later`](super::later::Later) (`at=1`, then 2, then 3), each
/// in a task of its own.
const STAGE_HEADER: u8 = 1;
const STAGE_FRAME: u8 = 2;
const STAGE_PAGE: u8 = 3;
// What pages render `Later` comes right after the page.
const _: () = assert!(STAGE_LATER == STAGE_PAGE + 1);

/// Starts the app and puts it in place of the prerendered page (see
/// `crate::prerender`), in short tasks rather than one long one, so that
/// the page answers input while the app starts, even on a slow phone: the
/// content (written into the build, `crate::content`); the first read of
/// the storage; the app's state; its effects; its view,
/// built off-screen in a detached element, stage by stage (header, footer
/// and notices, page, what the page renders `Later`); then the swap, which
/// shows the app and removes the prerendered page at once; then the service
/// worker and the iframe's height. The content was parsed and checked by
/// the build script: a bad content file fails the build, not the page.
pub fn mount() {
    console_error_panic_hook::set_once();
    // Not in the task that compiled and started the wasm: that one is long
    // enough.
    set_timeout(
        || wasm_bindgen_futures::spawn_local(start()),
        Duration::ZERO,
    );
}

/// Resolves in a new task (a zero timeout): what comes after it is not
/// added to the current task. `step` names that task with a User Timing
/// mark `rinnovo:start:<step>`, so that a trace or `scripts/bench` tells
/// which part of the start a long task is.
async fn next_task(step: &str) {
    sleep(Duration::ZERO).await;
    mark(step);
}

fn mark(step: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(&format!("rinnovo:start:{step}"));
    }
}

// Each step of the start is a function of its own, not inlined into this
// future: V8 compiles a wasm function on its first call, so one big
// function would be compiled, whole, in the first task.
async fn start() {
    mark("content");
    let content = content();
    next_task("storage").await;
    // The first touch of localStorage is slow (the browser loads it): done
    // here, it is not added to the next task's work.
    let _ = storage::load_lang();
    next_task("state").await;
    let Some(holder) = dom::detached_div() else {
        let typed = dom::prerendered_typing();
        leptos::mount::mount_to_body(move || view! { <App content/> });
        dom::replace_prerendered(&typed);
        return;
    };
    // The state, then its effects and listeners, under an owner of their
    // own (kept for the page's life); the view is mounted under it, so that
    // it finds the state.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let state = owner.with(|| app_state(content));
    next_task("effects").await;
    owner.with(|| app_effects(state));
    // The part of the wasm that shows the page the app starts on (the
    // company step is in this one), fetched while the app is built.
    let first = state.route.get_untracked();
    let early = preloaded(first);
    // The English texts, for a page last seen in English.
    let english = in_english(state);
    next_task("view").await;
    let stage = RwSignal::new(0u8);
    owner.with(|| mount_view(&holder, stage));
    let stages = [
        (STAGE_HEADER, "header"),
        (STAGE_FRAME, "frame"),
        (STAGE_PAGE, "page"),
    ];
    for (next, name) in stages.into_iter().chain((STAGE_LATER..).zip(LATER)) {
        next_task(name).await;
        stage.set(next);
    }
    // The swap waits for the page's part (the one fetched above, or of the
    // page moved to since), so that the app does not show "loading" in place
    // of the prerendered page, but not longer than `SWAP_WAIT`: until the
    // swap the draft is not saved. A part that is late or cannot be fetched
    // is the page's to say (`pages::PagePart`: "loading", or an alert with a
    // button to try again). Then one task more for the page to render.
    let now = state.route.get_untracked();
    let ready = if now == first { early } else { preloaded(now) };
    let ready = js_sys::Promise::all(&js_sys::Array::of2(&ready, &english));
    let waited = js_sys::Promise::race(&js_sys::Array::of2(&ready, &delay(SWAP_WAIT)));
    let _ = wasm_bindgen_futures::JsFuture::from(waited).await;
    next_task("swap").await;
    let typed = dom::prerendered_typing();
    dom::move_children_to_body(&holder);
    state.take_typed(&typed.values, typed.focused());
    dom::restore_typing(&typed);
    dom::replace_prerendered(&typed);
    next_task("after").await;
    owner.with(|| after_start(state));
    std::mem::forget(owner);
    next_task("end").await;
    // The other parts, one at a time once the page is idle, so that every
    // page is there at once when the user goes to it.
    for route in pages::PARTS {
        sleep(PRELOAD_PAUSE).await;
        pages::preload(route).await;
    }
}

/// The pause before each part [`start`] fetches in advance.
const PRELOAD_PAUSE: Duration = Duration::from_millis(500);

/// How long the swap waits at most for the part of the page the app starts
/// on.
const SWAP_WAIT: Duration = Duration::from_secs(3);

/// The part that shows `route`, fetched from now on; the promise resolves
/// (to whether it could be fetched) once it is there or has failed, and can
/// be awaited more than once.
fn preloaded(route: Route) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        Ok(wasm_bindgen::JsValue::from_bool(
            pages::preload(route).await,
        ))
    })
}

/// Switches to English if that was the language last chosen, fetching its
/// texts; the promise resolves once they are there or have failed (the
/// page then stays in Italian, and says so).
fn in_english(state: AppState) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        let english =
            storage::load_lang() == Some(Lang::En) && pieces::switch_lang(state, Lang::En).await;
        Ok(wasm_bindgen::JsValue::from_bool(english))
    })
}

/// A promise that resolves after `pause`.
fn delay(pause: Duration) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(
            move || {
                let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            },
            pause,
        );
    })
}

async fn sleep(pause: Duration) {
    let _ = wasm_bindgen_futures::JsFuture::from(delay(pause)).await;
}

/// The content the first part shows, written into the build
/// (`crate::content`); the other parts add theirs (`pieces::add`).
#[inline(never)]
fn content() -> &'static Content {
    Box::leak(Box::new(crate::content::content()))
}

/// The app's view, mounted in `holder` under the current owner, its parts
/// shown as `stage` reaches theirs.
#[inline(never)]
fn mount_view(holder: &web_sys::HtmlElement, stage: RwSignal<u8>) {
    leptos::mount::mount_to(holder.clone(), move || {
        view! { <AppView stage=Some(stage.into())/> }
    })
    .forget();
}

/// What the app does once it is shown: registers the service worker and
/// tells an embedding page its height.
#[inline(never)]
fn after_start(state: AppState) {
    embed::watch_height();
    offline::register(state);
}

/// The whole app; [`mount`] puts it in the page's body.
#[component]
pub fn App(content: &'static Content) -> impl IntoView {
    let state = app_state(content);
    app_effects(state);
    after_start(state);
    let _ = in_english(state);
    view! { <AppView stage=None/> }
}

/// The app's state, provided as context: the draft as stored, the route
/// (a bare URL goes back to the step the user left); and the listeners that
/// keep them current (the URL's hash, other tabs).
#[inline(never)]
fn app_state(content: &'static Content) -> AppState {
    let province: Vec<&'static str> = content.province.iter().map(String::as_str).collect();
    let rules: &'static Rules<'static> = Box::leak(Box::new(Rules {
        activations: content.site.activations,
        province: Box::leak(province.into_boxed_slice()),
        tier_ids: crate::content::TIER_IDS,
    }));

    let loaded = storage::load_draft();
    let (initial, notice, saved_step) = match loaded {
        Loaded::Nothing => (Draft::default(), None, None),
        Loaded::Draft(d) => (d.draft, Some(Notice::DraftRestored), Some(d.step)),
        Loaded::SetAside(_) => (Draft::default(), Some(Notice::DraftSetAside), None),
    };
    let notice = if storage::available() {
        notice
    } else {
        Some(Notice::StorageUnavailable)
    };

    // A prepared link opens the company step (its data leaves the URL).
    let link = super::link::take_from_url();
    // A bare URL goes back to the step the user left; any explicit route wins.
    let mut route = Route::current();
    if route == Route::Landing {
        let hash_empty = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .is_none_or(|h| h.is_empty());
        if let Some(step) = saved_step.filter(|_| hash_empty) {
            let r = Route::from_slug(&step);
            if r != Route::NotFound && r != Route::Landing {
                route = r;
                r.go();
            }
        }
    }

    let draft = RwSignal::new(initial);
    let errors = Memo::new(move |_| {
        draft.with(|d| match form::validate(d, rules) {
            Ok(_) => Vec::new(),
            Err(es) => es,
        })
    });
    let state = AppState {
        content: RwSignal::new(content),
        pieces: RwSignal::new(0),
        when_missing: pieces::add_all,
        rules,
        // Italian until the English texts are there (`in_english`).
        lang: RwSignal::new(Lang::It),
        lang_wanted: RwSignal::new(Lang::It),
        draft,
        route: RwSignal::new(route),
        errors,
        shown: RwSignal::new(BTreeSet::new()),
        notice: RwSignal::new(notice),
        announcement: RwSignal::new(String::new()),
        saved: RwSignal::new(None),
        outdated: RwSignal::new(false),
        focus_after_nav: RwSignal::new(None),
        link: RwSignal::new(storage::load_link()),
        link_offer: RwSignal::new(None),
    };
    provide_context(state);
    if let Some(data) = link {
        super::link::open(state, data);
    }

    // In the same task as the route and the draft were read: a hash change
    // or another tab's save is not missed between the start's tasks.
    // A prepared link opened in a tab where the app already runs: read it
    // as at the start.
    let hash_listener = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(data) = super::link::take_from_url() {
            super::link::open(state, data);
        }
        state.route.set(Route::current());
    });
    on_cleanup(move || hash_listener.remove());

    // Another tab saved the same draft: take its version rather than
    // silently overwrite it, and say so. Another tab erased it ("erase my
    // data", or the whole storage cleared): erase it here too, or this tab
    // would write it back when hidden or closed. A newer version saved it:
    // stop writing, and offer to reload.
    let other = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key();
        if key.is_some() && key.as_deref() != Some(storage::draft_key()) {
            return;
        }
        match ev.new_value().map(|v| crate::draft_json::read(&v)) {
            Some(Ok(d)) => {
                if state.draft.with_untracked(|cur| *cur != d.draft) {
                    state.draft.set(d.draft);
                    state.notice.set(Some(Notice::OtherTab));
                }
            }
            Some(Err(DraftLoadError::NewerSchema(_))) => {
                state.outdated.set(true);
                state.notice.set(Some(Notice::NewerInOtherTab));
            }
            // Not one of ours: the next save here puts a readable draft back.
            Some(Err(_)) => {}
            None => {
                if state.draft.with_untracked(|d| *d != Draft::default()) {
                    state.draft.set(Draft::default());
                    state.shown.set(BTreeSet::new());
                    state.notice.set(Some(Notice::ErasedInOtherTab));
                }
            }
        }
    });
    on_cleanup(move || other.remove());
    state
}

/// The app's effects and their listeners: the draft is saved (also when
/// the page is hidden), the title, language and focus follow the page.
#[inline(never)]
fn app_effects(state: AppState) {
    // Save within SAVE_DELAY of every change; flush when the page is hidden
    // (tab closed, app switched) so that nothing typed is lost.
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        state.draft.track();
        state.route.track();
        if first.get_value() {
            first.set_value(false);
            dom::mark_save(true);
            return;
        }
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        dom::mark_save(false);
        let h = set_timeout_with_handle(
            move || {
                state.save_now();
                dom::mark_save(true);
            },
            SAVE_DELAY,
        )
        .ok();
        timer.set_value(h);
    });
    let hide = window_event_listener(leptos::ev::pagehide, move |_| state.save_now());
    on_cleanup(move || hide.remove());
    let vis = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            state.save_now();
        }
    });
    on_cleanup(move || vis.remove());

    // <html lang> follows the language (the choice is stored by the
    // language buttons).
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
    });

    // The title follows the page and the language.
    Effect::new(move |_| {
        let route = state.route.get();
        let title = format!("{} · {}", state.t(route.title_key()), state.t("app.name"));
        document().set_title(&title);
    });
    // On every page change after the first, the focus on the new heading
    // (or on the field the user asked to edit); not on a change of
    // language, which leaves the focus where the user has it.
    Effect::new(move |first: Option<()>| {
        state.route.track();
        if first.is_none() {
            return;
        }
        match state.focus_after_nav.get_untracked() {
            Some(field) => {
                state.focus_after_nav.set(None);
                dom::focus_field(field);
            }
            None => dom::focus_heading(),
        }
    });
}

/// The app's view, under [`app_state`]'s owner.
///
/// `stage`, when given, holds parts back until it reaches theirs
/// (`STAGE_HEADER`, ...): [`mount`] builds the app in several tasks with it.
#[component]
fn AppView(stage: Option<Signal<u8>>) -> impl IntoView {
    let state = super::state();
    let reached = move |n: u8| Memo::new(move |_| stage.is_none_or(|s| s.get() >= n));
    let (header_on, frame_on, page_on) = (
        reached(STAGE_HEADER),
        reached(STAGE_FRAME),
        reached(STAGE_PAGE),
    );
    provide_context(LaterOn(stage));
    view! {
        <a class="skip-link" href="#main" on:click=|ev| { ev.prevent_default(); dom::focus_heading(); }>
            {move || state.t("app.skip")}
        </a>
        {move || header_on.get().then(|| view! { <chrome::Header/> })}
        <main id="main">
            {move || frame_on.get().then(|| view! { <chrome::NoticeBar/> })}
            {move || page_on.get().then(|| pages::page(state.route.get()))}
        </main>
        {move || frame_on.get().then(|| view! { <chrome::Footer/> })}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || state.announcement.get()}
        </div>
    }
}
