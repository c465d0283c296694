// Sending the PDFs from the review page. "Scrivi la PEC a Oripan" is a
// mailto: link (RFC 6068) to the vendor's PEC whose subject names the company
// and its Partita IVA and whose body summarises the renewal and lists the
// files the downloads make; "Condividi i PDF" (Web Share API level 2) hands
// both PDFs to the system share sheet, and is there only where
// navigator.canShare accepts files. Chromium on Linux has no share sheet, so
// a test double of navigator.canShare / navigator.share, installed before
// the page loads, records what the app hands over.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, storeBeforeFirstLoad, storedDraftFixture } from './fixtures';
import { ACCENTED, ACCENTED_SAFE_NAME, completeRenewal, downloadButton } from './flow';
import { en, exactly, expectPage, it, TIERS, type Texts } from './helpers';
import { installShareDouble, shares } from './share-double';

test.describe.configure({ mode: 'parallel' });

const site = JSON.parse(readFileSync('assets/content/site.json', 'utf8'));

const sendSection = (page: Page, t: Texts = it) => page.getByRole('region', { name: exactly(t['send.title']) });
const mailLink = (page: Page, t: Texts = it) => page.getByRole('link', { name: exactly(t['send.mail']) });
const shareButton = (page: Page) => page.getByRole('button', { name: exactly(it['send.share']) });

/** The address, subject and body of a mailto: URL, percent-decoded as RFC 6068 says ('+' is a plus). */
function decodeMailto(href: string) {
  const m = href.match(/^mailto:([^?]*)\?(.*)$/);
  if (!m) throw new Error(`not a mailto: URL with headers: ${href}`);
  const headers: Record<string, string> = {};
  for (const pair of m[2].split('&')) {
    const [name, value] = pair.split('=');
    headers[name] = decodeURIComponent(value);
  }
  expect(Object.keys(headers).sort()).toEqual(['body', 'subject']);
  return { to: decodeURIComponent(m[1]), subject: headers.subject, body: headers.body };
}

/** `template` with its `{name}`s replaced by `values`. */
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);

/** YYYY-MM-DD as dd/mm/yyyy. */
const italianDate = (iso: string) => iso.split('-').reverse().join('/');

/** The complete draft of tests/e2e/drafts/ (signed and stamped by hand), on the review page. */
async function openCompleteReview(page: Page) {
  await storeBeforeFirstLoad(page, { 'rinnovo.draft': storedDraftFixture('complete.json') });
  await page.goto('./#/riepilogo');
  await expectPage(page, 'review.title');
}
/** The complete draft's file names, as the downloads make them. */
const COMPLETE_FILES = ['Oripan_Modulo_Assistenza', 'Oripan_Condizioni_Generali'].map(
  (prefix) => `${prefix}_Bottega_Piu_S_r_l_2026-03-15.pdf`,
);

test('the PEC link is addressed to the vendor, names the company and lists the files the downloads make', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const { date } = await completeRenewal(page);
  const link = mailLink(page);
  await expect(link).toBeVisible();
  // The note beside it: the mail program opens without the files.
  await expect(link).toHaveAccessibleDescription(exactly(it['send.mail_note']));
  await expect(sendSection(page).getByText(it['send.mail_note'])).toBeVisible();

  const href = (await link.getAttribute('href')) ?? '';
  // Encoded as RFC 6068 asks: nothing but unreserved characters and
  // percent-escapes in the headers, CRLF line breaks, short enough for
  // Outlook's 2,000 characters.
  expect(href.split('?')[1]).toMatch(/^subject=[A-Za-z0-9._~%-]+&body=[A-Za-z0-9._~%-]+$/);
  expect(href).toContain('%0D%0A');
  expect(href.length).toBeLessThanOrEqual(2000);

  const { to, subject, body } = decodeMailto(href);
  expect(to).toBe(site.vendor.pec);
  expect(subject).toBe(
    fill(it['mail.subject'], { company: ACCENTED.ragione_sociale, partita_iva: ACCENTED.partita_iva }),
  );
  expect(subject).toContain(ACCENTED.ragione_sociale);
  expect(subject).toContain(ACCENTED.partita_iva);

  // The files to attach are the ones the download buttons save.
  const names: string[] = [];
  for (const key of ['download.support_form', 'download.conditions'] as const) {
    const download = page.waitForEvent('download');
    await downloadButton(page, key).click();
    names.push((await download).suggestedFilename());
  }
  expect(names).toEqual([
    `Oripan_Modulo_Assistenza_${ACCENTED_SAFE_NAME}_${date}.pdf`,
    `Oripan_Condizioni_Generali_${ACCENTED_SAFE_NAME}_${date}.pdf`,
  ]);

  // Drawn form signature, reused for the conditions; SLA 1; 3 activations.
  const expected = fill(it['mail.body'], {
    company: ACCENTED.ragione_sociale,
    partita_iva: ACCENTED.partita_iva,
    tier: TIERS[1].name.it,
    activations: '3',
    form_signature: it['mail.signature.image'],
    form_date: italianDate(date),
    conditions_signature: it['mail.signature.image'],
    conditions_date: italianDate(date),
    files: names.map((n) => `- ${n}`).join('\n'),
  });
  expect(body).toBe(expected.replaceAll('\n', '\r\n'));
  for (const name of names) expect(body).toContain(`\r\n- ${name}\r\n`);

  // In English, the same message in English.
  await page.getByRole('button', { name: 'English' }).click();
  const english = decodeMailto((await mailLink(page, en).getAttribute('href')) ?? '');
  expect(english.to).toBe(site.vendor.pec);
  expect(english.subject).toBe(
    fill(en['mail.subject'], { company: ACCENTED.ragione_sociale, partita_iva: ACCENTED.partita_iva }),
  );
  expect(english.body).toContain(`\r\n- ${names[0]}\r\n- ${names[1]}\r\n`);
});

