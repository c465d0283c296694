// End-to-end tests of the release build (dist/, made by scripts/build), in
// Debian's Chromium: Playwright never downloads a browser of its own here.
// tests/e2e/static-server.mjs serves dist/ at / and at /rinnovo/; the desktop
// project runs under the sub-path, the phone project at the root, so both
// kinds of hosting are covered. Tests navigate with relative URLs
// (`page.goto('./#/azienda')`), never with a leading slash, so that they stay
// under the project's base URL.
//
// The server runs with --test: it also serves a host page that embeds the app
// in an iframe from another origin (http://localhost:PORT/host/, while the app
// is at http://127.0.0.1:PORT/), and a way to bump sw.js as a new deploy would
// (see static-server.mjs). E2E_PORT moves both origins.
import { defineConfig } from '@playwright/test';
import type { RinnovoOptions } from './tests/e2e/fixtures';

const port = Number(process.env.E2E_PORT ?? 4180);
const origin = `http://127.0.0.1:${port}`;
// Another host on the same server: another origin, for the iframe's host page.
const hostOrigin = `http://localhost:${port}`;
const ci = !!process.env.CI;

export default defineConfig<RinnovoOptions>({
  testDir: './tests/e2e',
  outputDir: './test-results',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  forbidOnly: ci,
  retries: ci ? 1 : 0,
  workers: 2,
  reporter: 'list',
  use: {
    hostOrigin,
    headless: true,
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'desktop',
      use: {
        browserName: 'chromium',
        baseURL: `${origin}/rinnovo/`,
        viewport: { width: 1280, height: 800 },
      },
    },
    {
      name: 'phone',
      use: {
        browserName: 'chromium',
        baseURL: `${origin}/`,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
  webServer: {
    command: `node tests/e2e/static-server.mjs --port ${port} --dir dist --test`,
    url: `${origin}/rinnovo/`,
    reuseExistingServer: !ci,
    timeout: 15_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
