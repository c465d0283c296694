// Private: the form data never leave the browser. During a whole
// renewal (every step, a drawn signature, a stamp upload, the merged and a
// single PDF, a resume from a PDF, a language switch) every request the
// browser makes, from the page, its workers and the service worker, is a
// bodiless GET, to the app's own origin, of a file that is in the build.
// And the build itself names no other host to load anything from.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page, Request } from '@playwright/test';
import { test, expect } from './fixtures';
import { en, exactly, expectPage, it, splitParts, wasmParts, type Texts } from './helpers';
import { ACCENTED, completeRenewal, downloadButton, goHome } from './flow';

const DIST = 'dist';

/** Every file of the build, as paths relative to dist/ ("icons/icon-192.png"). */
function buildFiles(dir = DIST): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? buildFiles(path) : [relative(DIST, path).split('\\').join('/')];
  });
}

/** Who made a request: the page, a worker, or the service worker. */
function origin(request: Request): string {
  if (request.serviceWorker()) return 'service worker';
  try {
    return request.frame().url() ? `frame ${request.frame().url()}` : 'page';
  } catch {
    return 'worker';
  }
}

/**
 * Why `request` breaks the promise, or null when it is a bodiless GET of a
 * file of the build, at the app's origin and under its base path.
 */
function violation(request: Request, appOrigin: string, basePath: string, files: Set<string>): string | null {
  const url = new URL(request.url());
  if (url.protocol === 'blob:' || url.protocol === 'data:') {
    // Local: the PDFs handed to the browser, images in memory.
    return null;
  }
  if (request.method() !== 'GET') return `a ${request.method()} request`;
  if (request.postDataBuffer() !== null) return 'a request with a body';
  if (url.origin !== appOrigin) return `a request to another origin (${url.origin})`;
  if (!url.pathname.startsWith(basePath)) return `outside the app's path ${basePath}`;
  // A folder's address is its index.html (the office page's is ufficio/).
  const folder = decodeURIComponent(url.pathname.slice(basePath.length));
  const path = folder === '' || folder.endsWith('/') ? `${folder}index.html` : folder;
  if (!files.has(path)) return `not a file of the build (${path})`;
  return null;
}

/** Every request is a bodiless GET of a file of the build, at its origin. */
function expectOnlyFilesOfTheBuild(all: Request[], base: URL, files: Set<string>) {
  const bad = all
    .map((request) => ({ request, why: violation(request, base.origin, base.pathname, files) }))
    .filter((v) => v.why !== null)
    .map(({ request, why }) => `${request.method()} ${request.url()} (${origin(request)}): ${why}`);
  expect(bad, 'requests that are not bodiless same-origin GETs of a file of the build').toEqual([]);
  // Not one request carried a body.
  expect(all.filter((r) => r.postData() !== null).map((r) => r.url())).toEqual([]);
}

const languageButton = (page: Page, t: Texts, name: string) =>
  page.getByRole('group', { name: exactly(t['lang.label']) }).getByRole('button', { name: exactly(name) });

test('a whole renewal, with downloads, a resume and a language switch, only loads files of the build from its own origin', async ({ page, context, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  const base = new URL(baseURL!);
  const files = new Set(buildFiles());
  expect(files.has('index.html')).toBe(true);

  // Every request of the context: its pages, their workers, the service worker.
  const seen: { request: Request; by: string }[] = [];
  context.on('request', (request) => seen.push({ request, by: origin(request) }));
  // The page's own events too, in case one of them is not the context's.
  const pageRequests: Request[] = [];
  page.on('request', (request) => pageRequests.push(request));

  await page.goto('./');
  await expectPage(page, 'landing.title');
  await completeRenewal(page);

  // The merged PDF and one single document.
  const [merged] = await Promise.all([page.waitForEvent('download'), downloadButton(page, 'download.both').click()]);
  const mergedPath = testInfo.outputPath(merged.suggestedFilename());
  await merged.saveAs(mergedPath);
  const [single] = await Promise.all([
    page.waitForEvent('download'),
    downloadButton(page, 'download.support_form').click(),
  ]);
  expect(single.suggestedFilename()).toMatch(/^Oripan_Modulo_Assistenza_.*\.pdf$/);
  expect(await single.failure()).toBeNull();

  // A language switch, and a download in English.
  await languageButton(page, it, 'English').click();
  await expectPage(page, 'review.title', en);
  const [english] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: exactly(en['download.conditions']) }).click(),
  ]);
  expect(await english.failure()).toBeNull();
  await languageButton(page, en, 'Italiano').click();
  await expectPage(page, 'review.title', it);

  // Resume from the merged PDF, over the draft, confirmed.
  await goHome(page);
  await page.getByLabel(exactly(it['resume.label'])).setInputFiles(mergedPath);
  await page.getByRole('button', { name: exactly(it['resume.replace']) }).click();
  await expectPage(page, 'review.title');
  await expect(page.getByRole('definition').filter({ hasText: exactly(ACCENTED.ragione_sociale) }).first()).toBeVisible();

  // The recorder saw what it must: the app, the PDF worker's files, and the
  // service worker precaching the build.
  const all = [...new Set([...seen.map((s) => s.request), ...pageRequests])];
  const paths = all.map((r) => new URL(r.url()).pathname);
  expect(paths).toContain(`${base.pathname}`);
  // Every part of the app's wasm that the loader names.
  const parts = wasmParts(DIST);
  expect(parts.length).toBeGreaterThanOrEqual(2);
  for (const { file } of parts) expect(paths).toContain(`${base.pathname}${file}`);
  // And its other parts: the service worker precaches them all; the page
  // itself fetched the pages' (the landing's and the form's, in advance or
  // when shown), not the prepared link's, which this renewal never opened.
  const { module, parts: others } = splitParts(DIST);
  expect(paths).toContain(`${base.pathname}${module}`);
  for (const { file } of others) expect(paths).toContain(`${base.pathname}${file}`);
  const fetchedByPage = pageRequests.map((r) => new URL(r.url()).pathname);
  for (const name of ['site', 'form']) expect(fetchedByPage.some((p) => p.endsWith(`-split_${name}.wasm`)), name).toBe(true);
  expect(fetchedByPage.some((p) => p.endsWith('-split_link.wasm'))).toBe(false);
  expect(paths).toContain(`${base.pathname}pdf-worker-loader.js`);
  expect(paths).toContain(`${base.pathname}pdf-worker_bg.wasm`);
  expect(seen.some((s) => s.request.serviceWorker() !== null), 'requests of the service worker were recorded').toBe(true);

  expectOnlyFilesOfTheBuild(all, base, files);
});

