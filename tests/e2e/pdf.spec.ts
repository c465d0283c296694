// The PDFs, end to end: the review's three downloads of a completed
// renewal (merged, support form, conditions) are checked by readers that are
// not the app's: qpdf (structure), pdftotext (the values, accents included)
// and pypdf (the attached form data). A downloaded PDF brings the renewal
// back in a fresh browser; a file that is not one of ours gets a clear
// message; the landing's blank forms are valid PDFs too.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { Browser, Locator, Page, TestInfo } from '@playwright/test';
import { test, expect, storeBeforeFirstLoad, storedDraftFixture, waitForAppOnLoad } from './fixtures';
import {
  containing,
  describedBy,
  escapeRegExp,
  exactly,
  expectPage,
  field,
  file,
  fillCompany,
  it,
  storedDraft,
  waitForSave,
} from './helpers';
import { ACCENTED, ACCENTED_SAFE_NAME, completeRenewal, downloadButton, goHome } from './flow';

test.describe.configure({ mode: 'parallel' });

type DownloadKey = 'download.both' | 'download.support_form' | 'download.conditions';

/** The file-name prefix of each download. */
const PREFIX: Record<DownloadKey, string> = {
  'download.both': 'Oripan_Rinnovo_Assistenza',
  'download.support_form': 'Oripan_Modulo_Assistenza',
  'download.conditions': 'Oripan_Condizioni_Generali',
};

/** Runs `click` and saves the file it downloads under the test's output. */
async function download(page: Page, click: () => Promise<void>, testInfo: TestInfo) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const name = dl.suggestedFilename();
  const path = testInfo.outputPath(name);
  await dl.saveAs(path);
  expect(await dl.failure()).toBeNull();
  return { name, path };
}

/** Downloads one of the review's PDFs. */
async function downloadFilled(page: Page, key: DownloadKey, testInfo: TestInfo) {
  const button = downloadButton(page, key);
  const saved = await download(page, () => button.click(), testInfo);
  // The app says so, and the button is back to its label.
  await expect(page.getByText(it['download.done'].replace('{name}', saved.name))).toHaveCount(1);
  await expect(button).toHaveText(exactly(it[key]));
  return saved;
}

/** `qpdf --check`: exit 0, and not one warning or error. */
function expectQpdfClean(path: string) {
  const run = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
  const output = `${run.stdout}\n${run.stderr}`;
  expect(run.status, `qpdf --check ${path}:\n${output}`).toBe(0);
  expect(output, `qpdf --check ${path} warned`).not.toMatch(/WARNING/i);
  expect(run.stderr.trim(), `qpdf --check ${path} printed on stderr`).toBe('');
  expect(run.stdout).toContain('No syntax or stream encoding errors found');
}

/** The PDFs' page label, "Pagina {n} di {m}" (assets/templates/etichette.it.json). */
const PAGE_LABEL: string = JSON.parse(readFileSync('assets/templates/etichette.it.json', 'utf8')).page;

/** `value`, with any white space between its characters (a comb field's boxes). */
const spacedOut = (value: string) => new RegExp([...value].map(escapeRegExp).join('\\s*'));

/** The text poppler's pdftotext reads, in UTF-8, laid out as on the page. */
const pdftotext = (path: string) =>
  execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });

type PypdfReport = {
  pages: number;
  attachments: Record<string, string>;
  af_relationships: Record<string, string | null>;
  metadata: Record<string, string>;
};

/** What pypdf reads in the file (tests/e2e/pdf-check.py). */
const pypdf = (path: string): PypdfReport =>
  JSON.parse(execFileSync('python3', ['tests/e2e/pdf-check.py', path], { encoding: 'utf8' }));

