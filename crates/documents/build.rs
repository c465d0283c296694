//! Writes [`PdfTexts`] of the embedded content into the build as Rust, so
//! the PDF worker takes the words of its metadata and its validation rules
//! from a `static` and parses no JSON (serde_json and serde's
//! derived code were a fifth of its wasm). A bad content file fails the
//! build here, with its message, instead of a download in the browser.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a build script stops the build by panicking, with the message cargo shows; it reads only the repository's own files"
)]

use rinnovo_core::content::{Content, PdfTexts, FILES};
use std::path::Path;

fn main() {
    for file in FILES.iter().chain(&["assets/templates/etichette.it.json"]) {
        println!("cargo::rerun-if-changed=../../{file}");
    }
    let content = Content::embedded().unwrap_or_else(|e| panic!("content: {e}"));
    let texts = PdfTexts::new(&content).unwrap_or_else(|e| panic!("content: {e}"));
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("pdf_texts.rs");
    std::fs::write(&out, texts.to_rust()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
