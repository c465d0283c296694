// The review lists what is missing or invalid, each item a link that takes
// the user to the right step with the focus on the field to fix.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import {
  COMPANY,
  containing,
  errorText,
  exactly,
  expectPage,
  expectPageWithFocusOnHeading,
  field,
  fillCompany,
  it,
  PROBLEMS_TITLE,
  problemsHeading,
} from './helpers';

test.describe.configure({ mode: 'parallel' });

/** The link of the review's problem list for `fieldKey` with error `errorKey`. */
const problem = (page: Page, fieldKey: string, errorKey: string) =>
  page
    .getByRole('region', { name: PROBLEMS_TITLE })
    .getByRole('link', { name: exactly(`${it[`field.${fieldKey}`]}: ${errorText(errorKey)}`) });

test('the review lists missing and invalid items as links that focus the field to fix', async ({ page }) => {
  await fillCompany(page, { cap: '2012' });
  await page.goto('./#/riepilogo');
  await expectPage(page, 'review.title');
  await expect(problemsHeading(page)).toBeVisible();
  await expect(page.getByRole('heading', { name: exactly(it['review.ready_title']) })).toHaveCount(0);

  // An invalid value on the company step.
  await problem(page, 'cap', 'error.cap.format').click();
  await expectPage(page, 'company.title');
  const cap = field(page, 'cap');
  await expect(cap).toBeFocused();
  await expect(cap).toHaveAttribute('aria-invalid', 'true');
  await expect(cap).toHaveAccessibleDescription(containing(it['error.cap.format']));

  // A missing number of activations.
  await page.goBack();
  await expectPage(page, 'review.title');
  await problem(page, 'activations', 'error.required').click();
  await expectPage(page, 'activations.title');
  await expect(field(page, 'activations')).toBeFocused();

  // The support tier: the focus goes to the group of choices.
  await page.goBack();
  await problem(page, 'tier', 'error.tier.required').click();
  await expectPage(page, 'support.title');
  await expect(page.getByRole('group', { name: containing(it['support.legend']) })).toBeFocused();

  // The form's signature, this time with the keyboard: once the page has
  // put the focus on its heading (a frame after it shows), from there.
  await page.goBack();
  await expectPageWithFocusOnHeading(page, 'review.title');
  await problem(page, 'form_signature', 'error.signature.missing').focus();
  await page.keyboard.press('Enter');
  await expectPage(page, 'signing.title');
  await expect(page.getByRole('group', { name: exactly(it['signature.legend']) })).toBeFocused();

  // The acceptance of the conditions.
  await page.goBack();
  await problem(page, 'conditions_accepted', 'error.must_accept').click();
  await expectPage(page, 'conditions.title');
  await expect(page.getByRole('checkbox', { name: exactly(it['conditions.accept']) })).toBeFocused();
});

test('fixing an item removes it from the review list', async ({ page }) => {
  await fillCompany(page, { cap: '2012' });
  await page.goto('./#/riepilogo');
  const heading = problemsHeading(page);
  const before = Number((await heading.textContent())?.match(/\d+/)?.[0]);
  expect(before).toBeGreaterThan(1);

  await problem(page, 'cap', 'error.cap.format').click();
  await field(page, 'cap').fill(COMPANY.cap);
  await page.goto('./#/riepilogo');
  await expect(problem(page, 'cap', 'error.cap.format')).toHaveCount(0);
  await expect(heading).toHaveText(containing(it['review.problems_title'].replace('{n}', String(before - 1))));
  // The summary shows the value as typed.
  await expect(page.getByRole('definition').filter({ hasText: exactly(COMPANY.cap) })).toBeVisible();
});
