// Embeddable: the app in an iframe on a page of another origin, and the app
// under a sub-path of a plain static server.
//
// The host page is docs/hosting.md's snippet ("Embedding in an iframe") as it is,
// served by static-server.mjs at http://localhost:PORT/host/ while the app is
// at http://127.0.0.1:PORT/: another host, so another origin, as on a
// vendor's site. The desktop project embeds /rinnovo/, the phone project /.
import { readFileSync } from 'node:fs';
import { test, expect, storedDraftFixture, waitForApp } from './fixtures';
import type { Frame, FrameLocator, Locator, Page } from '@playwright/test';
import { COMPANY, exactly, field, HASH, it, waitForSave } from './helpers';
import { installShareDouble, shares } from './share-double';

// Playwright turns Chromium's third-party storage partitioning off (its
// --disable-features list, microsoft/playwright#32230); every current browser
// has it on, and there an app in a cross-site iframe gets its own localStorage
// (without it Chromium refuses the app any storage, which the app survives
// with its "storage unavailable" notice: faults.spec.ts covers that). So the
// tests of this file give it back: Chromium takes the last --disable-features, so
// this repeats Playwright 1.65's list without ThirdPartyStoragePartitioning.
const PARTITIONED_STORAGE = [
  '--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,' +
    'HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,AvoidCorsURLLoaderRestartOnRedirect,' +
    'TcpPortRandomizationWin,OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch',
  '--enable-features=ThirdPartyStoragePartitioning',
];

test.use({
  launchOptions: [
    async ({ launchOptions }, use) => {
      await use({ ...launchOptions, args: [...(launchOptions.args ?? []), ...PARTITIONED_STORAGE] });
    },
    { scope: 'worker' },
  ],
});

type Message = { origin: string; data: unknown };
type HostWindow = Window & { __messages: Message[] };

/**
 * Opens the host page with the app (at `route`, e.g. '#/faq') in its iframe;
 * the host also records every message it receives.
 */
async function openHost(page: Page, hostOrigin: string, baseURL: string | undefined, route = '') {
  const appURL = new URL(baseURL!);
  await page.addInitScript(() => {
    if (window.top !== window) return; // Only the host page, not the app.
    const w = window as unknown as HostWindow;
    w.__messages = [];
    addEventListener('message', (e) => w.__messages.push({ origin: e.origin, data: e.data }));
  });
  await page.goto(`${hostOrigin}/host/?app=${encodeURIComponent(appURL.pathname + route)}`);
  const iframe = page.getByTitle('Rinnovo assistenza Oripan');
  await expect(iframe).toBeVisible();
  const app = iframe.contentFrame();
  const frame = page.frame({ url: (u) => u.origin === appURL.origin });
  expect(frame, 'the iframe shows the app, from its own origin').not.toBeNull();
  await waitForApp(frame!);
  expect(appURL.origin).not.toBe(new URL(hostOrigin).origin);
  return { iframe, app, frame: frame!, appOrigin: appURL.origin };
}

/**
 * The app in the iframe starts from a complete draft, as after an earlier
 * visit (only in the iframe's own storage, only once).
 */
async function storeCompleteDraftInFrame(page: Page) {
  const draft = storedDraftFixture('complete.json');
  await page.addInitScript((draft) => {
    try {
      if (window.top === window || sessionStorage.getItem('e2e.stored')) return;
      sessionStorage.setItem('e2e.stored', '1');
      localStorage.setItem('rinnovo.draft', draft);
    } catch {
      // Documents without storage.
    }
  }, draft);
}

const h1 = (app: FrameLocator) => app.getByRole('heading', { level: 1 });

/** The messages the host received from the app. */
const messagesFrom = (page: Page, origin: string) =>
  page.evaluate(
    (origin) => (window as unknown as HostWindow).__messages.filter((m) => m.origin === origin).map((m) => m.data),
    origin,
  );

/** The iframe's height on the host page, and the app's document height inside it. */
async function heights(iframe: Locator, frame: Frame) {
  const outer = await iframe.evaluate((el) => el.getBoundingClientRect().height);
  const inner = await frame.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    viewport: window.innerHeight,
    // What the page itself needs, whatever the iframe's height.
    content: Math.ceil(document.documentElement.getBoundingClientRect().height),
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  return { outer, ...inner };
}

/** Waits until the iframe fits the app's content: no scrollbar inside. */
async function expectNoInnerScrollbar(iframe: Locator, frame: Frame) {
  await expect
    .poll(async () => {
      const h = await heights(iframe, frame);
      // The content may end a fraction of a pixel below: not a scrollbar.
      return h.scrollHeight <= h.viewport + 1 && h.content <= h.viewport + 1 && h.scrollWidth <= h.clientWidth;
    }, { message: 'the app fits its iframe' })
    .toBe(true);
}

