import type { SnapshotContact } from '../../../lib/model/snapshot';
import type { BaseContactRecord, ItemRecord, ListRecord, VersionRecord } from '../../../lib/db/records';

/**
 * The baseline: the same records under the same keys and indexes as `ProspectDb`, written by
 * hand against the IndexedDB API with nothing in between (no validation, no library, no read
 * before write).
 */
export class RawStore {
  private constructor(private readonly db: IDBDatabase) {}

  /** Opens (creating) a database with `ProspectDb`'s list, item, base-contact and history stores and indexes. */
  static async open(name: string): Promise<RawStore> {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      const lists = db.createObjectStore('lists', { keyPath: 'id' });
      lists.createIndex('[createdAt+id]', ['createdAt', 'id']);
      lists.createIndex('sync.remoteId', 'sync.remoteId');
      lists.createIndex('refresh.nextRunAt', 'refresh.nextRunAt');
      const items = db.createObjectStore('items', { keyPath: ['listId', 'position'] });
      items.createIndex('baseContactId', 'baseContactId');
      const baseContacts = db.createObjectStore('baseContacts', { keyPath: 'id' });
      baseContacts.createIndex('detailed', 'detailed');
      baseContacts.createIndex('keys', 'keys', { multiEntry: true });
      db.createObjectStore('versions', { keyPath: ['listId', 'version'] });
      db.createObjectStore('leavers', { keyPath: ['listId', 'baseContactId'] });
    };
    return new RawStore(await settle(request));
  }

  /** Opens an existing database as it is (e.g. the one Dexie wrote), without upgrading it. */
  static async attach(name: string): Promise<RawStore> {
    return new RawStore(await settle(indexedDB.open(name)));
  }

  /** One readwrite transaction: the list, its items and their base contacts, all `put`. */
  async commit(name: string, contacts: readonly SnapshotContact[]): Promise<string> {
    const now = new Date().toISOString();
    const listId = crypto.randomUUID();
    const list: ListRecord = {
      id: listId,
      name,
      filters: {},
      contactCount: contacts.length,
      createdAt: now,
      updatedAt: now,
      source: { kind: 'manual' },
      sync: { state: 'local' },
    };
    const tx = this.db.transaction(['lists', 'items', 'baseContacts'], 'readwrite');
    const items = tx.objectStore('items');
    const baseContacts = tx.objectStore('baseContacts');
    tx.objectStore('lists').put(list);
    contacts.forEach((contact, position) => {
      const item: ItemRecord = { ...contact, id: crypto.randomUUID(), listId, position, createdAt: now };
      items.put(item);
      baseContacts.put(toBaseContact(contact, now));
    });
    await completion(tx);
    return listId;
  }

  /** A list with its items (already numbered) and their base contacts, in one transaction. */
  async putList(list: ListRecord, items: readonly ItemRecord[]): Promise<void> {
    const tx = this.db.transaction(['lists', 'items', 'baseContacts'], 'readwrite');
    tx.objectStore('lists').put(list);
    const itemStore = tx.objectStore('items');
    const baseContacts = tx.objectStore('baseContacts');
    for (const item of items) {
      itemStore.put(item);
      baseContacts.put(toBaseContact(item, list.updatedAt));
    }
    await completion(tx);
  }

  /**
   * What a refresh writes, in one readwrite transaction: the list's items replaced (one
   * key-range delete, then a `put` each), their base contacts, the history entry and the list;
   * `pruned`, a history entry let go.
   */
  async replaceItems(list: ListRecord, items: readonly ItemRecord[], version: VersionRecord, pruned?: [string, number]): Promise<void> {
    const tx = this.db.transaction(['lists', 'items', 'baseContacts', 'versions'], 'readwrite');
    const itemStore = tx.objectStore('items');
    const baseContacts = tx.objectStore('baseContacts');
    itemStore.delete(itemRange(list.id));
    for (const item of items) {
      itemStore.put(item);
      baseContacts.put(toBaseContact(item, list.updatedAt));
    }
    const versions = tx.objectStore('versions');
    versions.put(version);
    if (pruned) versions.delete(pruned);
    tx.objectStore('lists').put(list);
    await completion(tx);
  }

  /** Every item of a list in position order: one `getAll` over the primary-key range. */
  async readAll(listId: string): Promise<ItemRecord[]> {
    const tx = this.db.transaction('items', 'readonly');
    return settle(tx.objectStore('items').getAll(itemRange(listId)) as IDBRequest<ItemRecord[]>);
  }

  /**
   * Every item of a list, `chunk` at a time, one read transaction per chunk (the way an export
   * that yields between chunks must read); returns how many were read.
   */
  async readChunked(listId: string, chunk: number): Promise<number> {
    let read = 0;
    let after = -Infinity;
    for (;;) {
      const range = IDBKeyRange.bound([listId, after], [listId, Infinity], true, false);
      const tx = this.db.transaction('items', 'readonly');
      const items = await settle(tx.objectStore('items').getAll(range, chunk) as IDBRequest<ItemRecord[]>);
      read += items.length;
      const last = items.at(-1);
      if (!last || items.length < chunk) return read;
      after = last.position;
    }
  }

  /** The list record and `limit` items from `offset`, like the spec's contacts page. */
  async readPage(listId: string, offset: number, limit: number): Promise<{ list: ListRecord; items: ItemRecord[] }> {
    const tx = this.db.transaction(['lists', 'items'], 'readonly');
    const range = IDBKeyRange.bound([listId, offset], [listId, offset + limit], false, true);
    const [list, items] = await Promise.all([
      settle(tx.objectStore('lists').get(listId) as IDBRequest<ListRecord | undefined>),
      settle(tx.objectStore('items').getAll(range) as IDBRequest<ItemRecord[]>),
    ]);
    if (!list) throw new Error(`No list ${listId}`);
    return { list, items };
  }

  /** How many items the database holds. */
  countItems(): Promise<number> {
    return settle(this.db.transaction('items', 'readonly').objectStore('items').count());
  }

  /** The list and its items in one readwrite transaction: one key-range `delete`. */
  async remove(listId: string): Promise<void> {
    const tx = this.db.transaction(['lists', 'items'], 'readwrite');
    tx.objectStore('items').delete(itemRange(listId));
    tx.objectStore('lists').delete(listId);
    await completion(tx);
  }

  close(): void {
    this.db.close();
  }
}

function itemRange(listId: string): IDBKeyRange {
  return IDBKeyRange.bound([listId, -Infinity], [listId, Infinity]);
}

function toBaseContact(contact: SnapshotContact, now: string): BaseContactRecord {
  const base: BaseContactRecord = { id: contact.baseContactId, keys: [contact.baseContactId], updatedAt: now };
  if (contact.firstName !== undefined) base.firstName = contact.firstName;
  if (contact.lastName !== undefined) base.lastName = contact.lastName;
  if (contact.fullName !== undefined) base.fullName = contact.fullName;
  if (contact.linkedInSalesNavigatorProfileUrl !== undefined) {
    base.linkedInSalesNavigatorProfileUrl = contact.linkedInSalesNavigatorProfileUrl;
  }
  if (contact.email !== undefined) base.email = contact.email;
  if (contact.phone !== undefined) base.phone = contact.phone;
  return base;
}

/** Resolves with a request's result, rejects with its error. */
export function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves once the transaction has committed. */
function completion(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}
