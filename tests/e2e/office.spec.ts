// The office page (ufficio/): the vendor drops a folder of returned
// contracts and sees at once who declared fewer activations than licences in
// use, who has not answered, and which returns were altered; the table
// downloads as `rinnovo-pdf extract --csv` writes it, byte for byte.
//
// The folder is made by the suite's own tools (tests/e2e/office-returns.py):
// 49 renewals as the app makes them (the renewals example), the digital ones
// signed with pyHanko, two edited with pypdf after signing, two re-saved by
// qpdf, one copied (two returns from one customer), one damaged file. The
// customer list is written from what the command reads, with differences
// put in on purpose. The folder is read once, in the desktop project.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { exactly, expectNoAxeViolations, tabTo, wasmParts } from './helpers';

type Texts = Record<string, string>;
const it: Texts = JSON.parse(readFileSync('crates/office/texts/it.json', 'utf8'));
const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((t, [k, v]) => t.replaceAll(`{${k}}`, String(v)), text);

const ROOT = resolve('.');
const WORK = join(tmpdir(), `rinnovo-office-e2e-${process.pid}`);
const FOLDER = join(WORK, 'ritorni');
const FILES = 51;

/** Runs a tool of the suite; its output, or the test fails with its error. */
function run(cmd: string, args: string[], cwd = ROOT, okStatus = [0]) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  if (r.error || !okStatus.includes(r.status ?? -1)) {
    throw new Error(`${cmd} ${args.join(' ')}: ${r.error ?? r.stderr.toString()}`);
  }
  return r;
}

/** The command's CSV as rows of values (the suite's values hold no `";"`). */
function parseCsv(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  return text
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.slice(1, -1).split('";"'));
}

let made = false;
/** What `rinnovo-pdf extract --csv ritorni` writes, run in the folder's parent. */
let commandCsv: Buffer;
let header: string[];
let rows: string[][];

function makeReturns() {
  if (made) return;
  mkdirSync(WORK, { recursive: true });
  const cargo = ['--quiet', '--manifest-path', join(ROOT, 'Cargo.toml'), '-p', 'rinnovo-cli'];
  run('cargo', ['run', ...cargo, '--example', 'renewals', '--', join(WORK, 'made'), '49']);
  run('python3', ['tests/e2e/office-returns.py', join(WORK, 'made'), WORK]);
  // The damaged file fails the exit code, after the others are written.
  run('cargo', ['run', ...cargo, '--bin', 'rinnovo-pdf', '--', 'extract', '--csv', '-o', join(WORK, 'command.csv'), 'ritorni'], WORK, [1]);
  commandCsv = readFileSync(join(WORK, 'command.csv'));
  [header, ...rows] = parseCsv(commandCsv);
  made = true;
}

const column = (name: string) => header.indexOf(name);
const rowOf = (i: number, copy = false) =>
  rows.find((r) => r[0].endsWith(`/contratto-${String(i).padStart(4, '0')}${copy ? '-copia' : ''}.pdf`))!;

/**
 * The customer list: every customer of the returns but 7 and 12 (returns
 * from customers not on the list), licences equal to the activations
 * declared but for 3 (10 for 4 declared), 5 (2 for 6) and 8 (not given),
 * and two customers with no return.
 */
function customerList(): string {
  const lines = ['ragione_sociale;partita_iva;codice_cliente;licenze_in_uso'];
  for (const r of rows) {
    const i = Number(r[0].match(/contratto-(\d{4})\.pdf$/)?.[1] ?? -1);
    if (i < 0 || i === 7 || i === 12) continue;
    const declared = r[column('attivazioni')];
    const licences = i === 3 ? '10' : i === 5 ? '2' : i === 8 ? '' : declared;
    lines.push([r[column('ragione_sociale')], r[column('partita_iva')], r[column('codice_cliente')], licences].join(';'));
  }
  lines.push('Bar Sport S.n.c.;12345678903;C-90001;3', 'Osteria del Borgo;00743110157;C-90002;5');
  return lines.join('\r\n') + '\r\n';
}

