//! The content in pieces: the page starts with what its first wasm part
//! shows (`crate::content::content`), and each other part adds its piece
//! (its pages' texts, and what of `site.json` and the conditions only they
//! show) the first time one of its pages is shown; English is a part of its
//! own, fetched when the user chooses it. docs/design.md, "The content in
//! pieces".

use super::{AppState, Notice, Route};
use leptos::prelude::*;
use rinnovo_core::content::{Content, Lang};
use rinnovo_core::domain::form::Step;

/// Switches the interface to `lang`, stored for the next visit: at once
/// for Italian; for English once its texts are fetched, if it is still the
/// language last chosen then (a later choice, or "erase my data", wins). If
/// they cannot be fetched, the page stays in Italian, says so, and keeps
/// Italian for the next visit.
pub fn set_lang(s: AppState, lang: Lang) {
    leptos::task::spawn_local(async move {
        if switch_lang(s, lang).await {
            crate::storage::save_lang(lang);
        }
    });
}

/// [`set_lang`], without storing the choice: `false` if the page is not
/// in `lang` (its texts could not be fetched, or another language was
/// chosen meanwhile).
pub async fn switch_lang(s: AppState, lang: Lang) -> bool {
    s.lang_wanted.set(lang);
    if lang == Lang::En && !add(s, Piece::English).await {
        if s.lang_wanted.get_untracked() == lang {
            s.lang_wanted.set(Lang::It);
            s.notice.set(Some(Notice::LangNotLoaded));
        }
        return false;
    }
    if s.lang_wanted.get_untracked() != lang {
        return false;
    }
    s.lang.set(lang);
    // An earlier failure is over.
    if s.notice.get_untracked() == Some(Notice::LangNotLoaded) {
        s.notice.set(None);
    }
    true
}

/// A piece of the content that a wasm part holds, with its texts
/// (`rinnovo_core::content::Piece`, `Book`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// The landing's, the FAQ's and the not-found page's (part `site`).
    Site,
    /// The other steps' and the review's (part `form`).
    Form,
    /// Every English text (part `en`), for a page in English.
    English,
}

impl Piece {
    const ALL: [Piece; 3] = [Piece::Site, Piece::Form, Piece::English];

    /// The piece of the pages `route` shows: none for the company step,
    /// whose texts are in the first part.
    pub fn of(route: Route) -> Option<Piece> {
        match route {
            Route::Landing | Route::Faq | Route::NotFound => Some(Piece::Site),
            Route::Step(Step::Company) => None,
            Route::Step(_) | Route::Review => Some(Piece::Form),
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// Adds `piece` to the content, fetching its part if it is not there:
/// `false` if it could not be fetched. The state's content is then a new
/// whole, made in the part (`with`, so that the first part holds no code
/// to copy the content): what it held and the piece. If another piece came
/// while this one was fetched, this one is added again to the new whole
/// (its part is there by then), so that pieces that arrive in any order
/// add up.
pub async fn add(s: AppState, piece: Piece) -> bool {
    loop {
        if s.pieces.get_untracked() & piece.bit() != 0 {
            return true;
        }
        let base = s.content.get_untracked();
        let Ok(whole) = (match piece {
            Piece::Site => parts::with_site(base).await,
            Piece::Form => parts::with_form(base).await,
            Piece::English => parts::with_english(base).await,
        }) else {
            return false;
        };
        if std::ptr::eq(base, s.content.get_untracked()) {
            s.content.set(whole);
            s.pieces.update(|p| *p |= piece.bit());
            return true;
        }
    }
}

/// `base` with `piece`, as a new whole for the page's life (a few of them:
/// one for each piece, and seldom one more, `add`).
fn with(base: &Content, piece: rinnovo_core::content::Piece) -> &'static Content {
    let mut whole = base.clone();
    piece.apply(&mut whole);
    Box::leak(Box::new(whole))
}

/// Adds every piece of the content the page does not have: a text was
/// asked for before its piece (`AppState::t`, through its `when_missing`).
/// One round at a time; a piece that could not be fetched is tried again
/// at the next such text.
pub fn add_all(s: AppState) {
    // English only for a page in English: it adds no Italian text.
    let english = s.lang.get_untracked() == Lang::En;
    let missing =
        move |p: Piece| s.pieces.get_untracked() & p.bit() == 0 && (english || p != Piece::English);
    if !Piece::ALL.into_iter().any(missing) || ADDING_ALL.replace(true) {
        return;
    }
    leptos::task::spawn_local(async move {
        for piece in Piece::ALL.into_iter().filter(|p| missing(*p)) {
            add(s, piece).await;
        }
        ADDING_ALL.set(false);
    });
}

thread_local! {
    static ADDING_ALL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The pieces' wasm parts (`in_part!`, as `super::pages`' are): each
/// function goes into its part with the tables and the content only it
/// names.
#[allow(unsafe_code, improper_ctypes_definitions)]
mod parts {
    use super::with;
    use rinnovo_core::content::Content;

    in_part! {
        site,
        pub fn with_site(base: &'static Content) -> Result<&'static Content, SplitLoaderError> {
            Ok(with(base, crate::content::site_piece()))
        }
    }

    in_part! {
        form,
        pub fn with_form(base: &'static Content) -> Result<&'static Content, SplitLoaderError> {
            Ok(with(base, crate::content::form_piece()))
        }
    }

    in_part! {
        en,
        pub fn with_english(base: &'static Content) -> Result<&'static Content, SplitLoaderError> {
            Ok(with(base, crate::content::english_piece()))
        }
    }
}
