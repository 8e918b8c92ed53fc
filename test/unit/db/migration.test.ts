import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ProspectDb, SCHEMA_VERSIONS } from '../../../lib/db/database';
import { LocalContactLists } from '../../../lib/db/local-contact-lists';

const names: string[] = [];
afterEach(async () => {
  await Promise.all(names.splice(0).map((name) => Dexie.delete(name)));
});

describe('schema migrations', () => {
  it('opens a database written by version 1 and upgrades it without losing data', async () => {
    const name = `migration-${crypto.randomUUID()}`;
    names.push(name);
    const [v1] = SCHEMA_VERSIONS;

    // Exactly what version 1 of the extension created and wrote.
    const old = new Dexie(name);
    old.version(v1.version).stores(v1.stores);
    await old.open();
    await old.table('lists').add({
      id: 'list-1',
      name: 'Written by v1',
      filters: { jobTitles: ['CTO'] },
      contactCount: 2,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await old.table('items').bulkAdd(
      [0, 1].map((position) => ({
        id: `item-${position}`,
        listId: 'list-1',
        baseContactId: `urn:li:member:${position}`,
        fullName: `Person ${position}`,
        createdAt: '2026-01-01T00:00:00.000Z',
        position,
      })),
    );
    await old.table('baseContacts').add({ id: 'urn:li:member:0', updatedAt: '2026-01-01T00:00:00.000Z' });
    old.close();

    const db = new ProspectDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    const store = new LocalContactLists(db);
    expect(await store.getList('list-1')).toMatchObject({ name: 'Written by v1', sync: { state: 'local' } });
    const contacts = await store.listContacts('list-1');
    expect(contacts.items.map((item) => item.fullName)).toEqual(['Person 0', 'Person 1']);
    expect(await db.baseContacts.count()).toBe(1);
    // Tables and indexes added by later versions are usable.
    await db.outbox.add({ listId: 'list-1', op: 'rename', payload: {}, createdAt: '2026-01-02T00:00:00.000Z', attempts: 0 });
    expect(await db.lists.where('sync.remoteId').equals('none').count()).toBe(0);
    expect(await db.meta.count()).toBe(0);
    db.close();
  });

  it('opens a database written by version 2 and marks the base contacts that hold an email or phone', async () => {
    const name = `migration-${crypto.randomUUID()}`;
    names.push(name);
    const [v1, v2] = SCHEMA_VERSIONS;

    const old = new Dexie(name);
    old.version(v1.version).stores(v1.stores);
    old.version(v2.version).stores(v2.stores);
    await old.open();
    const updatedAt = '2026-02-01T00:00:00.000Z';
    await old.table('baseContacts').bulkAdd([
      { id: 'urn:li:member:1', fullName: 'Ada', email: 'ada@example.com', updatedAt },
      { id: 'urn:li:member:2', fullName: 'Grace', phone: '+1 555 0100', updatedAt },
      { id: 'urn:li:member:3', fullName: 'Alan', updatedAt },
    ]);
    old.close();

    const db = new ProspectDb(name);
    await db.open();
    expect(await db.baseContacts.where('detailed').equals(1).primaryKeys()).toEqual(['urn:li:member:1', 'urn:li:member:2']);
    expect(await db.baseContacts.get('urn:li:member:3')).toEqual({
      id: 'urn:li:member:3',
      fullName: 'Alan',
      updatedAt,
      keys: ['urn:li:member:3'],
    });

    // A later capture of Ada keeps the email the address book gave.
    const store = new LocalContactLists(db);
    await store.createList({ name: 'Search', contacts: [{ baseContactId: 'urn:li:member:1', fullName: 'Ada Lovelace' }] });
    expect(await db.baseContacts.get('urn:li:member:1')).toMatchObject({ fullName: 'Ada Lovelace', email: 'ada@example.com' });
    db.close();
  });

  it('opens a database written by version 3 and turns its sentences into outcomes, and its gate state into one record', async () => {
    const name = `migration-${crypto.randomUUID()}`;
    names.push(name);
    const old = new Dexie(name);
    for (const entry of SCHEMA_VERSIONS.slice(0, 3)) old.version(entry.version).stores(entry.stores);
    await old.open();
    const at = '2026-11-20T09:00:00.000Z';
    await old.table('jobs').bulkAdd([
      {
        id: 'done',
        kind: 'capture.search',
        title: 'Capturing "VP Sales at Stripe"',
        status: 'done',
        params: {},
        phase: 'commit',
        progress: { done: 5, total: 5, contacts: 125 },
        attempts: 0,
        message: '125 contacts captured (1,234 matched)',
        createdAt: at,
        updatedAt: at,
      },
      {
        id: 'failed',
        kind: 'saber.pull',
        title: 'Pulling lists from Saber',
        status: 'failed',
        params: {},
        phase: 'lists',
        progress: { done: 0, total: 0, contacts: 0 },
        attempts: 0,
        error: { error: 'unauthorized', message: 'Saber rejected the API key', status: 401 },
        message: 'Saber rejected the API key',
        createdAt: at,
        updatedAt: at,
      },
    ]);
    await old.table('lists').bulkAdd([
      {
        id: 'a',
        name: 'A',
        filters: {},
        contactCount: 0,
        createdAt: at,
        updatedAt: at,
        sync: { state: 'error', message: 'Saber could not create the list: No' },
      },
      {
        id: 'b',
        name: 'B',
        filters: {},
        contactCount: 0,
        createdAt: at,
        updatedAt: at,
        sync: { state: 'deletedRemote', remoteId: 'r', message: 'Deleted on Saber' },
      },
    ]);
    await old
      .table('outbox')
      .add({ listId: 'a', op: 'create', payload: {}, createdAt: at, attempts: 2, lastError: 'rate_limited: Saber asked us to slow down.' });
    await old.table('meta').bulkAdd([
      { key: 'linkedin.pagesToday', value: { day: '2026-11-20', used: 7 }, updatedAt: at },
      { key: 'linkedin.coolDownUntil', value: 1_800_000_000_000, updatedAt: at },
      { key: 'linkedin.nextRequestAt', value: 1_700_000_000_000, updatedAt: at },
    ]);
    old.close();

    const db = new ProspectDb(name);
    await db.open();
    const done = await db.jobs.get('done');
    expect(done).toMatchObject({ subject: 'VP Sales at Stripe', status: 'done' });
    expect(done).not.toHaveProperty('title');
    expect(done).not.toHaveProperty('message');
    expect(await db.jobs.get('failed')).toMatchObject({
      error: { error: 'unauthorized', status: 401, reason: { code: 'legacy.text', params: { text: 'Saber rejected the API key' } } },
    });
    expect(await db.lists.get('a')).toMatchObject({
      sync: { state: 'error', outcome: { code: 'legacy.text', params: { text: 'Saber could not create the list: No' } } },
      refresh: { version: 1, auto: 'off' },
    });
    expect((await db.lists.get('b'))?.sync).toEqual({ state: 'deletedRemote', remoteId: 'r' });
    expect((await db.outbox.toArray())[0]).toMatchObject({ lastFailure: { error: 'rate_limited' } });
    expect((await db.outbox.toArray())[0]).not.toHaveProperty('lastError');
    expect(await db.meta.get('linkedin.gate')).toMatchObject({
      value: { pagesDay: '2026-11-20', pagesUsed: 7, coolDownUntil: 1_800_000_000_000, nextRequestAt: 1_700_000_000_000, refusals: 0 },
    });
    expect(await db.meta.count()).toBe(1);
    db.close();
  });

  it('declares versions in strictly increasing order', () => {
    const versions = SCHEMA_VERSIONS.map((entry) => entry.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });
});
