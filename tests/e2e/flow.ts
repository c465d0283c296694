// The whole renewal, quickly, as a user does it with the mouse: company data
// with accents, activations, a support tier, the support form signed with a
// drawn signature and an uploaded stamp, the conditions accepted with the same
// signing reused and the clause approval signed with a typed name. Ends on the
// review page with everything complete. The specs about the PDFs, privacy and
// offline use build on it.
import { expect, type Locator, type Page } from '@playwright/test';
import {
  continueButton,
  exactly,
  expectPage,
  field,
  file,
  fillCompany,
  it,
  problemsHeading,
  tierRadio,
  TIERS,
} from './helpers';

/** A company whose name and comune need the accents WinAnsiEncoding has. */
export const ACCENTED = {
  ragione_sociale: 'Caffè Più & Figli S.r.l.',
  partita_iva: '00743110157',
  // Another valid 11-digit number, so that the PDFs show both apart.
  codice_fiscale: '12345678903',
  indirizzo: 'Via Città di Castello 7',
  cap: '47121',
  comune: 'Forlì',
  provincia: 'FC',
  email: 'amministrazione@caffepiu.it',
  telefono: '+39 0543 123456',
  pec: 'caffepiu@pec.it',
  rappr_nome: 'Niccolò',
  rappr_cognome: 'Zucchè',
  rappr_cf: 'RSSMRA85T10A562S',
};

/** The file-name-safe form of ACCENTED's name, as the app makes it. */
export const ACCENTED_SAFE_NAME = 'Caffe_Piu_Figli_S_r_l';

export const TYPED_SIGNATURE = 'Niccolò Zucchè';

export const downloadButton = (page: Page, key: 'download.both' | 'download.support_form' | 'download.conditions') =>
  page.getByRole('button', { name: exactly(it[key]) });

/** Draws a wavy stroke across the signature pad with the mouse. */
export async function drawSignature(page: Page, canvas: Locator) {
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  const x = (f: number) => box.x + box.width * f;
  const y = (f: number) => box.y + box.height * f;
  await page.mouse.move(x(0.1), y(0.5));
  await page.mouse.down();
  for (let i = 1; i <= 16; i++) {
    await page.mouse.move(x(0.1 + (0.8 * i) / 16), y(0.5 + 0.25 * Math.sin(i / 2)));
  }
  await page.mouse.up();
}

/** Back to the landing by the header's link, as a user does (a bare URL would return to the step left). */
export async function goHome(page: Page) {
  await page.getByRole('link', { name: exactly(it['app.name']) }).click();
  await expectPage(page, 'landing.title');
}

export type Completed = {
  company: typeof ACCENTED;
  /** The support form's date, as the app fills it in (YYYY-MM-DD). */
  date: string;
};

/**
 * Completes every step from the company page on and returns on the review
 * page, with nothing missing. Starts with `page.goto('./#/azienda')` unless
 * `open` is false (the caller is already there, e.g. offline after a reload).
 * With `company: false` the company step is left as it is (ACCENTED, put
 * there by a prepared link) and the page must already be on it.
 */
export async function completeRenewal(
  page: Page,
  { open = true, company: filled = true }: { open?: boolean; company?: boolean } = {},
): Promise<Completed> {
  // Company (unless it is already filled in, by a prepared link).
  const company = filled ? ((await fillCompany(page, ACCENTED, { open })) as typeof ACCENTED) : ACCENTED;
  await continueButton(page).click();

  // Activations.
  await expectPage(page, 'activations.title');
  await field(page, 'activations').fill('3');
  await continueButton(page).click();

  // Support tier: the second one (SLA 1).
  await expectPage(page, 'support.title');
  await tierRadio(page, TIERS[1].id).check();
  await continueButton(page).click();

  // Support form: drawn signature, uploaded stamp.
  await expectPage(page, 'signing.title');
  await expect(field(page, 'form_signer')).toHaveValue(`${company.rappr_nome} ${company.rappr_cognome}`);
  await expect(field(page, 'form_place')).toHaveValue(company.comune);
  const dateInput = field(page, 'form_date');
  await expect(dateInput).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  const date = await dateInput.inputValue();
  const formSignature = page.getByRole('group', { name: exactly(it['signature.legend']) });
  await expect(formSignature.getByRole('radio', { name: exactly(it['signature.method.drawn']) })).toBeChecked();
  await drawSignature(page, formSignature.getByRole('img', { name: exactly(it['pad.label']) }));
  await expect(page.getByRole('button', { name: exactly(it['pad.undo']) })).toBeEnabled();
  await page.getByLabel(exactly(it['stamp.upload_label'])).setInputFiles(file('stamp.png'));
  await expect(page.getByRole('img', { name: exactly(it['stamp.alt']) })).toBeVisible();
  await continueButton(page).click();

  // Conditions: accept, reuse the form's signing, approve the clauses with a
  // typed signature.
  await expectPage(page, 'conditions.title');
  await page.getByRole('checkbox', { name: exactly(it['conditions.accept']) }).check();
  await page.getByRole('checkbox', { name: exactly(it['conditions.reuse']) }).check();
  await expect(page.getByText(it['conditions.reused'])).toBeVisible();
  await page.getByRole('checkbox', { name: exactly(it['conditions.onerous_accept']) }).check();
  const approval = page.getByRole('group', { name: exactly(it['conditions.onerous_signature']) });
  await approval.getByRole('radio', { name: exactly(it['signature.method.typed']) }).check();
  await approval.getByLabel(exactly(it['signature.typed_label'])).fill(TYPED_SIGNATURE);
  await continueButton(page).click();

  // Review: complete.
  await expectPage(page, 'review.title');
  await expect(page.getByRole('heading', { name: exactly(it['review.ready_title']) })).toBeVisible();
  await expect(problemsHeading(page)).toHaveCount(0);
  await expect(downloadButton(page, 'download.both')).toBeVisible();
  return { company, date };
}
