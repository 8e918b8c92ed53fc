import { resolve } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { DEFAULT_ACCESS_TOKEN, FakeLinkedIn } from '../fake-linkedin/fake-linkedin';
import { routeFakeLinkedIn, signIn } from '../fake-linkedin/playwright';
import { Population } from '../fake-linkedin/population';
import { expect, test } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { readTable } from './support/extension';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/linkedin/connections-csv');

interface StoredList {
  id: string;
  name: string;
  contactCount: number;
  source?: { kind: string };
}
interface StoredItem {
  listId: string;
  baseContactId: string;
  degree?: number;
  email?: string;
  connectedOn?: string;
}
interface StoredJob {
  kind: string;
  status: string;
  report?: { kept: number };
}

/** A LinkedIn with a small network (90 connections, some 60 address-book contacts), served at the real URLs, the browser signed in. */
async function linkedIn(context: BrowserContext) {
  const fake = new FakeLinkedIn({
    population: new Population({ leads: 40, connections: 90, addressBook: 30 }),
    contactsExport: { polls: 1 },
  });
  await routeFakeLinkedIn(context, fake);
  await signIn(context, fake);
  return fake;
}

/** The panel on the New list view, LinkedIn pacing at the shortest Settings allow, with or without a Contacts API token. */
async function openNewList(context: BrowserContext, extensionUrl: (path: string) => string, token = '') {
  const panel = new PanelPage(await context.newPage(), extensionUrl);
  await panel.open();
  await panel.page.evaluate(
    (linkedInAccessToken) =>
      chrome.storage.local.set({ settings: { pacingMinSeconds: 0.5, pacingMaxSeconds: 0.5, dailyPageBudget: 100, linkedInAccessToken } }),
    token,
  );
  await panel.nav('New list').click();
  await expect(panel.page.getByRole('heading', { name: 'Your network' })).toBeVisible();
  return panel;
}

