//! Reading a PDF that may be hostile: the [`Limits`](load::Limits) and
//! the one budget that carries them, the tokenizer, the bounded parser,
//! [`load`](load::load) on top, and the stream [`filter`] the other parts
//! use to decode a stream of their own.
//!
//! - Uses: lopdf's object model and miniz_oxide; nothing else in this
//!   crate (no other part is below it).
//! - Never: allocates beyond the budget (or, in [`filter`], the limit its
//!   caller gives); trusts an offset, a `/Length` or the cross-reference
//!   table; recurses without counting depth; keeps state between two loads;
//!   panics on any input.

mod budget;
pub mod filter;
pub(crate) mod lexer;
pub mod load;
mod parse;
