// The measuring half of scripts/bench (which installs, builds and serves
// dist/ with gzip at BENCH_ORIGIN). Prints one table.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { measure as sizes } from './budget.mjs';

const origin = process.env.BENCH_ORIGIN ?? 'http://127.0.0.1:4190';
// BENCH_RUNS: runs of each measure; unset, 3 of Lighthouse and of the start,
// 5 of the slow phone (the issue's figures are medians of 5).
const runs = Number(process.env.BENCH_RUNS ?? 3);
const phoneRuns = Number(process.env.BENCH_RUNS ?? 5);
// BENCH_ONLY: the sections to run, comma-separated (sizes, lighthouse,
// phone, start, pdf); unset, all.
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;
const wanted = (section) => !only || only.includes(section);
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const chromeArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const ms = (n) => `${Math.round(n)} ms`;
const rows = [];
const row = (what, value, note = '') => rows.push([what, value, note]);

// --- sizes -------------------------------------------------------------------
for (const g of wanted('sizes') ? sizes() : []) {
  for (const i of g.items) row(`  ${g.name}: ${i.file}`, `${kb(i.raw)} raw, ${kb(i.gzip)} gzip`);
  row(`${g.name} (total)`, `${kb(g.raw)} raw, ${kb(g.gzip)} gzip`, `budget ${kb(g.budget)}`);
}

// --- Lighthouse --------------------------------------------------------------
function lighthouse(url) {
  const out = execFileSync(
    'bench/node_modules/.bin/lighthouse',
    [
      url,
      '--output=json',
      '--output-path=stdout',
      '--quiet',
      '--only-categories=performance,accessibility,best-practices,seo',
      `--chrome-flags=--headless=new ${chromeArgs.join(' ')}`,
    ],
    { env: { ...process.env, CHROME_PATH: chromiumPath }, maxBuffer: 64 << 20 },
  );
  const r = JSON.parse(out.toString());
  const a = (id) => r.audits[id]?.numericValue ?? NaN;
  return {
    performance: r.categories.performance.score * 100,
    accessibility: r.categories.accessibility.score * 100,
    'best-practices': r.categories['best-practices'].score * 100,
    seo: r.categories.seo.score * 100,
    lcp: a('largest-contentful-paint'),
    tbt: a('total-blocking-time'),
    cls: a('cumulative-layout-shift'),
    tti: a('interactive'),
    fcp: a('first-contentful-paint'),
    version: r.lighthouseVersion,
  };
}

// The two ways into the form, measured by Lighthouse and on the slow phone
// below, printed side by side.
const paths = [
  { name: 'landing', path: '/', tap: true },
  { name: 'deep link #/azienda', path: '/#/azienda', tap: false },
];
const lighthouseRuns = new Map();
for (const { name, path } of wanted('lighthouse') ? paths : []) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(lighthouse(origin + path));
  lighthouseRuns.set(name, results);
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromeArgs });
const texts = JSON.parse(readFileSync('assets/content/texts.it.json', 'utf8'));

