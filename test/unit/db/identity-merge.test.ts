import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ProspectDb } from '../../../lib/db/database';
import { commitRefresh } from '../../../lib/db/list-history';
import { itemsOf, LocalContactLists } from '../../../lib/db/local-contact-lists';
import { countListsByContact } from '../../../lib/db/panel-queries';
import { parseConnectionsPage } from '../../../lib/linkedin/connections';
import { parseConnectionsCsv } from '../../../lib/linkedin/connections-csv';
import { parseTask } from '../../../lib/linkedin/contacts-api';
import type { SnapshotContact } from '../../../lib/model/snapshot';
import { CONNECTION_TYPE, PROFILE_TYPE } from '../../../lib/linkedin/connections';

const dbs: ProspectDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

function setup() {
  const db = new ProspectDb(`identity-${crypto.randomUUID()}`);
  dbs.push(db);
  return { db, store: new LocalContactLists(db) };
}

/** Ada as each source delivers her, through the sources' own parsers. */
const ada = {
  csv: (): SnapshotContact =>
    parseConnectionsCsv(
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n' +
        'Ada,Lovelace,https://www.linkedin.com/in/Ada-Lovelace/,ada@example.com,Analytical Engines,Mathematician,15 Mar 2024\n',
    ).contacts[0]!,
  connection: (): SnapshotContact =>
    parseConnectionsPage({
      data: { paging: { start: 0, count: 40 }, '*elements': ['urn:li:fsd_connection:A'] },
      included: [
        { $type: CONNECTION_TYPE, entityUrn: 'urn:li:fsd_connection:A', createdAt: 1710460800000, connectedMember: 'urn:li:fsd_profile:A' },
        {
          $type: PROFILE_TYPE,
          entityUrn: 'urn:li:fsd_profile:A',
          firstName: 'Ada',
          lastName: 'Lovelace',
          publicIdentifier: 'ada-lovelace',
        },
      ],
    }).contacts[0]!,
  addressBook: (): SnapshotContact => {
    const task = parseTask({
      status: 'SUCCEEDED',
      'result~': {
        contacts: [{ emailAddress: 'Ada@Example.com', name: 'Ada Lovelace', phoneNumber: { number: '+44 20 7946 0958' } }],
        expiresAt: 1,
      },
    });
    if (task.status !== 'SUCCEEDED') throw new Error('not a succeeded task');
    return task.contacts[0]!;
  },
};

type Source = keyof typeof ada;

async function importInOrder(order: readonly Source[]) {
  const { db, store } = setup();
  const lists = [];
  for (const source of order) lists.push(await store.createList({ name: source, contacts: [ada[source]()] }));
  const items = await db.items.toArray();
  return { db, store, lists, items, bases: await db.baseContacts.toArray() };
}

