import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProspectDb } from '../../../lib/db/database';
import { ACTIVE_JOB_STATUSES, type JobRecord } from '../../../lib/db/records';
import { CAPTURE_KIND, REFRESH_KIND, createCaptureKinds } from '../../../lib/jobs/capture';
import { JobRunner } from '../../../lib/jobs/runner';
import { captureRequestSchema } from '../../../lib/model/capture-request';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';
import { FakeLinkedIn } from '../../fake-linkedin/fake-linkedin';
import { NumberedPopulation } from '../../fake-linkedin/population';
import { clientFor } from '../fake-linkedin/harness';
import { commitRefresh, readLatestChanges, readVersions, refreshTables } from '../../../lib/db/list-history';
import { createGateStore } from '../../../lib/db/gate-store';
import { itemsOf, LocalContactLists } from '../../../lib/db/local-contact-lists';
import { LEAVERS_KIND } from '../../../lib/jobs/leavers';
import { leadListQuery } from '../../../lib/linkedin/prepare-search';
import type { Lead } from '../../../lib/linkedin/schemas';
import { LINKEDIN_COOL_DOWNS_MS } from '../../../lib/model/retry';
import { closeAll, createHarness, failures, lead, leads, STRIPE_REQUEST } from './capture-harness';

afterEach(closeAll);

const members = (items: readonly { baseContactId: string }[]) => items.map((item) => item.baseContactId);
const urn = (n: number) => `urn:li:member:${1000 + n}`;

/** Lead n, now in another job. */
function moved(n: number, title: string, companyName: string): Lead {
  const base = lead(n);
  return { ...base, currentPositions: [{ ...base.currentPositions![0]!, title, companyName, companyUrn: undefined }] };
}

/** Everything a refresh may touch, to compare before and after one that fails. */
async function everything(h: ReturnType<typeof createHarness>, listId: string) {
  return {
    list: await h.db.lists.get(listId),
    items: await itemsOf(h.db, listId).toArray(),
    versions: await readVersions(h.db, listId),
    baseContacts: await h.db.baseContacts.toArray(),
    staged: await h.db.stagedPages.count(),
  };
}

/** A harness with a 50-contact list captured from leads 0..49, and the population it was captured from. */
async function captured(options: Parameters<typeof createHarness>[0] = {}) {
  const h = createHarness({ ...options, script: { results: leads(50), ...options.script } });
  const job = await h.settle(await h.startCapture({ ...STRIPE_REQUEST, size: 50 }));
  expect(job.status).toBe('done');
  return { h, listId: job.resultListId! };
}

/** Leads 0 and 1 left, 5 became CRO at Globex, 100 and 101 joined: 50 still match. */
const changedPopulation = () => [...leads(50).slice(2, 5), moved(5, 'CRO', 'Globex'), ...leads(50).slice(6), lead(100), lead(101)];

