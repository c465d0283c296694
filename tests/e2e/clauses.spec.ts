// The specific approval of the onerous clauses (artt. 1341 e 1342 c.c.):
// the conditions step lists each clause of site.json by number, title and
// its one-line summary, in Italian (the contract's language) also on the
// English page.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { en, exactly, it, type Texts } from './helpers';

test.describe.configure({ mode: 'parallel' });

type Onerous = { number: string; summary: string };
const site: { onerous_clauses: Onerous[] } = JSON.parse(readFileSync('assets/content/site.json', 'utf8'));
const headings = new Map(
  [...readFileSync('assets/content/condizioni.it.md', 'utf8').matchAll(/^## (\S+)\. (.+)$/gm)].map((m) => [m[1], m[2].trim()]),
);

/** "N. Title Summary", as the list item reads. */
const expected = site.onerous_clauses.map(({ number, summary }) => {
  const heading = headings.get(number);
  if (!heading) throw new Error(`clause ${number} is not in condizioni.it.md`);
  return `${number}. ${heading} ${summary}`;
});

const approvalList = (page: Page, t: Texts) =>
  page.getByRole('region', { name: exactly(t['conditions.onerous_title']) }).getByRole('list');

for (const [lang, t] of [['it', it], ['en', en]] as const) {
  test(`the specific approval lists every onerous clause with its title and summary (${lang})`, async ({ page }) => {
    expect(expected.length).toBeGreaterThan(0);
    await page.addInitScript((code) => localStorage.setItem('rinnovo.lang', code), lang);
    await page.goto('./#/condizioni');
    const list = approvalList(page, t);
    await expect(list).toHaveAttribute('lang', 'it');
    await expect(list.getByRole('listitem')).toHaveText(expected);
  });
}
