//! The page's presentational components: the landing, the FAQ, the pages'
//! headings, the blank-form links and the footer, made of content only (no
//! browser API). The page (`ui`, wasm) renders them with Leptos' `csr`;
//! natively they are rendered to static HTML with Leptos' `ssr`
//! ([`prerender::body`], written into `index.html` by `rinnovo-prerender`),
//! so the prerendered first paint and the app are one markup.

pub mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod texts;

pub use texts::Tr;
