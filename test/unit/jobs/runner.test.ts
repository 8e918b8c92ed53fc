import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProspectDb } from '../../../lib/db/database';
import { LocalContactLists } from '../../../lib/db/local-contact-lists';
import type { JobRecord } from '../../../lib/db/records';
import { JobRunner, KEEP_ENDED_JOBS, MAX_STEP_TRIES, type JobKind, type StepResult } from '../../../lib/jobs/runner';
import { ApiError, failure, NotYet } from '../../../lib/model/errors';
import { outcome } from '../../../lib/model/outcomes';

const dbs: ProspectDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

function setup(kind: JobKind, start = Date.parse('2026-11-22T10:00:00Z')) {
  const db = new ProspectDb(`runner-${crypto.randomUUID()}`);
  dbs.push(db);
  let now = start;
  let ids = 0;
  const wakes: number[] = [];
  const runner = new JobRunner({
    db,
    kinds: [kind],
    clock: () => now,
    newId: () => `id-${++ids}`,
    sleep: async (ms) => {
      now += ms;
    },
    scheduleWake: async (when) => {
      wakes.push(when);
    },
  });
  return { db, runner, wakes, advance: (ms: number) => (now += ms), now: () => now };
}

/** Stages `pages` pages, one a step, then commits a list of their contacts. */
function pagedKind(pages: number, hooks: { beforeStep?: (job: JobRecord) => Promise<void> } = {}): JobKind {
  return {
    kind: 'paged',
    async step(job, ctx): Promise<StepResult> {
      await hooks.beforeStep?.(job);
      const next = (job.state as { page?: number } | undefined)?.page ?? 0;
      if (next < pages) {
        return {
          stage: { page: next, data: [{ baseContactId: `urn:li:member:${next}`, fullName: `Person ${next}` }] },
          patch: { state: { page: next + 1 }, progress: { done: next + 1, total: pages, contacts: next + 1 } },
          notBefore: ctx.clock() + 1000,
        };
      }
      const staged = await ctx.readStaged();
      const store = new LocalContactLists(ctx.db, { clock: ctx.clock });
      await ctx.complete([ctx.db.lists, ctx.db.items, ctx.db.baseContacts], async () => {
        const list = await store.createList({
          name: 'Paged',
          contacts: staged.flatMap((p) => p.data as { baseContactId: string; fullName: string }[]),
        });
        return { resultListId: list.id, outcome: outcome('capture.done', { contacts: list.contactCount, matched: list.contactCount }) };
      });
      return { done: true };
    },
  };
}

