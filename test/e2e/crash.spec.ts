import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { ItemRecord, JobRecord, ListRecord } from '../../lib/db/records';
import { DEFAULT_ACCESS_TOKEN, FakeLinkedIn } from '../fake-linkedin/fake-linkedin';
import { routeFakeLinkedIn, signIn } from '../fake-linkedin/playwright';
import { Population } from '../fake-linkedin/population';
import { FakeSaber } from '../fake-saber/fake-saber';
import { routeFakeSaber } from '../fake-saber/playwright';
import { EXTENSION_DIR, expect, test } from './fixtures';
import { extensionLaunchArgs, findChromium } from './support/chromium';
import { callBackground, readTable } from './support/extension';
import { fakeLinkedIn, fakeMemberUrn, signInToLinkedIn } from './support/fake-linkedin';
import { stopServiceWorker, wakeServiceWorker } from './support/worker';

/**
 * The service worker stopped at many points of each long job, the way Chrome stops an idle or
 * busy worker: every job ends complete (or cleanly failed), never as a partial list that is not
 * marked so, never with a person twice, never with an acknowledged change lost or doubled.
 * After each stop the panel wakes the worker (a message, as opening the panel does); the
 * capture spec shows the job's own alarm does it unprompted.
 */

const CAPTURE = {
  name: 'VP Sales at Stripe',
  filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
  size: 200,
};
const SHORT_PACING = { pacingMinSeconds: 0.5, pacingMaxSeconds: 0.5, dailyPageBudget: 100 };

interface Stored {
  job: JobRecord | undefined;
  lists: ListRecord[];
  items: ItemRecord[];
  staged: number;
}

async function stored(page: Page, jobId: string): Promise<Stored> {
  const [jobs, lists, items, staged] = await Promise.all([
    readTable<JobRecord>(page, 'jobs'),
    readTable<ListRecord>(page, 'lists'),
    readTable<ItemRecord>(page, 'items'),
    readTable<unknown>(page, 'stagedPages'),
  ]);
  return { job: jobs.find((job) => job.id === jobId), lists, items, staged: staged.length };
}

async function waitForEnd(page: Page, jobId: string): Promise<Stored> {
  await expect
    .poll(async () => (await stored(page, jobId)).job?.status, { timeout: 60_000, intervals: [250] })
    .toMatch(/^(done|failed|cancelled)$/);
  return stored(page, jobId);
}

/** The list's members in position order, each once. */
function membersOf(items: readonly ItemRecord[], listId: string): string[] {
  const members = items
    .filter((item) => item.listId === listId)
    .sort((a, b) => a.position - b.position)
    .map((item) => item.baseContactId);
  expect(new Set(members).size, 'nobody twice').toBe(members.length);
  return members;
}

async function openPanel(context: BrowserContext, extensionUrl: (path: string) => string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(extensionUrl('sidepanel.html'));
  await page.evaluate((settings) => chrome.storage.local.set({ settings }), SHORT_PACING);
  return page;
}

/**
 * Waits until `reached()` (a request the fake holds, so the worker is waiting on it), stops
 * the worker there, checks what must hold while it is down, and wakes it.
 */
async function crashAt(
  context: BrowserContext,
  page: Page,
  origin: string,
  reached: () => boolean,
  whileDown: () => Promise<void>,
): Promise<void> {
  await expect.poll(reached, { timeout: 30_000, intervals: [25] }).toBe(true);
  await stopServiceWorker(context, page, origin);
  await whileDown();
  await wakeServiceWorker(page);
}

