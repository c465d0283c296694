// The `test` every end-to-end spec imports: Playwright's, plus a check that
// while the test ran the page threw no uncaught error, logged no console
// error, got no HTTP error for anything it loaded, and broke no rule of its
// Content-Security-Policy (a `securitypolicyviolation` event in any frame of
// any page of the test's browser context). A broken wasm build (a bad
// wasm-opt, a panic at start, a wrong public URL) shows up here first, and so
// does anything the strict CSP blocks.
//
// A test that expects a console error which is no error of the app says so,
// with the reason, through `test.use({ ignoredConsoleErrors: [/.../] })`.
// When that console error is the browser's own report of a CSP violation
// ("... violates the following Content Security Policy directive: "X ...""),
// the matching violation event (same directive) is excused with it: the
// reason given for the one is the reason for the other.
//
// Pages a test opens itself in the same context (a second tab, the page
// reopened after a crash) are watched the same way as `page`.
import { readFileSync } from 'node:fs';
import { test as base, expect, type Frame, type Page } from '@playwright/test';

// Browsers ask for it on their own; a missing one is no error of the app.
const IGNORED_PATHS = ['/favicon.ico'];

/** What a page reports about a `securitypolicyviolation` event. */
type Violation = {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  document: string;
};

// The CSP directive named in Chromium's console report of a violation
// (`... directive: "img-src ..."` or `... directive 'script-src ...'`).
const CSP_CONSOLE_REPORT = /violates the following Content Security Policy directive:? ["']([a-z-]+)/;

// Whether a violation of `effective` (script-src-elem) is one of `reported`
// (script-src, the directive the policy has and the browser names).
const sameDirective = (effective: string, reported: string) =>
  effective === reported || effective.startsWith(`${reported}-`);

/** The options playwright.config.ts and `test.use` may set. */
export type RinnovoOptions = {
  ignoredConsoleErrors: RegExp[];
  hostOrigin: string;
};

/** Whether `url` is a page of the app (not the iframe's host page, not about:blank). */
const isAppURL = (url: string) => /^https?:/.test(url) && !new URL(url).pathname.startsWith('/host/');

/**
 * Waits until the app has replaced the prerendered page (src/prerender.rs):
 * the prerendered landing and FAQ look the same but do not answer the
 * controls that need the app (language, erase, resume).
 */
export async function waitForApp(page: Page | Frame) {
  await page.waitForFunction(() => document.documentElement.dataset.app === 'ready', undefined, { timeout: 15_000 });
}

/** Makes `page.goto` and `page.reload` of an app page wait for the app. */
export function waitForAppOnLoad(page: Page) {
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    if (isAppURL(page.url())) await waitForApp(page);
    return response;
  };
  const reload = page.reload.bind(page);
  page.reload = async (options) => {
    const response = await reload(options);
    if (isAppURL(page.url())) await waitForApp(page);
    return response;
  };
}

export const test = base.extend<RinnovoOptions & { pageErrors: string[] }>({
  // Every page of the test's context waits for the app after a load.
  page: async ({ page }, use) => {
    waitForAppOnLoad(page);
    page.context().on('page', waitForAppOnLoad);
    await use(page);
  },
  // Console errors a test expects and that are no error of the app, each
  // with its reason where it is set (`test.use({ ignoredConsoleErrors })`).
  ignoredConsoleErrors: [[], { option: true }],
  // The origin of the host page that embeds the app in an iframe (see
  // static-server.mjs): another host than the app's, so another origin.
  // playwright.config.ts sets it from E2E_PORT.
  hostOrigin: ['http://localhost:4180', { option: true }],
  pageErrors: [
    async ({ page, ignoredConsoleErrors }, use) => {
      const errors: string[] = [];
      const violations: Violation[] = [];
      // Directives whose violations the test excused through their console
      // report, one entry per report.
      const excused: string[] = [];

      const context = page.context();
      await context.exposeBinding('__rinnovoCspViolation', (_source, v: Violation) => {
        violations.push(v);
      });
      await context.addInitScript(() => {
        addEventListener(
          'securitypolicyviolation',
          (e) => {
            const report = (window as unknown as { __rinnovoCspViolation?: (v: unknown) => void })
              .__rinnovoCspViolation;
            report?.({
              directive: e.effectiveDirective,
              blocked: e.blockedURI,
              source: e.sourceFile,
              line: e.lineNumber,
              document: e.documentURI,
            });
          },
          true,
        );
      });

      const watch = (p: Page) => {
        p.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
        p.on('console', (msg) => {
          if (msg.type() !== 'error') return;
          const text = msg.text();
          // HTTP errors are reported with their URL by the response handler.
          if (text.startsWith('Failed to load resource')) return;
          if (ignoredConsoleErrors.some((re) => re.test(text))) {
            const csp = text.match(CSP_CONSOLE_REPORT);
            if (csp) excused.push(csp[1]);
            return;
          }
          errors.push(`console.error: ${text}`);
        });
        p.on('response', (response) => {
          const path = new URL(response.url()).pathname;
          if (response.status() >= 400 && !IGNORED_PATHS.some((q) => path.endsWith(q))) {
            errors.push(`HTTP ${response.status()}: ${response.url()}`);
          }
        });
      };
      watch(page);
      context.on('page', watch);

      await use(errors);

      for (const v of violations) {
        const i = excused.findIndex((d) => sameDirective(v.directive, d));
        if (i >= 0) {
          excused.splice(i, 1);
          continue;
        }
        errors.push(
          `CSP violation: ${v.directive} blocked ${v.blocked || '(inline)'}` +
            ` at ${v.source || '?'}:${v.line} in ${v.document}`,
        );
      }
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** A stored draft of tests/e2e/drafts/ (see its README), as text. */
export const storedDraftFixture = (name: string) => readFileSync(`tests/e2e/drafts/${name}`, 'utf8');

/**
 * Puts `entries` into localStorage before the app's first load in `page`, as
 * an earlier visit would have left them; not again on a reload.
 */
export async function storeBeforeFirstLoad(page: Page, entries: Record<string, string>) {
  await page.addInitScript((entries) => {
    try {
      if (window.top !== window || sessionStorage.getItem('e2e.stored')) return;
      sessionStorage.setItem('e2e.stored', '1');
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    } catch {
      // about:blank and other documents without storage.
    }
  }, entries);
}
