//! The Leptos app: one reactive store for the whole form ([`AppState`]), a
//! hash router, and one component per step. Components read slices of the
//! draft and write through `AppState::update`; what can be derived (errors,
//! progress) is a memo. Saving the draft is one effect on that value.

mod dom;
mod embed;
mod field;
mod image_upload;
mod offline;
mod pages;
mod pdf_actions;
mod route;
mod signature;
mod signature_pad;
mod signing;
mod steps;

pub use route::Route;

use crate::content::{Content, Lang};
use crate::domain::draft::{Draft, DraftLoadError, StoredDraft};
use crate::domain::form::{self, FieldError, FieldId, Rules, Step};
use crate::storage::{self, Loaded};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::time::Duration;

/// How long after the last change the draft is written (the promise is
/// "within half a second").
const SAVE_DELAY: Duration = Duration::from_millis(300);

/// A message shown at the top of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    DraftRestored,
    DraftSetAside,
    StorageUnavailable,
    StorageFull,
    Erased,
    OtherTab,
    /// Another tab erased the data, so this one did too.
    ErasedInOtherTab,
    /// A newer version of the app saved the draft in another tab; this tab
    /// stops saving rather than overwrite it, and offers to reload.
    NewerInOtherTab,
    ResumedFromPdf,
    /// A new version of the app is installed and waits for a reload.
    UpdateReady,
}

impl Notice {
    fn key(self) -> &'static str {
        match self {
            Notice::DraftRestored => "notice.restored",
            Notice::DraftSetAside => "notice.set_aside",
            Notice::StorageUnavailable => "notice.storage_unavailable",
            Notice::StorageFull => "notice.storage_full",
            Notice::Erased => "notice.erased",
            Notice::OtherTab => "notice.other_tab",
            Notice::ErasedInOtherTab => "notice.erased_other_tab",
            Notice::NewerInOtherTab => "notice.newer_other_tab",
            Notice::ResumedFromPdf => "notice.resumed_from_pdf",
            Notice::UpdateReady => "notice.update_ready",
        }
    }
}

/// The app's single store, shared through context. `Copy`: it only holds
/// signal handles and a reference to the static content.
#[derive(Clone, Copy)]
pub struct AppState {
    pub content: &'static Content,
    pub(crate) rules: &'static Rules<'static>,
    pub lang: RwSignal<Lang>,
    pub draft: RwSignal<Draft>,
    pub route: RwSignal<Route>,
    /// Every current validation error, in field order.
    pub errors: Memo<Vec<FieldError>>,
    /// Fields whose errors are shown: touched, or their step was submitted.
    pub shown: RwSignal<BTreeSet<FieldId>>,
    pub notice: RwSignal<Option<Notice>>,
    /// A message for screen readers, said politely once.
    pub announcement: RwSignal<String>,
    /// Whether the last save reached storage.
    pub saved: RwSignal<Option<bool>>,
    /// A newer version of the app owns the stored draft (it saved it from
    /// another tab): this tab no longer writes it.
    pub outdated: RwSignal<bool>,
    /// A field to focus once its step is on screen.
    pub focus_after_nav: RwSignal<Option<FieldId>>,
}

