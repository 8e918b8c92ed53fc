import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANGES_CSV_HEADERS, planChangesExport, toChangesCsvRow } from '../../../lib/csv/changes';
import { generateRowParts } from '../../../lib/csv/export';
import { ProspectDb } from '../../../lib/db/database';
import { commitRefresh, type ChangeRow } from '../../../lib/db/list-history';
import { LocalContactLists } from '../../../lib/db/local-contact-lists';
import type { ItemRecord } from '../../../lib/db/records';
import { ApiError } from '../../../lib/model/errors';
import type { ContactList } from '../../../lib/model/schemas';
import type { SnapshotContact } from '../../../lib/model/snapshot';
import { expectedCell, hostileString, parseCsvBytes } from './csv-testing';

// Written out rather than imported: a reordering in lib/csv must fail here.
const HEADERS = [
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

const LIST: ContactList = {
  id: 'list-1',
  name: 'VP Sales at Stripe',
  filters: {},
  contactCount: 2,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-20T09:00:00.000Z',
};

function item(member: number, fields: Partial<ItemRecord> = {}): ItemRecord {
  return {
    id: `item-${member}`,
    listId: LIST.id,
    baseContactId: `urn:li:member:${member}`,
    createdAt: '2026-11-01T09:00:00.000Z',
    position: 0,
    ...fields,
  };
}

function cells(row: string[]): Record<string, string> {
  return Object.fromEntries(CHANGES_CSV_HEADERS.map((header, i) => [header, row[i] ?? '']));
}

const ada = item(1, {
  firstName: 'Ada',
  lastName: 'Lovelace',
  fullName: 'Ada Lovelace',
  headline: 'Revenue, analytically',
  role: 'VP Sales',
  companyName: 'Stripe',
  location: 'London',
  seniority: ['VP'],
  linkedInSalesNavigatorProfileUrl: 'https://www.linkedin.com/sales/lead/ACwAA1,NAME_SEARCH,x',
  email: 'ada@example.com',
});

describe('the changes columns', () => {
  it('are the change, the export’s person columns, before and after, then the leaver’s', () => {
    expect(CHANGES_CSV_HEADERS).toEqual(HEADERS);
  });

  it('give someone who joined their current title and company, and nothing before', () => {
    const row = cells(toChangesCsvRow({ change: 'joined', item: ada }, LIST));
    expect(row).toEqual({
      change: 'joined',
      baseContactId: 'urn:li:member:1',
      firstName: 'Ada',
      lastName: 'Lovelace',
      fullName: 'Ada Lovelace',
      headline: 'Revenue, analytically',
      location: 'London',
      seniority: 'VP',
      linkedInSalesNavigatorProfileUrl: 'https://www.linkedin.com/sales/lead/ACwAA1,NAME_SEARCH,x',
      email: 'ada@example.com',
      phone: '',
      previousTitle: '',
      previousCompany: '',
      currentTitle: 'VP Sales',
      currentCompany: 'Stripe',
      previousLocation: '',
      leaveReason: '',
      leaverStatus: '',
    });
  });

  it('give a leaver what they were, why they left, and where "Check leavers" found them', () => {
    const unchecked = cells(toChangesCsvRow({ change: 'left', item: ada, reason: 'noLongerMatches' }, LIST));
    expect(unchecked).toMatchObject({
      change: 'left',
      fullName: 'Ada Lovelace',
      previousTitle: 'VP Sales',
      previousCompany: 'Stripe',
      currentTitle: '',
      currentCompany: '',
      previousLocation: 'London',
      leaveReason: 'noLongerMatches',
      leaverStatus: '',
    });
    const leaver = { listId: LIST.id, baseContactId: ada.baseContactId, version: 2, checkedAt: '2026-11-21T09:00:00.000Z' };
    const found = cells(
      toChangesCsvRow(
        {
          change: 'left',
          item: ada,
          reason: 'mayHaveMovedPastSize',
          leaver: { ...leaver, status: 'found', role: 'CRO', companyName: 'Globex' },
        },
        LIST,
      ),
    );
    expect(found).toMatchObject({
      currentTitle: 'CRO',
      currentCompany: 'Globex',
      leaveReason: 'mayHaveMovedPastSize',
      leaverStatus: 'found',
    });
    const notFound = cells(
      toChangesCsvRow({ change: 'left', item: ada, reason: 'noLongerMatches', leaver: { ...leaver, status: 'notFound' } }, LIST),
    );
    expect(notFound).toMatchObject({ currentTitle: '', currentCompany: '', leaverStatus: 'notFound' });
  });

  it('give a changed person their title, company and location before and now', () => {
    const row = cells(
      toChangesCsvRow(
        { change: 'changed', item: ada, previous: { role: 'Account Executive', companyName: 'Stripe', location: 'Paris' } },
        LIST,
      ),
    );
    expect(row).toMatchObject({
      change: 'changed',
      location: 'London',
      previousTitle: 'Account Executive',
      previousCompany: 'Stripe',
      currentTitle: 'VP Sales',
      currentCompany: 'Stripe',
      previousLocation: 'Paris',
    });
  });

  it('round-trip any text through chunked parts, UTF-8 and a strict parser to the same or neutralised values', async () => {
    const fields = fc.record(
      {
        fullName: hostileString,
        headline: hostileString,
        role: hostileString,
        companyName: hostileString,
        location: hostileString,
        phone: hostileString,
      },
      { requiredKeys: [] },
    );
    const change: fc.Arbitrary<ChangeRow> = fc.oneof(
      fields.map((f) => ({ change: 'joined' as const, item: item(1, f) })),
      fc.tuple(fields, fc.record({ role: hostileString, companyName: hostileString }, { requiredKeys: [] })).map(([f, found]) => ({
        change: 'left' as const,
        item: item(2, f),
        reason: 'noLongerMatches' as const,
        leaver: {
          listId: LIST.id,
          baseContactId: 'urn:li:member:2',
          version: 2,
          status: 'found' as const,
          checkedAt: LIST.createdAt,
          ...found,
        },
      })),
      fc
        .tuple(fields, fc.record({ role: hostileString, companyName: hostileString, location: hostileString }, { requiredKeys: [] }))
        .map(([f, previous]) => ({ change: 'changed' as const, item: item(3, f), previous })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(change, { maxLength: 7 }), async (rows) => {
        const parts: string[] = [];
        for await (const part of generateRowParts(CHANGES_CSV_HEADERS, rows, (row) => toChangesCsvRow(row, LIST), {
          chunkRows: 3,
          yieldToEventLoop: async () => undefined,
        })) {
          parts.push(part);
        }
        expect(parts).toHaveLength(1 + Math.ceil(rows.length / 3));
        const [header, ...read] = parseCsvBytes(new Uint8Array(await new Blob(parts).arrayBuffer()));
        expect(header).toEqual(HEADERS);
        expect(read).toHaveLength(rows.length);
        read.forEach((cellsOfRow, i) => {
          const row = rows[i]!;
          const got = cells(cellsOfRow);
          expect(got.change).toBe(row.change);
          for (const key of ['fullName', 'headline', 'location', 'phone'] as const) expect(got[key]).toBe(expectedCell(row.item[key]));
          if (row.change === 'left') {
            expect(got.previousTitle).toBe(expectedCell(row.item.role));
            expect(got.previousCompany).toBe(expectedCell(row.item.companyName));
            expect(got.currentTitle).toBe(expectedCell(row.leaver?.role));
            expect(got.currentCompany).toBe(expectedCell(row.leaver?.companyName));
          } else if (row.change === 'changed') {
            expect(got.previousTitle).toBe(expectedCell(row.previous.role));
            expect(got.previousCompany).toBe(expectedCell(row.previous.companyName));
            expect(got.previousLocation).toBe(expectedCell(row.previous.location));
            expect(got.currentTitle).toBe(expectedCell(row.item.role));
            expect(got.currentCompany).toBe(expectedCell(row.item.companyName));
          } else {
            expect(got.currentTitle).toBe(expectedCell(row.item.role));
            expect(got.currentCompany).toBe(expectedCell(row.item.companyName));
          }
        });
      }),
      { numRuns: 80 },
    );
  });
});

describe('planning "Export changes"', () => {
  const dbs: ProspectDb[] = [];
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((db) => db.delete()));
  });

  const person = (n: number, role = 'VP Sales'): SnapshotContact => ({
    baseContactId: `urn:li:member:${n}`,
    fullName: `Ada${n} Lovelace${n}`,
    role,
    companyName: 'Stripe',
  });

  it('names the file after the list and the day of its refresh, joined first, then left, then changed', async () => {
    const db = new ProspectDb(`changes-${crypto.randomUUID()}`);
    dbs.push(db);
    let ids = 0;
    const newId = () => `id-${++ids}`;
    const store = new LocalContactLists(db, { clock: () => Date.parse('2026-11-01T09:00:00.000Z'), newId });
    const list = await store.createList({ name: 'VP Sales / Stripe', contacts: [0, 1, 2, 3].map((n) => person(n)), matchedCount: 4 });
    const refreshedAt = new Date(2026, 10, 20, 10, 0).getTime();
    await db.transaction('rw', [db.lists, db.items, db.baseContacts, db.versions, db.leavers], () =>
      commitRefresh(db, {
        listId: list.id,
        contacts: [person(0), person(2, 'Chief Revenue Officer'), person(3), person(4)],
        matchedCount: 4,
        now: refreshedAt,
        newId,
        keep: 20,
      }),
    );

    const plan = await planChangesExport(db, list.id);
    expect(plan.fileName).toBe('VP Sales _ Stripe changes-2026-11-20.csv');
    const rows = plan.rows.map((row) => cells(toChangesCsvRow(row, plan.list)));
    expect(rows.map((row) => [row.change, row.fullName, row.previousTitle, row.currentTitle, row.leaveReason])).toEqual([
      ['joined', 'Ada4 Lovelace4', '', 'VP Sales', ''],
      ['left', 'Ada1 Lovelace1', 'VP Sales', '', 'noLongerMatches'],
      ['changed', 'Ada2 Lovelace2', 'VP Sales', 'Chief Revenue Officer', ''],
    ]);
  });

  it('refuses a list never refreshed, and an unknown one, with a 404', async () => {
    const db = new ProspectDb(`changes-${crypto.randomUUID()}`);
    dbs.push(db);
    const list = await new LocalContactLists(db).createList({ name: 'Never refreshed', contacts: [person(0)] });
    for (const listId of [list.id, 'nope']) {
      const error = await planChangesExport(db, listId).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 404, error: 'not_found' });
    }
  });
});
