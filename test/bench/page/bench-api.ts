import { Dexie } from 'dexie';
import { ProspectDb } from '../../../lib/db/database';
import { itemsOf, LocalContactLists } from '../../../lib/db/local-contact-lists';
import { createSnapshotSchema } from '../../../lib/model/snapshot';
import type { BaseContactRecord, ItemRecord, ListRecord } from '../../../lib/db/records';
import { CSV_CHUNK_ROWS, planAllListsExport } from '../../../lib/csv/export';
import { parseOrThrow } from '../../../lib/model/errors';
import { makeContacts } from './contacts';
import { exportCsv, makeCsvInput, serialiseCsv, type CsvImpl, type CsvInput } from './csv-bench';
import { createHistoryBench, type HistoryBenchApi } from './history-bench';
import { createImportBench, type ImportBenchApi } from './import-bench';
import { timed, type Timed } from './timed';
import { createRefreshCommitBench, type RefreshCommitBenchApi } from './refresh-commit-bench';
import { RawStore } from './raw-store';

/**
 * How a list is committed:
 * - `store`: `LocalContactLists.createList`, what the extension runs;
 * - `raw`: the hand-written IndexedDB baseline;
 * - `dexie-bulk`: the same records through Dexie's bulk calls alone (no validation, no read);
 * - `dexie-bulk-get`: `dexie-bulk` plus a `bulkGet` of every base contact, the read `createList` avoids (see `addSnapshotItems`);
 * - `dexie-bulk-together`: `dexie-bulk` with the three writes issued at once, not one after another;
 * - `validate`: only the zod parse `createList` starts with, nothing written.
 * All but `store` and `raw` exist to explain a gap between those two, not to be held to a target.
 */
export type CommitImpl = 'store' | 'raw' | 'dexie-bulk' | 'dexie-bulk-get' | 'dexie-bulk-together' | 'validate';
/** `store` is the extension's code over Dexie, `raw` the IndexedDB baseline. */
export type ReadImpl = 'store' | 'raw';
/**
 * `store` and `raw` as for reads; `dexie-range` is the plain Dexie way, in the diagnostics
 * database: `itemsOf(...).delete()` (which counts the range before deleting it) and the list's
 * delete. It shows what `deleteList`'s uncounted range delete saves.
 */
export type RemoveImpl = ReadImpl | 'dexie-range';

/** What the bench page exposes as `window.bench`; every duration is taken inside the page. */
export interface BenchApi extends HistoryBenchApi, RefreshCommitBenchApi, ImportBenchApi {
  /**
   * Deletes and reopens this suite's databases: `<suite>-dexie` (ours), `<suite>-raw` (the
   * baseline) and `<suite>-diagnostics` (the `dexie-*` variants). The variants get their own
   * database so that ours and the baseline see the same history: IndexedDB's cost depends on
   * what a database has held, and the variants' extra writes and deletes would land on ours.
   */
  open(suite: string): Promise<void>;
  commit(impl: CommitImpl, count: number, tag: string): Promise<Timed<string>>;
  readAll(impl: ReadImpl, listId: string): Promise<Timed<number>>;
  remove(impl: RemoveImpl, listId: string): Promise<Timed<null>>;
  readPage(impl: ReadImpl, listId: string, offset: number, limit: number): Promise<Timed<number>>;
  /** Items stored in each database (to prove a seed landed). */
  countItems(): Promise<{ store: number; raw: number }>;
  /** Builds `count` contacts in memory for {@link BenchApi.serialiseCsv}. */
  prepareCsv(count: number): Promise<void>;
  /** CSV text of the prepared contacts; the value is its length. */
  serialiseCsv(impl: CsvImpl): Promise<Timed<number>>;
  /** The export of every stored list from IndexedDB into one Blob; the value is its size in bytes. */
  exportAllCsv(yields: boolean): Promise<Timed<number>>;
  /**
   * Every item of every list in Dexie's database, read with raw IndexedDB in export-sized
   * chunks: the floor under any export. The value is how many items were read.
   */
  readStoredChunksRaw(): Promise<Timed<number>>;
}

