import { afterEach, describe, expect, it } from 'vitest';
import { ProspectDb } from '../../../lib/db/database';
import { createGateStore, readGateState } from '../../../lib/db/gate-store';
import { GATE_STATE_KEY } from '../../../lib/db/meta-keys';
import { readStoredLinkedInStatus } from '../../../lib/db/linkedin-status';
import { createMetaCache } from '../../../lib/db/meta-cache';
import { INITIAL_GATE_STATE } from '../../../lib/model/linkedin-gate';
import { MAX_WAIT_MS } from '../../../lib/model/retry';

const NOW = new Date(2026, 10, 22, 10).getTime();
const dbs: ProspectDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});
function openDb(): ProspectDb {
  const db = new ProspectDb(`gate-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
}

describe('the gate store', () => {
  it('reads a missing, tampered or partial record as the initial state, keeping any hold it can still read', () => {
    expect(readGateState(undefined)).toEqual(INITIAL_GATE_STATE);
    expect(readGateState('garbage')).toEqual(INITIAL_GATE_STATE);
    expect(readGateState({ coolDownUntil: NOW + 5_000, pagesUsed: -3 })).toEqual({ ...INITIAL_GATE_STATE, coolDownUntil: NOW + 5_000 });
  });

  it('updates in one transaction and reports today’s pages and a cool-down to the panel', async () => {
    const db = openDb();
    const store = createGateStore(db, () => NOW);
    const result = await store.update((state) => ({
      next: { ...state, pagesDay: '2026-11-22', pagesUsed: 7, coolDownUntil: NOW + 60_000 },
      result: 'written',
    }));
    expect(result).toBe('written');
    expect((await db.meta.get(GATE_STATE_KEY))?.value).toMatchObject({ pagesUsed: 7 });
    expect(await readStoredLinkedInStatus(db, NOW)).toEqual({ day: '2026-11-22', pagesUsedToday: 7, coolDownUntil: NOW + 60_000 });
    expect(await readStoredLinkedInStatus(db, NOW + 86_400_000)).toEqual({ day: '2026-11-23', pagesUsedToday: 0 });
  });
});

describe('the gate store bounds what an older version wrote', () => {
  it('reads a cool-down until the year 5195 as one of a day, writes it back so, and keeps a record without the new fields', async () => {
    const db = openDb();
    const year5195 = Date.UTC(5195, 0, 1);
    await db.meta.put({
      key: GATE_STATE_KEY,
      value: { nextRequestAt: year5195, coolDownUntil: year5195, refusals: 0, pagesDay: '2026-11-22', pagesUsed: 3 },
      updatedAt: '',
    });
    const store = createGateStore(db, () => NOW);
    expect(await store.read()).toEqual({
      ...INITIAL_GATE_STATE,
      nextRequestAt: NOW + MAX_WAIT_MS,
      coolDownUntil: NOW + MAX_WAIT_MS,
      pagesDay: '2026-11-22',
      pagesUsed: 3,
    });
    expect(await readStoredLinkedInStatus(db, NOW)).toMatchObject({ coolDownUntil: NOW + MAX_WAIT_MS });
    await store.update((state) => ({ next: state, result: undefined }));
    expect((await db.meta.get(GATE_STATE_KEY))?.value).toMatchObject({ coolDownUntil: NOW + MAX_WAIT_MS });
  });
});

describe('createMetaCache', () => {
  it('keeps strings in db.meta and ignores anything else stored under the key', async () => {
    const db = openDb();
    const cache = createMetaCache(db, () => NOW);
    expect(await cache.get('linkedin.geo.SK')).toBeUndefined();
    await cache.set('linkedin.geo.SK', '{"id":"103119917","name":"Slovakia"}');
    expect(await cache.get('linkedin.geo.SK')).toBe('{"id":"103119917","name":"Slovakia"}');
    expect(await db.meta.get('linkedin.geo.SK')).toMatchObject({ updatedAt: new Date(NOW).toISOString() });
    await db.meta.put({ key: 'linkedin.geo.LV', value: 42, updatedAt: '' });
    expect(await cache.get('linkedin.geo.LV')).toBeUndefined();
  });
});
