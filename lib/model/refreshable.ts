import { failure, type ApiError } from './errors';
import type { JobKindName } from './job-kinds';
import type { ContactList, ListSource } from './schemas';

/**
 * The sources a refresh can run again: filters, a replayed Sales Navigator search, a lead list,
 * and the user's connections read through the session.
 */
const REFRESHABLE: ReadonlySet<ListSource['kind']> = new Set(['search', 'salesNavigatorQuery', 'leadList', 'connections']);

/**
 * Why a list cannot be refreshed (a Saber pull, an address book, a list made by hand), as the
 * error the background answers and the panel words; `undefined` when it can.
 */
export function refreshRefusal(list: Pick<ContactList, 'source'>): ApiError | undefined {
  const kind = list.source?.kind ?? 'manual';
  return REFRESHABLE.has(kind) ? undefined : failure('validation_error', 'refresh.notRefreshable', { source: kind });
}

/**
 * The job that refreshes a list of this source: the connections walk for the connections list
 * (its own job, paged through Voyager), the capture's refresh for everything else.
 */
export function refreshJobKind(source: ListSource | undefined): JobKindName {
  return source?.kind === 'connections' ? 'network.connections' : 'refresh.list';
}
