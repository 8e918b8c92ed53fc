import type { ProspectDb } from '../db/database';
import { deleteListRecords, listTables } from '../db/local-contact-lists';
import { readOutboxBlock, writeOutboxBlock } from '../db/outbox-block';
import type { ListRecord, OutboxRecord } from '../db/records';
import { ApiError, outcomeOf, toStoredError } from '../model/errors';
import { outcome, type SyncOp } from '../model/outcomes';
import { backoffDelay, classifyFailure, OUTBOX_RETRY } from '../model/retry';
import type { Clock } from '../model/runtime';
import { contactListFiltersSchema, type ContactListFilters, type SyncState } from '../model/schemas';
import { z } from '../model/zod';
import type { RemoteList } from '../saber/api';
import type { Random } from '../saber/client';
import { wrongAddressError } from '../saber/errors';
import type { OpenSaberClient } from './open-client';

/**
 * The outbox: every local change that must reach Saber is a row in `db.outbox`, written in
 * the same transaction as the change itself, and removed in the same transaction as the
 * acknowledgement that Saber applied it. A change the user saw succeed is therefore never
 * lost, and a row is only removed once, so never applied twice (a create repeats with the
 * same `Idempotency-Key`; a repeated rename is the same PUT; a repeated delete finds 404).
 */

const createPayload = z.object({
  name: z.string(),
  filters: contactListFiltersSchema,
  /** Kept for every try of this create, across service-worker restarts. */
  idempotencyKey: z.string().min(1),
});
const renamePayload = z.object({ name: z.string(), remoteId: z.string().optional() });
const deletePayload = z.object({ remoteId: z.string().optional() });

/** A row's change, as read back and checked. */
export type OutboxChange =
  | { op: 'create'; payload: z.infer<typeof createPayload> }
  | { op: 'rename'; payload: z.infer<typeof renamePayload> }
  | { op: 'delete'; payload: z.infer<typeof deletePayload> };

/** A stored row read back through zod; undefined when it no longer parses. */
export function readChange(row: OutboxRecord): OutboxChange | undefined {
  switch (row.op) {
    case 'create': {
      const parsed = createPayload.safeParse(row.payload);
      return parsed.success ? { op: 'create', payload: parsed.data } : undefined;
    }
    case 'rename': {
      const parsed = renamePayload.safeParse(row.payload);
      return parsed.success ? { op: 'rename', payload: parsed.data } : undefined;
    }
    case 'delete': {
      const parsed = deletePayload.safeParse(row.payload);
      return parsed.success ? { op: 'delete', payload: parsed.data } : undefined;
    }
    default:
      return undefined;
  }
}

/** Adds a change; call inside the caller's transaction over `outbox` (and the changed table). */
export async function queueChange(db: ProspectDb, listId: string, change: OutboxChange, now: number): Promise<void> {
  await db.outbox.add({
    listId,
    op: change.op,
    payload: change.payload,
    createdAt: new Date(now).toISOString(),
    attempts: 0,
  });
}

/** The list's changes not yet acknowledged by Saber, oldest first. */
export function pendingChanges(db: ProspectDb, listId: string): Promise<OutboxRecord[]> {
  return db.outbox.where('listId').equals(listId).toArray();
}

/** The remote id a local list stands for on Saber, unless Saber deleted it. */
export function linkedRemoteId(list: ListRecord): string | undefined {
  return list.sync?.state === 'deletedRemote' ? undefined : list.sync?.remoteId;
}

