import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { test as base, chromium, type Page } from '@playwright/test';
import { findChromium } from '../../e2e/support/chromium';
import { BENCH_PAGE_DIR } from './paths';
import { reportBrowser } from './results';

/** The bench page's made-up origin: https, so IndexedDB and `crypto.randomUUID` behave as on the web. */
export const BENCH_ORIGIN = 'https://bench.local';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** The extension's page CSP, so zod runs without `eval` exactly as it does in the extension. */
const EXTENSION_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * A page of the bench build (`lib/db`, `lib/csv` and the raw baseline) in real Chromium with an on-disk
 * profile: an in-memory (incognito) profile would keep IndexedDB in memory and flatter every
 * figure. `--expose-gc` lets each measurement start after a collection.
 */
export const test = base.extend<{ benchPage: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from the destructuring of its first parameter, which it requires even when empty
  benchPage: async ({}, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'listwright-bench-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: findChromium(),
      headless: true,
      args: [
        '--js-flags=--expose-gc',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    await context.route(`${BENCH_ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = normalize(join(BENCH_PAGE_DIR, path === '/' ? 'index.html' : path));
      if (!file.startsWith(BENCH_PAGE_DIR)) return route.fulfill({ status: 404 });
      const body = readFileSync(file);
      return route.fulfill({
        status: 200,
        body,
        headers: {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': EXTENSION_CSP,
        },
      });
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${BENCH_ORIGIN}/`);
    await page.waitForFunction(() => typeof window.bench === 'object');
    const cdp = await context.newCDPSession(page);
    await reportBrowser((await cdp.send('Browser.getVersion')).product);
    await cdp.detach();
    await use(page);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    // A page error means some figure was taken on a broken page.
    const [firstError] = errors;
    if (firstError) throw firstError;
  },
});
