// Locked down: the built index.html carries a strict Content-Security-Policy
// (no 'unsafe-inline', no 'unsafe-eval', nothing from other hosts) and
// subresource integrity on the scripts and the wasm, and the browser enforces
// both. The fixture (fixtures.ts) fails any test whose page reports a CSP
// violation, a console error or an uncaught exception; here every page of
// the app is visited, with its errors shown, to make it see them all.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { continueButton, en, escapeRegExp, exactly, expectPage, field, heading1, it, problemsHeading, splitParts } from './helpers';

const html = readFileSync('dist/index.html', 'utf8');
const digest = (algo: 'sha256' | 'sha384', data: string | Buffer) =>
  `${algo}-${createHash(algo).update(data).digest('base64')}`;
const distFile = (href: string) => readFileSync(`dist/${href.replace(/^\.\//, '')}`);

/** The policy of the CSP <meta>, directive by directive. */
function cspMeta() {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/g)];
  expect(metas, 'one CSP <meta> in dist/index.html').toHaveLength(1);
  const policy = metas[0][1];
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    expect(directives.has(name), `${name} given twice`).toBe(false);
    directives.set(name, sources);
  }
  return { policy, directives, index: metas[0].index! };
}

/** The bodies of the inline scripts of dist/index.html. */
const inlineScripts = () =>
  [...html.matchAll(/<script(?: [^>]*)?>([\s\S]*?)<\/script>/g)]
    .map(([, body]) => body)
    .filter((body) => body.trim() !== '');

test('the built page has a strict CSP: no unsafe-inline or unsafe-eval, no other hosts, no plugins, no base, no forms', () => {
  const { policy, directives, index } = cspMeta();
  const sources = [...directives.values()].flat();
  for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*']) {
    expect(sources, policy).not.toContain(unsafe);
  }
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  expect(directives.get('form-action')).toEqual(["'none'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);

  // Scripts: this origin, wasm compilation, and the hash of each inline
  // script, no more and no less.
  const scriptSrc = directives.get('script-src') ?? [];
  const hashes = scriptSrc.filter((s) => s.startsWith("'sha256-"));
  expect(scriptSrc.filter((s) => !s.startsWith("'sha256-"))).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  const inline = inlineScripts();
  expect(inline.length).toBeGreaterThan(0);
  expect(hashes.sort()).toEqual(inline.map((body) => `'${digest('sha256', body)}'`).sort());

  // Nothing from anywhere but this origin (data: and blob: are the page's own
  // images: signature and stamp).
  for (const [name, sources] of directives) {
    for (const source of sources) {
      expect(`${name} ${source}`).toMatch(/ ('self'|'none'|'wasm-unsafe-eval'|'sha256-[A-Za-z0-9+/=]+'|data:|blob:)$/);
    }
  }

  // A <meta> CSP covers only what comes after it: it is the first thing in
  // <head> after the charset.
  const firstLoad = html.search(/<script|<link/);
  expect(index).toBeLessThan(firstLoad);
  // The same policy is there for hosts to send as an HTTP header.
  expect(readFileSync('dist/csp.txt', 'utf8').trim()).toBe(policy);
});

test('the wasm is fetched in parts, each with its integrity digest, and the scripts and styles carry theirs', () => {
  // The loader (assets/loader.js): the wasm, in parts (scripts/postbuild.mjs),
  // each fetched with the sha384 of the part as built.
  const loader = inlineScripts().find((s) => s.includes('const glue = '))!;
  const list = loader.match(/const wasm = \{ parts: \[(.*)\] \};/);
  expect(list, 'the loader names the wasm parts').not.toBeNull();
  const parts = [...list![1].matchAll(/\['(\.\/[^']+_bg\.(\d+)\.wasm)', '(sha384-[^']+)'\]/g)];
  expect(parts.length).toBeGreaterThanOrEqual(2);
  expect(parts.map(([, , n]) => Number(n))).toEqual(parts.map((_, i) => i + 1));
  for (const [, href, , integrity] of parts) expect(integrity, href).toBe(digest('sha384', distFile(href)));
  expect(loader).toContain('wasm.parts.map(([href, integrity]) => fetch(href, { integrity, signal: abort.signal }))');
  // The parts, in order, are the one wasm module the build made, and only
  // the parts are shipped.
  const whole = Buffer.concat(parts.map(([, href]) => distFile(href)));
  expect(WebAssembly.validate(whole)).toBe(true);
  // The pages' parts (scripts/build-page.mjs): `__wasm_split.js` fetches
  // each with its digest. Only these and the slices are shipped.
  const { parts: pages } = splitParts();
  expect(pages.length).toBeGreaterThanOrEqual(5);
  for (const { file, integrity } of pages) {
    expect(integrity, file).toBe(digest('sha384', distFile(file)));
    expect(WebAssembly.validate(distFile(file)), file).toBe(true);
  }
  const shipped = readdirSync('dist').filter((f) => /^rinnovo-.*\.wasm$/.test(f));
  expect(shipped.sort()).toEqual([...parts.map(([, href]) => href.slice(2)), ...pages.map((p) => p.file)].sort());

  // The two JS modules, the glue and `__wasm_split.js`, which import each
  // other: each preloaded with its digest, then the glue imported once
  // both are loaded.
  for (const name of ['glue', 'split']) {
    const js = loader.match(new RegExp(`const ${name} = \\{ href: '(\\./[^']+\\.js)', integrity: '(sha384-[^']+)' \\};`));
    expect(js, `the loader names the ${name} module with an integrity digest`).not.toBeNull();
    const [, jsHref, jsIntegrity] = js!;
    expect(jsIntegrity).toBe(digest('sha384', distFile(jsHref)));
  }
  expect(loader).toContain('[split, glue].map(');
  expect(loader).toContain("link.rel = 'modulepreload';");
  expect(loader).toContain("link.crossOrigin = 'anonymous';");
  expect(loader).toContain('link.integrity = m.integrity;');
  expect(loader).toMatch(/Promise\.all\(preloaded\)\s+\.then\(\(\) => import\(glue\.href\)\)/);

  // The stylesheet and the icon.
  const links = [...html.matchAll(/<link rel="(stylesheet|icon)" href="([^"]+)" integrity="([^"]+)"\/?>/g)];
  expect(links.map(([, rel]) => rel).sort()).toEqual(['icon', 'stylesheet']);
  for (const [, , href, integrity] of links) {
    expect(integrity, href).toBe(digest('sha384', distFile(href)));
  }
});

test.describe('the browser enforces the policy', () => {
  // The script injected below is meant to be refused: the browser reports
  // that with this console error, and the fixture excuses the violation
  // event that goes with it.
  test.use({
    ignoredConsoleErrors: [/^Executing inline script violates the following Content Security Policy directive 'script-src /],
  });

  test('a script injected into the page does not run', async ({ page }) => {
    await page.goto('./');
    await expectPage(page, 'landing.title');
    const ran = await page.evaluate(async () => {
      const violation = new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true }),
      );
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      const directive = await violation;
      return { directive, ran: (window as unknown as { __injected?: boolean }).__injected === true };
    });
    expect(ran).toEqual({ directive: 'script-src-elem', ran: false });
  });
});

