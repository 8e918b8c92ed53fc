import fc from 'fast-check';
import { liveQuery } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProspectDb } from '../../../lib/db/database';
import { deleteItemsOf, itemsOf, listTables, LocalContactLists } from '../../../lib/db/local-contact-lists';
import { type SnapshotContact } from '../../../lib/model/snapshot';
import { ApiError } from '../../../lib/model/errors';
import { contactListItemSchema, contactListSchema, type ContactList } from '../../../lib/model/schemas';

const dbs: ProspectDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

function setup(start = Date.parse('2026-11-22T09:00:00.000Z')) {
  const db = new ProspectDb(`store-${crypto.randomUUID()}`);
  dbs.push(db);
  let now = start;
  let ids = 0;
  const store = new LocalContactLists(db, { clock: () => now, newId: () => `id-${String(++ids).padStart(6, '0')}` });
  return { db, store, tick: (ms = 1000) => (now += ms) };
}

function contacts(count: number, prefix = 'member'): SnapshotContact[] {
  return Array.from({ length: count }, (_, i) => ({
    baseContactId: `urn:li:${prefix}:${i}`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    fullName: `First${i} Last${i}`,
    role: 'VP Sales',
    companyName: 'Stripe',
    seniority: ['VP'],
    positions: [{ title: 'VP Sales', companyName: 'Stripe', companyUrl: 'https://www.linkedin.com/company/2135371' }],
    linkedInSalesNavigatorProfileUrl: `https://www.linkedin.com/sales/lead/ACwAA${i},NAME_SEARCH,x`,
  }));
}

