// Fault-tolerant: nothing typed is lost, and the user is told when it could
// be. localStorage full or refused (stubbed in the page before the app
// loads), two tabs on the same draft, stored drafts the app cannot read
// (fixtures in tests/e2e/drafts/), and a page killed in the middle of typing.
import { test, expect, storeBeforeFirstLoad, storedDraftFixture } from './fixtures';
import type { Page } from '@playwright/test';
import {
  COMPANY,
  continueButton,
  en,
  exactly,
  expectPage,
  field,
  fillCompany,
  it,
  storedDraft,
  storedKeys,
  waitForSave,
} from './helpers';

/** The notice `t[key]` is on screen. */
const notice = (page: Page, key: string) => page.getByText(it[key]);

/**
 * The company step filled in, continued, and come back to: the app works and
 * keeps the data (in memory at least).
 */
async function fillContinueAndComeBack(page: Page) {
  await fillCompany(page, { codice_cliente: 'C-0042' }, { open: false });
  await continueButton(page).click();
  await expectPage(page, 'activations.title');
  await field(page, 'activations').fill('3');
  await continueButton(page).click();
  await expectPage(page, 'support.title');
  await page.goBack();
  await page.goBack();
  await expectPage(page, 'company.title');
  await expect(field(page, 'ragione_sociale')).toHaveValue(COMPANY.ragione_sociale);
  await expect(field(page, 'codice_cliente')).toHaveValue('C-0042');
}

test.describe('when localStorage refuses', () => {
  test('every write (quota exceeded), the app works in memory and says the draft will not be kept', async ({ page }) => {
    await page.addInitScript(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.goto('./#/azienda');
    await expectPage(page, 'company.title');
    await expect(notice(page, 'notice.storage_unavailable').or(notice(page, 'notice.storage_full'))).toBeVisible();
    await fillContinueAndComeBack(page);
    expect(await storedKeys(page)).toEqual([]);
  });

  test('a large draft (quota exceeded), it says the storage is full and the app keeps working', async ({ page }) => {
    // Small writes pass (the app's probe at start); a draft does not.
    await page.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key: string, value: string) {
        if (String(value).length > 200) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return setItem.call(this, key, value);
      };
    });
    await page.goto('./#/azienda');
    await expectPage(page, 'company.title');
    // Storage looks fine at first.
    await expect(notice(page, 'notice.storage_full')).toHaveCount(0);
    await expect(notice(page, 'notice.storage_unavailable')).toHaveCount(0);
    await field(page, 'ragione_sociale').fill(COMPANY.ragione_sociale);
    await field(page, 'indirizzo').fill(COMPANY.indirizzo);
    // The first save that does not fit is said, once.
    await expect(notice(page, 'notice.storage_full')).toBeVisible();
    await fillContinueAndComeBack(page);
    expect(await storedDraft(page)).toBeNull();
  });
});

test('with no localStorage at all (a private window that refuses it), the app works in memory and says so', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The user denied access to storage.', 'SecurityError');
      },
    });
  });
  await page.goto('./#/azienda');
  await expectPage(page, 'company.title');
  expect(await page.evaluate(() => { try { return typeof window.localStorage; } catch (e) { return (e as DOMException).name; } })).toBe('SecurityError');
  await expect(notice(page, 'notice.storage_unavailable')).toBeVisible();
  await fillContinueAndComeBack(page);
  // The language switch, which also stores, does not break anything either.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(field(page, 'ragione_sociale', en)).toHaveValue(COMPANY.ragione_sociale);
});

test('a change made in another tab shows up here with a notice, and each tab builds on the other', async ({ page, context }) => {
  await page.goto('./#/azienda');
  await expectPage(page, 'company.title');
  const other = await context.newPage();
  await other.goto('./#/azienda');
  await expectPage(other, 'company.title');

  // The first tab types; the second takes it over, and says so.
  await field(page, 'ragione_sociale').fill('Bottega Più S.r.l.');
  await expect(field(other, 'ragione_sociale')).toHaveValue('Bottega Più S.r.l.');
  await expect(notice(other, 'notice.other_tab')).toBeVisible();

  // The second tab goes on from there: the first tab's name is kept (not
  // overwritten with the second tab's old, empty draft) and the first tab
  // takes the second's change in turn.
  await field(other, 'partita_iva').fill(COMPANY.partita_iva);
  await expect(field(page, 'partita_iva')).toHaveValue(COMPANY.partita_iva);
  await expect(notice(page, 'notice.other_tab')).toBeVisible();
  await expect(field(page, 'ragione_sociale')).toHaveValue('Bottega Più S.r.l.');
  await waitForSave(page);
  const saved = await storedDraft(page);
  expect(saved?.draft?.company).toMatchObject({ ragione_sociale: 'Bottega Più S.r.l.', partita_iva: COMPANY.partita_iva });
  await other.close();
});

