// The prerendered page (src/prerender.rs, written into dist/index.html by
// scripts/build): the landing and the FAQ paint from the HTML alone, equal to
// what the app renders; the app takes them over with no jump; the landing
// does not wait for the app; and without JavaScript the landing, the FAQ and
// the blank PDFs work.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page, TestInfo } from '@playwright/test';
import { test, expect, storeBeforeFirstLoad, storedDraftFixture } from './fixtures';
import { continueButton, en, escapeRegExp, exactly, field, heading1, it } from './helpers';

/** A context of the project's kind (viewport, phone or desktop) with `extra`. */
async function contextFor(browser: Browser, testInfo: TestInfo, extra: BrowserContextOptions = {}) {
  const { baseURL, viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId } = testInfo.project.use;
  return browser.newContext({ baseURL, viewport, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId, ...extra });
}

const APP_GLUE = /\/rinnovo-[0-9a-f]+\.js$/;

/**
 * Holds the app's JS glue until `release()`: until then the page is the
 * prerendered one.
 */
async function holdApp(page: Page) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let requested = false;
  await page.route(APP_GLUE, async (route) => {
    requested = true;
    await held;
    await route.continue();
  });
  return { release, requested: () => requested };
}

/**
 * A page in a context of its own (service workers blocked), its layout
 * shifts summed from its start (`shifts`), its app held until
 * `app.release()`.
 */
async function heldPage(browser: Browser, testInfo: TestInfo) {
  const context = await contextFor(browser, testInfo, { serviceWorkers: 'block' });
  const page = await context.newPage();
  await watchShifts(page);
  const app = await holdApp(page);
  return { context, page, app };
}

/**
 * What the user gets of the page, as a tree of text lines: each rendered
 * element (through `display: contents` wrappers, which have no box) with its
 * tag, classes, the attributes that make it work, and its own text.
 */
function outline(page: Page) {
  return page.evaluate(() => {
    const ATTRS = ['href', 'download', 'role', 'type', 'lang', 'aria-pressed', 'for', 'accept', 'aria-hidden', 'aria-live', 'tabindex',
      'name', 'autocomplete', 'inputmode', 'autocapitalize', 'maxlength', 'list', 'required', 'aria-required', 'aria-describedby'];
    const PRERENDER_ONLY = new Set(['pre-page', 'pre-landing', 'pre-form', 'needs-js', 'no-js']);
    const lines: string[] = [];
    const walk = (el: Element, depth: number) => {
      const style = getComputedStyle(el);
      if (style.display === 'none') return;
      // The prerendered step's "loading" line, which the app has no need of.
      if (el.classList.contains('loading')) return;
      let d = depth;
      if (style.display !== 'contents') {
        const classes = [...el.classList].filter((c) => !PRERENDER_ONLY.has(c)).sort();
        const attrs = ATTRS.filter((a) => el.hasAttribute(a)).map((a) => `${a}=${el.getAttribute(a)}`);
        const text = [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join('')
          .replace(/\s+/g, ' ')
          .trim();
        lines.push(`${'  '.repeat(depth)}${el.tagName.toLowerCase()}${classes.map((c) => `.${c}`).join('')} ${attrs.join(' ')} ${text}`.trimEnd());
        d = depth + 1;
      }
      for (const child of el.children) walk(child, d);
    };
    for (const child of document.body.children) {
      if (child.tagName !== 'SCRIPT') walk(child, 0);
    }
    return lines;
  });
}

const PAGE_NAMES: Record<string, string> = { 'landing.title': 'landing', 'faq.title': 'FAQ', 'company.title': 'company step (a new customer)' };
for (const [route, titleKey] of [['./', 'landing.title'], ['./#/faq', 'faq.title'], ['./#/azienda', 'company.title']] as const) {
  test(`the prerendered ${PAGE_NAMES[titleKey]} is what the app renders`, async ({ browser }, testInfo) => {
    const { context, page, app } = await heldPage(browser, testInfo);
    await page.goto(route);
    await expect(heading1(page)).toHaveText(exactly(it[titleKey]));
    const prerendered = await outline(page);
    await expect(page.locator('html')).not.toHaveAttribute('data-app', 'ready');

    app.release();
    await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
    await expect(heading1(page)).toHaveText(exactly(it[titleKey]));
    const rendered = await outline(page);
    expect(prerendered.length).toBeGreaterThan(30);
    expect(prerendered).toEqual(rendered);
    // Nothing of the prerendered page is left.
    await expect(page.locator('[data-prerender]')).toHaveCount(0);
    await context.close();
  });
}

test('the app takes over the landing with no layout shift, keeping the focus', async ({ browser }, testInfo) => {
  const { context, page, app } = await heldPage(browser, testInfo);
  await page.goto('./');
  const boxes = () =>
    page.evaluate(() =>
      ['h1', '.actions .primary', '.blank-forms', '.site-footer'].map((sel) => {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        return [sel, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
      }),
    );
  // Keyboard focus on the FAQ link of the prerendered page (this also asks
  // for the app, which is held, and scrolls the link into view).
  const faqLink = page.getByRole('main').getByRole('link', { name: exactly(it['landing.faq']) });
  await faqLink.focus();
  await expect.poll(() => app.requested()).toBe(true);
  const before = await boxes();
  app.release();
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
  expect(await boxes()).toEqual(before);
  await expect(faqLink).toBeFocused();
  await page.waitForTimeout(300);
  expect(await shifts(page)).toBe(0);
  await context.close();
});

test('the landing is shown and usable before the app is fetched', async ({ browser }, testInfo) => {
  const context = await contextFor(browser, testInfo, { serviceWorkers: 'block' });
  const page = await context.newPage();
  const beforeLoad: string[] = [];
  let loaded = false;
  page.on('request', (r) => {
    if (!loaded) beforeLoad.push(new URL(r.url()).pathname.split('/').pop()!);
  });
  page.on('load', () => (loaded = true));
  await page.goto('./');
  await expect(heading1(page)).toHaveText(exactly(it['landing.title']));
  // Up to the load event: the HTML, its stylesheet and icon; no app.
  expect(beforeLoad.filter((f) => /\.(js|wasm)$/.test(f))).toEqual([]);
  // The app follows once the page is idle, unasked.
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached', timeout: 15_000 });
  await context.close();
});

/** Sums the page's layout shifts from its start into `window.__shifts`. */
async function watchShifts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: number };
    w.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number }[]) w.__shifts += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
}
const shifts = (page: Page) => page.evaluate(() => (window as unknown as { __shifts: number }).__shifts);

