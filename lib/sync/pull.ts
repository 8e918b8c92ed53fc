import type { ProspectDb } from '../db/database';
import { addSnapshotItems, deleteItemsOf } from '../db/local-contact-lists';
import type { ListRecord, OutboxRecord } from '../db/records';
import { outcome } from '../model/outcomes';
import type { IdFactory } from '../model/runtime';
import type { SyncState } from '../model/schemas';
import type { RemoteItem, RemoteList } from '../saber/api';
import { linkedRemoteId, readChange, renamedOnSaber, sameCreate, versionToRecord } from './outbox';

/**
 * Pulling Saber's lists into the browser. Lists are linked by `sync.remoteId`. Lists that came
 * from Saber (`source.kind === 'saber'`) hold Saber's snapshot and are downloaded again when
 * Saber's `updatedAt` or `contactCount` moved; a pushed list keeps its own capture (Saber's is
 * a different one) and only takes Saber's name and counts.
 */

export interface PullPlan {
  /** Remote ids whose contacts must be downloaded: new lists and changed Saber lists. */
  download: string[];
  /** Remote ids linked here but missing from the listing; checked one by one before marking. */
  verify: string[];
}

function isSaberCopy(list: ListRecord): boolean {
  return list.source?.kind === 'saber';
}

function remoteMoved(list: ListRecord, remote: RemoteList): boolean {
  return list.sync?.remoteUpdatedAt !== remote.updatedAt || list.sync?.remoteContactCount !== remote.contactCount;
}

/**
 * Whether `remote` is an older state of the list than the one this list last recorded. A pull
 * reads Saber's listing long before it commits (it may wait on retries meanwhile), and the
 * outbox may have recorded Saber's answer to a rename in between: applying the listing then
 * would undo a change Saber already accepted. Saber moves `updatedAt` on every change, so an
 * equal time with another name is the same moment seen twice; the recorded one came from
 * Saber's own answer and is kept, and the next change on Saber moves the time again.
 */
export function olderThanRecorded(list: ListRecord, remote: RemoteList): boolean {
  const recorded = Date.parse(list.sync?.remoteUpdatedAt ?? '');
  const listed = Date.parse(remote.updatedAt);
  if (Number.isNaN(recorded) || Number.isNaN(listed)) return false;
  if (listed !== recorded) return listed < recorded;
  return list.sync?.remoteName !== undefined && list.sync.remoteName !== remote.name;
}

/** Decides what to download and what to double-check, from the full remote listing. */
export async function planPull(db: ProspectDb, remotes: readonly RemoteList[]): Promise<PullPlan> {
  const linked = await db.lists
    .where('sync.remoteId')
    .anyOf(remotes.map((remote) => remote.id))
    .toArray();
  const byRemoteId = new Map(linked.map((list) => [list.sync!.remoteId!, list]));
  const download = remotes
    .filter((remote) => {
      const local = byRemoteId.get(remote.id);
      return !local || (isSaberCopy(local) && remoteMoved(local, remote) && !olderThanRecorded(local, remote));
    })
    .map((remote) => remote.id);

  const seen = new Set(remotes.map((remote) => remote.id));
  const verify: string[] = [];
  await db.lists
    .where('sync.remoteId')
    .notEqual('')
    .each((list) => {
      const remoteId = linkedRemoteId(list);
      if (remoteId && !seen.has(remoteId)) verify.push(remoteId);
    });
  return { download, verify: [...new Set(verify)] };
}

/** What a pull did, for the job's summary. */
export interface PullCounts {
  imported: number;
  refreshed: number;
  renamed: number;
  deleted: number;
}

/** Counts before anything happened. */
export const emptyCounts = (): PullCounts => ({ imported: 0, refreshed: 0, renamed: 0, deleted: 0 });

/**
 * Whether a remote list must not be imported now: a queued delete will remove it from Saber,
 * or it may be the result of a create whose answer was lost (that create links it when it
 * is acknowledged).
 */
function heldBack(outbox: readonly OutboxRecord[], remote: RemoteList): boolean {
  return outbox.some((row) => {
    const change = readChange(row);
    if (change?.op === 'delete') return change.payload.remoteId === remote.id;
    return change?.op === 'create' && row.attempts > 0 && sameCreate(change.payload, remote.name, remote.filters);
  });
}

/**
 * Stores one downloaded list atomically: a new local list, or a Saber copy whose contacts
 * are replaced in full (items, base contacts and the list record in one transaction, never
 * a half-replaced list). Returns what it did.
 */