describe('refresh', () => {
  it('runs the list’s search again and makes its result the list, with what changed, in one commit', async () => {
    const { h, listId } = await captured();
    const before = await h.db.lists.get(listId);
    const itemIdsBefore = new Map((await itemsOf(h.db, listId).toArray()).map((item) => [item.baseContactId, item.id]));
    h.linkedIn.script.results = changedPopulation();
    const searchesBefore = h.linkedIn.searches.length;

    const { jobId } = await h.refresh.refresh(listId);
    const job = await h.settle(jobId);

    expect(job).toMatchObject({
      kind: REFRESH_KIND,
      subject: 'VP Sales at Stripe',
      status: 'done',
      resultListId: listId,
      outcome: { code: 'refresh.done', params: { contacts: 50, matched: 50, joined: 2, left: 2, changed: 1 } },
      text: '50 contacts (50 matched): 2 joined, 2 left, 1 changed',
      report: { matched: 50, fetched: 50, kept: 50, dropped: { duplicates: 0, unnamed: 0, invalid: 0 } },
    });
    // The same search, for as many contacts as the capture asked for: two pages.
    expect(h.linkedIn.searches.slice(searchesBefore).map((call) => [call.query, call.start])).toEqual([
      [h.linkedIn.searches[0]!.query, 0],
      [h.linkedIn.searches[0]!.query, 25],
    ]);
    const { lists, items, staged } = await h.stored();
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ id: listId, name: before!.name, contactCount: 50, matchedCount: 50, createdAt: before!.createdAt });
    expect(lists[0]!.refresh).toMatchObject({ version: 2, unseen: true, lastRefreshedAt: new Date(h.clock()).toISOString() });
    expect(members(items)).toEqual(members(changedPopulation().map((l) => ({ baseContactId: l.objectUrn }))));
    expect(items.find((item) => item.baseContactId === urn(2))?.id).toBe(itemIdsBefore.get(urn(2)));
    expect(items.find((item) => item.baseContactId === urn(5))).toMatchObject({ role: 'CRO', companyName: 'Globex' });
    expect(staged).toBe(0);

    const changes = await readLatestChanges(h.db, listId);
    expect(changes?.rows.map((row) => [row.change, row.item.baseContactId])).toEqual([
      ['joined', urn(100)],
      ['joined', urn(101)],
      ['left', urn(0)],
      ['left', urn(1)],
      ['changed', urn(5)],
    ]);
  });

  it('a refresh that fails on page 2 leaves the list, its items and its history exactly as they were', async () => {
    const { h, listId } = await captured();
    const before = await everything(h, listId);
    h.linkedIn.script.results = changedPopulation();
    const calls = h.linkedIn.searches.length;
    h.linkedIn.script.onSearch = (call) => (call === calls + 1 ? failures.formatChanged() : undefined);

    const job = await h.settle((await h.refresh.refresh(listId)).jobId);

    expect(job).toMatchObject({ status: 'failed', error: { error: 'linkedin_format_changed' } });
    // Page 1 is kept for a Retry; dismissing the job lets it go.
    expect(await everything(h, listId)).toEqual({ ...before, staged: 1 });
    await h.runner.dismiss(job.id);
    expect(await everything(h, listId)).toEqual(before);
  });

  it('a cancelled refresh leaves the list as it was', async () => {
    const { h, listId } = await captured();
    const before = await everything(h, listId);
    h.linkedIn.script.results = changedPopulation();
    const { jobId } = await h.refresh.refresh(listId);
    const calls = h.linkedIn.searches.length;
    h.linkedIn.script.onSearch = (call) => {
      if (call === calls) void h.runner.cancel(jobId);
      return undefined;
    };
    const job = await h.settle(jobId);
    expect(job).toMatchObject({ status: 'cancelled', text: 'Cancelled; nothing was saved.' });
    expect(await everything(h, listId)).toEqual(before);
  });

  it('a worker stopped mid-refresh resumes and ends with the whole new snapshot', async () => {
    const { h, listId } = await captured();
    h.linkedIn.script.results = changedPopulation();
    const calls = h.linkedIn.searches.length;
    let died = false;
    h.linkedIn.script.onSearch = (call) => {
      if (call === calls + 1 && !died) {
        died = true;
        return 'hang';
      }
      return undefined;
    };
    const { jobId } = await h.refresh.refresh(listId);
    void h.runner.pump();
    await vi.waitFor(() => expect(died).toBe(true), { timeout: 5000, interval: 5 });

    const restarted = h.restartWorker();
    await restarted.resume();
    for (let i = 0; i < 50 && (await h.db.jobs.get(jobId))?.status !== 'done'; i += 1) {
      h.advanceTo((await h.db.jobs.get(jobId))?.notBefore ?? 0);
      await restarted.pump();
    }
    expect(await h.db.jobs.get(jobId)).toMatchObject({ status: 'done', outcome: { params: { joined: 2, left: 2, changed: 1 } } });
    expect(members((await h.stored()).items)).toHaveLength(50);
  });

  it('waits out the daily budget like a capture, and goes on after midnight', async () => {
    const { h, listId } = await captured({ settings: { dailyPageBudget: 3 } });
    h.linkedIn.script.results = changedPopulation();
    const job = await h.settle((await h.refresh.refresh(listId)).jobId);
    expect(job.status).toBe('done');
    const days = new Set(h.linkedIn.searches.map((call) => new Date(call.at).toDateString()));
    expect(days.size).toBe(2);
  });

  it('refreshes a lead list from the lead list, and a replayed search from its query', async () => {
    const h = createHarness({ script: { results: leads(30) } });
    const { jobId } = await h.service.startLeadList({ leadListId: '7001', leadListName: 'Q4 targets', name: 'Q4' });
    const leadListId = (await h.settle(jobId)).resultListId!;
    const query = '(spellCorrectionEnabled:true,keywords:revenue%20ops)';
    const replayed = (await h.settle(await h.startCapture({ ...STRIPE_REQUEST, salesNavigatorQuery: query, size: 30 }))).resultListId!;
    const calls = h.linkedIn.searches.length;

    await h.settle((await h.refresh.refresh(leadListId)).jobId);
    await h.settle((await h.refresh.refresh(replayed)).jobId);
    expect(h.linkedIn.searches.slice(calls).map((call) => call.query)).toEqual([
      leadListQuery('7001'),
      leadListQuery('7001'),
      query,
      query,
    ]);
  });

  it('refreshes a lead list whose name was stored before the text rule, reading the name as LinkedIn text', async () => {
    const h = createHarness({ script: { results: leads(30) } });
    const { jobId } = await h.service.startLeadList({ leadListId: '7001', leadListName: 'Q4 targets', name: 'Q4' });
    const listId = (await h.settle(jobId)).resultListId!;
    const stored = (await h.db.lists.get(listId))!;
    await h.db.lists.put({ ...stored, source: { kind: 'leadList', leadListId: '7001', leadListName: 'Q4\ntargets\u202E' } });

    const job = await h.settle((await h.refresh.refresh(listId)).jobId);
    expect(job.status).toBe('done');
  });

  it('asks a list made before sizes were kept for as many as it holds when its search matched more', async () => {
    const h = createHarness({ script: { results: leads(200) } });
    const store = new LocalContactLists(h.db, { clock: h.clock });
    const list = await store.createList({
      name: 'Old',
      filters: STRIPE_REQUEST.filters,
      contacts: leads(40).map((l) => ({ baseContactId: l.objectUrn, fullName: l.fullName ?? undefined })),
      source: { kind: 'search' },
      matchedCount: 200,
    });
    const job = await h.settle((await h.refresh.refresh(list.id)).jobId);
    expect(job.outcome?.params).toMatchObject({ contacts: 40, matched: 200 });
  });

  it('refuses lists it cannot run again, a list already being refreshed, and an unknown list', async () => {
    const h = createHarness();
    const store = new LocalContactLists(h.db, { clock: h.clock });
    for (const source of [
      { kind: 'saber' },
      { kind: 'addressBook' },
      { kind: 'connectionsCsv', fileName: 'Connections.csv' },
      { kind: 'manual' },
    ] as const) {
      const list = await store.createList({ name: source.kind, contacts: [], source });
      await expect(h.refresh.refresh(list.id)).rejects.toMatchObject({
        status: 400,
        reason: { code: 'refresh.notRefreshable', params: { source: source.kind } },
      });
    }
    const list = await store.createList({
      name: 'Search',
      filters: STRIPE_REQUEST.filters,
      contacts: [],
      source: { kind: 'search', size: 25 },
    });
    const { jobId } = await h.refresh.refresh(list.id);
    await expect(h.refresh.refresh(list.id)).rejects.toMatchObject({ status: 409, reason: { code: 'refresh.alreadyRunning' } });
    await expect(h.refresh.refresh('nope')).rejects.toMatchObject({ status: 404 });
    expect(await h.db.jobs.count()).toBe(1);
    // Once it has ended, the list can be refreshed again.
    expect((await h.settle(jobId)).status).toBe('done');
    const again = await h.refresh.refresh(list.id);
    expect((await h.settle(again.jobId)).status).toBe('done');
  });

  it('is refused up front during a cool-down, like a capture', async () => {
    const { h, listId } = await captured();
    const until = h.clock() + LINKEDIN_COOL_DOWNS_MS[0]!;
    await createGateStore(h.db, h.clock).update((state) => ({ next: { ...state, coolDownUntil: until }, result: undefined }));
    await expect(h.refresh.refresh(listId)).rejects.toMatchObject({ status: 429, reason: { code: 'linkedin.coolingDown' } });
  });

  it('a list deleted while it is refreshed fails the refresh and stores nothing', async () => {
    const { h, listId } = await captured();
    const { jobId } = await h.refresh.refresh(listId);
    const calls = h.linkedIn.searches.length;
    h.linkedIn.script.onSearch = (call) => {
      if (call === calls) void new LocalContactLists(h.db).deleteList(listId);
      return undefined;
    };
    const job = await h.settle(jobId);
    expect(job).toMatchObject({ status: 'failed', error: { reason: { code: 'refresh.listGone' } } });
    expect(await h.stored()).toMatchObject({ lists: [], items: [], staged: 0 });
    expect(await h.db.versions.count()).toBe(0);
  });
});