/** The bench page's operations over a fresh pair of databases. */
export function createBenchApi(): BenchApi {
  let db: ProspectDb | undefined;
  let diagnostics: ProspectDb | undefined;
  let store: LocalContactLists | undefined;
  let raw: RawStore | undefined;
  let csvInput: CsvInput | undefined;

  const opened = () => {
    if (!db || !store || !raw || !diagnostics) throw new Error('Call bench.open(suite) first');
    return { db, store, raw, diagnostics };
  };

  return {
    ...createHistoryBench(),
    ...createRefreshCommitBench(() => {
      const { db, raw } = opened();
      return { db, raw };
    }),
    ...createImportBench(),

    async open(suite) {
      db?.close();
      diagnostics?.close();
      raw?.close();
      await Promise.all([Dexie.delete(`${suite}-dexie`), Dexie.delete(`${suite}-diagnostics`)]);
      await deleteDatabase(`${suite}-raw`);
      db = new ProspectDb(`${suite}-dexie`);
      diagnostics = new ProspectDb(`${suite}-diagnostics`);
      // Dexie opens lazily; opening here keeps the upgrade out of the first measurement.
      await Promise.all([db.open(), diagnostics.open()]);
      store = new LocalContactLists(db);
      raw = await RawStore.open(`${suite}-raw`);
    },

    async commit(impl, count, tag) {
      const { diagnostics: db, store, raw } = opened();
      const name = `Bench ${tag}`;
      const contacts = makeContacts(count, tag);
      switch (impl) {
        case 'store':
          return timed(async () => (await store.createList({ name, contacts })).id);
        case 'raw':
          return timed(() => raw.commit(name, contacts));
        case 'validate':
          return timed(async () => `${parseOrThrow(createSnapshotSchema, { name, contacts }).contacts.length}`);
        case 'dexie-bulk':
        case 'dexie-bulk-get':
          return timed(async () => {
            const { list, items, bases } = buildRecords(name, contacts);
            await db.transaction('rw', [db.lists, db.items, db.baseContacts], async () => {
              if (impl === 'dexie-bulk-get') await db.baseContacts.bulkGet(bases.map((base) => base.id));
              await db.lists.add(list);
              await db.items.bulkAdd(items);
              await db.baseContacts.bulkPut(bases);
            });
            return list.id;
          });
        case 'dexie-bulk-together':
          return timed(async () => {
            const { list, items, bases } = buildRecords(name, contacts);
            await db.transaction('rw', [db.lists, db.items, db.baseContacts], () =>
              Promise.all([db.lists.add(list), db.items.bulkAdd(items), db.baseContacts.bulkPut(bases)]),
            );
            return list.id;
          });
      }
    },

    async readAll(impl, listId) {
      const { db, raw } = opened();
      const result = await timed(() => (impl === 'store' ? itemsOf(db, listId).toArray() : raw.readAll(listId)));
      assertInOrder(result.value, listId);
      return { ms: result.ms, value: result.value.length };
    },

    async remove(impl, listId) {
      const { diagnostics: db, store, raw } = opened();
      return timed(async () => {
        if (impl === 'store') await store.deleteList(listId);
        else if (impl === 'raw') await raw.remove(listId);
        else {
          await db.transaction('rw', [db.lists, db.items], async () => {
            await itemsOf(db, listId).delete();
            await db.lists.delete(listId);
          });
        }
        return null;
      });
    },

    async readPage(impl, listId, offset, limit) {
      const { store, raw } = opened();
      const result = await timed(async () =>
        impl === 'store'
          ? (await store.listContacts(listId, { limit, offset })).items.length
          : (await raw.readPage(listId, offset, limit)).items.length,
      );
      if (result.value !== limit) {
        throw new Error(`Page at ${offset} of ${listId} held ${result.value} items, not ${limit}`);
      }
      return result;
    },

    async countItems() {
      const { db, raw } = opened();
      const [storeCount, rawItems] = await Promise.all([db.items.count(), raw.countItems()]);
      return { store: storeCount, raw: rawItems };
    },

    async prepareCsv(count) {
      csvInput = makeCsvInput(count);
    },

    async serialiseCsv(impl) {
      const input = csvInput;
      if (!input) throw new Error('Call bench.prepareCsv(count) first');
      return timed(async () => serialiseCsv(impl, input));
    },

    async exportAllCsv(yields) {
      const { db } = opened();
      return timed(async () => exportCsv(db, (await planAllListsExport(db, Date.now)).lists, yields));
    },

    async readStoredChunksRaw() {
      const { db } = opened();
      const listIds = await db.lists.toCollection().primaryKeys();
      const attached = await RawStore.attach(db.name);
      try {
        return await timed(async () => {
          let read = 0;
          for (const listId of listIds) read += await attached.readChunked(listId, CSV_CHUNK_ROWS);
          return read;
        });
      } finally {
        attached.close();
      }
    },
  };
}

function buildRecords(name: string, contacts: ReturnType<typeof makeContacts>) {
  const now = new Date().toISOString();
  const list: ListRecord = {
    id: crypto.randomUUID(),
    name,
    filters: {},
    contactCount: contacts.length,
    createdAt: now,
    updatedAt: now,
    source: { kind: 'manual' },
    sync: { state: 'local' },
  };
  const items: ItemRecord[] = contacts.map((contact, position) => ({
    ...contact,
    id: crypto.randomUUID(),
    listId: list.id,
    position,
    createdAt: now,
  }));
  const bases: BaseContactRecord[] = contacts.map((contact) => ({
    id: contact.baseContactId,
    firstName: contact.firstName,
    lastName: contact.lastName,
    fullName: contact.fullName,
    linkedInSalesNavigatorProfileUrl: contact.linkedInSalesNavigatorProfileUrl,
    updatedAt: now,
  }));
  return { list, items, bases };
}

function assertInOrder(items: readonly ItemRecord[], listId: string): void {
  items.forEach((item, index) => {
    if (item.listId !== listId || item.position !== index) {
      throw new Error(`Item ${index} of ${listId} came back as position ${item.position} of ${item.listId}`);
    }
  });
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
    request.onblocked = () => reject(new Error(`Deleting ${name} is blocked by an open connection`));
  });
}
