// scripts/postbuild.mjs DIST: finishes Trunk's release build for hosting.
//  1. The page app's loader (assets/loader.js; the app is built by
//     scripts/build-page.mjs): the app is fetched when the page needs it,
//     not before the prerendered landing is shown; with subresource
//     integrity that the browser enforces: the first wasm part is cut into
//     slices, each fetched with its sha384 digest (Chromium ignores
//     `integrity` on a wasm preload), the two JS modules with theirs on
//     modulepreloads.
//  2. A strict Content-Security-Policy as a <meta>, with the sha256 of
//     the inline loader script (no 'unsafe-inline', no 'unsafe-eval').
//  3. The service worker: assets/sw.js with this build's file list and a
//     version derived from the files' contents (scripts/site.mjs).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy, withPolicy, writeServiceWorker } from './site.mjs';

const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// 1. The loader. The landing and the FAQ are prerendered (rinnovo-prerender)
// and work without the app, so the app is fetched only when the page needs
// it: at once on any other route, else at the first interaction or when the
// page is idle after its load. The two JS modules (the glue and
// `__wasm_split.js`, which import each other) keep their digests through
// modulepreloads added at that moment (the import waits for them); the
// first wasm part is fetched in slices, each with its digest; the other
// parts are fetched by `__wasm_split.js`, with theirs
// (scripts/build-page.mjs).
const manifestPath = join(dist, '.page-app.json');
const app = JSON.parse(readFileSync(manifestPath, 'utf8'));
const MARK = /[ \t]*<!-- page-app:[^>]*-->\n?/;
if (!MARK.test(html)) throw new Error('postbuild: no <!-- page-app --> mark in index.html');
// The first part in slices, each fetched with a digest of its own: with
// `integrity` the browser holds a response until it has all of it, then
// checks it and hands it over in one task, which for the whole 668 KB file
// was the start's one long task (52-82 ms on a 4x slowed CPU, slow 4G); a
// slice's is under 50 ms. The loader streams the slices, in order, into one
// compilation. Each slice is gzipped alone (+1.2 KB against one file).
// Two: the first part is 390 KB since the split, and its two slices are
// smaller than the four of 167 KB measured under 50 ms (docs/design.md,
// "The first part in two slices").
const WASM_PARTS = 2;
const fileOf = (href) => join(dist, href.split('/').pop());
const wasmPath = fileOf(app.wasm.href);
const wasmBytes = readFileSync(wasmPath);
const partSize = Math.ceil(wasmBytes.length / WASM_PARTS);
const parts = [];
for (let i = 0; i < WASM_PARTS; i++) {
  const bytes = wasmBytes.subarray(i * partSize, (i + 1) * partSize);
  const href = app.wasm.href.replace(/_bg\.wasm$/, `_bg.${i + 1}.wasm`);
  writeFileSync(fileOf(href), bytes);
  parts.push([href, `sha384-${createHash('sha384').update(bytes).digest('base64')}`]);
}
const loader = readFileSync('assets/loader.js', 'utf8')
  .replace(/^\s*\/\/.*\n/gm, '')
  .replace("'__JS__'", `'${app.glue.href}'`)
  .replace("'__JS_INTEGRITY__'", `'${app.glue.integrity}'`)
  .replace("'__SPLIT_JS__'", `'${app.split.href}'`)
  .replace("'__SPLIT_JS_INTEGRITY__'", `'${app.split.integrity}'`)
  .replace("'__WASM_PARTS__'", `[${parts.map(([href, integrity]) => `['${href}', '${integrity}']`).join(', ')}]`);
if (loader.includes('__')) throw new Error('postbuild: a placeholder of assets/loader.js is left');
html = html.replace(MARK, `    <script type="module">\n${loader}</script>\n`);

// 2. CSP over the inline scripts as they now are.
const csp = contentSecurityPolicy(html);
export const policy = csp.policy;
html = withPolicy(html, policy);
writeFileSync(indexPath, html);
// Only the slices are shipped; the manifest was for this script.
unlinkSync(wasmPath);
unlinkSync(manifestPath);

// 3. The service worker, over this page's files: the office's (ufficio/,
// scripts/postbuild-office.mjs) have a worker of their own, and the
// customer's never fetches them.
const count = writeServiceWorker(dist, { prefix: 'rinnovo-', apart: ['ufficio/'] });
writeFileSync(join(dist, 'csp.txt'), policy + '\n');
console.log(`postbuild: CSP with ${csp.hashes} script hash(es), the first wasm part in ${parts.length} slices and ${app.parts.length} parts, all with SRI, service worker over ${count} files`);
