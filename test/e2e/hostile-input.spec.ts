import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import Papa from 'papaparse';
import { FakeLinkedIn } from '../fake-linkedin/fake-linkedin';
import { routeFakeLinkedIn, signIn } from '../fake-linkedin/playwright';
import { FakeSaber } from '../fake-saber/fake-saber';
import { routeFakeSaber } from '../fake-saber/playwright';
import { HOSTILE_STRINGS } from '../fixtures/hostile/strings';
import { expect, test } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { callBackground, readTable } from './support/extension';
import { HOSTILE_LIST_NAMES, hostileSaberContacts, HostileWorld } from './support/hostile-world';

/**
 * The hostile corpus (test/fixtures/hostile/strings.ts) in every field LinkedIn and Saber send:
 * captured from a search and from a lead list, pulled from Saber, then every view rendered at
 * 320 and 400 px and every list exported. No script runs (a `window.__pwned` canary, dialogs,
 * CSP reports), every link goes to https://www.linkedin.com (or is the panel's own route), every
 * picture comes from LinkedIn's media hosts, nothing scrolls sideways, CSV cells stay inert.
 */

interface StoredJob {
  id: string;
  kind: string;
  status: string;
  resultListId?: string;
}
interface StoredList {
  id: string;
  name: string;
  contactCount: number;
  source?: { kind: string; leadListName?: string };
}

/** What a page must show to have kept script out: no canary, no dialog, no blocked script. */
interface Guard {
  dialogs: string[];
  /** Console lines that would mean markup was taken for code: CSP refusals, the canary's name. */
  console: string[];
  check(page: Page, where: string): Promise<void>;
}

async function guard(context: BrowserContext): Promise<Guard> {
  const dialogs: string[] = [];
  const consoleLines: string[] = [];
  await context.addInitScript(() => {
    const record = window as unknown as { __violations: string[] };
    record.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      record.__violations.push(`${event.effectiveDirective}: ${event.blockedURI}`);
    });
  });
  context.on('page', (page) => {
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (/Refused to (?:execute|load|run)|__pwned/i.test(message.text())) consoleLines.push(message.text());
    });
  });
  return {
    dialogs,
    console: consoleLines,
    async check(page, where) {
      const seen = await page.evaluate(() => {
        const record = window as unknown as { __pwned?: unknown; __violations: string[] };
        return { pwned: record.__pwned ?? null, violations: record.__violations.filter((line) => line.startsWith('script-src')) };
      });
      expect(seen, where).toEqual({ pwned: null, violations: [] });
      expect(dialogs, where).toEqual([]);
      expect(consoleLines, where).toEqual([]);
    },
  };
}

