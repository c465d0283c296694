//! What a finished file holds beyond the form, and its bytes: metadata
//! ([`metadata`]), the PDF/A output intent ([`pdfa`]), the embedded data
//! ([`attachment`]), page labels painted again after a join
//! ([`pagination`]), and [`save`] and [`append`].
//!
//! - Uses: [`crate::pdf`], [`crate::read`]'s filter and lexer (to read its
//!   own streams back, bounded), [`crate::font`] for the page labels, and
//!   [`crate::form`]'s field tree and page resources (a join merges the
//!   fields; the labels go into the pages).
//! - Never: is used by [`crate::form`] or [`crate::font`]; takes a date
//!   from the clock or any other input than the document, so the same
//!   document always gives the same bytes.

pub mod attachment;
mod file;
pub mod metadata;
pub mod pagination;
pub mod pdfa;

pub use file::{append, save, PDF_VERSION};
