// Offline and installable: after one visit the service worker has
// the whole build, so with the network gone the app reloads, the renewal is
// completed and the PDFs are made and downloaded. The web app manifest names
// the app, starts where the app is hosted and has icons that load.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { exactly, expectPage, it } from './helpers';
import { ACCENTED_SAFE_NAME, completeRenewal, downloadButton, goHome } from './flow';

test.describe.configure({ mode: 'parallel' });

/** Waits until the service worker is active and controls the page, reloading once if it does not yet. */
async function waitForServiceWorker(page: Page) {
  const ready = await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
    ]),
  );
  expect(ready, 'a service worker is active within 10 s').toBe(true);
  const controlled = () =>
    page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5_000 });
  try {
    await controlled();
  } catch {
    await page.reload();
    await controlled();
  }
}

test('after one visit the app reloads offline, completes the renewal and downloads the filled and the blank PDFs', async ({ page, context }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto('./');
  await expectPage(page, 'landing.title');
  await waitForServiceWorker(page);

  await context.setOffline(true);
  const reloaded = await page.reload();
  // The page came from the service worker's cache, not the network.
  expect(reloaded?.fromServiceWorker()).toBe(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await expectPage(page, 'landing.title');

  const { date } = await completeRenewal(page);

  for (const key of ['download.both', 'download.support_form', 'download.conditions'] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton(page, key).click()]);
    expect(await download.failure()).toBeNull();
    expect(download.suggestedFilename()).toContain(`_${ACCENTED_SAFE_NAME}_${date}.pdf`);
    const path = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const check = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
    expect(check.status, `qpdf --check ${path}:\n${check.stdout}${check.stderr}`).toBe(0);
  }
  // The blank forms too, from the landing.
  await goHome(page);
  const [blank] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: exactly(it['blank.conditions']) }).click(),
  ]);
  const blankPath = testInfo.outputPath(blank.suggestedFilename());
  await blank.saveAs(blankPath);
  expect(spawnSync('qpdf', ['--check', blankPath]).status).toBe(0);

  // Still offline at the end: nothing above needed the network.
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await expect(page.getByRole('alert').filter({ hasText: it['error.pdf.worker'] })).toHaveCount(0);
});

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

type Manifest = {
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  theme_color?: string;
  icons?: { src: string; sizes?: string; type?: string; purpose?: string }[];
};

test('the manifest names the app, starts where it is hosted, and has a theme colour and icons of several sizes that load', async ({ page, baseURL }) => {
  await page.goto('./');
  await expectPage(page, 'landing.title');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifestUrl = new URL(href!, page.url()).href;
  expect(new URL(manifestUrl).origin).toBe(new URL(baseURL!).origin);

  const response = await page.request.get(manifestUrl);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/(manifest\+)?json/);
  const manifest: Manifest = await response.json();

  expect(manifest.name).toBe(it['app.name']);
  expect(manifest.short_name?.trim()).toBeTruthy();
  expect(manifest.short_name!.length).toBeLessThanOrEqual(manifest.name!.length);
  expect(['standalone', 'fullscreen', 'minimal-ui']).toContain(manifest.display);

  // Relative, so the same build works at / and under /rinnovo/.
  expect(manifest.start_url).toBe('./');
  expect(new URL(manifest.start_url!, manifestUrl).href).toBe(baseURL);
  if (manifest.scope !== undefined) {
    expect(new URL(manifest.scope, manifestUrl).href).toBe(baseURL);
  }

  // The theme colour, the same as the page's.
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', manifest.theme_color!);

  // Icons of several sizes, each loading as what it says it is.
  const icons = manifest.icons ?? [];
  const pngSizes = new Set<string>();
  for (const icon of icons) {
    const url = new URL(icon.src, manifestUrl);
    expect(url.origin, icon.src).toBe(new URL(baseURL!).origin);
    const res = await page.request.get(url.href);
    expect(res.status(), icon.src).toBe(200);
    const body = await res.body();
    if (icon.type === 'image/png') {
      expect(res.headers()['content-type']).toBe('image/png');
      const size = pngSize(body);
      expect(icon.sizes, icon.src).toBe(size);
      pngSizes.add(size);
    } else if (icon.type === 'image/svg+xml') {
      expect(res.headers()['content-type']).toMatch(/^image\/svg\+xml/);
      expect(body.toString('utf8')).toMatch(/<svg[\s>]/);
    }
  }
  expect([...pngSizes]).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(icons.some((i) => (i.purpose ?? 'any').split(/\s+/).includes('any'))).toBe(true);
});

test('Chromium finds the app installable: the manifest parses and the service worker controls the page', async ({ page, context, baseURL }) => {
  await page.goto('./');
  await expectPage(page, 'landing.title');
  await waitForServiceWorker(page);
  const cdp = await context.newCDPSession(page);
  const { url, errors, data } = await cdp.send('Page.getAppManifest');
  expect(url).toBe(new URL('manifest.webmanifest', baseURL).href);
  expect(errors, 'manifest parse errors').toEqual([]);
  expect(JSON.parse(data ?? '{}').name).toBe(it['app.name']);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are off-the-record profiles, from which Chromium
  // never installs ("in-incognito"); every other criterion (manifest fields,
  // icons, service worker with a fetch handler) must hold.
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
});
