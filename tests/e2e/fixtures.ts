// The `test` every end-to-end spec imports: Playwright's, plus a check that
// while the test ran the page threw no uncaught error, logged no console
// error and got no HTTP error for anything it loaded. A broken wasm build (a
// bad wasm-opt, a panic at start, a wrong public URL) shows up here first.
// A test that expects a console error which is no error of the app says so,
// with the reason, through `test.use({ ignoredConsoleErrors: [/.../] })`.
import { test as base, expect } from '@playwright/test';

// Browsers ask for it on their own; a missing one is no error of the app.
const IGNORED_PATHS = ['/favicon.ico'];

export const test = base.extend<{ pageErrors: string[]; ignoredConsoleErrors: RegExp[] }>({
  // Console errors a test expects and that are no error of the app, each
  // with its reason where it is set (`test.use({ ignoredConsoleErrors })`).
  ignoredConsoleErrors: [[], { option: true }],
  pageErrors: [
    async ({ page, ignoredConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
      page.on('console', (msg) => {
        const text = msg.text();
        // HTTP errors are reported with their URL by the response handler.
        if (
          msg.type() === 'error' &&
          !text.startsWith('Failed to load resource') &&
          !ignoredConsoleErrors.some((re) => re.test(text))
        ) {
          errors.push(`console.error: ${text}`);
        }
      });
      page.on('response', (response) => {
        const path = new URL(response.url()).pathname;
        if (response.status() >= 400 && !IGNORED_PATHS.some((p) => path.endsWith(p))) {
          errors.push(`HTTP ${response.status()}: ${response.url()}`);
        }
      });
      await use(errors);
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