// The office page (ufficio/) keeps the same promise: the returns, the
// customer list and the table never leave the browser.
const OFFICE = JSON.parse(readFileSync('crates/office/texts/it.json', 'utf8')) as Texts;

test('the office page: reading returns, a customer list and the download only load files of the build from its own origin', async ({ page, context, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  const base = new URL(baseURL!);
  const files = new Set(buildFiles());
  expect(files.has('ufficio/index.html')).toBe(true);
  const seen: Request[] = [];
  context.on('request', (request) => seen.push(request));
  page.on('request', (request) => seen.push(request));

  await page.goto('./ufficio/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(exactly(OFFICE.title));
  // Files that are no returns: each read in the worker, each with its reason.
  const chosen = ['signature.jpg', 'stamp.png', 'not-an-image.txt'];
  await page.getByLabel(OFFICE['pick.files'], { exact: true }).setInputFiles(chosen.map((f) => `tests/e2e/fixtures/${f}`));
  await expect(page.getByRole('status')).toHaveText(exactly(OFFICE['progress.finished'].replace('{total}', '3')), { timeout: 60_000 });
  await page.getByLabel(OFFICE['list.pick'], { exact: true }).setInputFiles({
    name: 'clienti.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('ragione_sociale;partita_iva;licenze_in_uso\r\nCaffè Città S.r.l.;01114601006;4\r\n'),
  });
  await expect(page.getByRole('region', { name: OFFICE['unanswered.title'] })).toContainText('Caffè Città S.r.l.');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: OFFICE.export }).click()]);
  await dl.saveAs(testInfo.outputPath('office.csv'));
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Office: the renewals received');

  const all = [...new Set(seen)];
  const paths = all.map((r) => new URL(r.url()).pathname);
  for (const f of ['ufficio/office-worker-loader.js', 'ufficio/office-worker_bg.wasm']) expect(paths).toContain(`${base.pathname}${f}`);
  expectOnlyFilesOfTheBuild(all, base, files);
  // Not one request of the customer's page was made for the office's files.
  expect(paths.filter((p) => !p.startsWith(`${base.pathname}ufficio/`) && p !== '/favicon.ico')).toEqual([]);
});

