// A plain static file server for the end-to-end tests: serves dist/ both at
// the site root and under the sub-path /rinnovo/, as a hosting company would,
// with no rewrite rules and no fallback to index.html: a deep link has to work
// through the URL's hash alone. Listens on 127.0.0.1 only.
//
//   node tests/e2e/static-server.mjs [--port 4180] [--dir dist] [--test] [--gzip]
//
// With --gzip it compresses every response (gzip -9) for a client that
// accepts it, as a web host does: scripts/bench measures with it.
//
// With --test it also serves what only the tests need:
//  - /host/?app=PATH: a host page that embeds the app in an iframe with the
//    snippet of docs/hosting.md ("Embedding in an iframe"), the app at
//    http://127.0.0.1:PORT/PATH (PATH is / or /rinnovo/, optionally with a
//    #/route). Tests open it as http://localhost:PORT/host/: another host, so
//    another origin than the app's.
//  - /__bump: a new deploy, as far as the service worker can tell: every
//    later sw.js (at / and under /rinnovo/) is byte-different, with its own
//    version (so its own cache name) and a `// build N` line at its end.
//    Each request bumps N again; it answers with the new N.

import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.E2E_PORT ?? '4180' },
    dir: { type: 'string', default: 'dist' },
    test: { type: 'boolean', default: false },
    gzip: { type: 'boolean', default: false },
  },
});
const root = resolve(values.dir);
const port = Number(values.port);
const SUB_PATH = '/rinnovo/';

try {
  statSync(join(root, 'index.html'));
} catch {
  console.error(`static-server: ${join(root, 'index.html')} is missing: run scripts/build first`);
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

// --- Test-only routes (--test) ---------------------------------------------

const escapeHtml = (s) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// The hosting guide's snippet (docs/hosting.md), read at every request so
// that the test follows the guide as it is.
function readmeSnippet() {
  const guide = readFileSync('docs/hosting.md', 'utf8');
  const section = guide.split(/^## Embedding in an iframe\s*$/m)[1];
  const snippet = section?.match(/```html\n([\s\S]*?)```/)?.[1];
  if (!snippet || !snippet.includes('<iframe')) throw new Error('no ```html snippet with an <iframe> under "## Embedding in an iframe" in docs/hosting.md');
  return snippet;
}

function hostPage(url) {
  const app = url.searchParams.get('app') ?? SUB_PATH;
  if (!/^\/(rinnovo\/)?(#\/[a-z]*)?$/.test(app)) return null;
  const appUrl = `http://127.0.0.1:${port}${app}`;
  const snippet = readmeSnippet().replace(/src="[^"]*"/, `src="${escapeHtml(appUrl)}"`);
  return `<!doctype html>
<html lang="it">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Oripan: assistenza (pagina ospite di prova)</title>
  </head>
  <body>
    <h1>Oripan S.p.A.</h1>
    <p>Pagina del fornitore che incorpora il rinnovo.</p>
${snippet}
  </body>
</html>
`;
}

let build = 1;

// sw.js as built, or as the build number `build` would have it.
function serviceWorker(file) {
  const sw = readFileSync(file, 'utf8');
  if (build === 1) return sw;
  const bumped = sw.replace(/^const VERSION = '([^']*)';/m, (_, v) => `const VERSION = '${v}-build${build}';`);
  if (bumped === sw) throw new Error('static-server: no `const VERSION = ...;` line in sw.js');
  return `${bumped}\n// build ${build}\n`;
}

function sendBody(req, res, type, body) {
  const bytes = Buffer.from(body);
  res.writeHead(200, { 'content-type': type, 'content-length': bytes.length, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

// ---------------------------------------------------------------------------

createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
  let path;
  let url;
  try {
    url = new URL(req.url, 'http://localhost');
    path = decodeURIComponent(url.pathname);
  } catch {
    return send(res, 400, 'bad request');
  }
  if (values.test && path === '/__bump') {
    build += 1;
    return send(res, 200, `build ${build}\n`);
  }
  if (values.test && path === '/host/') {
    let html;
    try {
      html = hostPage(url);
    } catch (e) {
      return send(res, 500, String(e));
    }
    if (html === null) return send(res, 400, 'app must be / or /rinnovo/, with an optional #/route');
    return sendBody(req, res, TYPES['.html'], html);
  }
  if (path === SUB_PATH.slice(0, -1)) {
    res.writeHead(301, { location: SUB_PATH });
    return res.end();
  }
  if (path.startsWith(SUB_PATH)) path = path.slice(SUB_PATH.length - 1);
  if (path.endsWith('/')) path += 'index.html';

  const file = resolve(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'forbidden');
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return send(res, 404, 'not found');
  }
  if (!stat.isFile()) return send(res, 404, 'not found');
  if (values.test && file === join(root, 'sw.js')) return sendBody(req, res, TYPES['.js'], serviceWorker(file));

  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  if (values.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    const body = gzipSync(readFileSync(file), { level: 9 });
    res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': body.length, 'cache-control': 'no-store', vary: 'accept-encoding' });
    return res.end(req.method === 'HEAD' ? undefined : body);
  }
  res.writeHead(200, {
    'content-type': type,
    'content-length': stat.size,
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => {
  console.log(`static-server: ${root} at http://127.0.0.1:${port}/ and http://127.0.0.1:${port}${SUB_PATH}`);
  if (values.test) console.log(`static-server: test routes: http://localhost:${port}/host/ and /__bump`);
});
