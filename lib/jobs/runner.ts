import type { Table } from 'dexie';
import type { ProspectDb } from '../db/database';
import { ACTIVE_JOB_STATUSES, ENDED_JOB_STATUSES, type JobRecord, type JobStatus } from '../db/records';
import { storageAwareError } from '../db/storage-errors';
import { ApiError, failure, NotYet, toStoredError } from '../model/errors';
import { failureKeepsWork, isRetryableKind } from '../model/job-kinds';
import { outcome, type Outcome } from '../model/outcomes';
import type { RunReport } from '../model/refresh';
import type { Clock, IdFactory } from '../model/runtime';

/** Waits up to this long in memory between steps; longer waits become an alarm. */
export const IN_MEMORY_WAIT_MAX_MS = 5_000;

/**
 * A step started this many times without its outcome being recorded (each start counted
 * before the step sends anything) is not started again: the job fails, its staged pages kept.
 */
export const MAX_STEP_TRIES = 5;

/** Ended jobs kept for the jobs area; older ones go, with any pages they staged. */
export const KEEP_ENDED_JOBS = 50;

export type JobPatch = Partial<Pick<JobRecord, 'phase' | 'state' | 'progress' | 'outcome' | 'subject' | 'attempts'>>;

/** What one step of a job did. */
export type StepResult =
  | {
      done?: false;
      /** Written on the job record, atomically with `stage`. */
      patch?: JobPatch;
      /** A fetched page, kept until the final commit; re-staging the same page overwrites it. */
      stage?: { page: number; data: unknown };
      /** Run the next step no earlier than this (epoch ms): pacing, backoff, cool-down. */
      notBefore?: number;
    }
  /** The kind committed its result with `ctx.complete`. */
  | { done: true };

/** What to do about a step that threw; `error` replaces the one stored for the panel (say, with its attempt count). */
export type ErrorDecision = { retryAt: number; patch?: JobPatch; error?: ApiError } | { fail: ApiError };

export interface CompleteResult {
  resultListId?: string;
  outcome: Outcome;
  report?: RunReport;
}

export interface StepContext {
  db: ProspectDb;
  clock: Clock;
  /** Staged pages of this job in page order. */
  readStaged(): Promise<{ page: number; data: unknown }[]>;
  /**
   * Commits the job's result and marks it done in ONE transaction over `tables` plus
   * `jobs` and `stagedPages`: the kind's writes, the staged pages' removal, the job's end.
   * A cancel that landed first wins: nothing is written and the job ends cancelled.
   */
  complete(tables: Table[], write: () => Promise<CompleteResult>): Promise<void>;
}

/** Thrown by `complete` when the job is no longer in a state its result may land in (cancelled, dismissed, retried). */
export class CancelledError extends Error {}

export interface JobKind {
  readonly kind: string;
  step(job: JobRecord, ctx: StepContext): Promise<StepResult>;
  /**
   * Retry policy for a step that threw; without it every error ends the job. It may be async
   * to record a consequence first (a rate limit starting a cool-down for every job).
   */
  onError?(job: JobRecord, error: ApiError, ctx: { clock: Clock }): ErrorDecision | Promise<ErrorDecision>;
  /**
   * What a cancel leaves behind, for a kind that keeps some of its work (a pull keeps the
   * lists it already imported); `job` is as its last step left it. Without it the job ends
   * with `job.cancelled` (nothing saved), true of every kind that commits only at the end.
   */
  cancelOutcome?(job: JobRecord): Outcome;
  /**
   * "Save what was captured": commits what the failed `job` staged, marked partial, with
   * `ctx.complete` (the job ends done). Only kinds whose staged pages make a useful result
   * without the rest (a capture, not a refresh) have it.
   */
  savePartial?(job: JobRecord, ctx: StepContext): Promise<void>;
}

/** What a new job is made from. */
export interface EnqueueInput {
  kind: string;
  /** What the job is about (a list's name), for the panel's title. */
  subject?: string;
  params: unknown;
  /** Input too large for `params` (which the panel reads with every job), kept as the job's page 0 until it ends. */
  stage?: unknown;
}

/** The cancel outcome of a kind that commits its result only at the end. */
export const NOTHING_SAVED: Outcome = outcome('job.cancelled', {});

