//! Mounts the office page in the browser; the native build of this binary
//! is empty.

fn main() {
    #[cfg(target_arch = "wasm32")]
    rinnovo_office::app::mount();
}
