import type { ProspectDb } from './database';
import { STORAGE_PERSISTENCE_KEY } from './meta-keys';

/** What the browser answered when asked to keep the extension's data under storage pressure. */
export interface StoragePersistence {
  /** True: the data is evicted only by the user (removing the extension, clearing site data). */
  granted: boolean;
  /** When it was asked, ISO. */
  askedAt: string;
}

/**
 * The stored answer, or `undefined` when the browser was never asked (or the record is not
 * one). Checked by hand: the panel reads it on its startup path, which must not load zod.
 */
export async function readStoragePersistence(db: ProspectDb): Promise<StoragePersistence | undefined> {
  const value: unknown = (await db.meta.get(STORAGE_PERSISTENCE_KEY))?.value;
  if (typeof value !== 'object' || value === null) return undefined;
  const { granted, askedAt } = value as Record<string, unknown>;
  if (typeof granted !== 'boolean' || typeof askedAt !== 'string' || Number.isNaN(Date.parse(askedAt))) return undefined;
  return { granted, askedAt };
}

/** Stores the browser's answer (the background's write, from the panel's message). */
export async function recordStoragePersistence(db: ProspectDb, granted: boolean, now: number): Promise<StoragePersistence> {
  const askedAt = new Date(now).toISOString();
  const answer: StoragePersistence = { granted, askedAt };
  await db.meta.put({ key: STORAGE_PERSISTENCE_KEY, value: answer, updatedAt: askedAt });
  return answer;
}

/**
 * Asks the browser once, ever, to keep the extension's data when the disk runs short
 * (`navigator.storage.persist()`, which only a page may call, not the service worker), and
 * hands the answer to `record`. Already persistent, it only records that. Nothing when the
 * browser has no such API or was asked before.
 */
export async function askStoragePersistenceOnce(deps: {
  db: ProspectDb;
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined;
  record: (granted: boolean) => Promise<unknown>;
}): Promise<void> {
  const { storage } = deps;
  if (!storage || typeof storage.persist !== 'function' || (await readStoragePersistence(deps.db))) return;
  const granted = (await storage.persisted()) || (await storage.persist());
  await deps.record(granted);
}