describe('one person across sources', () => {
  it('makes the Connections.csv row and the connection read through the session one base contact, in either order', async () => {
    for (const order of [
      ['csv', 'connection'],
      ['connection', 'csv'],
    ] as const) {
      const { db, items, bases } = await importInOrder(order);
      expect(bases).toHaveLength(1);
      expect(new Set(items.map((item) => item.baseContactId))).toEqual(new Set([bases[0]!.id]));
      expect(bases[0]).toMatchObject({ id: 'https://www.linkedin.com/in/ada-lovelace', email: 'ada@example.com' });
      expect((await countListsByContact(db, [bases[0]!.id])).get(bases[0]!.id)).toBe(2);
    }
  });

  it('joins the address book by email to the CSV row and the connection by profile URL, in any order', async () => {
    for (const order of [
      ['csv', 'addressBook', 'connection'],
      ['addressBook', 'csv', 'connection'],
      ['addressBook', 'connection', 'csv'],
      ['connection', 'addressBook', 'csv'],
    ] as const) {
      const { db, items, bases } = await importInOrder(order);
      // In the last two orders the address book and the connection share no key until the CSV row
      // links them: its arrival folds the two records into one, and every list follows.
      expect(bases, order.join(' → ')).toHaveLength(1);
      const [record] = bases;
      expect(new Set(items.map((item) => item.baseContactId))).toEqual(new Set([record!.id]));
      expect(new Set(record!.keys)).toEqual(new Set(['https://www.linkedin.com/in/ada-lovelace', 'mailto:ada@example.com']));
      expect(record).toMatchObject({
        email: expect.stringMatching(/^ada@example\.com$/i),
        phone: '+44 20 7946 0958',
        fullName: 'Ada Lovelace',
        detailed: 1,
      });
      expect((await countListsByContact(db, [record!.id])).get(record!.id)).toBe(3);
    }
  });

  it('keeps two Sales Navigator leads apart even when they share an email, and two people of one snapshot apart', async () => {
    const { db, store } = setup();
    await store.createList({ name: 'A', contacts: [{ baseContactId: 'urn:li:member:1', fullName: 'Ada', email: 'team@example.com' }] });
    await store.createList({ name: 'B', contacts: [{ baseContactId: 'urn:li:member:2', fullName: 'Grace', email: 'team@example.com' }] });
    expect((await db.items.toArray()).map((item) => item.baseContactId).sort()).toEqual(['urn:li:member:1', 'urn:li:member:2']);

    await store.createList({
      name: 'Book',
      contacts: [
        { baseContactId: 'mailto:ada@example.com', email: 'ada@example.com' },
        { baseContactId: 'https://www.linkedin.com/in/ada', publicProfileUrl: 'https://www.linkedin.com/in/ada', email: 'ada@example.com' },
      ],
    });
    const book = await db.lists.filter((list) => list.name === 'Book').first();
    const ids = (await itemsOf(db, book!.id).toArray()).map((item) => item.baseContactId);
    expect(new Set(ids).size).toBe(2);
  });

  it('refreshes a list whose people were joined to another source without seeing anyone leave or join', async () => {
    const { db, store } = setup();
    const connections = await store.createList({ name: 'Connections', source: { kind: 'connections' }, contacts: [ada.connection()] });
    await store.createList({ name: 'CSV', contacts: [ada.csv()] });
    await store.createList({ name: 'Book', contacts: [ada.addressBook()] });

    // An async scope, as a job's commit has: Dexie follows its awaits as the transaction's.
    const refreshed = await db.transaction('rw', [db.lists, db.items, db.baseContacts, db.versions, db.leavers], async () =>
      commitRefresh(db, {
        listId: connections.id,
        contacts: [ada.connection()],
        now: Date.now(),
        newId: () => crypto.randomUUID(),
        keep: 5,
      }),
    );
    expect(refreshed.counts).toEqual({ joined: 0, left: 0, changed: 0 });
    expect(new Set((await db.items.toArray()).map((item) => item.baseContactId)).size).toBe(1);
  });

  it('reads a stored connection before writing it again only when its key finds it, and so loses no fact (property)', async () => {
    const urls = ['https://www.linkedin.com/in/ada', 'https://www.linkedin.com/in/grace', 'https://www.linkedin.com/in/alan'];
    const optional = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined });
    const contact = fc.record({
      baseContactId: fc.constantFrom(...urls),
      firstName: optional(fc.constantFrom('Ada', 'Grace')),
      fullName: optional(fc.constantFrom('Ada Lovelace', 'Grace Hopper')),
      headline: optional(fc.constantFrom('Mathematician', 'Admiral')),
      phone: optional(fc.constantFrom('+44 20 7946 0958', '+1 555 0100')),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uniqueArray(contact, { selector: (c) => c.baseContactId, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        async (snapshots) => {
          const { db, store } = setup();
          const expected = new Map<string, Record<string, unknown>>();
          for (const [i, snapshot] of snapshots.entries()) {
            await store.createList({ name: `Snapshot ${i}`, contacts: snapshot.map((c) => ({ ...c, publicProfileUrl: c.baseContactId })) });
            for (const { baseContactId, headline: _headline, ...facts } of snapshot) {
              const defined = Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined));
              expected.set(baseContactId, { ...expected.get(baseContactId), ...defined });
            }
          }
          for (const [id, facts] of expected) {
            const { updatedAt: _updatedAt, detailed: _detailed, id: _id, keys, ...stored } = (await db.baseContacts.get(id))!;
            expect(stored).toEqual(facts);
            expect(keys).toEqual([id]);
          }
          expect(await db.baseContacts.count()).toBe(expected.size);
          await db.delete();
        },
      ),
      { numRuns: 50 },
    );
  });
});