test('"erase my data" in one tab empties the others too, and they do not write the draft back', async ({ page, context }) => {
  await page.goto('./#/azienda');
  await field(page, 'ragione_sociale').fill('Bottega Più S.r.l.');
  const other = await context.newPage();
  await other.goto('./#/azienda');
  await expect(field(other, 'ragione_sociale')).toHaveValue('Bottega Più S.r.l.');

  await other.getByRole('button', { name: exactly(it['erase.button']) }).click();
  await other.getByRole('button', { name: exactly(it['erase.yes']) }).click();
  await expect(notice(other, 'notice.erased')).toBeVisible();

  // The first tab follows, and says why its form is empty.
  await expect(field(page, 'ragione_sociale')).toHaveValue('');
  await expect(notice(page, 'notice.erased_other_tab')).toBeVisible();
  // Closed, which is when a tab saves at once: nothing comes back.
  await page.close({ runBeforeUnload: true });
  await waitForSave(other);
  expect(await storedKeys(other)).toEqual([]);
});

test('a draft saved by a newer version in another tab is not overwritten here; this tab offers to update', async ({ page, context }) => {
  await page.goto('./#/azienda');
  await field(page, 'ragione_sociale').fill('Bottega Più S.r.l.');
  await waitForSave(page);
  // Another tab, running a newer version, saves its draft (schema 99): as
  // the browser tells this tab. (A real second tab here would run this
  // version of the app: the service worker serves the app to every page.)
  const newer = storedDraftFixture('newer-schema.json');
  await page.evaluate((json) => {
    localStorage.setItem('rinnovo.draft', json);
    window.dispatchEvent(new StorageEvent('storage', { key: 'rinnovo.draft', newValue: json, storageArea: localStorage }));
  }, newer);

  await expect(notice(page, 'notice.newer_other_tab')).toBeVisible();
  await expect(page.getByRole('button', { name: exactly(it['notice.update_reload']) })).toBeVisible();
  // What is typed here stays on screen but is not saved over the newer draft,
  // not even when the tab is closed.
  await field(page, 'comune').fill('Milano');
  await expect(field(page, 'comune')).toHaveValue('Milano');
  await waitForSave(page);
  expect(await page.evaluate(() => localStorage.getItem('rinnovo.draft'))).toBe(newer);
  await page.close({ runBeforeUnload: true });
  const stored = (await context.storageState()).origins.flatMap((o) => o.localStorage);
  expect(stored.find((e) => e.name === 'rinnovo.draft')?.value).toBe(newer);
});

test.describe('a stored draft the app cannot read', () => {
  for (const [name, what] of [
    ['unreadable.json', 'cut off in the middle'],
    ['wrong-shape.json', 'of the right schema but the wrong shape'],
    ['newer-schema.json', 'written by a newer version (schema 99)'],
  ]) {
    test(`(${what}) is set aside with a notice, and the user starts again`, async ({ page }) => {
      const stored = storedDraftFixture(name);
      await storeBeforeFirstLoad(page, { 'rinnovo.draft': stored });
      await page.goto('./');
      await expectPage(page, 'landing.title');
      await expect(notice(page, 'notice.set_aside')).toBeVisible();
      // Moved, byte for byte, out of the way of the new draft.
      expect(await page.evaluate(() => localStorage.getItem('rinnovo.draft.unreadable'))).toBe(stored);
      expect(await storedDraft(page)).toBeNull();

      // A new renewal starts empty and is saved as usual; the set-aside
      // draft stays.
      await page.goto('./#/azienda');
      await expect(field(page, 'ragione_sociale')).toHaveValue('');
      await field(page, 'ragione_sociale').fill('Nuova Officina S.r.l.');
      await waitForSave(page);
      expect((await storedDraft(page))?.draft?.company?.ragione_sociale).toBe('Nuova Officina S.r.l.');
      expect(await page.evaluate(() => localStorage.getItem('rinnovo.draft.unreadable'))).toBe(stored);
      // And after a reload it is the new draft that comes back, quietly.
      await page.reload();
      await expect(field(page, 'ragione_sociale')).toHaveValue('Nuova Officina S.r.l.');
      await expect(notice(page, 'notice.set_aside')).toHaveCount(0);
    });
  }

});

