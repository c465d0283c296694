//! The renewal itself, as pure data and rules: what the user typed
//! ([`draft`]), the form's fields declared once ([`fields`]), the Italian identifiers and other typed values ([`ids`]),
//! validation of a draft into a [`form::ValidForm`] or a list of
//! [`form::FieldError`]s, and the draft's versioned storage schema.
//!
//! Nothing here knows about Leptos, web-sys or lopdf: it compiles and is
//! tested natively, and it must never panic on any input.

pub mod draft;
pub mod fields;
pub mod form;
pub mod ids;
pub mod image;
