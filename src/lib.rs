//! Rinnovo's web page: the Leptos app that runs the renewal in the browser.
//!
//! The page builds on [`rinnovo_core`] (the domain, the content, the job
//! messages) and hands every PDF to the PDF worker (`crates/worker`), so its
//! wasm never links the PDF engine: Cargo enforces it, as this crate does not
//! depend on `acroform` or `rinnovo-documents`.
//!
//! - `content`: the content of `assets/content/`, written into the build
//!   as Rust by `build.rs`, so the page parses no JSON to start.
//! - `storage` (wasm only) is the one place that touches localStorage;
//!   `draft_json` (wasm only) reads and writes its drafts' JSON with the
//!   browser's `JSON`.
//! - `ui` (wasm only) is the Leptos app: router, one component per step.
//!
//! Natively the crate holds only `content`; its `tests/` check the whole
//! workspace from outside.

/// The content, made by `build.rs` (`Content::to_rust`): `content()`.
pub mod content {
    include!(concat!(env!("OUT_DIR"), "/content.rs"));
}

#[cfg(target_arch = "wasm32")]
pub mod draft_json;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