const office = async (page: Page) => {
  await page.goto('./ufficio/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(exactly(it.title));
};

const folderInput = (page: Page) => page.getByLabel(it['pick.folder'], { exact: true });
const listInput = (page: Page) => page.getByLabel(it['list.pick'], { exact: true });
const rowFor = (page: Page, file: string): Locator =>
  page.getByRole('row').filter({ has: page.getByRole('cell', { name: file, exact: true }) });
const finished = (page: Page) =>
  expect(page.getByRole('status')).toHaveText(exactly(fill(it['progress.finished'], { total: FILES })), { timeout: 240_000 });

async function download(page: Page, path: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: it.export }).click()]);
  expect(dl.suggestedFilename()).toBe('rinnovo-ritorni.csv');
  await dl.saveAs(path);
  return readFileSync(path);
}

test.describe('with the folder of 50 returns', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop', 'the folder is read once, at desktop width');
    test.setTimeout(420_000);
    makeReturns();
  });
  test.afterAll(() => rmSync(WORK, { recursive: true, force: true }));

  test('reads the folder, shows each return and each difference, and downloads the command\'s CSV byte for byte', async ({ page }, testInfo) => {
    await office(page);
    await expectNoAxeViolations(page);
    await folderInput(page).setInputFiles(FOLDER);
    await expect(page.getByRole('progressbar', { name: it['progress.label'] })).toBeVisible();
    await finished(page);

    // One row per file, in the command's order (the damaged file has its
    // row, and its reason, but no line in the CSV).
    const files = await page.locator('tbody td.file').allTextContents();
    expect(files).toHaveLength(FILES);
    expect(files.filter((f) => f !== 'ritorni/danneggiato.pdf')).toEqual(rows.map((r) => r[0]));
    await expect(rowFor(page, 'ritorni/danneggiato.pdf')).toContainText(fill(it['row.failed'], { why: '' }).trim());

    // How each was signed, and what verify says.
    const signed = rowFor(page, 'ritorni/contratto-0001.pdf');
    await expect(signed).toContainText(fill(it['signed.form'], { how: it['signed.digital'] }));
    await expect(signed).toContainText(fill(it['verdict.signatures_added'], { n: 1 }));
    await expect(rowFor(page, 'ritorni/contratto-0002.pdf')).toContainText(fill(it['signed.form'], { how: it['signed.paper'] }));
    await expect(rowFor(page, 'ritorni/contratto-0000.pdf')).toContainText(fill(it['signed.form'], { how: it['signed.image'] }));
    await expect(rowFor(page, 'ritorni/contratto-0000.pdf')).toContainText(it['verdict.as_made']);
    for (const altered of ['contratto-0004.pdf', 'contratto-0010.pdf', 'contratto-0006.pdf', 'contratto-0021.pdf']) {
      await expect(rowFor(page, `ritorni/${altered}`), altered).toContainText(it['verdict.changed']);
    }
    const summary = page.getByRole('region', { name: it['summary.title'] });
    await expect(summary).toContainText(fill(it['summary.read'], { n: FILES - 1 }));
    await expect(summary).toContainText(fill(it['summary.failed'], { n: 1 }));
    await expect(summary).toContainText(fill(it['summary.changed'], { n: 4 }));

    // Without a list, the download is the command's output, byte for byte.
    const plain = await download(page, testInfo.outputPath('plain.csv'));
    expect(plain.equals(commandCsv), 'the CSV equals rinnovo-pdf extract --csv').toBe(true);

    // With the list: each difference, at once.
    await listInput(page).setInputFiles({ name: 'clienti.csv', mimeType: 'text/csv', buffer: Buffer.from(customerList()) });
    await expect(page.getByText(fill(it['list.loaded'], { name: 'clienti.csv', count: rows.length - 3 + 2 }))).toBeVisible();
    await expect(summary).toContainText(fill(it['summary.fewer'], { n: 1 }));
    await expect(summary).toContainText(fill(it['summary.more'], { n: 1 }));
    await expect(summary).toContainText(fill(it['summary.unanswered'], { n: 2 }));
    await expect(summary).toContainText(fill(it['summary.unknown'], { n: 2 }));
    await expect(summary).toContainText(fill(it['summary.duplicate'], { n: 2 }));
    const fewer = rowFor(page, 'ritorni/contratto-0003.pdf');
    await expect(fewer).toContainText(it['compare.meno_attivazioni']);
    await expect(fewer.getByRole('cell', { name: '6', exact: true })).toHaveClass(/flag/);
    await expect(rowFor(page, 'ritorni/contratto-0005.pdf')).toContainText(it['compare.piu_attivazioni']);
    await expect(rowFor(page, 'ritorni/contratto-0007.pdf')).toContainText(it['compare.cliente_sconosciuto']);
    await expect(rowFor(page, 'ritorni/contratto-0008.pdf')).toContainText(it['compare.licenze_non_indicate']);
    await expect(rowFor(page, 'ritorni/contratto-0000-copia.pdf')).toContainText(it['compare.ritorno_doppio']);
    const unanswered = page.getByRole('region', { name: it['unanswered.title'] });
    await expect(unanswered.getByRole('row')).toHaveCount(3);
    await expect(unanswered).toContainText('Bar Sport S.n.c.');
    await expect(unanswered).toContainText('Osteria del Borgo');
    await expectNoAxeViolations(page);

    // The CSV with the list: the command's columns, then the comparison's;
    // then the customers with no return.
    const compared = parseCsv(await download(page, testInfo.outputPath('compared.csv')));
    expect(compared[0]).toEqual([...header, 'licenze_in_uso', 'differenza', 'esito_confronto']);
    expect(compared.slice(1, rows.length + 1).map((r) => r.slice(0, header.length))).toEqual(rows);
    const outcome = (r: string[]) => r.slice(header.length);
    expect(outcome(compared[1 + rows.indexOf(rowOf(3))])).toEqual(['10', '6', 'meno_attivazioni']);
    expect(outcome(compared[1 + rows.indexOf(rowOf(5))])).toEqual(['2', "'-4", 'piu_attivazioni']);
    expect(outcome(compared[1 + rows.indexOf(rowOf(7))])).toEqual(['', '', 'cliente_sconosciuto']);
    expect(outcome(compared[1 + rows.indexOf(rowOf(0, true))])[2]).toBe('ritorno_doppio');
    expect(outcome(compared[1 + rows.indexOf(rowOf(9))])).toEqual([rowOf(9)[column('attivazioni')], '0', 'uguale']);
    expect(compared.slice(rows.length + 1).map((r) => [r[column('ragione_sociale')], ...outcome(r)])).toEqual([
      ['Bar Sport S.n.c.', '3', '', 'senza_ritorno'],
      ['Osteria del Borgo', '5', '', 'senza_ritorno'],
    ]);
  });

  test('is usable with the keyboard alone: the reading can be cancelled, and the table downloaded', async ({ page }, testInfo) => {
    await office(page);
    await folderInput(page).setInputFiles(FOLDER);
    const cancel = page.getByRole('button', { name: it['progress.cancel'] });
    await tabTo(page, cancel);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText(it['progress.cancelled'].split(':')[0], { timeout: 120_000 });
    const cancelled = await page.getByRole('cell', { name: it['row.cancelled'], exact: true }).count();
    expect(cancelled).toBeGreaterThan(0);
    const exportButton = page.getByRole('button', { name: it.export });
    await tabTo(page, exportButton, { key: 'Shift+Tab' });
    const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    await dl.saveAs(testInfo.outputPath('part.csv'));
    const part = parseCsv(readFileSync(testInfo.outputPath('part.csv')));
    expect(part[0]).toEqual(header);
    // The rows read before the cancel, as the command writes them.
    const read = new Set(part.slice(1).map((r) => r[0]));
    expect(read.size).toBeLessThan(FILES - 1);
    expect(part.slice(1)).toEqual(rows.filter((r) => read.has(r[0])));
    // Every part of the page is reached with Tab, and the language switch
    // with Enter.
    await tabTo(page, page.getByRole('button', { name: 'English' }), { key: 'Shift+Tab', max: 200 });
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Office: the renewals received');
  });
});

