// "Erase my data": after a confirmation, everything stored in this browser
// goes (draft, images, language), the form is empty and the user is back at
// the start.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import {
  COMPANY,
  en,
  exactly,
  expectPage,
  field,
  file,
  fillCompany,
  it,
  storedKeys,
  type Texts,
  waitForSave,
} from './helpers';

test.describe.configure({ mode: 'parallel' });

const eraseButton = (page: Page, t: Texts = it) => page.getByRole('button', { name: exactly(t['erase.button']) });
const confirmButton = (page: Page, t: Texts = it) => page.getByRole('button', { name: exactly(t['erase.yes']) });
const cancelButton = (page: Page, t: Texts = it) => page.getByRole('button', { name: exactly(t['erase.no']) });

test('erasing the data empties the form, returns to the landing and leaves nothing in storage', async ({ page }) => {
  await fillCompany(page);
  await page.goto('./#/attivazioni');
  await field(page, 'activations').fill('4');
  await page.goto('./#/firma');
  await page.getByLabel(exactly(it['stamp.upload_label'])).setInputFiles(file('stamp.png'));
  await expect(page.getByRole('img', { name: exactly(it['stamp.alt']) })).toBeVisible();
  await waitForSave(page);
  expect(await storedKeys(page)).toContain('rinnovo.draft');

  await eraseButton(page).click();
  await expect(page.getByText(it['erase.confirm'])).toBeVisible();
  await expect(confirmButton(page)).toHaveAccessibleDescription(exactly(it['erase.confirm']));
  await confirmButton(page).click();

  await expectPage(page, 'landing.title');
  await expect(page.getByText(it['notice.erased'])).toBeVisible();
  await expect(page.getByRole('link', { name: exactly(it['landing.start']) })).toBeVisible();
  await expect.poll(() => storedKeys(page)).toEqual([]);
  // Still nothing once the (debounced) save has had its chance.
  await waitForSave(page);
  expect(await storedKeys(page)).toEqual([]);

  // The form is empty, also after a reload.
  await page.goto('./#/azienda');
  for (const key of Object.keys(COMPANY)) {
    await expect(field(page, key), key).toHaveValue('');
  }
  await page.reload();
  await expectPage(page, 'company.title');
  await expect(field(page, 'ragione_sociale')).toHaveValue('');
  await page.goto('./#/attivazioni');
  await expect(field(page, 'activations')).toHaveValue('');
  await page.goto('./#/firma');
  await expect(page.getByRole('img', { name: exactly(it['stamp.alt']) })).toHaveCount(0);
});

test('cancelling the erase keeps the data', async ({ page }) => {
  await fillCompany(page);
  await waitForSave(page);
  await eraseButton(page).click();
  await cancelButton(page).click();
  await expect(confirmButton(page)).toHaveCount(0);
  await expect(eraseButton(page)).toBeVisible();
  await expectPage(page, 'company.title');
  await expect(field(page, 'ragione_sociale')).toHaveValue(COMPANY.ragione_sociale);
  await waitForSave(page);
  expect(await storedKeys(page)).toContain('rinnovo.draft');
  await page.reload();
  await expect(field(page, 'ragione_sociale')).toHaveValue(COMPANY.ragione_sociale);
});

test('erasing also forgets the language choice', async ({ page }) => {
  await page.goto('./#/azienda');
  await page.getByRole('button', { name: 'English' }).click();
  await field(page, 'ragione_sociale', en).fill(COMPANY.ragione_sociale);
  await waitForSave(page);
  expect(await storedKeys(page)).toEqual(expect.arrayContaining(['rinnovo.draft', 'rinnovo.lang']));

  await eraseButton(page, en).click();
  await confirmButton(page, en).click();
  await expectPage(page, 'landing.title', it);
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await expect.poll(() => storedKeys(page)).toEqual([]);
  await page.reload();
  await expectPage(page, 'landing.title', it);
});