/** The errors a page of a context of its own runs into, as the fixture checks them for `page`. */
function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      errors.push(`console.error: ${msg.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return errors;
}

/** A new browser context (no draft, no storage) at the project's base URL. */
async function freshPage(browser: Browser, testInfo: TestInfo) {
  // The project's options, merged with the config's (locale, time zone).
  const { baseURL, viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId });
  const page = await context.newPage();
  waitForAppOnLoad(page);
  return { context, page, errors: watchErrors(page) };
}

const resumeInput = (page: Page) => page.getByLabel(exactly(it['resume.label']));

/** The element, among those that describe `input`, that says `text`. */
const message = async (input: Locator, text: string) => (await describedBy(input)).filter({ hasText: text });

/** The review shows `text` as the value of one of its rows. */
const reviewValue = (page: Page, text: string) =>
  page.getByRole('definition').filter({ hasText: exactly(text) }).first();

/** Completes the renewal and downloads the merged PDF. */
async function madePdf(page: Page, testInfo: TestInfo) {
  const { date } = await completeRenewal(page);
  return { ...(await downloadFilled(page, 'download.both', testInfo)), date };
}

test('each PDF of a completed renewal passes qpdf, shows the accented company data and carries the form data', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const { company, date } = await completeRenewal(page);
  const pages: Record<string, number> = {};

  for (const key of ['download.both', 'download.support_form', 'download.conditions'] as const) {
    const { name, path } = await downloadFilled(page, key, testInfo);

    // A name safe on every file system, with the company and the form's date.
    expect(name).toBe(`${PREFIX[key]}_${ACCENTED_SAFE_NAME}_${date}.pdf`);
    expect(name).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    expectQpdfClean(path);

    // The values as a reader sees them, accents included.
    const text = pdftotext(path);
    // Every document names the customer, its Partita IVA (which the support
    // form prints in a comb field, a digit a box), the place and the signer.
    for (const value of [company.ragione_sociale, company.comune, `${company.rappr_nome} ${company.rappr_cognome}`]) {
      expect(text, `pdftotext ${name}`).toContain(value);
    }
    expect(text, `pdftotext ${name}`).toMatch(spacedOut(company.partita_iva));
    // The support form has the rest of the company data.
    if (key !== 'download.conditions') {
      for (const value of [company.codice_fiscale, company.indirizzo, company.pec, company.email]) {
        expect(text, `pdftotext ${name}`).toContain(value);
      }
    }

    // The machine-readable copy for the back office.
    const read = pypdf(path);
    expect(Object.keys(read.attachments), `attachments of ${name}`).toEqual(['rinnovo-dati.json']);
    expect(read.af_relationships['rinnovo-dati.json']).toBe('/Data');
    const json = JSON.parse(read.attachments['rinnovo-dati.json']);
    expect(typeof json.schema).toBe('number');
    expect(json.draft.company).toMatchObject({
      ragione_sociale: company.ragione_sociale,
      partita_iva: company.partita_iva,
      comune: company.comune,
    });
    expect(json.draft.form_signing.date).toBe(date);
    expect(read.metadata['/Author']).toBe(company.ragione_sociale);

    // "Pagina i di n" on each page, n the pages of this PDF.
    for (let i = 1; i <= read.pages; i++) {
      const label = PAGE_LABEL.replace('{n}', `${i}`).replace('{m}', `${read.pages}`);
      const text = execFileSync('pdftotext', ['-f', `${i}`, '-l', `${i}`, '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
      expect(text.replace(/\s+/g, ' '), `page ${i} of ${name}`).toContain(label);
    }
    pages[key] = read.pages;
  }
  // Both documents in one PDF are numbered as one: 1 to 3 of 3, not 1 of 1
  // then 1 to 2 of 2.
  expect(pages['download.both']).toBe(pages['download.support_form'] + pages['download.conditions']);
});

test('a PDF the browser made, printed, signed on paper and scanned, gives the back office the same row', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const { path } = await madePdf(page, testInfo);
  // Printed at 200 dpi, fed askew, sent as JPEG (tests/pdf/scan_sim.py).
  const scan = testInfo.outputPath('scansione.pdf');
  execFileSync('python3', ['tests/pdf/scan_sim.py', path, '-o', scan, '--dpi', '200', '--rotate', '1.5', '--jpeg', '60']);
  // The back office's command reads both: the PDF by its attachment, the
  // scan by the QR codes the worker drew on every page.
  const out = execFileSync(
    'cargo',
    ['run', '--quiet', '--locked', '-p', 'rinnovo-cli', '--bin', 'rinnovo-pdf', '--', 'extract', '--json', path, scan],
    { encoding: 'utf8' },
  );
  const [digital, scanned] = JSON.parse(out) as Record<string, string>[];
  // The page wrote the attachment with the browser's JSON.stringify
  // (src/draft_json.rs); verify fills the PDF again natively, with
  // serde_json's text, and must find the same bytes.
  const verdict = execFileSync(
    'cargo',
    ['run', '--quiet', '--locked', '-p', 'rinnovo-cli', '--bin', 'rinnovo-pdf', '--', 'verify', path],
    { encoding: 'utf8' },
  );
  expect(verdict).toContain('original: as Rinnovo made it: revision 1');
  expect(verdict).toContain('byte for byte what this build makes');
  expect(digital.fonte).toBe('attachment');
  expect(scanned.fonte).toBe('scan');
  expect(scanned.pagine).toBe('modulo 1/1; condizioni 1/2 2/2');
  expect(scanned.pagine_mancanti).toBe('');
  for (const column of Object.keys(digital)) {
    if (['file', 'fonte', 'pagine', 'pagine_mancanti'].includes(column)) continue;
    expect(scanned[column], column).toBe(digital[column]);
  }
});

test('a PDF made by the schema-1 build resumes migrated, and remakes the same renewal', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.goto('./');
  await expectPage(page, 'landing.title');
  // tests/pdf/fixtures/renewal-schema1.pdf: a stamp image with "by hand"
  // also ticked on the form, the conditions stamped by hand.
  await resumeInput(page).setInputFiles('tests/pdf/fixtures/renewal-schema1.pdf');
  await expectPage(page, 'review.title');
  await expect(page.getByText(it['notice.resumed_from_pdf'])).toBeVisible();
  await expect(page.getByRole('heading', { name: exactly(it['review.ready_title']) })).toBeVisible();
  await expect(reviewValue(page, 'Caffè Città S.r.l. – «Più» ’Qualità’ €')).toBeVisible();
  await expect(reviewValue(page, it['review.stamp_uploaded'])).toBeVisible();
  await expect(reviewValue(page, it['stamp.method.by_hand'])).toBeVisible();

  const { path } = await downloadFilled(page, 'download.both', testInfo);
  expectQpdfClean(path);
  const json = JSON.parse(pypdf(path).attachments['rinnovo-dati.json']);
  expect(json.schema).toBe(2);
  expect(json.draft.form_signing.stamp.method).toBe('uploaded');
  expect(json.draft.conditions.signing.stamp.method).toBe('by_hand');
  expect(pdftotext(path)).toContain('Caffè Città S.r.l.');
});

test('a PDF carries no signature or stamp the user replaced, and this browser keeps them', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await completeRenewal(page);
  // Drawn and uploaded, then "sign by hand" and "stamp by hand" chosen instead.
  await page.goto('./#/firma');
  await expectPage(page, 'signing.title');
  const signature = page.getByRole('group', { name: exactly(it['signature.legend']) });
  const stamp = page.getByRole('group', { name: exactly(it['stamp.legend']) });
  await signature.getByRole('radio', { name: exactly(it['signature.method.handwritten']) }).check();
  await stamp.getByRole('radio', { name: exactly(it['stamp.method.by_hand']) }).check();
  await waitForSave(page);
  const kept = (await storedDraft(page)).draft.form_signing;
  expect(kept.signature.drawn_png).toMatch(/^data:image\/png;base64,/);
  expect(kept.stamp.png).toMatch(/^data:image\/png;base64,/);

  await page.goto('./#/riepilogo');
  await expect(page.getByRole('heading', { name: exactly(it['review.ready_title']) })).toBeVisible();
  const { path } = await downloadFilled(page, 'download.both', testInfo);
  const attachment = pypdf(path).attachments['rinnovo-dati.json'];
  const sent = JSON.parse(attachment).draft;
  expect(sent.form_signing.signature).toMatchObject({ method: 'handwritten', drawn_png: '' });
  expect(sent.form_signing.stamp).toEqual({ method: 'by_hand', png: '' });
  expect(attachment).not.toContain(kept.stamp.png.slice(22, 120));
  expect(attachment).not.toContain(kept.signature.drawn_png.slice(22, 120));
  // The typed approval of the clauses is in use, so it is there.
  expect(sent.conditions.onerous_signature.method).toBe('typed');
  expect(sent.conditions.onerous_signature.typed_png).toMatch(/^data:image\/png;base64,/);

  // A change of mind in this browser finds them again.
  await page.goto('./#/firma');
  await stamp.getByRole('radio', { name: exactly(it['stamp.method.uploaded']) }).check();
  await expect(stamp.getByRole('img', { name: exactly(it['stamp.alt']) })).toBeVisible();
  await signature.getByRole('radio', { name: exactly(it['signature.method.drawn']) }).check();
  await waitForSave(page);
  const back = (await storedDraft(page)).draft.form_signing;
  expect(back.signature).toMatchObject({ method: 'drawn', drawn_png: kept.signature.drawn_png });
  expect(back.stamp).toEqual({ method: 'uploaded', png: kept.stamp.png });
});

test('a downloaded PDF brings the renewal back to the review page in a fresh browser', async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const { path } = await madePdf(page, testInfo);

  const fresh = await freshPage(browser, testInfo);
  try {
    const other = fresh.page;
    await other.goto('./');
    await expectPage(other, 'landing.title');
    expect(await storedDraft(other)).toBeNull();
    await resumeInput(other).setInputFiles(path);

    await expectPage(other, 'review.title');
    await expect(other.getByText(it['notice.resumed_from_pdf'])).toBeVisible();
    await expect(other.getByRole('heading', { name: exactly(it['review.ready_title']) })).toBeVisible();
    for (const value of [
      ACCENTED.ragione_sociale,
      ACCENTED.partita_iva,
      ACCENTED.codice_fiscale,
      ACCENTED.comune,
      ACCENTED.pec,
      `${ACCENTED.rappr_nome} ${ACCENTED.rappr_cognome}`,
    ]) {
      await expect(reviewValue(other, value), value).toBeVisible();
    }
    await expect(reviewValue(other, it['review.stamp_uploaded'])).toBeVisible();
    await expect(reviewValue(other, it['signature.method.drawn'])).toBeVisible();

    // Kept as this browser's draft: the company page shows it after a reload.
    await waitForSave(other);
    await other.goto('./#/azienda');
    await other.reload();
    await expect(field(other, 'ragione_sociale')).toHaveValue(ACCENTED.ragione_sociale);
    await expect(field(other, 'comune')).toHaveValue(ACCENTED.comune);
    expect(fresh.errors, 'errors in the fresh page').toEqual([]);
  } finally {
    await fresh.context.close();
  }
});

test('resuming from a PDF over an existing draft asks first, and "No" keeps the draft', async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const { path } = await madePdf(page, testInfo);

  const fresh = await freshPage(browser, testInfo);
  try {
    const other = fresh.page;
    await fillCompany(other, { ragione_sociale: 'Altra Ditta S.p.A.' });
    await waitForSave(other);
    await goHome(other);

    // "No": the draft stays as it was.
    await resumeInput(other).setInputFiles(path);
    const confirm = other.getByRole('alertdialog', { name: exactly(it['resume.confirm']) });
    await expect(confirm).toBeVisible();
    await expectPage(other, 'landing.title');
    await confirm.getByRole('button', { name: exactly(it['resume.cancel']) }).click();
    await expect(confirm).toHaveCount(0);
    await expectPage(other, 'landing.title');
    await waitForSave(other);
    expect((await storedDraft(other))?.draft?.company?.ragione_sociale).toBe('Altra Ditta S.p.A.');
    await other.goto('./#/azienda');
    await expect(field(other, 'ragione_sociale')).toHaveValue('Altra Ditta S.p.A.');

    // "Yes": the PDF's data replace it.
    await goHome(other);
    await resumeInput(other).setInputFiles(path);
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: exactly(it['resume.replace']) }).click();
    await expectPage(other, 'review.title');
    await expect(reviewValue(other, ACCENTED.ragione_sociale)).toBeVisible();
    await expect(reviewValue(other, 'Altra Ditta S.p.A.')).toHaveCount(0);
    expect(fresh.errors, 'errors in the fresh page').toEqual([]);
  } finally {
    await fresh.context.close();
  }
});

test('a file that is not a PDF, a PDF without the renewal data and a damaged PDF each get their message next to the input', async ({ page }, testInfo) => {
  await page.goto('./');
  await expectPage(page, 'landing.title');
  const input = resumeInput(page);
  await expect(input).toHaveAttribute('aria-invalid', 'false');

  // A text file.
  await input.setInputFiles(file('not-an-image.txt'));
  await expect(input).toHaveAccessibleDescription(containing(it['error.pdf.not_pdf']));
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(await message(input, it['error.pdf.not_pdf'])).toBeVisible();

  // A real PDF, but a blank template: no data in it.
  const template = readFileSync('dist/templates/modulo-assistenza.pdf');
  await input.setInputFiles({ name: 'modulo.pdf', mimeType: 'application/pdf', buffer: template });
  await expect(input).toHaveAccessibleDescription(containing(it['error.pdf.no_attachment']));
  await expect(input).not.toHaveAccessibleDescription(containing(it['error.pdf.not_pdf']));

  // The first 2000 bytes of a PDF.
  const truncated = testInfo.outputPath('troncato.pdf');
  writeFileSync(truncated, template.subarray(0, 2000));
  await input.setInputFiles(truncated);
  await expect(input).toHaveAccessibleDescription(containing(it['error.pdf.damaged']));
  await expect(await message(input, it['error.pdf.damaged'])).toBeVisible();
  await expect(input).toHaveAttribute('aria-invalid', 'true');

  // None of them touched the (empty) draft or left the landing.
  await expectPage(page, 'landing.title');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
});

/// A PDF of about 1 KB whose object stream inflates to arrays nested
/// 200,000 deep: the file that once overflowed the worker's stack.
function deeplyNestedPdf(): Buffer {
  const header = '20 0 ';
  const data = Buffer.concat([Buffer.from(header), Buffer.from('['.repeat(200_000)), Buffer.from(']'.repeat(200_000))]);
  const z = deflateSync(data);
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n'),
    Buffer.from(`10 0 obj << /Type /ObjStm /N 1 /First ${header.length} /Filter /FlateDecode /Length ${z.length} >>\nstream\n`),
    z,
    Buffer.from('\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  ]);
}

test('a PDF built to exhaust the reader gets the "hostile" message, and the page and its worker keep working', async ({ page }, testInfo) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('./');
  await expectPage(page, 'landing.title');
  const input = resumeInput(page);
  const bomb = deeplyNestedPdf();
  expect(bomb.length).toBeLessThan(2048);
  const path = testInfo.outputPath('annidato.pdf');
  writeFileSync(path, bomb);
  await input.setInputFiles(path);
  await expect(input).toHaveAccessibleDescription(containing(it['error.pdf.hostile']));
  await expect(await message(input, it['error.pdf.hostile'])).toBeVisible();
  await expect(input).toHaveAttribute('aria-invalid', 'true');

  // The same worker reads the next file: a blank template, without data.
  const template = readFileSync('dist/templates/modulo-assistenza.pdf');
  await input.setInputFiles({ name: 'modulo.pdf', mimeType: 'application/pdf', buffer: template });
  await expect(input).toHaveAccessibleDescription(containing(it['error.pdf.no_attachment']));

  // And the page still works: the renewal starts.
  await page.goto('./#/azienda');
  await expectPage(page, 'company.title');
  expect(pageErrors).toEqual([]);
});

test('a damaged copy of a downloaded PDF is refused and the draft stays', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const { path } = await madePdf(page, testInfo);
  const damaged = testInfo.outputPath('danneggiato.pdf');
  writeFileSync(damaged, readFileSync(path).subarray(0, 2000));

  await goHome(page);
  const input = resumeInput(page);
  await input.setInputFiles(damaged);
  await expect(input).toHaveAccessibleDescription(containing(it['error.pdf.damaged']));
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expectPage(page, 'landing.title');
  await page.goto('./#/riepilogo');
  await expect(reviewValue(page, ACCENTED.ragione_sociale)).toBeVisible();
});

test('the landing and the FAQ offer both blank forms as PDFs that pass qpdf', async ({ page }, testInfo) => {
  const expected = {
    'blank.support_form': { name: 'Oripan_Modulo_Assistenza.pdf', text: 'assistenza' },
    'blank.conditions': { name: 'Oripan_Condizioni_Generali.pdf', text: 'Condizioni generali' },
  };
  for (const [url, titleKey] of [['./', 'landing.title'], ['./#/faq', 'faq.title']] as const) {
    await page.goto(url);
    await expectPage(page, titleKey);
    await expect(page.getByRole('heading', { name: exactly(it['blank.title']) })).toBeVisible();
    for (const [key, { name, text }] of Object.entries(expected)) {
      const link = page.getByRole('link', { name: exactly(it[key]) });
      const saved = await download(page, () => link.click(), testInfo);
      expect(saved.name).toBe(name);
      expectQpdfClean(saved.path);
      expect(pdftotext(saved.path).toLowerCase()).toContain(text.toLowerCase());
      // Blank: no form data inside.
      expect(Object.keys(pypdf(saved.path).attachments)).toEqual([]);
    }
    // Downloading did not leave the page.
    await expectPage(page, titleKey);
  }
});

// Fifteen quick clicks, each right after the previous download: every click
// makes its PDF, and every PDF reaches the browser as a download, although
// Chromium drops the downloads a page starts beyond ten a second (the app
// paces them). Counted by a listener set before the first click: a
// `waitForEvent('download')` set up after a click can miss a download that
// has already happened.
test('fifteen quick clicks on a download give fifteen downloads and fifteen timings', async ({ page }) => {
  test.setTimeout(60_000);
  await storeBeforeFirstLoad(page, { 'rinnovo.draft': storedDraftFixture('complete.json') });
  await page.goto('./#/riepilogo');
  let downloads = 0;
  page.on('download', () => downloads++);
  const button = downloadButton(page, 'download.support_form');
  for (let i = 1; i <= 15; i++) {
    await button.click();
    await expect.poll(() => downloads, { message: `download ${i}` }).toBe(i);
  }
  const measures = await page.evaluate(() =>
    performance.getEntriesByName('rinnovo:pdf:support-form').map((e) => (e as PerformanceMeasure).detail?.workerMemory),
  );
  expect(measures).toHaveLength(15);
  // Each measure carries the worker's memory, which never shrinks.
  for (const m of measures) expect(m).toBeGreaterThan(0);
  expect([...measures].sort((a, b) => a - b)).toEqual(measures);
});