test('a deep link to a step paints its heading at once, and the app then fills it', async ({ browser }, testInfo) => {
  // Layout shifts are summed from the start: the first paint is already the
  // step's (not the landing's, then the step's), so nothing moves.
  const { context, page, app } = await heldPage(browser, testInfo);
  await page.goto('./#/azienda');
  await expect(heading1(page)).toHaveText(exactly(it['company.title']));
  await expect(page.getByText(it['company.intro'], { exact: true })).toBeVisible();
  await expect(page.getByText(it['prerender.loading'], { exact: true }).filter({ visible: true })).toHaveCount(1);
  // The step indicator is there too, with this step as the current one.
  const current = page.getByRole('navigation', { name: exactly(it['steps.label']) }).locator('[aria-current="step"]');
  await expect(current).toHaveText(new RegExp(escapeRegExp(it['steps.azienda'])));
  // The box of the one h1 on screen.
  const headingBox = () =>
    page.evaluate(() => JSON.stringify([...document.querySelectorAll('h1')].filter((h) => h.getClientRects().length)[0].getBoundingClientRect()));
  // A deep link asks for the app at once.
  await expect.poll(() => app.requested()).toBe(true);
  const before = await headingBox();
  app.release();
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
  await expect(page.getByRole('textbox', { name: new RegExp(it['field.ragione_sociale']) })).toBeVisible();
  // The heading has not moved: the app's page starts where the prerendered one was.
  await expect(current).toHaveText(new RegExp(escapeRegExp(it['steps.azienda'])));
  expect(await headingBox()).toBe(before);
  await expect(page.getByText(it['prerender.loading'], { exact: true })).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(await shifts(page)).toBe(0);
  await context.close();
});

