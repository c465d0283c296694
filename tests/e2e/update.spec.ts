// A new deploy replaces the cache: no user is stuck on an old version. The
// test server stands in for the deploy: after a request to /__bump it serves
// a byte-different sw.js with its own version, so its own cache name (see
// static-server.mjs, started with --test by playwright.config.ts).
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { COMPANY, exactly, expectPage, field, it, waitForSave } from './helpers';

/** Waits until the service worker controls the page. */
const controlled = (page: Page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

/** The app's caches (one per version: `rinnovo-<version>`). */
const cacheNames = (page: Page) =>
  page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('rinnovo-')).sort());

/** Deploys a "new version": every later sw.js is a new one. */
async function deploy(page: Page, baseURL: string | undefined) {
  const response = await page.request.get(new URL('/__bump', baseURL).href);
  expect(response.ok(), 'the server runs with --test').toBe(true);
}

/** What a browser does every so often, or on a navigation: look for an update. */
const checkForUpdate = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration!.update();
  });

test('a new version is offered with a notice; reloading onto it keeps the draft and replaces the cache', async ({ page, baseURL }) => {
  await page.goto('./#/azienda');
  await expectPage(page, 'company.title');
  await controlled(page);
  const before = await cacheNames(page);
  expect(before).toHaveLength(1);

  await field(page, 'ragione_sociale').fill(COMPANY.ragione_sociale);
  await field(page, 'comune').fill(COMPANY.comune);
  await waitForSave(page);

  await deploy(page, baseURL);
  await checkForUpdate(page);
  await expect(page.getByText(it['notice.update_ready'])).toBeVisible();
  const reload = page.getByRole('button', { name: exactly(it['notice.update_reload']) });
  // Until the user says so, the old version stays in charge.
  expect(await cacheNames(page)).toContain(before[0]);

  // Typed after the notice, just before pressing the button: kept too.
  await field(page, 'cap').fill(COMPANY.cap);
  const reloaded = page.waitForEvent('load');
  await reload.click();
  await reloaded;

  await expectPage(page, 'company.title');
  await expect(field(page, 'ragione_sociale')).toHaveValue(COMPANY.ragione_sociale);
  await expect(field(page, 'comune')).toHaveValue(COMPANY.comune);
  await expect(field(page, 'cap')).toHaveValue(COMPANY.cap);
  await expect(page.getByText(it['notice.update_ready'])).toHaveCount(0);

  // The new version is in charge, and the old one's cache is gone.
  await controlled(page);
  const after = await cacheNames(page);
  expect(after).toHaveLength(1);
  expect(after[0]).not.toBe(before[0]);
  expect(after[0]).toMatch(new RegExp(`^${before[0].replace(/-build\d+$/, '')}-build\\d+$`));
});

test('a user who never presses reload gets the new version on the next visit', async ({ page, context, baseURL }) => {
  await page.goto('./#/azienda');
  await expectPage(page, 'company.title');
  await controlled(page);
  const before = await cacheNames(page);
  await field(page, 'ragione_sociale').fill(COMPANY.ragione_sociale);
  await waitForSave(page);

  await deploy(page, baseURL);
  await checkForUpdate(page);
  await expect
    .poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting))
    .toBe(true);
  // The tab is closed without pressing the button.
  await page.close();

  const next = await context.newPage();
  await next.goto('./');
  await expectPage(next, 'company.title');
  await expect(field(next, 'ragione_sociale')).toHaveValue(COMPANY.ragione_sociale);
  await controlled(next);
  await expect.poll(() => cacheNames(next)).toHaveLength(1);
  expect((await cacheNames(next))[0]).not.toBe(before[0]);
  await expect(next.getByText(it['notice.update_ready'])).toHaveCount(0);
});
