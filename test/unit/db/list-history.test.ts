import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ProspectDb } from '../../../lib/db/database';
import {
  commitRefresh,
  readLatestChanges,
  readVersionItems,
  readVersions,
  refreshTables,
  type RefreshCommit,
} from '../../../lib/db/list-history';
import { itemsOf, LocalContactLists } from '../../../lib/db/local-contact-lists';
import { ApiError } from '../../../lib/model/errors';
import { contactListSchema } from '../../../lib/model/schemas';
import type { SnapshotContact } from '../../../lib/model/snapshot';
import { versionedView, type VersionItem } from '../../../lib/model/snapshot-diff';

const dbs: ProspectDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

const START = Date.parse('2026-11-22T09:00:00.000Z');
const DAY = 24 * 60 * 60_000;

function setup() {
  const db = new ProspectDb(`history-${crypto.randomUUID()}`);
  dbs.push(db);
  let now = START;
  let ids = 0;
  const newId = () => `id-${String(++ids).padStart(6, '0')}`;
  const store = new LocalContactLists(db, { clock: () => now, newId });
  /** Commits `contacts` as the list's next version, a day after the last, in its own transaction. */
  const refresh = (listId: string, contacts: readonly SnapshotContact[], extra: Partial<RefreshCommit> = {}) => {
    now += DAY;
    // An async scope: Dexie keeps its transaction across the awaits of an async function only.
    return db.transaction('rw', refreshTables(db), async () => commitRefresh(db, { listId, contacts, now, newId, keep: 20, ...extra }));
  };
  return { db, store, refresh, now: () => now };
}

function person(n: number, role = 'VP Sales', companyName = 'Stripe', location = 'Paris'): SnapshotContact {
  return {
    baseContactId: `urn:li:member:${n}`,
    firstName: `First${n}`,
    lastName: `Last${n}`,
    fullName: `First${n} Last${n}`,
    role,
    companyName,
    location,
    positions: [{ title: role, companyName, tenureInMonths: 12 }],
  };
}

const people = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => person(from + i));
const members = (items: readonly { baseContactId: string }[]) => items.map((item) => item.baseContactId);

/** Everything stored about a list, to compare before and after. */
async function everything(db: ProspectDb, listId: string) {
  return {
    list: await db.lists.get(listId),
    items: await itemsOf(db, listId).toArray(),
    versions: await readVersions(db, listId),
    leavers: await db.leavers.toArray(),
    baseContacts: await db.baseContacts.count(),
  };
}

