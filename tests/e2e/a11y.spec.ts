// Accessible (WCAG 2.1 AA): axe-core finds nothing on any page, empty, with
// errors shown or complete; a step change moves the focus to the new heading
// and changes the title; errors and notices are announced; the pages reflow
// at 320 px and at 200% zoom; reduced motion is respected; printing leaves
// only the content.
import { test, expect, storeBeforeFirstLoad, storedDraftFixture } from './fixtures';
import type { Page } from '@playwright/test';
import {
  continueButton,
  errorText,
  escapeRegExp,
  exactly,
  expectPage,
  expectNoAxeViolations,
  expectPageWithFocusOnHeading,
  field,
  fillCompany,
  heading1,
  HASH,
  it,
  problemsHeading,
} from './helpers';
import { installShareDouble } from './share-double';

/** Every page of the app: the title key and the URL hash. */
const PAGES = Object.entries(HASH);

/** The document title the app gives the page titled `t[titleKey]`. */
const documentTitle = (titleKey: string) => `${it[titleKey]} · ${it['app.name']}`;

/** The announcement of a failed "Continua", whatever the count. */
const ERRORS_ANNOUNCED = new RegExp(
  `^\\s*(${escapeRegExp(it['announce.one_error'])}|${it['announce.errors'].split('{n}').map(escapeRegExp).join('\\d+')})\\s*$`,
);

/** Opens the page at `hash` and waits for its heading. */
async function open(page: Page, titleKey: string) {
  await page.goto(`./${HASH[titleKey]}`);
  await expectPage(page, titleKey);
}

/** Presses Continua on a step with errors: they are shown and announced. */
async function continueWithErrors(page: Page, titleKey: string) {
  await continueButton(page).click();
  await expectPage(page, titleKey);
  await expect(page.locator('[aria-live]').filter({ hasText: ERRORS_ANNOUNCED })).toHaveCount(1);
}

/** The complete draft of tests/e2e/drafts/ is in storage before the app loads. */
const storeCompleteDraft = (page: Page) =>
  storeBeforeFirstLoad(page, { 'rinnovo.draft': storedDraftFixture('complete.json') });

