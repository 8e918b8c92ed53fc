import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, chromium, type BrowserContext, type Worker } from '@playwright/test';
import { extensionLaunchArgs, findChromium } from './support/chromium';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../..', process.env.LISTWRIGHT_OUT_DIR ?? '.output', 'chrome-mv3');

interface ExtensionFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** `chrome-extension://<id>/<path>` for a page of the built extension. */
  extensionUrl: (path: string) => string;
}

/**
 * Launches real Chromium with the built extension (`npm run build` first) in a fresh profile
 * per test, and exposes its service worker and id.
 */
export const test = base.extend<ExtensionFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from the destructuring of its first parameter, which it requires even when empty
  context: async ({}, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'listwright-e2e-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: findChromium(),
      headless: true,
      args: extensionLaunchArgs(EXTENSION_DIR),
    });
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  extensionUrl: async ({ extensionId }, use) => {
    await use((path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
  },
});

export const expect = test.expect;