describe('run report', () => {
  it('counts duplicates, rows without a usable name and malformed rows, and goes on', async () => {
    const results = leads(60);
    const unnamed = (n: number): Lead => ({ ...lead(n), firstName: 'LinkedIn', lastName: 'Member', fullName: 'LinkedIn Member' });
    const h = createHarness({
      script: {
        results,
        invalidPerPage: 1,
        pageOverride: (start) => (start === 25 ? [lead(3), unnamed(26), ...results.slice(27, 50)] : undefined),
      },
    });
    const job = await h.settle(await h.startCapture({ ...STRIPE_REQUEST, size: 60 }));
    expect(job.status).toBe('done');
    const list = (await h.stored()).lists[0]!;
    expect(list.report).toEqual({ matched: 60, fetched: 63, kept: 58, dropped: { duplicates: 1, unnamed: 1, invalid: 3 } });
    expect(job.report).toEqual(list.report);
  });

  it('says when the list’s size or LinkedIn’s 2,500 stopped the run', { timeout: 30_000 }, async () => {
    const sized = createHarness({ script: { results: leads(100) } });
    await sized.settle(await sized.startCapture({ ...STRIPE_REQUEST, size: 50 }));
    expect((await sized.stored()).lists[0]!.report).toMatchObject({ matched: 100, kept: 50, capped: 'listSize' });

    const whole = createHarness({ script: { results: leads(40) } });
    await whole.settle(await whole.startCapture({ ...STRIPE_REQUEST, size: 50 }));
    expect((await whole.stored()).lists[0]!.report).not.toHaveProperty('capped');

    const huge = createHarness({ settings: { dailyPageBudget: 1000 }, script: { results: leads(2600) } });
    const { jobId } = await huge.service.startLeadList({ leadListId: '7001', leadListName: 'Everyone', name: 'Everyone' });
    await huge.settle(jobId);
    expect((await huge.stored()).lists[0]!.report).toMatchObject({ matched: 2600, kept: 2500, capped: 'linkedInLimit' });
  });
});

