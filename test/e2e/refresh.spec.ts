import type { BrowserContext, Page } from '@playwright/test';
import type { JobRecord, ListRecord } from '../../lib/db/records';
import { expect, test } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { byHeader, localDates, parseCsvFile, saveBy } from './support/csv-download';
import { callBackground, readTable } from './support/extension';
import { fakeLinkedIn, signInToLinkedIn } from './support/fake-linkedin';

const CAPTURE = {
  name: 'VP Sales at Stripe',
  filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
};
const SEARCH = /^\/sales-api\/salesApiLeadSearch$/;

// Written out rather than imported, so a reordering in lib/csv fails here.
const CHANGES_HEADER = [
  'change',
  'baseContactId',
  'firstName',
  'lastName',
  'fullName',
  'headline',
  'location',
  'seniority',
  'linkedInSalesNavigatorProfileUrl',
  'email',
  'phone',
  'previousTitle',
  'previousCompany',
  'currentTitle',
  'currentCompany',
  'previousLocation',
  'leaveReason',
  'leaverStatus',
];

async function waitForJob(page: Page, jobId: string): Promise<JobRecord> {
  const read = async () => (await readTable<JobRecord>(page, 'jobs')).find((job) => job.id === jobId);
  await expect.poll(async () => (await read())?.status, { timeout: 30_000, intervals: [250] }).toMatch(/^(done|failed|cancelled)$/);
  return (await read())!;
}

/**
 * Signs in to the fake LinkedIn, whose search matches `total` numbered leads, opens the panel
 * with short pacing, and captures "VP Sales at Stripe" (125 asked, so every match fits: a
 * leaver then "no longer matches").
 */
async function captureList(context: BrowserContext, extensionUrl: (path: string) => string, total = 40) {
  await signInToLinkedIn(context);
  const linkedIn = await fakeLinkedIn(context, { total });
  const panel = new PanelPage(await context.newPage(), extensionUrl);
  await panel.open();
  await panel.page.evaluate(() =>
    chrome.storage.local.set({ settings: { pacingMinSeconds: 0.5, pacingMaxSeconds: 0.5, dailyPageBudget: 100 } }),
  );
  const { jobId } = await callBackground<{ jobId: string }>(panel.page, 'capture.start', CAPTURE);
  const job = await waitForJob(panel.page, jobId);
  expect(job).toMatchObject({ status: 'done', resultListId: expect.any(String) });
  return { linkedIn, panel, page: panel.page, listId: job.resultListId! };
}

