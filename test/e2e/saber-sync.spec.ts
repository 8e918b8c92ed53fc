import type { Page } from '@playwright/test';
import { settingsSchema } from '../../lib/model/settings';
import { FakeSaber } from '../fake-saber/fake-saber';
import { routeFakeSaber } from '../fake-saber/playwright';
import { expect, test } from './fixtures';
import { readTable, seedList } from './support/extension';
import { PanelPage } from './pages/panel-page';

/**
 * Sync end to end, through the panel as a person would use it: the built extension in
 * Chromium, Saber faked at its real URL with `context.route` (which also catches the service
 * worker's requests), so the production client, outbox and jobs run as shipped.
 */

interface StoredList {
  id: string;
  name: string;
  contactCount: number;
  source?: { kind: string };
  sync?: { state: string; remoteId?: string; remoteContactCount?: number; syncedAt?: string; nameHistory?: string[] };
}

/** Reads one table straight from the extension's IndexedDB. */
function readAll<T>(page: Page, table: 'lists' | 'jobs' | 'outbox'): Promise<T[]> {
  return readTable<T>(page, table);
}

async function storedList(page: Page, listId: string): Promise<StoredList | undefined> {
  return (await readAll<StoredList>(page, 'lists')).find((list) => list.id === listId);
}

test('save a key, pull three Saber lists, push a local one, rename it on both sides, delete it on Saber', async ({
  context,
  extensionUrl,
}) => {
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
  await routeFakeSaber(context, fake);

  const page = await context.newPage();
  const panel = new PanelPage(page, extensionUrl);
  const saberGroup = page.getByRole('group', { name: 'Saber' });

  // Save the key in Settings; Test connection checks it and reports the connector.
  await panel.open('#/settings');
  await page.getByRole('textbox', { name: 'Saber API key' }).fill(fake.apiKey);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(saberGroup.getByRole('status')).toContainText('Sales Navigator is connected');
  expect(fake.requestsTo('GET', /^\/v1\/connectors$/)[0]?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);

  // Pull: three lists, their contacts paged 100 at a time.
  await page.getByRole('button', { name: 'Pull from Saber' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pulling your lists from Saber.' })).toBeVisible();
  await panel.nav('Lists').click();
  for (const remote of seeded) {
    await expect(page.getByRole('listitem').filter({ hasText: remote.name })).toContainText('Saber: Synced');
  }
  const pulled = await readAll<StoredList>(page, 'lists');
  // "Synced <when>": the time of the last sync, exact in its `datetime`.
  const stripe = pulled.find((list) => list.name === seeded[0]!.name)!;
  await expect(
    page.getByRole('listitem').filter({ hasText: seeded[0]!.name }).locator(`time[datetime="${stripe.sync!.syncedAt}"]`),
  ).toBeVisible();
  expect(pulled).toHaveLength(3);
  for (const remote of seeded) {
    expect(pulled.find((list) => list.sync?.remoteId === remote.id)).toMatchObject({
      name: remote.name,
      contactCount: remote.contactCount,
      source: { kind: 'saber' },
      sync: { state: 'synced', remoteContactCount: remote.contactCount },
    });
  }
  expect(fake.requestsTo('GET', new RegExp(`/${seeded[1]!.id}/contacts$`)).map((r) => r.query)).toEqual([
    { limit: '100', offset: '0' },
    { limit: '100', offset: '100' },
  ]);

  // Push a local list: Saber runs its own search from the name and filters.
  const local = await seedList(page, {
    name: 'CFOs at Adyen',
    filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/adyen'], jobTitles: ['CFO'] },
    contacts: [
      { baseContactId: 'urn:li:member:101', fullName: 'Ingrid Local', role: 'CFO' },
      { baseContactId: 'urn:li:member:102', fullName: 'Pieter Local', role: 'CFO' },
    ],
    source: { kind: 'search' },
  });
  await panel.open(`#/lists/${local.id}`);
  await expect(panel.viewHeading('CFOs at Adyen')).toBeVisible();
  await page.getByRole('button', { name: 'Push to Saber' }).click();
  await expect(page.getByText('Synced with Saber')).toBeVisible();
  await expect(page.getByRole('main').getByText(/^Last synced/)).toBeVisible();
  const [post] = fake.requestsTo('POST', /^\/v1\/contacts\/lists$/);
  expect(post?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  expect(post?.headers['idempotency-key']).toEqual(expect.any(String));
  expect(post?.body).toEqual({
    name: 'CFOs at Adyen',
    filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/adyen'], jobTitles: ['CFO'] },
  });
  const remote = fake.allLists().find((list) => list.name === 'CFOs at Adyen')!;
  // Both captures stay visible: ours (2) and Saber's own search.
  expect(await storedList(page, local.id)).toMatchObject({
    contactCount: 2,
    sync: { state: 'synced', remoteId: remote.id, remoteContactCount: remote.contactCount },
  });
  await expect(page.getByRole('main').getByText('2 contacts', { exact: true })).toBeVisible();
  await expect(
    page.getByText(`Saber’s capture: ${remote.contactCount.toLocaleString('en-US')} contact${remote.contactCount === 1 ? '' : 's'}`),
  ).toBeVisible();

  // Rename it: the outbox sends a PUT to Saber.
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'List name' }).fill('Finance leaders at Adyen');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(panel.viewHeading('Finance leaders at Adyen')).toBeVisible();
  await expect
    .poll(() => fake.requestsTo('PUT', new RegExp(`/${remote.id}$`)).map((r) => r.body))
    .toEqual([{ name: 'Finance leaders at Adyen' }]);
  expect(fake.allLists().find((list) => list.id === remote.id)?.name).toBe('Finance leaders at Adyen');
  await expect.poll(async () => (await storedList(page, local.id))?.sync?.state).toBe('synced');

  // Renamed on Saber and here before our rename went: Saber's name wins, ours stays in view.
  fake.renameRemote(remote.id, 'Adyen finance team');
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'List name' }).fill('Adyen CFO office');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(panel.viewHeading('Adyen finance team')).toBeVisible();
  await expect(page.getByText('Also named locally: “Adyen CFO office”')).toBeVisible();
  expect(fake.requestsTo('PUT', new RegExp(`/${remote.id}$`))).toHaveLength(1);
  await expect.poll(async () => (await storedList(page, local.id))?.sync?.state).toBe('synced');
  await panel.expectAccessible('list renamed on both sides');

  // Delete it: the dialog asks whether to delete Saber's copy too, which sends DELETE.
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('checkbox', { name: 'Also delete it on Saber' }).check();
  await page.getByRole('button', { name: 'Delete list' }).click();
  await expect.poll(() => fake.requestsTo('DELETE', new RegExp(`/${remote.id}$`)).length).toBe(1);
  expect(fake.allLists().map((list) => list.id)).not.toContain(remote.id);
  await expect.poll(async () => readAll(page, 'outbox')).toEqual([]);
  expect(await storedList(page, local.id)).toBeUndefined();
});

