//! Writes the content (`assets/content/`) into the page's build as Rust
//! (`rinnovo_core::content::Content::to_rust`), so the page starts with it
//! made and holds no JSON parser for it. A bad content file fails the build
//! here, with its message, instead of the page in the browser.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a build script stops the build by panicking, with the message cargo shows; it reads only the repository's own files"
)]

use rinnovo_core::content::{Content, FILES};
use std::path::Path;

fn main() {
    for file in FILES {
        println!("cargo::rerun-if-changed={file}");
    }
    let content = Content::embedded().unwrap_or_else(|e| panic!("content: {e}"));
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("content.rs");
    std::fs::write(&out, content.to_rust()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