// The browser checks the digests: a wasm or JS file changed on the way (a
// compromised CDN, a broken proxy) is refused and the app does not start.
// For the wasm, one part of it (the second) is altered: each is checked.
// Each runs in a context of its own, outside the fixture, because the refusal
// is the expected outcome: its console error and uncaught rejection are
// checked here instead.
for (const kind of ['wasm', 'JS glue'] as const) {
  test(`a ${kind} file altered on the way is refused and the app does not start`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    page.on('pageerror', (e) => messages.push(`uncaught: ${e.message}`));
    const pattern = kind === 'wasm' ? /_bg\.2\.wasm$/ : /\/rinnovo-[0-9a-f]+\.js$/;
    await page.route(pattern, async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      // One byte more at the end: same code for the JS, a different digest.
      await route.fulfill({ response, body: Buffer.concat([body, Buffer.from(kind === 'wasm' ? [0] : '\n')]) });
    });
    await page.goto('./');
    await expect
      .poll(() => messages.join('\n'), { message: 'the browser reports the integrity failure' })
      .toMatch(/Failed to find a valid digest in the 'integrity' attribute for resource '[^']*(_bg\.2\.wasm|\.js)'/);
    // The loader knows it (a step's page would say so): once it has said
    // so, the prerendered landing stays and the app never takes over.
    await expect(page.locator('html')).toHaveAttribute('data-app', 'failed');
    await expect(heading1(page)).toHaveText(exactly(it['landing.title']));
    await expect(page.locator('html')).not.toHaveAttribute('data-app', 'ready');
    await context.close();
  });
}

