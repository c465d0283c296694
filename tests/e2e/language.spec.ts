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

// The English texts are a wasm part of their own, fetched the first time
// someone chooses English (or opens the page last seen in English): a page
// in Italian never fetches them, and if they cannot be fetched the page
// stays in Italian, says so, and loses nothing.
test('a page in Italian never fetches the English texts', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto('./');
  await expectPage(page, 'landing.title', it);
  await page.getByRole('link', { name: exactly(it['landing.start']) }).click();
  await expectPage(page, 'company.title', it);
  await page.goto('./#/riepilogo');
  await expectPage(page, 'review.title', it);
  expect(fetched.filter((u) => u.endsWith('-split_en.wasm'))).toEqual([]);
  await languageButton(page, it, 'English').click();
  await expectPage(page, 'review.title', en);
  expect(fetched.filter((u) => u.endsWith('-split_en.wasm'))).toHaveLength(1);
});

test.describe('when the English texts cannot be fetched', () => {
  // The refused fetch, as the browser and `__wasm_split.js` report it (one
  // pattern: Playwright would read a list of two as a fixture's value and
  // options).
  // Without the service worker, which would serve the part from its cache
  // (requests it answers do not reach `page.route`).
  test.use({
    ignoredConsoleErrors: [/^(Failed to load resource: net::ERR_FAILED|TypeError: Failed to fetch)/],
    serviceWorkers: 'block',
  });

  test('the page stays in Italian, says so, keeps what was typed, and English works once they can', async ({ page }) => {
    let offline = true;
    await page.route(/-split_en\.wasm$/, (route) => (offline ? route.abort('failed') : route.fallback()));
    await page.goto('./#/azienda');
    await field(page, 'ragione_sociale').fill('Rossi S.r.l.');
    await languageButton(page, it, 'English').click();
    await expect(page.getByText(it['notice.lang_not_loaded'])).toBeVisible();
    await expectPage(page, 'company.title', it);
    await expectLanguage(page, it, 'it');
    await expect(languageButton(page, it, 'Italiano')).toHaveAttribute('aria-pressed', 'true');
    await expect(field(page, 'ragione_sociale', it)).toHaveValue('Rossi S.r.l.');
    // Nor is English kept for the next visit.
    expect(await page.evaluate(() => localStorage.getItem('rinnovo.lang'))).not.toBe('"en"');

    offline = false;
    await languageButton(page, it, 'English').click();
    await expectPage(page, 'company.title', en);
    await expectLanguage(page, en, 'en');
    await expect(field(page, 'ragione_sociale', en)).toHaveValue('Rossi S.r.l.');
    // The failure's notice is gone with it.
    await expect(page.getByText(en['notice.lang_not_loaded'])).toHaveCount(0);
  });

  test('Italian chosen while English is on its way wins, and is what the next visit gets', async ({ page }) => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/-split_en\.wasm$/, async (route) => {
      await held;
      await route.fallback();
    });
    await page.goto('./#/azienda');
    await expectPage(page, 'company.title', it);
    await languageButton(page, it, 'English').click();
    await languageButton(page, it, 'Italiano').click();
    release();
    // The English texts arrive (the part is fetched) and change nothing.
    await page.waitForResponse(/-split_en\.wasm$/);
    await page.waitForTimeout(300);
    await expectPage(page, 'company.title', it);
    await expectLanguage(page, it, 'it');
    await expect(languageButton(page, it, 'Italiano')).toHaveAttribute('aria-pressed', 'true');
    expect(await page.evaluate(() => localStorage.getItem('rinnovo.lang'))).toBe('"it"');
    // English, chosen again, is there at once.
    await languageButton(page, it, 'English').click();
    await expectPage(page, 'company.title', en);
    expect(await page.evaluate(() => localStorage.getItem('rinnovo.lang'))).toBe('"en"');
  });

  test('a page last seen in English opens in Italian and says so', async ({ page }) => {
    await page.route(/-split_en\.wasm$/, (route) => route.abort('failed'));
    await page.goto('./#/azienda');
    await expectPage(page, 'company.title', it);
    await page.evaluate(() => localStorage.setItem('rinnovo.lang', '"en"'));
    await page.reload();
    await expect(page.getByText(it['notice.lang_not_loaded'])).toBeVisible();
    await expectPage(page, 'company.title', it);
    await expectLanguage(page, it, 'it');
    await expect(field(page, 'ragione_sociale', it)).toBeVisible();
  });
});
