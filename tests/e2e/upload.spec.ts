// Uploading images: the company stamp (and a signature) as PNG or JPEG,
// previewed and kept with the draft; anything that is not an image is refused
// with a clear message next to the file input.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { containing, describedBy, exactly, expectPage, file, it, waitForSave } from './helpers';

test.describe.configure({ mode: 'parallel' });

const stampInput = (page: Page) => page.getByLabel(exactly(it['stamp.upload_label']));
const stampPreview = (page: Page) => page.getByRole('img', { name: exactly(it['stamp.alt']) });
const naturalSize = (page: Page, alt: string) =>
  page
    .getByRole('img', { name: exactly(alt) })
    .evaluate((img: HTMLImageElement) => `${img.naturalWidth}x${img.naturalHeight}`);

test('an uploaded stamp shows a preview and survives a reload', async ({ page }) => {
  await page.goto('./#/firma');
  await expectPage(page, 'signing.title');
  await expect(stampPreview(page)).toHaveCount(0);
  await stampInput(page).setInputFiles(file('stamp.png'));
  await expect(stampPreview(page)).toBeVisible();
  // Decoded and re-encoded at its own size (120 x 80, under the bound).
  await expect.poll(() => naturalSize(page, it['stamp.alt'])).toBe('120x80');
  await expect(stampInput(page)).toHaveAttribute('aria-invalid', 'false');

  await waitForSave(page);
  await page.reload();
  await expectPage(page, 'signing.title');
  await expect(stampPreview(page)).toBeVisible();
  await expect.poll(() => naturalSize(page, it['stamp.alt'])).toBe('120x80');

  // The review says the stamp is there.
  await page.goto('./#/riepilogo');
  await expect(page.getByRole('definition').filter({ hasText: exactly(it['review.stamp_uploaded']) }).first()).toBeVisible();

  // Removing it removes it for good.
  await page.goto('./#/firma');
  await page.getByRole('button', { name: exactly(it['upload.remove']) }).click();
  await expect(stampPreview(page)).toHaveCount(0);
  await waitForSave(page);
  await page.reload();
  await expectPage(page, 'signing.title');
  await expect(stampInput(page)).toBeVisible();
  await expect(stampPreview(page)).toHaveCount(0);
});

// When an image fails to decode, DevTools (which Playwright drives) fetches
// the blob to show the failed resource, and the page's CSP (connect-src 'self')
// blocks that fetch and logs it. The app itself fetches nothing: the same page
// in Chromium without DevTools logs no such error.
test.describe('refused uploads', () => {
  test.use({
    ignoredConsoleErrors: [/^Connecting to 'blob:[^']*' violates the following Content Security Policy directive: "connect-src /],
  });

  test('a file that is not an image is refused with its message next to the input', async ({ page }) => {
    await page.goto('./#/firma');
    const input = stampInput(page);
    const typeMessage = it['error.upload.type'];
    const decodeMessage = it['error.upload.decode'];

    // A text file: the wrong type.
    await input.setInputFiles(file('not-an-image.txt'));
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription(containing(typeMessage));
    await expect(await describedBy(input)).toBeVisible();
    await expect(stampPreview(page)).toHaveCount(0);

    // Text in a file named .png: the browser cannot decode it.
    await input.setInputFiles(file('text-disguised.png'));
    await expect(input).toHaveAccessibleDescription(containing(decodeMessage));
    await expect(input).not.toHaveAccessibleDescription(containing(typeMessage));
    await expect(await describedBy(input)).toBeVisible();
    await expect(stampPreview(page)).toHaveCount(0);

    // A real image then clears the message.
    await input.setInputFiles(file('stamp.png'));
    await expect(stampPreview(page)).toBeVisible();
    await expect(input).toHaveAttribute('aria-invalid', 'false');
    await expect(input).toHaveAccessibleDescription('');

    // A bad file afterwards is refused and does not replace the good stamp.
    await input.setInputFiles(file('not-an-image.txt'));
    await expect(input).toHaveAccessibleDescription(containing(typeMessage));
    await expect(stampPreview(page)).toBeVisible();
    await expect.poll(() => naturalSize(page, it['stamp.alt'])).toBe('120x80');
  });
});

test('a signature uploaded as a JPEG is shown and counts as the signature', async ({ page }) => {
  await page.goto('./#/firma');
  const signature = page.getByRole('group', { name: exactly(it['signature.legend']) });
  await signature.getByRole('radio', { name: exactly(it['signature.method.uploaded']) }).check();
  await signature.getByLabel(exactly(it['signature.upload_label'])).setInputFiles(file('signature.jpg'));
  const preview = page.getByRole('img', { name: exactly(it['signature.upload_alt']) });
  await expect(preview).toBeVisible();
  await expect.poll(() => naturalSize(page, it['signature.upload_alt'])).toBe('160x60');

  await waitForSave(page);
  await page.reload();
  await expect(preview).toBeVisible();
  await page.goto('./#/riepilogo');
  await expect(
    page.getByRole('definition').filter({ hasText: exactly(it['signature.method.uploaded']) }).first(),
  ).toBeVisible();
});