export interface JobRunnerDeps {
  db: ProspectDb;
  kinds: readonly JobKind[];
  clock: Clock;
  newId: IdFactory;
  sleep: (ms: number) => Promise<void>;
  /** Asks the platform to call `pump()` again at `when` (epoch ms), e.g. `chrome.alarms`. */
  scheduleWake: (when: number) => Promise<void>;
  /** Called between steps so the platform keeps the service worker alive while work runs. */
  keepAlive?: () => Promise<void>;
}

/**
 * Runs persisted jobs one step at a time, one job at a time, so pacing and LinkedIn budgets
 * hold across every job. All state is in the `jobs` and `stagedPages` tables: a service worker
 * that dies mid-step resumes from the record (the interrupted step runs again, at most
 * {@link MAX_STEP_TRIES} times; staging is idempotent per page). A failed job keeps what it
 * staged: Retry goes on from its record, and a kind that can saves it as a partial result.
 */
export class JobRunner {
  private readonly kinds: Map<string, JobKind>;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;
  private wakeAt: number | undefined;

  constructor(private readonly deps: JobRunnerDeps) {
    this.kinds = new Map(deps.kinds.map((kind) => [kind.kind, kind]));
  }

  /** Persists a new job and starts working on it. */
  async enqueue(input: EnqueueInput): Promise<JobRecord> {
    const { db } = this.deps;
    const job = this.newJob(input);
    if (input.stage === undefined) {
      await db.jobs.add(job);
    } else {
      await db.transaction('rw', [db.jobs, db.stagedPages], () =>
        Promise.all([db.jobs.add(job), db.stagedPages.add({ jobId: job.id, page: 0, data: input.stage, fetchedAt: job.createdAt })]),
      );
    }
    void this.pump();
    return job;
  }

  /**
   * The active job of `input.kind`, or a new one: for kinds that run one at a time (a pull, the
   * outbox drain). The look and the add are one transaction, so callers at the same moment
   * (worker start, an alarm, a settings change) share one job.
   */
  async enqueueUnlessActive(input: EnqueueInput): Promise<{ job: JobRecord; created: boolean }> {
    const { db } = this.deps;
    const job = this.newJob(input);
    const result = await db.transaction('rw', db.jobs, async () => {
      const active = await db.jobs
        .where('status')
        .anyOf([...ACTIVE_JOB_STATUSES])
        .filter((candidate) => candidate.kind === input.kind)
        .first();
      if (active) return { job: active, created: false };
      await db.jobs.add(job);
      return { job, created: true };
    });
    if (result.created) void this.pump();
    return result;
  }

  private newJob(input: EnqueueInput): JobRecord {
    if (!this.kinds.has(input.kind)) throw new ApiError({ error: 'internal_error', message: `Unknown job kind "${input.kind}"` });
    const now = this.nowIso();
    return {
      id: this.deps.newId(),
      kind: input.kind,
      ...(input.subject === undefined ? {} : { subject: input.subject }),
      status: 'queued',
      params: input.params,
      phase: 'start',
      progress: { done: 0, total: 0, contacts: 0 },
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    };
  }

  /**
   * Stops a job and discards what it staged. A job mid-step is flagged and ends when the
   * step returns; its result is never committed.
   */
  async cancel(jobId: string): Promise<boolean> {
    const { db } = this.deps;
    const cancelled = await db.transaction('rw', [db.jobs, db.stagedPages], async () => {
      const job = await db.jobs.get(jobId);
      if (!job) throw ApiError.notFound('Job', jobId);
      if (!ACTIVE_JOB_STATUSES.includes(job.status)) return false;
      if (job.status === 'running') {
        await db.jobs.update(jobId, { cancelRequested: true, updatedAt: this.nowIso() });
      } else {
        await this.end(job, 'cancelled', { outcome: this.cancelOutcome(job) });
      }
      return true;
    });
    void this.pump();
    return cancelled;
  }

  /** Removes an ended job from the record, with the pages a failed one kept. Active jobs must be cancelled first. */
  async dismiss(jobId: string): Promise<boolean> {
    const { db } = this.deps;
    return db.transaction('rw', [db.jobs, db.stagedPages], async () => {
      const job = await db.jobs.get(jobId);
      if (!job) throw ApiError.notFound('Job', jobId);
      if (ACTIVE_JOB_STATUSES.includes(job.status)) {
        throw new ApiError({ error: 'conflict', message: 'Cancel the job before dismissing it' });
      }
      await this.deleteStaged(jobId);
      await db.jobs.delete(jobId);
      return true;
    });
  }

