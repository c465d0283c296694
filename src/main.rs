//! Mounts the app in the browser; the native build of this binary is empty.

fn main() {
    #[cfg(target_arch = "wasm32")]
    rinnovo::ui::mount();
}
