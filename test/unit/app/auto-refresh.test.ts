import { afterEach, describe, expect, it } from 'vitest';
import { ALARM_MIN_DELAY_MS, BUSY_RETRY_MS, createAutoRefresh, LOGGED_OUT_RETRY_MS } from '../../../lib/app/auto-refresh';
import { createGateStore } from '../../../lib/db/gate-store';
import { ACTIVE_JOB_STATUSES } from '../../../lib/db/records';
import { REFRESH_KIND } from '../../../lib/jobs/capture';
import { nextLocalMidnight } from '../../../lib/model/dates';
import { LINKEDIN_COOL_DOWNS_MS } from '../../../lib/model/retry';
import { describeOutcome } from '../../../components/outcome-text';
import { closeAll, createHarness, leads, STRIPE_REQUEST } from '../jobs/capture-harness';

afterEach(closeAll);

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** A harness with captured lists and the auto-refresh of one worker, whose alarm and session the test controls. */
async function setup(lists = 1, options: Parameters<typeof createHarness>[0] = {}) {
  const h = createHarness({ script: { results: leads(30) }, ...options });
  const listIds: string[] = [];
  for (let i = 0; i < lists; i += 1) {
    const job = await h.settle(await h.startCapture({ ...STRIPE_REQUEST, name: `List ${i}`, size: 30 }));
    listIds.push(job.resultListId!);
  }
  const world = { session: true, alarm: undefined as number | undefined, alarmsSet: 0 };
  /** The auto-refresh of a worker; a new call is what a restarted worker builds. */
  const startWorker = () =>
    createAutoRefresh({
      db: h.db,
      runner: h.runner,
      gate: h.gate,
      readSettings: async () => h.settings,
      clock: h.clock,
      hasSession: async () => world.session,
      setAlarm: async (when) => {
        world.alarm = when;
        world.alarmsSet += 1;
      },
    });
  return { h, listIds, world, auto: startWorker(), startWorker };
}

async function activeJobs(h: ReturnType<typeof createHarness>) {
  return (await h.db.jobs.toArray()).filter((job) => ACTIVE_JOB_STATUSES.includes(job.status));
}

