import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { ProspectDb } from '../../../lib/db/database';
import { LocalContactLists } from '../../../lib/db/local-contact-lists';
import type { BaseContactRecord } from '../../../lib/db/records';
import type { ContactList } from '../../../lib/model/schemas';
import type { CreateSnapshot } from '../../../lib/model/snapshot';

/**
 * Talking to the built extension from one of its pages, as the panel does: a message to the
 * background, or a read or write of its IndexedDB. Every answer is `unknown` until a test says
 * what it expects of it.
 */

/** The background's reply to a message: `{ ok: true, data }` or `{ ok: false, error }`. */
export type Reply = { ok: true; data: unknown } | { ok: false; error: unknown };

/** Sends `{ type, payload }` to the background from `page` and returns its reply as it came. */
export function sendMessage(page: Page, type: string, payload: unknown): Promise<unknown> {
  return page.evaluate((message): Promise<unknown> => chrome.runtime.sendMessage(message), { type, payload });
}

/** Sends a message and returns its data, failing the test with the error when the background refuses. */
export async function callBackground<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await sendMessage(page, type, payload)) as Reply;
  if (!reply.ok) throw new Error(`${type} failed: ${JSON.stringify(reply.error)}`);
  return reply.data as T;
}

/** Every record of one store of the extension's IndexedDB (`listwright`). */
export function readTable<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('listwright');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB did not open'));
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as T[]);
            db.close();
          };
          request.onerror = () => reject(request.error ?? new Error(`${name} could not be read`));
        };
      }),
    table,
  );
}

/** Writes records into one store of the extension's IndexedDB, in one transaction. */
export function putRecords(page: Page, table: string, records: readonly unknown[]): Promise<void> {
  return page.evaluate(
    ([name, rows]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('listwright');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB did not open'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(name, 'readwrite');
          for (const row of rows) tx.objectStore(name).put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error ?? new Error(`${name} could not be written`));
        };
      }),
    [table, records] as const,
  );
}

/** Waits until the background has created the extension's database, so a raw open never creates an empty one. */
async function databaseReady(page: Page): Promise<void> {
  await page.waitForFunction(async () => (await indexedDB.databases()).some((db) => db.name === 'listwright'));
}

/** Writes records into several stores of the extension's IndexedDB in ONE transaction. */
export async function putTables(page: Page, tables: Record<string, readonly unknown[]>): Promise<void> {
  await databaseReady(page);
  await page.evaluate(
    (byStore) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('listwright');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB did not open'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(Object.keys(byStore), 'readwrite');
          for (const [name, rows] of Object.entries(byStore)) for (const row of rows) tx.objectStore(name).put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error ?? new Error('The records could not be written'));
        };
      }),
    tables,
  );
}

/** The records of one store under the given primary keys, in their order; a key with no record is left out. */
function readRecords<T>(page: Page, table: string, keys: readonly string[]): Promise<T[]> {
  return page.evaluate(
    ([name, wanted]) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('listwright');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB did not open'));
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction(name, 'readonly').objectStore(name);
          const found: T[] = [];
          let left = wanted.length;
          if (left === 0) {
            db.close();
            resolve(found);
          }
          for (const key of wanted) {
            const request = store.get(key);
            request.onsuccess = () => {
              if (request.result !== undefined) found.push(request.result as T);
              left -= 1;
              if (left === 0) {
                db.close();
                resolve(found);
              }
            };
            request.onerror = () => reject(request.error ?? new Error(`${name} could not be read`));
          }
        };
      }),
    [table, keys] as const,
  );
}

/**
 * Stores lists in the extension's IndexedDB from one of its pages, with exactly the records the
 * extension's own store writes: each list, its items and the merged base contacts come from
 * `LocalContactLists.createList` run here, in Node, over an in-memory copy that holds the base
 * contacts the extension already has for these people; then all of it is written in one
 * transaction. The background is not asked: no message creates a list. The lists are created
 * in order, each a millisecond or more after the one before, so newest first is the reverse.
 * Pages already open show them after a reload: their live queries hear of Dexie's writes only.
 */
export async function seedLists(page: Page, snapshots: readonly CreateSnapshot[]): Promise<ContactList[]> {
  await databaseReady(page);
  const scratch = new ProspectDb(`seed-${randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  let last = 0;
  const clock = () => (last = Math.max(Date.now(), last + 1));
  try {
    const people = [...new Set(snapshots.flatMap((snapshot) => snapshot.contacts.map((contact) => contact.baseContactId)))];
    await scratch.baseContacts.bulkPut(await readRecords<BaseContactRecord>(page, 'baseContacts', people));
    const store = new LocalContactLists(scratch, { clock });
    const created: ContactList[] = [];
    for (const snapshot of snapshots) created.push(await store.createList(snapshot));
    const [lists, items, baseContacts] = await Promise.all([
      scratch.lists.toArray(),
      scratch.items.toArray(),
      scratch.baseContacts.toArray(),
    ]);
    await putTables(page, { lists, items, baseContacts });
    return created;
  } finally {
    scratch.close();
  }
}

/** One list, as {@link seedLists} stores it. */
export async function seedList(page: Page, snapshot: CreateSnapshot): Promise<ContactList> {
  const [list] = await seedLists(page, [snapshot]);
  if (!list) throw new Error('The list was not seeded');
  return list;
}
