import type { Page } from '@playwright/test';

/**
 * Talking to the built extension from one of its pages, as the panel does: a message to the
 * background, or a read of its IndexedDB. Every answer is `unknown` until a test says what it
 * expects of it.
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
