//! The Leptos app: one reactive store for the whole form ([`AppState`]), a
//! hash router, and one component per step. Components read slices of the
//! draft and write through `AppState::update`; what can be derived (errors,
//! progress) is a memo. Saving the draft is one effect on that value.

mod app;
mod chrome;
mod dom;
mod downloads;
mod embed;
mod field;
mod fill;
mod image_upload;
mod later;
mod link;
mod offline;
mod pages;
mod resume;
mod review;
mod route;
mod send;
mod signature;
mod signature_pad;
mod signing;
mod state;
mod steps;
mod worker;

pub use app::{mount, App};
pub use route::Route;
pub use state::{state, AppState, Notice};
