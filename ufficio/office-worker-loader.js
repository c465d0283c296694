// Starts the office's web worker: loads wasm-bindgen's no-modules glue, then
// the worker's wasm, both relative to this script (any sub-path works).
// Files that arrive while the wasm is still loading are held and handed to
// the Rust handler (which replaces `onmessage` when it starts) once it is
// ready.
const early = [];
self.onmessage = (event) => early.push(event);
importScripts('./office-worker.js');
wasm_bindgen({ module_or_path: './office-worker_bg.wasm' }).then(() => {
  for (const event of early.splice(0)) self.onmessage(event);
});
