import type { ProspectDb } from '../db/database';
import { clearOutboxBlock, readOutboxBlock } from '../db/outbox-block';
import { ACTIVE_JOB_STATUSES, JOB_STATUSES } from '../db/records';
import { requireSaberKey } from '../db/settings-store';
import { PULL_JOB_KIND } from '../jobs/saber-pull';
import { OUTBOX_JOB_KIND } from '../jobs/saber-outbox';
import type { JobRunner } from '../jobs/runner';
import { ApiError } from '../model/errors';
import type { Clock } from '../model/runtime';
import type { ContactList } from '../model/schemas';
import type { Settings } from '../model/settings';
import { testConnection, type ConnectionReport } from '../saber/connection';
import type { ListCommands } from '../sync/list-commands';
import type { OpenSaberClient } from '../sync/open-client';
import { waitsForRateLimit } from '../sync/outbox';

const ENDED_JOB_STATUSES = JOB_STATUSES.filter((status) => !ACTIVE_JOB_STATUSES.includes(status));

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
   * or starts one, which replaces the drain jobs that ended before it. Called after every
   * queued change, on worker start, on the periodic alarm and when the settings change. While
   * the outbox is blocked it starts nothing and answers undefined.
   */
  async function ensureDrain(): Promise<string | undefined> {
    if (await readOutboxBlock(db)) return undefined;
    const { job: active, created } = await runner.enqueueUnlessActive({ kind: OUTBOX_JOB_KIND, params: {} });
    if (created) {
      await db.jobs
        .where('status')
        .anyOf(ENDED_JOB_STATUSES)
        .filter((job) => job.kind === OUTBOX_JOB_KIND && job.id !== active.id)
        .delete();
      return active.id;
    }
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
    return active.id;
  }

  /** Drains only when something is queued and the outbox is not blocked. */
  async function drainIfQueued(): Promise<string | undefined> {
    return (await db.outbox.count()) > 0 ? ensureDrain() : undefined;
  }

  /** Refuses at once, with what blocked the outbox, rather than queue a change that cannot go. */
  async function requireUnblocked(): Promise<void> {
    const block = await readOutboxBlock(db);
    if (block) throw block.error;
  }

  return {
    ensureDrain,

    /** For the periodic alarm and worker start: sends what is queued unless the outbox is blocked. */
    async drainIfQueued(): Promise<void> {
      await drainIfQueued();
    },

    /**
     * The settings changed (any writer, as `chrome.storage.onChanged` reports it). A new key or
     * base URL lifts the outbox's block, since the refusal was about the old ones; any other
     * change sends only what an unblocked outbox would.
     */
    async settingsChanged(previous: Settings, next: Settings): Promise<void> {
      if (previous.saberApiKey !== next.saberApiKey || previous.saberBaseUrl !== next.saberBaseUrl) await clearOutboxBlock(db);
      if (next.saberApiKey) await drainIfQueued();
    },

    /** The user's Retry: lifts the block and sends what is queued; the drain job that failed is replaced. */
    async retry(): Promise<{ jobId?: string }> {
      await clearOutboxBlock(db);
      const jobId = await drainIfQueued();
      return jobId === undefined ? {} : { jobId };
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

    /** Queues the list's creation on Saber and starts sending; refused while the outbox is blocked. */
    async push(listId: string): Promise<{ jobId: string }> {
      requireSaberKey(await loadSettings());
      await requireUnblocked();
      await commands.push(listId);
      const jobId = await ensureDrain();
      if (jobId !== undefined) return { jobId };
      // Blocked between the check and the queueing: the change waits for the Retry like the others.
      throw (await readOutboxBlock(db))?.error ?? new ApiError({ error: 'internal_error', message: 'The drain job did not start' });
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