test('a capture stopped at six points, mid-request each time, ends with the whole list in order', async ({ context, extensionUrl }) => {
  test.setTimeout(180_000);
  await signInToLinkedIn(context);
  const linkedIn = await fakeLinkedIn(context, { total: 1234, searchDelayMs: 700 });
  const page = await openPanel(context, extensionUrl);
  const { jobId } = await callBackground<{ jobId: string }>(page, 'capture.start', CAPTURE);

  // Pages 1, 2, 3, 4, 6 and 8 (the last): each stop kills the worker while LinkedIn holds that page.
  for (const searches of [1, 2, 3, 4, 6, 8]) {
    await crashAt(
      context,
      page,
      extensionUrl(''),
      () => linkedIn.searches.length >= searches,
      async () => expect((await stored(page, jobId)).lists, 'nothing is committed before the end').toEqual([]),
    );
  }

  const { job, lists, items, staged } = await waitForEnd(page, jobId);
  expect(job).toMatchObject({ status: 'done', outcome: { code: 'capture.done', params: { contacts: 200, matched: 1234 } } });
  expect(lists).toHaveLength(1);
  expect(lists[0]).toMatchObject({ id: job!.resultListId, contactCount: 200 });
  expect(membersOf(items, lists[0]!.id)).toEqual(Array.from({ length: 200 }, (_, n) => fakeMemberUrn(n)));
  expect(staged).toBe(0);
});

test('a refresh stopped at each of its pages leaves the list as it was until it commits the whole new version', async ({
  context,
  extensionUrl,
}) => {
  test.setTimeout(180_000);
  await signInToLinkedIn(context);
  const linkedIn = await fakeLinkedIn(context, { total: 60, searchDelayMs: 700 });
  const page = await openPanel(context, extensionUrl);
  const captured = await waitForEnd(page, (await callBackground<{ jobId: string }>(page, 'capture.start', CAPTURE)).jobId);
  const listId = captured.job!.resultListId!;
  const before = { list: captured.lists[0], members: membersOf(captured.items, listId) };
  expect(before.members).toHaveLength(60);

  linkedIn.population.evolve({ left: [3, 5], joined: 2, retitled: { 7: 'Chief Revenue Officer' } });
  const calls = linkedIn.searches.length;
  const { jobId } = await callBackground<{ jobId: string }>(page, 'lists.refresh', { listId });
  for (const searches of [1, 2, 3]) {
    await crashAt(
      context,
      page,
      extensionUrl(''),
      () => linkedIn.searches.length >= calls + searches,
      async () => {
        const now = await stored(page, jobId);
        expect(now.lists).toEqual([before.list]);
        expect(membersOf(now.items, listId)).toEqual(before.members);
      },
    );
  }

  const { job, lists, items, staged } = await waitForEnd(page, jobId);
  expect(job).toMatchObject({ status: 'done', outcome: { code: 'refresh.done', params: { joined: 2, left: 2, changed: 1 } } });
  expect(lists).toHaveLength(1);
  expect(lists[0]).toMatchObject({ id: listId, contactCount: 60, refresh: { version: 2 } });
  const members = membersOf(items, listId);
  expect(members).not.toContain(fakeMemberUrn(3));
  expect(members).toContain(fakeMemberUrn(60));
  expect(await readTable(page, 'versions')).toHaveLength(1);
  expect(staged).toBe(0);
});