/** Counts the PDF worker's replies in `window.__workerReplies`. */
async function countWorkerReplies(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __workerReplies: number; Worker: typeof Worker };
    w.__workerReplies = 0;
    const Native = w.Worker;
    w.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', () => w.__workerReplies++);
      }
    };
  });
}

test('"Condividi i PDF" hands both PDFs to the share sheet within the tap, with the message as title and text', async ({
  page,
}) => {
  await installShareDouble(page);
  await countWorkerReplies(page);
  await openCompleteReview(page);
  const { subject, body } = decodeMailto((await mailLink(page).getAttribute('href')) ?? '');
  // Where the PDFs can be shared, the worker makes both as the review opens
  // (Safari on iOS opens the share sheet only from within the tap itself).
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __workerReplies: number }).__workerReplies))
    .toBe(2);
  await shareButton(page).click();
  await expect.poll(async () => (await shares(page)).length).toBe(1);
  const [shared] = await shares(page);
  expect(shared.during).toBe('click');
  expect(shared.files.map((f) => f.name)).toEqual(COMPLETE_FILES);
  for (const f of shared.files) {
    expect(f.type).toBe('application/pdf');
    expect(f.size).toBeGreaterThan(1000);
    expect(f.head).toBe('%PDF-');
  }
  expect(shared.title).toBe(subject);
  expect(shared.text).toBe(body.replaceAll('\r\n', '\n'));
  // The signatures by hand are named as such.
  expect(shared.text).toContain(it['mail.signature.handwritten']);
  await expect(sendSection(page).getByRole('alert')).toHaveCount(0);

  // And again, with the keyboard.
  await shareButton(page).focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await shares(page)).length).toBe(2);
  const again = (await shares(page))[1];
  expect(again.during).toBe('click');
  expect(again.files.map((f) => f.name)).toEqual(COMPLETE_FILES);
});

test('closing the share sheet says nothing', async ({ page }) => {
  await installShareDouble(page, 'AbortError');
  await openCompleteReview(page);
  await shareButton(page).click();
  await expect.poll(async () => (await shares(page)).length).toBe(1);
  // Give the app's rejection handler time to (not) speak.
  await page.waitForTimeout(300);
  await expect(sendSection(page).getByText(it['send.share_failed'])).toHaveCount(0);
  await expect(sendSection(page).getByRole('alert')).toHaveCount(0);
});

test('a share that fails says so next to the button, as an alert', async ({ page }) => {
  await installShareDouble(page, 'NotAllowedError');
  await openCompleteReview(page);
  await shareButton(page).click();
  const alert = sendSection(page).getByRole('alert');
  await expect(alert).toHaveText(exactly(it['send.share_failed']));
  // It goes when the next share works.
  await page.evaluate(() => {
    (window as unknown as { __shareOutcome: string }).__shareOutcome = 'ok';
  });
  await shareButton(page).click();
  await expect.poll(async () => (await shares(page)).length).toBe(2);
  await expect(alert).toHaveCount(0);
});

for (const [what, setup] of [
  [
    'without navigator.canShare',
    () => {
      delete (Navigator.prototype as Partial<Navigator>).canShare;
      delete (Navigator.prototype as Partial<Navigator>).share;
    },
  ],
  [
    'where canShare refuses files',
    () => {
      Object.defineProperty(Navigator.prototype, 'canShare', {
        configurable: true,
        value: (data?: ShareData) => !data?.files,
      });
    },
  ],
] as const) {
  test(`${what} there is no share button, and the PEC link is there`, async ({ page }) => {
    await page.addInitScript(setup);
    await openCompleteReview(page);
    await expect(mailLink(page)).toBeVisible();
    await expect(downloadButton(page, 'download.both')).toBeVisible();
    await expect(shareButton(page)).toHaveCount(0);
  });
}
