import { Dexie } from 'dexie';
import { ApiError } from '../model/errors';
import type { RunReport } from '../model/refresh';
import type { IdFactory } from '../model/runtime';
import type { SnapshotContact } from '../model/snapshot';
import {
  applyChangeSet,
  changeSetSchema,
  DIFF_FIELDS,
  diffSnapshots,
  makeChangeSet,
  type DiffField,
  type LeaveReason,
  type SnapshotSize,
  type VersionItem,
} from '../model/snapshot-diff';
import type { ProspectDb } from './database';
import { deleteItemsOf, itemsOf, resolveBaseContacts, storeItems } from './local-contact-lists';
import type { ItemRecord, LeaverRecord, ListRecord, VersionRecord } from './records';

/** What a refresh commits: the new snapshot, in search order, and how it was read. */
export interface RefreshCommit {
  listId: string;
  contacts: readonly SnapshotContact[];
  matchedCount?: number;
  report?: RunReport;
  now: number;
  newId: IdFactory;
  /** How many refreshes the list keeps (Settings); older change sets go. */
  keep: number;
}

/** What a refresh did. */
export interface RefreshResult {
  list: ListRecord;
  version: number;
  counts: { joined: number; left: number; changed: number };
}

/** The tables a refresh commit writes, for the job's `complete`. */
export function refreshTables(db: ProspectDb) {
  return [db.lists, db.items, db.baseContacts, db.versions, db.leavers];
}

/**
 * Makes `contacts` the list's items and records the refresh, in the caller's readwrite
 * transaction over {@link refreshTables}: the list keeps its id; a person who stays keeps their
 * item's id and `createdAt`; the list's count, match count, report and version move; the change
 * set back to the previous version is stored, and the oldest beyond `keep` go. All of it or none.
 */
export async function commitRefresh(db: ProspectDb, input: RefreshCommit): Promise<RefreshResult> {
  const list = await db.lists.get(input.listId);
  if (!list) throw ApiError.notFound('Contact list', input.listId);
  const nowIso = new Date(input.now).toISOString();
  // Resolved first: folding two records together may move this list's own items to the one kept.
  const resolved = await resolveBaseContacts(db, input.contacts);
  const older = await itemsOf(db, input.listId).toArray();
  const kept = new Map(older.map((item) => [item.baseContactId, item]));
  const newer: ItemRecord[] = resolved.contacts.map((contact, position) => {
    const previous = kept.get(contact.baseContactId);
    return {
      ...contact,
      id: previous?.id ?? input.newId(),
      listId: input.listId,
      createdAt: previous?.createdAt ?? nowIso,
      position,
    };
  });
  const olderSize: SnapshotSize = { count: older.length, ...(list.matchedCount === undefined ? {} : { matched: list.matchedCount }) };
  const newerSize: SnapshotSize = { count: newer.length, ...(input.matchedCount === undefined ? {} : { matched: input.matchedCount }) };
  const { counts } = diffSnapshots(older, newer, { older: olderSize, newer: newerSize });
  const version = (list.refresh?.version ?? 1) + 1;
  const record: VersionRecord = {
    listId: input.listId,
    version,
    at: nowIso,
    older: olderSize,
    newer: newerSize,
    counts,
    changeSet: makeChangeSet(older, newer),
    ...(input.report ? { report: input.report } : {}),
  };
  const updated: ListRecord = {
    ...list,
    contactCount: newer.length,
    updatedAt: nowIso,
    ...(input.matchedCount === undefined ? {} : { matchedCount: input.matchedCount }),
    ...(input.report ? { report: input.report } : {}),
    refresh: {
      ...(list.refresh ?? { auto: 'off' }),
      version,
      lastRefreshedAt: nowIso,
      unseen: counts.joined + counts.left + counts.changed > 0 || list.refresh?.unseen === true,
    },
  };
  await deleteItemsOf(db, input.listId);
  await Promise.all([
    storeItems(db, newer, nowIso, resolved.found),
    db.versions.add(record),
    db.lists.put(updated),
    // People back in the list are no longer leavers; only a joiner can be one.
    db.leavers.bulkDelete(
      newer.filter((item) => !kept.has(item.baseContactId)).map((item): [string, string] => [input.listId, item.baseContactId]),
    ),
  ]);
  if (version - input.keep >= 2) {
    await db.versions
      .where('[listId+version]')
      .between([input.listId, Dexie.minKey], [input.listId, version - input.keep], true, true)
      .delete();
  }
  return { list: updated, version, counts };
}

