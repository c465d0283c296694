//! `rinnovo-prerender DIST/index.html`: writes the landing, the FAQ and the
//! steps' headings into Trunk's `index.html` (see `rinnovo_core::prerender`), so
//! that the page paints before, and works without, the wasm. Run by
//! `scripts/build` after Trunk, before `scripts/postbuild.mjs`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: rinnovo-prerender DIST/index.html");
        return ExitCode::from(2);
    };
    let content = match rinnovo_core::content::Content::embedded() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("rinnovo-prerender: content: {e}");
            return ExitCode::FAILURE;
        }
    };
    let index = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("rinnovo-prerender: {}: {e}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    let html = match rinnovo_core::prerender::insert(&index, &content) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("rinnovo-prerender: {}: {e}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&path, html) {
        eprintln!("rinnovo-prerender: {}: {e}", path.to_string_lossy());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
