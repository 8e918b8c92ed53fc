import { failure, type ApiError } from './errors';
import type { ContactList, ListSource } from './schemas';

/**
 * The sources of "Your network": the address book, the connections read through the session and
 * an imported Connections.csv. Their lists stay in this browser: Saber makes a list by running
 * its own search from a list's filters, and these have none.
 */
const LOCAL_ONLY: ReadonlySet<ListSource['kind']> = new Set(['addressBook', 'connections', 'connectionsCsv']);

/** Whether a list from `source` stays local (cannot be pushed to Saber). */
export function isLocalOnly(source: ListSource | undefined): boolean {
  return source !== undefined && LOCAL_ONLY.has(source.kind);
}

/** Why a list cannot be pushed to Saber, as the error the background answers; `undefined` when it can. */
export function pushRefusal(list: Pick<ContactList, 'source'>): ApiError | undefined {
  return list.source && isLocalOnly(list.source) ? failure('validation_error', 'sync.localOnly', { source: list.source.kind }) : undefined;
}
