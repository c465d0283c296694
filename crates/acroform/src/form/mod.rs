//! The interactive form (PDF 32000-1, 12.7): the field tree read by full
//! name ([`fields`]), appearance streams for the values set
//! ([`appearance`]), PNG images for push buttons ([`png`], [`image`]), and
//! flattening the widgets into their pages ([`flatten`]).
//!
//! - Uses: [`crate::pdf`], [`crate::font`] to measure and show text, and
//!   the reader's lexer ([`crate::read`]) for the numbers of a `/DA`.
//! - Never: uses [`crate::write`] or the document's bytes; walks the field
//!   tree without bounds on depth and count; panics on a template or an
//!   image (both come back as typed errors).

pub mod appearance;
pub mod fields;
pub mod flatten;
pub mod image;
pub mod png;
