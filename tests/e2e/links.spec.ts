// Prepared links (rinnovo-pdf links): the office's command makes them from a
// customer list with the tests' key (tests/fixtures/links/, whose public key
// is the built site's); the page checks each one with Web Crypto, fills the
// company step, marks what Oripan gave, shows the licences it counts, and
// never replaces what the customer typed without asking. The PDFs of a
// renewal opened from a link carry the link's data.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import {
  continueButton,
  exactly,
  expectNoAxeViolations,
  expectPage,
  field,
  fillCompany,
  it,
  en,
  storedDraft,
  storedKeys,
  waitForSave,
} from './helpers';
import { ACCENTED, completeRenewal, downloadButton } from './flow';

const vendor = 'Oripan s.r.l.';
const fill = (text: string) => text.replaceAll('{vendor}', vendor);

/** Quoted `;`-separated CSV as rinnovo-pdf writes it, to rows of values. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        value += '"';
        i++;
      } else if (c === '"') quoted = false;
      else value += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(value);
      value = '';
    } else if (c === '\r') continue;
    else if (c === '\n') {
      row.push(value);
      rows.push(row);
      row = [];
      value = '';
    } else value += c;
  }
  const [header, ...rest] = rows;
  return rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** The customers of the list, by codice cliente. */
const CUSTOMERS = [
  { codice_cliente: 'C-0042', licenze_in_uso: '7', ...ACCENTED },
  {
    codice_cliente: 'C-0043',
    licenze_in_uso: '1',
    ragione_sociale: 'Officina Rossi di Rossi Mario',
    partita_iva: '01114601006',
    email: 'rossi@officina.it',
  },
  // So short that deflating it would not pay: sent as it is.
  { codice_cliente: '', ragione_sociale: 'Ali', partita_iva: '01114601006' },
];

/** The encoding byte of a link (0: as it is, 1: raw deflate). */
const encoding = (fragment: string) => Buffer.from(fragment.slice('#/oripan/'.length), 'base64url')[1];

/**
 * The back office's column of a draft key (the list's and the row's columns;
 * the draft's keys of the legal representative's fields are shorter).
 */
const column = (key: string) =>
  key.replace(/^rappr_(cf|nome|cognome)$/, (_, f: string) => `rappresentante_${f === 'cf' ? 'codice_fiscale' : f}`);

/** Makes the links with the office's command; returns their fragments by codice cliente, else name. */
function makeLinks(testInfo: TestInfo): Record<string, string> {
  const dir = testInfo.outputPath('links');
  mkdirSync(dir, { recursive: true });
  const keys = [...new Set(CUSTOMERS.flatMap((c) => Object.keys(c)))];
  const csv = [
    keys.map(column).join(';'),
    ...CUSTOMERS.map((c) => keys.map((k) => `"${(c as Record<string, string>)[k] ?? ''}"`).join(';')),
  ].join('\r\n');
  const list = join(dir, 'clienti.csv');
  const out = join(dir, 'collegamenti.csv');
  writeFileSync(list, `\uFEFF${csv}\r\n`);
  execFileSync(
    'cargo',
    ['run', '--quiet', '--locked', '-p', 'rinnovo-cli', '--bin', 'rinnovo-pdf', '--', 'links', list, '--key', 'tests/fixtures/links/test-links.key', '-o', out],
    { encoding: 'utf8' },
  );
  const rows = parseCsv(readFileSync(out, 'utf8'));
  // By codice cliente, else by name.
  const id = (r: Record<string, string | undefined>) => r.codice_cliente || r.ragione_sociale || '';
  expect(rows.map((r) => id(r))).toEqual(CUSTOMERS.map(id));
  return Object.fromEntries(rows.map((r) => {
    expect(r.link.length).toBeLessThanOrEqual(1000);
    // The invitation, for a mail merge: to the customer, with the link.
    const mail = new URL(r.mailto);
    expect(decodeURIComponent(mail.pathname)).toBe(r.email);
    expect(decodeURIComponent(mail.searchParams.get('body') ?? '')).toContain(r.link);
    return [id(r), r.link.slice(r.link.indexOf('#'))];
  }));
}

let links: Record<string, string>;
test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(120_000);
  links = makeLinks(testInfo);
});

const notice = (page: Page, key: string) => page.getByText(fill(it[key]));
const provided = (page: Page) => page.getByText(exactly(fill(it['field.provided'])));