pub fn state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// The interface text for `key` in the current language.
    pub fn t(&self, key: &str) -> String {
        let lang = self.lang.get();
        self.content.texts(lang).get(key).to_string()
    }

    /// The text of an error, its placeholders filled.
    pub fn error_text(&self, e: FieldError) -> String {
        let b = self.content.site.activations;
        self.t(e.kind.key())
            .replace("{min}", &b.min.to_string())
            .replace("{max}", &b.max.to_string())
            .replace("{limit}", &form::MAX_TEXT_CHARS.to_string())
    }

    /// A content text with the programme's dates and contacts filled in.
    pub fn fill(&self, text: &str) -> String {
        self.content.site.fill(text)
    }

    pub fn update(&self, f: impl FnOnce(&mut Draft)) {
        self.draft.update(f);
    }

    /// The first error of `field`, if it is to be shown.
    pub fn field_error(&self, field: FieldId) -> Option<FieldError> {
        if !self.shown.with(|s| s.contains(&field)) {
            return None;
        }
        self.errors
            .with(|es| es.iter().find(|e| e.field == field).copied())
    }

    pub fn show_errors_of(&self, fields: impl IntoIterator<Item = FieldId>) {
        self.shown.update(|s| s.extend(fields));
    }

    /// Tries to leave `step` forwards: shows its errors and focuses the
    /// first invalid field, or goes on to the next page.
    pub fn continue_from(&self, step: Step) {
        let errs = self.errors.with(|es| form::step_errors(es, step));
        if let Some(first) = errs.first() {
            self.show_errors_of(errs.iter().map(|e| e.field));
            let n = errs.len();
            let key = if n == 1 {
                "announce.one_error"
            } else {
                "announce.errors"
            };
            self.announce(self.t(key).replace("{n}", &n.to_string()));
            dom::focus_field(first.field);
        } else if let Some(next) = Route::Step(step).next() {
            next.go();
        }
    }

    /// Goes to the step of `field` and focuses it there.
    pub fn edit_field(&self, field: FieldId) {
        self.show_errors_of([field]);
        let target = Route::Step(field.step());
        if self.route.get_untracked() == target {
            dom::focus_field(field);
        } else {
            self.focus_after_nav.set(Some(field));
            target.go();
        }
    }

    pub fn announce(&self, text: String) {
        // Clear first so that the same text twice is announced twice.
        self.announcement.set(String::new());
        let a = self.announcement;
        set_timeout(move || a.set(text), Duration::from_millis(50));
    }

    pub fn erase_everything(&self) {
        storage::erase_all();
        self.draft.set(Draft::default());
        self.shown.set(BTreeSet::new());
        self.lang.set(Lang::It);
        self.notice.set(Some(Notice::Erased));
        Route::Landing.go();
    }

    fn stored(&self) -> StoredDraft {
        let step = self.route.get_untracked().slug();
        self.draft
            .with_untracked(|d| StoredDraft::new(step, d.clone()))
    }

    pub(crate) fn save_now(&self) {
        if self.outdated.get_untracked() {
            return;
        }
        // An empty form is not worth keeping; after "erase my data" this
        // keeps the storage empty.
        if self.draft.with_untracked(|d| *d == Draft::default()) {
            storage::erase_draft();
            return;
        }
        let ok = storage::save_draft(&self.stored()).is_ok();
        if !ok && self.saved.get_untracked() != Some(false) {
            self.notice.set(Some(if storage::available() {
                Notice::StorageFull
            } else {
                Notice::StorageUnavailable
            }));
        }
        self.saved.set(Some(ok));
    }
}

/// How far [`App`] has rendered while [`mount`] builds it: its state and
/// listeners, then the header, then the footer and the notices, then the
/// page, each in a task of its own.
const STAGE_HEADER: u8 = 1;
const STAGE_FRAME: u8 = 2;
const STAGE_PAGE: u8 = 3;

/// Starts the app and puts it in place of the prerendered page (see
/// `crate::prerender`), in short tasks rather than one long one, so that
/// the page answers input while the app starts, even on a slow phone: the
/// content; the app's state, built off-screen in a detached element; its
/// header; its footer; its page; then the swap, which shows the app and
/// removes the prerendered page at once. Content is embedded at build time;
/// if it cannot be parsed (a defect of the build, which the tests prevent),
/// a plain message is shown instead.
pub fn mount() {
    console_error_panic_hook::set_once();
    // Not in the task that compiled and started the wasm: that one is long
    // enough.
    set_timeout(start, Duration::ZERO);
}

