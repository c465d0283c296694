// The draft is saved in the browser: a reload on any step comes back to the
// same step (URL and heading) with everything typed so far.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import {
  COMPANY,
  continueButton,
  exactly,
  expectPage,
  field,
  fillCompany,
  it,
  TIERS,
  storedDraft,
  tierRadio,
  waitForSave,
} from './helpers';

test.describe.configure({ mode: 'parallel' });

/** Waits for the save, reloads, and checks the page is still `titleKey`. */
async function reloadAndExpect(page: Page, titleKey: string) {
  await waitForSave(page);
  await page.reload();
  await expectPage(page, titleKey);
  await expect(page.getByText(it['notice.restored'])).toBeVisible();
}

test('a reload on every step keeps the step and the data typed so far', async ({ page }) => {
  test.setTimeout(60_000);

  // Company.
  await fillCompany(page, { codice_cliente: 'C-0042' });
  await reloadAndExpect(page, 'company.title');
  for (const [key, value] of Object.entries({ ...COMPANY, codice_cliente: 'C-0042' })) {
    await expect(field(page, key), key).toHaveValue(value);
  }
  await continueButton(page).click();

  // Activations.
  await expectPage(page, 'activations.title');
  await field(page, 'activations').fill('7');
  await reloadAndExpect(page, 'activations.title');
  await expect(field(page, 'activations')).toHaveValue('7');
  await continueButton(page).click();

  // Support tier: the last one.
  await expectPage(page, 'support.title');
  const tier = TIERS[TIERS.length - 1];
  await tierRadio(page, tier.id).check();
  await reloadAndExpect(page, 'support.title');
  await expect(tierRadio(page, tier.id)).toBeChecked();
  for (const other of TIERS.slice(0, -1)) {
    await expect(tierRadio(page, other.id)).not.toBeChecked();
  }
  await continueButton(page).click();

  // Form signing: another signer and place, a typed signature, stamp by hand.
  await expectPage(page, 'signing.title');
  await field(page, 'form_signer').fill('Giulia Bianchi');
  await field(page, 'form_place').fill('Monza');
  await field(page, 'form_date').fill('2026-03-15');
  const signature = page.getByRole('group', { name: exactly(it['signature.legend']) });
  await signature.getByRole('radio', { name: exactly(it['signature.method.typed']) }).check();
  await signature.getByLabel(exactly(it['signature.typed_label'])).fill('Giulia Bianchi');
  await page.getByRole('radio', { name: exactly(it['stamp.method.by_hand']) }).check();
  await reloadAndExpect(page, 'signing.title');
  await expect(field(page, 'form_signer')).toHaveValue('Giulia Bianchi');
  await expect(field(page, 'form_place')).toHaveValue('Monza');
  await expect(field(page, 'form_date')).toHaveValue('2026-03-15');
  await expect(signature.getByRole('radio', { name: exactly(it['signature.method.typed']) })).toBeChecked();
  await expect(signature.getByLabel(exactly(it['signature.typed_label']))).toHaveValue('Giulia Bianchi');
  await expect(page.getByRole('radio', { name: exactly(it['stamp.method.by_hand']) })).toBeChecked();
  await continueButton(page).click();

  // Conditions: accepted, the form's signing reused, the clauses approved
  // with a signature by hand.
  await expectPage(page, 'conditions.title');
  const accept = page.getByRole('checkbox', { name: exactly(it['conditions.accept']) });
  const reuse = page.getByRole('checkbox', { name: exactly(it['conditions.reuse']) });
  const onerous = page.getByRole('checkbox', { name: exactly(it['conditions.onerous_accept']) });
  const onerousSignature = page.getByRole('group', { name: exactly(it['conditions.onerous_signature']) });
  const byHand = onerousSignature.getByRole('radio', { name: exactly(it['signature.method.handwritten']) });
  await accept.check();
  await reuse.check();
  await onerous.check();
  await byHand.check();
  await reloadAndExpect(page, 'conditions.title');
  await expect(accept).toBeChecked();
  await expect(reuse).toBeChecked();
  await expect(onerous).toBeChecked();
  await expect(byHand).toBeChecked();
  await expect(page.getByText(it['signature.handwritten_info'])).toBeVisible();
  await continueButton(page).click();

  // Review: everything is there, nothing is missing.
  await expectPage(page, 'review.title');
  await reloadAndExpect(page, 'review.title');
  await expect(page.getByRole('heading', { name: exactly(it['review.ready_title']) })).toBeVisible();
  const summary = page.getByRole('main');
  for (const text of [COMPANY.ragione_sociale, COMPANY.partita_iva, 'C-0042', 'Giulia Bianchi', 'Monza', '15/03/2026', tier.name.it]) {
    await expect(summary.getByRole('definition').filter({ hasText: exactly(text) }).first(), text).toBeVisible();
  }
});

test('a reload keeps text typed a moment before, in the middle of a step', async ({ page }) => {
  // Fields that are not yet valid are kept as typed too.
  await page.goto('./#/azienda');
  await field(page, 'ragione_sociale').fill('Officina Meccanica Srl');
  await field(page, 'partita_iva').fill('IT 0074311');
  await field(page, 'cap').fill('2012');
  // Saved within half a second, without waiting for the page to be hidden.
  await waitForSave(page);
  const saved = await storedDraft(page);
  expect(saved?.step).toBe('azienda');
  expect(saved?.draft?.company?.cap).toBe('2012');
  await page.reload();
  await expectPage(page, 'company.title');
  await expect(field(page, 'ragione_sociale')).toHaveValue('Officina Meccanica Srl');
  await expect(field(page, 'partita_iva')).toHaveValue('IT 0074311');
  await expect(field(page, 'cap')).toHaveValue('2012');
  await expect(field(page, 'indirizzo')).toHaveValue('');
});