async function expectApiError(promise: Promise<unknown>, status: number, field?: string) {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  expect(apiError.status).toBe(status);
  expect(apiError.toJSON()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  if (field) expect(apiError.details?.map((d) => d.field)).toContain(field);
  return apiError;
}

describe('LocalContactLists', () => {
  it('creates a spec-valid list and items in stored order', async () => {
    const { store } = setup();
    const list = await store.createList({ name: '  Sales leaders  ', filters: { jobTitles: ['VP Sales'] }, contacts: contacts(60) });
    expect(contactListSchema.parse(list)).toEqual(list);
    expect(list).toMatchObject({ name: 'Sales leaders', contactCount: 60, createdAt: '2026-11-22T09:00:00.000Z' });
    expect(list.updatedAt).toBe(list.createdAt);

    const page = await store.listContacts(list.id);
    expect(page).toMatchObject({ total: 60, limit: 25, offset: 0, hasMore: true });
    expect(page.items.map((item) => item.baseContactId)).toEqual(contacts(25).map((c) => c.baseContactId));
    for (const item of page.items) {
      expect(contactListItemSchema.parse(item)).toEqual(item);
      expect(item).not.toHaveProperty('position');
      expect(item.listId).toBe(list.id);
    }
    const last = await store.listContacts(list.id, { limit: 100, offset: 50 });
    expect(last).toMatchObject({ total: 60, limit: 100, offset: 50, hasMore: false });
    expect(last.items.map((item) => item.fullName)).toEqual(
      contacts(60)
        .slice(50)
        .map((c) => c.fullName),
    );
    expect((await store.listContacts(list.id, { offset: 60 })).items).toEqual([]);
  });

  it('lists lists newest first with total and hasMore', async () => {
    const { store, tick } = setup();
    for (let i = 0; i < 5; i += 1) {
      await store.createList({ name: `List ${i}`, contacts: [] });
      tick();
    }
    const first = await store.listLists({ limit: 2 });
    expect(first).toMatchObject({ total: 5, limit: 2, offset: 0, hasMore: true });
    expect(first.items.map((l) => l.name)).toEqual(['List 4', 'List 3']);
    const rest = await store.listLists({ limit: 100, offset: 2 });
    expect(rest.items.map((l) => l.name)).toEqual(['List 2', 'List 1', 'List 0']);
    expect(rest.hasMore).toBe(false);
    expect((await store.listLists()).limit).toBe(20);
  });

  it('rejects bad paging naming the field', async () => {
    const { store } = setup();
    const list = await store.createList({ name: 'L', contacts: [] });
    await expectApiError(store.listLists({ limit: 0 }), 400, 'limit');
    await expectApiError(store.listLists({ limit: 101 }), 400, 'limit');
    await expectApiError(store.listLists({ offset: -1 }), 400, 'offset');
    await expectApiError(store.listContacts(list.id, { limit: 101 }), 400, 'limit');
  });

  it('renames with trimming and 1..200 characters, moving updatedAt', async () => {
    const { store } = setup();
    const list = await store.createList({ name: 'Old', contacts: [] });
    const renamed = await store.renameList(list.id, { name: '  New name ' });
    expect(renamed.name).toBe('New name');
    expect(Date.parse(renamed.updatedAt)).toBeGreaterThan(Date.parse(list.updatedAt));
    expect(renamed.createdAt).toBe(list.createdAt);
    expect(await store.getList(list.id)).toEqual(renamed);

    await expectApiError(store.renameList(list.id, { name: '   ' }), 400, 'name');
    await expectApiError(store.renameList(list.id, { name: 'x'.repeat(201) }), 400, 'name');
    expect((await store.renameList(list.id, { name: 'x'.repeat(200) })).name).toHaveLength(200);
    await expectApiError(store.renameList('missing', { name: 'x' }), 404);
  });

  it('deletes the list and its items; base contacts stay', async () => {
    const { db, store } = setup();
    const keep = await store.createList({ name: 'Keep', contacts: contacts(3) });
    const gone = await store.createList({ name: 'Gone', contacts: contacts(5) });
    await store.deleteList(gone.id);
    await expectApiError(store.getList(gone.id), 404);
    await expectApiError(store.listContacts(gone.id), 404);
    await expectApiError(store.deleteList(gone.id), 404);
    expect(await db.items.count()).toBe(3);
    expect(await db.baseContacts.count()).toBe(5);
    expect((await store.listContacts(keep.id)).total).toBe(3);
  });

  it('undoes a delete whose enclosing transaction fails, and refuses to run outside one', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'Kept', contacts: contacts(4) });
    const failing = db.transaction('rw', listTables(db), async () => {
      await store.deleteList(list.id);
      throw new Error('the caller failed after the delete');
    });
    await expect(failing).rejects.toThrow('the caller failed');
    expect((await store.listContacts(list.id)).items).toHaveLength(4);
    await expect(deleteItemsOf(db, list.id)).rejects.toThrow(/readwrite transaction/);
    expect(await db.items.count()).toBe(4);
  });

  it('tells live queries that a list and its items are gone', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'Watched', contacts: contacts(6) });
    const seen: number[] = [];
    const subscription = liveQuery(() => itemsOf(db, list.id).count()).subscribe((count) => seen.push(count));
    await vi.waitFor(() => expect(seen).toContain(6));
    await store.deleteList(list.id);
    await vi.waitFor(() => expect(seen.at(-1)).toBe(0));
    subscription.unsubscribe();
  });

  it('shares base contacts between lists and keeps facts a later snapshot lacks', async () => {
    const { db, store } = setup();
    await store.createList({
      name: 'Address book',
      source: { kind: 'addressBook' },
      contacts: [{ baseContactId: 'urn:li:member:1', fullName: 'Ada', email: 'ada@example.com' }],
    });
    await store.createList({ name: 'Search', contacts: [{ baseContactId: 'urn:li:member:1', fullName: 'Ada Lovelace' }] });
    expect(await db.baseContacts.get('urn:li:member:1')).toMatchObject({ fullName: 'Ada Lovelace', email: 'ada@example.com' });
    expect(await db.items.where('baseContactId').equals('urn:li:member:1').count()).toBe(2);
  });

  it('merges base contacts as if every stored record were read first, and keeps every key, over any sequence of snapshots (property)', async () => {
    const members = ['urn:li:member:1', 'urn:li:member:2', 'urn:li:member:3'];
    const optional = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined });
    const contact = fc.record({
      baseContactId: fc.constantFrom(...members),
      firstName: optional(fc.constantFrom('Ada', 'Grace')),
      lastName: optional(fc.constantFrom('Lovelace', 'Hopper')),
      fullName: optional(fc.constantFrom('Ada Lovelace', 'Grace Hopper')),
      linkedInSalesNavigatorProfileUrl: optional(fc.constantFrom('https://www.linkedin.com/sales/lead/A,NAME_SEARCH,x')),
      email: optional(fc.constantFrom('a@example.com', 'b@example.com')),
      phone: optional(fc.constantFrom('+44 20 7946 0958', '+1 555 0100')),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(contact, { maxLength: 4 }), { minLength: 1, maxLength: 5 }), async (snapshots) => {
        const { db, store } = setup();
        const expected = new Map<string, Record<string, unknown>>();
        const expectedKeys = new Map<string, Set<string>>();
        for (const [i, snapshot] of snapshots.entries()) {
          await store.createList({ name: `Snapshot ${i}`, contacts: snapshot });
          for (const { baseContactId, ...facts } of snapshot) {
            const defined = Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined));
            expected.set(baseContactId, { ...expected.get(baseContactId), ...defined });
            const keys = expectedKeys.get(baseContactId) ?? new Set([baseContactId]);
            if (facts.email) keys.add(`mailto:${facts.email}`);
            expectedKeys.set(baseContactId, keys);
          }
        }
        for (const [id, facts] of expected) {
          const { updatedAt: _updatedAt, detailed, id: _id, keys, ...stored } = (await db.baseContacts.get(id))!;
          expect(stored).toEqual(facts);
          // A lead keeps its member URN whatever email it shares with another: its email only joins its keys.
          expect(new Set(keys)).toEqual(expectedKeys.get(id));
          expect(detailed).toBe(facts.email !== undefined || facts.phone !== undefined ? 1 : undefined);
        }
        expect(await db.baseContacts.count()).toBe(expected.size);
      }),
      { numRuns: 60 },
    );
  });

  it('bad input is a 400 naming the field and writes nothing', async () => {
    const { db, store } = setup();
    const bad = [...contacts(3)];
    bad[2] = { ...bad[2]!, avatar: 'not a url' };
    await expectApiError(store.createList({ name: 'Bad', contacts: bad }), 400, 'contacts[2].avatar');
    await expectApiError(store.createList({ name: '', contacts: [] }), 400, 'name');
    await expectApiError(
      store.createList({ name: 'Bad filters', filters: { countries: ['Narnia'] }, contacts: [] }),
      400,
      'filters.countries[0]',
    );
    expect([await db.lists.count(), await db.items.count(), await db.baseContacts.count()]).toEqual([0, 0, 0]);
  });

  it('a failure inside the commit leaves nothing behind', async () => {
    const { db, store } = setup();
    db.items.hook('creating', (_key, item) => {
      if (item.position === 2) throw new Error('disk full');
    });
    await expect(store.createList({ name: 'Doomed', contacts: contacts(4) })).rejects.toThrow();
    expect([await db.lists.count(), await db.items.count(), await db.baseContacts.count()]).toEqual([0, 0, 0]);
  });

  it('any page of any list reads back exactly its slice (property)', async () => {
    const { store } = setup();
    const sizes = [0, 1, 25, 99, 130];
    const lists: ContactList[] = [];
    for (const size of sizes) lists.push(await store.createList({ name: `n${size}`, contacts: contacts(size, `s${size}`) }));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: sizes.length - 1 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 200 }),
        async (which, limit, offset) => {
          const size = sizes[which]!;
          const page = await store.listContacts(lists[which]!.id, { limit, offset });
          const expected = contacts(size, `s${size}`)
            .slice(offset, offset + limit)
            .map((c) => c.baseContactId);
          expect(page.items.map((item) => item.baseContactId)).toEqual(expected);
          expect(page.hasMore).toBe(offset + expected.length < size);
          expect(page.total).toBe(size);
        },
      ),
      { numRuns: 60 },
    );
  });
});