test('a push, a rename and a pull stopped mid-request: Saber ends with one list, renamed once, and the pull completes', async ({
  context,
  extensionUrl,
}) => {
  test.setTimeout(180_000);
  const saber = new FakeSaber({ latencyMs: 1_500 });
  saber.seedList({ name: 'Security at Cloudflare', contactCount: 40 });
  await routeFakeSaber(context, saber);
  await signInToLinkedIn(context);
  await fakeLinkedIn(context, { total: 30 });
  const page = await openPanel(context, extensionUrl);
  await callBackground(page, 'settings.save', { saberApiKey: saber.apiKey, ...SHORT_PACING });
  const captured = await waitForEnd(page, (await callBackground<{ jobId: string }>(page, 'capture.start', CAPTURE)).jobId);
  const listId = captured.job!.resultListId!;
  const origin = extensionUrl('');

  // The create reaches Saber and is applied there; its answer dies with the worker.
  await callBackground(page, 'saber.push', { listId });
  await crashAt(
    context,
    page,
    origin,
    () => saber.requestsTo('POST', /^\/v1\/contacts\/lists$/).length >= 1,
    async () => undefined,
  );
  await expect
    .poll(async () => (await readTable<ListRecord>(page, 'lists')).find((l) => l.id === listId)?.sync?.state, { timeout: 60_000 })
    .toBe('synced');
  expect(saber.createdByApi, 'the create sent again with its key made no second list').toBe(1);

  await callBackground(page, 'lists.rename', { listId, name: 'Stripe VPs' });
  await crashAt(
    context,
    page,
    origin,
    () => saber.requestsTo('PUT', /^\/v1\/contacts\/lists\/[^/]+$/).length >= 1,
    async () => undefined,
  );
  await expect
    .poll(async () => (await readTable<ListRecord>(page, 'lists')).find((l) => l.id === listId)?.sync?.state, { timeout: 60_000 })
    .toBe('synced');
  const remoteId = (await readTable<ListRecord>(page, 'lists')).find((l) => l.id === listId)!.sync!.remoteId!;
  expect(saber.allLists().find((list) => list.id === remoteId)?.name).toBe('Stripe VPs');

  // A pull stopped while it reads Saber's lists, then while it downloads a list's contacts.
  const listings = saber.requestsTo('GET', /^\/v1\/contacts\/lists$/).length;
  const { jobId } = await callBackground<{ jobId: string }>(page, 'saber.pull', {});
  await crashAt(
    context,
    page,
    origin,
    () => saber.requestsTo('GET', /^\/v1\/contacts\/lists$/).length > listings,
    async () => undefined,
  );
  await crashAt(
    context,
    page,
    origin,
    () => saber.requestsTo('GET', /\/contacts$/).length >= 1,
    async () => undefined,
  );

  const { job, lists } = await waitForEnd(page, jobId);
  expect(job?.status).toBe('done');
  expect(saber.createdByApi).toBe(1);
  expect(lists).toHaveLength(2);
  const pulled = lists.find((list) => list.source?.kind === 'saber');
  expect(pulled).toMatchObject({ name: 'Security at Cloudflare', contactCount: 40, sync: { state: 'synced' } });
  expect(lists.find((list) => list.id === listId)).toMatchObject({ name: 'Stripe VPs', sync: { state: 'synced', remoteId } });
  expect(await readTable(page, 'outbox')).toEqual([]);
});

/** A LinkedIn with a small network whose API answers are held, so the worker can be stopped while it waits on one. */
async function networkLinkedIn(context: BrowserContext) {
  const population = new Population({ leads: 40, connections: 90, addressBook: 30 });
  const fake = new FakeLinkedIn({ population, contactsExport: { polls: 2 } });
  fake.inject({ path: /^\/voyager\/api\/relationships\/dash\/connections$/, delayMs: 700, times: Infinity });
  fake.inject({ host: 'api.linkedin.com', delayMs: 700, times: Infinity });
  await routeFakeLinkedIn(context, fake);
  await signIn(context, fake);
  return { fake, population };
}

test('an export of connections stopped at each of its three pages ends with every connection once', async ({ context, extensionUrl }) => {
  test.setTimeout(180_000);
  const { fake } = await networkLinkedIn(context);
  const page = await openPanel(context, extensionUrl);
  const pages = () => fake.requestsTo(/relationships\/dash\/connections$/).length;
  const { jobId } = await callBackground<{ jobId: string }>(page, 'network.exportConnections', {});
  for (const reached of [1, 2, 3]) {
    await crashAt(
      context,
      page,
      extensionUrl(''),
      () => pages() >= reached,
      async () => expect((await stored(page, jobId)).lists).toEqual([]),
    );
  }
  const { job, lists, items, staged } = await waitForEnd(page, jobId);
  expect(job, JSON.stringify(job?.error)).toMatchObject({ status: 'done' });
  expect(lists).toEqual([expect.objectContaining({ contactCount: 90, source: { kind: 'connections' } })]);
  expect(membersOf(items, lists[0]!.id)).toHaveLength(90);
  expect(staged).toBe(0);
});

