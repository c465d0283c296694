//! [`Tr`]: the interface texts in the current language, for the components.

use leptos::prelude::*;
use rinnovo_core::content::{Content, Lang};

/// The content and the current language: what a component needs to say
/// anything. `Copy`: a reference and a signal handle.
#[derive(Clone, Copy)]
pub struct Tr {
    pub content: &'static Content,
    pub lang: RwSignal<Lang>,
}

impl Tr {
    /// The interface text for `key` in the current language.
    pub fn t(self, key: &str) -> String {
        let lang = self.lang.get();
        self.content.texts(lang).get(key).to_string()
    }

    /// The interface text for `key` as a view that follows the language.
    /// Every text made this way is the one closure type, so its rendering
    /// code is in the wasm once, where each `move || tr.t(..)` closure has
    /// its own copy.
    pub fn text(self, key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.t(key)
    }

    /// A content text with the programme's dates and contacts filled in.
    pub fn fill(self, text: &str) -> String {
        self.content.site.fill(text)
    }
}
