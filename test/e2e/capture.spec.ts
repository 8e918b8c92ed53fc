import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { sendMessage } from './support/extension';
import { stopServiceWorker } from './support/worker';
import { fakeLinkedIn, fakeMemberUrn, signInToLinkedIn } from './support/fake-linkedin';

const STRIPE_CAPTURE = {
  name: 'VP Sales at Stripe',
  filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'], countries: ['US'] },
};

/** Opens an extension page and makes LinkedIn pacing short (the lowest Settings allow). */
async function openExtensionPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(() => chrome.storage.local.set({ settings: { pacingMinSeconds: 0.5, pacingMaxSeconds: 0.5, dailyPageBudget: 100 } }));
  return page;
}

/**
 * The spec's `ContactListItem` fields, plus the store's `position` and the local `degree` a search
 * result carries (documented in `lib/model/schemas.ts`). Written out rather than
 * importing `lib/model/schemas`, whose country table is a JSON import Playwright's Node loader
 * refuses without an import attribute; the unit tests hold the same items to the zod schema.
 */
const ITEM_FIELDS = new Set([
  'id',
  'listId',
  'baseContactId',
  'firstName',
  'lastName',
  'fullName',
  'headline',
  'role',
  'companyName',
  'location',
  'avatar',
  'seniority',
  'positions',
  'linkedInSalesNavigatorProfileUrl',
  'createdAt',
  'position',
  'degree',
]);

/** Checks a stored item against the spec's `ContactListItem` and returns it typed. */
function specItem(value: unknown, listId: string) {
  const item = value as Record<string, unknown> & { position: number; baseContactId: string };
  expect(Object.keys(item).filter((key) => !ITEM_FIELDS.has(key))).toEqual([]);
  expect(item).toMatchObject({
    id: expect.any(String),
    listId,
    baseContactId: expect.stringMatching(/^urn:li:member:\d+$/),
    createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/),
  });
  for (const key of ['avatar', 'linkedInSalesNavigatorProfileUrl'] as const) {
    const value = item[key];
    if (value !== undefined) expect(typeof value === 'string' && URL.canParse(value)).toBe(true);
  }
  for (const key of ['firstName', 'lastName', 'fullName', 'headline', 'role', 'companyName', 'location'] as const) {
    if (item[key] !== undefined) expect(typeof item[key]).toBe('string');
  }
  return item;
}

interface StoredCapture {
  job: {
    status: string;
    outcome?: { code: string; params: Record<string, unknown> };
    error?: { error: string; reason?: { code: string } };
    resultListId?: string;
    progress: unknown;
  };
  lists: unknown[];
  items: unknown[];
  staged: number;
}

/** Reads the job and everything stored, straight from the extension's IndexedDB. */
function readStored(page: Page, jobId: string): Promise<StoredCapture> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('listwright');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB did not open'));
    });
    const tx = db.transaction(['jobs', 'lists', 'items', 'stagedPages'], 'readonly');
    const ask = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB could not read'));
      });
    const [job, lists, items, staged] = await Promise.all([
      ask<unknown>(tx.objectStore('jobs').get(id)),
      ask<unknown[]>(tx.objectStore('lists').getAll()),
      ask<unknown[]>(tx.objectStore('items').getAll()),
      ask(tx.objectStore('stagedPages').count()),
    ]);
    db.close();
    return { job: job as StoredCapture['job'], lists, items, staged };
  }, jobId);
}

async function startCapture(page: Page, payload: unknown): Promise<string> {
  const reply = await sendMessage(page, 'capture.start', payload);
  expect(reply).toMatchObject({ ok: true, data: { jobId: expect.any(String) } });
  return (reply as { data: { jobId: string } }).data.jobId;
}

async function waitForEnd(page: Page, jobId: string, timeout = 30_000): Promise<StoredCapture> {
  await expect
    .poll(async () => (await readStored(page, jobId)).job?.status, { timeout, intervals: [250] })
    .toMatch(/^(done|failed|cancelled)$/);
  return readStored(page, jobId);
}