test('an address-book export stopped while its task starts, while it is polled and while its result is read ends with one list', async ({
  context,
  extensionUrl,
}) => {
  test.setTimeout(180_000);
  const { fake, population } = await networkLinkedIn(context);
  const page = await openPanel(context, extensionUrl);
  await page.evaluate((settings) => chrome.storage.local.set({ settings }), { ...SHORT_PACING, linkedInAccessToken: DEFAULT_ACCESS_TOKEN });
  const api = (endpoint: string) => fake.requests.filter((request) => request.endpoint === endpoint && request.method !== 'OPTIONS').length;
  const { jobId } = await callBackground<{ jobId: string }>(page, 'network.exportAddressBook', {});
  const reads = [
    () => api('exportTasks') >= 1,
    () => api('exportTask') >= 1,
    // The third read is the one that answers with the contacts (two polls answer "in progress").
    () => api('exportTask') >= 3,
  ];
  for (const reached of reads) {
    await crashAt(context, page, extensionUrl(''), reached, async () => expect((await stored(page, jobId)).lists).toEqual([]));
  }
  const { job, lists, items } = await waitForEnd(page, jobId);
  expect(job, JSON.stringify(job?.error)).toMatchObject({ status: 'done' });
  expect(lists).toEqual([expect.objectContaining({ source: { kind: 'addressBook' } })]);
  const members = membersOf(items, lists[0]!.id);
  expect(members.length).toBe(lists[0]!.contactCount);
  // Every entry of the address book was read once; the ones without a usable name or key are left out and counted.
  expect(job?.report).toMatchObject({ fetched: population.addressBook().length, kept: members.length });
});

test('the browser closed mid-capture and opened again on the same profile finishes the capture', async () => {
  test.setTimeout(180_000);
  const profile = mkdtempSync(join(tmpdir(), 'listwright-crash-'));
  // The reopened worker resumes before the fakes are routed again: a dead proxy keeps what it
  // sends meanwhile off the real LinkedIn (it fails as a network error, which the job retries).
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: findChromium(),
      headless: true,
      args: [...extensionLaunchArgs(EXTENSION_DIR), '--proxy-server=http://127.0.0.1:9'],
    });
  try {
    let context = await launch();
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionUrl = (path: string) => `chrome-extension://${new URL(worker.url()).host}/${path}`;
    await signInToLinkedIn(context);
    let linkedIn = await fakeLinkedIn(context, { total: 1234, searchDelayMs: 400 });
    let page = await openPanel(context, extensionUrl);
    const { jobId } = await callBackground<{ jobId: string }>(page, 'capture.start', CAPTURE);
    await expect.poll(() => linkedIn.searches.length, { timeout: 30_000, intervals: [25] }).toBeGreaterThanOrEqual(3);
    await context.close();

    // The same profile: its LinkedIn login survived the restart; only the fake must be routed again.
    context = await launch();
    linkedIn = await fakeLinkedIn(context, { total: 1234 });
    page = await context.newPage();
    await page.goto(extensionUrl('sidepanel.html'));
    await wakeServiceWorker(page);
    const { job, lists, items, staged } = await waitForEnd(page, jobId);
    expect(job, JSON.stringify(job?.error)).toMatchObject({ status: 'done' });
    expect(lists).toHaveLength(1);
    expect(membersOf(items, lists[0]!.id)).toEqual(Array.from({ length: 200 }, (_, n) => fakeMemberUrn(n)));
    expect(staged).toBe(0);
    // It went on from the pages it had staged: far fewer than all eight asked again.
    expect(linkedIn.searches.length).toBeLessThan(8);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
