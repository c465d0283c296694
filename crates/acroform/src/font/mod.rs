//! Fonts: the standard Helvetica in WinAnsiEncoding (the items of the
//! `winansi` crate, re-exported here, so `acroform::font::Font` is
//! Helvetica's), TrueType fonts read (`sfnt`), subset ([`subset`])
//! and embedded ([`truetype`]), and the [`Typeface`](text::Typeface) that
//! measures, wraps and shows text in either ([`text`]).
//!
//! - Uses: [`crate::pdf`] (objects for the font dictionaries, the content
//!   builder to show text) and the `winansi` crate.
//! - Never: knows of PDF forms, fields, pages or the reader; reads past a
//!   font table or panics on a damaged font (that is a
//!   [`FontError`](truetype::FontError)); depends on the clock or on
//!   iteration order, so the same text gives the same subset and bytes.
//! - Inside, one way only: `error` and `bytes` below `sfnt`, below `subset`,
//!   below `truetype`, below `text`.

pub use winansi::*;

mod bytes;
mod error;
mod sfnt;
pub mod subset;
pub mod text;
pub mod truetype;