describe('auto-refresh', () => {
  it('sets the one alarm at the earliest next run, never sooner than alarms can fire, and clears it when nothing is scheduled', async () => {
    const { h, listIds, world, auto } = await setup(2);
    await h.refresh.setAutoRefresh(listIds[0]!, 'weekly');
    await h.refresh.setAutoRefresh(listIds[1]!, 'daily');
    await auto.reschedule();
    const daily = Date.parse((await h.db.lists.get(listIds[1]!))!.refresh!.nextRunAt!);
    expect(world.alarm).toBe(daily);

    // A list whose run is overdue (the browser was closed) is run at the soonest an alarm fires.
    await h.db.lists.update(listIds[1]!, { 'refresh.nextRunAt': new Date(h.clock() - DAY).toISOString() });
    await auto.reschedule();
    expect(world.alarm).toBe(h.clock() + ALARM_MIN_DELAY_MS);

    await h.refresh.setAutoRefresh(listIds[0]!, 'off');
    await h.refresh.setAutoRefresh(listIds[1]!, 'off');
    await auto.reschedule();
    expect(world.alarm).toBeUndefined();
  });

  it('is set again from the lists when a worker starts, so a lost alarm is never a lost schedule', async () => {
    const { h, listIds, world, auto, startWorker } = await setup(1);
    await h.refresh.setAutoRefresh(listIds[0]!, 'daily');
    await auto.reschedule();
    const before = world.alarm;
    world.alarm = undefined;
    await startWorker().reschedule();
    expect(world.alarm).toBe(before);
  });

  it('refreshes a due list when its alarm fires, and schedules its next run one interval on', async () => {
    const { h, listIds, world, auto } = await setup(1);
    await h.refresh.setAutoRefresh(listIds[0]!, 'daily');
    await auto.reschedule();
    h.advanceTo(world.alarm!);
    await auto.runDue();

    const [job] = await activeJobs(h);
    expect(job).toMatchObject({ kind: REFRESH_KIND, params: { listId: listIds[0] }, subject: 'List 0' });
    const next = (await h.db.lists.get(listIds[0]!))!.refresh!.nextRunAt!;
    expect(Date.parse(next)).toBe(h.clock() + DAY);
    expect(world.alarm).toBe(Date.parse(next));
    expect((await h.settle(job!.id)).status).toBe('done');
    expect((await h.db.lists.get(listIds[0]!))!.refresh).toMatchObject({ version: 2, auto: 'daily', nextRunAt: next });
  });

  it('over a week of alarms, refreshes a daily list once a day', async () => {
    const { h, listIds, world, auto } = await setup(1);
    await h.refresh.setAutoRefresh(listIds[0]!, 'daily');
    await auto.reschedule();
    const start = h.clock();
    while (h.clock() < start + 7 * DAY) {
      h.advanceTo(world.alarm!);
      await auto.runDue();
      for (const job of await activeJobs(h)) await h.settle(job.id);
    }
    expect((await h.db.lists.get(listIds[0]!))!.refresh!.version).toBe(8);
    expect(await h.db.versions.count()).toBe(7);
  });

  it('never starts a second LinkedIn job: a due list waits while another refresh or a capture runs', async () => {
    const { h, listIds, world, auto } = await setup(2);
    for (const id of listIds) await h.refresh.setAutoRefresh(id, 'daily');
    h.advanceTo(h.clock() + DAY);
    await auto.runDue();
    expect(await activeJobs(h)).toHaveLength(1);

    // The alarm fires again while the first refresh runs: nothing starts, it looks again later.
    await auto.runDue();
    expect(await activeJobs(h)).toHaveLength(1);
    expect(world.alarm).toBe(h.clock() + BUSY_RETRY_MS);

    for (const job of await activeJobs(h)) await h.settle(job.id);
    const capture = await h.startCapture({ ...STRIPE_REQUEST, name: 'Busy', size: 30 });
    await auto.runDue();
    expect((await activeJobs(h)).map((job) => job.id)).toEqual([capture]);
    await h.settle(capture);

    await auto.runDue();
    const [second] = await activeJobs(h);
    expect(second).toMatchObject({ kind: REFRESH_KIND, params: { listId: listIds[1] } });
    expect((await h.settle(second!.id)).status).toBe('done');
  });

  it('skips a run when LinkedIn is logged out, saying why and when it tries again, and runs once logged in', async () => {
    const { h, listIds, world, auto } = await setup(1);
    await h.refresh.setAutoRefresh(listIds[0]!, 'daily');
    world.session = false;
    h.advanceTo(h.clock() + DAY);
    await auto.runDue();

    expect(await activeJobs(h)).toEqual([]);
    const refresh = (await h.db.lists.get(listIds[0]!))!.refresh!;
    expect(refresh.skipped).toEqual({ code: 'linkedin.loggedOut', params: {}, retryAt: h.clock() + LOGGED_OUT_RETRY_MS });
    expect(refresh.nextRunAt).toBe(new Date(h.clock() + LOGGED_OUT_RETRY_MS).toISOString());
    expect(world.alarm).toBe(h.clock() + LOGGED_OUT_RETRY_MS);
    expect(describeOutcome(refresh.skipped!, h.clock())).toMatch(/not logged in to LinkedIn/);

    world.session = true;
    h.advanceTo(world.alarm!);
    await auto.runDue();
    const [job] = await activeJobs(h);
    expect((await h.db.lists.get(listIds[0]!))!.refresh!.skipped).toBeUndefined();
    expect((await h.settle(job!.id)).status).toBe('done');
  });

  it('skips a run while LinkedIn cools down, and when today’s budget is spent, until each ends', async () => {
    const { h, listIds, auto } = await setup(1, { settings: { dailyPageBudget: 2 } });
    await h.refresh.setAutoRefresh(listIds[0]!, 'daily');
    h.advanceTo(h.clock() + DAY);
    const until = h.clock() + LINKEDIN_COOL_DOWNS_MS[0]!;
    const store = createGateStore(h.db, h.clock);
    await store.update((state) => ({ next: { ...state, coolDownUntil: until }, result: undefined }));
    await auto.runDue();
    expect((await h.db.lists.get(listIds[0]!))!.refresh!.skipped).toMatchObject({ code: 'linkedin.coolingDown', retryAt: until });

    h.advanceTo(until);
    await h.settle(await h.startCapture({ ...STRIPE_REQUEST, name: 'Spends the budget', size: 50 }));
    await auto.runDue();
    const refresh = (await h.db.lists.get(listIds[0]!))!.refresh!;
    expect(refresh.skipped).toMatchObject({ code: 'linkedin.budgetSpent', params: { budget: 2 }, retryAt: nextLocalMidnight(h.clock()) });
    expect(await activeJobs(h)).toEqual([]);
  });

  it('drops the schedule of a list that can no longer refresh, and does nothing when no list is due', async () => {
    const { h, listIds, world, auto } = await setup(1);
    await h.refresh.setAutoRefresh(listIds[0]!, 'daily');
    await auto.runDue();
    expect(await activeJobs(h)).toEqual([]);
    expect(world.alarm).toBeDefined();

    await h.db.lists.update(listIds[0]!, { source: { kind: 'manual' } });
    h.advanceTo(h.clock() + DAY);
    await auto.runDue();
    expect(await activeJobs(h)).toEqual([]);
    expect((await h.db.lists.get(listIds[0]!))!.refresh).toEqual({ version: 1, auto: 'off' });
    expect(world.alarm).toBeUndefined();
  });
});