test('a link fills the company step, marks what Oripan gave, shows its licences, and leaves the address bar', async ({ page }) => {
  await page.goto(`./${links['C-0042']}`);
  // The prerendered page shows the company step, not the landing, until the
  // app is there (the route script in <head>).
  await expect(page.locator('html')).toHaveAttribute('data-route', 'azienda');
  await expectPage(page, 'company.title');
  await expect(notice(page, 'notice.link_applied')).toBeVisible();
  // The data left the address (and so the history).
  expect(new URL(page.url()).hash).toBe('#/azienda');
  for (const [key, value] of Object.entries(ACCENTED)) {
    await expect(field(page, key)).toHaveValue(value);
  }
  await expect(field(page, 'codice_cliente')).toHaveValue('C-0042');
  // Every field the link filled says so, tied to its input for screen readers.
  await expect(provided(page)).toHaveCount(Object.keys(ACCENTED).length + 1);
  await expectNoAxeViolations(page);
  const describedBy = await field(page, 'ragione_sociale').getAttribute('aria-describedby');
  expect(describedBy).toContain('ragione_sociale-provided');
  // Editable: a changed value loses its mark, and is kept.
  await field(page, 'telefono').fill('+39 0543 999999');
  await expect(provided(page)).toHaveCount(Object.keys(ACCENTED).length);
  await waitForSave(page);
  // The licences Oripan counts, beside the activations field.
  await continueButton(page).click();
  await expectPage(page, 'activations.title');
  const licences = fill(it['link.licences']).replace('{n}', '7');
  await expect(page.getByText(licences)).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await field(page, 'activations').getAttribute('aria-describedby')).toContain('activations-licences');
  await expect(field(page, 'activations')).toHaveValue('');
  // After a reload the marks and the licences are still there.
  await page.reload();
  await expectPage(page, 'activations.title');
  await expect(page.getByText(licences)).toBeVisible();
  // In English too.
  await page.getByRole('group', { name: exactly(it['lang.label']) }).getByRole('button', { name: exactly('English') }).click();
  await expect(page.getByText(fill(en['link.licences']).replace('{n}', '7'))).toBeVisible();
});

test('a renewal opened from a link completes, and its PDFs carry the link’s data', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(`./${links['C-0042']}`);
  await expectPage(page, 'company.title');
  await expect(field(page, 'ragione_sociale')).toHaveValue(ACCENTED.ragione_sociale);
  await completeRenewal(page, { company: false });
  const [dl] = await Promise.all([page.waitForEvent('download'), downloadButton(page, 'download.support_form').click()]);
  const path = testInfo.outputPath(dl.suggestedFilename());
  await dl.saveAs(path);
  const [row] = JSON.parse(
    execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'rinnovo-cli', '--bin', 'rinnovo-pdf', '--', 'extract', '--json', path], { encoding: 'utf8' }),
  ) as Record<string, string>[];
  expect(row.codice_cliente).toBe('C-0042');
  for (const [key, value] of Object.entries(ACCENTED)) {
    expect(row[column(key)], key).toBe(value);
  }
});

test('a link sent as it is, not deflated, is read too', async ({ page }) => {
  expect(encoding(links['C-0042'])).toBe(1);
  expect(encoding(links['Ali'])).toBe(0);
  await page.goto(`./${links['Ali']}`);
  await expect(notice(page, 'notice.link_applied')).toBeVisible();
  await expect(field(page, 'ragione_sociale')).toHaveValue('Ali');
  await expect(field(page, 'partita_iva')).toHaveValue('01114601006');
  await expect(provided(page)).toHaveCount(2);
});

test('a tampered or cut link changes nothing and says so', async ({ page }) => {
  const good = links['C-0043'];
  const data = good.slice('#/oripan/'.length);
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  const tampered = [
    // One byte of the signature (bytes 2-65), one of the data, a cut link.
    flip(data, 20),
    flip(data, data.length - 3),
    data.slice(0, data.length - 10),
    'not*base64',
  ];
  for (const bad of tampered) {
    await page.goto('about:blank');
    await page.goto(`./#/oripan/${bad}`);
    await expectPage(page, 'company.title');
    await expect(notice(page, 'notice.link_refused')).toBeVisible();
    await expect(field(page, 'ragione_sociale')).toHaveValue('');
    await expect(provided(page)).toHaveCount(0);
    expect(await storedKeys(page)).toEqual([]);
  }
});