describe('commitRefresh', () => {
  it('makes the new snapshot the list, keeps ids of the people who stayed, and records the change', async () => {
    const { db, store, refresh, now } = setup();
    const list = await store.createList({ name: 'VPs', contacts: people(0, 5), source: { kind: 'search', size: 5 }, matchedCount: 5 });
    const before = await itemsOf(db, list.id).toArray();

    // 0 and 1 left, 5 and 6 joined, 3 became CRO, 4 moved to Lyon.
    const next = [person(2), person(3, 'CRO'), person(4, 'VP Sales', 'Stripe', 'Lyon'), person(5), person(6)];
    const result = await refresh(list.id, next, {
      matchedCount: 5,
      report: { fetched: 5, kept: 5, dropped: { duplicates: 0, unnamed: 0, invalid: 0 } },
    });

    expect(result).toMatchObject({ version: 2, counts: { joined: 2, left: 2, changed: 2 } });
    const { list: stored, items, versions } = await everything(db, list.id);
    expect(contactListSchema.parse(stored)).toMatchObject({
      id: list.id,
      name: 'VPs',
      contactCount: 5,
      matchedCount: 5,
      createdAt: list.createdAt,
      updatedAt: new Date(now()).toISOString(),
      report: { fetched: 5, kept: 5 },
      refresh: { version: 2, auto: 'off', lastRefreshedAt: new Date(now()).toISOString(), unseen: true },
    });
    expect(members(items)).toEqual(members(next));
    expect(items.map((item) => item.position)).toEqual([0, 1, 2, 3, 4]);
    const kept = new Map(before.map((item) => [item.baseContactId, item]));
    for (const item of items.slice(0, 3)) {
      expect(item.id).toBe(kept.get(item.baseContactId)!.id);
      expect(item.createdAt).toBe(list.createdAt);
    }
    for (const item of items.slice(3)) {
      expect(kept.has(item.baseContactId)).toBe(false);
      expect(item.createdAt).toBe(new Date(now()).toISOString());
    }
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      version: 2,
      older: { count: 5, matched: 5 },
      newer: { count: 5, matched: 5 },
      counts: result.counts,
    });
  });

  it('says what changed, by person: who joined, who left and why, and the old and new title, company and location', async () => {
    const { db, store, refresh } = setup();
    const list = await store.createList({ name: 'VPs', contacts: people(0, 4), source: { kind: 'search', size: 10 }, matchedCount: 4 });
    await refresh(list.id, [person(1, 'CRO', 'Globex'), person(2), person(3, 'VP Sales', 'Stripe', 'Lyon'), person(9)], {
      matchedCount: 4,
    });

    const changes = await readLatestChanges(db, list.id);
    expect(changes?.record.counts).toEqual({ joined: 1, left: 1, changed: 2 });
    const rows = changes!.rows.map((row) => {
      if (row.change === 'left') return { change: row.change, who: row.item.baseContactId, reason: row.reason };
      if (row.change === 'changed')
        return {
          change: row.change,
          who: row.item.baseContactId,
          previous: row.previous,
          now: [row.item.role, row.item.companyName, row.item.location],
        };
      return { change: row.change, who: row.item.baseContactId };
    });
    expect(rows).toEqual([
      { change: 'joined', who: 'urn:li:member:9' },
      { change: 'left', who: 'urn:li:member:0', reason: 'noLongerMatches' },
      {
        change: 'changed',
        who: 'urn:li:member:1',
        previous: { role: 'VP Sales', companyName: 'Stripe', location: 'Paris' },
        now: ['CRO', 'Globex', 'Paris'],
      },
      {
        change: 'changed',
        who: 'urn:li:member:3',
        previous: { role: 'VP Sales', companyName: 'Stripe', location: 'Paris' },
        now: ['VP Sales', 'Stripe', 'Lyon'],
      },
    ]);
  });

  it('says a leaver may have moved past the list size when either search matched more than the list holds', async () => {
    const { db, store, refresh } = setup();
    const capped = await store.createList({
      name: 'Capped',
      contacts: people(0, 3),
      source: { kind: 'search', size: 3 },
      matchedCount: 40,
    });
    await refresh(capped.id, people(1, 4), { matchedCount: 41 });
    const uncappedBefore = await store.createList({ name: 'Now capped', contacts: people(0, 3), matchedCount: 3 });
    await refresh(uncappedBefore.id, people(1, 4), { matchedCount: 9 });
    const neither = await store.createList({ name: 'Whole', contacts: people(0, 3), matchedCount: 3 });
    await refresh(neither.id, people(1, 4), { matchedCount: 3 });

    const reasons = async (listId: string) =>
      (await readLatestChanges(db, listId))!.rows.flatMap((row) => (row.change === 'left' ? [row.reason] : []));
    expect(await reasons(capped.id)).toEqual(['mayHaveMovedPastSize']);
    expect(await reasons(uncappedBefore.id)).toEqual(['mayHaveMovedPastSize']);
    expect(await reasons(neither.id)).toEqual(['noLongerMatches']);
  });

  it('marks the list unseen only when something changed, and keeps it unseen until it is seen', async () => {
    const { db, store, refresh } = setup();
    const list = await store.createList({ name: 'Same', contacts: people(0, 3) });
    await refresh(list.id, people(0, 3));
    expect((await db.lists.get(list.id))?.refresh).toMatchObject({ version: 2, unseen: false });
    expect((await readLatestChanges(db, list.id))?.rows).toEqual([]);
    await refresh(list.id, people(0, 4));
    await refresh(list.id, people(0, 4));
    expect((await db.lists.get(list.id))?.refresh).toMatchObject({ version: 4, unseen: true });
  });

  it('keeps the schedule and the name the list has when it commits', async () => {
    const { db, store, refresh } = setup();
    const list = await store.createList({ name: 'Before', contacts: people(0, 2) });
    await store.renameList(list.id, { name: 'After' });
    await db.lists.update(list.id, { refresh: { version: 1, auto: 'weekly', nextRunAt: '2026-12-01T00:00:00.000Z' } });
    await refresh(list.id, people(0, 3));
    expect(await db.lists.get(list.id)).toMatchObject({
      name: 'After',
      refresh: { version: 2, auto: 'weekly', nextRunAt: '2026-12-01T00:00:00.000Z' },
    });
  });

  it('writes nothing at all when the transaction it runs in fails', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'Kept', contacts: people(0, 4), matchedCount: 4 });
    const before = await everything(db, list.id);
    const failing = db.transaction('rw', refreshTables(db), async () => {
      await commitRefresh(db, { listId: list.id, contacts: people(2, 9), now: START + DAY, newId: () => crypto.randomUUID(), keep: 20 });
      throw new Error('the job could not end');
    });
    await expect(failing).rejects.toThrow('the job could not end');
    expect(await everything(db, list.id)).toEqual(before);
  });

  it('refuses a list that does not exist with a 404', async () => {
    const { refresh } = setup();
    await expect(refresh('nope', people(0, 1))).rejects.toMatchObject({ status: 404 });
  });

  it('stores the people who came back as no longer having left', async () => {
    const { db, store, refresh } = setup();
    const list = await store.createList({ name: 'Back', contacts: people(0, 3) });
    await refresh(list.id, people(1, 3));
    await db.leavers.put({
      listId: list.id,
      baseContactId: 'urn:li:member:0',
      version: 2,
      status: 'notFound',
      checkedAt: '2026-11-24T00:00:00.000Z',
    });
    await refresh(list.id, people(0, 3));
    expect(await db.leavers.count()).toBe(0);
  });
});