test('a new customer types into the company step before the app is there, and the app keeps every key', async ({ browser }, testInfo) => {
  const { context, page, app } = await heldPage(browser, testInfo);
  await page.goto('./#/azienda');
  await expect(heading1(page)).toHaveText(exactly(it['company.title']));
  // The prerendered form is the step's own: the same labels, every field.
  const name = field(page, 'ragione_sociale');
  const piva = field(page, 'partita_iva');
  await expect(page.locator('[data-prerender] .pre-form input')).toHaveCount(15);
  // A Partita IVA one digit short, then the company's name.
  await piva.click();
  await page.keyboard.type('0111460100');
  await name.click();
  await page.keyboard.type('Rossi S.r.l. ');
  // Its "Continua" cannot send anything before the app is there.
  await expect(continueButton(page)).toBeDisabled();
  await expect(page.locator('html')).not.toHaveAttribute('data-app', 'ready');

  // The app arrives while the customer goes on typing, a key every 20 ms:
  // every key lands, before, during and after the swap.
  app.release();
  let typed = '';
  let beforeReady = 0;
  for (let i = 0; i < 400; i++) {
    const ready = await page.evaluate(() => document.documentElement.dataset.app === 'ready');
    if (!ready) beforeReady++;
    const key = String.fromCharCode(97 + (i % 26));
    await page.keyboard.type(key);
    typed += key;
    if (ready) break;
    await page.waitForTimeout(20);
  }
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
  // Keys went in while the prerendered field was still there, and after.
  expect(beforeReady).toBeGreaterThan(0);
  await expect(page.locator('[data-prerender]')).toHaveCount(0);
  await expect(name).toBeFocused();
  await expect(name).toHaveValue(`Rossi S.r.l. ${typed}`);
  await expect(piva).toHaveValue('0111460100');
  // A field left before the app came shows its error at once, as the app's
  // own fields do when the focus leaves them; the one being typed in not
  // yet.
  await expect(page.locator('#partita_iva-error')).not.toBeEmpty();
  await expect(piva).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#ragione_sociale-error')).toBeEmpty();
  await expect(continueButton(page)).toBeEnabled();
  await piva.fill('01114601006');
  await expect(page.locator('#partita_iva-error')).toBeEmpty();
  // And the draft holds it all.
  await expect
    .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('rinnovo.draft') ?? 'null')?.draft?.company))
    .toMatchObject({ ragione_sociale: `Rossi S.r.l. ${typed}`, partita_iva: '01114601006' });
  await context.close();
});

test('from the landing too: the start link tapped before the app is there, the typing keeps the focus through the swap', async ({ browser }, testInfo) => {
  const { context, page, app } = await heldPage(browser, testInfo);
  await page.goto('./');
  await page.getByRole('main').getByRole('link', { name: exactly(it['landing.start']) }).click();
  await expect(heading1(page)).toHaveText(exactly(it['company.title']));
  const name = field(page, 'ragione_sociale');
  await name.click();
  await page.keyboard.type('Rossi');
  app.release();
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
  // The move to the step before the app was there does not send the focus
  // to the heading: it stays in the field being typed into.
  await page.waitForTimeout(300);
  await expect(name).toBeFocused();
  await page.keyboard.type(' S.p.A.');
  await expect(name).toHaveValue('Rossi S.p.A.');
  await context.close();
});

test('from the landing, a field tapped but not yet typed into keeps the focus through the swap', async ({ browser }, testInfo) => {
  const { context, page, app } = await heldPage(browser, testInfo);
  await page.goto('./');
  await page.getByRole('main').getByRole('link', { name: exactly(it['landing.start']) }).click();
  const piva = field(page, 'partita_iva');
  await piva.click();
  app.release();
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
  await page.waitForTimeout(300);
  await expect(piva).toBeFocused();
  await page.keyboard.type('011');
  await expect(piva).toHaveValue('011');
  await context.close();
});

test('the caret is kept where it was when the app takes the field over', async ({ browser }, testInfo) => {
  const { context, page, app } = await heldPage(browser, testInfo);
  await page.goto('./#/azienda');
  const piva = field(page, 'partita_iva');
  await piva.click();
  await page.keyboard.type('01114601006');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  app.release();
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
  await expect(piva).toBeFocused();
  await expect(piva).toHaveJSProperty('selectionStart', 9);
  await page.keyboard.type('X');
  await expect(piva).toHaveValue('011146010X06');
  await context.close();
});

test('a returning customer or a prepared link gets no empty prerendered form: the app fills the step', async ({ browser }, testInfo) => {
  const { context, page, app } = await heldPage(browser, testInfo);
  await storeBeforeFirstLoad(page, { 'rinnovo.draft': storedDraftFixture('complete.json') });
  await page.goto('./#/azienda');
  await expect(heading1(page)).toHaveText(exactly(it['company.title']));
  await expect(page.getByText(it['prerender.loading'], { exact: true }).filter({ visible: true })).toHaveCount(1);
  await expect(page.locator('.pre-form')).toBeHidden();
  await expect(page.getByRole('textbox')).toHaveCount(0);
  app.release();
  await expect(field(page, 'ragione_sociale')).not.toHaveValue('');
  await context.close();

  // A prepared link (any address under its prefix, before the app checks
  // it) fills the step too.
  const linked = await heldPage(browser, testInfo);
  await linked.page.goto('./#/oripan/AQE');
  await expect(heading1(linked.page)).toHaveText(exactly(it['company.title']));
  await expect(linked.page.locator('.pre-form')).toBeHidden();
  await expect(linked.page.getByRole('textbox')).toHaveCount(0);
  await linked.context.close();
});