  /**
   * Runs a failed job again from where its record says it stopped: the pages it staged stay,
   * so none is fetched twice. Its attempts start again from zero.
   */
  async retry(jobId: string): Promise<JobRecord> {
    const { db } = this.deps;
    const queued = await db.transaction('rw', db.jobs, async () => {
      const job = await this.failedJob(jobId);
      if (!isRetryableKind(job.kind) || !failureKeepsWork(job.error)) {
        throw new ApiError({ error: 'conflict', message: `This "${job.kind}" job is not retried; start it again` });
      }
      const { error: _error, outcome: _outcome, notBefore: _notBefore, finishedAt: _finishedAt, tries: _tries, ...rest } = job;
      const again: JobRecord = { ...rest, status: 'queued', attempts: 0, updatedAt: this.nowIso() };
      await db.jobs.put(again);
      return again;
    });
    void this.pump();
    return queued;
  }

  /**
   * "Save what was captured": the failed job's kind commits what it staged, marked partial,
   * and the job ends done. Refused for a kind that cannot, or a job that staged nothing.
   */
  async savePartial(jobId: string): Promise<JobRecord> {
    const { db } = this.deps;
    const job = await this.failedJob(jobId);
    const kind = this.kinds.get(job.kind);
    if (!kind?.savePartial) throw new ApiError({ error: 'conflict', message: `A "${job.kind}" job cannot save part of its work` });
    if ((await this.stagedOf(jobId).count()) === 0) throw failure('conflict', 'job.nothingCaptured', {});
    try {
      await kind.savePartial(job, this.stepContext(job, ['failed']));
    } catch (thrown) {
      if (thrown instanceof CancelledError) throw new ApiError({ error: 'conflict', message: 'The job changed meanwhile' });
      throw storageAwareError(thrown);
    }
    const saved = await db.jobs.get(jobId);
    if (!saved) throw ApiError.notFound('Job', jobId);
    return saved;
  }

  private async failedJob(jobId: string): Promise<JobRecord> {
    const job = await this.deps.db.jobs.get(jobId);
    if (!job) throw ApiError.notFound('Job', jobId);
    if (job.status !== 'failed') throw new ApiError({ error: 'conflict', message: `The job is ${job.status}, not failed` });
    return job;
  }

  /**
   * Ends the wait of the waiting jobs `waitsFor` picks (what they wait for changed: the budget
   * was raised, the user pressed Resume), so they try again now instead of at the time they
   * were given. Answers once they are queued, not when they have run.
   */
  async wake(waitsFor: (job: JobRecord) => boolean): Promise<void> {
    const { db } = this.deps;
    const now = this.deps.clock();
    await db.jobs.where('status').equals('waiting').filter(waitsFor).modify({ status: 'queued', notBefore: now, updatedAt: this.nowIso() });
    void this.pump();
  }

  /** On service-worker start: a job that was mid-step runs that step again (or ends, if it was cancelled meanwhile). */
  async resume(): Promise<void> {
    const { db } = this.deps;
    await db.jobs.where('status').equals('running').modify({ status: 'queued' });
    await this.pump();
  }