test('a 5-page capture stores 125 spec-valid contacts in search order', async ({ context, extensionUrl }) => {
  await signInToLinkedIn(context);
  const linkedIn = await fakeLinkedIn(context, { total: 1234 });
  const page = await openExtensionPage(context, extensionUrl('sidepanel.html'));

  const jobId = await startCapture(page, STRIPE_CAPTURE);
  const { job, lists, items, staged } = await waitForEnd(page, jobId);

  expect(job).toMatchObject({
    status: 'done',
    outcome: { code: 'capture.done', params: { contacts: 125, matched: 1234 } },
    progress: { done: 5, total: 5, contacts: 125 },
  });
  expect(lists).toHaveLength(1);
  expect(lists[0]).toMatchObject({
    id: job.resultListId,
    name: 'VP Sales at Stripe',
    contactCount: 125,
    matchedCount: 1234,
    source: { kind: 'search' },
  });
  const stored = items.map((item) => specItem(item, job.resultListId!)).sort((a, b) => a.position - b.position);
  expect(stored.map((item) => item.baseContactId)).toEqual(Array.from({ length: 125 }, (_, n) => fakeMemberUrn(n)));
  expect(stored[1]).toMatchObject({
    fullName: 'Ada1 Lovelace1',
    role: 'VP Sales',
    companyName: 'Stripe',
    linkedInSalesNavigatorProfileUrl: 'https://www.linkedin.com/sales/lead/ACwAAA1xYz,NAME_SEARCH,k1',
  });
  expect(staged).toBe(0);

  expect(linkedIn.searches.map(({ start, count }) => [start, count])).toEqual([0, 25, 50, 75, 100].map((s) => [s, 25]));
  expect(linkedIn.searches[0]?.query).toContain(`urn%3Ali%3Aorganization%3A2135371`);
  expect(linkedIn.searches[0]?.query).toContain('VP%20Sales');
  expect(linkedIn.unexpected).toEqual([]);
});

test('a capture whose service worker is stopped mid-way resumes on its own and ends complete', async ({ context, extensionUrl }) => {
  test.setTimeout(120_000);
  await signInToLinkedIn(context);
  const linkedIn = await fakeLinkedIn(context, { total: 1234, searchDelayMs: 300 });
  const page = await openExtensionPage(context, extensionUrl('sidepanel.html'));
  const jobId = await startCapture(page, STRIPE_CAPTURE);
  await expect.poll(() => linkedIn.searches.length, { timeout: 20_000, intervals: [50] }).toBeGreaterThanOrEqual(2);

  await stopServiceWorker(context, page, extensionUrl(''));
  const seenAtStop = linkedIn.searches.length;
  expect((await readStored(page, jobId)).lists).toEqual([]);

  // Nothing pokes the extension: its own alarm must bring the worker back to finish the job.
  const { job, lists, items, staged } = await waitForEnd(page, jobId, 90_000);
  expect(staged).toBe(0);
  expect(job.status).toBe('done');
  expect(lists).toHaveLength(1);
  expect(lists[0]).toMatchObject({ id: job.resultListId, contactCount: 125 });
  const members = items
    .map((item) => specItem(item, job.resultListId!))
    .sort((a, b) => a.position - b.position)
    .map((item) => item.baseContactId);
  expect(members).toEqual(Array.from({ length: 125 }, (_, n) => fakeMemberUrn(n)));
  expect(linkedIn.searches.length).toBeGreaterThan(seenAtStop);
});

test('logged out or without a seat, a capture fails with a connector error before searching', async ({ context, extensionUrl }) => {
  const linkedIn = await fakeLinkedIn(context, { seat: false });
  const page = await openExtensionPage(context, extensionUrl('sidepanel.html'));

  const loggedOut = await waitForEnd(page, await startCapture(page, STRIPE_CAPTURE));
  expect(loggedOut.job).toMatchObject({ status: 'failed', error: { error: 'connector_error', reason: { code: 'linkedin.loggedOut' } } });

  await signInToLinkedIn(context);
  const noSeat = await waitForEnd(page, await startCapture(page, STRIPE_CAPTURE));
  expect(noSeat.job).toMatchObject({ status: 'failed', error: { error: 'connector_error', reason: { code: 'linkedin.noSeat' } } });

  expect(noSeat.lists).toEqual([]);
  expect(linkedIn.searches).toEqual([]);
});

test('a saved lead list is listed and captured as a contact list', async ({ context, extensionUrl }) => {
  await signInToLinkedIn(context);
  await fakeLinkedIn(context, { leadLists: [{ id: '7034185', name: 'Q4 targets', members: 60 }] });
  const page = await openExtensionPage(context, extensionUrl('sidepanel.html'));

  const leadLists = await sendMessage(page, 'leadLists.list', {});
  expect(leadLists).toEqual({
    ok: true,
    data: { items: [{ id: '7034185', name: 'Q4 targets', size: 60, lastModifiedAt: '2026-11-20T09:00:00.000Z' }] },
  });

  const reply = await sendMessage(page, 'capture.startLeadList', { leadListId: '7034185', leadListName: 'Q4 targets', name: 'Q4 targets' });
  const { jobId } = (reply as { data: { jobId: string } }).data;
  const { job, lists, items } = await waitForEnd(page, jobId);
  expect(job).toMatchObject({
    status: 'done',
    outcome: { code: 'leadList.done', params: { contacts: 60, matched: 60, leadListName: 'Q4 targets' } },
  });
  expect(lists[0]).toMatchObject({
    contactCount: 60,
    source: { kind: 'leadList', leadListId: '7034185', leadListName: 'Q4 targets' },
  });
  expect(items).toHaveLength(60);
});
