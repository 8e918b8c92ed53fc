import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { expect as baseExpect, type BrowserContext, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { PanelPage } from '../e2e/pages/panel-page';
import { stepFileName, summarise, type FileWritten, type ListMade, type StepResult, type TourSummary } from './summary';
import { DEMO_ORIGIN, DEMO_SABER_KEY, demoCompanyUrl, demoSearchUrl, type DemoWorld } from './world';

/**
 * The headless tour of `npm start -- --headless`: the built extension driven like a person
 * would, through the panel's roles and labels, against the demo's LinkedIn and Saber. Each step
 * leaves a screenshot in `<out>/screenshots/`; a failed step is recorded and the tour goes on
 * with the steps that do not need it. New flows are new entries in `STEPS`.
 */

const expect = baseExpect.configure({ timeout: 15_000 });

/** A capture waits on LinkedIn's pacing (1 to 2.5 s between requests by default), so jobs get minutes. */
const JOB_TIMEOUT_MS = 180_000;
const TAB_VIEWPORT = { width: 1280, height: 800 };
/** The Chrome Web Store's screenshot size. */
const STORE_SHOT = { width: 1280, height: 800 };

const STRIPE_LIST = 'Go-to-market at Stripe';
const STRIPE_TITLES = ['VP Sales', 'Head of Sales', 'Account Executive'];
const SEARCH_LIST = 'Sales at Datadog, US and France';
const LEAD_LIST = 'Security buyers';

export interface TourOptions {
  context: BrowserContext;
  world: DemoWorld;
  extensionId: string;
  /** Where screenshots, CSV files and summary.json go. */
  outDir: string;
  epoch: number;
  /** Told as each step ends, to print progress. */
  onStep?: (result: StepResult) => void;
}

/** The tabs beside the panel: the demo's page, LinkedIn's, and a blank one to compose pictures in. */
type TabName = 'control' | 'company' | 'search' | 'canvas';

/** What a step works with. */
interface Tour {
  panel: PanelPage;
  world: DemoWorld;
  /** The Saber lists that were there before the tour pushed any. */
  saberNames: string[];
  /** A LinkedIn or demo tab beside the panel, opened on first use. */
  tab(name: TabName): Promise<Page>;
  /** Makes that tab the active one, as a person switching to it: the panel reads what it shows. */
  beside(name: TabName): Promise<void>;
  /** A screenshot of `page` (the panel unless given) as this step's `<nn>-<step>[-detail].png`. */
  shot(options?: { page?: Page; detail?: string; fullPage?: boolean }): Promise<void>;
  /** The paths of the screenshots taken so far, by `<step>` or `<step>-<detail>`. */
  shots: Map<string, string>;
  /** Clicks, waits for the download it starts, and keeps the file in `<out>/csv/`. */
  download(click: () => Promise<void>): Promise<Buffer>;
  /** Waits for the job named `subject` to end; throws with its words unless it ended done. */
  waitForJob(subject: string): Promise<void>;
  /** Removes an ended job from the jobs area, as a person tidies it. */
  dismissJob(subject: string): Promise<void>;
  storedLists(): Promise<ListMade[]>;
  /** Joined, left and changed people the refresh step found, for the summary. */
  changesFound: number | null;
  /** Records a file written into the output folder. */
  wrote(path: string): void;
}

interface TourStep {
  id: string;
  title: string;
  /** Steps this one builds on; when one of them did not pass, this one is skipped. */
  needs?: readonly string[];
  run(tour: Tour): Promise<void>;
}

function chips(page: Page, label: string) {
  return page.getByRole('list', { name: `${label} added` }).getByRole('listitem');
}

/** Reads a CSV file as the extension writes it: UTF-8 with a BOM; returns its rows, header first. */
function readCsv(bytes: Buffer): string[][] {
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error('The CSV file does not start with a UTF-8 BOM');
  const parsed = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`The CSV file does not parse: ${parsed.errors[0]!.message}`);
  return parsed.data;
}