/** The name and filters a create would send, for comparing a pulled list with an unacknowledged create. */
export function sameCreate(payload: unknown, name: string, filters: ContactListFilters): boolean {
  const parsed = createPayload.safeParse(payload);
  return parsed.success && parsed.data.name === name && stableJson(parsed.data.filters) === stableJson(filters);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/** What one `drainOne` call did. */
export type DrainOutcome =
  /** Nothing left to send. */
  | { kind: 'empty' }
  /** One change was settled (sent, or dropped as impossible with its list marked). */
  | { kind: 'progress'; remaining: number }
  /** The head change must wait until `until` (Saber unreachable, rate-limited). */
  | { kind: 'wait'; until: number; error?: ApiError }
  /** Nothing can be sent until the user acts (key rejected, origin not granted); the block is stored. */
  | { kind: 'blocked'; error: ApiError };

/** Everything a drain step touches, injected. */
export interface DrainDeps {
  db: ProspectDb;
  openClient: OpenSaberClient;
  clock: Clock;
  random: Random;
}

/**
 * Sends the oldest change and settles it. Changes go strictly in order: a change that must
 * wait holds the ones behind it, so a rename never overtakes the create it depends on. While
 * the outbox is blocked (`lib/db/outbox-block.ts`) nothing is sent, whoever asks.
 */
export async function drainOne(deps: DrainDeps): Promise<DrainOutcome> {
  const { db, clock } = deps;
  const head = await db.outbox.toCollection().first();
  if (!head?.seq) return { kind: 'empty' };
  const block = await readOutboxBlock(db);
  if (block) return { kind: 'blocked', error: block.error };
  if (head.notBefore && head.notBefore > clock()) return { kind: 'wait', until: head.notBefore };

  const change = readChange(head);
  if (!change) {
    await settle(db, head, clock(), (list) => ({ ...list.sync, state: 'error', outcome: outcome('sync.unreadableChange', {}) }));
    return { kind: 'progress', remaining: await db.outbox.count() };
  }
  const list = await db.lists.get(head.listId);
  const remoteId = change.op === 'create' ? undefined : (change.payload.remoteId ?? list?.sync?.remoteId);
  if (change.op !== 'create' && !remoteId) {
    // Its create never reached Saber (rejected), so there is nothing there to change.
    await settle(db, head, clock(), (current) => current.sync);
    return { kind: 'progress', remaining: await db.outbox.count() };
  }

  let answer: RemoteList | undefined;
  try {
    const client = await deps.openClient();
    if (change.op === 'create') {
      const { name, filters, idempotencyKey } = change.payload;
      answer = await client.createList({ name, filters }, { idempotencyKey });
    } else if (change.op === 'rename' && remoteId) {
      if (list?.sync && list.sync.remoteId === remoteId) {
        // Saber has no conditional PUT: read first, so a rename made on Saber meanwhile wins.
        const current = await client.getList(remoteId);
        if (renamedOnSaber(list.sync, current) && current.name !== change.payload.name) {
          await keepSabersName(db, head, current, clock());
          return { kind: 'progress', remaining: await db.outbox.count() };
        }
      }
      answer = await client.renameList(remoteId, { name: change.payload.name });
    } else if (remoteId) {
      await client.deleteList(remoteId);
    }
  } catch (thrown) {
    const error = ApiError.from(thrown);
    if (change.op === 'delete' && error.error === 'not_found') {
      await acknowledge(db, head, change, remoteId, undefined, clock());
      return { kind: 'progress', remaining: await db.outbox.count() };
    }
    return fail(deps, head, change, error);
  }
  await acknowledge(db, head, change, remoteId, answer, clock());
  return { kind: 'progress', remaining: await db.outbox.count() };
}

/**
 * Settles a failed try by the retry policy's class of the failure: a passing failure waits
 * with backoff (holding the changes behind it); one nothing can get past until the user acts
 * (a rejected key, a missing permission, a wrong address) blocks the queue, stored, and keeps the change;
 * Saber's own not-found marks the list; any other verdict (a 4xx, an answer that breaks the
 * contract) ends that change as failed, with its reason, and the queue moves on.
 */
async function fail(deps: DrainDeps, head: OutboxRecord, change: OutboxChange, answer: ApiError): Promise<DrainOutcome> {
  const { db, clock } = deps;
  // A list being created cannot be gone: a not-found answer to a create means the address is wrong.
  const error = change.op === 'create' && answer.error === 'not_found' ? wrongAddressError(answer.status) : answer;
  const now = clock();
  const kind = classifyFailure(error);
  const op: SyncOp = change.op;
  if (kind === 'transient' || kind === 'rateLimited') {
    const attempts = head.attempts + 1;
    const until = Math.max(error.retryAt ?? 0, now + backoffDelay(attempts - 1, OUTBOX_RETRY[kind].backoff, deps.random));
    await db.transaction('rw', [db.lists, db.outbox], async () => {
      if (!(await db.outbox.get(head.seq!))) return;
      await db.outbox.update(head.seq!, { attempts, notBefore: until, lastFailure: toStoredError(error) });
      await markList(db, head.listId, (sync) => ({ ...sync, state: 'pending', outcome: outcomeOf(error, until), op }));
    });
    return { kind: 'wait', until, error };
  }
  if (kind === 'blocking') {
    await db.transaction('rw', [db.lists, db.outbox, db.meta], async () => {
      await writeOutboxBlock(db, error, now);
      if (!(await db.outbox.get(head.seq!))) return;
      await db.outbox.update(head.seq!, { attempts: head.attempts + 1, lastFailure: toStoredError(error) });
      await markList(db, head.listId, (sync) => ({ ...sync, state: 'error', outcome: outcomeOf(error), op }));
    });
    return { kind: 'blocked', error };
  }
  if (error.error === 'not_found') {
    // Saber itself said the list is gone: keep it here, marked, until the user deletes it.
    await settle(db, head, now, (list) => ({ ...list.sync, state: 'deletedRemote', outcome: outcome('sync.deletedOnSaber', {}) }));
    return { kind: 'progress', remaining: await db.outbox.count() };
  }
  await settle(db, head, now, (list) => ({ ...list.sync, state: 'error', outcome: outcomeOf(error), op }));
  return { kind: 'progress', remaining: await db.outbox.count() };
}

/**
 * The Saber version (`updatedAt`) to record on a list Saber just answered about. A pulled list
 * pushed again (Saber had deleted it) still holds the old list's contacts, so its version
 * stays unrecorded until a pull downloads the new list's capture (only that download records
 * it); `creating` is the acknowledgement of that push.
 */
export function versionToRecord(list: ListRecord, remote: RemoteList, creating = false): string | undefined {
  const awaitingDownload = list.source?.kind === 'saber' && (creating || list.sync?.remoteUpdatedAt === undefined);
  return awaitingDownload ? undefined : remote.updatedAt;
}

/** Whether Saber's name moved since this list last heard from Saber. */
export function renamedOnSaber(sync: SyncState, remote: RemoteList): boolean {
  return sync.remoteName === undefined ? sync.remoteUpdatedAt !== remote.updatedAt : sync.remoteName !== remote.name;
}

/**
 * Renamed on both sides: Saber's name wins, the local name is kept in `nameHistory`, and the
 * list's queued renames go (they would overwrite Saber's name).
 */
async function keepSabersName(db: ProspectDb, head: OutboxRecord, remote: RemoteList, now: number): Promise<void> {
  const nowIso = new Date(now).toISOString();
  await db.transaction('rw', [db.lists, db.outbox], async () => {
    if (!(await db.outbox.get(head.seq!))) return;
    await db.outbox
      .where('listId')
      .equals(head.listId)
      .filter((row) => row.op === 'rename')
      .delete();
    const list = await db.lists.get(head.listId);
    if (!list) return;
    const remaining = await db.outbox.where('listId').equals(list.id).count();
    await db.lists.put({
      ...list,
      name: remote.name,
      updatedAt: nowIso,
      sync: {
        ...list.sync,
        state: remaining > 0 ? 'pending' : 'synced',
        remoteId: remote.id,
        remoteName: remote.name,
        remoteUpdatedAt: versionToRecord(list, remote),
        remoteContactCount: remote.contactCount,
        syncedAt: nowIso,
        nameHistory: [...(list.sync?.nameHistory ?? []), list.name],
        outcome: undefined,
        op: undefined,
      },
    });
  });
}

/** Whether the row waits because Saber asked for a pause (which a user action must not cut short). */
export function waitsForRateLimit(row: OutboxRecord): boolean {
  return row.lastFailure?.error === 'rate_limited';
}

/** Removes the row and rewrites its list's sync state, in one transaction. */
async function settle(
  db: ProspectDb,
  head: OutboxRecord,
  now: number,
  next: (list: ListRecord & { sync: SyncState }) => SyncState | undefined,
): Promise<void> {
  await db.transaction('rw', [db.lists, db.outbox], async () => {
    if (!(await db.outbox.get(head.seq!))) return;
    await db.outbox.delete(head.seq!);
    const list = await db.lists.get(head.listId);
    if (!list) return;
    const sync = next({ ...list, sync: list.sync ?? { state: 'local' } });
    const remaining = await db.outbox.where('listId').equals(head.listId).count();
    await db.lists.put({ ...list, sync: withPendingState(sync, remaining, now) });
  });
}

/** A list with changes still queued shows as pending; one whose queue just emptied, synced. */
function withPendingState(sync: SyncState | undefined, remaining: number, now: number): SyncState {
  const base: SyncState = sync ?? { state: 'local' };
  if (remaining > 0 && base.state !== 'error' && base.state !== 'deletedRemote') return { ...base, state: 'pending' };
  if (remaining === 0 && base.state === 'pending') {
    return base.remoteId
      ? { ...base, state: 'synced', syncedAt: new Date(now).toISOString(), outcome: undefined, op: undefined }
      : { ...base, state: 'local', outcome: undefined, op: undefined };
  }
  return base;
}

async function markList(db: ProspectDb, listId: string, next: (sync: SyncState) => SyncState): Promise<void> {
  const list = await db.lists.get(listId);
  if (list) await db.lists.put({ ...list, sync: next(list.sync ?? { state: 'local' }) });
}

async function acknowledge(
  db: ProspectDb,
  head: OutboxRecord,
  change: OutboxChange,
  remoteId: string | undefined,
  remote: RemoteList | undefined,
  now: number,
): Promise<void> {
  const syncedAt = new Date(now).toISOString();
  await db.transaction('rw', [...listTables(db), db.outbox], async () => {
    if (!(await db.outbox.get(head.seq!))) return;
    await db.outbox.delete(head.seq!);
    const list = await db.lists.get(head.listId);

    if (change.op === 'create' && remote) {
      // Changes queued behind the create learn where to go, even if the list is deleted here.
      await db.outbox
        .where('listId')
        .equals(head.listId)
        .modify((row) => {
          if (row.op === 'create') return;
          const payload = row.payload as { remoteId?: string };
          row.payload = { ...payload, remoteId: payload.remoteId ?? remote.id };
        });
      if (list) await removeImportedTwins(db, remote.id, list.id);
    }
    if (change.op === 'delete' && remoteId) {
      await db.lists
        .where('sync.remoteId')
        .equals(remoteId)
        .modify((other) => {
          other.sync = { ...other.sync!, state: 'deletedRemote', outcome: outcome('sync.deletedOnSaber', {}), op: undefined };
        });
    }
    if (!list || !remote) return;
    if (change.op === 'rename' && list.sync?.remoteId !== remote.id) return;

    const remaining = await db.outbox.where('listId').equals(list.id).count();
    const sync: SyncState = {
      ...list.sync,
      state: remaining > 0 ? 'pending' : 'synced',
      remoteId: remote.id,
      remoteName: remote.name,
      syncedAt,
      remoteUpdatedAt: versionToRecord(list, remote, change.op === 'create'),
      remoteContactCount: remote.contactCount,
      outcome: undefined,
      op: undefined,
    };
    await db.lists.put({ ...list, sync });
  });
}

/**
 * A pull that ran while a create's answer was lost may have imported Saber's copy as a list of
 * its own; once the create is acknowledged the pushed list stands for it, so the copy goes.
 */
async function removeImportedTwins(db: ProspectDb, remoteId: string, keepListId: string): Promise<void> {
  const twins = await db.lists.where('sync.remoteId').equals(remoteId).toArray();
  for (const twin of twins) {
    if (twin.id === keepListId || twin.source?.kind !== 'saber') continue;
    await deleteListRecords(db, twin.id);
    await db.lists.delete(twin.id);
    await db.outbox.where('listId').equals(twin.id).delete();
  }
}
