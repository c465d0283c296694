//! The only place that touches localStorage. Everything stored is small and
//! local to this browser; nothing is ever sent anywhere.
//!
//! Every call tolerates a storage that is missing, disabled or full: the app
//! then keeps working in memory and the caller tells the user.

use rinnovo_core::content::Lang;
use rinnovo_core::domain::draft::{DraftLoadError, StoredDraft};

const DRAFT_KEY: &str = rinnovo_core::domain::draft::STORAGE_KEY;
/// Where an unreadable draft is set aside, so that nothing is destroyed.
const SET_ASIDE_KEY: &str = "rinnovo.draft.unreadable";
const LANG_KEY: &str = "rinnovo.lang";

/// What was found at start.
pub enum Loaded {
    Nothing,
    Draft(Box<StoredDraft>),
    /// A draft was there but could not be read; it was moved aside.
    SetAside(DraftLoadError),
}

/// localStorage, or `None` where the browser refuses it. (gloo-storage's
/// `LocalStorage` throws in that case, which would kill the app: so this
/// module uses web-sys directly.)
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn raw_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn raw_set(key: &str, value: &str) -> Result<(), Refused> {
    storage()
        .ok_or(Refused)?
        .set_item(key, value)
        .map_err(|_| Refused)
}

fn raw_delete(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Reads the saved draft, setting aside one that cannot be read.
pub fn load_draft() -> Loaded {
    let Some(json) = raw_get(DRAFT_KEY) else {
        return Loaded::Nothing;
    };
    match StoredDraft::from_json(&json) {
        Ok(d) => Loaded::Draft(Box::new(d)),
        Err(e) => {
            // Keep the unreadable text under another key; if even that fails
            // (storage full), leave it where it is rather than lose it.
            if raw_set(SET_ASIDE_KEY, &json).is_ok() {
                raw_delete(DRAFT_KEY);
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
    raw_set(DRAFT_KEY, &draft.to_json())
}

/// Removes the saved draft (not a set-aside one).
pub fn erase_draft() {
    raw_delete(DRAFT_KEY);
}

/// Whether localStorage can be written at all (private windows may refuse).
pub fn available() -> bool {
    let probe = "rinnovo.probe";
    let ok = raw_set(probe, "1").is_ok();
    raw_delete(probe);
    ok
}

pub fn load_lang() -> Option<Lang> {
    raw_get(LANG_KEY).and_then(|c| Lang::from_code(&c))
}

pub fn save_lang(lang: Lang) {
    let _ = raw_set(LANG_KEY, lang.code());
}

/// Removes everything this app stored.
pub fn erase_all() {
    for key in [DRAFT_KEY, SET_ASIDE_KEY, LANG_KEY] {
        raw_delete(key);
    }
}
