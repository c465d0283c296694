//! [`Later`]: the parts of a page that the app's start renders in tasks of
//! their own, after the rest of the page. The start (`app`) provides how
//! far it has rendered ([`LaterOn`]); the pages only use [`Later`].

use leptos::prelude::*;

/// `<Later at=1>` is shown at this stage of the start, `<Later at=2>` at
/// the next, ...: the one after the app's page (`app`'s `STAGE_PAGE`).
pub const STAGE_LATER: u8 = 4;
/// The start's tasks for what pages render [`Later`], one per `at`.
pub const LATER: [&str; 3] = ["later-1", "later-2", "later-3"];

/// How far the start has rendered, for [`Later`]; none when the app is
/// mounted whole (`App`).
#[derive(Clone, Copy)]
pub struct LaterOn(pub Option<Signal<u8>>);

/// A part of a page that the app's start renders in a task after the rest
/// of the page (before it shows the page, so nothing moves): a long form is
/// then no long task on a slow phone. `at` (1 to `LATER.len()`) orders a
/// page's later parts: each number is a task of its own. Once started, at once.
#[component]
pub fn Later(children: ChildrenFn, at: u8) -> impl IntoView {
    let stage = use_context::<LaterOn>().and_then(|l| l.0);
    const LAST: u8 = LATER.len() as u8;
    debug_assert!((1..=LAST).contains(&at), "Later at={at}: 1 to {LAST}");
    let on =
        Memo::new(move |_| stage.is_none_or(|s| s.get() >= STAGE_LATER + at.clamp(1, LAST) - 1));
    move || on.get().then(|| children())
}