describe('check leavers', () => {
  /** A list refreshed once: leads 0, 1 and 2 left. */
  async function withLeavers() {
    const { h, listId } = await captured();
    h.linkedIn.script.results = leads(50).slice(3);
    await h.settle((await h.refresh.refresh(listId)).jobId);
    return { h, listId };
  }

  it('searches each leaver by name without the company filter and matches by member id only', async () => {
    const { h, listId } = await withLeavers();
    const calls = h.linkedIn.searches.length;
    const pagesBefore = (await h.linkedInStatus()).pagesUsedToday;
    // Lead 0 is now at Globex; a namesake of lead 1 (another member) is all the search finds; lead 2 is nowhere.
    const namesake: Lead = { ...lead(1), objectUrn: 'urn:li:member:999999' };
    const answers = [[moved(0, 'VP Sales', 'Globex')], [namesake], []];
    let asked = 0;
    h.linkedIn.script.pageOverride = () => answers[asked++] ?? [];

    const job = await h.settle((await h.refresh.checkLeavers(listId)).jobId);

    expect(job).toMatchObject({
      kind: LEAVERS_KIND,
      status: 'done',
      outcome: { code: 'leavers.done', params: { checked: 3, found: 1, notFound: 2 } },
    });
    const queries = h.linkedIn.searches.slice(calls).map((call) => decodeURIComponent(call.query));
    expect(queries).toHaveLength(3);
    expect(queries[0]).toContain('First0 Last0');
    for (const query of queries) expect(query).not.toContain('CURRENT_COMPANY');
    expect((await h.linkedInStatus()).pagesUsedToday).toBe(pagesBefore + 3);

    const rows = (await readLatestChanges(h.db, listId))!.rows.filter((row) => row.change === 'left');
    expect(rows.map((row) => [row.item.baseContactId, row.change === 'left' ? row.leaver?.status : undefined])).toEqual([
      [urn(0), 'found'],
      [urn(1), 'notFound'],
      [urn(2), 'notFound'],
    ]);
    expect(rows[0]!.change === 'left' && rows[0]!.leaver).toMatchObject({ role: 'VP Sales', companyName: 'Globex' });
  });

  it('keeps what it checked when it fails, and checks only the rest when run again', async () => {
    const { h, listId } = await withLeavers();
    const calls = h.linkedIn.searches.length;
    h.linkedIn.script.onSearch = (call) => (call === calls + 1 ? failures.formatChanged() : undefined);
    const failed = await h.settle((await h.refresh.checkLeavers(listId)).jobId);
    expect(failed.status).toBe('failed');
    expect(await h.db.leavers.count()).toBe(1);

    h.linkedIn.script.onSearch = undefined;
    const again = await h.settle((await h.refresh.checkLeavers(listId)).jobId);
    expect(again).toMatchObject({ status: 'done', outcome: { params: { checked: 2 } } });
    expect(h.linkedIn.searches.length - calls).toBe(4);
    expect(await h.db.leavers.count()).toBe(3);
  });

  it('is refused when nobody left, or before any refresh', async () => {
    const { h, listId } = await captured();
    await expect(h.refresh.checkLeavers(listId)).rejects.toMatchObject({ status: 400, reason: { code: 'leavers.none' } });
    h.linkedIn.script.results = [...leads(50), lead(77)];
    await h.settle((await h.refresh.refresh(listId)).jobId);
    await expect(h.refresh.checkLeavers(listId)).rejects.toMatchObject({ status: 400, reason: { code: 'leavers.none' } });
  });

  it('a person who left without a name is "not found" without asking LinkedIn', async () => {
    const h = createHarness();
    const store = new LocalContactLists(h.db, { clock: h.clock });
    const list = await store.createList({
      name: 'Nameless',
      filters: {},
      contacts: [{ baseContactId: urn(0) }],
      source: { kind: 'search', size: 25 },
    });
    await h.db.transaction('rw', refreshTables(h.db), async () =>
      commitRefresh(h.db, { listId: list.id, contacts: [], now: h.clock(), newId: () => crypto.randomUUID(), keep: 20 }),
    );
    const calls = h.linkedIn.searches.length;
    const job = await h.settle((await h.refresh.checkLeavers(list.id)).jobId);
    expect(job.outcome).toMatchObject({ code: 'leavers.done', params: { checked: 1, found: 0, notFound: 1 } });
    expect(h.linkedIn.searches.length).toBe(calls);
  });
});

