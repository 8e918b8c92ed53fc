import type { ProspectDb } from '../../../lib/db/database';
import { commitRefresh, refreshTables } from '../../../lib/db/list-history';
import { LocalContactLists } from '../../../lib/db/local-contact-lists';
import type { ItemRecord, ListRecord, VersionRecord } from '../../../lib/db/records';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import type { SnapshotContact } from '../../../lib/model/snapshot';
import { diffSnapshots, makeChangeSet, type VersionItem } from '../../../lib/model/snapshot-diff';
import { makeRefresh, makeVersion } from './history-bench';
import type { RawStore } from './raw-store';
import { timed, type Timed } from './timed';

/** `store` is `commitRefresh` (what the refresh job's end runs); `raw` the same writes by hand. */
export type RefreshCommitImpl = 'store' | 'raw';

/** The refresh-commit bench's part of `window.bench`; every duration is taken inside the page. */
export interface RefreshCommitBenchApi {
  /**
   * Stores a `count`-contact list in each database and a refresh of it in which `share` of the
   * people differ. Each {@link RefreshCommitBenchApi.refreshCommit} then commits the other of
   * the two versions, so every commit replaces the list with a changed one.
   */
  prepareRefreshCommit(count: number, share: number): Promise<void>;
  /** One refresh commit; the value is the version it made. */
  refreshCommit(impl: RefreshCommitImpl): Promise<Timed<number>>;
}

/** One side's list and the version it holds now. */
interface Side {
  listId: string;
  version: number;
}

interface Prepared {
  versions: [VersionItem[], VersionItem[]];
  store: Side;
  /** The raw side's records of each version, and the history entry that commits it. */
  raw: Side & {
    list: ListRecord;
    items: [ItemRecord[], ItemRecord[]];
    entries: [Omit<VersionRecord, 'version' | 'at'>, Omit<VersionRecord, 'version' | 'at'>];
  };
}

/** The refresh commit against raw IndexedDB, over the databases of `opened`. */
export function createRefreshCommitBench(opened: () => { db: ProspectDb; raw: RawStore }): RefreshCommitBenchApi {
  let prepared: Prepared | undefined;
  const current = () => {
    if (!prepared) throw new Error('Call bench.prepareRefreshCommit(count, share) first');
    return prepared;
  };

  return {
    async prepareRefreshCommit(count, share) {
      const { db, raw } = opened();
      const older = makeVersion(count, `refresh-${count}`);
      const newer = makeRefresh(older, share, count);
      const created = await new LocalContactLists(db).createList({ name: 'Bench refresh', contacts: older.map(toContact) });

      const listId = crypto.randomUUID();
      const now = new Date().toISOString();
      const list: ListRecord = {
        id: listId,
        name: 'Bench refresh',
        filters: {},
        contactCount: count,
        createdAt: now,
        updatedAt: now,
        source: { kind: 'manual' },
        sync: { state: 'local' },
        refresh: { version: 1, auto: 'off' },
      };
      const items: [ItemRecord[], ItemRecord[]] = [older.map((item) => ({ ...item, listId })), newer.map((item) => ({ ...item, listId }))];
      await raw.putList(list, items[0]);
      prepared = {
        versions: [older, newer],
        store: { listId: created.id, version: 1 },
        // Computed here: the raw side only writes what the refresh writes.
        raw: { listId, version: 1, list, items, entries: [entry(listId, items[1], items[0]), entry(listId, items[0], items[1])] },
      };
    },

    async refreshCommit(impl) {
      const state = current();
      const side = state[impl];
      // Version 2 holds the newer people, 3 the older again, and so on.
      const next = side.version % 2 === 1 ? 1 : 0;
      const { db, raw } = opened();
      const result = await timed(async () => {
        if (impl === 'store') {
          const contacts = state.versions[next].map(toContact);
          const { version } = await db.transaction('rw', refreshTables(db), async () =>
            commitRefresh(db, {
              listId: side.listId,
              contacts,
              now: Date.now(),
              newId: () => crypto.randomUUID(),
              keep: DEFAULT_SETTINGS.historyKeep,
            }),
          );
          return version;
        }
        const version = side.version + 1;
        const at = new Date().toISOString();
        const items = state.raw.items[next];
        const record: VersionRecord = { ...state.raw.entries[next], version, at };
        const list: ListRecord = { ...state.raw.list, contactCount: items.length, updatedAt: at, refresh: { version, auto: 'off' } };
        const keep = DEFAULT_SETTINGS.historyKeep;
        await raw.replaceItems(list, items, record, version - keep >= 2 ? [side.listId, version - keep] : undefined);
        return version;
      });
      side.version = result.value;
      return result;
    },
  };
}

/** The history entry of a refresh from `older` to `newer`, but its version and time. */
function entry(listId: string, older: readonly VersionItem[], newer: readonly VersionItem[]): Omit<VersionRecord, 'version' | 'at'> {
  const sizes = { older: { count: older.length }, newer: { count: newer.length } };
  return { listId, ...sizes, counts: diffSnapshots(older, newer, sizes).counts, changeSet: makeChangeSet(older, newer) };
}

function toContact({ id: _id, listId: _listId, createdAt: _createdAt, position: _position, ...contact }: VersionItem): SnapshotContact {
  return contact;
}