function expectCsvRows(bytes: Buffer, contacts: number): void {
  const [header, ...rows] = readCsv(bytes);
  expect(header).toEqual(expect.arrayContaining(['listName', 'fullName', 'linkedInSalesNavigatorProfileUrl']));
  expect(rows).toHaveLength(contacts);
}

async function contactsOf(tour: Tour, name: string): Promise<number> {
  const list = (await tour.storedLists()).find((candidate) => candidate.name === name);
  if (!list) throw new Error(`No list named “${name}” is stored`);
  return list.contacts;
}

const STEPS: readonly TourStep[] = [
  {
    id: 'demo-page',
    title: 'The demo’s control page',
    async run(tour) {
      const page = await tour.tab('control');
      await expect(page.getByRole('heading', { level: 1, name: 'Listwright demo' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Move the demo a month on' })).toBeVisible();
      await expect(page.getByText(DEMO_SABER_KEY)).toBeVisible();
      await tour.shot({ page, fullPage: true });
    },
  },
  {
    id: 'lists-empty',
    title: 'Lists, before the first capture',
    async run(tour) {
      await tour.panel.open('#/lists');
      await expect(tour.panel.page.getByRole('heading', { name: 'No lists yet' })).toBeVisible();
      await tour.shot();
    },
  },
  {
    id: 'capture-filters',
    title: 'Capture from filters beside a company page',
    async run(tour) {
      const { panel } = tour;
      const { page } = panel;
      await tour.beside('company');
      await panel.nav('New list').click();
      // The tab beside the panel is Stripe's page: the form takes the company from it.
      await expect(chips(page, 'Company LinkedIn URLs')).toHaveText(['linkedin.com/company/stripe×']);
      await page.getByRole('textbox', { name: 'List name' }).fill(STRIPE_LIST);
      const titles = page.getByRole('textbox', { name: 'Job titles' });
      for (const title of STRIPE_TITLES) {
        await titles.fill(title);
        await titles.press('Enter');
      }
      await expect(chips(page, 'Job titles')).toHaveCount(STRIPE_TITLES.length);
      await tour.shot({ detail: 'form' });
      await page.getByRole('button', { name: 'Capture contacts' }).click();
      await tour.waitForJob(STRIPE_LIST);
      await tour.shot();
      await tour.dismissJob(STRIPE_LIST);
    },
  },
  {
    id: 'use-this-search',
    title: '“Use this search” beside a Sales Navigator search',
    async run(tour) {
      const { panel } = tour;
      const { page } = panel;
      await tour.beside('search');
      await panel.nav('New list').click();
      const offer = page.getByRole('region', { name: 'Sales Navigator search on this tab' });
      await expect(offer).toBeVisible();
      await tour.shot({ detail: 'offer' });
      await offer.getByRole('button', { name: 'Use this search' }).click();
      await expect(chips(page, 'Job titles')).toHaveText(['Sales×']);
      await expect(chips(page, 'Countries')).toHaveCount(2);
      await page.getByRole('textbox', { name: 'List name' }).fill(SEARCH_LIST);
      await page.getByRole('button', { name: 'Capture contacts' }).click();
      await tour.waitForJob(SEARCH_LIST);
      await tour.shot();
      await tour.dismissJob(SEARCH_LIST);
    },
  },
  {
    id: 'lead-lists',
    title: 'Show the saved lead lists and capture one',
    async run(tour) {
      const { page } = tour.panel;
      await tour.panel.nav('New list').click();
      await page.getByRole('button', { name: 'Show my lead lists' }).click();
      const leadLists = page.getByRole('region', { name: 'Saved lead lists' }).getByRole('listitem');
      await expect(leadLists).toHaveCount(tour.world.population.leadLists().length);
      await leadLists.last().scrollIntoViewIfNeeded();
      await tour.shot();
      await page.getByRole('button', { name: `Capture ${LEAD_LIST}` }).click();
      await tour.waitForJob(LEAD_LIST);
      await tour.dismissJob(LEAD_LIST);
    },
  },
  {
    id: 'lists',
    title: 'The lists made',
    needs: ['capture-filters'],
    async run(tour) {
      const { page } = tour.panel;
      await tour.panel.nav('Lists').click();
      await expect(page.getByRole('link', { name: STRIPE_LIST })).toBeVisible();
      await tour.shot();
    },
  },
  {
    id: 'open-list',
    title: 'Open a list',
    needs: ['capture-filters'],
    async run(tour) {
      const { panel } = tour;
      await panel.nav('Lists').click();
      await panel.page.getByRole('link', { name: STRIPE_LIST }).click();
      await expect(panel.viewHeading(STRIPE_LIST)).toBeVisible();
      const contacts = await contactsOf(tour, STRIPE_LIST);
      const table = panel.page.getByRole('table', { name: `Contacts of ${STRIPE_LIST}` });
      await expect(table).toHaveAttribute('aria-rowcount', String(contacts + 1));
      await tour.shot();
    },
  },
  {
    id: 'export-csv',
    title: 'Export the list as CSV',
    needs: ['open-list'],
    async run(tour) {
      const { page } = tour.panel;
      await expect(tour.panel.viewHeading(STRIPE_LIST)).toBeVisible();
      const bytes = await tour.download(() => page.getByRole('button', { name: 'Export CSV' }).click());
      expectCsvRows(bytes, await contactsOf(tour, STRIPE_LIST));
      await tour.shot();
    },
  },
  {
    id: 'export-all',
    title: 'Export all lists as one CSV file',
    needs: ['capture-filters'],
    async run(tour) {
      const { page } = tour.panel;
      await tour.panel.nav('Lists').click();
      const bytes = await tour.download(() => page.getByRole('button', { name: 'Export all' }).click());
      const total = (await tour.storedLists()).reduce((sum, list) => sum + list.contacts, 0);
      expectCsvRows(bytes, total);
      await tour.shot();
    },
  },
  {
    id: 'saber-key',
    title: 'Save the demo Saber key in Settings and test it',
    async run(tour) {
      const { page } = tour.panel;
      await tour.panel.nav('Settings').click();
      await page.getByRole('textbox', { name: 'Saber API key' }).fill(DEMO_SABER_KEY);
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect(page.getByRole('group', { name: 'Saber' }).getByRole('status')).toContainText('Sales Navigator is connected');
      await tour.shot();
    },
  },
  {
    id: 'push',
    title: 'Push a list to Saber',
    needs: ['capture-filters', 'saber-key'],
    async run(tour) {
      const { panel } = tour;
      await panel.nav('Lists').click();
      await panel.page.getByRole('link', { name: STRIPE_LIST }).click();
      await expect(panel.viewHeading(STRIPE_LIST)).toBeVisible();
      await panel.page.getByRole('button', { name: 'Push to Saber' }).click();
      await expect(panel.page.getByText('Synced with Saber')).toBeVisible({ timeout: JOB_TIMEOUT_MS });
      expect(tour.world.saber.allLists().map((list) => list.name)).toContain(STRIPE_LIST);
      await tour.shot();
    },
  },
  {
    id: 'pull',
    title: 'Pull the lists on Saber',
    needs: ['saber-key'],
    async run(tour) {
      const { panel } = tour;
      await panel.nav('Settings').click();
      await panel.page.getByRole('button', { name: 'Pull from Saber' }).click();
      await expect(panel.page.getByRole('status').filter({ hasText: 'Pulling your lists from Saber.' })).toBeVisible();
      await panel.nav('Lists').click();
      const rows = panel.page.getByRole('list', { name: /^Lists,/ }).getByRole('listitem');
      for (const name of tour.saberNames) {
        await expect(rows.filter({ hasText: name })).toContainText('Pulled from Saber', {
          timeout: JOB_TIMEOUT_MS,
        });
      }
      await tour.waitForJob('Pulling lists from Saber');
      await tour.dismissJob('Pulling lists from Saber');
      await tour.dismissJob('Sending changes to Saber');
      // The "Pulling…" toast covers the lists for a few seconds: wait for it to go, as the eye would.
      await expect(panel.page.locator('.toast')).toHaveAttribute('data-visible', 'false');
      await tour.shot();
    },
  },
  {
    id: 'demo-month',
    title: 'Move the demo a month on',
    async run(tour) {
      const page = await tour.tab('control');
      await tour.beside('control');
      const before = tour.world.population.epoch;
      await page.getByRole('button', { name: 'Move the demo a month on' }).click();
      await expect(page.getByText(`Last move: Month ${before + 1} (`)).toBeVisible();
      expect(tour.world.population.epoch).toBe(before + 1);
      await tour.shot({ page });
    },
  },
  {
    id: 'refresh',
    title: 'Refresh the Stripe list a month on: who joined, who left, who changed job',
    needs: ['capture-filters', 'demo-month'],
    async run(tour) {
      const { panel } = tour;
      const { page } = panel;
      await panel.nav('Lists').click();
      await page.getByRole('link', { name: STRIPE_LIST }).click();
      await expect(panel.viewHeading(STRIPE_LIST)).toBeVisible();
      await page.getByRole('button', { name: 'Refresh', exact: true }).click();
      await tour.waitForJob(`Refreshing “${STRIPE_LIST}”`);

      const latest = await readLatestRefresh(page, STRIPE_LIST);
      const { joined, left, changed } = latest.counts;
      expect(joined + left + changed, 'a month on, the Stripe search has changed').toBeGreaterThan(0);
      const changes = page.getByRole('region', { name: 'Changes' });
      for (const [count, word] of [
        [joined, 'joined'],
        [left, 'left'],
        [changed, 'changed'],
      ] as const) {
        if (count) await expect(changes).toContainText(`${count.toLocaleString('en')} ${word}`);
      }
      // Everyone who left is someone the month moved: gone, moved elsewhere or retitled.
      const month = tour.world.population.lastChanges;
      const moved = new Set(
        [...(month?.vanished ?? []), ...(month?.moved ?? []), ...(month?.retitled ?? [])].map((p) => `urn:li:member:${p.memberId}`),
      );
      for (const member of latest.leftMembers) expect(moved, `${member} left without the month moving them`).toContain(member);
      tour.changesFound = joined + left + changed;
      await changes.scrollIntoViewIfNeeded();
      await tour.shot();
      await tour.download(() => changes.getByRole('button', { name: 'Export changes' }).click());
      await tour.dismissJob(`Refreshing “${STRIPE_LIST}”`);
    },
  },
  {
    id: 'store-screenshots',
    title: 'Screenshots for the Chrome Web Store listing',
    async run(tour) {
      const page = await tour.tab('canvas');
      let made = 0;
      for (const [index, { shot, caption }] of STORE_SHOTS.entries()) {
        const source = tour.shots.get(shot);
        if (!source) continue;
        await page.setViewportSize(STORE_SHOT);
        await page.setContent(storeShotHtml((await readFile(source)).toString('base64'), caption));
        await page.evaluate(() => document.fonts.ready);
        await tour.shot({ page, detail: `${index + 1}` });
        made += 1;
      }
      if (!made) throw new Error('No panel screenshot to make a store screenshot from');
    },
  },
];

/** Which panel screenshots become store screenshots, with the caption beside each. */
const STORE_SHOTS = [
  { shot: 'capture-filters-form', caption: 'Capture the people at a company who match your filters' },
  { shot: 'use-this-search-offer', caption: 'Turn the Sales Navigator search you are on into a list' },
  { shot: 'open-list', caption: 'Browse and search your lists, offline, in your browser' },
  { shot: 'pull', caption: 'Export to CSV, push to Saber and pull Saber’s lists' },
  { shot: 'refresh', caption: 'Refresh a list: see who joined, who left and who changed job' },
];

function storeShotHtml(pngBase64: string, caption: string): string {
  const text = caption.replace(/[&<>]/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; width: ${STORE_SHOT.width}px; height: ${STORE_SHOT.height}px; display: flex; align-items: center;
      background: linear-gradient(135deg, #1e3a8a, #0e7490); font-family: system-ui, sans-serif; overflow: hidden; }
    p { flex: 1; margin: 0 56px 0 88px; color: white; font-size: 46px; line-height: 1.2; font-weight: 600; }
    img { height: 740px; margin-right: 88px; border-radius: 10px; box-shadow: 0 18px 50px rgb(0 0 0 / 0.35); }
  </style></head><body><p>${text}</p><img src="data:image/png;base64,${pngBase64}" alt=""></body></html>`;
}

/** The latest refresh of the list named `name`: its counts and who left, read from the extension's IndexedDB. */
async function readLatestRefresh(page: Page, name: string) {
  return page.evaluate(async (listName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('listwright');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB could not open listwright'));
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error ?? new Error(`IndexedDB could not read ${store}`));
      });
    type Version = {
      listId: string;
      version: number;
      counts: { joined: number; left: number; changed: number };
      changeSet: { left: { baseContactId: string }[] };
    };
    const [lists, versions] = await Promise.all([all<{ id: string; name: string }>('lists'), all<Version>('versions')]);
    db.close();
    const list = lists.find((candidate) => candidate.name === listName);
    const latest = versions.filter((version) => version.listId === list?.id).sort((a, b) => b.version - a.version)[0];
    if (!latest) throw new Error(`“${listName}” has no refresh stored`);
    return { counts: latest.counts, leftMembers: latest.changeSet.left.map((item) => item.baseContactId) };
  }, name);
}

async function readStoredLists(page: Page): Promise<ListMade[]> {
  return page.evaluate(async () => {
    // Opening a database that does not exist would create it: read only the extension's own.
    if (!(await indexedDB.databases()).some((info) => info.name === 'listwright')) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('listwright');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB could not open listwright'));
    });
    type Stored = { name: string; contactCount: number; createdAt: string; source?: { kind: string }; sync?: { state: string } };
    const lists = await new Promise<Stored[]>((resolve, reject) => {
      const request = db.transaction('lists', 'readonly').objectStore('lists').getAll();
      request.onsuccess = () => resolve(request.result as Stored[]);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not read the lists'));
    });
    db.close();
    return lists
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((list) => ({
        name: list.name,
        contacts: list.contactCount,
        source: list.source?.kind ?? 'manual',
        saber: list.sync?.state ?? 'local',
      }));
  });
}

function errorText(error: unknown): string {
  // Playwright's messages carry ANSI colours and a call log: keep the words.
  const message = error instanceof Error ? error.message : String(error);
  // eslint-disable-next-line no-control-regex
  return message.replace(/\u001b\[[0-9;]*m/g, '').trim();
}

/** Runs every step, writes `<out>/summary.json`, and answers the summary. */
export async function runTour(options: TourOptions): Promise<TourSummary> {
  const { context, world, outDir } = options;
  const started = Date.now();
  for (const folder of ['screenshots', 'csv']) await rm(join(outDir, folder), { recursive: true, force: true });
  await rm(join(outDir, 'summary.json'), { force: true });
  await mkdir(join(outDir, 'screenshots'), { recursive: true });

  const written = new Set<string>();
  const tabs = new Map<TabName, Page>();
  const addresses: Record<TabName, string> = {
    control: `${DEMO_ORIGIN}/`,
    company: demoCompanyUrl(world.population),
    search: demoSearchUrl(world.population),
    canvas: 'about:blank',
  };
  const panel = new PanelPage(await context.newPage(), (path) => `chrome-extension://${options.extensionId}/${path}`);
  let current = { number: 0, id: '' };
  const tour: Tour = {
    panel,
    world,
    saberNames: world.saber.allLists().map((list) => list.name),
    shots: new Map(),
    async tab(name) {
      const open = tabs.get(name);
      if (open && !open.isClosed()) return open;
      const page = await context.newPage();
      await page.setViewportSize(TAB_VIEWPORT);
      await page.goto(addresses[name]);
      tabs.set(name, page);
      return page;
    },
    async beside(name) {
      await (await tour.tab(name)).bringToFront();
    },
    async shot({ page = panel.page, detail, fullPage = false } = {}) {
      const path = join(outDir, 'screenshots', stepFileName(current.number, current.id, detail));
      // No hover highlight from the last click, fonts loaded: the same picture on every run.
      await page.mouse.move(0, 0);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path, animations: 'disabled', fullPage });
      tour.wrote(path);
      tour.shots.set(detail ? `${current.id}-${detail}` : current.id, path);
    },
    async download(click) {
      const [download] = await Promise.all([panel.page.waitForEvent('download', { timeout: 60_000 }), click()]);
      const failure = await download.failure();
      if (failure) throw new Error(`The download failed: ${failure}`);
      const path = join(outDir, 'csv', download.suggestedFilename());
      await download.saveAs(path);
      tour.wrote(path);
      return readFile(path);
    },
    async waitForJob(subject) {
      const job = panel.jobs.getByRole('listitem').filter({ hasText: subject }).first();
      await expect(job).toHaveAttribute('data-status', /^(done|failed|cancelled)$/, { timeout: JOB_TIMEOUT_MS });
      if ((await job.getAttribute('data-status')) !== 'done') throw new Error(`The job ended: ${await job.innerText()}`);
    },
    async dismissJob(subject) {
      const job = panel.jobs.getByRole('listitem').filter({ hasText: subject }).first();
      await job.getByRole('button', { name: 'Dismiss' }).click();
      await expect(job).toHaveCount(0);
    },
    storedLists: () => readStoredLists(panel.page),
    changesFound: null,
    wrote: (path) => written.add(path),
  };

  const results: StepResult[] = [];
  for (const [index, step] of STEPS.entries()) {
    current = { number: index + 1, id: step.id };
    const began = Date.now();
    const missing = (step.needs ?? []).filter((id) => results.find((result) => result.id === id)?.status !== 'passed');
    let result: StepResult;
    if (missing.length) {
      result = { number: current.number, id: step.id, title: step.title, status: 'skipped', ms: 0, error: `Needs ${missing.join(', ')}` };
    } else {
      try {
        // Each step starts with the panel in front: a background tab's page is throttled, and slow to click.
        await panel.page.bringToFront();
        await step.run(tour);
        result = { number: current.number, id: step.id, title: step.title, status: 'passed', ms: Date.now() - began };
      } catch (error) {
        result = {
          number: current.number,
          id: step.id,
          title: step.title,
          status: 'failed',
          ms: Date.now() - began,
          error: errorText(error),
        };
        // The panel as the step left it, to see why; a failure to take it must not hide the first.
        await tour.shot({ detail: 'failed' }).catch(() => undefined);
      }
    }
    results.push(result);
    options.onStep?.(result);
  }

  const files: FileWritten[] = [];
  for (const path of written) {
    files.push({ path: relative(outDir, path).split(sep).join('/'), bytes: (await stat(path)).size });
  }
  const summary = summarise({
    startedAt: new Date(started).toISOString(),
    ms: Date.now() - started,
    epoch: options.epoch,
    steps: results,
    lists: await tour.storedLists().catch(() => []),
    changesFound: tour.changesFound,
    files,
  });
  const summaryPath = join(outDir, 'summary.json');
  await mkdir(dirname(summaryPath), { recursive: true });
  await writeFile(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