test.describe('a stored draft of an older schema (schema 1, tests/e2e/drafts/) is migrated', () => {
  test('a complete one comes back on the step it was left on, still complete', async ({ page }) => {
    await storeBeforeFirstLoad(page, { 'rinnovo.draft': storedDraftFixture('complete.json') });
    await page.goto('./');
    await expectPage(page, 'review.title');
    await expect(notice(page, 'notice.restored')).toBeVisible();
    await expect(page.getByRole('heading', { name: it['review.ready_title'] })).toBeVisible();
    // Its "stamp_by_hand": true is now the "by hand" stamp method.
    await expect(page.getByRole('definition').filter({ hasText: exactly(it['stamp.method.by_hand']) }).first()).toBeVisible();
    expect(await storedKeys(page)).toEqual(['rinnovo.draft']);
  });

  test('one with both a stamp image and "by hand" keeps using the image, and is saved in the new schema', async ({ page }) => {
    await storeBeforeFirstLoad(page, { 'rinnovo.draft': storedDraftFixture('schema1-stamp-and-by-hand.json') });
    await page.goto('./');
    await expectPage(page, 'signing.title');
    await expect(notice(page, 'notice.restored')).toBeVisible();
    await expect(field(page, 'form_signer')).toHaveValue('Niccolò D’Amico Sàntoro');
    const stamp = page.getByRole('group', { name: exactly(it['stamp.legend']) });
    const upload = stamp.getByRole('radio', { name: exactly(it['stamp.method.uploaded']) });
    const byHand = stamp.getByRole('radio', { name: exactly(it['stamp.method.by_hand']) });
    const preview = stamp.getByRole('img', { name: exactly(it['stamp.alt']) });
    // Schema 1's app showed and printed the image: so does this one.
    await expect(upload).toBeChecked();
    await expect(preview).toBeVisible();

    // Choosing "by hand" now means it, and the image is kept for a change of mind.
    await byHand.check();
    await expect(stamp.getByText(it['stamp.by_hand_info'])).toBeVisible();
    await expect(preview).toHaveCount(0);
    await waitForSave(page);
    const saved = await storedDraft(page);
    expect(saved.schema).toBe(2);
    expect(saved.step).toBe('firma');
    expect(saved.draft.form_signing).not.toHaveProperty('stamp_png');
    expect(saved.draft.form_signing).not.toHaveProperty('stamp_by_hand');
    expect(saved.draft.form_signing.stamp.method).toBe('by_hand');
    expect(saved.draft.form_signing.stamp.png).toMatch(/^data:image\/png;base64,/);
    expect(saved.draft.conditions.signing.stamp).toEqual({ method: 'by_hand', png: '' });
    expect(saved.draft.company.ragione_sociale).toBe('Caffè Città S.r.l. – «Più» ’Qualità’ €');

    await upload.check();
    await expect(preview).toBeVisible();
  });
});

test('a page killed in the middle of typing comes back with what was typed half a second before', async ({ page, context }) => {
  await page.goto('./#/azienda');
  await expectPage(page, 'company.title');
  await field(page, 'ragione_sociale').fill(COMPANY.ragione_sociale);
  await field(page, 'comune').pressSequentially('Milano', { delay: 30 });
  await page.waitForTimeout(500);
  // Already saved, with no help from the page being hidden or unloaded: a
  // second tab sees it in storage.
  const reopened = await context.newPage();
  await reopened.goto('./manifest.webmanifest');
  const saved = await reopened.evaluate(() => JSON.parse(localStorage.getItem('rinnovo.draft') ?? 'null'));
  expect(saved?.draft?.company?.comune).toBe('Milano');
  // No beforeunload: the tab just goes.
  await page.close({ runBeforeUnload: false });

  await reopened.goto('./');
  await expectPage(reopened, 'company.title');
  await expect(field(reopened, 'ragione_sociale')).toHaveValue(COMPANY.ragione_sociale);
  await expect(field(reopened, 'comune')).toHaveValue('Milano');
  await expect(notice(reopened, 'notice.restored')).toBeVisible();
});
