import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CSV_HEADERS, formatPositions } from '../../../lib/csv/columns';
import {
  CSV_CHUNK_ROWS,
  generateCsvParts,
  generateVersionParts,
  planAllListsExport,
  planListExport,
  planVersionExport,
} from '../../../lib/csv/export';
import { ProspectDb } from '../../../lib/db/database';
import { commitRefresh, refreshTables } from '../../../lib/db/list-history';
import { LocalContactLists } from '../../../lib/db/local-contact-lists';
import { type SnapshotContact } from '../../../lib/model/snapshot';
import { ApiError } from '../../../lib/model/errors';
import { NAME_MAX } from '../../../lib/model/limits';
import { cleanScrapedText } from '../../../lib/model/text';
import type { ContactList } from '../../../lib/model/schemas';
import { localDay } from '../../../lib/model/dates';
import { expectedCell, hostileString, parseCsv, parseCsvBytes } from './csv-testing';

const dbs: ProspectDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

const NOV_22 = new Date(2026, 10, 22, 12, 0, 0).getTime();
const HEADER_PART = `\uFEFF${CSV_HEADERS.map((header) => `"${header}"`).join(',')}\r\n`;

function setup() {
  const db = new ProspectDb(`csv-${crypto.randomUUID()}`);
  dbs.push(db);
  let now = Date.parse('2026-11-22T09:00:00.000Z');
  let ids = 0;
  const store = new LocalContactLists(db, { clock: () => (now += 1000), newId: () => `id-${String(++ids).padStart(6, '0')}` });
  return { db, store };
}

function contacts(count: number, prefix = 'member'): SnapshotContact[] {
  return Array.from({ length: count }, (_, i) => ({
    baseContactId: `urn:li:${prefix}:${i}`,
    fullName: `${prefix} ${i}`,
    role: 'VP Sales',
  }));
}

async function collect(parts: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const part of parts) out.push(part);
  return out;
}

function column(rows: string[][], header: string): string[] {
  const index = CSV_HEADERS.indexOf(header);
  return rows.map((row) => row[index] ?? '');
}

describe('planning an export', () => {
  it('names a list export after the list and the day, and rejects an unknown list with a 404', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'Fintech / CROs', contacts: contacts(2) });
    await expect(planListExport(db, list.id, () => NOV_22)).resolves.toEqual({
      fileName: 'Fintech _ CROs-2026-11-22.csv',
      lists: [list],
    });
    const missing = await planListExport(db, 'nope', () => NOV_22).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ApiError);
    expect(missing).toMatchObject({ status: 404, error: 'not_found' });
  });

  it('puts every list into "Export all", newest first as the Lists view shows them', async () => {
    const { db, store } = setup();
    const first = await store.createList({ name: 'First', contacts: contacts(1) });
    const second = await store.createList({ name: 'Second', contacts: [] });
    const plan = await planAllListsExport(db, () => NOV_22);
    expect(plan.fileName).toBe('All lists-2026-11-22.csv');
    expect(plan.lists.map((list) => list.id)).toEqual([second.id, first.id]);
  });
});

