import type { BrowserContext, Page } from '@playwright/test';
import { settingsSchema } from '../../lib/model/settings';
import { FakeSaber } from '../fake-saber/fake-saber';
import { expect, test } from './fixtures';

/**
 * Sync end to end: the built extension in Chromium, Saber faked at its real URL with
 * `context.route` (which also catches the service worker's requests), so the production
 * client, outbox and jobs run as shipped.
 */

async function routeSaber(context: BrowserContext, fake: FakeSaber): Promise<void> {
  await context.route('https://api.saber.app/**', async (route) => {
    const request = route.request();
    const reply = await fake.handle({
      method: request.method(),
      url: request.url(),
      headers: await request.allHeaders(),
      ...(request.postData() ? { body: request.postData()! } : {}),
    });
    if ('drop' in reply) await route.abort('connectionfailed');
    else await route.fulfill({ status: reply.status, headers: reply.headers, ...(reply.body ? { body: reply.body } : {}) });
  });
}

/** What a page sends the background (the panel's typed messenger does the same). */
async function send<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const)) as {
    ok: boolean;
    data?: T;
    error?: unknown;
  };
  if (!reply.ok) throw new Error(`${type} failed: ${JSON.stringify(reply.error)}`);
  return reply.data as T;
}

interface StoredList {
  id: string;
  name: string;
  contactCount: number;
  source?: { kind: string };
  sync?: { state: string; remoteId?: string; remoteContactCount?: number; syncedAt?: string };
}

/** Reads one table straight from the extension's IndexedDB. */
function readAll<T>(page: Page, table: 'lists' | 'jobs' | 'outbox'): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('listwright');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as T[]);
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
  );
}

test('pull three Saber lists, push a local one, rename it', async ({ context, extensionUrl }) => {
  const fake = new FakeSaber();
  const seeded = [
    fake.seedList({ name: 'Revenue leaders at Stripe', contactCount: 12 }),
    fake.seedList({
      name: 'Engineering managers at Datadog',
      filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/datadog'], jobTitles: ['Engineering Manager'] },
      contactCount: 130,
    }),
    fake.seedList({
      name: 'Security at Cloudflare',
      filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/cloudflare'], keywords: 'security' },
      contactCount: 3,
    }),
  ];
  await routeSaber(context, fake);

  const page = await context.newPage();
  await page.goto(extensionUrl('sidepanel.html'));
  // What Settings' Save writes: the whole parsed settings object under `settings`.
  const settings = settingsSchema.parse({ saberApiKey: fake.apiKey });
  await page.evaluate((value) => chrome.storage.local.set({ settings: value }), settings);

  const connection = await send<{ salesNavigator: string; message: string }>(page, 'saber.testConnection', {});
  expect(connection.salesNavigator).toBe('connected');

  // Pull: three lists, their contacts paged 100 at a time.
  const pull = await send<{ jobId: string }>(page, 'saber.pull', {});
  await expect
    .poll(async () => (await readAll<{ id: string; status: string }>(page, 'jobs')).find((job) => job.id === pull.jobId)?.status)
    .toBe('done');
  const pulled = await readAll<StoredList>(page, 'lists');
  expect(pulled.map((list) => list.name).sort()).toEqual(seeded.map((list) => list.name).sort());
  for (const remote of seeded) {
    expect(pulled.find((list) => list.sync?.remoteId === remote.id)).toMatchObject({
      contactCount: remote.contactCount,
      source: { kind: 'saber' },
      sync: { state: 'synced', remoteContactCount: remote.contactCount },
    });
  }
  expect(fake.requestsTo('GET', new RegExp(`/${seeded[1]!.id}/contacts$`)).map((r) => r.query)).toEqual([
    { limit: '100', offset: '0' },
    { limit: '100', offset: '100' },
  ]);
  await expect(page.getByText('Security at Cloudflare').first()).toBeVisible();

  // Push a local list: Saber runs its own search from the filters.
  const local = await send<StoredList>(page, 'lists.create', {
    name: 'CFOs at Adyen',
    filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/adyen'], jobTitles: ['CFO'] },
    contacts: [
      { baseContactId: 'urn:li:member:101', fullName: 'Ingrid Local', role: 'CFO' },
      { baseContactId: 'urn:li:member:102', fullName: 'Pieter Local', role: 'CFO' },
    ],
    source: { kind: 'search' },
  });
  await send(page, 'saber.push', { listId: local.id });
  await expect
    .poll(async () => (await readAll<StoredList>(page, 'lists')).find((list) => list.id === local.id)?.sync?.state)
    .toBe('synced');
  const [post] = fake.requestsTo('POST', /^\/v1\/contacts\/lists$/);
  expect(post?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  expect(post?.headers['idempotency-key']).toEqual(expect.any(String));
  expect(post?.body).toEqual({ name: 'CFOs at Adyen', filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/adyen'], jobTitles: ['CFO'] } });
  const pushed = (await readAll<StoredList>(page, 'lists')).find((list) => list.id === local.id)!;
  const remote = fake.allLists().find((list) => list.name === 'CFOs at Adyen')!;
  expect(pushed).toMatchObject({ contactCount: 2, sync: { remoteId: remote.id, remoteContactCount: remote.contactCount } });

  // Rename it: the outbox sends a PUT to Saber.
  await send(page, 'lists.rename', { listId: local.id, name: 'Finance leaders at Adyen' });
  await expect.poll(() => fake.requestsTo('PUT', new RegExp(`/${remote.id}$`)).map((r) => r.body)).toEqual([{ name: 'Finance leaders at Adyen' }]);
  expect(fake.allLists().find((list) => list.id === remote.id)?.name).toBe('Finance leaders at Adyen');
  await expect
    .poll(async () => (await readAll<StoredList>(page, 'lists')).find((list) => list.id === local.id)?.sync?.state)
    .toBe('synced');
  expect(await readAll(page, 'outbox')).toEqual([]);
});