test('Export connections: the connections through the session become a local list of 1st-degree contacts', async ({
  context,
  extensionUrl,
}) => {
  const fake = await linkedIn(context);
  const panel = await openNewList(context, extensionUrl);
  const { page } = panel;
  await panel.expectAccessible('new list with your network');

  await page.getByRole('button', { name: 'Export connections' }).click();
  await expect(panel.jobs.getByText('Exporting your LinkedIn connections')).toBeVisible();
  await expect(panel.jobs.getByText('Done: 90 connections (90 new, 0 removed)')).toBeVisible({ timeout: 30_000 });

  const pages = fake.requestsTo(/relationships\/dash\/connections$/);
  expect(pages.map((request) => new URL(request.url).searchParams.get('start'))).toEqual(['0', '40', '80']);
  expect(pages.every((request) => request.headers['csrf-token'] === fake.session)).toBe(true);

  await panel.jobs.getByRole('link', { name: 'Open list' }).click();
  await expect(panel.viewHeading('LinkedIn connections')).toBeVisible();
  await expect(page.getByText('Your LinkedIn connections', { exact: true })).toBeVisible();
  await expect(page.getByText('Local only: Saber makes lists from search filters.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Push to Saber' })).toHaveCount(0);
  await expect(page.getByRole('row').nth(1).getByText('1st', { exact: true })).toBeVisible();

  const items = await readTable<StoredItem>(page, 'items');
  expect(items).toHaveLength(90);
  expect(items.every((item) => item.degree === 1 && /^https:\/\/www\.linkedin\.com\/in\//.test(item.baseContactId))).toBe(true);
  expect(items.every((item) => /^\d{4}-\d\d-\d\d$/.test(item.connectedOn ?? ''))).toBe(true);
  await panel.expectAccessible('connections list');

  // Running it again updates that list; "Only new ones" is offered now.
  await panel.nav('New list').click();
  await expect(page.getByRole('button', { name: 'Only new ones' })).toBeVisible();
  await expect(page.getByText('Updates “LinkedIn connections”')).toBeVisible();
});

test('Import Connections.csv: the file input makes a list, and the run report names the skipped lines', async ({
  context,
  extensionUrl,
}) => {
  const panel = await openNewList(context, extensionUrl);
  const { page } = panel;
  const input = page.getByLabel('Import Connections.csv');

  await input.setInputFiles(resolve(FIXTURES, 'wrong-shares.csv'));
  await expect(
    page.getByText('This is not LinkedIn’s Connections.csv: it has no First Name, Last Name and URL or Email Address column.').first(),
  ).toBeVisible();
  expect(await readTable<StoredList>(page, 'lists')).toEqual([]);

  await input.setInputFiles(resolve(FIXTURES, 'bad-rows.csv'));
  const section = page.getByRole('region', { name: 'Your network' });
  await expect(section.getByText('2 connections imported, 8 rows skipped')).toBeVisible();
  await expect(
    section.getByText(/^Skipped line 6 \(no name\), line 7 \(no profile URL or email address\), .* and 3 more\.$/),
  ).toBeVisible();
  await expect(panel.jobs.getByText(/^Skipped line 6 \(no name\)/)).toBeVisible();

  const lists = await readTable<StoredList>(page, 'lists');
  expect(lists).toEqual([expect.objectContaining({ contactCount: 2, source: { kind: 'connectionsCsv', fileName: 'bad-rows.csv' } })]);
  expect(await readTable<StoredJob>(page, 'stagedPages')).toEqual([]);
  await panel.expectAccessible('import with skipped rows');

  await section.getByRole('link', { name: 'Open the list' }).click();
  await expect(page.getByText('Imported from bad-rows.csv')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Push to Saber' })).toHaveCount(0);
});

test('a 30,000-row Connections.csv (about 3.5 MB) crosses runtime messaging and imports whole', async ({ context, extensionUrl }) => {
  const panel = await openNewList(context, extensionUrl);
  const { page } = panel;
  const rows = ['First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
  for (let i = 0; i < 30_000; i += 1) {
    rows.push(
      `Ada${i},"Lovelace, ${i}",https://www.linkedin.com/in/ada-${i},${i % 5 ? '' : `ada${i}@example.com`},"Engines, Ltd",Head of Sales EMEA,15 Mar 2024`,
    );
  }
  const text = `Notes:\r\n"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n\r\n${rows.join('\r\n')}\r\n`;
  expect(text.length).toBeGreaterThan(3_000_000);

  await page
    .getByLabel('Import Connections.csv')
    .setInputFiles({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(page.getByRole('region', { name: 'Your network' }).getByText('30,000 connections imported')).toBeVisible({
    timeout: 45_000,
  });
  const [list] = await readTable<StoredList>(page, 'lists');
  expect(list?.contactCount).toBe(30_000);
});

test('Export address book with a token: the Contacts API task, polled, becomes a list', async ({ context, extensionUrl }) => {
  const fake = await linkedIn(context);
  const panel = await openNewList(context, extensionUrl, DEFAULT_ACCESS_TOKEN);
  const { page } = panel;

  await page.getByRole('button', { name: 'Export address book' }).click();
  await expect(panel.jobs.getByText(/^Done: .* contacts exported from your LinkedIn address book$/)).toBeVisible({ timeout: 30_000 });

  const api = fake.requests.filter((request) => request.host === 'api.linkedin.com' && request.method !== 'OPTIONS');
  expect(api.map((request) => `${request.method} ${request.path}`)[0]).toBe('POST /v2/contactExporterTasks');
  expect(api.length).toBeGreaterThanOrEqual(3);
  for (const request of api) {
    expect(request.headers.authorization).toBe(`Bearer ${DEFAULT_ACCESS_TOKEN}`);
    expect(request.headers.cookie).toBeUndefined();
  }
  const [list] = await readTable<StoredList>(page, 'lists');
  expect(list).toMatchObject({ name: expect.stringMatching(/^LinkedIn address book, \d{4}-\d\d-\d\d$/), source: { kind: 'addressBook' } });
  const items = await readTable<StoredItem>(page, 'items');
  expect(items.length).toBe(list?.contactCount);
  expect(items.some((item) => item.email)).toBe(true);
});

test('Export address book without a token: what it needs, and the way to Settings', async ({ context, extensionUrl }) => {
  const panel = await openNewList(context, extensionUrl);
  const { page } = panel;
  const button = page.getByRole('button', { name: 'Export address book' });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAccessibleDescription(
    /needs a LinkedIn access token: a member token of an app LinkedIn approved for that API\. None is saved yet\./,
  );
  await page.getByRole('link', { name: 'Add it in Settings' }).click();
  await expect(panel.viewHeading('Settings')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'LinkedIn access token' })).toBeVisible();
});
