// Rinnovo's loader, put inline into index.html by scripts/postbuild.mjs in
// place of Trunk's (the CSP allows it by its sha256). The landing, the FAQ
// and each step's heading are prerendered HTML that works without the app;
// the app (its JS and first wasm part, with their integrity digests) is fetched when
// the page needs it: at once on a route that is neither the landing nor the
// FAQ, else at the first interaction or hash change, or when the page is
// idle after its load, so it never competes with the first paint.
const glue = { href: '__JS__', integrity: '__JS_INTEGRITY__' };
// The module that fetches the app's other wasm parts when they are first
// used (scripts/build-page.mjs); the glue imports it, and it the glue.
const split = { href: '__SPLIT_JS__', integrity: '__SPLIT_JS_INTEGRITY__' };
const wasm = { parts: '__WASM_PARTS__' };
const root = document.documentElement;
const triggers = ['pointerdown', 'keydown', 'focusin', 'hashchange'];
// A move to another page before the app is there: the app, once started,
// takes the focus to that page's heading, as it does on its own moves.
addEventListener('hashchange', () => {
  if (root.dataset.app !== 'ready') root.dataset.navigated = '1';
});
// The app could not be loaded (offline on a first visit, a file refused
// for its digest, a wasm that does not start): a step's page says so in
// place of "loading", in an alert (prerender.rs writes its text).
const failed = () => {
  root.dataset.app = 'failed';
  for (const p of document.querySelectorAll('[data-load-failed]')) p.textContent = p.dataset.loadFailed;
};
// The wasm, in parts (scripts/postbuild.mjs), each fetched with its digest:
// the browser holds a response with `integrity` until it has all of it and
// checks it, then hands it over in one task, and for the whole file that
// was one long task on a slow phone. The parts download side by side and
// stream, in order, into the compiler, in 64 KB slices, one a task.
const streamed = () => {
  // On a refusal, or if the compiler stops reading, the other parts stop.
  const abort = new AbortController();
  const responses = wasm.parts.map(([href, integrity]) => fetch(href, { integrity, signal: abort.signal }));
  // A refusal is the stream's error, whichever part it comes from.
  for (const r of responses) r.catch(() => {});
  let next = 0;
  let reader = null;
  const read = async (controller) => {
    for (;;) {
      if (!reader) {
        if (next === responses.length) return controller.close();
        const response = await responses[next++];
        if (!response.ok || !response.body) throw new Error(`${response.url}: ${response.status}`);
        reader = response.body.getReader();
      }
      const { done, value } = await reader.read();
      if (done) {
        reader = null;
        continue;
      }
      if (!value.byteLength) continue;
      for (let i = 0; i < value.length; i += 65536) {
        controller.enqueue(value.subarray(i, i + 65536));
        await new Promise((r) => setTimeout(r));
      }
      return;
    }
  };
  const stream = new ReadableStream({
    pull: (controller) =>
      read(controller).catch((e) => {
        abort.abort();
        throw e;
      }),
    cancel: () => abort.abort(),
  });
  return new Response(stream, { headers: { 'Content-Type': 'application/wasm' } });
};
// The wasm compiled, then instantiated in a task of its own: finishing the
// module and instantiating it were one task of 55-70 ms on a 4x slowed CPU.
// Browsers without streaming compilation (Safari before 15) compile the
// whole file.
const compiled = () =>
  (WebAssembly.compileStreaming ? WebAssembly.compileStreaming(streamed()) : streamed().arrayBuffer().then((b) => WebAssembly.compile(b))).then(
    (module) => new Promise((resolve) => setTimeout(() => resolve(module))),
  );
let started = false;
const start = () => {
  if (started) return;
  started = true;
  for (const t of triggers) removeEventListener(t, start, true);
  // Each module with its digest on a modulepreload; the import waits for
  // both, so that neither is fetched without it.
  const preloaded = [split, glue].map(
    (m) =>
      new Promise((resolve, reject) => {
        const link = document.createElement('link');
        link.rel = 'modulepreload';
        link.href = m.href;
        link.crossOrigin = 'anonymous';
        link.integrity = m.integrity;
        link.onload = resolve;
        link.onerror = reject;
        document.head.append(link);
      }),
  );
  Promise.all(preloaded)
    .then(() => import(glue.href))
    .then((m) =>
      m.default({ module_or_path: compiled() }).then((instance) => {
        window.wasmBindings = m;
        dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
      }),
    )
    .catch(failed);
};
// The landing and the FAQ work without the app; any other page needs it
// (a step, or the step a stored draft was left on: see the route script).
const prerendered = ['', 'faq'].includes(root.dataset.route) && ['', '#', '#/', '#/faq'].includes(location.hash);
if (!prerendered) {
  start();
} else {
  for (const t of triggers) addEventListener(t, start, { capture: true, passive: true });
  const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(() => start(), { timeout: 1000 }) : setTimeout(start, 200));
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}
