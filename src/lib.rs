//! Rinnovo's web page: the Leptos app that runs the renewal in the browser.
//!
//! The page builds on [`rinnovo_core`] (the domain, the content, the job
//! messages) and hands every PDF to the PDF worker (`crates/worker`), so its
//! wasm never links the PDF engine: Cargo enforces it, as this crate does not
//! depend on `acroform` or `rinnovo-documents`.
//!
//! - `storage` (wasm only) is the one place that touches localStorage.
//! - `ui` (wasm only) is the Leptos app: router, one component per step.
//!
//! Natively the crate is empty; its `tests/` check the whole workspace from
//! outside.

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