export async function commitDownloadedList(
  db: ProspectDb,
  remote: RemoteList,
  contacts: readonly RemoteItem[],
  deps: { now: number; newId: IdFactory },
): Promise<'imported' | 'refreshed' | 'skipped'> {
  const nowIso = new Date(deps.now).toISOString();
  return db.transaction('rw', [db.lists, db.items, db.baseContacts, db.outbox], async () => {
    const local = await db.lists.where('sync.remoteId').equals(remote.id).first();
    // A pushed list keeps its own capture; a copy already at this version was committed by an
    // earlier run of this step (the worker stopped before the job recorded it); a copy that
    // already knows a later version keeps it (the next pull downloads that one).
    if (local && (!isSaberCopy(local) || !remoteMoved(local, remote) || olderThanRecorded(local, remote))) return 'skipped';
    if (!local && heldBack(await db.outbox.toArray(), remote)) return 'skipped';

    const pending = local ? await db.outbox.where('listId').equals(local.id).toArray() : [];
    const merged = local ? mergeName(local, remote, pending) : { name: remote.name, nameHistory: undefined, dropRenames: false };
    if (merged.dropRenames) await dropPendingRenames(db, pending);
    const stillPending = merged.dropRenames ? pending.filter((row) => row.op !== 'rename') : pending;

    const listId = local?.id ?? deps.newId();
    const list: ListRecord = {
      id: listId,
      name: merged.name,
      filters: remote.filters,
      contactCount: contacts.length,
      createdAt: local?.createdAt ?? remote.createdAt,
      updatedAt: nowIso,
      source: { kind: 'saber' },
      sync: syncedState(local?.sync, remote, merged.nameHistory, stillPending.length, nowIso),
    };
    if (local) await deleteItemsOf(db, listId);
    await addSnapshotItems(db, listId, contacts, { now: nowIso, newId: deps.newId });
    await db.lists.put(list);
    return local ? 'refreshed' : 'imported';
  });
}

/**
 * Brings every linked list's name and counts in line with Saber and marks the lists Saber
 * no longer has. One transaction, so the panel never shows half a pull.
 */
export async function commitPullMetadata(
  db: ProspectDb,
  remotes: readonly RemoteList[],
  goneRemoteIds: readonly string[],
  now: number,
): Promise<Pick<PullCounts, 'renamed' | 'deleted'>> {
  const nowIso = new Date(now).toISOString();
  let renamed = 0;
  let deleted = 0;
  await db.transaction('rw', [db.lists, db.outbox], async () => {
    const linked = await db.lists
      .where('sync.remoteId')
      .anyOf([...remotes.map((r) => r.id), ...goneRemoteIds])
      .toArray();
    const remoteById = new Map(remotes.map((remote) => [remote.id, remote]));
    const gone = new Set(goneRemoteIds);
    for (const local of linked) {
      const remoteId = local.sync!.remoteId!;
      if (gone.has(remoteId)) {
        if (local.sync?.state === 'deletedRemote') continue;
        await db.lists.put({
          ...local,
          sync: { ...local.sync!, state: 'deletedRemote', outcome: outcome('sync.deletedOnSaber', {}), op: undefined },
        });
        deleted += 1;
        continue;
      }
      const remote = remoteById.get(remoteId);
      if (!remote || olderThanRecorded(local, remote)) continue;
      const pending = await db.outbox.where('listId').equals(local.id).toArray();
      const merged = mergeName(local, remote, pending);
      if (merged.dropRenames) await dropPendingRenames(db, pending);
      const stillPending = merged.dropRenames ? pending.filter((row) => row.op !== 'rename') : pending;
      if (merged.name !== local.name) renamed += 1;
      await db.lists.put({
        ...local,
        name: merged.name,
        ...(merged.name === local.name ? {} : { updatedAt: nowIso }),
        sync: {
          ...syncedState(local.sync, remote, merged.nameHistory, stillPending.length, nowIso),
          remoteUpdatedAt: versionToRecord(local, remote),
        },
      });
    }
  });
  return { renamed, deleted };
}

/**
 * Whose name wins. Saber's, when no local rename waits; the local one while its rename is on
 * its way (Saber still has the name we last saw, or already ours); and when both sides
 * renamed, Saber's, with the local name kept in `nameHistory` and its queued renames dropped
 * so they do not overwrite Saber's afterwards.
 */
export function mergeName(
  local: ListRecord,
  remote: RemoteList,
  pending: readonly OutboxRecord[],
): { name: string; nameHistory: string[] | undefined; dropRenames: boolean } {
  const history = local.sync?.nameHistory;
  const renames = pending.map(readChange).filter((change) => change?.op === 'rename');
  if (remote.name === local.name) return { name: local.name, nameHistory: history, dropRenames: false };
  if (renames.length === 0) return { name: remote.name, nameHistory: history, dropRenames: false };
  const ours = renames.some((change) => change.payload.name === remote.name);
  if (ours || !local.sync || !renamedOnSaber(local.sync, remote)) {
    return { name: local.name, nameHistory: history, dropRenames: false };
  }
  return { name: remote.name, nameHistory: [...(history ?? []), local.name], dropRenames: true };
}

async function dropPendingRenames(db: ProspectDb, pending: readonly OutboxRecord[]): Promise<void> {
  const seqs = pending.filter((row) => row.op === 'rename' && row.seq !== undefined).map((row) => row.seq!);
  await db.outbox.bulkDelete(seqs);
}

function syncedState(
  previous: SyncState | undefined,
  remote: RemoteList,
  nameHistory: string[] | undefined,
  pendingCount: number,
  nowIso: string,
): SyncState {
  return {
    state: pendingCount > 0 ? 'pending' : 'synced',
    remoteId: remote.id,
    remoteName: remote.name,
    syncedAt: nowIso,
    remoteUpdatedAt: remote.updatedAt,
    remoteContactCount: remote.contactCount,
    ...(nameHistory?.length ? { nameHistory } : {}),
    ...(pendingCount > 0 && previous?.outcome ? { outcome: previous.outcome, ...(previous.op ? { op: previous.op } : {}) } : {}),
  };
}
