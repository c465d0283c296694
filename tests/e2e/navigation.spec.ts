// Every step has its own URL: deep links open it in a fresh browser, on a
// plain static server, at the site root (phone project) and under /rinnovo/
// (desktop project); back and forward move between the steps.
import { test, expect } from './fixtures';
import {
  COMPANY,
  continueButton,
  exactly,
  expectPage,
  expectPageWithFocusOnHeading,
  field,
  fillCompany,
  it,
  storedKeys,
  TIERS,
  waitForSave,
} from './helpers';

test.describe.configure({ mode: 'parallel' });

test('a deep link to the support step opens it directly in a fresh browser', async ({ page, baseURL }) => {
  await page.goto('./#/assistenza');
  await expectPage(page, 'support.title');
  expect(await storedKeys(page), 'a fresh browser, no draft').toEqual([]);
  // Served from the project's own location (/ or /rinnovo/), not redirected.
  const url = new URL(page.url());
  expect(url.pathname).toBe(new URL(baseURL!).pathname);
  expect(url.hash).toBe('#/assistenza');
  await expect(page).toHaveTitle(exactly(`${it['support.title']} · ${it['app.name']}`));
  // The step indicator marks the step as the current one.
  const current = page
    .getByRole('navigation', { name: exactly(it['steps.label']) })
    .locator('[aria-current="step"]');
  await expect(current).toHaveCount(1);
  await expect(current).toHaveAccessibleName(exactly(it['steps.assistenza']));
  // The page works: the tiers can be chosen.
  await expect(page.getByRole('radio')).toHaveCount(TIERS.length);
});

test('every step and page has its own deep link', async ({ page }) => {
  const pages: [string, string][] = [
    ['./#/azienda', 'company.title'],
    ['./#/attivazioni', 'activations.title'],
    ['./#/assistenza', 'support.title'],
    ['./#/firma', 'signing.title'],
    ['./#/condizioni', 'conditions.title'],
    ['./#/riepilogo', 'review.title'],
    ['./#/faq', 'faq.title'],
  ];
  for (const [path, title] of pages) {
    await page.goto(path);
    await expectPage(page, title);
  }
});

test('back and forward move between the steps and keep what was typed', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('link', { name: exactly(it['landing.start']) }).click();
  await expectPageWithFocusOnHeading(page, 'company.title');
  await fillCompany(page, {}, { open: false });
  await continueButton(page).click();
  await expectPageWithFocusOnHeading(page, 'activations.title');
  await field(page, 'activations').fill('5');
  await continueButton(page).click();
  await expectPageWithFocusOnHeading(page, 'support.title');

  await page.goBack();
  await expectPageWithFocusOnHeading(page, 'activations.title');
  await expect(field(page, 'activations')).toHaveValue('5');
  await page.goBack();
  await expectPageWithFocusOnHeading(page, 'company.title');
  await expect(field(page, 'ragione_sociale')).toHaveValue(COMPANY.ragione_sociale);
  await page.goBack();
  await expectPage(page, 'landing.title');
  // With a draft, the landing offers to resume rather than to start.
  await expect(page.getByRole('link', { name: exactly(it['landing.resume']) })).toBeVisible();

  await page.goForward();
  await expectPage(page, 'company.title');
  await page.goForward();
  await expectPage(page, 'activations.title');
  await page.goForward();
  await expectPage(page, 'support.title');

  // "Indietro" goes to the previous step too.
  await page.getByRole('link', { name: exactly(it['nav.back']) }).click();
  await expectPageWithFocusOnHeading(page, 'activations.title');
});

test('the bare address brings the user back to the step they left', async ({ page }) => {
  await page.goto('./#/attivazioni');
  await field(page, 'activations').fill('8');
  await waitForSave(page);
  await page.goto('./');
  await expectPage(page, 'activations.title');
  await expect(field(page, 'activations')).toHaveValue('8');
});

test('an unknown address says the page does not exist and links back home', async ({ page }) => {
  await page.goto('./#/non-esiste');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(exactly(it['notfound.title']));
  await page.getByRole('link', { name: exactly(it['notfound.home']) }).click();
  await expectPageWithFocusOnHeading(page, 'landing.title');
});

// Going back removes the page while its field has the focus: the field's blur
// handler must not touch the page that is going away (it once panicked).
test('going back with the browser while typing in a field raises no error and keeps the text', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('link', { name: exactly(it['landing.start']) }).click();
  await expectPage(page, 'company.title');
  await field(page, 'ragione_sociale').fill('Bottega');
  await expect(field(page, 'ragione_sociale')).toBeFocused();
  await page.goBack();
  await expectPage(page, 'landing.title');
  await page.goForward();
  await expectPage(page, 'company.title');
  await expect(field(page, 'ragione_sociale')).toHaveValue('Bottega');
});

// On phones only the current step shows its name, but every link keeps it
// for screen readers (the number beside it is aria-hidden).
test('every link of the step indicator has the name of its step and leads to it', async ({ page }) => {
  await page.goto('./#/azienda');
  const steps = page.getByRole('navigation', { name: exactly(it['steps.label']) });
  const flow: [string, string][] = [
    ['azienda', 'company.title'],
    ['attivazioni', 'activations.title'],
    ['assistenza', 'support.title'],
    ['firma', 'signing.title'],
    ['condizioni', 'conditions.title'],
    ['riepilogo', 'review.title'],
  ];
  await expect(steps.getByRole('link')).toHaveCount(flow.length);
  for (const [i, [slug]] of flow.entries()) {
    await expect(steps.getByRole('link').nth(i)).toHaveAccessibleName(exactly(it[`steps.${slug}`]));
  }
  // Following one by its name opens that step.
  for (const [slug, title] of flow.slice(1).reverse()) {
    await steps.getByRole('link', { name: exactly(it[`steps.${slug}`]) }).click();
    await expectPageWithFocusOnHeading(page, title);
    await expect(steps.getByRole('link', { name: exactly(it[`steps.${slug}`]) })).toHaveAttribute('aria-current', 'step');
  }
});
