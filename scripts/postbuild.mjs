// scripts/postbuild.mjs DIST: finishes Trunk's release build for hosting.
//  1. Subresource integrity that the browser enforces: the wasm is fetched
//     with its sha384 digest (Chromium ignores `integrity` on a wasm
//     preload), the JS glue keeps Trunk's modulepreload digest.
//  2. A strict Content-Security-Policy as a <meta>, with the sha256 of
//     Trunk's one inline loader script (no 'unsafe-inline', no 'unsafe-eval').
//  3. The service worker: assets/sw.js with this build's file list and a
//     version derived from the files' contents.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// 1. Fetch the wasm with its digest.
const preload = html.match(/<link rel="preload" href="([^"]+_bg\.wasm)"[^>]*integrity="([^"]+)"[^>]*>/);
if (!preload) throw new Error('postbuild: no wasm preload link in index.html (did Trunk change?)');
const [link, wasmHref, wasmIntegrity] = preload;
html = html.replace(link, '');
const initCall = `init({ module_or_path: '${wasmHref}' })`;
if (!html.includes(initCall)) throw new Error(`postbuild: no ${initCall} in index.html`);
html = html.replace(initCall, `init({ module_or_path: fetch('${wasmHref}', { integrity: '${wasmIntegrity}' }) })`);

// 2. CSP over the inline scripts as they now are.
const hashes = [...html.matchAll(/<script(?: [^>]*)?>([\s\S]*?)<\/script>/g)]
  .filter(([, body]) => body.trim() !== '')
  .map(([, body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
export const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
writeFileSync(indexPath, html);

// 3. The service worker.
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name !== 'sw.js') files.push(relative(dist, path).split('\\').join('/'));
  }
};
walk(dist);
const version = createHash('sha256');
for (const f of files) version.update(f).update(readFileSync(join(dist, f)));
const sw = readFileSync('assets/sw.js', 'utf8')
  .replace("'__RINNOVO_VERSION__'", `'${version.digest('hex').slice(0, 16)}'`)
  .replace('__RINNOVO_FILES__', JSON.stringify(['./', ...files]));
writeFileSync(join(dist, 'sw.js'), sw);
writeFileSync(join(dist, 'csp.txt'), policy + '\n');
console.log(`postbuild: CSP with ${hashes.length} script hash(es), SRI on the wasm, service worker over ${files.length} files`);
