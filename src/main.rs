//! Mounts the app in the browser; the native build of this binary is empty.

/// The page's allocator (docs/design.md, "talc").
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    #[cfg(target_arch = "wasm32")]
    rinnovo::ui::mount();
}