test('a refresh shows who joined, left and changed title; the rows filter, leavers are checked, and the changes export', async ({
  context,
  extensionUrl,
}) => {
  test.setTimeout(90_000);
  const { linkedIn, panel, page, listId } = await captureList(context, extensionUrl);
  linkedIn.population.evolve({ left: [3, 5], joined: 2, retitled: { 7: 'Chief Revenue Officer' } });

  await panel.open(`#/lists/${listId}`);
  await expect(panel.viewHeading('VP Sales at Stripe')).toBeVisible();
  const report = page.getByRole('region', { name: 'Run report' });
  await expect(report).toContainText(/Capture of/);
  await expect(report.locator('dd')).toHaveText(['40', '40 contacts', '40 contacts', 'None']);
  await expect(page.getByText('Not refreshed yet')).toBeVisible();

  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  // Its pages are paced half a second apart: the button says it runs, and the job shows with Cancel.
  await expect(page.getByRole('button', { name: 'Refreshing…' })).toHaveAttribute('aria-disabled', 'true');
  const job = panel.jobs.getByRole('listitem').filter({ hasText: 'Refreshing “VP Sales at Stripe”' });
  await expect(job.getByRole('button', { name: 'Cancel' })).toBeVisible();
  const changes = page.getByRole('region', { name: 'Changes' });
  await expect(changes.getByText('2 joined, 2 left, 1 changed', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(panel.jobs).toContainText('Done: 40 contacts (40 matched): 2 joined, 2 left, 1 changed');
  // The job's result carries its run report too, folded away.
  await job.getByText('Run report', { exact: true }).click();
  await expect(job.locator('.job-report dd')).toHaveText(['40', '40 contacts', '40 contacts', 'None']);
  await expect(report).toContainText(/Refresh of/);
  await expect(page.getByText(/^Last refreshed /)).toBeVisible();

  const all = changes.getByRole('list', { name: 'Changes: All' }).getByRole('listitem');
  await expect(all).toHaveCount(5);
  await expect(all.nth(0)).toContainText('Joined Ada40 Lovelace40');
  await expect(all.nth(0)).toContainText('Head of Revenue Operations at Stripe · San Francisco Bay Area');
  await expect(all.nth(1)).toContainText('Joined Ada41 Lovelace41');
  await expect(all.nth(2)).toContainText('Left Ada3 Lovelace3');
  await expect(all.nth(2)).toContainText('Was VP Sales at Stripe');
  await expect(all.nth(2)).toContainText('No longer matches: left the company or changed title');
  await expect(all.nth(3)).toContainText('Left Ada5 Lovelace5');
  const changed = all.nth(4);
  await expect(changed).toContainText('Changed Ada7 Lovelace7');
  await expect(changed.getByRole('row', { name: /^Title/ }).getByRole('cell')).toHaveText(['VP Sales', 'Chief Revenue Officer']);
  await expect(changed.getByRole('row', { name: /^Company/ }).getByRole('cell')).toHaveText(['Stripe', 'Stripe']);

  await panel.expectAccessible('list detail with changes, light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await panel.expectAccessible('list detail with changes, dark');
  await page.emulateMedia({ colorScheme: 'light' });
  for (const width of [320, 600]) {
    await page.setViewportSize({ width, height: 700 });
    await panel.expectFitsWidth();
  }
  await page.setViewportSize({ width: 400, height: 860 });

  await changes.getByRole('radio', { name: /^Left/ }).check();
  const left = changes.getByRole('list', { name: 'Changes: Left' }).getByRole('listitem');
  await expect(left).toHaveCount(2);
  await expect(left).toContainText(['Ada3 Lovelace3', 'Ada5 Lovelace5']);

  // Where did they go: one name search each; the fake finds other people by those names, never them.
  const searchesBefore = linkedIn.searches.length;
  await changes.getByRole('button', { name: 'Check leavers' }).click();
  await expect(panel.jobs.getByText('Checking leavers of “VP Sales at Stripe”')).toBeVisible();
  await expect(left.getByText('Not found')).toHaveCount(2, { timeout: 30_000 });
  expect(linkedIn.searches.length - searchesBefore).toBe(2);

  const { download, bytes } = await saveBy(page, () => changes.getByRole('button', { name: 'Export changes' }).click());
  expect(localDates().map((day) => `VP Sales at Stripe changes-${day}.csv`)).toContain(download.suggestedFilename());
  const [header, ...rows] = parseCsvFile(bytes);
  expect(header).toEqual(CHANGES_HEADER);
  expect(
    byHeader(CHANGES_HEADER, rows).map((row) => [
      row.change,
      row.fullName,
      row.previousTitle,
      row.currentTitle,
      row.leaveReason,
      row.leaverStatus,
    ]),
  ).toEqual([
    ['joined', 'Ada40 Lovelace40', '', 'Head of Revenue Operations', '', ''],
    ['joined', 'Ada41 Lovelace41', '', 'VP Sales', '', ''],
    ['left', 'Ada3 Lovelace3', 'VP Sales', '', 'noLongerMatches', 'notFound'],
    ['left', 'Ada5 Lovelace5', 'VP Sales', '', 'noLongerMatches', 'notFound'],
    ['changed', 'Ada7 Lovelace7', 'VP Sales', 'Chief Revenue Officer', '', ''],
  ]);
  expect(linkedIn.unexpected).toEqual([]);
});

test('a refresh whose second page fails leaves the list exactly as it was, and the job says why', async ({ context, extensionUrl }) => {
  const { linkedIn, panel, page, listId } = await captureList(context, extensionUrl);
  const before = { lists: await readTable<ListRecord>(page, 'lists'), items: await readTable(page, 'items') };
  linkedIn.population.evolve({ left: [1], joined: 3 });
  linkedIn.fake.inject({ path: SEARCH, query: /[?&]start=25(&|$)/, status: 400, times: Infinity });

  await panel.open(`#/lists/${listId}`);
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(panel.jobs).toContainText(
    'Failed: LinkedIn rejected the request (error 400). The list is unchanged; the 1 page read so far is kept.',
    { timeout: 30_000 },
  );
  expect(linkedIn.searches.map((search) => search.start).slice(-2)).toEqual([0, 25]);

  expect(await readTable(page, 'lists')).toEqual(before.lists);
  expect(await readTable(page, 'items')).toEqual(before.items);
  expect(await readTable(page, 'versions')).toEqual([]);
  // The page read is kept apart from the list, for Retry; dismissing the job lets it go.
  const refreshJob = (await readTable<{ id: string; kind: string }>(page, 'jobs')).find((job) => job.kind === 'refresh.list');
  expect((await readTable<{ jobId: string; page: number }>(page, 'stagedPages')).map(({ jobId, page }) => [jobId, page])).toEqual([
    [refreshJob?.id, 0],
  ]);
  await expect(panel.jobs).toContainText('If Retry is refused too, the extension needs an update.');
  await panel.jobs.getByRole('listitem').filter({ hasText: 'Refreshing' }).getByRole('button', { name: 'Dismiss' }).click();
  await expect.poll(() => readTable(page, 'stagedPages')).toEqual([]);
  expect(await readTable(page, 'lists')).toEqual(before.lists);
  await expect(page.getByRole('region', { name: 'Changes' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'History' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toBeEnabled();
  await expect(page.getByRole('main').locator('.view-subtitle')).toHaveText('40 contacts');
});

test('History lists the refresh, an older version opens read-only with its own export, unseen changes are marked, auto-refresh is kept', async ({
  context,
  extensionUrl,
}) => {
  test.setTimeout(90_000);
  const { linkedIn, panel, page, listId } = await captureList(context, extensionUrl);
  linkedIn.population.evolve({ left: [0], joined: 1 });

  // Refreshed while the Lists view is open: the list is marked until its detail is opened.
  const { jobId } = await callBackground<{ jobId: string }>(page, 'lists.refresh', { listId });
  const refreshJob = await waitForJob(page, jobId);
  expect(refreshJob, JSON.stringify(refreshJob.error)).toMatchObject({ status: 'done' });
  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'VP Sales at Stripe' }) });
  await expect(row.getByText('New changes', { exact: true })).toBeVisible();
  await panel.expectAccessible('lists with new changes');

  await page.getByRole('link', { name: 'VP Sales at Stripe' }).click();
  const history = page.getByRole('region', { name: 'History' });
  const versions = history.getByRole('listitem');
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText('Version 2 (current)');
  await expect(versions.nth(0)).toContainText(/Refreshed .+40 contacts.+1 joined, 1 left/);
  await expect(versions.nth(0).getByRole('link')).toHaveCount(0);
  await expect(versions.nth(1)).toContainText(/Version 1.*Captured .+40 contacts/);
  await expect.poll(async () => (await readTable<ListRecord>(page, 'lists'))[0]?.refresh?.unseen).toBe(false);
  await panel.nav('Lists').click();
  await expect(page.getByRole('link', { name: 'VP Sales at Stripe' })).toBeVisible();
  await expect(page.getByText('New changes')).toHaveCount(0);

  await page.getByRole('link', { name: 'VP Sales at Stripe' }).click();
  await history.getByRole('link', { name: 'Open Version 1' }).click();
  await expect(page).toHaveURL(/#\/lists\/[^/]+\/versions\/1$/);
  await expect(panel.viewHeading('VP Sales at Stripe')).toBeVisible();
  await expect(page.getByText(/^Version 1 · captured .+ · 40 contacts$/)).toBeVisible();
  await expect(page.getByText(/^Read-only: the list as it was when captured/)).toBeVisible();
  const table = page.getByRole('table', { name: 'Contacts of VP Sales at Stripe, version 1' });
  await expect(table).toHaveAttribute('aria-rowcount', '41');
  await expect(table.locator('[role="row"][data-index]').first()).toContainText('Ada0 Lovelace0');
  for (const action of ['Rename', 'Delete', 'Refresh'])
    await expect(page.getByRole('button', { name: action, exact: true })).toHaveCount(0);
  await panel.expectAccessible('older version');
  for (const width of [320, 600]) {
    await page.setViewportSize({ width, height: 700 });
    await panel.expectFitsWidth();
  }
  await page.setViewportSize({ width: 400, height: 860 });

  const { download, bytes } = await saveBy(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  // The day the version was made: the capture, earlier in this test.
  expect(localDates().map((day) => `VP Sales at Stripe version 1-${day}.csv`)).toContain(download.suggestedFilename());
  const [header, ...rows] = parseCsvFile(bytes);
  expect(rows).toHaveLength(40);
  const fullName = header!.indexOf('fullName');
  expect(rows.map((cells) => cells[fullName])).toEqual(Array.from({ length: 40 }, (_, n) => `Ada${n} Lovelace${n}`));

  await page.getByRole('link', { name: 'Back to the list' }).click();
  const auto = page.getByRole('combobox', { name: 'Auto-refresh' });
  await expect(auto).toHaveValue('off');
  await auto.selectOption('daily');
  await expect(page.getByText(/^Next run /)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Auto-refresh' })).toHaveValue('daily');
  await expect(page.getByText(/^Next run /)).toBeVisible();
  const [stored] = await readTable<ListRecord>(page, 'lists');
  expect(stored?.refresh).toMatchObject({ auto: 'daily', nextRunAt: expect.any(String) });
  expect(Date.parse(stored!.refresh!.nextRunAt!)).toBeGreaterThan(Date.now());
});
