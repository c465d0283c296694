// scripts/site.mjs: what both pages' postbuilds write the same way
// (scripts/postbuild.mjs for the customer's page, scripts/postbuild-office.mjs
// for the office's): the Content-Security-Policy and the service worker.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A strict CSP over the inline scripts of `html` as they are. */
export function contentSecurityPolicy(html) {
  const hashes = [...html.matchAll(/<script(?: [^>]*)?>([\s\S]*?)<\/script>/g)]
    .filter(([, body]) => body.trim() !== '')
    .map(([, body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  const policy = [
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
  return { policy, hashes: hashes.length };
}

/** `html` with the policy as its first <meta> after the charset. */
export function withPolicy(html, policy) {
  return html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
}

/**
 * Writes DIST/sw.js from assets/sw.js: the files of DIST (but those under
 * `apart`, another page's, which it leaves to that page's worker), a
 * version from their contents, and its caches' prefix. Returns the count
 * of files.
 */
export function writeServiceWorker(dist, { prefix, apart = [] }) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(dist, path).split('\\').join('/');
      if (statSync(path).isDirectory()) {
        if (!apart.includes(`${rel}/`)) walk(path);
      } else if (rel !== 'sw.js') files.push(rel);
    }
  };
  walk(dist);
  const version = createHash('sha256');
  for (const f of files) version.update(f).update(readFileSync(join(dist, f)));
  const sw = readFileSync('assets/sw.js', 'utf8')
    .replace("'__RINNOVO_VERSION__'", `'${version.digest('hex').slice(0, 16)}'`)
    .replace('__RINNOVO_FILES__', JSON.stringify(['./', ...files]))
    .replace("'__RINNOVO_CACHE__'", `'${prefix}'`)
    .replace('__RINNOVO_APART__', JSON.stringify(apart));
  if (sw.includes('__RINNOVO_')) throw new Error('site: a placeholder of assets/sw.js is left');
  writeFileSync(join(dist, 'sw.js'), sw);
  return files.length;
}