fn start() {
    let content: &'static Content = match Content::embedded() {
        Ok(content) => Box::leak(Box::new(content)),
        Err(e) => {
            let msg = format!("Errore nei contenuti / content error: {e}");
            leptos::mount::mount_to_body(move || view! { <p role="alert">{msg}</p> });
            dom::replace_prerendered();
            return;
        }
    };
    // The first touch of localStorage is slow (the browser loads it): done
    // here, it is not added to the next task's work.
    let _ = storage::load_lang();
    set_timeout(
        move || {
            let Some(holder) = dom::detached_div() else {
                leptos::mount::mount_to_body(move || view! { <App content/> });
                dom::replace_prerendered();
                return;
            };
            let stage = RwSignal::new(0u8);
            leptos::mount::mount_to(holder.clone(), move || view! { <App content stage/> })
                .forget();
            advance(stage, holder);
        },
        Duration::ZERO,
    );
}

/// Renders the next stage of the app in a task of its own; after the last,
/// shows it.
fn advance(stage: RwSignal<u8>, holder: web_sys::HtmlElement) {
    set_timeout(
        move || {
            let next = stage.get_untracked() + 1;
            if next > STAGE_PAGE {
                dom::move_children_to_body(&holder);
                dom::replace_prerendered();
            } else {
                stage.set(next);
                advance(stage, holder);
            }
        },
        Duration::ZERO,
    );
}

/// The whole app; [`mount`] puts it in the page's body.
///
/// `stage`, when given, holds parts back until it reaches theirs
/// (`STAGE_HEADER`, ...): [`mount`] builds the app in several tasks with it.
#[component]
pub fn App(
    content: &'static Content,
    #[prop(optional, into)] stage: Option<Signal<u8>>,
) -> impl IntoView {
    let reached = move |n: u8| Memo::new(move |_| stage.is_none_or(|s| s.get() >= n));
    let (header_on, frame_on, page_on) = (
        reached(STAGE_HEADER),
        reached(STAGE_FRAME),
        reached(STAGE_PAGE),
    );
    let tier_ids: Vec<&'static str> = content.site.tiers.iter().map(|t| t.id.as_str()).collect();
    let rules: &'static Rules<'static> = Box::leak(Box::new(Rules {
        activations: content.site.activations,
        province: &content.province,
        tier_ids: Box::leak(tier_ids.into_boxed_slice()),
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
        content,
        rules,
        lang: RwSignal::new(storage::load_lang().unwrap_or_default()),
        draft,
        route: RwSignal::new(route),
        errors,
        shown: RwSignal::new(BTreeSet::new()),
        notice: RwSignal::new(notice),
        announcement: RwSignal::new(String::new()),
        saved: RwSignal::new(None),
        outdated: RwSignal::new(false),
        focus_after_nav: RwSignal::new(None),
    };
    provide_context(state);

    let hash_listener = window_event_listener(leptos::ev::hashchange, move |_| {
        state.route.set(Route::current());
    });
    on_cleanup(move || hash_listener.remove());

    // Save within SAVE_DELAY of every change; flush when the page is hidden
    // (tab closed, app switched) so that nothing typed is lost.
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        state.draft.track();
        state.route.track();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(move || state.save_now(), SAVE_DELAY).ok();
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
        match ev.new_value().map(|v| StoredDraft::from_json(&v)) {
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

    // <html lang> follows the language (the choice is stored by the
    // language buttons).
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
    });

    // On every page change: the title, and the focus on the new heading (or
    // on the field the user asked to edit).
    let first_route = StoredValue::new(true);
    Effect::new(move |_| {
        let route = state.route.get();
        let title = format!("{} · {}", state.t(route.title_key()), state.t("app.name"));
        document().set_title(&title);
        if first_route.get_value() {
            first_route.set_value(false);
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

    embed::watch_height();
    offline::register(state);

    view! {
        <a class="skip-link" href="#main" on:click=|ev| { ev.prevent_default(); dom::focus_heading(); }>
            {move || state.t("app.skip")}
        </a>
        {move || header_on.get().then(|| view! { <pages::Header/> })}
        <main id="main">
            {move || frame_on.get().then(|| view! { <pages::NoticeBar/> })}
            {move || page_on.get().then(|| pages::page(state.route.get()))}
        </main>
        {move || frame_on.get().then(|| view! { <pages::Footer/> })}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || state.announcement.get()}
        </div>
    }
}
