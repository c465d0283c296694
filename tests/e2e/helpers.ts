// Shared helpers of the end-to-end specs: the interface texts (from the
// content files, so that a change of wording does not break the tests),
// locators by label, a valid company, and the small waits the app promises.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

export type Texts = Record<string, string>;

export const it: Texts = JSON.parse(readFileSync('assets/content/texts.it.json', 'utf8'));
export const en: Texts = JSON.parse(readFileSync('assets/content/texts.en.json', 'utf8'));

/** The test files in tests/e2e/fixtures/. */
export const file = (name: string) => `tests/e2e/fixtures/${name}`;

// The parts of the app's wasm, in order, as the built loader names them
// (scripts/postbuild.mjs): each part's file name in dist/ and its digest.
export const wasmParts = (dist = 'dist') =>
  [...readFileSync(`${dist}/index.html`, 'utf8').matchAll(/\['\.\/(rinnovo-[0-9a-f]+_bg\.\d+\.wasm)', '(sha384-[^']+)'\]/g)].map(([, file, integrity]) => ({
    file,
    integrity,
  }));

// The app's other wasm parts (scripts/build-page.mjs), each fetched the
// first time its page is shown: the file names and digests that the built
// `__wasm_split.js` (the loader's `split` module) fetches with.
export const splitParts = (dist = 'dist') => {
  const split = readFileSync(`${dist}/index.html`, 'utf8').match(/const split = \{ href: '\.\/(rinnovo-[0-9a-f]+-split\.js)'/);
  if (!split) throw new Error('the loader names no split module');
  const js = readFileSync(`${dist}/${split[1]}`, 'utf8');
  return {
    module: split[1],
    parts: [...js.matchAll(/fetch\(new URL\("\.\/(rinnovo-[0-9a-f]+-[a-z_0-9]+\.wasm)",\s*import\.meta\.url\),\s*\{\s*integrity:\s*"(sha384-[^"]+)"\s*\}\)/g)].map(
      ([, file, integrity]) => ({ file, integrity }),
    ),
  };
};

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Exactly `text`, ignoring surrounding white space. */
export const exactly = (text: string) => new RegExp(`^\\s*${escapeRegExp(text.trim())}\\s*$`);

/** Contains `text`. */
export const containing = (text: string) => new RegExp(escapeRegExp(text.trim()));

/**
 * The input labelled with the text `field.<key>` ("Partita IVA"), also when
 * its label carries the "(optional)" mark.
 */
export function field(page: Page | Locator, key: string, t: Texts = it): Locator {
  const label = escapeRegExp(t[`field.${key}`].trim());
  const optional = escapeRegExp(t['field.optional'].trim());
  return page.getByLabel(new RegExp(`^\\s*${label}(\\s*${optional})?\\s*$`));
}

export const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });

export const continueButton = (page: Page, t: Texts = it) =>
  page.getByRole('button', { name: exactly(t['nav.continue']) });

/** The URL hash of each page, by the key of its title. */
export const HASH: Record<string, string> = {
  'landing.title': '',
  'company.title': '#/azienda',
  'activations.title': '#/attivazioni',
  'support.title': '#/assistenza',
  'signing.title': '#/firma',
  'conditions.title': '#/condizioni',
  'review.title': '#/riepilogo',
  'faq.title': '#/faq',
};

/** The page shown is the one titled `t[titleKey]`, at its own URL. */
export async function expectPage(page: Page, titleKey: string, t: Texts = it) {
  await expect(heading1(page)).toHaveText(exactly(t[titleKey]));
  const hash = HASH[titleKey];
  if (hash) {
    await expect(page).toHaveURL(new RegExp(`${escapeRegExp(hash)}$`));
  }
}