/** Links, pictures and attributes of the page as rendered: what could navigate, load or run. */
async function expectInertPage(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => {
    const own = `${location.origin}${location.pathname}`;
    const links = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '(none)');
    const badLinks = [...document.querySelectorAll('a')]
      .map((a) => a.href)
      .filter((href) => {
        const url = new URL(href);
        if (`${url.origin}${url.pathname}` === own && url.hash.startsWith('#/')) return false;
        return !(url.protocol === 'https:' && url.hostname === 'www.linkedin.com' && !url.username && !url.password);
      });
    const badPictures = [...document.querySelectorAll('img')]
      .map((img) => img.src)
      .filter((src) => !/^https:\/\/(?:media|static)\.licdn\.com\//.test(src));
    const handlers = [...document.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${element.tagName} ${attribute.name}`),
    );
    // The panel's own bundle is the only script; no frame or plug-in either.
    const scripts = [...document.querySelectorAll('script, iframe, object, embed')]
      .map((element) => element.outerHTML.slice(0, 160))
      .filter((html) => !/^<script [^>]*src="\/chunks\/[\w.-]+\.js"><\/script>$/.test(html));
    return { links: links.length, badLinks, badPictures, handlers, scripts };
  });
  expect(found.links, `${where}: links rendered`).toBeGreaterThan(0);
  expect({ badLinks: found.badLinks, badPictures: found.badPictures, handlers: found.handlers, scripts: found.scripts }, where).toEqual({
    badLinks: [],
    badPictures: [],
    handlers: [],
    scripts: [],
  });
}

/** Scraped text is rendered bidi-isolated: a right-to-left name cannot reorder what is beside it. */
async function expectIsolated(page: Page, where: string): Promise<void> {
  const loose = await page.evaluate(() =>
    [...document.querySelectorAll('.view-title, .list-row-name, .contact-name, .cell-role, .cell-company, .cell-location, .lead-list-name')]
      .filter((element) => getComputedStyle(element).unicodeBidi !== 'isolate')
      .map((element) => element.className),
  );
  expect(loose, where).toEqual([]);
}

/** The view at 320 px and at 400 px: nothing scrolls sideways, top to bottom. */
async function expectLayoutHolds(panel: PanelPage, where: string): Promise<void> {
  for (const width of [320, 400]) {
    await panel.page.setViewportSize({ width, height: 860 });
    for (const end of ['top', 'bottom'] as const) {
      await panel.page.evaluate((to) => {
        const main = document.querySelector('.app-main');
        main?.scrollTo({ top: to === 'top' ? 0 : main.scrollHeight });
      }, end);
      // Rows that scroll into view render on the next frame.
      await panel.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await test.step(`${where} at ${width} px, ${end}`, () => panel.expectFitsWidth());
    }
  }
}

/** Waits until at least `count` jobs exist and none is still queued, running or waiting. */
async function waitForJobs(page: Page, count: number): Promise<StoredJob[]> {
  const ended = (job: StoredJob) => /^(done|failed|cancelled)$/.test(job.status);
  await expect
    .poll(
      async () => {
        const jobs = await readTable<StoredJob>(page, 'jobs');
        return jobs.length >= count && jobs.every(ended);
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(true);
  return readTable<StoredJob>(page, 'jobs');
}

/** Parses a saved CSV (BOM, strict RFC 4180), returning its rows. */
async function csvRows(page: Page, click: () => Promise<void>): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  expect(await download.failure()).toBeNull();
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  return parsed.data.slice(0, -1);
}

/** Every cell is text a spreadsheet shows as text: no formula trigger first, no control characters in names. */
function expectInertCells(rows: readonly string[][]): void {
  expect(rows.length).toBeGreaterThan(1);
  for (const row of rows) {
    for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  }
}

test('hostile text from LinkedIn and Saber is captured, pulled, shown and exported inert', async ({ context, extensionUrl }) => {
  test.setTimeout(120_000);
  const watch = await guard(context);
  const world = new HostileWorld();
  const linkedIn = new FakeLinkedIn({ population: world });
  await routeFakeLinkedIn(context, linkedIn);
  await signIn(context, linkedIn);
  const saber = new FakeSaber();
  for (const name of HOSTILE_LIST_NAMES) saber.seedList({ name, contacts: hostileSaberContacts() });
  await routeFakeSaber(context, saber);

  const page = await context.newPage();
  const panel = new PanelPage(page, extensionUrl);
  await panel.open();
  await callBackground(page, 'settings.save', { saberApiKey: saber.apiKey, pacingMinSeconds: 0.5, pacingMaxSeconds: 0.5 });

  // Capture a search and a lead list (named with the corpus), and pull Saber's hostile lists.
  await callBackground(page, 'capture.start', {
    name: 'Hostile search',
    filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
    size: 25,
  });
  const { items: leadLists } = await callBackground<{ items: { id: string; name: string }[] }>(page, 'leadLists.list', {});
  expect(leadLists).toHaveLength(Object.keys(HOSTILE_STRINGS).length);
  const scriptList = leadLists.find((list) => list.name.startsWith('<script>'))!;
  await callBackground(page, 'capture.startLeadList', { leadListId: scriptList.id, leadListName: scriptList.name, name: scriptList.name });
  await callBackground(page, 'saber.pull', {});
  const jobs = await waitForJobs(page, 3);
  expect(jobs.map((job) => job.status)).toEqual(jobs.map(() => 'done'));

  const lists = await readTable<StoredList>(page, 'lists');
  expect(lists).toHaveLength(2 + HOSTILE_LIST_NAMES.length);
  // Every stored name has a visible character and no control or bidi character left.
  for (const list of lists) {
    expect(list.name, list.id).toMatch(/[\p{L}\p{N}\p{P}\p{S}]/u);
    expect(list.name, list.id).not.toMatch(/[\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u);
    expect(list.name.isWellFormed()).toBe(true);
  }
  expect(lists.find((list) => list.source?.kind === 'leadList')?.source?.leadListName).toBe(HOSTILE_STRINGS.scriptTag);
  const items = await readTable<Record<string, unknown>>(page, 'items');
  expect(items.length).toBeGreaterThan(HOSTILE_LIST_NAMES.length * 10);
  for (const item of items) {
    for (const key of ['firstName', 'lastName', 'fullName', 'headline', 'role', 'companyName', 'location']) {
      const value = item[key];
      if (typeof value !== 'string') continue;
      expect(value).not.toMatch(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u);
      expect([...value].length).toBeLessThanOrEqual(300);
    }
  }

  // The lists view, the jobs area, every list's page.
  await expect(page.getByRole('link', { name: 'Hostile search' })).toBeVisible();
  await watch.check(page, 'lists');
  await expectInertPage(page, 'lists');
  await expectIsolated(page, 'lists');
  await expectLayoutHolds(panel, 'lists');
  for (const list of lists) {
    await panel.open(`#/lists/${list.id}`);
    await expect(panel.viewHeading(list.name)).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: `Contacts of ${list.name}` })
        .getByRole('row')
        .nth(1),
    ).toBeVisible();
    await watch.check(page, list.name);
    await expectInertPage(page, list.name);
    await expectIsolated(page, list.name);
    await expectLayoutHolds(panel, `the list ${list.id}`);
  }

  // New list, with the hostile lead lists shown; Settings.
  await panel.open('#/new');
  await page.getByRole('button', { name: 'Show my lead lists' }).click();
  await expect(page.getByRole('region', { name: 'Saved lead lists' }).getByRole('listitem')).toHaveCount(leadLists.length);
  await watch.check(page, 'new list');
  await expectInertPage(page, 'new list');
  await expectIsolated(page, 'new list');
  await expectLayoutHolds(panel, 'new list');
  await panel.open('#/settings');
  await watch.check(page, 'settings');
  await expectInertPage(page, 'settings');
  await expectLayoutHolds(panel, 'settings');

  // Renaming to text with a bidi override keeps the name without it; one of zero-width characters is refused.
  const search = lists.find((list) => list.name === 'Hostile search')!;
  await panel.open(`#/lists/${search.id}`);
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'List name' }).fill(HOSTILE_STRINGS.zeroWidthOnly);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Name must not be empty')).toBeVisible();
  await page.getByRole('textbox', { name: 'List name' }).fill(`\u202E${HOSTILE_STRINGS.scriptTag}`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(panel.viewHeading(HOSTILE_STRINGS.scriptTag)).toBeVisible();
  await watch.check(page, 'renamed');

  // Every list's CSV, and all of them in one file: inert cells, the corpus kept as text.
  const rows = await csvRows(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  expectInertCells(rows);
  expect(rows.slice(1).some((row) => row.includes(HOSTILE_STRINGS.scriptTag))).toBe(true);
  await panel.open();
  const all = await csvRows(page, () => page.getByRole('button', { name: 'Export all' }).click());
  expectInertCells(all);
  expect(all).toHaveLength(1 + items.length);
  expect(all.slice(1).some((row) => row.includes(`'${HOSTILE_STRINGS.formula}`))).toBe(true);
  await watch.check(page, 'after the exports');
});
