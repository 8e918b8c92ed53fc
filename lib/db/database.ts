import { Dexie, type DexieOptions, type EntityTable, type Table } from 'dexie';
import { upgradeToOutcomes } from './upgrade-outcomes';
import type {
  BaseContactRecord,
  ItemRecord,
  JobRecord,
  LeaverRecord,
  ListRecord,
  MetaRecord,
  OutboxRecord,
  StagedPageRecord,
  VersionRecord,
} from './records';

export const DB_NAME = 'listwright';

/**
 * Every Dexie schema this extension has shipped, oldest first. A version is never edited
 * once released: a change is a new entry with its upgrade, and the migration test opens a
 * database written by each older one.
 */
export const SCHEMA_VERSIONS = [
  {
    version: 1,
    stores: {
      lists: 'id, [createdAt+id]',
      items: '[listId+position], baseContactId',
      baseContacts: 'id',
      jobs: 'id, status, createdAt',
      stagedPages: '[jobId+page]',
    },
  },
  {
    version: 2,
    stores: {
      lists: 'id, [createdAt+id], sync.remoteId',
      outbox: '++seq, listId',
      meta: 'key',
    },
  },
  {
    version: 3,
    stores: {
      baseContacts: 'id, detailed',
    },
  },
  // Outcomes, not sentences: jobs, sync states and the outbox store codes; the LinkedIn gate's
  // state becomes one record. No index changes.
  { version: 4, stores: {} },
  {
    // Refresh history as change sets, where leavers went, and one person across sources.
    version: 5,
    stores: {
      lists: 'id, [createdAt+id], sync.remoteId, refresh.nextRunAt',
      baseContacts: 'id, detailed, *keys',
      versions: '[listId+version]',
      leavers: '[listId+baseContactId]',
    },
  },
] as const;

/** The extension's IndexedDB database, one typed Dexie class. */
export class ProspectDb extends Dexie {
  lists!: EntityTable<ListRecord, 'id'>;
  items!: Table<ItemRecord, [string, number]>;
  baseContacts!: EntityTable<BaseContactRecord, 'id'>;
  jobs!: EntityTable<JobRecord, 'id'>;
  stagedPages!: Table<StagedPageRecord, [string, number]>;
  outbox!: Table<OutboxRecord, number>;
  meta!: EntityTable<MetaRecord, 'key'>;
  versions!: Table<VersionRecord, [string, number]>;
  leavers!: Table<LeaverRecord, [string, string]>;

  constructor(name: string = DB_NAME, options?: DexieOptions) {
    super(name, options);
    const [v1, v2, v3, v4, v5] = SCHEMA_VERSIONS;
    this.version(v1.version).stores(v1.stores);
    this.version(v2.version)
      .stores(v2.stores)
      .upgrade(async (tx) => {
        // Lists written before sync existed are local-only.
        await tx
          .table<ListRecord, string>('lists')
          .toCollection()
          .modify((list) => {
            list.sync ??= { state: 'local' };
          });
      });
    this.version(v3.version)
      .stores(v3.stores)
      .upgrade(async (tx) => {
        // Marks the records a merge must read first (see `addSnapshotItems`).
        await tx
          .table<BaseContactRecord, string>('baseContacts')
          .filter((base) => base.email !== undefined || base.phone !== undefined)
          .modify({ detailed: 1 });
      });
    this.version(v4.version).stores(v4.stores).upgrade(upgradeToOutcomes);
    this.version(v5.version)
      .stores(v5.stores)
      .upgrade(async (tx) => {
        // Every person known so far is known by their id; lists start at version 1.
        await tx
          .table<BaseContactRecord, string>('baseContacts')
          .toCollection()
          .modify((base) => {
            base.keys ??= [base.id];
          });
        await tx
          .table<ListRecord, string>('lists')
          .toCollection()
          .modify((list) => {
            list.refresh ??= { version: 1, auto: 'off' };
          });
      });
  }
}