describe('schedule', () => {
  it('sets the next run one interval after the last refresh, and tells the alarm', async () => {
    const { h, listId } = await captured();
    const list = await h.db.lists.get(listId);
    const daily = await h.refresh.setAutoRefresh(listId, 'daily');
    expect(daily.refresh).toMatchObject({ auto: 'daily', nextRunAt: new Date(Date.parse(list!.createdAt) + 24 * 3600_000).toISOString() });
    const off = await h.refresh.setAutoRefresh(listId, 'off');
    expect(off.refresh).toEqual({ version: 1, auto: 'off' });
    expect(h.scheduleChanges).toHaveLength(2);
    const saber = await new LocalContactLists(h.db).createList({ name: 'Saber', contacts: [], source: { kind: 'saber' } });
    await expect(h.refresh.setAutoRefresh(saber.id, 'weekly')).rejects.toMatchObject({ reason: { code: 'refresh.notRefreshable' } });
  });

  it('marks the latest changes seen', async () => {
    const { h, listId } = await captured();
    h.linkedIn.script.results = changedPopulation();
    await h.settle((await h.refresh.refresh(listId)).jobId);
    expect((await h.db.lists.get(listId))?.refresh?.unseen).toBe(true);
    await h.refresh.markSeen(listId);
    expect((await h.db.lists.get(listId))?.refresh?.unseen).toBe(false);
  });
});

