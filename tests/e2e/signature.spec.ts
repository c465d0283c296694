// The signature pad: strokes drawn with the mouse are kept with the draft
// (a reload shows the saved signature), "undo" removes the last stroke,
// "clear" removes them all.
import { test, expect } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { exactly, expectPage, it, waitForSave } from './helpers';

test.describe.configure({ mode: 'parallel' });

const pad = (page: Page) => page.getByRole('img', { name: exactly(it['pad.label']) });
const savedSignature = (page: Page) => page.getByRole('img', { name: exactly(it['pad.saved_alt']) });
const undo = (page: Page) => page.getByRole('button', { name: exactly(it['pad.undo']) });
const clear = (page: Page) => page.getByRole('button', { name: exactly(it['pad.clear']) });

/**
 * Draws a wavy stroke with the mouse across the part of the pad from
 * `from` to `to` (fractions of its width).
 */
async function drawStroke(page: Page, canvas: Locator, from: number, to: number) {
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  const x = (f: number) => box.x + box.width * f;
  const y = (f: number) => box.y + box.height * f;
  await page.mouse.move(x(from), y(0.5));
  await page.mouse.down();
  const steps = 16;
  for (let i = 1; i <= steps; i++) {
    const f = from + ((to - from) * i) / steps;
    await page.mouse.move(x(f), y(0.5 + 0.25 * Math.sin(i / 2)));
  }
  await page.mouse.up();
}

/** The number of inked pixels in the left and right halves of the pad. */
function ink(canvas: Locator) {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const { data, width, height } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let left = 0;
    let right = 0;
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        if (data[(row * width + col) * 4 + 3] > 0) {
          if (col < width / 2) left++;
          else right++;
        }
      }
    }
    return { left, right };
  });
}

test('a drawn signature survives a reload', async ({ page }) => {
  await page.goto('./#/firma');
  await expectPage(page, 'signing.title');
  const canvas = pad(page);
  await expect(canvas).toBeVisible();
  await expect(savedSignature(page)).toHaveCount(0);
  await drawStroke(page, canvas, 0.1, 0.8);
  await expect.poll(async () => (await ink(canvas)).left).toBeGreaterThan(0);

  await waitForSave(page);
  await page.reload();
  await expectPage(page, 'signing.title');
  const saved = savedSignature(page);
  await expect(saved).toBeVisible();
  // A real image, decoded by the browser.
  await expect.poll(() => saved.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByText(it['pad.saved_hint'])).toBeVisible();
  // Nothing drawn in this visit to undo, but the saved signature can be cleared.
  await expect(undo(page)).toBeDisabled();
  await expect(clear(page)).toBeEnabled();

  // Drawing again replaces it.
  await drawStroke(page, pad(page), 0.3, 0.6);
  await expect(saved).toHaveCount(0);
  await expect(undo(page)).toBeEnabled();
  await expect.poll(async () => (await ink(pad(page))).left).toBeGreaterThan(0);
  await waitForSave(page);

  // The review counts the signature as given.
  await page.goto('./#/riepilogo');
  const row = page.getByRole('definition').filter({ hasText: exactly(it['signature.method.drawn']) });
  await expect(row.first()).toBeVisible();
});

test('undo removes the last stroke and clear removes the whole signature, also after a reload', async ({ page }) => {
  await page.goto('./#/firma');
  const canvas = pad(page);
  await expect(undo(page)).toBeDisabled();
  await expect(clear(page)).toBeDisabled();

  // Two strokes: one on the left half, one on the right half.
  await drawStroke(page, canvas, 0.05, 0.4);
  await drawStroke(page, canvas, 0.6, 0.95);
  await expect.poll(async () => Math.min(...Object.values(await ink(canvas)))).toBeGreaterThan(0);
  await expect(undo(page)).toBeEnabled();

  // Undo: the right-hand stroke goes, the left one stays.
  await undo(page).click();
  await expect.poll(async () => (await ink(canvas)).right).toBe(0);
  expect((await ink(canvas)).left).toBeGreaterThan(0);
  await expect(undo(page)).toBeEnabled();

  // Undo again: nothing left, and nothing to undo.
  await undo(page).click();
  await expect.poll(() => ink(canvas)).toEqual({ left: 0, right: 0 });
  await expect(undo(page)).toBeDisabled();
  await expect(clear(page)).toBeDisabled();

  // Draw, save, reload: the saved signature is there; clear removes it.
  await drawStroke(page, canvas, 0.2, 0.7);
  await waitForSave(page);
  await page.reload();
  await expect(savedSignature(page)).toBeVisible();
  await clear(page).click();
  await expect(savedSignature(page)).toHaveCount(0);
  await expect(clear(page)).toBeDisabled();
  await expect(page.getByText(it['pad.hint'])).toBeVisible();

  // Cleared for good: a reload does not bring it back.
  await waitForSave(page);
  await page.reload();
  await expectPage(page, 'signing.title');
  await expect(pad(page)).toBeVisible();
  await expect(savedSignature(page)).toHaveCount(0);
  await expect(clear(page)).toBeDisabled();
});