describe('history', () => {
  it('lists every refresh newest first, and rebuilds each older version exactly as it was', async () => {
    const { db, store, refresh } = setup();
    const versions = [people(0, 5), [person(0, 'CRO'), ...people(2, 7)], people(3, 4), [], people(10, 13)];
    const list = await store.createList({ name: 'Chain', contacts: versions[0]! });
    const captured: VersionItem[][] = [await itemsOf(db, list.id).toArray()];
    for (const contacts of versions.slice(1)) {
      await refresh(list.id, contacts);
      captured.push(await itemsOf(db, list.id).toArray());
    }
    expect((await readVersions(db, list.id)).map((record) => [record.version, record.newer.count])).toEqual([
      [5, 3],
      [4, 0],
      [3, 1],
      [2, 6],
    ]);
    for (const [i, items] of captured.entries()) {
      expect((await readVersionItems(db, list.id, i + 1)).map(versionedView)).toEqual(items.map(versionedView));
    }
  });

  it('keeps the last N refreshes: the versions before them are let go and read as 404', async () => {
    const { db, store, refresh } = setup();
    const list = await store.createList({ name: 'Pruned', contacts: people(0, 2) });
    for (let n = 3; n <= 7; n += 1) await refresh(list.id, people(0, n), { keep: 2 });
    expect((await readVersions(db, list.id)).map((record) => record.version)).toEqual([6, 5]);
    // Version 4 is the one the oldest kept refresh started from: still whole.
    expect(members(await readVersionItems(db, list.id, 4))).toEqual(members(people(0, 5)));
    const gone = await readVersionItems(db, list.id, 3).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ApiError);
    expect(gone).toMatchObject({ status: 404 });
    for (const version of [0, 7, 1.5]) await expect(readVersionItems(db, list.id, version)).rejects.toMatchObject({ status: 404 });
  });

  it('goes with its list: deleting a list deletes its history and leavers, and nobody else’s', async () => {
    const { db, store, refresh } = setup();
    const gone = await store.createList({ name: 'Gone', contacts: people(0, 3) });
    const stays = await store.createList({ name: 'Stays', contacts: people(0, 3) });
    for (const list of [gone, stays]) {
      await refresh(list.id, people(1, 4));
      await db.leavers.put({
        listId: list.id,
        baseContactId: 'urn:li:member:0',
        version: 2,
        status: 'notFound',
        checkedAt: '2026-11-24T00:00:00.000Z',
      });
    }
    await store.deleteList(gone.id);
    expect(await db.versions.toArray()).toEqual([expect.objectContaining({ listId: stays.id })]);
    expect(await db.leavers.toArray()).toEqual([expect.objectContaining({ listId: stays.id })]);
  });

  it('has no changes for a list never refreshed', async () => {
    const { db, store } = setup();
    const list = await store.createList({ name: 'New', contacts: people(0, 2) });
    expect(await readLatestChanges(db, list.id)).toBeUndefined();
    expect(await readVersions(db, list.id)).toEqual([]);
    expect(members(await readVersionItems(db, list.id, 1))).toEqual(members(people(0, 2)));
  });

  it('property: any chain of refreshes rebuilds every kept version exactly, and stores the leavers and joiners the counts say', async () => {
    // A population of 30 people; each version is a random subset in a random order, some with a new title.
    const version = fc
      .uniqueArray(fc.record({ n: fc.integer({ min: 0, max: 29 }), cro: fc.boolean() }), { selector: (p) => p.n, maxLength: 12 })
      .map((picked) => picked.map(({ n, cro }) => person(n, cro ? 'CRO' : 'VP Sales')));
    await fc.assert(
      fc.asyncProperty(fc.array(version, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), async (chain, keep) => {
        const { db, store, refresh } = setup();
        const list = await store.createList({ name: 'Prop', contacts: chain[0]! });
        const captured: VersionItem[][] = [await itemsOf(db, list.id).toArray()];
        for (const contacts of chain.slice(1)) {
          await refresh(list.id, contacts, { keep });
          captured.push(await itemsOf(db, list.id).toArray());
        }
        const current = captured.length;
        const oldestKept = Math.max(1, current - keep);
        for (let v = 1; v <= current; v += 1) {
          if (v < oldestKept) await expect(readVersionItems(db, list.id, v)).rejects.toMatchObject({ status: 404 });
          else expect((await readVersionItems(db, list.id, v)).map(versionedView)).toEqual(captured[v - 1]!.map(versionedView));
        }
        for (const record of await readVersions(db, list.id)) {
          expect(record.changeSet.left).toHaveLength(record.counts.left);
          expect(record.changeSet.joined).toHaveLength(record.counts.joined);
        }
        await db.delete();
      }),
      { numRuns: 40 },
    );
  });
});