/** Every refresh a list keeps, newest first. */
export async function readVersions(db: ProspectDb, listId: string): Promise<VersionRecord[]> {
  const records = await db.versions.where('[listId+version]').between([listId, Dexie.minKey], [listId, Dexie.maxKey]).toArray();
  return records.reverse();
}

/**
 * Version `version` of a list, rebuilt from its items and the change sets that lead back to it
 * (each read through its schema). A version older than the history keeps is a 404.
 */
export async function readVersionItems(db: ProspectDb, listId: string, version: number): Promise<VersionItem[]> {
  const list = await db.lists.get(listId);
  if (!list) throw ApiError.notFound('Contact list', listId);
  const current = list.refresh?.version ?? 1;
  if (!Number.isInteger(version) || version < 1 || version > current) throw ApiError.notFound('Version', String(version));
  const records = await db.versions
    .where('[listId+version]')
    .between([listId, version + 1], [listId, current], true, true)
    .toArray();
  if (records.length !== current - version) throw ApiError.notFound('Version', String(version));
  let items: VersionItem[] = await itemsOf(db, listId).toArray();
  for (const record of records.reverse()) items = applyChangeSet(items, changeSetSchema.parse(record.changeSet));
  return items;
}

/** One row of a refresh's Changes. */
export type ChangeRow =
  | { change: 'joined'; item: ItemRecord }
  | { change: 'left'; item: VersionItem; reason: LeaveReason; leaver?: LeaverRecord }
  | { change: 'changed'; item: ItemRecord; previous: Partial<Record<DiffField, string>> };

/** The latest refresh of a list: its record and what it changed, joined rows first, then left, then changed. */
export interface LatestChanges {
  record: VersionRecord;
  rows: ChangeRow[];
}

/**
 * What the list's latest refresh changed, by person: who joined (their current item), who left
 * (their item as it was, why, and where "Check leavers" found them), whose title, company or
 * location changed (before and now). `undefined` when the list was never refreshed.
 */
export async function readLatestChanges(db: ProspectDb, listId: string): Promise<LatestChanges | undefined> {
  const list = await db.lists.get(listId);
  const version = list?.refresh?.version ?? 1;
  if (!list || version < 2) return undefined;
  const record = await db.versions.get([listId, version]);
  if (!record) return undefined;
  const changeSet = changeSetSchema.parse(record.changeSet);
  const current = await itemsOf(db, listId).toArray();
  const byId = new Map(current.map((item) => [item.id, item]));
  const reason: LeaveReason = isCapped(record.older) || isCapped(record.newer) ? 'mayHaveMovedPastSize' : 'noLongerMatches';
  const leavers = await db.leavers.bulkGet(changeSet.left.map((item): [string, string] => [listId, item.baseContactId]));

  const rows: ChangeRow[] = [];
  for (const id of changeSet.joined) {
    const item = byId.get(id);
    if (item) rows.push({ change: 'joined', item });
  }
  changeSet.left.forEach((item, i) => {
    const leaver = leavers[i];
    rows.push({ change: 'left', item, reason, ...(leaver && leaver.version === version ? { leaver } : {}) });
  });
  for (const patch of changeSet.changed) {
    const item = byId.get(patch.id);
    if (!item) continue;
    const previous: Partial<Record<DiffField, string>> = {};
    let moved = false;
    for (const field of DIFF_FIELDS) {
      const before = patch.set && field in patch.set ? patch.set[field] : patch.unset?.includes(field) ? undefined : item[field];
      if (before !== item[field]) moved = true;
      if (before !== undefined) previous[field] = before;
    }
    if (moved) rows.push({ change: 'changed', item, previous });
  }
  return { record, rows };
}

function isCapped(size: SnapshotSize): boolean {
  return size.matched !== undefined && size.matched > size.count;
}
