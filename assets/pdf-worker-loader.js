// Starts the PDF web worker: loads wasm-bindgen's no-modules glue, then the
// worker's wasm, both relative to this script (any sub-path works). Jobs
// that arrive while the wasm is still loading are held and handed to the
// Rust handler (which replaces `onmessage` when it starts) once it is ready.
const early = [];
self.onmessage = (event) => early.push(event);
importScripts('./pdf-worker.js');
wasm_bindgen({ module_or_path: './pdf-worker_bg.wasm' }).then(() => {
  for (const event of early.splice(0)) self.onmessage(event);
});
