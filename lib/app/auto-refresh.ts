import type { ProspectDb } from '../db/database';
import { ACTIVE_JOB_STATUSES } from '../db/records';
import type { JobRunner } from '../jobs/runner';
import type { LinkedInGate } from '../linkedin/gate';
import { nextLocalMidnight } from '../model/dates';
import { describeJobKind } from '../model/job-kinds';
import { outcome, type Outcome } from '../model/outcomes';
import { AUTO_REFRESH_INTERVAL_MS, type RefreshState } from '../model/refresh';
import { refreshJobKind, refreshRefusal } from '../model/refreshable';
import type { Clock } from '../model/runtime';
import type { Settings } from '../model/settings';

/** The soonest `chrome.alarms` fires in a packed extension: every wake-up is at least this far off. */
export const ALARM_MIN_DELAY_MS = 30_000;
/** How long a due refresh waits for another LinkedIn job to end before it looks again. */
export const BUSY_RETRY_MS = 5 * 60_000;
/** How long a refresh skipped because LinkedIn was logged out waits before it tries again. */
export const LOGGED_OUT_RETRY_MS = 60 * 60_000;

export interface AutoRefreshDeps {
  db: ProspectDb;
  runner: Pick<JobRunner, 'enqueue'>;
  gate: Pick<LinkedInGate, 'status'>;
  readSettings: () => Promise<Settings>;
  clock: Clock;
  /** Whether the browser holds a LinkedIn session (the cookies), sending nothing. */
  hasSession: () => Promise<boolean>;
  /** Sets the one auto-refresh alarm to `when`, or clears it (`chrome.alarms`). */
  setAlarm: (when: number | undefined) => Promise<void>;
}

/**
 * Automatic refreshes, driven by one `chrome.alarms` alarm at the earliest list's `nextRunAt`
 * (set again on every worker start). When it fires, one due list is refreshed at a time, and
 * only when no other LinkedIn job is under way; a due list whose refresh cannot run now
 * (logged out, a cool-down, today's budget spent) is skipped, saying why and when it tries again.
 */
export function createAutoRefresh(deps: AutoRefreshDeps) {
  const { db, clock } = deps;

  async function reschedule(): Promise<void> {
    const first = await db.lists.orderBy('refresh.nextRunAt').first();
    const when = first?.refresh?.nextRunAt;
    await deps.setAlarm(when === undefined ? undefined : Math.max(Date.parse(when), clock() + ALARM_MIN_DELAY_MS));
  }

  async function linkedInBusy(): Promise<boolean> {
    const active = await db.jobs
      .where('status')
      .anyOf([...ACTIVE_JOB_STATUSES])
      .toArray();
    return active.some((job) => describeJobKind(job.kind)?.service === 'linkedin');
  }

  /** Why a refresh cannot start now, and until when; `undefined` when it can. */
  async function holdOf(now: number): Promise<Outcome | undefined> {
    if (!(await deps.hasSession())) return outcome('linkedin.loggedOut', {}, now + LOGGED_OUT_RETRY_MS);
    const [status, settings] = await Promise.all([deps.gate.status(), deps.readSettings()]);
    if (status.coolDownUntil) return outcome('linkedin.coolingDown', {}, status.coolDownUntil);
    // Looked at again later: a Resume does not move the schedule.
    if (status.resumeNeeded) return outcome('linkedin.resumeNeeded', {}, now + LOGGED_OUT_RETRY_MS);
    if (status.pagesUsedToday >= settings.dailyPageBudget) {
      return outcome('linkedin.budgetSpent', { budget: settings.dailyPageBudget }, nextLocalMidnight(now));
    }
    return undefined;
  }

  return {
    reschedule,

    /** On the alarm: refresh the first due list if it can run now, else say why it waits. */
    async runDue(): Promise<void> {
      const now = clock();
      const due = await db.lists.where('refresh.nextRunAt').belowOrEqual(new Date(now).toISOString()).first();
      if (!due?.refresh) return reschedule();
      if (await linkedInBusy()) return deps.setAlarm(now + BUSY_RETRY_MS);
      const { refresh } = due;
      if (refresh.auto === 'off' || refreshRefusal(due)) {
        const { nextRunAt: _next, ...rest } = refresh;
        await db.lists.update(due.id, { refresh: { ...rest, auto: 'off' } });
        return reschedule();
      }
      const hold = await holdOf(now);
      let next: RefreshState;
      if (hold) {
        next = { ...refresh, skipped: hold, nextRunAt: new Date(hold.retryAt ?? now + LOGGED_OUT_RETRY_MS).toISOString() };
      } else {
        await deps.runner.enqueue({ kind: refreshJobKind(due.source), subject: due.name, params: { listId: due.id } });
        const { skipped: _skipped, ...rest } = refresh;
        next = { ...rest, nextRunAt: new Date(now + AUTO_REFRESH_INTERVAL_MS[refresh.auto]).toISOString() };
      }
      // Only the schedule changes: a rename or a commit made meanwhile stays.
      await db.lists.update(due.id, { refresh: next });
      return reschedule();
    },
  };
}
export type AutoRefresh = ReturnType<typeof createAutoRefresh>;
