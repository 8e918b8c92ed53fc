import { failure, type ApiError } from './errors';
import type { ContactList, ListSource } from './schemas';

/**
 * The sources of "Your network": the address book, the connections read through the session and
 * an imported Connections.csv. Their lists stay in this browser: Saber makes a list by running
 * its own search from a list's filters, and these have none.
 */
const LOCAL_ONLY: ReadonlySet<ListSource['kind']> = new Set(['addressBook', 'connections', 'connectionsCsv']);

/**
 * The largest Connections.csv the panel sends the background, in characters (a file of this many
 * bytes has at most this many). Chrome refuses a runtime message over 64 MiB of JSON, and a
 * quote-heavy text can double when encoded; LinkedIn's export of 30,000 connections is 3 to 4 MB.
 */
export const CONNECTIONS_CSV_MAX_CHARS = 16 * 1024 * 1024;

/** Whether a list from `source` stays local (cannot be pushed to Saber). */
export function isLocalOnly(source: ListSource | undefined): boolean {
  return source !== undefined && LOCAL_ONLY.has(source.kind);
}

/** Why a list cannot be pushed to Saber, as the error the background answers; `undefined` when it can. */
export function pushRefusal(list: Pick<ContactList, 'source'>): ApiError | undefined {
  return list.source && isLocalOnly(list.source) ? failure('validation_error', 'sync.localOnly', { source: list.source.kind }) : undefined;
}
