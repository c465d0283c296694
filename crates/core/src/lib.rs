//! Rinnovo's core: everything of the renewal that is neither a page nor a
//! PDF, so that both the page and the PDF worker build on it.
//!
//! - [`domain`] is the renewal itself: the form as typed, the Italian
//!   identifiers, validation into typed values, the draft schema.
//! - [`content`] loads texts, dates, tiers, FAQ and conditions from the
//!   content files in `assets/content/`.
//! - [`jobs`] is the PDF work as messages between the page and its worker.
//! - [`link`] is the format of the prepared links Oripan sends its
//!   customers, their company's data in the URL's fragment.
//! - [`mail`] is the message to the vendor's PEC and its `mailto:` URL.
//! - [`printable`] says which typed characters the PDFs' font cannot print.
//! - [`record`] is one renewal as the back office records it: a row of
//!   named columns, from a draft or read back from a paper return.
//! - [`prerender`] writes the landing and FAQ as static HTML into the
//!   built `index.html`, so the page paints before the wasm.
//!
//! No Leptos, no web-sys, no lopdf: it compiles and is tested natively.

pub mod content;
pub mod domain;
pub mod jobs;
pub mod link;
pub mod mail;
pub mod prerender;
pub mod printable;
pub mod record;