describe('generateCsvParts', () => {
  it('writes the BOM and header, then every contact in stored order, one part per chunk, yielding between parts', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'Big', contacts: contacts(23) });
    const progress: number[] = [];
    let yields = 0;
    const parts = await collect(
      generateCsvParts(db, [list], {
        chunkRows: 5,
        yieldToEventLoop: async () => {
          yields += 1;
        },
        onProgress: ({ rows, totalRows }) => progress.push(rows / totalRows),
      }),
    );

    expect(parts).toHaveLength(1 + 5);
    expect(parts[0]).toBe(HEADER_PART);
    expect(yields).toBe(4);
    expect(progress).toEqual([5, 10, 15, 20, 23].map((rows) => rows / 23));
    const [header, ...rows] = parseCsv(parts.join('').slice(1));
    expect(header).toEqual(CSV_HEADERS);
    expect(column(rows, 'fullName')).toEqual(contacts(23).map((contact) => contact.fullName));
    expect(new Set(column(rows, 'listName'))).toEqual(new Set(['Big']));
    expect(new Set(column(rows, 'capturedAt'))).toEqual(new Set([list.createdAt]));
  });

  it('writes only the header for an empty list or no lists at all', async () => {
    const { db, store } = setup();
    const empty = await store.createList({ name: 'Empty', contacts: [] });
    expect(await collect(generateCsvParts(db, [empty]))).toEqual([HEADER_PART]);
    expect(await collect(generateCsvParts(db, []))).toEqual([HEADER_PART]);
  });

  it('writes several lists into one file, each told apart by its name and id, never mixing in other lists', async () => {
    const { db, store } = setup();
    const alpha = await store.createList({ name: 'Alpha', contacts: contacts(7, 'alpha') });
    await store.createList({ name: 'Not exported', contacts: contacts(4, 'other') });
    const beta = await store.createList({ name: 'Beta', contacts: contacts(3, 'beta') });
    const parts = await collect(generateCsvParts(db, [beta, alpha], { chunkRows: 4 }));
    const [, ...rows] = parseCsv(parts.join('').slice(1));
    expect(column(rows, 'listName')).toEqual([...Array<string>(3).fill('Beta'), ...Array<string>(7).fill('Alpha')]);
    expect(column(rows, 'listId')).toEqual([...Array<string>(3).fill(beta.id), ...Array<string>(7).fill(alpha.id)]);
    expect(column(rows, 'fullName')).toEqual([
      ...contacts(3, 'beta').map((contact) => contact.fullName),
      ...contacts(7, 'alpha').map((contact) => contact.fullName),
    ]);
  });

  it('rejects with a 409 when a list is deleted while it is being exported', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'Doomed', contacts: contacts(6) });
    const parts = generateCsvParts(db, [list], {
      chunkRows: 2,
      yieldToEventLoop: () => store.deleteList(list.id),
    });
    const error = await collect(parts).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, error: 'conflict', message: expect.stringContaining('"Doomed"') });
  });

  it('serialises CSV_CHUNK_ROWS contacts per part by default', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'Chunked', contacts: contacts(CSV_CHUNK_ROWS + 1) });
    const parts = await collect(generateCsvParts(db, [list]));
    expect(parts.map((part) => part.split('\r\n').length - 1)).toEqual([1, CSV_CHUNK_ROWS, 1]);
  });

  it('round-trips any text through UTF-8 bytes and a standard CSV parser to the same or neutralised values', async () => {
    const contact = fc.record(
      {
        firstName: hostileString,
        lastName: hostileString,
        fullName: hostileString,
        headline: hostileString,
        role: hostileString,
        companyName: hostileString,
        location: hostileString,
        email: hostileString,
        phone: hostileString,
        publicProfileUrl: hostileString.map((vanity) => `https://www.linkedin.com/in/${encodeURIComponent(vanity)}`),
        connectedOn: fc
          .date({ min: new Date('2003-05-05T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
          .map((day) => day.toISOString().slice(0, 10)),
        seniority: fc.array(hostileString, { maxLength: 3 }),
        positions: fc.array(fc.record({ title: hostileString, companyName: hostileString }, { requiredKeys: [] }), {
          maxLength: 3,
        }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(hostileString, fc.array(contact, { maxLength: 6 }), async (text, people) => {
        // A list name keeps to the text rule (no controls); formula triggers and CSV syntax stay.
        const name = cleanScrapedText(text, NAME_MAX);
        fc.pre(name !== undefined);
        const { db, store } = setup();
        const list: ContactList = await store.createList({
          name,
          contacts: people.map((person, i) => ({ ...person, baseContactId: `urn:li:member:${i}` })),
        });
        const parts = await collect(generateCsvParts(db, [list], { chunkRows: 4 }));
        const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
        const [header, ...rows] = parseCsvBytes(bytes);

        expect(header).toEqual(CSV_HEADERS);
        expect(rows).toHaveLength(people.length);
        rows.forEach((row, i) => {
          const person = people[i] ?? {};
          const cell = (key: string) => row[CSV_HEADERS.indexOf(key)];
          expect(row).toHaveLength(CSV_HEADERS.length);
          expect(cell('listName')).toBe(expectedCell(list.name));
          for (const key of [
            'firstName',
            'lastName',
            'fullName',
            'headline',
            'role',
            'companyName',
            'location',
            'email',
            'phone',
            'publicProfileUrl',
            'connectedOn',
          ] as const) {
            expect(cell(key)).toBe(expectedCell(person[key]));
          }
          expect(cell('seniority')).toBe(expectedCell(person.seniority?.join(', ')));
          expect(cell('positions')).toBe(expectedCell(person.positions && formatPositions(person.positions)));
          const fromItem = person.role !== undefined || person.companyName !== undefined;
          const current = fromItem ? person : { role: person.positions?.[0]?.title, companyName: person.positions?.[0]?.companyName };
          expect(cell('currentTitle')).toBe(expectedCell(current.role));
          expect(cell('currentCompany')).toBe(expectedCell(current.companyName));
        });
        await db.delete();
      }),
      { numRuns: 60 },
    );
  });
});

describe('exporting an older version', () => {
  it('writes the version as it was, with the list export’s columns, named after its version and its day', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'Stripe: VP Sales', contacts: contacts(5) });
    let ids = 0;
    const refreshedAt = new Date(2026, 10, 23, 10, 0).getTime();
    const later = [...contacts(5).slice(2), ...contacts(2, 'joined')];
    await db.transaction('rw', refreshTables(db), () =>
      commitRefresh(db, { listId: list.id, contacts: later, now: refreshedAt, newId: () => `new-${++ids}`, keep: 20 }),
    );

    const first = await planVersionExport(db, list.id, 1);
    expect(first.fileName).toBe(`Stripe_ VP Sales version 1-${localDay(Date.parse(list.createdAt))}.csv`);
    const parts = await collect(generateVersionParts(first, { chunkRows: 2, yieldToEventLoop: async () => undefined }));
    expect(parts).toHaveLength(1 + 3);
    const [header, ...rows] = parseCsv(parts.join('').slice(1));
    expect(header).toEqual(CSV_HEADERS);
    expect(column(rows, 'fullName')).toEqual(contacts(5).map((contact) => contact.fullName));
    expect(new Set(column(rows, 'listName'))).toEqual(new Set(['Stripe: VP Sales']));

    const second = await planVersionExport(db, list.id, 2);
    expect(second.fileName).toBe('Stripe_ VP Sales version 2-2026-11-23.csv');
    expect(second.items.map((item) => item.fullName)).toEqual(later.map((contact) => contact.fullName));
  });

  it('refuses a version the history does not hold, and an unknown list, with a 404', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'Never refreshed', contacts: contacts(1) });
    for (const [listId, version] of [
      [list.id, 2],
      [list.id, 0],
      ['nope', 1],
    ] as const) {
      const error = await planVersionExport(db, listId, version).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 404, error: 'not_found' });
    }
  });
});
