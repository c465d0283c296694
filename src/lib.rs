//! Rinnovo: the Oripan support and maintenance renewal, run entirely in the
//! browser.
//!
//! The crate is a pure core with a thin browser shell around it:
//! - [`domain`] is the renewal itself (the form as typed, the Italian
//!   identifiers, validation into typed values, the draft schema). Pure Rust.
//! - [`pdf`] fills and reads the AcroForm templates with lopdf. Pure Rust.
//! - [`jobs`] is the PDF work as data, run by the PDF web worker.
//! - [`prerender`] writes the landing and FAQ as static HTML into the
//!   built `index.html`, so the page paints before the wasm.
//! - [`content`] loads texts, dates, tiers, FAQ and conditions from the
//!   content files in `assets/content/`.
//! - `storage` (wasm only) is the one place that touches localStorage.
//! - `ui` (wasm only) is the Leptos app: router, one component per step.
//!
//! Dependencies point inwards: `ui` uses everything, `pdf` uses `domain`,
//! `domain` uses nothing of the app. Everything but `ui` and `storage`
//! compiles and is tested natively.

pub mod content;
pub mod domain;
pub mod jobs;
pub mod pdf;
pub mod prerender;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
