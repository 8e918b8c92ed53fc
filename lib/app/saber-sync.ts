import type { ProspectDb } from '../db/database';
import { requireSaberKey } from '../db/settings-store';
import { PULL_JOB_KIND } from '../jobs/saber-pull';
import { OUTBOX_JOB_KIND } from '../jobs/saber-outbox';
import type { JobRunner } from '../jobs/runner';
import type { Clock } from '../model/runtime';
import type { ContactList } from '../model/schemas';
import type { Settings } from '../model/settings';
import { testConnection, type ConnectionReport } from '../saber/connection';
import type { ListCommands } from '../sync/list-commands';
import type { OpenSaberClient } from '../sync/open-client';
import { waitsForRateLimit } from '../sync/outbox';

/** The pieces the Saber use cases drive, injected. */
export interface SaberSyncDeps {
  db: ProspectDb;
  runner: JobRunner;
  commands: ListCommands;
  openClient: OpenSaberClient;
  loadSettings: () => Promise<Settings>;
  clock: Clock;
}

/**
 * What the background's list and Saber messages do: the sync engine's commands, then the one
 * drain job that sends what they queued.
 */
export function createSaberSync({ db, runner, commands, openClient, loadSettings, clock }: SaberSyncDeps) {
  /**
   * Makes sure queued changes are being sent: reuses the drain job under way (waking it if it
   * sleeps on a backoff, since the user just acted, unless Saber itself asked for the pause)
   * or starts one. Called after every queued change, on worker start, on the periodic alarm
   * and when the settings change.
   */
  async function ensureDrain(): Promise<string> {
    const { job: active, created } = await runner.enqueueUnlessActive({ kind: OUTBOX_JOB_KIND, params: {} });
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

  return {
    ensureDrain,

    /** Drains only when something is queued; for the alarm, worker start and settings changes. */
    async drainIfQueued(): Promise<void> {
      if ((await db.outbox.count()) > 0) await ensureDrain();
    },

    /** Checks the key and reports Saber's Sales Navigator connector. */
    async testConnection(): Promise<ConnectionReport> {
      return testConnection(await openClient());
    },

    /** Starts a pull, or answers with the one already under way. */
    async pull(): Promise<{ jobId: string }> {
      requireSaberKey(await loadSettings());
      const { job } = await runner.enqueueUnlessActive({ kind: PULL_JOB_KIND, params: {} });
      return { jobId: job.id };
    },

    /** Queues the list's creation on Saber and starts sending. */
    async push(listId: string): Promise<{ jobId: string }> {
      requireSaberKey(await loadSettings());
      await commands.push(listId);
      return { jobId: await ensureDrain() };
    },

    async rename(listId: string, name: string): Promise<ContactList> {
      const { list, queued } = await commands.rename(listId, name);
      if (queued) await ensureDrain();
      return list;
    },

    async delete(listId: string, alsoOnSaber: boolean): Promise<{ deleted: true }> {
      const { queued } = await commands.delete(listId, alsoOnSaber);
      if (queued) await ensureDrain();
      return { deleted: true };
    },
  };
}
export type SaberSync = ReturnType<typeof createSaberSync>;
