//! The only place that touches localStorage. Everything stored is small and
//! local to this browser; nothing is ever sent anywhere.
//!
//! Every call tolerates a storage that is missing, disabled or full: the app
//! then keeps working in memory and the caller tells the user.

use gloo_storage::{LocalStorage, Storage as _};

use crate::draft_json;
use rinnovo_core::content::Lang;
use rinnovo_core::domain::draft::{DraftLoadError, StoredDraft};
use rinnovo_core::link::Prefill;

const DRAFT_KEY: &str = rinnovo_core::domain::draft::STORAGE_KEY;
/// Where an unreadable draft is set aside, so that nothing is destroyed.
const SET_ASIDE_KEY: &str = "rinnovo.draft.unreadable";
const LANG_KEY: &str = rinnovo_core::prerender::LANG_STORAGE_KEY;
/// What a prepared link gave, as the link's body writes it (not JSON).
const LINK_KEY: &str = "rinnovo.link";

/// What was found at start.
pub enum Loaded {
    Nothing,
    Draft(Box<StoredDraft>),
    /// A draft was there but could not be read; it was moved aside.
    SetAside(DraftLoadError),
}

/// The availability check in front of every call. gloo-storage's
/// `LocalStorage::raw()` throws where the browser refuses localStorage
/// (disabled, some private windows, a sandboxed iframe), and a throw from
/// Rust code kills the app; the window's `localStorage` getter, through
/// web-sys, returns that refusal as an error instead.
fn usable() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some()
}

/// The text stored under `key`, exactly as it was written; `None` when there
/// is nothing (or no storage). Everything goes through gloo-storage's handle
/// as text: its typed `get` and `set` would put serde_json's parser and
/// printer into the page's wasm (docs/design.md, "The draft's JSON in the
/// page"), and the values are JSON written by this app's own writers.
fn get(key: &str) -> Option<String> {
    if !usable() {
        return None;
    }
    LocalStorage::raw().get_item(key).ok().flatten()
}

fn set(key: &str, text: &str) -> Result<(), Refused> {
    if !usable() {
        return Err(Refused);
    }
    LocalStorage::raw().set_item(key, text).map_err(|_| Refused)
}

fn delete(key: &str) {
    if usable() {
        LocalStorage::delete(key);
    }
}

/// Moves the draft's text under the set-aside key byte for byte.
fn set_aside() -> Result<(), Refused> {
    let text = get(DRAFT_KEY).ok_or(Refused)?;
    set(SET_ASIDE_KEY, &text)
}

/// Reads the saved draft, setting aside one that cannot be read.
pub fn load_draft() -> Loaded {
    let Some(text) = get(DRAFT_KEY) else {
        return Loaded::Nothing;
    };
    match draft_json::read(&text) {
        Ok(d) => Loaded::Draft(Box::new(d)),
        Err(e) => {
            // Keep the unreadable text under another key; if even that fails
            // (storage full), leave it where it is rather than lose it.
            if set_aside().is_ok() {
                delete(DRAFT_KEY);
            }
            Loaded::SetAside(e)
        }
    }
}

pub fn draft_key() -> &'static str {
    DRAFT_KEY
}

/// The browser refused to store: storage full, disabled or missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the browser refused to store the data")]
pub struct Refused;

/// Saves the draft.
pub fn save_draft(draft: &StoredDraft) -> Result<(), Refused> {
    // The draft's own serializer (schema version, field order) writes the
    // text, as the PDF's attachment is written.
    set(DRAFT_KEY, &draft_json::write(draft))
}

/// Removes the saved draft (not a set-aside one).
pub fn erase_draft() {
    delete(DRAFT_KEY);
}

/// Whether localStorage can be written at all (private windows may refuse).
pub fn available() -> bool {
    let probe = "rinnovo.probe";
    let ok = set(probe, "1").is_ok();
    delete(probe);
    ok
}

/// The language chosen, stored as a JSON string (`"en"`); a bare code, as
/// versions before gloo-storage wrote it, is read too.
pub fn load_lang() -> Option<Lang> {
    let text = get(LANG_KEY)?;
    let text = text.trim();
    // The codes have no escapes: the JSON string is the code in quotes.
    let code = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    Lang::from_code(code)
}

pub fn save_lang(lang: Lang) {
    let _ = set(LANG_KEY, &["\"", lang.code(), "\""].concat());
}

/// Keeps what a prepared link gave, in the link's own format: a text, so
/// through the raw storage.
pub fn save_link(prefill: &Prefill) {
    let Some(text) = prefill.body().ok().and_then(|b| String::from_utf8(b).ok()) else {
        return;
    };
    let _ = set(LINK_KEY, &text);
}

/// What a prepared link gave, if one was applied in this browser.
pub fn load_link() -> Option<Prefill> {
    let text = get(LINK_KEY)?;
    Prefill::from_body(text.as_bytes()).ok()
}

/// Removes everything this app stored.
pub fn erase_all() {
    for key in [DRAFT_KEY, SET_ASIDE_KEY, LANG_KEY, LINK_KEY] {
        delete(key);
    }
}
