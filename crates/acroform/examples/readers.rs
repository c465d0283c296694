//! Compares this crate's reader with lopdf's own on the files given:
//! `cargo run --release -p acroform --example readers -- FILE.pdf ...`
//!
//! For each file, one line: the outcome of each reader (the number of form
//! fields, or the error) and its time. Each reader runs on a thread with a
//! 1 MB stack, as much as a browser gives WebAssembly; a reader that
//! overflows it aborts this process, so run one file per process to survey
//! hostile files (docs/design.md has the results).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]

use std::time::Instant;

fn ours(bytes: &[u8]) -> String {
    match acroform::FormDocument::load(bytes) {
        Ok(doc) => format!("{} fields", doc.fields().len()),
        Err(e) => format!("refused: {e}"),
    }
}

fn lopdf_reader(bytes: &[u8]) -> String {
    match lopdf::Document::load_mem(bytes) {
        Ok(doc) if doc.trailer.has(b"Encrypt") => "refused: encrypted".to_string(),
        Ok(doc) => format!(
            "{} fields",
            acroform::FormDocument::from_document(doc).fields().len()
        ),
        Err(e) => format!("refused: {e}"),
    }
}

fn timed(name: &'static str, bytes: Vec<u8>, read: fn(&[u8]) -> String) -> String {
    let run = move || {
        let start = Instant::now();
        let outcome = read(&bytes);
        format!("{name}: {outcome} ({} ms)", start.elapsed().as_millis())
    };
    match std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(run)
        .map(|t| t.join())
    {
        Ok(Ok(line)) => line,
        Ok(Err(_)) => format!("{name}: panicked"),
        Err(e) => format!("{name}: no thread ({e})"),
    }
}

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                println!("{path}\tunreadable: {e}");
                continue;
            }
        };
        let a = timed("acroform", bytes.clone(), ours);
        let b = timed("lopdf", bytes, lopdf_reader);
        println!("{path}\t{a}\t{b}");
    }
}