  /** Works until no job can run now; schedules a wake-up for the next one that waits. */
  pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      try {
        do {
          this.pumpAgain = false;
          await this.drain();
        } while (this.pumpAgain);
      } finally {
        this.pumping = undefined;
      }
    })();
    return this.pumping;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const next = await this.nextJob();
      if (!next) return;
      const wait = (next.notBefore ?? 0) - this.deps.clock();
      if (wait > IN_MEMORY_WAIT_MAX_MS) {
        const when = next.notBefore ?? this.deps.clock();
        if (this.wakeAt !== when) {
          this.wakeAt = when;
          await this.deps.scheduleWake(when);
        }
        return;
      }
      if (wait > 0) {
        await this.deps.keepAlive?.();
        await this.deps.sleep(wait);
      }
      await this.runStep(next.id);
    }
  }

  /** The active job that may run soonest (oldest first among equals). */
  private async nextJob(): Promise<JobRecord | undefined> {
    const active = await this.deps.db.jobs
      .where('status')
      .anyOf([...ACTIVE_JOB_STATUSES])
      .toArray();
    active.sort((a, b) => (a.notBefore ?? 0) - (b.notBefore ?? 0) || a.createdAt.localeCompare(b.createdAt));
    return active[0];
  }

  /**
   * Takes the job for one step, in one transaction: a job cancelled while it was queued or
   * while a stopped worker held it ends here, before its step can send anything; a step
   * started too often without an outcome fails the job; otherwise the start is counted and
   * the job is running.
   */
  private async startStep(jobId: string): Promise<JobRecord | undefined> {
    const { db } = this.deps;
    return db.transaction('rw', [db.jobs, db.stagedPages], async () => {
      const current = await db.jobs.get(jobId);
      if (!current || !ACTIVE_JOB_STATUSES.includes(current.status)) return undefined;
      if (current.cancelRequested) {
        await this.end(current, 'cancelled', { outcome: this.cancelOutcome(current) });
        return undefined;
      }
      const tries = current.tries ?? 0;
      if (tries >= MAX_STEP_TRIES) {
        await this.end(current, 'failed', { error: failure('internal_error', 'job.interrupted', { tries }) });
        return undefined;
      }
      const running: JobRecord = { ...current, status: 'running', tries: tries + 1, updatedAt: this.nowIso() };
      await db.jobs.put(running);
      return running;
    });
  }

  private async runStep(jobId: string): Promise<void> {
    const job = await this.startStep(jobId);
    if (!job) return;
    const kind = this.kinds.get(job.kind);
    if (!kind) {
      await this.finish(job.id, undefined, (current) =>
        this.end(current, 'failed', { error: failure('internal_error', 'job.unknownKind', { kind: job.kind }) }),
      );
      return;
    }

    let result: StepResult;
    try {
      await this.deps.keepAlive?.();
      result = await kind.step(job, this.stepContext(job, ACTIVE_JOB_STATUSES));
    } catch (thrown) {
      if (thrown instanceof CancelledError) return;
      if (thrown instanceof NotYet) {
        await this.waitUntil(job.id, thrown);
        return;
      }
      await this.handleError(kind, job, storageAwareError(thrown));
      return;
    }
    if (result.done) return;
    try {
      await this.applyStep(job, result);
    } catch (thrown) {
      // Staging the page failed (a full disk): the job's state did not move, so a Retry fetches that page again.
      await this.handleError(kind, job, storageAwareError(thrown));
    }
  }

  private async applyStep(job: JobRecord, result: Exclude<StepResult, { done: true }>): Promise<void> {
    const { db } = this.deps;
    await this.finish(job.id, result.patch, async (current) => {
      if (result.stage) {
        await db.stagedPages.put({
          jobId: job.id,
          page: result.stage.page,
          data: result.stage.data,
          fetchedAt: this.nowIso(),
        });
      }
      await db.jobs.put({
        ...current,
        ...result.patch,
        status: result.notBefore && result.notBefore > this.deps.clock() ? 'waiting' : 'queued',
        notBefore: result.notBefore,
        // A step that went through clears the error a previous attempt left for the panel, and
        // any wait it told of (unless it tells of a new one).
        error: undefined,
        outcome: result.patch?.outcome,
        tries: undefined,
        updatedAt: this.nowIso(),
      });
    });
  }

  /**
   * A step that may not run yet (LinkedIn's pacing, a cool-down, a spent budget, an owed
   * Resume) waits, saying why; it is not a failure, so no attempt is counted. Behind a pacing
   * hold the last error stays as it was (the retry it told of still comes); any other wait
   * replaces it, so the panel does not promise a retry at the end of a cool-down.
   */
  private async waitUntil(jobId: string, notYet: NotYet): Promise<void> {
    await this.finish(jobId, undefined, async (current) => {
      await this.deps.db.jobs.put({
        ...current,
        status: notYet.until > this.deps.clock() ? 'waiting' : 'queued',
        notBefore: notYet.until,
        outcome: notYet.why,
        error: notYet.why.code === 'linkedin.busy' ? current.error : undefined,
        tries: undefined,
        updatedAt: this.nowIso(),
      });
    });
  }

  private async handleError(kind: JobKind, job: JobRecord, error: ApiError): Promise<void> {
    const decision: ErrorDecision = (await kind.onError?.(job, error, { clock: this.deps.clock })) ?? { fail: error };
    await this.finish(job.id, undefined, async (current) => {
      if ('fail' in decision) {
        await this.end(current, 'failed', { error: decision.fail });
        return;
      }
      await this.deps.db.jobs.put({
        ...current,
        ...decision.patch,
        status: 'waiting',
        notBefore: decision.retryAt,
        error: toStoredError((decision.error ?? error).with({ retryAt: decision.retryAt })),
        tries: undefined,
        updatedAt: this.nowIso(),
      });
    });
  }

  /**
   * Applies the outcome of a step in one transaction, unless a cancel landed while the step
   * ran: then the job ends cancelled and its staged pages go. `stepPatch` is what the step
   * recorded, so the cancel message counts what that step already kept.
   */
  private async finish(jobId: string, stepPatch: JobPatch | undefined, apply: (current: JobRecord) => Promise<void>): Promise<void> {
    const { db } = this.deps;
    await db.transaction('rw', [db.jobs, db.stagedPages], async () => {
      const current = await db.jobs.get(jobId);
      if (!current || !ACTIVE_JOB_STATUSES.includes(current.status)) return;
      if (current.cancelRequested) {
        await this.end(current, 'cancelled', { outcome: this.cancelOutcome({ ...current, ...stepPatch }) });
        return;
      }
      await apply(current);
    });
  }

  /**
   * Ends a job (inside the caller's transaction over `jobs` and `stagedPages`), the record
   * saying why. A done or cancelled job's staged pages go; a failed one keeps them and its
   * state, for Retry or "Save what was captured", unless its input was refused (`failureKeepsWork`). The oldest ended jobs past
   * {@link KEEP_ENDED_JOBS} go too.
   */
  private async end(
    job: JobRecord,
    status: Extract<JobStatus, 'done' | 'failed' | 'cancelled'>,
    result: { outcome?: Outcome; error?: ApiError; resultListId?: string; report?: RunReport },
  ): Promise<void> {
    const { db } = this.deps;
    const keeps = status === 'failed' && failureKeepsWork(result.error);
    if (!keeps) await this.deleteStaged(job.id);
    const now = this.nowIso();
    const ended: JobRecord = {
      ...job,
      status,
      state: keeps ? job.state : undefined,
      notBefore: undefined,
      cancelRequested: undefined,
      tries: undefined,
      updatedAt: now,
      finishedAt: now,
      outcome: result.outcome,
      error: result.error ? toStoredError(result.error) : undefined,
      resultListId: result.resultListId,
      ...(result.report ? { report: result.report } : {}),
    };
    await db.jobs.put(ended);
    await this.pruneEnded();
  }

  /** Keeps the newest {@link KEEP_ENDED_JOBS} ended jobs (inside the caller's transaction). */
  private async pruneEnded(): Promise<void> {
    const ended = await this.deps.db.jobs
      .where('status')
      .anyOf([...ENDED_JOB_STATUSES])
      .toArray();
    if (ended.length <= KEEP_ENDED_JOBS) return;
    ended.sort(
      (a, b) => (b.finishedAt ?? b.updatedAt).localeCompare(a.finishedAt ?? a.updatedAt) || b.createdAt.localeCompare(a.createdAt),
    );
    for (const old of ended.slice(KEEP_ENDED_JOBS)) {
      await this.deleteStaged(old.id);
      await this.deps.db.jobs.delete(old.id);
    }
  }

  private stagedOf(jobId: string) {
    return this.deps.db.stagedPages.where('[jobId+page]').between([jobId, -Infinity], [jobId, Infinity]);
  }

  private async deleteStaged(jobId: string): Promise<void> {
    await this.stagedOf(jobId).delete();
  }

  /** What a kind's step (or its `savePartial`, for a failed job) works with; its result lands only while the job is in `landsIn`. */
  private stepContext(job: JobRecord, landsIn: readonly JobStatus[]): StepContext {
    const { db } = this.deps;
    return {
      db,
      clock: this.deps.clock,
      readStaged: async () => (await this.stagedOf(job.id).toArray()).map(({ page, data }) => ({ page, data })),
      complete: async (tables, write) => {
        await db.transaction('rw', [...tables, db.jobs, db.stagedPages], async () => {
          const current = await db.jobs.get(job.id);
          if (!current || !landsIn.includes(current.status)) throw new CancelledError();
          if (current.cancelRequested) {
            await this.end(current, 'cancelled', { outcome: this.cancelOutcome(current) });
            return;
          }
          const result = await write();
          await this.end(current, 'done', result);
        });
      },
    };
  }

  private cancelOutcome(job: JobRecord): Outcome {
    return this.kinds.get(job.kind)?.cancelOutcome?.(job) ?? NOTHING_SAVED;
  }

  private nowIso(): string {
    return new Date(this.deps.clock()).toISOString();
  }
}
