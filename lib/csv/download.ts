import type { ProspectDb } from '../db/database';
import { systemClock, type Clock } from '../model/runtime';
import type * as exportModule from './export';
import type { CsvExportPlan, CsvExportProgress } from './export';

/**
 * How long the object URL outlives the click. Chrome resolves it when the download starts,
 * which is asynchronous; revoking it afterwards frees the Blob (tens of MB for a large list)
 * instead of keeping it until the panel closes.
 */
export const REVOKE_DELAY_MS = 10_000;

/** The MIME type of the saved file; the BOM inside it is what Excel actually looks at. */
export const CSV_MIME_TYPE = 'text/csv;charset=utf-8';

/** Optional extras of a download; the panel passes `onProgress`, tests a fixed clock. */
export interface DownloadCsvOptions {
  /** Called after every part with the rows written so far. */
  onProgress?: (progress: CsvExportProgress) => void;
  clock?: Clock;
}

/**
 * Saves one list as `<list name>-<yyyy-mm-dd>.csv` (see README "Export to CSV" for the
 * columns). Runs in a page, never the service worker, which has no `URL.createObjectURL`.
 * Rejects with an `ApiError` (404 unknown list, 409 list deleted meanwhile) before anything
 * is saved.
 */
export async function downloadListCsv(db: ProspectDb, listId: string, options: DownloadCsvOptions = {}): Promise<void> {
  await saveExport(db, options, (exporter, clock) => exporter.planListExport(db, listId, clock));
}

/** Saves every list in one file, `All lists-<yyyy-mm-dd>.csv`, told apart by the `listName` column. */
export async function downloadAllListsCsv(db: ProspectDb, options: DownloadCsvOptions = {}): Promise<void> {
  await saveExport(db, options, (exporter, clock) => exporter.planAllListsExport(db, clock));
}

/**
 * Saves the changes of the list's latest refresh (`lib/csv/changes.ts` for the columns) as
 * `<list name> changes-<yyyy-mm-dd>.csv`. Rejects with a 404 `ApiError` when it was never refreshed.
 */
export async function downloadChangesCsv(db: ProspectDb, listId: string, options: DownloadCsvOptions = {}): Promise<void> {
  const [exporter, changes] = await Promise.all([import('./export'), import('./changes')]);
  const plan = await changes.planChangesExport(db, listId);
  const parts = exporter.generateRowParts(changes.CHANGES_CSV_HEADERS, plan.rows, (row) => changes.toChangesCsvRow(row, plan.list), {
    onProgress: options.onProgress,
  });
  await saveParts(plan.fileName, parts);
}

/**
 * Saves an older version of a list, rebuilt from its history, with the list export's columns, as
 * `<list name> version <n>-<yyyy-mm-dd>.csv`. Rejects with a 404 `ApiError` for a version no longer kept.
 */
export async function downloadVersionCsv(db: ProspectDb, listId: string, version: number, options: DownloadCsvOptions = {}): Promise<void> {
  const exporter = await import('./export');
  const plan = await exporter.planVersionExport(db, listId, version);
  await saveParts(plan.fileName, exporter.generateVersionParts(plan, { onProgress: options.onProgress }));
}

type Exporter = typeof exportModule;

async function saveExport(
  db: ProspectDb,
  options: DownloadCsvOptions,
  planExport: (exporter: Exporter, clock: Clock) => Promise<CsvExportPlan>,
): Promise<void> {
  // The exporter (and papaparse with it) loads on the first export, not with the panel.
  const exporter = await import('./export');
  const plan = await planExport(exporter, options.clock ?? systemClock);
  await saveParts(plan.fileName, exporter.generateCsvParts(db, plan.lists, { onProgress: options.onProgress }));
}

/** Collects the parts into a Blob and saves it as `fileName` through an `<a download>`. */
async function saveParts(fileName: string, parts: AsyncIterable<string>): Promise<void> {
  // Each part becomes a small Blob at once: the browser keeps the encoded bytes outside the
  // JS heap, so the page never holds the whole file as strings next to its UTF-8 copy.
  const blobs: Blob[] = [];
  for await (const part of parts) blobs.push(new Blob([part]));
  const url = URL.createObjectURL(new Blob(blobs, { type: CSV_MIME_TYPE }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
}
