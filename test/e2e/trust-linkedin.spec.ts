import type { BrowserContext, Page } from '@playwright/test';
import type { JobRecord, ListRecord, MetaRecord } from '../../lib/db/records';
import { expect, test } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { callBackground, readTable, sendMessage, type Reply } from './support/extension';
import { fakeLinkedIn, fakeMemberUrn, signInToLinkedIn } from './support/fake-linkedin';

/**
 * Account safety and no lost work, in Chromium, LinkedIn faked at its real URLs: a 999 stops a
 * capture at once and pauses LinkedIn work, shown in the jobs area with its end, Resume and a
 * Clear cool-down that asks first; a capture that fails on page 3 keeps its pages, and "Save what
 * was captured" makes a list marked partial.
 */

const CAPTURE = {
  name: 'VP Sales at Stripe',
  filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
};
const SHORT_PACING = { pacingMinSeconds: 0.5, pacingMaxSeconds: 0.5, dailyPageBudget: 100 };
const LEAD_SEARCH = /^\/sales-api\/salesApiLeadSearch$/;

async function openPanel(context: BrowserContext, extensionUrl: (path: string) => string): Promise<PanelPage> {
  const panel = new PanelPage(await context.newPage(), extensionUrl);
  await panel.open();
  await panel.page.evaluate((settings) => chrome.storage.local.set({ settings }), SHORT_PACING);
  return panel;
}

/** The LinkedIn gate's state as the background stored it. */
async function gateState(page: Page): Promise<{ coolDownUntil: number; resumeNeeded: boolean; coolDowns: number }> {
  const meta = await readTable<MetaRecord>(page, 'meta');
  return meta.find((record) => record.key === 'linkedin.gate')?.value as {
    coolDownUntil: number;
    resumeNeeded: boolean;
    coolDowns: number;
  };
}

/** A moment as the panel words it in this browser's locale: the time today, the date and time another day. */
function panelMoment(page: Page, epochMs: number): Promise<string> {
  return page.evaluate((at) => {
    const sameDay = new Date(at).toDateString() === new Date().toDateString();
    const format = sameDay
      ? new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })
      : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    return format.format(at);
  }, epochMs);
}