/** The page titled `t[titleKey]` is shown and its h1 has the focus. */
export async function expectPageWithFocusOnHeading(page: Page, titleKey: string, t: Texts = it) {
  await expectPage(page, titleKey, t);
  await expect(heading1(page)).toBeFocused();
  // The same, as the browser sees it.
  await expect
    .poll(() => page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName} ${el.textContent?.trim()}` : '';
    }))
    .toBe(`H1 ${t[titleKey].trim()}`);
}

/**
 * Waits for the draft to be saved: the app marks `<html data-save>` `pending`
 * as soon as the draft changes (it saves within 300 ms) and `done` once the
 * storage holds it. Call it after the change is on screen.
 */
export const waitForSave = (scope: Page | FrameLocator) =>
  expect(scope.locator(':root')).toHaveAttribute('data-save', 'done');

/** A company that passes every rule (Partita IVA and codice fiscale from the spec). */
export const COMPANY = {
  ragione_sociale: 'Bottega Più S.r.l.',
  partita_iva: '00743110157',
  indirizzo: 'Via Roma 1',
  cap: '20121',
  comune: 'Milano',
  provincia: 'MI',
  email: 'info@bottega.it',
  telefono: '+39 02 123456',
  pec: 'bottega@pec.it',
  rappr_nome: 'Mario',
  rappr_cognome: 'Rossi',
  rappr_cf: 'RSSMRA85T10A562S',
};
export type Company = typeof COMPANY;

/**
 * Opens the company step (unless `open` is false) and fills it with a valid
 * company, with `overrides` replacing some values.
 */
export async function fillCompany(
  page: Page,
  overrides: Record<string, string> = {},
  { open = true }: { open?: boolean } = {},
) {
  if (open) {
    await page.goto('./#/azienda');
    await expectPage(page, 'company.title');
  }
  const values = { ...COMPANY, ...overrides };
  for (const [key, value] of Object.entries(values)) {
    await field(page, key).fill(value);
  }
  return values;
}

/** The keys this app keeps in localStorage (`rinnovo.*`). */
export const storedKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rinnovo.')));

/** The saved draft, parsed (null when there is none). */
export const storedDraft = (page: Page) =>
  page.evaluate(() => {
    const raw = localStorage.getItem('rinnovo.draft');
    return raw ? JSON.parse(raw) : null;
  });

/**
 * Presses `key` (Tab or Shift+Tab) until `target` has the focus, as a
 * keyboard user moves through the page; fails after `max` presses.
 */
export async function tabTo(page: Page, target: Locator, { key = 'Tab', max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement)) {
      return;
    }
  }
  throw new Error(`${key} ${max} times never reached ${target}`);
}

type Localized = { it: string; en: string };
type Tier = { id: string; name: Localized; summary: Localized };
const site = JSON.parse(readFileSync('assets/content/site.json', 'utf8'));
/** The support tiers, in the order of the page. */
export const TIERS: Tier[] = site.tiers;

/** The radio button of a tier; its label is the name, then the summary. */
export function tierRadio(page: Page, id: string, lang: 'it' | 'en' = 'it'): Locator {
  const tier = TIERS.find((t) => t.id === id);
  if (!tier) throw new Error(`no tier ${id}`);
  return page.getByRole('radio', { name: new RegExp(`^\\s*${escapeRegExp(tier.name[lang])}\\b`) });
}

/** The heading of the review's list of what is missing or invalid. */
export const problemsHeading = (page: Page, t: Texts = it) =>
  page.getByRole('heading', { name: problemsTitle(t) });

/** The title of the review's problem list, whatever the count. */
export const problemsTitle = (t: Texts = it) =>
  new RegExp(`^\\s*${t['review.problems_title'].split('{n}').map(escapeRegExp).join('\\d+')}\\s*$`);
export const PROBLEMS_TITLE = problemsTitle(it);

/** The bounds of the number of activations, from content. */
export const ACTIVATIONS: { min: number; max: number } = site.activations;

/** The text of an error as the app shows it, its placeholders filled. */
export const errorText = (key: string, t: Texts = it) =>
  t[key]
    .replace('{min}', String(ACTIVATIONS.min))
    .replace('{max}', String(ACTIVATIONS.max));

/** The elements that `aria-describedby` of `el` points to (hint, message). */
export async function describedBy(el: Locator): Promise<Locator> {
  const ids = ((await el.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  if (ids.length === 0) throw new Error(`${el} has no aria-describedby`);
  return el.page().locator(ids.map((id) => `[id="${id}"]`).join(', '));
}

/** The texts of the elements that `aria-describedby` of `el` points to. */
export async function describedByTexts(el: Locator): Promise<string[]> {
  return (await describedBy(el)).allTextContents();
}

/** Runs axe with the WCAG 2.1 A and AA rules; fails with a readable list. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(found, 'axe violations').toEqual([]);
  // The rules did run (a page axe could not see would pass too).
  expect(results.passes.length).toBeGreaterThan(10);
}
