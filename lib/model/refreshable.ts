import { failure, type ApiError } from './errors';
import type { ContactList, ListSource } from './schemas';

/** The sources a refresh can run again: filters, a replayed Sales Navigator search, a lead list. */
const REFRESHABLE: ReadonlySet<ListSource['kind']> = new Set(['search', 'salesNavigatorQuery', 'leadList']);

/**
 * Why a list cannot be refreshed (a Saber pull, an address book, a list made by hand), as the
 * error the background answers and the panel words; `undefined` when it can.
 */
export function refreshRefusal(list: Pick<ContactList, 'source'>): ApiError | undefined {
  const kind = list.source?.kind ?? 'manual';
  return REFRESHABLE.has(kind) ? undefined : failure('validation_error', 'refresh.notRefreshable', { source: kind });
}
