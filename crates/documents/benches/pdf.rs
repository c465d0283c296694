//! How long the PDF work takes and how big its output is, and how long a
//! stored draft takes to load (the app does it at start), natively:
//! `cargo bench --bench pdf`. (The browser's own timings are logged by the
//! review page: "rinnovo: <document> made in N ms".) Under `cargo test` this
//! only checks that it builds and runs one round.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]

#[path = "../../../tests/pdf/common.rs"]
mod common;

use rinnovo_core::domain::draft::StoredDraft;
use rinnovo_core::jobs::{Doc, Job, Outcome};
use rinnovo_documents::jobs::run;
use std::time::{Duration, Instant};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let rounds = if std::env::args().any(|a| a == "--bench") {
        21
    } else {
        1
    };
    let content = common::content();
    let kit = rinnovo_documents::renewal::Kit::built_in(common::font());
    let stored = common::stored(&common::draft());
    let json = stored.to_json();
    let mut merged = Vec::new();
    for doc in [Doc::SupportForm, Doc::Conditions, Doc::Both] {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..rounds {
            let job = Job::fill(doc, &stored.step, &stored.draft);
            let start = Instant::now();
            let (outcome, bytes) = run(&job, &[], &rinnovo_documents::PDF_TEXTS, Some(&kit));
            times.push(start.elapsed());
            assert!(matches!(outcome, Outcome::Pdf { .. }), "{outcome:?}");
            size = bytes.len();
            if doc == Doc::Both {
                merged = bytes;
            }
        }
        println!(
            "fill {:<13} median {:>8.2?}  {:>7} bytes",
            doc.id(),
            median(times),
            size
        );
    }
    let mut times = Vec::new();
    for _ in 0..rounds {
        let start = Instant::now();
        let (outcome, _) = run(&Job::Import, &merged, &rinnovo_documents::PDF_TEXTS, None);
        times.push(start.elapsed());
        assert!(matches!(outcome, Outcome::Draft { .. }));
    }
    println!("import merged     median {:>8.2?}", median(times));

    // Validating the complete draft (three images) as the page does on
    // every keystroke: the first time decodes its images, the next ones
    // find them remembered; and the plain decode of the same images.
    let d = common::draft();
    let first = Instant::now();
    common::validate_draft(&content, &d);
    let first = first.elapsed();
    let mut times = Vec::new();
    for _ in 0..rounds {
        let start = Instant::now();
        common::validate_draft(&content, &d);
        times.push(start.elapsed());
    }
    println!(
        "validate first    {first:>8.2?}  then median {:>8.2?}",
        median(times)
    );

    // Loading the stored draft: the current schema, and schema 1 migrated
    // (tests/e2e/drafts/, with a drawn signature and a stamp).
    let schema1 = include_str!("../../../tests/e2e/drafts/schema1-stamp-and-by-hand.json");
    for (what, json) in [("draft", json.as_str()), ("draft v1", schema1)] {
        let mut times = Vec::new();
        for _ in 0..rounds {
            let start = Instant::now();
            let loaded = StoredDraft::from_json(json);
            times.push(start.elapsed());
            assert!(loaded.is_ok(), "{what}: {loaded:?}");
        }
        println!(
            "load {:<12} median {:>8.2?}  {:>7} bytes",
            what,
            median(times),
            json.len()
        );
    }
}
