import { Dexie } from 'dexie';
import { ProspectDb } from '../../../lib/db/database';
import { identityKeys } from '../../../lib/db/local-contact-lists';
import type { BaseContactRecord, ItemRecord, ListRecord } from '../../../lib/db/records';
import { commitCsvImport, readCsvImport, type CsvImport } from '../../../lib/jobs/connections-csv';
import type { SnapshotContact } from '../../../lib/model/snapshot';
import { connectionsExport } from './connections-export';
import { settle } from './raw-store';
import type { Timed } from './timed';

/**
 * - `import`: what the import job does with the file's text: parse and validate every row
 *   (`readCsvImport`), then commit the list, its items and base contacts (`commitCsvImport`);
 * - `commit`: the commit alone, of the same rows already read;
 * - `raw`: the same records written by hand with IndexedDB, under the same keys and indexes;
 * - `parse`: the parse and validation alone, nothing written.
 */
export type ImportImpl = 'import' | 'commit' | 'raw' | 'parse';

/** The import bench's part of `window.bench`; every duration is taken inside the page. */
export interface ImportBenchApi {
  /**
   * Deletes and opens again the import's databases, empty: one of ours per implementation that
   * writes (`import-import`, `import-commit`) and the baseline's (`import-raw`), so each sees only
   * its own writes, and every run of a series writes into the same growing history.
   */
  openImport(): Promise<void>;
  /** Builds a Connections.csv of `rows` people (see `connectionsExport`) and reads it once, for `commit` and `raw`. */
  prepareImport(rows: number, tag: string): Promise<{ chars: number; contacts: number }>;
  /**
   * One run of `impl` over the prepared file; the value is how many contacts it handled. With
   * `again`, the same people are written first, unmeasured: a newer export over an older one.
   */
  timeImport(impl: ImportImpl, again?: boolean): Promise<Timed<number>>;
}

const RAW_DB = 'import-raw';

export function createImportBench(): ImportBenchApi {
  let dbs: Record<'import' | 'commit', ProspectDb> | undefined;
  let raw: IDBDatabase | undefined;
  let prepared: { text: string; read: CsvImport } | undefined;
  const ready = () => {
    if (!dbs || !raw || !prepared) throw new Error('Call bench.openImport() and bench.prepareImport(rows, tag) first');
    return { dbs, raw, prepared };
  };

  return {
    async openImport() {
      dbs?.import.close();
      dbs?.commit.close();
      raw?.close();
      await Promise.all([Dexie.delete('import-import'), Dexie.delete('import-commit')]);
      await settle(indexedDB.deleteDatabase(RAW_DB) as IDBRequest<unknown>);
      dbs = { import: new ProspectDb('import-import'), commit: new ProspectDb('import-commit') };
      await Promise.all([dbs.import.open(), dbs.commit.open()]);
      raw = await openRaw();
    },

    async prepareImport(rows, tag) {
      const text = connectionsExport(rows, tag);
      prepared = { text, read: readCsvImport('Connections.csv', text) };
      return { chars: text.length, contacts: prepared.read.parsed.contacts.length };
    },

    async timeImport(impl, again = false) {
      const { dbs, raw, prepared } = ready();
      const clock = Date.now;
      if (again) {
        if (impl === 'raw') await writeRaw(raw, prepared.read.parsed.contacts);
        else if (impl !== 'parse') await commitCsvImport(dbs[impl], prepared.read, { clock });
      }
      (globalThis as { gc?: () => void }).gc?.();
      const start = performance.now();
      let value: number;
      switch (impl) {
        case 'import':
          value = (await commitCsvImport(dbs.import, readCsvImport('Connections.csv', prepared.text), { clock })).contactCount;
          break;
        case 'commit':
          value = (await commitCsvImport(dbs.commit, prepared.read, { clock })).contactCount;
          break;
        case 'raw':
          value = await writeRaw(raw, prepared.read.parsed.contacts);
          break;
        case 'parse':
          value = readCsvImport('Connections.csv', prepared.text).parsed.contacts.length;
          break;
      }
      return { ms: performance.now() - start, value };
    },
  };
}

/** A database with `ProspectDb`'s lists, items and base contacts stores, under the same keys and indexes as its version 5. */
function openRaw(): Promise<IDBDatabase> {
  const request = indexedDB.open(RAW_DB, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    const lists = db.createObjectStore('lists', { keyPath: 'id' });
    lists.createIndex('[createdAt+id]', ['createdAt', 'id']);
    lists.createIndex('sync.remoteId', 'sync.remoteId');
    lists.createIndex('refresh.nextRunAt', 'refresh.nextRunAt');
    db.createObjectStore('items', { keyPath: ['listId', 'position'] }).createIndex('baseContactId', 'baseContactId');
    const bases = db.createObjectStore('baseContacts', { keyPath: 'id' });
    bases.createIndex('detailed', 'detailed');
    bases.createIndex('keys', 'keys', { multiEntry: true });
  };
  return settle(request);
}

/** The list, its items and their base contacts (keys included), all `put` in one transaction, with nothing read first. */
async function writeRaw(db: IDBDatabase, contacts: readonly SnapshotContact[]): Promise<number> {
  const now = new Date().toISOString();
  const listId = crypto.randomUUID();
  const list: ListRecord = {
    id: listId,
    name: 'Connections.csv',
    filters: {},
    contactCount: contacts.length,
    createdAt: now,
    updatedAt: now,
    source: { kind: 'connectionsCsv', fileName: 'Connections.csv' },
    sync: { state: 'local' },
    refresh: { version: 1, auto: 'off' },
  };
  const tx = db.transaction(['lists', 'items', 'baseContacts'], 'readwrite');
  const items = tx.objectStore('items');
  const bases = tx.objectStore('baseContacts');
  tx.objectStore('lists').put(list);
  contacts.forEach((contact, position) => {
    const item: ItemRecord = { ...contact, id: crypto.randomUUID(), listId, position, createdAt: now };
    items.put(item);
    const base: BaseContactRecord = { id: contact.baseContactId, keys: identityKeys(contact), updatedAt: now };
    if (contact.firstName !== undefined) base.firstName = contact.firstName;
    if (contact.lastName !== undefined) base.lastName = contact.lastName;
    if (contact.fullName !== undefined) base.fullName = contact.fullName;
    if (contact.email !== undefined) base.email = contact.email;
    if (contact.email !== undefined || base.keys!.length > 1) base.detailed = 1;
    bases.put(base);
  });
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
  return contacts.length;
}
