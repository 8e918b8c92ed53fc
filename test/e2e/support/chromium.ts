import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Which Chromium the end-to-end tests drive: `CHROMIUM_PATH`, else Debian's
 * `/usr/bin/chromium`, else Playwright's own download. Playwright cannot download browsers on
 * every machine, so a missing one stops the run with one line saying how to get one.
 */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', safeBundledPath()];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found: install one with `sudo apt-get install -y chromium` or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return found;
}

/**
 * Chromium's switches for a run with the built extension at `extensionDir` and nothing else (but
 * `others`, test extensions): no other extensions, no sync, no background downloads of
 * components, no first-run pages.
 */
export function extensionLaunchArgs(extensionDir: string, ...others: string[]): string[] {
  const dirs = [extensionDir, ...others].join(',');
  return [
    `--disable-extensions-except=${dirs}`,
    `--load-extension=${dirs}`,
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

function safeBundledPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}
