//! What the review page's PDFs are made from: the valid form, once the
//! draft is complete, and the worker's job that fills each document from
//! the draft. The downloads and the send panel make the same PDFs with it.

use super::{state, AppState, Route};
use leptos::prelude::*;
use rinnovo_core::domain::form::{self, ValidForm};
use rinnovo_core::jobs::{Doc, Job};

/// The job that makes `doc` from the draft as it is now.
pub fn fill_job(s: AppState, doc: Doc) -> Job {
    s.draft.with_untracked(|d| {
        Job::fill_writing(doc, Route::Review.slug(), d, crate::draft_json::write)
    })
}

/// The valid form, when the draft is complete, for the review page.
pub fn valid_form() -> Option<ValidForm> {
    let s = state();
    s.draft.with(|d| form::validate(d, s.rules).ok())
}
