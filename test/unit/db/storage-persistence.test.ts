import { afterEach, describe, expect, it } from 'vitest';
import { ProspectDb } from '../../../lib/db/database';
import { STORAGE_PERSISTENCE_KEY } from '../../../lib/db/meta-keys';
import { askStoragePersistenceOnce, readStoragePersistence, recordStoragePersistence } from '../../../lib/db/storage-persistence';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const dbs: ProspectDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

/** A StorageManager that answers `persist()` with `answer` and counts the calls. */
function storage(persisted: boolean, answer: boolean) {
  const calls = { persisted: 0, persist: 0 };
  return {
    calls,
    manager: {
      persisted: async () => ((calls.persisted += 1), persisted),
      persist: async () => ((calls.persist += 1), answer),
    },
  };
}

describe('navigator.storage.persist(), asked once', () => {
  it('asks the browser once ever and hands the answer on to be kept', async () => {
    const db = new ProspectDb(`persist-${crypto.randomUUID()}`);
    dbs.push(db);
    const { calls, manager } = storage(false, false);
    const record = (granted: boolean) => recordStoragePersistence(db, granted, NOW);
    await askStoragePersistenceOnce({ db, storage: manager, record });
    await askStoragePersistenceOnce({ db, storage: manager, record });
    expect(calls).toEqual({ persisted: 1, persist: 1 });
    expect(await readStoragePersistence(db)).toEqual({ granted: false, askedAt: new Date(NOW).toISOString() });
  });

  it('does not ask when the data is already persistent, or when the browser has no such API', async () => {
    const db = new ProspectDb(`persist-${crypto.randomUUID()}`);
    dbs.push(db);
    const { calls, manager } = storage(true, false);
    const answers: boolean[] = [];
    await askStoragePersistenceOnce({ db, storage: undefined, record: async (granted) => answers.push(granted) });
    await askStoragePersistenceOnce({ db, storage: manager, record: async (granted) => answers.push(granted) });
    expect(calls).toEqual({ persisted: 1, persist: 0 });
    expect(answers).toEqual([true]);
  });

  it('reads a record that is not an answer as never asked', async () => {
    const db = new ProspectDb(`persist-${crypto.randomUUID()}`);
    dbs.push(db);
    await db.meta.put({ key: STORAGE_PERSISTENCE_KEY, value: { granted: 'yes' }, updatedAt: '' });
    expect(await readStoragePersistence(db)).toBeUndefined();
  });
});
