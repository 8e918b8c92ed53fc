import { Dexie } from 'dexie';
import type { ProspectDb } from './database';
import { foldText } from '../model/text';
import { ACTIVE_JOB_STATUSES, type ItemRecord, type JobRecord, type ListRecord } from './records';

/** Rows the panel reads at once from a list: one key-range read per page. */
export const ROWS_PAGE_SIZE = 100;

/**
 * Every list, newest first, by the `[createdAt+id]` index. Read oldest first and reversed
 * here: a backwards read is one `getAll` only in browsers whose IndexedDB has
 * `getAllRecords`; in the older Chromes we support, Dexie walks a cursor instead, a round trip
 * per list, on the panel's startup path.
 */
export async function readListsNewestFirst(db: ProspectDb): Promise<ListRecord[]> {
  return (await db.lists.orderBy('[createdAt+id]').toArray()).reverse();
}

/** Every job, newest first, for the jobs area (read forwards for the same reason). */
export async function readJobsNewestFirst(db: ProspectDb): Promise<JobRecord[]> {
  return (await db.jobs.orderBy('createdAt').toArray()).reverse();
}

/**
 * The kinds of the jobs under way (queued, running or waiting) about one list, e.g.
 * `refresh.list` while it is being refreshed: a job is about the list its params name.
 */
export async function readActiveJobKinds(db: ProspectDb, listId: string): Promise<Set<string>> {
  const active = await db.jobs
    .where('status')
    .anyOf([...ACTIVE_JOB_STATUSES])
    .toArray();
  return new Set(active.filter((job) => paramsListId(job.params) === listId).map((job) => job.kind));
}

/** The `listId` a job's params name, if they name one; params are each kind's own shape. */
function paramsListId(params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null || !('listId' in params)) return undefined;
  return typeof params.listId === 'string' ? params.listId : undefined;
}

/**
 * Whether the list's create waits in the outbox (pushed, not yet acknowledged by Saber): one
 * `listId` index read over a table that holds only unsent changes.
 */
export async function hasQueuedCreate(db: ProspectDb, listId: string): Promise<boolean> {
  return (
    (await db.outbox
      .where('listId')
      .equals(listId)
      .filter((row) => row.op === 'create')
      .count()) > 0
  );
}

/**
 * Whether deleting the list can also delete it on Saber: it is there (a remote id Saber has
 * not deleted) or on its way there (a queued create, which the queued delete then follows).
 * The same rule as the background's `deleteList`, which ignores the choice otherwise.
 */
export function canDeleteOnSaber(list: Pick<ListRecord, 'sync'>, createQueued: boolean): boolean {
  return createQueued || (list.sync?.state !== 'deletedRemote' && !!list.sync?.remoteId);
}

/** Search words: every one must appear somewhere in what is searched. */
export function toSearchTerms(query: string): string[] {
  return foldText(query).split(' ').filter(Boolean);
}

/** Lists whose name contains every word of `query` (no words: all lists), order kept. */
export function filterListsByName(lists: readonly ListRecord[], query: string): ListRecord[] {
  const terms = toSearchTerms(query);
  if (terms.length === 0) return [...lists];
  return lists.filter((list) => {
    const name = foldText(list.name);
    return terms.every((term) => name.includes(term));
  });
}

/** True when every term appears in the contact's name, role, company, location, seniority or headline. */
export function contactMatches(item: ItemRecord, terms: readonly string[]): boolean {
  const haystack = foldText(
    [
      item.fullName ?? `${item.firstName ?? ''} ${item.lastName ?? ''}`,
      item.role,
      item.companyName,
      item.location,
      item.headline,
      ...(item.seniority ?? []),
      item.email,
    ]
      .filter(Boolean)
      .join(' '),
  );
  return terms.every((term) => haystack.includes(term));
}

/** Rows `[page * size, (page + 1) * size)` of a list in stored order: one primary-key range. */
export function readItemsPage(db: ProspectDb, listId: string, page: number, size = ROWS_PAGE_SIZE): Promise<ItemRecord[]> {
  const start = page * size;
  return db.items
    .where('[listId+position]')
    .between([listId, start], [listId, start + size], true, false)
    .toArray();
}

/** The rows at `positions` of a list (search results), by primary key. Missing rows are skipped. */
export async function readItemsAt(db: ProspectDb, listId: string, positions: readonly number[]): Promise<ItemRecord[]> {
  const rows = await db.items.bulkGet(positions.map((position): [string, number] => [listId, position]));
  return rows.filter((row): row is ItemRecord => row !== undefined);
}

export interface SearchOptions {
  /** Rows read per step; the walk stays on the list's own key range, in chunks. */
  chunkSize?: number;
  /** Stops the walk early when the person has typed something else. */
  signal?: AbortSignal;
}

/**
 * Positions of the contacts of one list matching `query`, in stored order. Text has no index,
 * so this walks the list's own `[listId+position]` range chunk by chunk (never the whole table).
 * An empty query matches nothing: callers show the whole list instead.
 */
export async function searchListPositions(
  db: ProspectDb,
  listId: string,
  query: string,
  { chunkSize = 1000, signal }: SearchOptions = {},
): Promise<number[]> {
  const terms = toSearchTerms(query);
  if (terms.length === 0) return [];
  const found: number[] = [];
  let from = 0;
  for (;;) {
    signal?.throwIfAborted();
    const chunk = await db.items
      .where('[listId+position]')
      .between([listId, from], [listId, Dexie.maxKey], true, true)
      .limit(chunkSize)
      .toArray();
    for (const item of chunk) if (contactMatches(item, terms)) found.push(item.position);
    const last = chunk.at(-1);
    if (!last || chunk.length < chunkSize) return found;
    from = last.position + 1;
  }
}

/**
 * In how many lists each base contact appears (distinct lists), for the rows on screen only:
 * one `baseContactId` index read per contact, keys only.
 */
export async function countListsByContact(db: ProspectDb, baseContactIds: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(baseContactIds)];
  const counts = await Promise.all(
    unique.map(async (id) => {
      const keys = await db.items.where('baseContactId').equals(id).primaryKeys();
      return new Set(keys.map(([listId]) => listId)).size;
    }),
  );
  return new Map(unique.map((id, i) => [id, counts[i] ?? 0]));
}