describe('JobRunner', () => {
  it('runs a job step by step, stages pages and commits once', async () => {
    const { db, runner } = setup(pagedKind(3));
    const job = await runner.enqueue({ kind: 'paged', subject: 'Paged', params: {} });
    await runner.pump();
    const done = await db.jobs.get(job.id);
    expect(done).toMatchObject({
      status: 'done',
      outcome: { code: 'capture.done', params: { contacts: 3 } },
      progress: { done: 3, total: 3 },
    });
    expect(await db.stagedPages.count()).toBe(0);
    const list = await db.lists.get(done!.resultListId!);
    expect(list?.contactCount).toBe(3);
  });

  it('a cancel during a step discards the step and leaves no list', async () => {
    let jobId = '';
    const kind = pagedKind(3, {
      beforeStep: async (job) => {
        if ((job.state as { page?: number } | undefined)?.page === 2) await runner.cancel(jobId);
      },
    });
    const env = setup(kind);
    const { runner } = env;
    jobId = (await runner.enqueue({ kind: 'paged', subject: 'Paged', params: {} })).id;
    await runner.pump();
    expect(await env.db.jobs.get(jobId)).toMatchObject({ status: 'cancelled', outcome: { code: 'job.cancelled' } });
    expect(await env.db.lists.count()).toBe(0);
    expect(await env.db.stagedPages.count()).toBe(0);
  });

  it('a job interrupted mid-step resumes on a new runner without staging a page twice', async () => {
    let dieOnPage1 = true;
    // The first worker "dies" during the step for page 1: that step never returns.
    const kind = pagedKind(3, {
      beforeStep: (job) =>
        dieOnPage1 && (job.state as { page?: number } | undefined)?.page === 1
          ? ((dieOnPage1 = false), new Promise<void>(() => undefined))
          : Promise.resolve(),
    });
    const env = setup(kind);
    const job = await env.runner.enqueue({ kind: 'paged', subject: 'Paged', params: {} });
    await vi.waitFor(async () => {
      expect(await env.db.jobs.get(job.id)).toMatchObject({ status: 'running', state: { page: 1 } });
    });
    expect(await env.db.stagedPages.count()).toBe(1);

    const restarted = new JobRunner({
      db: env.db,
      kinds: [kind],
      clock: env.now,
      newId: () => crypto.randomUUID(),
      sleep: async (ms) => void env.advance(ms),
      scheduleWake: async () => undefined,
    });
    await restarted.resume();
    const done = await env.db.jobs.get(job.id);
    expect(done?.status).toBe('done');
    const items = await env.db.items.toArray();
    expect(items.map((item) => item.baseContactId)).toEqual(['urn:li:member:0', 'urn:li:member:1', 'urn:li:member:2']);
  });

  it('enqueues a one-at-a-time kind once for callers at the same moment, and anew once it ended', async () => {
    const kind: JobKind = {
      kind: 'single',
      async step(_job, ctx) {
        return { notBefore: ctx.clock() + 60_000 };
      },
    };
    const { db, runner } = setup(kind);
    const input = { kind: 'single', subject: 'Single', params: {} };
    const calls = await Promise.all([1, 2, 3, 4].map(() => runner.enqueueUnlessActive(input)));
    expect(new Set(calls.map((call) => call.job.id)).size).toBe(1);
    expect(calls.filter((call) => call.created)).toHaveLength(1);
    expect(await db.jobs.count()).toBe(1);

    await runner.cancel(calls[0]!.job.id);
    const again = await runner.enqueueUnlessActive(input);
    expect(again.created).toBe(true);
    expect(again.job.id).not.toBe(calls[0]!.job.id);
    // Lets the pump the new job started settle before the database goes.
    await runner.pump();
    expect(await db.jobs.get(again.job.id)).toMatchObject({ status: 'waiting' });
  });

  it('long waits become a wake-up instead of a sleep', async () => {
    const kind: JobKind = {
      kind: 'slow',
      async step(_job, ctx) {
        return { notBefore: ctx.clock() + 60_000, patch: { phase: 'waiting' } };
      },
    };
    const { db, runner, wakes, now } = setup(kind);
    const job = await runner.enqueue({ kind: 'slow', subject: 'Slow', params: {} });
    await runner.pump();
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'waiting', phase: 'waiting' });
    expect(wakes).toEqual([now() + 60_000]);
  });

  it('applies the kind error policy, then fails with the typed error', async () => {
    let calls = 0;
    const kind: JobKind = {
      kind: 'flaky',
      async step() {
        calls += 1;
        throw failure('upstream_error', 'linkedin.serverError', { status: 503 }, { upstreamStatus: 503 });
      },
      onError(job, error, { clock }) {
        return job.attempts < 2 ? { retryAt: clock() + 1000, patch: { attempts: job.attempts + 1 } } : { fail: error };
      },
    };
    const { db, runner } = setup(kind);
    const job = await runner.enqueue({ kind: 'flaky', subject: 'Flaky', params: {} });
    await runner.pump();
    expect(calls).toBe(3);
    expect(await db.jobs.get(job.id)).toMatchObject({
      status: 'failed',
      error: { error: 'upstream_error', reason: { code: 'linkedin.serverError', params: { status: 503 } }, status: 502 },
    });
  });

  it('cancelling a waiting job ends it at once; dismiss removes only ended jobs', async () => {
    const kind: JobKind = {
      kind: 'slow',
      async step(_job, ctx) {
        return { notBefore: ctx.clock() + 60_000 };
      },
    };
    const { db, runner } = setup(kind);
    const job = await runner.enqueue({ kind: 'slow', subject: 'Slow', params: {} });
    await runner.pump();
    await expect(runner.dismiss(job.id)).rejects.toMatchObject({ error: 'conflict' });
    expect(await runner.cancel(job.id)).toBe(true);
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'cancelled' });
    expect(await runner.cancel(job.id)).toBe(false);
    expect(await runner.dismiss(job.id)).toBe(true);
    expect(await db.jobs.count()).toBe(0);
    await expect(runner.cancel('nope')).rejects.toMatchObject({ status: 404 });
  });

  it('a kind that keeps part of its work says what the cancel left, counting the step it cut short', async () => {
    let jobId = '';
    const kept: JobKind = {
      kind: 'kept',
      async step(job) {
        const done = (job.state as { done?: number } | undefined)?.done ?? 0;
        // The third step is cancelled while it runs, after it kept its item.
        if (done === 2) await runner.cancel(jobId);
        return { patch: { state: { done: done + 1 } } };
      },
      cancelOutcome: (job) => outcome('outbox.cancelled', { sent: (job.state as { done?: number } | undefined)?.done ?? 0, remaining: 0 }),
    };
    const env = setup(kept);
    const { runner } = env;
    jobId = (await runner.enqueue({ kind: 'kept', subject: 'Kept', params: {} })).id;
    await runner.pump();
    expect(await env.db.jobs.get(jobId)).toMatchObject({ status: 'cancelled', outcome: { code: 'outbox.cancelled', params: { sent: 3 } } });
  });

  it('a waiting job of such a kind, cancelled, says so from its saved state', async () => {
    const kind: JobKind = {
      kind: 'slow-kept',
      async step(_job, ctx) {
        return { notBefore: ctx.clock() + 60_000, patch: { state: { done: 4 } } };
      },
      cancelOutcome: (job) => outcome('outbox.cancelled', { sent: (job.state as { done: number }).done, remaining: 0 }),
    };
    const { db, runner } = setup(kind);
    const job = await runner.enqueue({ kind: 'slow-kept', subject: 'Slow', params: {} });
    await runner.pump();
    await runner.cancel(job.id);
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'cancelled', outcome: { code: 'outbox.cancelled', params: { sent: 4 } } });
  });

  it('a step that may not run yet waits, says why, and counts no attempt', async () => {
    let calls = 0;
    const kind: JobKind = {
      kind: 'held',
      async step(_job, ctx) {
        calls += 1;
        if (calls === 1) throw new NotYet(ctx.clock() + 60_000, outcome('linkedin.coolingDown', {}, ctx.clock() + 60_000));
        return { done: true };
      },
    };
    const { db, runner, wakes, now } = setup(kind);
    const job = await runner.enqueue({ kind: 'held', params: {} });
    await runner.pump();
    expect(await db.jobs.get(job.id)).toMatchObject({
      status: 'waiting',
      attempts: 0,
      notBefore: now() + 60_000,
      outcome: { code: 'linkedin.coolingDown' },
    });
    expect((await db.jobs.get(job.id))?.error).toBeUndefined();
    expect(wakes).toEqual([now() + 60_000]);
  });

  it('a wait other than a pacing hold replaces the error of a retry, which would otherwise be promised at its end', async () => {
    let calls = 0;
    const kind: JobKind = {
      kind: 'retried-then-held',
      async step(_job, ctx) {
        calls += 1;
        if (calls === 1) throw failure('upstream_error', 'linkedin.serverError', { status: 503 }, { upstreamStatus: 503 });
        const until = ctx.clock() + 60_000;
        if (calls === 2) throw new NotYet(until, outcome('linkedin.busy', {}, until));
        throw new NotYet(until, outcome('linkedin.coolingDown', {}, until));
      },
      onError: (_job, error, { clock }) => ({ retryAt: clock() + 1_000, error }),
    };
    const { db, runner, advance } = setup(kind);
    const job = await runner.enqueue({ kind: 'retried-then-held', params: {} });
    // The retry comes 1 s on, in the same pump, and meets a pacing hold: its error stays.
    await runner.pump();
    expect(calls).toBe(2);
    expect(await db.jobs.get(job.id)).toMatchObject({
      outcome: { code: 'linkedin.busy' },
      error: { reason: { code: 'linkedin.serverError' } },
    });
    advance(60_000);
    await runner.pump();
    const held = await db.jobs.get(job.id);
    expect(held).toMatchObject({ status: 'waiting', outcome: { code: 'linkedin.coolingDown' } });
    expect(held?.error).toBeUndefined();
  });

  it('stores outcomes and errors as data: no sentence reaches the database', async () => {
    const kind: JobKind = {
      kind: 'broken',
      async step() {
        throw new ApiError({ error: 'internal_error', message: 'Cannot read properties of undefined' });
      },
    };
    const { db, runner } = setup(kind);
    const job = await runner.enqueue({ kind: 'broken', subject: 'A list', params: {} });
    await runner.pump();
    const stored = await db.jobs.get(job.id);
    expect(stored).toMatchObject({ status: 'failed', subject: 'A list', error: { error: 'internal_error', status: 500 } });
    expect(JSON.stringify(stored)).not.toContain('Cannot read properties');
    expect(stored).not.toHaveProperty('title');
    expect(stored).not.toHaveProperty('message');
  });

  it('a job of a kind this version does not run fails, naming the kind', async () => {
    const { db, runner } = setup(pagedKind(1));
    await db.jobs.add({
      id: 'old-kind',
      kind: 'retired.kind',
      status: 'queued',
      params: {},
      phase: 'start',
      progress: { done: 0, total: 0, contacts: 0 },
      attempts: 0,
      createdAt: '2026-11-22T09:00:00.000Z',
      updatedAt: '2026-11-22T09:00:00.000Z',
    });
    await runner.pump();
    expect(await db.jobs.get('old-kind')).toMatchObject({
      status: 'failed',
      error: { error: 'internal_error', reason: { code: 'job.unknownKind', params: { kind: 'retired.kind' } } },
    });
  });
});

