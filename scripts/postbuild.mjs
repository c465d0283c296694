// scripts/postbuild.mjs DIST: finishes Trunk's release build for hosting.
//  1. The loader (assets/loader.js) in place of Trunk's: the app is fetched
//     when the page needs it, not before the prerendered landing is shown;
//     with subresource integrity that the browser enforces: the wasm is
//     cut into parts, each fetched with its sha384 digest (Chromium ignores
//     `integrity` on a wasm preload), the JS glue with Trunk's digest on a
//     modulepreload.
//  2. A strict Content-Security-Policy as a <meta>, with the sha256 of
//     Trunk's one inline loader script (no 'unsafe-inline', no 'unsafe-eval').
//  3. The service worker: assets/sw.js with this build's file list and a
//     version derived from the files' contents (scripts/site.mjs).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy, withPolicy, writeServiceWorker } from './site.mjs';

const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// 1. The loader. Trunk's loader imports the JS glue and fetches the wasm at
// once, with a preload of each. The landing and the FAQ are prerendered
// (rinnovo-prerender) and work without the app, so the app is fetched only
// when the page needs it: at once on any other route, else at the first
// interaction or when the page is idle after its load. The JS glue keeps its
// digest through a modulepreload added at that moment (the import waits for
// it); the wasm is fetched in parts, each with its digest.
const preload = html.match(/<link rel="preload" href="([^"]+_bg\.wasm)"[^>]*integrity="([^"]+)"[^>]*>\n?/);
if (!preload) throw new Error('postbuild: no wasm preload link in index.html (did Trunk change?)');
const [wasmLink, wasmHref, wasmIntegrity] = preload;
const trunkLoader = html.match(/<script type="module">\s*import init, \* as bindings from '([^']+\.js)';[\s\S]*?<\/script>/);
if (!trunkLoader) throw new Error("postbuild: no Trunk loader (<script type=\"module\">import init ...) in index.html");
const [trunkScript, jsHref] = trunkLoader;
if (!trunkScript.includes(`init({ module_or_path: '${wasmHref}' })`)) throw new Error(`postbuild: the loader does not init ${wasmHref}`);
const modulePreload = html.match(new RegExp(`<link rel="modulepreload" href="${jsHref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*integrity="([^"]+)"[^>]*>\n?`));
if (!modulePreload) throw new Error(`postbuild: no modulepreload of ${jsHref} in index.html`);
const [jsLink, jsIntegrity] = modulePreload;
html = html.replace(wasmLink, '').replace(jsLink, '');
// The wasm in parts, each fetched with a digest of its own: with
// `integrity` the browser holds a response until it has all of it, then
// checks it and hands it over in one task, which for the whole 668 KB file
// was the start's one long task (52-82 ms on a 4x slowed CPU, slow 4G); a
// part's is under 50 ms. The loader streams the parts, in order, into one
// compilation. Each part is gzipped alone: +3 KB in all.
const WASM_PARTS = 4;
// Files by name in dist; their addresses as Trunk wrote them (`./`, or the
// --public-url given to scripts/build).
const fileOf = (href) => join(dist, href.split('/').pop());
const wasmPath = fileOf(wasmHref);
const wasmBytes = readFileSync(wasmPath);
if (`sha384-${createHash('sha384').update(wasmBytes).digest('base64')}` !== wasmIntegrity) {
  throw new Error(`postbuild: ${wasmHref} is not the file Trunk's digest names (run on a fresh build)`);
}
const partSize = Math.ceil(wasmBytes.length / WASM_PARTS);
const parts = [];
for (let i = 0; i < WASM_PARTS; i++) {
  const bytes = wasmBytes.subarray(i * partSize, (i + 1) * partSize);
  const href = wasmHref.replace(/_bg\.wasm$/, `_bg.${i + 1}.wasm`);
  writeFileSync(fileOf(href), bytes);
  parts.push([href, `sha384-${createHash('sha384').update(bytes).digest('base64')}`]);
}
const loader = readFileSync('assets/loader.js', 'utf8')
  .replace(/^\s*\/\/.*\n/gm, '')
  .replace("'__JS__'", `'${jsHref}'`)
  .replace("'__JS_INTEGRITY__'", `'${jsIntegrity}'`)
  .replace("'__WASM_PARTS__'", `[${parts.map(([href, integrity]) => `['${href}', '${integrity}']`).join(', ')}]`);
if (loader.includes('__')) throw new Error('postbuild: a placeholder of assets/loader.js is left');
html = html.replace(trunkScript, `<script type="module">\n${loader}</script>`);

// 2. CSP over the inline scripts as they now are.
const csp = contentSecurityPolicy(html);
export const policy = csp.policy;
html = withPolicy(html, policy);
writeFileSync(indexPath, html);
// Only the parts are shipped.
unlinkSync(wasmPath);

// 3. The service worker, over this page's files: the office's (ufficio/,
// scripts/postbuild-office.mjs) have a worker of their own, and the
// customer's never fetches them.
const count = writeServiceWorker(dist, { prefix: 'rinnovo-', apart: ['ufficio/'] });
writeFileSync(join(dist, 'csp.txt'), policy + '\n');
console.log(`postbuild: CSP with ${csp.hashes} script hash(es), the wasm in ${parts.length} parts with SRI, service worker over ${count} files`);
