import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ProspectDb } from '../../../lib/db/database';
import { LocalContactLists } from '../../../lib/db/local-contact-lists';
import { type SnapshotContact } from '../../../lib/model/snapshot';
import { foldText } from '../../../lib/model/text';
import {
  canDeleteOnSaber,
  contactMatches,
  countListsByContact,
  filterListsByName,
  hasQueuedCreate,
  readActiveJobKinds,
  readItemsAt,
  readItemsPage,
  readJobsNewestFirst,
  readListsNewestFirst,
  searchListPositions,
  toSearchTerms,
} from '../../../lib/db/panel-queries';
import type { ItemRecord, JobRecord } from '../../../lib/db/records';

const dbs: ProspectDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

function setup() {
  const db = new ProspectDb(`panel-${crypto.randomUUID()}`);
  dbs.push(db);
  let now = Date.parse('2026-11-22T09:00:00.000Z');
  let ids = 0;
  const store = new LocalContactLists(db, { clock: () => (now += 1000), newId: () => `id-${++ids}` });
  return { db, store };
}

const PEOPLE: SnapshotContact[] = [
  {
    baseContactId: 'm:1',
    fullName: 'Zoë Ångström',
    role: 'VP Sales',
    companyName: 'Stripe',
    location: 'Stockholm, Sweden',
    seniority: ['VP'],
  },
  {
    baseContactId: 'm:2',
    fullName: 'Иван Петров',
    role: 'Head of Growth',
    companyName: 'Stripe',
    location: 'Berlin, Germany',
    seniority: ['DIRECTOR'],
  },
  { baseContactId: 'm:3', fullName: '山田 太郎', role: 'Account Executive', companyName: 'Stripe', location: 'Tokyo, Japan' },
  { baseContactId: 'm:4', firstName: 'Grace', lastName: 'Hopper', role: 'CRO', companyName: 'Acme', headline: 'Building revenue teams' },
];

function people(count: number): SnapshotContact[] {
  return Array.from({ length: count }, (_, i) => ({
    baseContactId: `m:bulk:${i}`,
    fullName: `Person ${i}`,
    role: i % 7 === 0 ? 'Sales Director' : 'Engineer',
    companyName: 'Stripe',
  }));
}

