import { Dexie } from 'dexie';
import type { ProspectDb } from '../db/database';
import { readVersionItems } from '../db/list-history';
import type { ItemRecord, ListRecord } from '../db/records';
import { ApiError } from '../model/errors';
import type { Clock } from '../model/runtime';
import type { VersionItem } from '../model/snapshot-diff';
import { CSV_HEADERS, toCsvRow } from './columns';
import { ALL_LISTS_FILE_STEM, csvFileName } from './file-name';
import { serialiseHeader, serialiseRecords } from './serialise';

/**
 * Contacts read, serialised and handed over per part. Large enough that 100,000 rows are 50
 * IndexedDB reads, small enough that one part serialises in a few milliseconds.
 */
export const CSV_CHUNK_ROWS = 2_000;

/** What an export will write: its file name and the lists in file order. */
export interface CsvExportPlan {
  fileName: string;
  lists: ListRecord[];
}

/** How far an export is, in data rows. */
export interface CsvExportProgress {
  rows: number;
  totalRows: number;
}

/** How {@link generateCsvParts} paces itself and reports. */
export interface CsvPartsOptions {
  /** Rows per part; {@link CSV_CHUNK_ROWS} by default. */
  chunkRows?: number;
  /** Awaited after every part so the page can paint and take input; a 0 ms timeout by default. */
  yieldToEventLoop?: () => Promise<void>;
  onProgress?: (progress: CsvExportProgress) => void;
}

/** One list's export: `<list name>-<yyyy-mm-dd>.csv`. Rejects with a 404 `ApiError` for an unknown id. */
export async function planListExport(db: ProspectDb, listId: string, clock: Clock): Promise<CsvExportPlan> {
  const list = await db.lists.get(listId);
  if (!list) throw ApiError.notFound('Contact list', listId);
  return { fileName: csvFileName(list.name, clock()), lists: [list] };
}

/** "Export all": every list, newest first as the Lists view shows them, in one file. */
export async function planAllListsExport(db: ProspectDb, clock: Clock): Promise<CsvExportPlan> {
  const lists = await db.lists.orderBy('[createdAt+id]').reverse().toArray();
  return { fileName: csvFileName(ALL_LISTS_FILE_STEM, clock()), lists };
}

/** What a version's export writes: its file name, its list, and its contacts as rebuilt. */
export interface VersionExportPlan {
  fileName: string;
  list: ListRecord;
  items: VersionItem[];
}

/**
 * An older version of a list, rebuilt from its history, as `<list name> version <n>-<yyyy-mm-dd>.csv`
 * with the day that version was made (captured, or refreshed). Rejects with a 404 `ApiError` for an
 * unknown list or a version the history no longer holds.
 */
export async function planVersionExport(db: ProspectDb, listId: string, version: number): Promise<VersionExportPlan> {
  const list = await db.lists.get(listId);
  if (!list) throw ApiError.notFound('Contact list', listId);
  const madeAt = version === 1 ? list.createdAt : (await db.versions.get([listId, version]))?.at;
  if (madeAt === undefined) throw ApiError.notFound('Version', String(version));
  const items = await readVersionItems(db, listId, version);
  return { fileName: csvFileName(`${list.name} version ${version}`, Date.parse(madeAt)), list, items };
}

/**
 * Rows already in memory (a rebuilt version, a refresh's changes) as CSV parts, like
 * {@link generateCsvParts}: the BOM and `headers` first, then `chunkRows` records per part, each
 * made by `toRow` only when its part is written, yielding to the event loop between parts.
 */
export async function* generateRowParts<T>(
  headers: readonly string[],
  records: readonly T[],
  toRow: (record: T) => string[],
  options: CsvPartsOptions = {},
): AsyncGenerator<string, void, undefined> {
  const chunkRows = options.chunkRows ?? CSV_CHUNK_ROWS;
  const yieldToEventLoop = options.yieldToEventLoop ?? yieldByTimeout;
  yield serialiseHeader(headers);
  for (let from = 0; from < records.length; from += chunkRows) {
    if (from > 0) await yieldToEventLoop();
    const chunk = records.slice(from, from + chunkRows);
    yield serialiseRecords(chunk.map(toRow));
    options.onProgress?.({ rows: from + chunk.length, totalRows: records.length });
  }
}

/** A rebuilt version's contacts as the list export's CSV: the same columns, the list's name and capture time. */
export function generateVersionParts(plan: VersionExportPlan, options: CsvPartsOptions = {}): AsyncGenerator<string, void, undefined> {
  return generateRowParts(CSV_HEADERS, plan.items, (item) => toCsvRow(item, plan.list), options);
}

/**
 * The CSV of `lists` as consecutive string parts for a `Blob`: first the BOM and header row,
 * then about `chunkRows` records per part, in list order and then stored order.
 *
 * Items are read by `[listId+position]` key ranges, `chunkRows` at a time, so only a chunk
 * or two of items, rows and text is alive at once; the caller decides where the parts go.
 * Between parts it awaits `yieldToEventLoop`, keeping a 100,000-row export from freezing the
 * page. Reads are separate transactions (a transaction cannot stay open across a yield), so
 * if a list is deleted meanwhile the export rejects with a 409 instead of ending short.
 */
export async function* generateCsvParts(
  db: ProspectDb,
  lists: readonly ListRecord[],
  options: CsvPartsOptions = {},
): AsyncGenerator<string, void, undefined> {
  const chunkRows = options.chunkRows ?? CSV_CHUNK_ROWS;
  const yieldToEventLoop = options.yieldToEventLoop ?? yieldByTimeout;
  const totalRows = lists.reduce((sum, list) => sum + list.contactCount, 0);
  let pending: string[][] = [];
  let rows = 0;

  yield serialiseHeader();
  for (const list of lists) {
    let after: number | undefined;
    for (;;) {
      const items = await readItems(db, list.id, after, chunkRows);
      for (const item of items) pending.push(toCsvRow(item, list));
      if (pending.length >= chunkRows) {
        yield serialiseRecords(pending);
        rows += pending.length;
        pending = [];
        options.onProgress?.({ rows, totalRows });
        await yieldToEventLoop();
      }
      const last = items.at(-1);
      if (!last || items.length < chunkRows) break;
      after = last.position;
    }
  }
  if (pending.length > 0) {
    yield serialiseRecords(pending);
    rows += pending.length;
    options.onProgress?.({ rows, totalRows });
  }
  await assertListsStillExist(db, lists);
}

/** Up to `limit` items of a list in stored order, after position `after` (from the start when undefined). */
function readItems(db: ProspectDb, listId: string, after: number | undefined, limit: number): Promise<ItemRecord[]> {
  return db.items
    .where('[listId+position]')
    .between([listId, after ?? Dexie.minKey], [listId, Dexie.maxKey], after === undefined, true)
    .limit(limit)
    .toArray();
}

async function assertListsStillExist(db: ProspectDb, lists: readonly ListRecord[]): Promise<void> {
  const found = await db.lists.bulkGet(lists.map((list) => list.id));
  const goneAt = found.findIndex((list) => list === undefined);
  const gone = lists[goneAt];
  if (gone) {
    throw new ApiError({
      error: 'conflict',
      message: `The list "${gone.name}" was deleted while it was being exported; nothing was saved`,
    });
  }
}

function yieldByTimeout(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
