//! The PDF vocabulary every other part speaks: total accessors over lopdf
//! objects and the few constructors the parts share ([`objects`]), the
//! content-stream builder with its rectangles and colours ([`content`]),
//! and the bytes of numbers and of a whole file ([`serialize`]).
//!
//! - Uses: lopdf and std only; nothing else in this crate.
//! - Never: knows of fields, fonts, pages or the reader; never panics on a
//!   wrong type or a missing key (that is `None`); never formats a number
//!   with floats' `Display`, so the bytes are the same on every platform.

pub mod content;
pub mod objects;
pub mod serialize;