test.describe('in an iframe on another origin', () => {
  test('the iframe takes the height of the content, and grows with a longer step', async ({ page, hostOrigin, baseURL }) => {
    const { iframe, app, frame, appOrigin } = await openHost(page, hostOrigin, baseURL);
    await expect(h1(app)).toHaveText(exactly(it['landing.title']));

    // The app posts its height in the documented format, and nothing else.
    await expect.poll(() => messagesFrom(page, appOrigin)).not.toEqual([]);
    const first = (await messagesFrom(page, appOrigin)) as Record<string, unknown>[];
    for (const m of first) {
      expect(Object.keys(m).sort()).toEqual(['height', 'source', 'type']);
      expect(m).toMatchObject({ source: 'rinnovo', type: 'height', height: expect.any(Number) });
    }
    await expectNoInnerScrollbar(iframe, frame);
    const landing = await heights(iframe, frame);
    // The landing page is taller than the snippet's 900 px.
    expect(landing.outer).toBeGreaterThan(900);
    const last = first[first.length - 1].height as number;
    expect(landing.outer).toBe(Math.ceil(last));

    // The company step is longer still: the iframe grows with it.
    await app.getByRole('link', { name: exactly(it['landing.start']) }).click();
    await expect(h1(app)).toHaveText(exactly(it['company.title']));
    await expectNoInnerScrollbar(iframe, frame);
    const company = await heights(iframe, frame);
    expect(company.outer).toBeGreaterThan(landing.outer);
    expect(Math.abs(company.outer - company.content)).toBeLessThanOrEqual(1);
  });

  test('the iframe shrinks again on a shorter step', async ({ page, hostOrigin, baseURL }) => {
    const { iframe, app, frame } = await openHost(page, hostOrigin, baseURL, '#/riepilogo');
    await expect(h1(app)).toHaveText(exactly(it['review.title']));
    await expectNoInnerScrollbar(iframe, frame);
    const review = await heights(iframe, frame);

    // From the long review to the short activations step.
    const steps = app.getByRole('navigation', { name: exactly(it['steps.label']) });
    await steps.getByRole('link', { name: exactly(it['steps.attivazioni']) }).click();
    await expect(h1(app)).toHaveText(exactly(it['activations.title']));
    await expect
      .poll(async () => {
        const h = await heights(iframe, frame);
        return h.outer - h.content;
      }, { message: 'the iframe is as tall as the activations step, no taller', timeout: 3_000 })
      .toBeLessThanOrEqual(1);
    expect((await heights(iframe, frame)).outer).toBeLessThan(review.outer);
  });

  test('the app works inside the iframe: a step is filled in and continued', async ({ page, hostOrigin, baseURL }) => {
    const { app } = await openHost(page, hostOrigin, baseURL, '#/azienda');
    await expect(h1(app)).toHaveText(exactly(it['company.title']));
    const root = app.locator(':root');
    for (const [key, value] of Object.entries(COMPANY)) {
      await field(root, key).fill(value);
    }
    await root.getByRole('button', { name: exactly(it['nav.continue']) }).click();
    await expect(h1(app)).toHaveText(exactly(it['activations.title']));
    await expect(h1(app)).toBeFocused();
    // Back: what was typed is still there.
    await root.getByRole('link', { name: exactly(it['nav.back']) }).click();
    await expect(h1(app)).toHaveText(exactly(it['company.title']));
    await expect(field(root, 'ragione_sociale')).toHaveValue(COMPANY.ragione_sociale);
  });

  test('downloading a PDF in the iframe tells the host which document, and nothing of the form', async ({ page, hostOrigin, baseURL }) => {
    await storeCompleteDraftInFrame(page);
    const { app, appOrigin } = await openHost(page, hostOrigin, baseURL, '#/riepilogo');
    await expect(h1(app)).toHaveText(exactly(it['review.title']));
    const download = page.waitForEvent('download');
    await app.getByRole('button', { name: exactly(it['download.both']) }).click();
    expect((await download).suggestedFilename()).toMatch(/^Oripan_Rinnovo_Assistenza_.*\.pdf$/);
    await expect
      .poll(async () => (await messagesFrom(page, appOrigin)).filter((m) => (m as { type?: string }).type === 'downloaded'))
      .toEqual([{ source: 'rinnovo', type: 'downloaded', document: 'both' }]);
  });

  test('the hosting guide\'s iframe allows the share sheet, and the app shares both PDFs from inside it', async ({ page, hostOrigin, baseURL }) => {
    // Debian's Chromium has no Web Share on Linux, nor its "web-share"
    // permissions-policy feature, so the policy itself cannot be checked
    // here: the snippet's attribute is, and the app's share from a frame of
    // another origin, with a test double.
    await storeCompleteDraftInFrame(page);
    await installShareDouble(page);
    const { iframe, app, frame } = await openHost(page, hostOrigin, baseURL, '#/riepilogo');
    expect((await iframe.getAttribute('allow'))?.split(/[\s;]+/)).toContain('web-share');
    await expect(h1(app)).toHaveText(exactly(it['review.title']));
    await app.getByRole('button', { name: exactly(it['send.share']) }).click();
    await expect.poll(async () => (await shares(frame)).length).toBe(1);
    const [shared] = await shares(frame);
    expect(shared.files.map((f) => f.name)).toEqual([
      expect.stringMatching(/^Oripan_Modulo_Assistenza_.*\.pdf$/),
      expect.stringMatching(/^Oripan_Condizioni_Generali_.*\.pdf$/),
    ]);
  });

  test('messages posted by the host to the app change nothing in it', async ({ page, hostOrigin, baseURL }) => {
    const { app, frame, appOrigin } = await openHost(page, hostOrigin, baseURL, '#/azienda');
    await expect(h1(app)).toHaveText(exactly(it['company.title']));
    const root = app.locator(':root');
    // The app has its own storage in the iframe (partitioned by the host).
    await expect(root.getByText(it['notice.storage_unavailable'])).toHaveCount(0);
    await field(root, 'ragione_sociale').fill('Bottega Originale S.r.l.');
    await field(root, 'cap').fill('20121');
    // Saved within half a second; then nothing is left to save.
    await expect
      .poll(() => frame.evaluate(() => JSON.parse(localStorage.getItem('rinnovo.draft') ?? 'null')?.draft?.company))
      .toMatchObject({ ragione_sociale: 'Bottega Originale S.r.l.', cap: '20121' });
    await waitForSave(app);
    const snapshot = () =>
      frame.evaluate(() => ({
        hash: location.hash,
        title: document.title,
        storage: Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])),
        lang: document.documentElement.lang,
      }));
    const before = await snapshot();

    // Every shape a host, or a hostile page around the app, might send: the
    // app's own formats, a draft in the storage format (object and string),
    // the service worker's update message, a route, a language.
    const forged = {
      schema: 1,
      step: 'riepilogo',
      draft: { ...JSON.parse(before.storage['rinnovo.draft']!).draft, company: { ragione_sociale: 'Intruso S.p.A.' } },
    };
    const messages: unknown[] = [
      { type: 'height' },
      { source: 'rinnovo', type: 'height', height: 10 },
      { source: 'rinnovo', type: 'downloaded', document: 'both' },
      { source: 'rinnovo', type: 'draft', draft: forged.draft },
      forged,
      JSON.stringify(forged),
      { key: 'rinnovo.draft', newValue: JSON.stringify(forged) },
      { type: 'rinnovo:skip-waiting' },
      { type: 'navigate', route: '#/riepilogo' },
      '#/riepilogo',
      { lang: 'en' },
    ];
    await page.evaluate(
      ({ messages, appOrigin }) => {
        const target = (document.querySelector('iframe') as HTMLIFrameElement).contentWindow!;
        for (const m of messages) {
          target.postMessage(m, '*');
          target.postMessage(m, appOrigin);
        }
      },
      { messages, appOrigin },
    );
    // Let the app react, if it were to.
    await page.waitForTimeout(1_000);

    expect(await snapshot()).toEqual(before);
    await expect(h1(app)).toHaveText(exactly(it['company.title']));
    await expect(field(root, 'ragione_sociale')).toHaveValue('Bottega Originale S.r.l.');
    await expect(root.getByText(it['notice.other_tab'])).toHaveCount(0);
  });
});

