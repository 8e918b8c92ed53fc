import type { ProspectDb } from '../db/database';
import { ACTIVE_JOB_STATUSES } from '../db/records';
import { LEAVERS_KIND } from '../jobs/leavers';
import type { JobRunner } from '../jobs/runner';
import type { LinkedInGate } from '../linkedin/gate';
import { ApiError, failure } from '../model/errors';
import { AUTO_REFRESH_INTERVAL_MS, type AutoRefresh } from '../model/refresh';
import type { Clock } from '../model/runtime';
import { refreshJobKind, refreshRefusal } from '../model/refreshable';
import type { ContactList } from '../model/schemas';
import type { Settings } from '../model/settings';
import { changeSetSchema } from '../model/snapshot-diff';
import { assertMayUseLinkedIn } from './linkedin-checks';

export interface RefreshServiceDeps {
  db: ProspectDb;
  runner: Pick<JobRunner, 'enqueue'>;
  gate: Pick<LinkedInGate, 'status'>;
  readSettings: () => Promise<Settings>;
  clock: Clock;
  /** Called when a list's schedule changed, so the one auto-refresh alarm is set again. */
  onScheduleChange: () => Promise<void>;
}

/** When a list's next automatic refresh is due: one interval after its last refresh (or capture), never in the past. */
export function nextRunAt(list: ContactList, auto: AutoRefresh, now: number): string | undefined {
  if (auto === 'off') return undefined;
  const last = Date.parse(list.refresh?.lastRefreshedAt ?? list.createdAt);
  return new Date(Math.max(now, last + AUTO_REFRESH_INTERVAL_MS[auto])).toISOString();
}

/**
 * What the background's refresh messages do: start a refresh of a list (with the checks every
 * LinkedIn job passes first), set its schedule, mark its changes seen, and check where its
 * leavers went.
 */
export function createRefreshService({ db, runner, gate, readSettings, clock, onScheduleChange }: RefreshServiceDeps) {
  async function getList(listId: string): Promise<ContactList> {
    const list = await db.lists.get(listId);
    if (!list) throw ApiError.notFound('Contact list', listId);
    return list;
  }

  /** Whether a job of `kind` about `listId` is under way. */
  async function busy(kind: string, listId: string): Promise<boolean> {
    const active = await db.jobs
      .where('status')
      .anyOf([...ACTIVE_JOB_STATUSES])
      .toArray();
    return active.some((job) => job.kind === kind && (job.params as { listId?: unknown } | undefined)?.listId === listId);
  }

  return {
    /**
     * Queues a refresh of the list (the connections list's is a walk of the connections). A list
     * that cannot be refreshed, or is being refreshed, is refused.
     */
    async refresh(listId: string): Promise<{ jobId: string }> {
      const list = await getList(listId);
      const refused = refreshRefusal(list);
      if (refused) throw refused;
      const kind = refreshJobKind(list.source);
      if (await busy(kind, listId)) throw failure('conflict', 'refresh.alreadyRunning', {});
      await assertMayUseLinkedIn(gate, readSettings, clock);
      const job = await runner.enqueue({ kind, subject: list.name, params: { listId } });
      return { jobId: job.id };
    },

    /** Sets how often the list refreshes itself; its next run is one interval after its last refresh. */
    async setAutoRefresh(listId: string, auto: AutoRefresh): Promise<ContactList> {
      const updated = await db.transaction('rw', db.lists, async () => {
        const list = await getList(listId);
        if (auto !== 'off') {
          const refused = refreshRefusal(list);
          if (refused) throw refused;
        }
        const next = nextRunAt(list, auto, clock());
        const { skipped: _skipped, nextRunAt: _next, ...rest } = list.refresh ?? { version: 1, auto: 'off' };
        const changed: ContactList = { ...list, refresh: { ...rest, auto, ...(next ? { nextRunAt: next } : {}) } };
        await db.lists.put(changed);
        return changed;
      });
      await onScheduleChange();
      return updated;
    },

    /** The list's latest changes were seen: the Lists view stops marking it. */
    async markSeen(listId: string): Promise<{ seen: true }> {
      await db.transaction('rw', db.lists, async () => {
        const list = await getList(listId);
        if (list.refresh?.unseen) await db.lists.put({ ...list, refresh: { ...list.refresh, unseen: false } });
      });
      return { seen: true };
    },

    /** Queues "Check leavers" for the list's latest refresh; refused when nobody left in it. */
    async checkLeavers(listId: string): Promise<{ jobId: string }> {
      const list = await getList(listId);
      const version = list.refresh?.version ?? 1;
      const record = version >= 2 ? await db.versions.get([listId, version]) : undefined;
      if (!record || changeSetSchema.parse(record.changeSet).left.length === 0) throw failure('validation_error', 'leavers.none', {});
      if (await busy(LEAVERS_KIND, listId)) throw failure('conflict', 'refresh.alreadyRunning', {});
      await assertMayUseLinkedIn(gate, readSettings, clock);
      const job = await runner.enqueue({ kind: LEAVERS_KIND, subject: list.name, params: { listId, version } });
      return { jobId: job.id };
    },
  };
}
export type RefreshService = ReturnType<typeof createRefreshService>;
