// Italian by default, English on request: every text and `<html lang>`
// follow the choice, which is remembered across reloads.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { containing, continueButton, en, exactly, expectPage, field, it, type Texts } from './helpers';

test.describe.configure({ mode: 'parallel' });

const languageButton = (page: Page, t: Texts, name: string) =>
  page.getByRole('group', { name: exactly(t['lang.label']) }).getByRole('button', { name: exactly(name) });

async function expectLanguage(page: Page, t: Texts, code: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', code);
  await expect(page).toHaveTitle(containing(t['app.name']));
}

test('switching to English changes the texts and the page language, survives a reload, and switching back works', async ({ page }) => {
  await page.goto('./');
  await expectPage(page, 'landing.title', it);
  await expectLanguage(page, it, 'it');
  await expect(languageButton(page, it, 'Italiano')).toHaveAttribute('aria-pressed', 'true');
  await expect(languageButton(page, it, 'English')).toHaveAttribute('aria-pressed', 'false');

  await languageButton(page, it, 'English').click();
  await expectPage(page, 'landing.title', en);
  await expectLanguage(page, en, 'en');
  await expect(page).toHaveTitle(containing(en['landing.title']));
  await expect(page.getByRole('link', { name: exactly(en['landing.start']) })).toBeVisible();
  await expect(languageButton(page, en, 'English')).toHaveAttribute('aria-pressed', 'true');

  // Remembered: a reload, and another page, stay in English.
  await page.reload();
  await expectPage(page, 'landing.title', en);
  await expectLanguage(page, en, 'en');
  await page.goto('./#/azienda');
  await expectPage(page, 'company.title', en);
  await expect(field(page, 'ragione_sociale', en)).toBeVisible();
  await expect(field(page, 'partita_iva', en)).toBeVisible();
  await expect(continueButton(page, en)).toBeVisible();

  // And back to Italian, also remembered.
  await languageButton(page, en, 'Italiano').click();
  await expectPage(page, 'company.title', it);
  await expectLanguage(page, it, 'it');
  await expect(field(page, 'ragione_sociale', it)).toBeVisible();
  await page.reload();
  await expectPage(page, 'company.title', it);
  await expectLanguage(page, it, 'it');
  await expect(languageButton(page, it, 'Italiano')).toHaveAttribute('aria-pressed', 'true');
});

test('error messages already on screen change language with the page, and the data stays', async ({ page }) => {
  await page.goto('./#/azienda');
  await field(page, 'partita_iva').fill('00743110158');
  await field(page, 'partita_iva').blur();
  await expect(field(page, 'partita_iva')).toHaveAccessibleDescription(containing(it['error.piva.check_digit']));

  await languageButton(page, it, 'English').click();
  const piva = field(page, 'partita_iva', en);
  await expect(piva).toHaveAccessibleDescription(containing(en['error.piva.check_digit']));
  await expect(piva).not.toHaveAccessibleDescription(containing(it['error.piva.check_digit']));
  await expect(piva).toHaveValue('00743110158');
});