test.describe('axe finds no WCAG 2.1 AA violation', () => {
  for (const [titleKey, hash] of PAGES) {
    test(`on the empty page ${hash || 'landing'}`, async ({ page }) => {
      await open(page, titleKey);
      if (titleKey === 'review.title') await expect(problemsHeading(page)).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }

  test('on the company step with its errors shown after a failed Continua', async ({ page }) => {
    await open(page, 'company.title');
    await field(page, 'partita_iva').fill('12345');
    await field(page, 'email').fill('non-una-email');
    await continueWithErrors(page, 'company.title');
    await expect(field(page, 'ragione_sociale')).toHaveAttribute('aria-invalid', 'true');
    await expect(field(page, 'partita_iva')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
  });

  test('on the activations step with an invalid number', async ({ page }) => {
    await open(page, 'activations.title');
    await field(page, 'activations').fill('0');
    await continueWithErrors(page, 'activations.title');
    await expect(field(page, 'activations')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
  });

  for (const titleKey of ['support.title', 'signing.title', 'conditions.title']) {
    test(`on the step ${HASH[titleKey]} with its errors shown`, async ({ page }) => {
      await open(page, titleKey);
      await continueWithErrors(page, titleKey);
      await expectNoAxeViolations(page);
    });
  }

  test('on the review of a complete renewal, with its downloads', async ({ page }) => {
    await storeCompleteDraft(page);
    await open(page, 'review.title');
    await expect(page.getByRole('heading', { name: exactly(it['review.ready_title']) })).toBeVisible();
    await expect(problemsHeading(page)).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('on the review where the PDFs can be shared, with a failed share\'s message', async ({ page }) => {
    await installShareDouble(page, 'NotAllowedError');
    await storeCompleteDraft(page);
    await open(page, 'review.title');
    await page.getByRole('button', { name: exactly(it['send.share']) }).click();
    await expect(page.getByRole('alert').filter({ hasText: it['send.share_failed'] })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('on the company step in English, with the restored-draft notice', async ({ page }) => {
    await storeCompleteDraft(page);
    await open(page, 'company.title');
    await expect(page.getByText(it['notice.restored'])).toBeVisible();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectNoAxeViolations(page);
  });
});

test('each step change gives the page its own title and puts the focus on its heading', async ({ page }) => {
  await storeCompleteDraft(page);
  // `#/` is the landing page even with a draft stored (a bare URL would go
  // back to the draft's step).
  await page.goto('./#/');
  await expectPage(page, 'landing.title');
  await expect(page).toHaveTitle(documentTitle('landing.title'));

  // Forwards with Continua through every step (the stored draft is valid).
  await page.getByRole('link', { name: exactly(it['landing.resume']) }).click();
  await expectPageWithFocusOnHeading(page, 'company.title');
  await expect(page).toHaveTitle(documentTitle('company.title'));
  for (const next of ['activations.title', 'support.title', 'signing.title', 'conditions.title', 'review.title']) {
    await continueButton(page).click();
    await expectPageWithFocusOnHeading(page, next);
    await expect(page).toHaveTitle(documentTitle(next));
  }
  // Back with the step links and the Back link.
  await page.getByRole('navigation', { name: exactly(it['steps.label']) }).getByRole('link', { name: exactly(it['steps.assistenza']) }).click();
  await expectPageWithFocusOnHeading(page, 'support.title');
  await expect(page).toHaveTitle(documentTitle('support.title'));
  await page.getByRole('link', { name: exactly(it['nav.back']) }).click();
  await expectPageWithFocusOnHeading(page, 'activations.title');
  await expect(page).toHaveTitle(documentTitle('activations.title'));
  // The FAQ, from the footer.
  await page.getByRole('contentinfo').getByRole('link', { name: exactly(it['faq.title']) }).click();
  await expectPageWithFocusOnHeading(page, 'faq.title');
  await expect(page).toHaveTitle(documentTitle('faq.title'));
});

test('a failed Continua focuses the first invalid field and the errors are announced in a live region', async ({ page }) => {
  await open(page, 'company.title');
  await fillCompany(page, { ragione_sociale: '', cap: '2012' }, { open: false });
  await continueButton(page).click();
  await expect(field(page, 'ragione_sociale')).toBeFocused();
  // The count, in the polite status region…
  const status = page.getByRole('status').filter({ hasText: ERRORS_ANNOUNCED });
  await expect(status).toHaveText(it['announce.errors'].replace('{n}', '2'));
  await expect(status).toHaveAttribute('aria-live', 'polite');
  // …and each message next to its field, in a live region of its own.
  const capError = page.locator('[aria-live]').filter({ hasText: errorText('error.cap.format') });
  await expect(capError).toHaveCount(1);
  await expect(field(page, 'cap')).toHaveAccessibleDescription(new RegExp(escapeRegExp(errorText('error.cap.format'))));
});

test('the restored-draft notice is announced in a live region', async ({ page }) => {
  await open(page, 'company.title');
  await field(page, 'ragione_sociale').fill('Bottega Più S.r.l.');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('rinnovo.draft'))).not.toBeNull();
  await page.reload();
  await expectPage(page, 'company.title');
  const notice = page.getByText(it['notice.restored']);
  await expect(notice).toBeVisible();
  const region = page.locator('[aria-live]').filter({ has: notice });
  await expect(region).toHaveCount(1);
  await expect(region).toHaveAttribute('role', 'status');
});

/** No page scrolls sideways: only the comparison table, in its own box. */
async function expectNoHorizontalScroll(page: Page, width: number, what: string) {
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    bodyScrollWidth: document.body.scrollWidth,
  }));
  expect(m.clientWidth, `${what}: the layout is as wide as the window`).toBe(width);
  expect(m.scrollWidth, `${what}: no horizontal scrolling`).toBeLessThanOrEqual(m.clientWidth);
  expect(m.bodyScrollWidth, `${what}: no horizontal scrolling`).toBeLessThanOrEqual(m.clientWidth);
}


for (const [label, viewport, deviceScaleFactor] of [
  ['320 px wide', { width: 320, height: 640 }, 1],
  ['200% zoom (640 CSS px on a 1280 px window)', { width: 640, height: 400 }, 2],
] as const) {
  test.describe(`at ${label}`, () => {
    test.use({ viewport, deviceScaleFactor });

    for (const [titleKey, hash] of PAGES) {
      const withErrors = !!hash && !['review.title', 'faq.title'].includes(titleKey);
      test(`${hash || 'the landing page'}${withErrors ? ', also with its errors shown,' : ''} does not scroll sideways`, async ({ page }) => {
        await open(page, titleKey);
        await expectNoHorizontalScroll(page, viewport.width, hash || 'landing');
        if (withErrors) {
          await continueWithErrors(page, titleKey);
          await expectNoHorizontalScroll(page, viewport.width, `${hash} with errors`);
        }
        if (titleKey === 'support.title') {
          // The comparison table may scroll, inside its own box.
          const box = await page.getByRole('table').evaluate((t) => {
            const wrap = t.parentElement!;
            return { overflow: getComputedStyle(wrap).overflowX, width: wrap.getBoundingClientRect().width };
          });
          expect(box.overflow).toBe('auto');
          expect(box.width).toBeLessThanOrEqual(viewport.width);
        }
      });
    }

    test('the complete review does not scroll sideways', async ({ page }) => {
      await storeCompleteDraft(page);
      await open(page, 'review.title');
      await expect(page.getByRole('heading', { name: exactly(it['review.ready_title']) })).toBeVisible();
      await expectNoHorizontalScroll(page, viewport.width, 'complete review');
    });
  });
}

/** The transition and animation durations of every element of the page. */
const motion = (page: Page) =>
  page.evaluate(() => {
    const moving: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after']) {
        const s = getComputedStyle(el, pseudo);
        const durations = `${s.transitionDuration},${s.animationDuration}`.split(',').map((d) => d.trim());
        if (durations.some((d) => d !== '0s')) moving.push(`${el.tagName.toLowerCase()}${pseudo ?? ''} ${durations}`);
      }
    }
    return moving;
  });

/** Gives a button a one-second transition from a script, as a widget might. */
const animateAButton = (page: Page) =>
  continueButton(page).evaluate((b) => {
    b.style.transition = 'background-color 1s';
    b.style.animation = 'none 1s';
    return getComputedStyle(b).transitionDuration;
  });

test.describe('with prefers-reduced-motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('nothing on the page moves, not even a transition added later', async ({ page }) => {
    await open(page, 'company.title');
    await expect(page.getByRole('button').first()).toBeVisible();
    expect(await motion(page)).toEqual([]);
    expect(await animateAButton(page)).toBe('0s');
    expect(await motion(page)).toEqual([]);
    // The same on a page with images and a signature pad.
    await open(page, 'signing.title');
    expect(await motion(page)).toEqual([]);
  });
});