test('a visitor who chose English gets no Italian prerendered form: the step comes in English with the app', async ({ browser }, testInfo) => {
  const { context, page, app } = await heldPage(browser, testInfo);
  await page.addInitScript(() => localStorage.setItem('rinnovo.lang', '"en"'));
  await page.goto('./#/azienda');
  await expect(heading1(page)).toHaveText(exactly(it['company.title']));
  await expect(page.locator('.pre-form')).toBeHidden();
  app.release();
  await page.locator('html[data-app="ready"]').waitFor({ state: 'attached' });
  await expect(field(page, 'ragione_sociale', en)).toBeVisible();
  await context.close();
});

test('without JavaScript the prerendered company form is not offered', async ({ browser }, testInfo) => {
  const context = await contextFor(browser, testInfo, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('./#/azienda');
  await expect(heading1(page)).toHaveText(exactly(it['company.title']));
  await expect(page.locator('.pre-form')).toBeHidden();
  await expect(page.getByText(it['prerender.noscript'], { exact: true }).filter({ visible: true })).toHaveCount(1);
  await context.close();
});

test('a returning visitor on the bare URL sees the step they left at once, not the landing', async ({ browser }, testInfo) => {
  const { context, page, app } = await heldPage(browser, testInfo);
  await storeBeforeFirstLoad(page, { 'rinnovo.draft': storedDraftFixture('complete.json') });
  await page.goto('./');
  // complete.json was left on the review.
  await expect(heading1(page)).toHaveText(exactly(it['review.title']));
  await expect.poll(() => app.requested(), { message: 'the app is asked for at once' }).toBe(true);
  app.release();
  await expect(page).toHaveURL(/#\/riepilogo$/);
  await expect(page.getByRole('heading', { level: 2, name: exactly(it['review.ready_title']) })).toBeVisible();
  expect(await shifts(page)).toBe(0);
  await context.close();
});

test('a step whose app cannot load says so, in place of "loading"', async ({ browser }, testInfo) => {
  const context = await contextFor(browser, testInfo, { serviceWorkers: 'block' });
  const page = await context.newPage();
  // Offline on a first visit, say: the app's JS glue does not arrive.
  await page.route(APP_GLUE, (route) => route.abort('internetdisconnected'));
  await page.goto('./#/azienda');
  await expect(heading1(page)).toHaveText(exactly(it['company.title']));
  // On the company step a new customer may have typed into the
  // prerendered form, which is not saved without the app: the alert says
  // so, above the form.
  const alert = page.getByRole('alert').filter({ visible: true });
  await expect(alert).toHaveText(exactly(it['prerender.failed_company']));
  const [alertTop, fieldTop] = await page.evaluate(() =>
    [document.querySelector('[data-load-failed]:not(:empty)')!, document.querySelector('.pre-form')!].map((e) => e.getBoundingClientRect().top),
  );
  expect(alertTop).toBeLessThan(fieldTop);
  await expect(page.getByText(it['prerender.loading'], { exact: true }).filter({ visible: true })).toHaveCount(0);
  // Another step says that what was entered before is saved.
  await page.goto('./#/attivazioni');
  await expect(page.getByRole('alert').filter({ visible: true })).toHaveText(exactly(it['prerender.failed']));
  await context.close();
});

test.describe('without JavaScript', () => {
  test('the landing, the FAQ and the blank PDFs work', async ({ browser }, testInfo) => {
    const context = await contextFor(browser, testInfo, { javaScriptEnabled: false, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto('./');
    await expect(heading1(page)).toHaveText(exactly(it['landing.title']));
    await expect(page.getByText(it['landing.consequence'])).toBeVisible();
    // What needs the app is not offered.
    await expect(page.getByRole('button', { name: 'English' })).toBeHidden();
    await expect(page.getByLabel(exactly(it['resume.label']))).toBeHidden();
    await expect(page.getByRole('button', { name: exactly(it['erase.button']) })).toBeHidden();

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: exactly(it['blank.support_form']) }).click();
    const file = await (await download).path();
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.getByRole('main').getByRole('link', { name: exactly(it['landing.faq']) }).click();
    await expect(heading1(page)).toHaveText(exactly(it['faq.title']));
    const site = JSON.parse(readFileSync('assets/content/site.json', 'utf8'));
    for (const entry of site.faq) {
      await expect(page.getByRole('heading', { level: 2, name: exactly(entry.question.it) })).toBeVisible();
    }
    await expect(page.getByRole('link', { name: exactly(it['blank.conditions']) })).toBeVisible();

    // The form itself needs the app, and says so.
    await page.getByRole('link', { name: exactly(it['landing.start']) }).click();
    await expect(heading1(page)).toHaveText(exactly(it['company.title']));
    await expect(page.getByText(it['prerender.noscript'], { exact: true }).filter({ visible: true })).toHaveCount(1);
    await expect(page.getByText(it['prerender.loading'], { exact: true }).filter({ visible: true })).toHaveCount(0);
    await context.close();
  });
});