test('a push still waiting in the outbox shows why, and can be deleted on Saber too', async ({ context, extensionUrl }) => {
  const fake = new FakeSaber();
  await routeFakeSaber(context, fake);
  const page = await context.newPage();
  const panel = new PanelPage(page, extensionUrl);
  await panel.open();
  // What Settings' Save writes: the whole parsed settings object under `settings`.
  await page.evaluate((value) => chrome.storage.local.set({ settings: value }), settingsSchema.parse({ saberApiKey: fake.apiKey }));

  const local = await seedList(page, {
    name: 'Treasury at Mollie',
    filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/mollie'], jobTitles: ['Treasurer'] },
    contacts: [{ baseContactId: 'urn:li:member:201', fullName: 'Sanne Local', role: 'Treasurer' }],
    source: { kind: 'search' },
  });

  // Saber is down for ten minutes: the create stays queued, and the list says so and until when.
  fake.inject({ method: 'POST', path: /^\/v1\/contacts\/lists$/, status: 503, headers: { 'Retry-After': '600' } });
  await panel.open(`#/lists/${local.id}`);
  await page.getByRole('button', { name: 'Push to Saber' }).click();
  const waiting = /^Not sent yet: .+ Listwright will try again at .+\.$/;
  const main = page.getByRole('main');
  await expect(main.getByText('Sync pending')).toBeVisible();
  await expect(main.getByText(waiting)).toBeVisible();
  expect(fake.requestsTo('POST', /^\/v1\/contacts\/lists$/)).toHaveLength(1);
  expect(fake.allLists()).toEqual([]);

  await panel.nav('Lists').click();
  const row = page.getByRole('listitem').filter({ hasText: 'Treasury at Mollie' });
  await expect(row).toContainText('Saber: Pending Not sent yet:');
  await expect(row.getByText(waiting)).toBeVisible();
  await panel.expectAccessible('lists, a push waiting');
  await row.getByRole('link', { name: 'Treasury at Mollie' }).click();

  // Not on Saber yet, but on its way: the dialog offers deleting it there too.
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Treasury at Mollie”?' });
  const alsoOnSaber = dialog.getByRole('checkbox', { name: 'Also delete it on Saber' });
  await expect(alsoOnSaber).not.toBeChecked();
  await expect(alsoOnSaber).toHaveAccessibleDescription(/has not reached Saber yet/);
  await panel.expectAccessible('delete dialog, push waiting');
  await alsoOnSaber.check();
  await dialog.getByRole('button', { name: 'Delete list' }).click();
  await expect(panel.viewHeading('Lists')).toBeVisible();

  // The queued create goes first (Saber is back), then the delete that follows it.
  await expect.poll(() => fake.requestsTo('DELETE', /^\/v1\/contacts\/lists\/[^/]+$/).length).toBe(1);
  const posts = fake.requestsTo('POST', /^\/v1\/contacts\/lists$/);
  expect(posts).toHaveLength(2);
  expect(posts[1]?.headers['idempotency-key']).toBe(posts[0]?.headers['idempotency-key']);
  expect(fake.allLists()).toEqual([]);
  await expect.poll(async () => readAll(page, 'outbox')).toEqual([]);
  expect(await storedList(page, local.id)).toBeUndefined();
});
