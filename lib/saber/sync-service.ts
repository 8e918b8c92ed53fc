import type { ProspectDb } from '../db/database';
import type { LocalContactLists } from '../db/local-contact-lists';
import { requireSaberKey } from '../db/settings-store';
import { OUTBOX_JOB_KIND, OUTBOX_JOB_TITLE } from '../jobs/sync-outbox';
import { PULL_JOB_KIND, PULL_JOB_TITLE } from '../jobs/sync-pull';
import type { JobRunner } from '../jobs/runner';
import { ApiError, parseOrThrow } from '../model/errors';
import type { Clock, IdFactory } from '../model/runtime';
import type { ContactList } from '../model/schemas';
import type { Settings } from '../model/settings';
import { saberCreateRequestSchema } from './api';
import { testConnection, type ConnectionReport } from './connection';
import type { OpenSaberClient } from './open-client';
import { linkedRemoteId, pendingChanges, queueChange, waitsForRateLimit } from './outbox';

/** The background's pieces the sync service drives, injected. */
export interface SaberSyncDeps {
  db: ProspectDb;
  store: LocalContactLists;
  runner: JobRunner;
  openClient: OpenSaberClient;
  loadSettings: () => Promise<Settings>;
  clock: Clock;
  newId: IdFactory;
}

/**
 * What the background's Saber messages do. Local changes to a list that is on Saber are
 * written together with their outbox row (one transaction), then a drain job sends them.
 */
export class SaberSync {
  constructor(private readonly deps: SaberSyncDeps) {}

  /** Checks the key and reports Saber's Sales Navigator connector. */
  async testConnection(): Promise<ConnectionReport> {
    return testConnection(await this.deps.openClient());
  }

  /** Starts a pull, or answers with the one already under way. */
  async pull(): Promise<{ jobId: string }> {
    requireSaberKey(await this.deps.loadSettings());
    const { job } = await this.deps.runner.enqueueUnlessActive({ kind: PULL_JOB_KIND, title: PULL_JOB_TITLE, params: {} });
    return { jobId: job.id };
  }

  /**
   * Queues the creation of `listId` on Saber from its name and filters. A list Saber would
   * refuse (no company URL, no filter) fails here, naming the field, and nothing is queued.
   */
  async push(listId: string): Promise<{ jobId: string }> {
    requireSaberKey(await this.deps.loadSettings());
    const { db, store } = this.deps;
    await db.transaction('rw', [db.lists, db.outbox], async () => {
      const list = await store.getList(listId);
      const pending = await pendingChanges(db, listId);
      if (pending.some((row) => row.op === 'create')) return;
      if (linkedRemoteId(list)) {
        throw new ApiError({
          error: 'conflict',
          message: `"${list.name}" is already on Saber; renames and deletions reach it on their own`,
        });
      }
      const request = parseOrThrow(saberCreateRequestSchema, { name: list.name, filters: list.filters });
      await queueChange(
        db,
        listId,
        { op: 'create', payload: { name: request.name, filters: request.filters, idempotencyKey: this.deps.newId() } },
        this.deps.clock(),
      );
      // A list Saber deleted can be pushed again: it becomes a new Saber list.
      const { nameHistory } = list.sync ?? {};
      await db.lists.put({ ...list, sync: { state: 'pending', ...(nameHistory ? { nameHistory } : {}) } });
    });
    return { jobId: await this.ensureDrain() };
  }

  /** Renames locally and, for a list on Saber (or on its way there), queues the rename. */
  async renameList(listId: string, name: string): Promise<ContactList> {
    const { db, store } = this.deps;
    const { renamed, queued } = await db.transaction('rw', [db.lists, db.items, db.outbox], async () => {
      const before = await store.getList(listId);
      const updated = await store.renameList(listId, { name });
      const remoteId = linkedRemoteId(before);
      const awaitingCreate = (await pendingChanges(db, listId)).some((row) => row.op === 'create');
      if (updated.name === before.name || (!remoteId && !awaitingCreate)) return { renamed: updated, queued: false };
      const payload = { name: updated.name, ...(remoteId ? { remoteId } : {}) };
      await queueChange(db, listId, { op: 'rename', payload }, this.deps.clock());
      const withSync: ContactList = { ...updated, sync: { ...updated.sync, state: 'pending', message: undefined } };
      await db.lists.put(withSync);
      return { renamed: withSync, queued: true };
    });
    if (queued) await this.ensureDrain();
    return renamed;
  }

  /**
   * Deletes locally. With `alsoOnSaber`, a list on Saber (or on its way there) is deleted
   * there too, through the outbox; without it, Saber keeps its list.
   */
  async deleteList(listId: string, alsoOnSaber: boolean): Promise<{ deleted: true }> {
    const { db, store } = this.deps;
    const queued = await db.transaction('rw', [db.lists, db.items, db.outbox], async () => {
      const list = await store.getList(listId);
      const remoteId = linkedRemoteId(list);
      const awaitingCreate = (await pendingChanges(db, listId)).some((row) => row.op === 'create');
      await store.deleteList(listId);
      if (!alsoOnSaber || (!remoteId && !awaitingCreate)) return false;
      await queueChange(db, listId, { op: 'delete', payload: remoteId ? { remoteId } : {} }, this.deps.clock());
      return true;
    });
    if (queued) await this.ensureDrain();
    return { deleted: true };
  }

  /**
   * Makes sure queued changes are being sent: reuses the drain job under way (waking it if it
   * sleeps on a backoff, since the user just acted, unless Saber itself asked for the pause)
   * or starts one. Called after every queued change, on worker start, on the periodic alarm
   * and when the settings change.
   */
  async ensureDrain(): Promise<string> {
    const { db, runner, clock } = this.deps;
    const { job: active, created } = await runner.enqueueUnlessActive({
      kind: OUTBOX_JOB_KIND,
      title: OUTBOX_JOB_TITLE,
      params: {},
    });
    if (!created) {
      const now = clock();
      await db.transaction('rw', [db.jobs, db.outbox], async () => {
        const head = await db.outbox.toCollection().first();
        if (head && waitsForRateLimit(head)) return;
        if (head?.seq !== undefined && head.notBefore && head.notBefore > now) {
          await db.outbox.update(head.seq, { notBefore: now });
        }
        const current = await db.jobs.get(active.id);
        if (current?.status === 'waiting') await db.jobs.update(active.id, { status: 'queued', notBefore: now });
      });
      void runner.pump();
    }
    return active.id;
  }

  /** Drains only when something is queued; for the alarm and worker start. */
  async drainIfQueued(): Promise<void> {
    if ((await this.deps.db.outbox.count()) > 0) await this.ensureDrain();
  }
}