describe('lists and jobs', () => {
  it('reads lists newest first', async () => {
    const { db, store } = setup();
    await store.createList({ name: 'First', contacts: [] });
    await store.createList({ name: 'Second', contacts: [] });
    await store.createList({ name: 'Third', contacts: [] });
    expect((await readListsNewestFirst(db)).map((l) => l.name)).toEqual(['Third', 'Second', 'First']);
  });

  it('reads jobs newest first', async () => {
    const { db } = setup();
    const job = (id: string, createdAt: string): JobRecord => ({
      id,
      kind: 'capture',
      subject: id,
      status: 'done',
      params: {},
      phase: 'done',
      progress: { done: 1, total: 1, contacts: 0 },
      attempts: 0,
      createdAt,
      updatedAt: createdAt,
    });
    await db.jobs.bulkAdd([job('old', '2026-11-01T00:00:00.000Z'), job('new', '2026-11-02T00:00:00.000Z')]);
    expect((await readJobsNewestFirst(db)).map((j) => j.id)).toEqual(['new', 'old']);
  });

  it('reads the kinds of the jobs under way about one list, whatever other jobs hold', async () => {
    const { db } = setup();
    const at = '2026-11-22T09:00:00.000Z';
    const job = (id: string, kind: string, status: JobRecord['status'], params: unknown): JobRecord => ({
      id,
      kind,
      status,
      params,
      phase: 'pages',
      progress: { done: 0, total: 0, contacts: 0 },
      attempts: 0,
      createdAt: at,
      updatedAt: at,
    });
    await db.jobs.bulkAdd([
      job('refreshing', 'refresh.list', 'running', { listId: 'a' }),
      job('checking', 'refresh.leavers', 'waiting', { listId: 'a', version: 2 }),
      job('queued', 'saber.outbox', 'queued', {}),
      job('ended', 'capture.search', 'done', { listId: 'a' }),
      job('other', 'refresh.list', 'queued', { listId: 'b' }),
      job('odd', 'refresh.list', 'queued', { listId: 7 }),
      job('none', 'refresh.list', 'queued', null),
    ]);
    expect(await readActiveJobKinds(db, 'a')).toEqual(new Set(['refresh.list', 'refresh.leavers']));
    expect(await readActiveJobKinds(db, 'b')).toEqual(new Set(['refresh.list']));
    expect(await readActiveJobKinds(db, 'c')).toEqual(new Set());
  });

  it('filters lists by every word of the name, ignoring case and accents', async () => {
    const { db, store } = setup();
    await store.createList({ name: 'Sales leaders at Stripe', contacts: [] });
    await store.createList({ name: 'Équipe produit — Paris', contacts: [] });
    await store.createList({ name: 'Stripe engineers', contacts: [] });
    const lists = await readListsNewestFirst(db);
    expect(filterListsByName(lists, 'stripe').map((l) => l.name)).toEqual(['Stripe engineers', 'Sales leaders at Stripe']);
    expect(filterListsByName(lists, 'STRIPE   sales').map((l) => l.name)).toEqual(['Sales leaders at Stripe']);
    expect(filterListsByName(lists, 'equipe').map((l) => l.name)).toEqual(['Équipe produit — Paris']);
    expect(filterListsByName(lists, '   ')).toHaveLength(3);
    expect(filterListsByName(lists, 'nothing')).toEqual([]);
  });
});

describe('Saber copies', () => {
  it('sees a create waiting in the outbox for one list only', async () => {
    const { db } = setup();
    const row = (listId: string, op: 'create' | 'rename' | 'delete') => ({
      listId,
      op,
      payload: {},
      createdAt: '2026-11-22T09:00:00.000Z',
      attempts: 0,
    });
    await db.outbox.bulkAdd([row('queued', 'create'), row('queued', 'rename'), row('renamed', 'rename'), row('other', 'delete')]);
    expect(await hasQueuedCreate(db, 'queued')).toBe(true);
    expect(await hasQueuedCreate(db, 'renamed')).toBe(false);
    expect(await hasQueuedCreate(db, 'other')).toBe(false);
    expect(await hasQueuedCreate(db, 'missing')).toBe(false);
  });

  it('offers deleting on Saber for a list there or on its way there, not for one Saber deleted', () => {
    expect(canDeleteOnSaber({ sync: { state: 'synced', remoteId: 'r' } }, false)).toBe(true);
    expect(canDeleteOnSaber({ sync: { state: 'pending', remoteId: 'r' } }, false)).toBe(true);
    expect(canDeleteOnSaber({ sync: { state: 'pending' } }, true)).toBe(true);
    expect(canDeleteOnSaber({ sync: { state: 'pending' } }, false)).toBe(false);
    expect(canDeleteOnSaber({ sync: { state: 'local' } }, false)).toBe(false);
    expect(canDeleteOnSaber({}, false)).toBe(false);
    expect(canDeleteOnSaber({ sync: { state: 'deletedRemote', remoteId: 'r' } }, false)).toBe(false);
    // Pushed again after Saber deleted it: the new create makes it Saber's again.
    expect(canDeleteOnSaber({ sync: { state: 'deletedRemote', remoteId: 'r' } }, true)).toBe(true);
  });
});

