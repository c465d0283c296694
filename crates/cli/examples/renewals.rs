//! Writes N filled renewals into a folder, as the app makes them, for the
//! back office's benchmark (`scripts/bench-extract`) and for trying
//! `rinnovo-pdf extract` and `verify` by hand:
//!
//! ```sh
//! cargo run --release -p rinnovo-cli --example renewals -- DIR 1000
//! ```
//!
//! Each file differs: the company (its name, Partita IVA and codice
//! cliente), the activations, the tier, the document (both in one PDF, the
//! form, the conditions) and the signature method (drawn, digital, by hand)
//! cycle. The office page's tests compare them with a customer list.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]

#[path = "../../../tests/pdf/common.rs"]
mod common;

use rinnovo_core::domain::draft::SignatureMethod;
use rinnovo_core::jobs::{Doc, Job, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(count))) = (args.first(), args.get(1).map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: renewals DIR COUNT");
        return ExitCode::from(2);
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("renewals: {dir}: {e}");
        return ExitCode::FAILURE;
    }
    let content = common::content();
    let kit = rinnovo_documents::renewal::Kit::built_in(common::font());
    let base = common::draft();
    let tiers: Vec<String> = content.site.tiers.iter().map(|t| t.id.clone()).collect();
    let methods = [
        SignatureMethod::Drawn,
        SignatureMethod::Digital,
        SignatureMethod::Handwritten,
    ];
    let started = std::time::Instant::now();
    let mut bytes = 0;
    for i in 0..count {
        let mut d = base.clone();
        d.company.ragione_sociale = format!("Caffè Città {i} S.r.l.");
        d.company.codice_cliente = format!("C-{i:05}");
        d.company.partita_iva = partita_iva(i);
        d.activations = (1 + i % 200).to_string();
        if let Some(tier) = tiers.get(i % tiers.len().max(1)) {
            d.tier = tier.clone();
        }
        let method = methods[i % methods.len()];
        d.form_signing.signature.method = method;
        d.conditions.onerous_signature.method = method;
        let doc = Doc::ALL[(i / methods.len()) % Doc::ALL.len()];
        let job = Job::fill(doc, "riepilogo", &d);
        let (outcome, pdf) =
            rinnovo_documents::jobs::run(&job, &[], &rinnovo_documents::PDF_TEXTS, Some(&kit));
        if !matches!(outcome, Outcome::Pdf { .. }) {
            eprintln!("renewals: file {i}: {outcome:?}");
            return ExitCode::FAILURE;
        }
        bytes += pdf.len();
        let path = std::path::Path::new(dir).join(format!("contratto-{i:04}.pdf"));
        if let Err(e) = std::fs::write(&path, pdf) {
            eprintln!("renewals: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!(
        "{count} PDFs, {:.1} MB, in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// A valid Partita IVA of its own for renewal `i`: seven digits of the
/// number, office code 001, and the check digit of the Agenzia delle
/// Entrate's rule (the Luhn algorithm over the first ten digits).
fn partita_iva(i: usize) -> String {
    let first_ten = format!("{:07}001", 1_000_000 + i % 9_000_000);
    let sum: u32 = first_ten
        .bytes()
        .map(|b| u32::from(b - b'0'))
        .enumerate()
        .map(|(at, d)| match at % 2 {
            0 => d,
            _ if d * 2 > 9 => d * 2 - 9,
            _ => d * 2,
        })
        .sum();
    format!("{first_ten}{}", (10 - sum % 10) % 10)
}