// --- usable on a slow phone (CDP throttling) --------------------------------------
// Lighthouse's default throttling is a simulation, from a trace taken
// unthrottled: it does not see the app's wait (a step's prerendered page is
// its heading and a "loading" line; its field comes with the app), and its
// TTI ends before the field is there. Here Chromium itself throttles, over
// the DevTools protocol, at Lighthouse's slow-4G figures (150 ms latency,
// 1.6 Mbit/s down, 750 kbit/s up: Network.emulateNetworkConditions) and with
// a 4x slowed CPU (Emulation.setCPUThrottlingRate), each run in a fresh
// browser context (cold HTTP cache, no service worker: blocked). Two paths:
// the deep link `#/azienda`, and the landing with its start link
// (texts.it.json `landing.start`) tapped (touch) as soon as it shows: the
// first paint has happened and the link has a box (it is scrolled into view
// and tapped at its centre).
// "Usable" is the first key typed into the "Ragione sociale" field
// (`field.ragione_sociale`) that is kept to the draft. A new customer's
// deep link paints the company step's prerendered form (prerender.rs,
// `company_form`): its fields take text before the app is there, and the
// app, when it swaps its own view in (one task: `dom::replace_prerendered`,
// `<html data-app="ready">`), takes what was typed, the focus and the caret
// (`dom::restore_typing`). So from the first paint the bench, every 50 ms,
// focuses the field if it is not focused and types an "x" (Playwright's
// keyboard: CDP Input.dispatchKeyEvent, the browser's own input path),
// whichever field it is, prerendered or the app's, and goes on until the
// app is there and its draft took the text (`<html data-save>` turns
// "pending", set by the effect that saves the draft on every change). The
// time is that of the first key's `input` event (a capturing listener,
// performance.now(): from the navigation's start). After the run the bench
// waits for the save and checks that the stored draft holds every key it
// typed: one key lost, before, during or after the swap, fails the bench.
// Also per run: the time the app's field entered the page (`data-app`
// turned "ready"); the bytes fetched until usable (CDP Network.loadingFinished
// encodedDataLength of the requests finished by then: gzip bodies and
// headers, mapped onto the page's clock by the document's own response end);
// the long tasks (PerformanceObserver 'longtask', > 50 ms) that started
// before usable. The bench's own probes are Runtime.evaluate calls of a few
// lines, not Playwright's injected script (itself a long task at 4x).
const slowPhone = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
async function usable(path, tap) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const finished = [];
  let documentId = null;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type === 'Document' && documentId === null) documentId = e.requestId;
  });
  cdp.on('Network.loadingFinished', (e) => finished.push(e));
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', slowPhone);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    const b = (window.__bench = { tasks: [], inputs: [], ready: null, tap: null });
    new PerformanceObserver((l) => b.tasks.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
    addEventListener('input', (e) => b.inputs.push([performance.now(), e.target.id, !e.target.closest('[data-prerender]')]), true);
    addEventListener('pointerdown', () => (b.tap ??= performance.now()), true);
    new MutationObserver(() => {
      if (b.ready === null && document.documentElement.dataset.app === 'ready') b.ready = performance.now();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app'] });
  });
  // A probe in the page: a function and its argument, by value.
  const probe = async (fn, arg) => {
    const r = await cdp.send('Runtime.evaluate', { expression: `(${fn})(${JSON.stringify(arg)})`, returnByValue: true });
    if (r.exceptionDetails) throw new Error(`bench: probe: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  };
  const deadline = Date.now() + 60_000;
  const late = (what) => {
    if (Date.now() > deadline) throw new Error(`bench: ${path}: no ${what} after 60 s`);
  };
  await page.goto(origin + path, { waitUntil: 'commit' });
  if (tap) {
    let at = null;
    for (; !at; await page.waitForTimeout(50)) {
      late(`"${texts['landing.start']}" shown`);
      at = await probe((text) => {
        if (!performance.getEntriesByName('first-contentful-paint').length) return null;
        const link = [...document.querySelectorAll('a, button')].find((e) => e.textContent.trim() === text && e.getClientRects().length);
        if (!link) return null;
        link.scrollIntoView({ block: 'center' });
        const r = link.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }, texts['landing.start']);
    }
    await page.touchscreen.tap(at.x, at.y);
  }
  const label = texts['field.ragione_sociale'];
  // The field on screen, focused: 'absent', 'focused' (just now) or its value.
  // From the first paint, while the document is still being parsed too:
  // at its end Chromium applies the URL's fragment (`#/azienda` names the
  // step's prerendered page, which is not focusable) by clearing the focus,
  // which the route script gives back to the field (prerender.rs,
  // `route_script`), so no key typed then is lost either.
  const focusField = (text) => {
    const l = [...document.querySelectorAll('label')].find((e) => e.textContent.trim() === text && e.getClientRects().length);
    const input = l?.control;
    if (!input) return 'absent';
    if (document.activeElement !== input) {
      input.focus();
      return 'focused';
    }
    return input.value;
  };
  const taken = () => document.documentElement.dataset.app === 'ready' && document.documentElement.dataset.save === 'pending';
  let keys = 0;
  let kept = null;
  for (;;) {
    late('field that keeps a typed key');
    const before = await probe(focusField, label);
    if (before === 'absent') {
      await page.waitForTimeout(50);
      continue;
    }
    await page.keyboard.type('x');
    keys++;
    const after = await probe(focusField, label);
    if (typeof after === 'string' && after.endsWith('x') && (await probe(taken))) {
      kept = after;
      break;
    }
    await page.waitForTimeout(50);
  }
  // The draft saved (SAVE_DELAY later) holds what was typed: every key.
  for (; (await probe(() => document.documentElement.dataset.save)) !== 'done'; await page.waitForTimeout(100)) late('save');
  const r = await probe(() => ({
    stored: JSON.parse(localStorage.getItem('rinnovo.draft') ?? 'null')?.draft?.company?.ragione_sociale,
    bench: window.__bench,
    responseEnd: performance.getEntriesByType('navigation')[0].responseEnd,
  }));
  await context.close();
  if (r.stored !== kept || kept !== 'x'.repeat(keys)) {
    const inputs = r.bench.inputs.map(([t, id, app]) => `${Math.round(t)} ${id}${app ? '' : ' (prerendered)'}`).join(', ');
    throw new Error(`bench: ${path}: typed ${keys} keys, the field holds '${kept}', the stored draft '${r.stored}'; input events: ${inputs}; the app ready at ${Math.round(r.bench.ready)}`);
  }
  // The first key typed, kept (as every one was).
  const input = r.bench.inputs.find(([, id]) => id === 'ragione_sociale');
  if (!input) throw new Error(`bench: ${path}: no input event in the field`);
  const at = input[0];
  const prerendered = !input[2];
  const doc = finished.find((e) => e.requestId === documentId);
  if (!doc) throw new Error(`bench: ${path}: the document's loadingFinished not seen`);
  const pageTime = (e) => r.responseEnd + (e.timestamp - doc.timestamp) * 1000;
  const until = finished.filter((e) => pageTime(e) <= at);
  return {
    usable: at,
    prerendered,
    ready: r.bench.ready,
    tap: r.bench.tap,
    keys,
    bytes: until.reduce((n, e) => n + e.encodedDataLength, 0),
    requests: until.length,
    tasks: r.bench.tasks.filter(([s]) => s < at).map(([, d]) => d),
  };
}
const phoneRunsOf = new Map();
for (const { name, path, tap } of wanted('phone') ? paths : []) {
  const results = [];
  for (let i = 0; i < phoneRuns; i++) results.push(await usable(path, tap));
  phoneRunsOf.set(name, results);
}

const sec = (n) => (n / 1000).toFixed(2);
const spread = (xs) => `${sec(median(xs))} s (${sec(Math.min(...xs))}-${sec(Math.max(...xs))})`;
for (const { name, tap } of paths) {
  const results = lighthouseRuns.get(name);
  if (results) {
    const m = (k) => median(results.map((r) => r[k]));
    row(
      `Lighthouse ${results[0].version} mobile, ${name} (median of ${runs})`,
      `perf ${m('performance')}, a11y ${m('accessibility')}, BP ${m('best-practices')}, SEO ${m('seo')}`,
      `perf runs: ${results.map((r) => r.performance).join(', ')}`,
    );
    row(`  ${name}: FCP, LCP, TBT, TTI, CLS`, `${ms(m('fcp'))}, ${ms(m('lcp'))}, ${ms(m('tbt'))}, ${ms(m('tti'))}, ${m('cls').toFixed(3)}`, "Lighthouse's simulated throttling");
  }
  const phone = phoneRunsOf.get(name);
  if (phone) {
    const at = (k) => phone.map((r) => r[k]);
    const how = tap ? `"${texts['landing.start']}" tapped as soon as shown, ` : '';
    row(
      `  ${name}: usable on a slow phone, CDP throttling (median of ${phoneRuns})`,
      spread(at('usable')),
      `${how}until "${texts['field.ragione_sociale']}" takes a typed key that reaches the draft (${phone.filter((r) => r.prerendered).length} of ${phone.length} in the prerendered field); per run: ${at('usable').map(sec).join(', ')} s`,
    );
    const longest = phone.map((r) => (r.tasks.length ? Math.max(...r.tasks) : 0));
    row(
      `    until usable: bytes fetched, long tasks > 50 ms (median)`,
      `${kb(median(at('bytes')))}, ${median(phone.map((r) => r.tasks.length))} (longest ${ms(median(longest))})`,
      `bytes per run: ${at('bytes').map(kb).join(', ')}; tasks per run: ${phone.map((r) => `[${r.tasks.map(ms).join(', ')}]`).join(' ')}`,
    );
    row(
      `    the app in the page (data-app ready), the draft then holding every key${tap ? '; the tap' : ''}`,
      `${spread(at('ready'))}${tap ? `; ${sec(median(at('tap')))} s` : ''}`,
      `keys typed (all kept) until the app's draft took them, per run: ${at('keys').join(', ')}`,
    );
  }
}

// --- the app's start on a 4x slowed CPU and slow 4G ---------------------------
// Every long task (> 50 ms) from the navigation, and those of the app's
// start: from the moment its wasm has begun to arrive (the first of its
// parts to finish downloading, its responseEnd)
// to the app being ready and a second after, each named by the step of the
// start it runs (the app's User Timing marks rinnovo:start:<step>). Before
// that the main thread loads the prerendered page (parsing, style,
// layout), which Lighthouse's figures above cover.
async function startTasks(path) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // Lighthouse's mobile network (slow 4G: 150 ms, 1.6 Mbit/s down, 750
  // kbit/s up): on a bare loopback the wasm arrives while the page's own
  // first layout is still running, which a phone never sees.
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => window.__tasks.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(origin + path);
  // Polled with a plain evaluate: waitForFunction injects Playwright's own
  // script, itself a long task at 4x.
  for (let i = 0; i < 240 && (await page.evaluate(() => document.documentElement.dataset.app)) !== 'ready'; i++) {
    await page.waitForTimeout(250);
  }
  await page.waitForTimeout(1000);
  const { ready, tasks, wasmArrived, marks } = await page.evaluate(() => ({
    ready: document.documentElement.dataset.app === 'ready',
    tasks: window.__tasks,
    // The first of the wasm's parts: the completion of each part's
    // integrity-checked fetch is a task of the start.
    wasmArrived: Math.min(...performance.getEntriesByType('resource').filter((e) => /\/rinnovo-[^/]*\.wasm$/.test(e.name)).map((e) => e.responseEnd)),
    // The app names each task of its start (rinnovo:start:<step>).
    marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('rinnovo:start:')).map((m) => [m.name.slice(14), m.startTime]),
  }));
  await context.close();
  // A start that did not finish, or a wasm not found, would read as no task.
  if (!ready || !Number.isFinite(wasmArrived)) throw new Error(`bench: ${path}: the app did not start (ready ${ready}, wasm ${wasmArrived})`);
  const app = tasks.filter(([s, d]) => s + d > wasmArrived);
  const label = ([s, d]) => marks.find(([, t]) => t >= s && t <= s + d)?.[0] ?? `after ${marks.filter(([, t]) => t < s).pop()?.[0] ?? 'the wasm'}`;
  return { all: tasks.map(([, d]) => d), app: app.map(([, d]) => d), named: app.map((t) => `${label(t)} ${Math.round(t[1])}`) };
}
for (const [name, path] of wanted('start') ? [['landing', '/'], ['#/azienda', '/#/azienda']] : []) {
  const runsOf = [];
  for (let i = 0; i < runs; i++) runsOf.push(await startTasks(path));
  const longest = (k) => runsOf.map((r) => (r[k].length ? Math.max(...r[k]) : 0));
  const list = runsOf.map((r) => `[${r.named.join(', ')}]`).join(' ');
  row(`app start, ${name}, 4x CPU, slow 4G: longest task after the wasm arrived (median of ${runs})`, ms(median(longest('app'))), `tasks > 50 ms per run: ${list}`);
  row(`  ${name}: longest task from the navigation (median of ${runs})`, ms(median(longest('all'))), `per run: ${longest('all').map(ms).join(', ')}`);
}