/** A runner as a new service worker starts it: nothing in memory, the same database. */
function restartedRunner(env: ReturnType<typeof setup>, kind: JobKind): JobRunner {
  return new JobRunner({
    db: env.db,
    kinds: [kind],
    clock: env.now,
    newId: () => crypto.randomUUID(),
    sleep: async (ms) => void env.advance(ms),
    scheduleWake: async () => undefined,
  });
}

/** Stages pages one a step; the step for `hangOn` never returns while `hanging()` says so (the worker stopped). */
function hangingKind(hangOn: number, hanging: () => boolean, calls: number[]): JobKind {
  return {
    kind: 'hanging',
    async step(job) {
      const page = (job.state as { page?: number } | undefined)?.page ?? 0;
      calls.push(page);
      if (page === hangOn && hanging()) return new Promise<never>(() => undefined);
      return { stage: { page, data: { page } }, patch: { state: { page: page + 1 }, progress: { done: page + 1, total: 5, contacts: 0 } } };
    },
  };
}

describe('JobRunner: attempts, cancels and kept work', () => {
  it('counts a step’s start before it runs, so a step a stopped worker keeps cutting short fails after 5 tries, its pages kept', async () => {
    const calls: number[] = [];
    const kind = hangingKind(1, () => true, calls);
    const env = setup(kind);
    const job = await env.runner.enqueue({ kind: 'hanging', subject: 'Hanging', params: {} });
    await vi.waitFor(async () => expect(await env.db.jobs.get(job.id)).toMatchObject({ status: 'running', tries: 1, state: { page: 1 } }));
    for (let restart = 1; restart <= MAX_STEP_TRIES; restart += 1) {
      void restartedRunner(env, kind).resume();
      const expected = Math.min(restart + 1, MAX_STEP_TRIES);
      await vi.waitFor(async () => {
        const current = await env.db.jobs.get(job.id);
        expect(current?.status === 'failed' || current?.tries === expected).toBe(true);
      });
    }
    await vi.waitFor(async () => expect((await env.db.jobs.get(job.id))?.status).toBe('failed'));
    expect(await env.db.jobs.get(job.id)).toMatchObject({
      status: 'failed',
      state: { page: 1 },
      error: { error: 'internal_error', reason: { code: 'job.interrupted', params: { tries: MAX_STEP_TRIES } } },
    });
    expect(calls.filter((page) => page === 1)).toHaveLength(MAX_STEP_TRIES);
    expect(await env.db.stagedPages.count()).toBe(1);
  });

  it('a cancel a stopped worker never acted on ends the job at the next start, before its step sends anything', async () => {
    let hang = true;
    const calls: number[] = [];
    const kind = hangingKind(1, () => hang, calls);
    const env = setup(kind);
    const job = await env.runner.enqueue({ kind: 'hanging', subject: 'Hanging', params: {} });
    await vi.waitFor(async () => expect(await env.db.jobs.get(job.id)).toMatchObject({ status: 'running', state: { page: 1 } }));
    expect(await env.runner.cancel(job.id)).toBe(true);
    expect(await env.db.jobs.get(job.id)).toMatchObject({ status: 'running', cancelRequested: true });
    hang = false;
    const callsBefore = calls.length;
    await restartedRunner(env, kind).resume();
    expect(await env.db.jobs.get(job.id)).toMatchObject({ status: 'cancelled', outcome: { code: 'job.cancelled' } });
    expect(calls).toHaveLength(callsBefore);
    expect(await env.db.stagedPages.count()).toBe(0);
  });

  it('a failed job keeps its staged pages and its place; Retry goes on from there, fetching no page twice', async () => {
    const fetched: number[] = [];
    let failOnce = true;
    const kind: JobKind = {
      kind: 'paged-failing',
      async step(job, ctx) {
        const page = (job.state as { page?: number } | undefined)?.page ?? 0;
        if (page === 3) {
          const staged = await ctx.readStaged();
          await ctx.complete([ctx.db.lists, ctx.db.items, ctx.db.baseContacts], async () => {
            const list = await new LocalContactLists(ctx.db, { clock: ctx.clock }).createList({
              name: 'Paged',
              contacts: staged.map((p) => ({ baseContactId: `urn:li:member:${p.page}`, fullName: `Person ${p.page}` })),
            });
            return { resultListId: list.id, outcome: outcome('capture.done', { contacts: list.contactCount, matched: list.contactCount }) };
          });
          return { done: true };
        }
        if (page === 2 && failOnce) {
          failOnce = false;
          throw failure('connector_error', 'linkedin.sessionExpired', {});
        }
        fetched.push(page);
        return {
          stage: { page, data: {} },
          patch: { state: { page: page + 1 }, progress: { done: page + 1, total: 3, contacts: page + 1 } },
        };
      },
    };
    const { db, runner } = setup(kind);
    const job = await runner.enqueue({ kind: 'paged-failing', subject: 'Paged', params: {} });
    await runner.pump();
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'failed', state: { page: 2 }, error: { error: 'connector_error' } });
    expect(await db.stagedPages.count()).toBe(2);

    await expect(runner.retry('nope')).rejects.toMatchObject({ error: 'not_found' });
    expect(await runner.retry(job.id)).toMatchObject({ status: 'queued', attempts: 0 });
    await runner.pump();
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'done', outcome: { code: 'capture.done', params: { contacts: 3 } } });
    expect(fetched).toEqual([0, 1, 2]);
    expect(await db.stagedPages.count()).toBe(0);
    await expect(runner.retry(job.id)).rejects.toMatchObject({ error: 'conflict' });
  });

  it('dismissing a failed job deletes the pages it kept', async () => {
    const kind: JobKind = {
      kind: 'stage-then-fail',
      async step(job) {
        if (job.state) throw failure('upstream_error', 'linkedin.rejected', { status: 400 });
        return { stage: { page: 0, data: {} }, patch: { state: { page: 1 } } };
      },
    };
    const { db, runner } = setup(kind);
    const job = await runner.enqueue({ kind: 'stage-then-fail', params: {} });
    await runner.pump();
    expect(await db.stagedPages.count()).toBe(1);
    await expect(runner.savePartial(job.id)).rejects.toMatchObject({ error: 'conflict' });
    expect(await runner.dismiss(job.id)).toBe(true);
    expect(await db.stagedPages.count()).toBe(0);
  });

  it('a job whose input was refused keeps nothing: a Retry would meet the same verdict', async () => {
    const kind: JobKind = {
      kind: 'stage-then-refuse',
      async step(job) {
        if (job.state) throw failure('validation_error', 'connectionsCsv.notAnExport', { missing: 'URL' });
        return { stage: { page: 0, data: {} }, patch: { state: { page: 1 } } };
      },
    };
    const { db, runner } = setup(kind);
    const job = await runner.enqueue({ kind: 'stage-then-refuse', params: {} });
    await runner.pump();
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'failed', error: { error: 'validation_error' } });
    expect(await db.stagedPages.count()).toBe(0);
    await expect(runner.retry(job.id)).rejects.toMatchObject({ error: 'conflict' });
  });

  it('keeps the newest 50 ended jobs, letting the older ones go with the pages they kept', async () => {
    const kind: JobKind = {
      kind: 'stage-then-fail',
      async step(job) {
        if (job.state) throw failure('upstream_error', 'linkedin.rejected', { status: 400 });
        return { stage: { page: 0, data: {} }, patch: { state: { page: 1 } } };
      },
    };
    const env = setup(kind);
    const ids: string[] = [];
    for (let i = 0; i < KEEP_ENDED_JOBS + 5; i += 1) {
      ids.push((await env.runner.enqueue({ kind: 'stage-then-fail', params: {} })).id);
      await env.runner.pump();
      env.advance(1_000);
    }
    const kept = await env.db.jobs.toArray();
    expect(kept).toHaveLength(KEEP_ENDED_JOBS);
    expect(new Set(kept.map((job) => job.id))).toEqual(new Set(ids.slice(5)));
    expect(await env.db.stagedPages.count()).toBe(KEEP_ENDED_JOBS);
  });

  it('a full disk is its own failure, thrown as IndexedDB does or inside Dexie’s AbortError', async () => {
    const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const aborted = () => Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota() });
    for (const thrown of [quota, aborted]) {
      const kind: JobKind = {
        kind: 'full',
        async step() {
          throw thrown();
        },
      };
      const { db, runner } = setup(kind);
      const job = await runner.enqueue({ kind: 'full', params: {} });
      await runner.pump();
      expect(await db.jobs.get(job.id)).toMatchObject({
        status: 'failed',
        error: { error: 'storage_full', status: 507, reason: { code: 'storage.full', params: {} } },
      });
    }
  });
});
