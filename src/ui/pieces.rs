//! The content in pieces: the page starts with what its first wasm part
//! shows (`crate::content::content`), and each other part adds its piece
//! (its pages' texts, and what of `site.json` and the conditions only they
//! show) the first time one of its pages is shown; English is a part of its
//! own, fetched when the user chooses it. docs/design.md, "The content in
//! pieces".

use super::{AppState, Notice, Route};
use leptos::prelude::*;
use rinnovo_core::content::Lang;
use rinnovo_core::domain::form::Step;

/// Switches the interface to `lang`, stored for the next visit: at once
/// for Italian, or once the English texts are fetched. If they cannot be,
/// the page stays in Italian and says so.
pub fn set_lang(s: AppState, lang: Lang) {
    crate::storage::save_lang(lang);
    leptos::task::spawn_local(async move {
        switch_lang(s, lang).await;
    });
}

/// [`set_lang`], without storing the choice: `false` if the page stays in
/// Italian.
pub async fn switch_lang(s: AppState, lang: Lang) -> bool {
    if lang == Lang::En && !add(s, Piece::English).await {
        s.notice.set(Some(Notice::LangNotLoaded));
        return false;
    }
    s.lang.set(lang);
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
/// whole: what it held and the piece (a piece that comes twice adds
/// nothing), so that pieces that arrive in any order add up.
pub async fn add(s: AppState, piece: Piece) -> bool {
    if s.pieces.get_untracked() & piece.bit() != 0 {
        return true;
    }
    let Ok(more) = (match piece {
        Piece::Site => parts::site_piece().await,
        Piece::Form => parts::form_piece().await,
        Piece::English => parts::english_piece().await,
    }) else {
        return false;
    };
    if s.pieces.get_untracked() & piece.bit() == 0 {
        let mut content = s.content.get_untracked().clone();
        more.apply(&mut content);
        s.content.set(Box::leak(Box::new(content)));
        s.pieces.update(|p| *p |= piece.bit());
    }
    true
}

/// Adds every piece of the content the page does not have: a text was
/// asked for before its piece (`AppState::t`, through its `when_missing`).
/// One round at a time; a piece that could not be fetched is tried again
/// at the next such text.
pub fn add_all(s: AppState) {
    let all = Piece::ALL.iter().fold(0, |b, p| b | p.bit());
    if s.pieces.get_untracked() == all || ADDING_ALL.replace(true) {
        return;
    }
    leptos::task::spawn_local(async move {
        for piece in Piece::ALL {
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
    use rinnovo_core::content::Piece as ContentPiece;

    in_part! {
        site,
        pub fn site_piece() -> Result<ContentPiece, SplitLoaderError> {
            Ok(crate::content::site_piece())
        }
    }

    in_part! {
        form,
        pub fn form_piece() -> Result<ContentPiece, SplitLoaderError> {
            Ok(crate::content::form_piece())
        }
    }

    in_part! {
        en,
        pub fn english_piece() -> Result<ContentPiece, SplitLoaderError> {
            Ok(crate::content::english_piece())
        }
    }
}
