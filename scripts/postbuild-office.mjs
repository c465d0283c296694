// scripts/postbuild-office.mjs DIST: finishes Trunk's release build of the
// office page (ufficio/index.html, built into DIST, e.g. dist/ufficio):
//  1. Its wasm fetched with subresource integrity that the browser enforces
//     (a `fetch` with `integrity`: Chromium ignores it on a wasm preload),
//     in place of Trunk's preload; the JS glue keeps Trunk's digest on its
//     modulepreload.
//  2. The same strict Content-Security-Policy as the customer's page
//     (scripts/site.mjs), over its one inline script.
//  3. Its own service worker, scoped to ufficio/, with its own caches: the
//     page works offline after one visit, and the customer's worker never
//     caches any of it.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy, withPolicy, writeServiceWorker } from './site.mjs';

const dist = process.argv[2] ?? 'dist/ufficio';
const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const preload = html.match(/<link rel="preload" href="([^"]+_bg\.wasm)"[^>]*integrity="([^"]+)"[^>]*>\n?/);
if (!preload) throw new Error('postbuild-office: no wasm preload link in index.html (did Trunk change?)');
const [wasmLink, wasmHref, wasmIntegrity] = preload;
const wasmBytes = readFileSync(join(dist, wasmHref.split('/').pop()));
if (`sha384-${createHash('sha384').update(wasmBytes).digest('base64')}` !== wasmIntegrity) {
  throw new Error(`postbuild-office: ${wasmHref} is not the file Trunk's digest names (run on a fresh build)`);
}
const trunkLoader = html.match(/<script type="module">\s*import init, \* as bindings from '([^']+\.js)';[\s\S]*?<\/script>/);
if (!trunkLoader) throw new Error('postbuild-office: no Trunk loader in index.html');
const [trunkScript, jsHref] = trunkLoader;
if (!html.includes(`<link rel="modulepreload" href="${jsHref}"`)) throw new Error(`postbuild-office: no modulepreload of ${jsHref}`);
const loader = `<script type="module">
import init from '${jsHref}';
init({ module_or_path: fetch('${wasmHref}', { integrity: '${wasmIntegrity}' }) });
</script>`;
html = html.replace(wasmLink, '').replace(trunkScript, loader);

const csp = contentSecurityPolicy(html);
html = withPolicy(html, csp.policy);
writeFileSync(indexPath, html);

const count = writeServiceWorker(dist, { prefix: 'ufficio-' });
console.log(`postbuild-office: CSP with ${csp.hashes} script hash(es), the wasm with SRI, service worker over ${count} files`);
