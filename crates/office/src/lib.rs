//! The office page, `ufficio/`: the vendor drops the returned contracts
//! (files or whole folders, digital PDFs and scans), a web worker reads
//! each with the back office's own engine (`rinnovo_cli::examine`, as
//! `rinnovo-pdf extract --csv` and `verify`), and one table shows a row
//! per contract, compared with the customer list when one is loaded
//! (`rinnovo_cli::compare`); the table downloads as the command's CSV.
//! Nothing leaves the browser. A page of its own, apart from the
//! customer's (docs/design.md): none of this reaches the renewal form.
//!
//! - `app` mounts the page and its parts, over `state`, its one state;
//! - `pick` gathers the files chosen or dropped, folders walked, in the
//!   command's order; `reader` hands them to the worker one at a time;
//! - `table` shows the rows and the comparison; `export` writes the CSV;
//! - `texts` holds every sentence, in Italian and English (natively
//!   compiled and tested; the rest is wasm only).

pub mod texts;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
mod export;
#[cfg(target_arch = "wasm32")]
mod pick;
#[cfg(target_arch = "wasm32")]
mod reader;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod table;