const dbs: ProspectDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

/**
 * A runner with the capture kinds over the fake LinkedIn's numbered population, through the
 * extension's own client. Settings are read as `chrome.storage` reads them: the answer comes in
 * a later task, long enough for IndexedDB to commit a transaction that awaits it.
 */
function setUpRealClient() {
  const db = new ProspectDb(`refresh-${crypto.randomUUID()}`);
  dbs.push(db);
  const population = new NumberedPopulation({ total: 40 });
  const fake = new FakeLinkedIn({ population });
  let now = Date.parse('2026-11-22T10:00:00Z');
  const readSettings = () => new Promise<Settings>((resolve) => setTimeout(() => resolve(DEFAULT_SETTINGS), 0));
  const runner = new JobRunner({
    db,
    kinds: createCaptureKinds({ client: clientFor(fake), readSettings, random: () => 0.5 }),
    clock: () => now,
    newId: () => crypto.randomUUID(),
    sleep: async (ms) => {
      now += ms;
    },
    scheduleWake: async () => undefined,
  });
  async function settle(jobId: string): Promise<JobRecord> {
    for (let round = 0; round < 1000; round += 1) {
      await runner.pump();
      const job = await db.jobs.get(jobId);
      if (!job) throw new Error(`job ${jobId} vanished`);
      if (!ACTIVE_JOB_STATUSES.includes(job.status)) return job;
      if (job.notBefore && job.notBefore > now) now = job.notBefore;
    }
    throw new Error('the job never ended');
  }
  return { db, population, runner, settle };
}

describe('a refresh job over the real client and the fake population', () => {
  it('commits the new snapshot and its history in one go, even when reading the settings takes a task', async () => {
    const { db, population, runner, settle } = setUpRealClient();
    const capture = await runner.enqueue({ kind: CAPTURE_KIND, subject: 'x', params: captureRequestSchema.parse(STRIPE_REQUEST) });
    const captured = await settle(capture.id);
    expect(captured.status).toBe('done');
    const listId = captured.resultListId!;

    population.evolve({ left: [3, 5], joined: 2, retitled: { 7: 'Chief Revenue Officer' } });
    const refresh = await runner.enqueue({ kind: REFRESH_KIND, subject: 'x', params: { listId } });
    const done = await settle(refresh.id);

    expect(done, JSON.stringify(done.error)).toMatchObject({
      status: 'done',
      resultListId: listId,
      outcome: { code: 'refresh.done', params: { contacts: 40, matched: 40, joined: 2, left: 2, changed: 1 } },
    });
    expect(await db.lists.get(listId)).toMatchObject({ contactCount: 40, refresh: { version: 2, unseen: true } });
    const latest = await readLatestChanges(db, listId);
    expect(latest?.rows.map((row) => [row.change, row.item.fullName])).toEqual([
      ['joined', 'Ada40 Lovelace40'],
      ['joined', 'Ada41 Lovelace41'],
      ['left', 'Ada3 Lovelace3'],
      ['left', 'Ada5 Lovelace5'],
      ['changed', 'Ada7 Lovelace7'],
    ]);
    expect(await db.stagedPages.count()).toBe(0);
  });
});