// --- PDFs in the app ---------------------------------------------------------------
// A complete draft, signed with an uploaded PNG and stamped with one.
const png = `data:image/png;base64,${readFileSync('tests/e2e/fixtures/stamp.png').toString('base64')}`;
const stored = JSON.parse(readFileSync('tests/e2e/drafts/complete.json', 'utf8'));
const fs = stored.draft.form_signing;
fs.signature.method = 'uploaded';
fs.signature.uploaded_png = png;
fs.stamp_png = png;
fs.stamp_by_hand = false;

async function pdfTimes(kind, label, clicks) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, serviceWorkers: 'block' });
  await context.addInitScript((draft) => {
    if (!sessionStorage.getItem('bench')) {
      sessionStorage.setItem('bench', '1');
      localStorage.setItem('rinnovo.draft', draft);
    }
  }, JSON.stringify(stored));
  const page = await context.newPage();
  await page.goto(`${origin}/#/riepilogo`);
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready');
  const button = page.getByRole('button', { name: label, exact: true });
  for (let i = 0; i < clicks; i++) {
    const download = page.waitForEvent('download');
    await button.click();
    await download;
    await page.waitForTimeout(100);
  }
  const { times, memory } = await page.evaluate((name) => {
    const measures = performance.getEntriesByName(name);
    return { times: measures.map((e) => e.duration), memory: Math.max(...measures.map((e) => e.detail?.workerMemory ?? 0)) };
  }, `rinnovo:pdf:${kind}`);
  await context.close();
  return { times, memory };
}
let supportTimes = [];
const pdfJobs = [['support-form', 'download.support_form'], ['conditions', 'download.conditions'], ['both', 'download.both']];
for (const [kind, key] of wanted('pdf') ? pdfJobs : []) {
  const { times: t, memory } = await pdfTimes(kind, texts[key], 11);
  if (kind === 'support-form') supportTimes = t;
  if (t.length < 2) throw new Error(`bench: ${kind}: ${t.length} measures`);
  row(`PDF ${kind}: first click (worker start included)`, ms(t[0]));
  row(`PDF ${kind}: warm, median of ${t.length - 1}`, ms(median(t.slice(1))), `min ${ms(Math.min(...t.slice(1)))}, max ${ms(Math.max(...t.slice(1)))}`);
  row(`PDF ${kind}: worker's peak wasm memory`, `${(memory / 1048576).toFixed(1)} MB`, 'goal: 32 MB for "both"');
}
// --- the same jobs with pdf-lib, in the same browser -----------------------------
// Load the template, fill the same values, embed the same PNG as signature
// and stamp, flatten, save, make a Blob and its object URL, click a download.
const c = stored.draft.company;
const italianDate = (iso) => iso.split('-').reverse().join('/');
const supportValues = {
  'azienda.ragione_sociale': c.ragione_sociale,
  'azienda.partita_iva': c.partita_iva,
  'azienda.codice_fiscale': c.codice_fiscale || c.partita_iva,
  'azienda.indirizzo': c.indirizzo,
  'azienda.cap': c.cap,
  'azienda.comune': c.comune,
  'azienda.provincia': c.provincia,
  'azienda.email': c.email,
  'azienda.pec': c.pec,
  'azienda.sdi': c.sdi,
  'azienda.telefono': c.telefono,
  'azienda.codice_cliente': c.codice_cliente,
  'rappresentante.nome': c.rappr_nome,
  'rappresentante.cognome': c.rappr_cognome,
  'rappresentante.codice_fiscale': c.rappr_cf,
  attivazioni: stored.draft.activations,
  'firma.luogo': fs.place,
  'firma.data': italianDate(fs.date),
  'firma.firmatario': fs.signer,
};
async function pdfLibTimes(runs) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('about:blank');
  await page.addScriptTag({ path: 'bench/node_modules/pdf-lib/dist/pdf-lib.min.js' });
  const times = [];
  // Downloads from page.evaluate carry no user gesture: Chromium lets the
  // first through and holds the others, so none is awaited here.
  for (let i = 0; i < runs; i++) {
    times.push(
      await page.evaluate(
        async ({ template, image, values, radio }) => {
          const bytesOf = (b64) => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
          const templateBytes = bytesOf(template);
          const pngBytes = bytesOf(image);
          const t0 = performance.now();
          const { PDFDocument } = window.PDFLib;
          const pdf = await PDFDocument.load(templateBytes);
          const form = pdf.getForm();
          for (const [name, value] of Object.entries(values)) form.getTextField(name).setText(value);
          form.getRadioGroup('assistenza').select(radio);
          const png = await pdf.embedPng(pngBytes);
          form.getButton('firma.firma').setImage(png);
          form.getButton('firma.timbro').setImage(png);
          form.flatten();
          const out = await pdf.save();
          const url = URL.createObjectURL(new Blob([out], { type: 'application/pdf' }));
          const t1 = performance.now();
          const a = document.createElement('a');
          a.href = url;
          a.download = 'pdf-lib.pdf';
          a.click();
          return t1 - t0;
        },
        { template: readFileSync('assets/templates/modulo-assistenza.pdf').toString('base64'), image: readFileSync('tests/e2e/fixtures/stamp.png').toString('base64'), values: supportValues, radio: stored.draft.tier },
      ),
    );
  }
  await context.close();
  return times;
}
if (wanted('pdf')) {
  const ours = supportTimes.slice(1);
  const theirs = await pdfLibTimes(11);
  row('pdf-lib 1.17.1, the support form: first run', ms(theirs[0]));
  row(`pdf-lib 1.17.1, the support form: warm, median of ${theirs.length - 1}`, ms(median(theirs.slice(1))));
  row('support form: Rinnovo / pdf-lib, warm medians', (median(ours) / median(theirs.slice(1))).toFixed(2), 'goal: <= 0.50');
}
await browser.close();

// --- the table ---------------------------------------------------------------------
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd());