// The static half of the promise: nothing in the build loads from elsewhere.
// Comments and licence text may name a URL; code may not use one.
test.describe('the build names no other host', () => {
  const URL_RE = /(?:https?|wss?):\/\//gi;

  test('index.html and the stylesheets contain no absolute or protocol-relative URL', () => {
    const sources = [DIST, join(DIST, 'ufficio')].flatMap((dir) => [
      join(dir, 'index.html'),
      ...readdirSync(dir).filter((f) => f.endsWith('.css')).map((f) => join(dir, f)),
    ]);
    expect(sources.length).toBeGreaterThan(1);
    for (const path of sources) {
      const text = readFileSync(path, 'utf8');
      expect(text.match(URL_RE), `${path} names a URL`).toBeNull();
      expect(text, `${path} has a protocol-relative URL`).not.toMatch(/(?:src|href)\s*=\s*["']?\/\/|url\(\s*["']?\/\//i);
      expect(text, `${path} imports a stylesheet`).not.toMatch(/@import/i);
    }
  });

  test('the scripts fetch, import or start nothing from an absolute URL, and name URLs only in comments', () => {
    const scripts = [
      ...readdirSync(DIST).filter((f) => f.endsWith('.js')),
      ...readdirSync(join(DIST, 'ufficio')).filter((f) => f.endsWith('.js')).map((f) => `ufficio/${f}`),
    ];
    expect(scripts).toEqual(expect.arrayContaining(['sw.js', 'pdf-worker-loader.js', 'pdf-worker.js', 'ufficio/sw.js', 'ufficio/office-worker-loader.js']));
    // A call that loads something, with a literal URL that names a host.
    const loadsFromHost =
      /\b(?:fetch|import|importScripts|Worker|SharedWorker|EventSource|WebSocket|sendBeacon|register|open|Request|URL)\s*\(\s*[`'"](?:[a-z][a-z0-9+.-]*:)?\/\//i;
    const importsFromHost = /\bimport\s*(?:[\w$*{}\s,]+\s*from\s*)?[`'"](?:[a-z][a-z0-9+.-]*:)?\/\//i;
    for (const name of scripts) {
      const text = readFileSync(join(DIST, name), 'utf8');
      expect(text, `${name} loads from an absolute URL`).not.toMatch(loadsFromHost);
      expect(text, `${name} imports from an absolute URL`).not.toMatch(importsFromHost);
      // Every URL that remains is in a comment line.
      const lines = text.split('\n');
      const inCode = lines
        .map((line, i) => ({ line: line.trim(), n: i + 1 }))
        .filter(({ line }) => /(?:https?|wss?):\/\//i.test(line) && !/^(?:\/\/|\/\*|\*)/.test(line))
        .map(({ line, n }) => `${name}:${n}: ${line}`);
      expect(inCode, `URLs outside comments in ${name}`).toEqual([]);
    }
  });

  test('the app wasm and the office page\'s name no URL, and the workers\' wasm only XMP namespace names', () => {
    // The app's wasm is shipped in parts (scripts/postbuild.mjs): read
    // whole, in order, so a URL across a cut is seen too.
    const files = readdirSync(DIST).filter((f) => f.endsWith('.wasm'));
    const parts = wasmParts(DIST).map(({ file }) => file);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    // The pages' parts (scripts/build-page.mjs), each read whole.
    const pages = splitParts(DIST).parts.map(({ file }) => file);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(files.filter((f) => !parts.includes(f) && !pages.includes(f))).toEqual(['pdf-worker_bg.wasm']);
    const office = readdirSync(join(DIST, 'ufficio')).filter((f) => f.endsWith('.wasm'));
    expect(office).toHaveLength(2);
    const wasm = [
      ['app', Buffer.concat(parts.map((f) => readFileSync(join(DIST, f))))] as const,
      ...pages.map((f) => [f, readFileSync(join(DIST, f))] as const),
      ['pdf-worker_bg.wasm', readFileSync(join(DIST, 'pdf-worker_bg.wasm'))] as const,
      // The office's page, and its worker (the whole back-office engine).
      ...office.map((f) => [f, readFileSync(join(DIST, 'ufficio', f))] as const),
    ];
    // Names, not addresses: the XMP metadata's namespaces, and lopdf's error
    // message that points to its issue tracker.
    const allowed = new Set([
      'http://ns.adobe.com/pdf/1.3/',
      'http://ns.adobe.com/xap/1.0/',
      'http://purl.org/dc/elements/1.1/',
      // PDF/A's identification schema (pdfaid:part, pdfaid:conformance).
      'http://www.aiim.org/pdfa/ns/id/',
      'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
      'https://github.com/J-F-Liu/lopdf/',
    ]);
    // The site's own address (assets/content/site.json `links.url`): the base of
    // the prepared links, which the app and the office's engine hold as a
    // name (the requests above show it is never fetched).
    const site: string = JSON.parse(readFileSync('assets/content/site.json', 'utf8')).links.url;
    // The office's worker reads scans too: the identifier of a JPEG's
    // extended XMP segment (XMP part 3), which its image decoder knows.
    const scans = new Set([...allowed, site, 'http://ns.adobe.com/xmp/extension/']);
    for (const [name, bytes] of wasm) {
      // The content is written into the app's build as Rust (build.rs): its
      // strings lie side by side with nothing between them, so the site's
      // address is cut out as a whole before any other URL is looked for.
      const raw = bytes.toString('latin1');
      const text = name.startsWith('pdf-worker') ? raw : raw.split(site).join(' ');
      const urls = [...new Set(text.match(/(?:https?|wss?):\/\/[\x21-\x7e]*?(?=[\s"'<>\x00-\x20\x7f-\xff]|$)/g) ?? [])];
      if (name.startsWith('pdf-worker')) {
        expect(urls.filter((u) => !allowed.has(u)), `URLs in ${name}`).toEqual([]);
      } else if (name.startsWith('office-worker')) {
        expect(urls.filter((u) => !scans.has(u)), `URLs in ${name}`).toEqual([]);
      } else {
        expect(urls, `URLs in ${name}`).toEqual([]);
      }
    }
  });
});
