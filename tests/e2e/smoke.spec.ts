// The release build starts: the wasm loads and the app renders its pages, at
// the site root (phone project) and under /rinnovo/ (desktop project), from a
// plain static server with no rewrite rules.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';

// The texts come from the content file, so a change of wording there does not
// break the tests.
const it: Record<string, string> = JSON.parse(readFileSync('assets/content/texts.it.json', 'utf8'));

test('the landing page opens in Italian with its main heading', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: it['landing.title'] })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
});

test('a deep link to the FAQ opens it, also after a reload', async ({ page }) => {
  await page.goto('./#/faq');
  const heading = page.getByRole('heading', { level: 1, name: it['faq.title'] });
  await expect(heading).toBeVisible();
  await page.reload();
  await expect(heading).toBeVisible();
});