describe('text folding', () => {
  it('folds case, accents and spacing', () => {
    expect(foldText('  Zoë   ÅNGSTRÖM ')).toBe('zoe angstrom');
    expect(toSearchTerms(' VP  Sales ')).toEqual(['vp', 'sales']);
  });

  it('keeps every name findable by itself, whatever its script', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (name) => {
        fc.pre(toSearchTerms(name).length > 0);
        const item: ItemRecord = {
          id: 'i',
          listId: 'l',
          baseContactId: 'b',
          position: 0,
          createdAt: '2026-01-01T00:00:00Z',
          fullName: name,
        };
        expect(contactMatches(item, toSearchTerms(name))).toBe(true);
      }),
    );
  });
});

describe('contacts of a list', () => {
  it('pages through a list by position, one key range per page', async () => {
    const { db, store } = setup();
    const other = await store.createList({ name: 'Other', contacts: people(30) });
    const list = await store.createList({ name: 'Big', contacts: people(250) });
    const page = await readItemsPage(db, list.id, 1);
    expect(page).toHaveLength(100);
    expect(page.map((row) => row.position)).toEqual(Array.from({ length: 100 }, (_, i) => 100 + i));
    expect(page.every((row) => row.listId === list.id)).toBe(true);
    expect(await readItemsPage(db, list.id, 2)).toHaveLength(50);
    expect(await readItemsPage(db, list.id, 3)).toEqual([]);
    expect(await readItemsPage(db, other.id, 0, 10)).toHaveLength(10);
  });

  it('reads rows at given positions and skips missing ones', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'People', contacts: PEOPLE });
    const rows = await readItemsAt(db, list.id, [3, 0, 99]);
    expect(rows.map((row) => row.baseContactId)).toEqual(['m:4', 'm:1']);
  });

  it('searches name, role, company, location, seniority and headline in any script', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'People', contacts: PEOPLE });
    await store.createList({ name: 'Decoy', contacts: [{ baseContactId: 'm:9', fullName: 'Zoe Decoy' }] });
    expect(await searchListPositions(db, list.id, 'zoe')).toEqual([0]);
    expect(await searchListPositions(db, list.id, 'иван')).toEqual([1]);
    expect(await searchListPositions(db, list.id, '太郎')).toEqual([2]);
    expect(await searchListPositions(db, list.id, 'grace hopper')).toEqual([3]);
    expect(await searchListPositions(db, list.id, 'stripe')).toEqual([0, 1, 2]);
    expect(await searchListPositions(db, list.id, 'director')).toEqual([1]);
    expect(await searchListPositions(db, list.id, 'revenue')).toEqual([3]);
    expect(await searchListPositions(db, list.id, 'japan executive')).toEqual([2]);
    expect(await searchListPositions(db, list.id, 'nobody')).toEqual([]);
    expect(await searchListPositions(db, list.id, '  ')).toEqual([]);
  });

  it('walks a long list in chunks and finds every match in order', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'Big', contacts: people(1050) });
    const expected = Array.from({ length: 1050 }, (_, i) => i).filter((i) => i % 7 === 0);
    expect(await searchListPositions(db, list.id, 'sales director', { chunkSize: 100 })).toEqual(expected);
  });

  it('stops when the search is abandoned', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'People', contacts: PEOPLE });
    const controller = new AbortController();
    controller.abort();
    await expect(searchListPositions(db, list.id, 'stripe', { signal: controller.signal })).rejects.toThrow();
  });

  it('counts the distinct lists each contact is in', async () => {
    const { db, store } = setup();
    const a = await store.createList({ name: 'A', contacts: PEOPLE });
    await store.createList({ name: 'B', contacts: [PEOPLE[0]!, PEOPLE[1]!] });
    await store.createList({ name: 'C', contacts: [PEOPLE[0]!, PEOPLE[0]!] });
    const counts = await countListsByContact(db, ['m:1', 'm:2', 'm:3', 'm:1', 'unknown']);
    expect(Object.fromEntries(counts)).toEqual({ 'm:1': 3, 'm:2': 2, 'm:3': 1, unknown: 0 });

    await store.deleteList(a.id);
    expect((await countListsByContact(db, ['m:1'])).get('m:1')).toBe(2);
  });
});