// Between the first part and its JS glue (scripts/wasm-names.mjs): the
// functions it imports from the glue have short names, in one module (that
// each is a key of the glue's import object, every other test proves: the
// wasm would not instantiate without it); wasm-streams' classes, which no
// JS can reach, are neither exported nor in the glue.
test('the first part imports its JS functions by short names, and exports no class no JS can reach', () => {
  const html = readFileSync('dist/index.html', 'utf8');
  const slices = [...html.matchAll(/\['\.\/(rinnovo-[0-9a-f]+_bg\.\d+\.wasm)', /g)].map(([, file]) => distFile(file));
  expect(slices.length).toBeGreaterThanOrEqual(1);
  const wasm = new WebAssembly.Module(Buffer.concat(slices));
  const imports = WebAssembly.Module.imports(wasm);
  const fromGlue = imports.filter((i) => i.module === 'g');
  expect(fromGlue.length).toBeGreaterThan(200);
  expect(new Set(fromGlue.map((i) => i.name)).size).toBe(fromGlue.length);
  const glueName = html.match(/const glue = \{ href: '\.\/([^']+\.js)'/);
  expect(glueName).not.toBeNull();
  const glue = distFile(glueName![1]).toString('utf8');
  for (const i of fromGlue) {
    expect(i.kind, i.name).toBe('function');
    expect(i.name).toMatch(/^[a-zA-Z]{1,2}$/);
  }
  // The rest come from `__wasm_split.js`.
  expect(imports.filter((i) => i.module !== 'g').map((i) => i.module)).toEqual(
    imports.filter((i) => i.module !== 'g').map(() => './__wasm_split.js'),
  );
  expect(glue).not.toMatch(/__wbg_[a-zA-Z]+_[0-9a-f]{16}/);
  expect(WebAssembly.Module.exports(wasm).map((e) => e.name).filter((n) => /intounderlying/i.test(n))).toEqual([]);
  expect(glue).not.toContain('IntoUnderlying');
});

// A page's own wasm part (scripts/build-page.mjs) altered on the way: the
// browser refuses it, the app (already started) stays, and the page says
// it did not load, with a button that tries again. Once the file as built
// arrives, the same button shows the page, and nothing typed was lost.
test('a page\'s wasm part altered on the way is refused; the page says so and loads when tried again', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const page = await context.newPage();
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  page.on('pageerror', (e) => messages.push(`uncaught: ${e.message}`));
  let altered = true;
  await page.route(/-split_form\.wasm$/, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    await route.fulfill({ response, body: altered ? Buffer.concat([body, Buffer.from([0])]) : body });
  });
  await page.goto('./#/attivazioni');
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready');
  await expect(heading1(page)).toHaveText(exactly(it['activations.title']));
  await expect(page.getByRole('alert').filter({ hasText: exactly(it['app.page_failed']) })).toBeVisible();
  expect(messages.join('\n')).toMatch(/Failed to find a valid digest in the 'integrity' attribute for resource '[^']*-split_form\.wasm'/);
  // No panic (Rust logs "panicked at" first) and no uncaught error.
  expect(messages.filter((m) => m.startsWith('uncaught:') || m.includes('panicked at'))).toEqual([]);
  // The rest of the app works: the company step is in its first part.
  await page
    .getByRole('navigation', { name: exactly(it['steps.label']) })
    .getByRole('link', { name: exactly(it['steps.azienda']) })
    .click();
  await expectPage(page, 'company.title');
  await field(page, 'ragione_sociale').fill('Officina Rossi');
  await page.goBack();
  await expect(page.getByRole('alert').filter({ hasText: exactly(it['app.page_failed']) })).toBeVisible();
  altered = false;
  await page.getByRole('button', { name: exactly(it['app.retry']) }).click();
  await expectPage(page, 'activations.title');
  await expect(page.getByRole('alert').filter({ hasText: exactly(it['app.page_failed']) })).toHaveCount(0);
  await expect(continueButton(page)).toBeVisible();
  // The button pressed is gone with the alert: the focus is on the heading.
  await expect(heading1(page)).toBeFocused();
  await page
    .getByRole('navigation', { name: exactly(it['steps.label']) })
    .getByRole('link', { name: exactly(it['steps.azienda']) })
    .click();
  await expectPage(page, 'company.title');
  await expect(field(page, 'ragione_sociale')).toHaveValue('Officina Rossi');
  expect(messages.filter((m) => m.startsWith('uncaught:') || m.includes('panicked at'))).toEqual([]);
  await context.close();
});

/** Presses Continua on a step that has errors: the step stays and says so. */
async function failContinue(page: Page, titleKey: string) {
  await continueButton(page).click();
  await expectPage(page, titleKey);
  const announcement = new RegExp(
    `^(${escapeRegExp(it['announce.one_error'])}|${it['announce.errors'].split('{n}').map(escapeRegExp).join('\\d+')})$`,
  );
  await expect(page.locator('[aria-live]').filter({ hasText: announcement })).toHaveCount(1);
}

test('every page, with its errors shown, runs with no CSP violation, console error or uncaught exception', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('./');
  await expectPage(page, 'landing.title');

  await page.goto('./#/azienda');
  await expectPage(page, 'company.title');
  await failContinue(page, 'company.title');
  await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();

  await page.goto('./#/attivazioni');
  await expectPage(page, 'activations.title');
  await field(page, 'activations').fill('tre');
  await failContinue(page, 'activations.title');
  await expect(field(page, 'activations')).toHaveAttribute('aria-invalid', 'true');

  for (const [hash, titleKey] of [
    ['#/assistenza', 'support.title'],
    ['#/firma', 'signing.title'],
    ['#/condizioni', 'conditions.title'],
  ]) {
    await page.goto(`./${hash}`);
    await expectPage(page, titleKey);
    await failContinue(page, titleKey);
  }

  await page.goto('./#/riepilogo');
  await expectPage(page, 'review.title');
  await expect(problemsHeading(page)).toBeVisible();

  await page.goto('./#/faq');
  await expectPage(page, 'faq.title');

  // The same pages in English, from the language switch.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto('./#/azienda');
  await continueButton(page, en).click();
  await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
});
