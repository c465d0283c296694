//! The app's one store ([`AppState`]), shared through context, and the
//! notices it shows.

use super::{dom, Route};
use crate::storage;
use leptos::prelude::*;
use rinnovo_core::content::{Content, Lang};
use rinnovo_core::domain::draft::{Draft, StoredDraft};
use rinnovo_core::domain::form::{self, FieldError, FieldId, Rules, Step};
use rinnovo_core::link::Prefill;
use std::collections::BTreeSet;
use std::time::Duration;

/// How long after the last change the draft is written (the promise is
/// "within half a second").
pub(crate) const SAVE_DELAY: Duration = Duration::from_millis(300);

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
    /// A prepared link filled the company step.
    LinkApplied,
    /// A prepared link failed its check, or is malformed: nothing changed.
    LinkRefused,
    /// This browser cannot check a prepared link: nothing changed.
    LinkUnsupported,
    /// The part of the app that checks a prepared link could not be
    /// fetched: nothing changed.
    LinkNotLoaded,
    /// The English texts could not be fetched: the page stays in Italian.
    LangNotLoaded,
}

impl Notice {
    pub(crate) fn key(self) -> &'static str {
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
            Notice::LinkApplied => "notice.link_applied",
            Notice::LinkRefused => "notice.link_refused",
            Notice::LinkUnsupported => "notice.link_unsupported",
            Notice::LinkNotLoaded => "notice.link_not_loaded",
            Notice::LangNotLoaded => "notice.lang_not_loaded",
        }
    }
}

/// The app's single store, shared through context. `Copy`: it only holds
/// signal handles and references to static data.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The content as far as the page has it: what the first part shows,
    /// then each wasm part's piece once it is fetched (`pieces::add`),
    /// each time a new whole (a few, for the page's life).
    pub(crate) content: RwSignal<&'static Content>,
    /// The pieces of the content added so far (`pieces::Piece`).
    pub(crate) pieces: RwSignal<u8>,
    /// What a text asked for before its piece of the content does: fetch
    /// every piece (`pieces::add_all`; a function here, so that this module
    /// does not import the one that imports it).
    pub(crate) when_missing: fn(AppState),
    pub(crate) rules: &'static Rules<'static>,
    pub lang: RwSignal<Lang>,
    /// The language last chosen, which `lang` becomes once its texts are
    /// there (`pieces::switch_lang`).
    pub(crate) lang_wanted: RwSignal<Lang>,
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
    /// What Oripan's prepared link gave, once applied (`super::link`).
    pub link: RwSignal<Option<Prefill>>,
    /// A checked link that waits for the customer's answer, because it
    /// would replace what they typed.
    pub link_offer: RwSignal<Option<Prefill>>,
}

pub fn state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// The content as far as the page has it, followed by a reactive
    /// context (a piece added later shows there).
    pub fn content(&self) -> &'static Content {
        self.content.get()
    }

    /// The interface text for `key` in the current language. A text of a
    /// piece the page does not have yet is an error of the page (the page
    /// adds a part's piece before it shows the part's pages): reported on
    /// the console, where the tests see it, shown as its key until every
    /// piece is there, then as itself.
    pub fn t(&self, key: &str) -> String {
        let lang = self.lang.get();
        let content = self.content.get_untracked();
        if let Some(text) = content.texts(lang).lookup(key) {
            return text.to_string();
        }
        self.content.track();
        web_sys::console::error_1(
            &format!("rinnovo: text {key:?} shown before its part's content").into(),
        );
        (self.when_missing)(*self);
        key.to_string()
    }

    /// The interface text for `key` as a view that follows the language.
    /// Every text made this way is the one closure type, so its rendering
    /// code is in the wasm once, where each `move || s.t(..)` closure has
    /// its own copy.
    pub fn text(self, key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.t(key)
    }

    /// The text of an error, its placeholders filled.
    pub fn error_text(&self, e: FieldError) -> String {
        let b = self.content.get_untracked().site.activations;
        self.t(e.kind.key())
            .replace("{min}", &b.min.to_string())
            .replace("{max}", &b.max.to_string())
            .replace("{limit}", &form::MAX_TEXT_CHARS.to_string())
    }

    /// A content text with the programme's dates and contacts filled in.
    pub fn fill(&self, text: &str) -> String {
        self.content.get_untracked().site.fill(text)
    }

    pub fn update(&self, f: impl FnOnce(&mut Draft)) {
        self.draft.update(f);
    }

    /// Takes into the draft what a new customer typed into the company
    /// step's prerendered form before the app was there (`dom::Typed`):
    /// each value by its field's id, as if typed into the app's field; the
    /// fields they have left show their errors, as the app's own do when
    /// the focus leaves them, and the one they are in (`focused`) not yet.
    pub fn take_typed(&self, values: &[(String, String)], focused: Option<&str>) {
        let typed: Vec<(FieldId, &String)> = values
            .iter()
            .filter_map(|(id, v)| Some((*FieldId::ALL.iter().find(|f| f.id() == id)?, v)))
            .collect();
        if typed.is_empty() {
            return;
        }
        self.update(|d| {
            for (field, value) in &typed {
                if let Some(t) = d.company.typed_mut(*field) {
                    t.clone_from(value);
                }
            }
        });
        self.show_errors_of(
            typed
                .iter()
                .map(|(f, _)| *f)
                .filter(|f| Some(f.id()) != focused),
        );
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
        self.link.set(None);
        self.link_offer.set(None);
        self.lang_wanted.set(Lang::It);
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
