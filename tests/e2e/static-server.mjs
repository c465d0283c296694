// A plain static file server for the end-to-end tests: serves dist/ both at
// the site root and under the sub-path /rinnovo/, as a hosting company would,
// with no rewrite rules and no fallback to index.html: a deep link has to work
// through the URL's hash alone. Listens on 127.0.0.1 only.
//
//   node tests/e2e/static-server.mjs [--port 4180] [--dir dist]

import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.E2E_PORT ?? '4180' },
    dir: { type: 'string', default: 'dist' },
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

createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'bad request');
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

  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => {
  console.log(`static-server: ${root} at http://127.0.0.1:${port}/ and http://127.0.0.1:${port}${SUB_PATH}`);
});