test('a 999 stops the capture at once; the jobs area shows the cool-down with its end and Resume; Clear cool-down asks first', async ({
  context,
  extensionUrl,
}) => {
  await signInToLinkedIn(context);
  const linkedIn = await fakeLinkedIn(context, { total: 1234 });
  linkedIn.fake.inject({ path: LEAD_SEARCH, status: 999, times: Infinity });
  const panel = await openPanel(context, extensionUrl);
  const { page } = panel;

  const { jobId } = await callBackground<{ jobId: string }>(page, 'capture.start', CAPTURE);
  const job = panel.jobs.getByRole('listitem').filter({ hasText: 'VP Sales at Stripe' });
  await expect(job).toContainText('Failed: LinkedIn saw unusual activity and stopped answering for now.');
  await expect(job).toContainText('Nothing was saved.');
  // Nothing was read, so there is nothing to save; Retry is offered.
  await expect(job.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(job.getByRole('button', { name: 'Save what was captured' })).toHaveCount(0);
  expect(linkedIn.searches).toHaveLength(1);

  const { coolDownUntil, resumeNeeded, coolDowns } = await gateState(page);
  expect({ resumeNeeded, coolDowns }).toEqual({ resumeNeeded: true, coolDowns: 1 });
  const end = await panelMoment(page, coolDownUntil);
  const pause = panel.jobs.getByRole('status').filter({ hasText: 'LinkedIn refused requests' });
  await expect(pause).toContainText(`LinkedIn work is paused until ${end}.`);
  await expect(pause).toContainText('After that, queued LinkedIn work waits for you.');

  // New LinkedIn work is refused during the cool-down, and nothing more reaches LinkedIn.
  const refused = (await sendMessage(page, 'capture.start', { ...CAPTURE, name: 'Another' })) as Reply;
  expect(refused).toMatchObject({ ok: false, error: { error: 'rate_limited', reason: { code: 'linkedin.coolingDown' } } });
  expect(linkedIn.searches).toHaveLength(1);

  // Settings' LinkedIn part says the same.
  await panel.nav('Settings').click();
  await expect(page.getByRole('group', { name: 'LinkedIn' }).getByRole('status')).toContainText(`paused until ${end}`);

  await pause.getByRole('button', { name: 'Resume' }).click();
  await expect(pause).toContainText('Queued LinkedIn work goes on when the pause ends.');
  await expect(pause.getByRole('button', { name: 'Resume' })).toHaveCount(0);
  expect(await gateState(page)).toMatchObject({ resumeNeeded: false, coolDownUntil });

  // Clear cool-down asks first; keeping the pause changes nothing.
  await pause.getByRole('button', { name: 'Clear cool-down' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear the cool-down?' });
  await expect(dialog).toContainText(`paused until ${end}`);
  await expect(dialog.getByRole('button', { name: 'Keep the pause' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Keep the pause' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await gateState(page)).coolDownUntil).toBe(coolDownUntil);

  await pause.getByRole('button', { name: 'Clear cool-down' }).click();
  await dialog.getByRole('button', { name: 'Clear cool-down' }).click();
  await expect(panel.jobs.getByRole('status').filter({ hasText: 'LinkedIn refused requests' })).toHaveCount(0);
  expect(await gateState(page)).toMatchObject({ coolDownUntil: 0, resumeNeeded: false, coolDowns: 1 });

  // LinkedIn answers again: Retry runs the failed capture to the end.
  linkedIn.fake.clearFaults();
  await job.getByRole('button', { name: 'Retry' }).click();
  await expect(job).toContainText('Done: 125 contacts captured (1,234 matched)', { timeout: 30_000 });
  const jobs = await readTable<JobRecord>(page, 'jobs');
  expect(jobs.find((record) => record.id === jobId)).toMatchObject({ status: 'done', resultListId: expect.any(String) });
});

test('a capture that fails on page 3 keeps its pages; Save what was captured makes a list marked partial', async ({
  context,
  extensionUrl,
}) => {
  await signInToLinkedIn(context);
  const linkedIn = await fakeLinkedIn(context, { total: 1234 });
  linkedIn.fake.inject({ path: LEAD_SEARCH, query: /[?&]start=50(&|$)/, status: 401 });
  const panel = await openPanel(context, extensionUrl);
  const { page } = panel;

  const { jobId } = await callBackground<{ jobId: string }>(page, 'capture.start', CAPTURE);
  const job = panel.jobs.getByRole('listitem').filter({ hasText: 'VP Sales at Stripe' });
  await expect(job).toContainText('Failed: Your LinkedIn session has expired.');
  await expect(job).toContainText('Nothing was saved yet: the 2 pages read so far are kept.');
  expect(linkedIn.searches.map((search) => search.start)).toEqual([0, 25, 50]);
  expect(await readTable(page, 'stagedPages')).toHaveLength(2);
  expect(await readTable(page, 'lists')).toEqual([]);

  await job.getByRole('button', { name: 'Save what was captured' }).click();
  await expect(job).toContainText('Done: Partial: 50 contacts saved from 2 of 5 pages (1,234 matched)');
  expect(linkedIn.searches).toHaveLength(3);
  expect(await readTable(page, 'stagedPages')).toEqual([]);
  const [list] = await readTable<ListRecord>(page, 'lists');
  expect(list).toMatchObject({ name: 'VP Sales at Stripe', contactCount: 50, report: { kept: 50, missingPages: [2, 3, 4] } });
  const jobs = await readTable<JobRecord>(page, 'jobs');
  expect(jobs.find((record) => record.id === jobId)).toMatchObject({ status: 'done', resultListId: list!.id });

  await job.getByRole('link', { name: 'Open list' }).click();
  await expect(panel.viewHeading('VP Sales at Stripe')).toBeVisible();
  await expect(page.getByRole('main').getByText('Partial: pages 3, 4 and 5 were not read')).toBeVisible();
  const rows = await readTable<{ listId: string; position: number; baseContactId: string }>(page, 'items');
  expect(rows.sort((a, b) => a.position - b.position).map((row) => row.baseContactId)).toEqual(
    Array.from({ length: 50 }, (_, n) => fakeMemberUrn(n)),
  );
});