test('dropped files are read, each in its row, and a folder without returns says so', async ({ page }, testInfo) => {
  await office(page);
  // A drop as the browser hands it: files in a DataTransfer.
  const jpeg = [...readFileSync('tests/e2e/fixtures/signature.jpg')];
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'firma.jpg', { type: 'image/jpeg' }));
    dt.items.add(new File(['%PDF-1.7 no'], 'rotto.pdf', { type: 'application/pdf' }));
    return dt;
  }, jpeg);
  await page.getByRole('region', { name: it['pick.legend'] }).dispatchEvent('drop', { dataTransfer });
  await expect(page.getByRole('status')).toHaveText(exactly(fill(it['progress.finished'], { total: 2 })), { timeout: 60_000 });
  for (const name of ['firma.jpg', 'rotto.pdf']) {
    await expect(rowFor(page, name)).toContainText(fill(it['row.failed'], { why: '' }).trim());
  }
  // A folder of other files: nothing to read, and the page says so.
  const empty = testInfo.outputPath('vuota');
  mkdirSync(empty, { recursive: true });
  writeFileSync(join(empty, 'nota.txt'), 'niente');
  await folderInput(page).setInputFiles(empty);
  await expect(page.getByText(it['pick.none'])).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(0);
});

test('the customer list that cannot be read says why, and the page stays usable', async ({ page }) => {
  await office(page);
  await listInput(page).setInputFiles({ name: 'vuoto.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await expect(page.getByText(fill(it['list.error'], { why: '' }).trim())).toBeVisible();
  await expectNoAxeViolations(page);
});

test('works offline after one visit, from its own service worker and cache', async ({ page, context, baseURL }) => {
  await office(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(new URL('ufficio/', baseURL).href);
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('ufficio-')).length)).toBe(1);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(exactly(it.title));
  await expect(page.getByLabel(it['pick.folder'], { exact: true })).toBeEnabled();
  await context.setOffline(false);
});