// The link's check is a wasm part of its own (src/ui/link.rs), fetched the
// first time a link is opened. If it cannot be fetched (offline on a first
// visit), nothing changes and the page says so; the same link opened again
// once it can be fetched fills the form.
test.describe('a link whose check cannot be fetched', () => {
  // The refused fetch, as the browser and `__wasm_split.js` report it (one
  // pattern: Playwright would read a list of two as a fixture's value and
  // options).
  test.use({ ignoredConsoleErrors: [/^(Failed to load resource: net::ERR_FAILED|TypeError: Failed to fetch)/] });

  test('changes nothing and says so; opened again, it fills the form', async ({ page }) => {
    let offline = true;
    await page.route(/-split_link\.wasm$/, (route) => (offline ? route.abort('failed') : route.fallback()));
    await page.goto(`./${links['C-0043']}`);
    await expectPage(page, 'company.title');
    await expect(notice(page, 'notice.link_not_loaded')).toBeVisible();
    await expect(field(page, 'ragione_sociale')).toHaveValue('');
    await expect(provided(page)).toHaveCount(0);
    expect(await storedKeys(page)).toEqual([]);
    offline = false;
    await page.goto(`./${links['C-0043']}`);
    await expect(notice(page, 'notice.link_applied')).toBeVisible();
    await expect(field(page, 'ragione_sociale')).not.toHaveValue('');
  });
});

test('a link never replaces a started draft without asking', async ({ page }) => {
  await fillCompany(page);
  await waitForSave(page);
  const mine = (await storedDraft(page)).draft.company;

  // Kept: nothing changes.
  await page.goto('about:blank');
  await page.goto(`./${links['C-0043']}`);
  const offer = page.getByRole('group', { name: fill(it['link.offer']) });
  await expect(offer).toBeVisible();
  await expect(field(page, 'ragione_sociale')).toHaveValue(mine.ragione_sociale);
  await expectNoAxeViolations(page);
  await offer.getByRole('button', { name: exactly(it['link.offer.keep']) }).click();
  await expect(offer).toHaveCount(0);
  await expect(field(page, 'ragione_sociale')).toHaveValue(mine.ragione_sociale);
  expect((await storedDraft(page)).draft.company).toEqual(mine);

  // Used: the company's values the link has replace the typed ones, the
  // others stay; the keyboard reaches the buttons. The link is opened in the
  // tab where the app runs (a hash change, no reload), and leaves the URL.
  await page.evaluate((hash) => {
    location.hash = hash;
  }, links['C-0043']);
  await expect(offer).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/azienda');
  const use = offer.getByRole('button', { name: exactly(fill(it['link.offer.use'])) });
  await use.focus();
  await page.keyboard.press('Enter');
  await expect(offer).toHaveCount(0);
  await expect(notice(page, 'notice.link_applied')).toBeVisible();
  await expect(field(page, 'ragione_sociale')).toHaveValue('Officina Rossi di Rossi Mario');
  await expect(field(page, 'partita_iva')).toHaveValue('01114601006');
  await expect(field(page, 'comune')).toHaveValue(mine.comune);
  await expect(provided(page)).toHaveCount(4);
  await waitForSave(page);
  expect((await storedDraft(page)).draft.company.email).toBe('rossi@officina.it');

  // Opened again in the same tab, the same link is read (its notice comes
  // back) and asks nothing: it would replace nothing.
  await page.getByRole('button', { name: exactly(it['notice.dismiss']) }).click();
  await expect(notice(page, 'notice.link_applied')).toHaveCount(0);
  await page.goto(`./${links['C-0043']}`);
  await expect(notice(page, 'notice.link_applied')).toBeVisible();
  await expect(offer).toHaveCount(0);
  await expect(provided(page)).toHaveCount(4);
});

test('erasing my data erases what the link gave', async ({ page }) => {
  await page.goto(`./${links['C-0042']}`);
  await expect(notice(page, 'notice.link_applied')).toBeVisible();
  await waitForSave(page);
  expect(await storedKeys(page)).toContain('rinnovo.link');
  await page.getByRole('button', { name: exactly(it['erase.button']) }).click();
  await page.getByRole('button', { name: exactly(it['erase.yes']) }).click();
  expect(await storedKeys(page)).toEqual([]);
  await page.goto('./#/attivazioni');
  await expect(page.getByText(fill(it['link.licences']).replace('{n}', '7'))).toHaveCount(0);
});
