//! The Leptos app: one reactive store for the whole form ([`AppState`]), a
//! hash router, and one component per step. Components read slices of the
//! draft and write through `AppState::update`; what can be derived (errors,
//! progress) is a memo. Saving the draft is one effect on that value.

/// A function whose code goes into a wasm part of its own, fetched the first
/// time it is called (docs/design.md, "The page app in wasm parts"): with
/// the `split` feature (scripts/build-page.mjs builds the page with it),
/// wasm_split_helpers' `wasm_split` with its `fallible` option, so that a
/// part that cannot be fetched is an `Err` and not a panic; without it (the
/// wasm tests, which cannot run a wasm that imports its parts), the same
/// function as a plain `async fn`, in the one wasm. `[preload NAME]`,
/// given for one function of each part, names a function that fetches the
/// part without calling anything in it.
macro_rules! in_part {
    (
        $part:ident $([preload $preload:ident])?,
        $(#[$meta:meta])*
        $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?)
            -> Result<$ret:ty, SplitLoaderError> $body:block
    ) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split(
            $part,
            wasm_split_path = ::leptos::wasm_split,
            fallible
            $(, preload(#[allow(dead_code)] $preload))?
        )]
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*)
            -> Result<$ret, ::leptos::wasm_split::SplitLoaderError> $body

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*)
            -> Result<$ret, ::leptos::wasm_split::SplitLoaderError> $body

        $(
            #[cfg(not(feature = "split"))]
            #[allow(dead_code)]
            $vis async fn $preload() -> Result<(), ::leptos::wasm_split::SplitLoaderError> {
                Ok(())
            }
        )?
    };
}

mod app;
mod chrome;
mod dom;
mod downloads;
mod embed;
mod field;
mod fill;
mod image_upload;
mod later;
mod link;
mod offline;
mod pages;
mod pieces;
mod resume;
mod review;
mod route;
mod send;
mod signature;
mod signature_pad;
mod signing;
mod state;
mod steps;
mod worker;

pub use app::{mount, App};
pub use route::Route;
pub use state::{state, AppState, Notice};