/** The files of a build folder, relative to it. */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, base) : [path.slice(base.length + 1)];
  });
}

test('none of the office reaches the customer\'s page: its files name none of the office\'s, and its worker caches none', () => {
  const office = filesUnder('dist/ufficio');
  expect(office).toEqual(expect.arrayContaining(['index.html', 'sw.js', 'office-worker-loader.js', 'office-worker.js', 'office-worker_bg.wasm']));
  const customer = filesUnder('dist').filter((f) => !f.startsWith('ufficio/'));
  const officeNames = office.filter((f) => /\.(js|wasm|css)$/.test(f) && f !== 'sw.js');
  // The page, its app (in parts), its PDF worker, its loader and service worker.
  const shipped = customer.filter((f) => /\.(html|js|wasm|css|webmanifest)$/.test(f));
  expect(shipped).toEqual(expect.arrayContaining(['index.html', 'sw.js', ...wasmParts().map((p) => p.file)]));
  for (const f of shipped) {
    const text = readFileSync(join('dist', f)).toString('latin1');
    for (const name of officeNames) expect(text.includes(name), `${f} names ${name}`).toBe(false);
    expect(text.includes('rinnovo_office') || text.includes('rinnovo-office'), `${f} holds the office's code`).toBe(false);
    expect(text.includes('ufficio-'), `${f} names the office's caches`).toBe(false);
  }
  const sw = readFileSync('dist/sw.js', 'utf8');
  const cached: string[] = JSON.parse(sw.match(/^const FILES = (\[.*\]);$/m)![1]);
  expect(cached.filter((f) => f.startsWith('ufficio/'))).toEqual([]);
});