test.describe('without prefers-reduced-motion', () => {
  test.use({ reducedMotion: 'no-preference' });

  // The check above can fail: the same transition runs when motion is fine.
  test('a transition added to a button runs', async ({ page }) => {
    await open(page, 'company.title');
    expect(await animateAButton(page)).toBe('1s');
  });
});

test.describe('printed', () => {
  /** The page as printed: no header, footer, buttons or step navigation. */
  async function expectPrintable(page: Page) {
    await page.emulateMedia({ media: 'print' });
    await expect(heading1(page)).toBeVisible();
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('contentinfo')).toBeHidden();
    await expect(page.getByRole('navigation', { name: exactly(it['steps.label']) })).toBeHidden();
    await expect(page.locator('button:visible')).toHaveCount(0);
    await expect(page.getByRole('link', { name: exactly(it['nav.back']) })).toBeHidden();
    await expect(page.getByRole('link', { name: exactly(it['app.skip']) })).toBeHidden();
    // On screen, all of them are there.
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await expect(page.getByRole('navigation', { name: exactly(it['steps.label']) })).toBeVisible();
    await expect(continueButton(page).or(page.getByRole('button', { name: 'English' })).first()).toBeVisible();
  }

  test('a step keeps only its heading and fields', async ({ page }) => {
    await storeCompleteDraft(page);
    await open(page, 'company.title');
    await page.emulateMedia({ media: 'print' });
    await expect(field(page, 'ragione_sociale')).toBeVisible();
    await expectPrintable(page);
  });

  test('the review keeps only the summary', async ({ page }) => {
    await storeCompleteDraft(page);
    await open(page, 'review.title');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('definition').filter({ hasText: exactly('Bottega Più S.r.l.') })).toBeVisible();
    await expectPrintable(page);
  });
});