test('under the sub-path /rinnovo/, every route opens from a deep link and every file of the build loads', async ({ page, baseURL }) => {
  test.setTimeout(60_000);
  const base = new URL('/rinnovo/', baseURL);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));

  for (const [titleKey, hash] of Object.entries({ ...HASH, 'notfound.title': '#/non-esiste' })) {
    // A fresh load each time, as from a bookmark (a hash change alone would
    // not load the page again).
    await page.goto('about:blank');
    await page.goto(new URL(hash, base).href);
    await expect(page.getByRole('heading', { level: 1 }), hash || 'landing').toHaveText(exactly(it[titleKey]));
    await expect(page).toHaveURL(new URL(hash, base).href);
  }
  // Everything the pages asked for was under the sub-path.
  const outside = requested.filter((u) => u !== 'about:blank' && !u.startsWith(base.href));
  expect(outside).toEqual([]);

  // The service worker, registered under the sub-path, precached every file
  // of the build from there (its install fails on any file it cannot get).
  const files: string[] = JSON.parse(readFileSync('dist/sw.js', 'utf8').match(/^const FILES = (\[.*\]);$/m)![1]);
  expect(files).toContain('manifest.webmanifest');
  expect(files.some((f) => f.startsWith('templates/'))).toBe(true);
  const cached = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const names = await caches.keys();
    const keys = (await Promise.all(names.map(async (n) => (await caches.open(n)).keys()))).flat();
    return { scope: reg.scope, script: reg.active?.scriptURL, urls: keys.map((r) => r.url).sort() };
  });
  expect(cached.scope).toBe(base.href);
  expect(cached.script).toBe(new URL('sw.js', base).href);
  expect(cached.urls).toEqual(files.map((f) => new URL(f, base).href).sort());
});
