import { LocalContactLists } from '../db/local-contact-lists';
import type { JobRecord } from '../db/records';
import type { LinkedInClient } from '../linkedin/client';
import type { SkippedAddressBookContact } from '../linkedin/contacts-api';
import { localDay } from '../model/dates';
import { failure, parseOrThrow, type ApiError } from '../model/errors';
import type { JobKindName } from '../model/job-kinds';
import { outcome } from '../model/outcomes';
import type { RunReport } from '../model/refresh';
import type { IdFactory } from '../model/runtime';
import type { Settings } from '../model/settings';
import type { SnapshotContact } from '../model/snapshot';
import { z } from '../model/zod';
import { decideCaptureRetry } from './capture';
import { IN_MEMORY_WAIT_MAX_MS, type ErrorDecision, type JobKind, type StepContext, type StepResult } from './runner';

/** Job kind of "Export address book". */
export const ADDRESS_BOOK_KIND = 'network.addressBook' satisfies JobKindName;

/**
 * How the export task is followed. LinkedIn says nothing of how long a task takes, so the
 * checks start close together and spread out: 2 s, then half as long again each time. A wait
 * the runner would not sit through in memory becomes an alarm, and Chrome fires no alarm of a
 * packed extension sooner than 30 s, so such a wait is at least that; none is longer than 5 min.
 */
export const ADDRESS_BOOK_POLLING = {
  firstMs: 2_000,
  factor: 1.5,
  alarmMinMs: 30_000,
  maxMs: 5 * 60_000,
  /** How long one task may stay in progress before the export gives up. */
  deadlineMs: 30 * 60_000,
  /** New tasks started when a result expired before it could be read; one more, then the export fails. */
  restarts: 1,
} as const;

/** The wait before check number `polls + 1` of a task. */
export function pollDelay(polls: number): number {
  const { firstMs, factor, alarmMinMs, maxMs } = ADDRESS_BOOK_POLLING;
  const grown = firstMs * factor ** polls;
  return grown <= IN_MEMORY_WAIT_MAX_MS ? grown : Math.min(maxMs, Math.max(alarmMinMs, grown));
}

const count = z.int().min(0);
/** Where the export is: how many tasks it started again, and, once a task runs, which one and since when. */
const stateSchema = z.object({
  restarts: count.default(0),
  task: z.object({ id: z.string().min(1), startedAt: count, polls: count }).optional(),
});
type AddressBookState = z.output<typeof stateSchema>;

export interface AddressBookJobDeps {
  client: Pick<LinkedInClient, 'startAddressBookExport' | 'readAddressBookTask'>;
  /** Read at every step: the token is never copied into the job. */
  readSettings: () => Promise<Settings>;
  random: () => number;
  newId?: IdFactory;
}

/**
 * "Export address book" through LinkedIn's Contacts API: `start` posts an export task (the
 * token checked first), `poll` reads it at growing intervals until it succeeds, fails or its
 * deadline passes, and the succeeded task's contacts become a new list in the same step, in
 * one transaction with the job's end. The task id is in the job's state, so a restarted worker
 * goes on polling the same task. A result that expired before it was read starts one new task.
 */
export function createAddressBookKind(deps: AddressBookJobDeps): JobKind {
  const { client } = deps;

  /** The token as Settings hold it now (removed meanwhile: the client refuses to send without one). */
  async function token(): Promise<string> {
    return (await deps.readSettings()).linkedInAccessToken;
  }

  async function start(state: AddressBookState, ctx: StepContext): Promise<StepResult> {
    const id = await client.startAddressBookExport(await token());
    const now = ctx.clock();
    const next: AddressBookState = { restarts: state.restarts, task: { id, startedAt: now, polls: 0 } };
    return {
      patch: {
        phase: 'poll',
        state: next,
        attempts: 0,
        progress: { done: 1, total: 0, contacts: 0 },
        outcome: outcome('addressBook.started', {}),
      },
      notBefore: now + pollDelay(0),
    };
  }

  /** The result is gone before it was read: one new task, then the export gives up. */
  function expired(job: JobRecord, state: AddressBookState): StepResult {
    if (state.restarts >= ADDRESS_BOOK_POLLING.restarts) throw failure('upstream_error', 'addressBook.expired', {});
    return { patch: { phase: 'start', state: { restarts: state.restarts + 1 }, attempts: 0, progress: job.progress } };
  }

  async function poll(job: JobRecord, state: AddressBookState, ctx: StepContext): Promise<StepResult> {
    const task = state.task;
    if (!task) return start(state, ctx);
    const answer = await client.readAddressBookTask(await token(), task.id);
    const now = ctx.clock();
    switch (answer.status) {
      case 'IN_PROGRESS': {
        const deadline = task.startedAt + ADDRESS_BOOK_POLLING.deadlineMs;
        if (now >= deadline) throw deadlinePassed();
        const polls = task.polls + 1;
        const notBefore = Math.min(now + pollDelay(polls), deadline);
        return {
          patch: {
            state: { ...state, task: { ...task, polls } } satisfies AddressBookState,
            attempts: 0,
            progress: { done: polls + 1, total: 0, contacts: 0 },
            outcome: outcome('addressBook.polling', { polls }, notBefore),
          },
          notBefore,
        };
      }
      case 'GONE':
        return expired(job, state);
      case 'FAILED':
        throw failure('upstream_error', 'addressBook.failed', {});
      case 'UNKNOWN':
        throw failure('upstream_error', 'addressBook.unknownStatus', { status: answer.raw });
      case 'SUCCEEDED':
        if (answer.expiresAt <= now) return expired(job, state);
        await commit(answer.contacts, answer.skipped, ctx);
        return { done: true };
    }
  }

  async function commit(contacts: SnapshotContact[], skipped: readonly SkippedAddressBookContact[], ctx: StepContext): Promise<void> {
    const duplicates = skipped.filter((entry) => entry.code === 'duplicate').length;
    const report: RunReport = {
      fetched: contacts.length + skipped.length,
      kept: contacts.length,
      dropped: { duplicates, unnamed: 0, invalid: skipped.length - duplicates },
    };
    const store = new LocalContactLists(ctx.db, { clock: ctx.clock, ...(deps.newId ? { newId: deps.newId } : {}) });
    await ctx.complete([ctx.db.lists, ctx.db.items, ctx.db.baseContacts], async () => {
      const list = await store.createList({
        name: addressBookListName(ctx.clock()),
        contacts,
        source: { kind: 'addressBook' },
        report,
      });
      return { resultListId: list.id, outcome: outcome('addressBook.done', { contacts: contacts.length }), report };
    });
  }

  return {
    kind: ADDRESS_BOOK_KIND,
    async step(job, ctx) {
      const state = parseOrThrow(stateSchema, job.state ?? {}, 'state');
      return job.phase === 'poll' ? poll(job, state, ctx) : start(state, ctx);
    },
    onError: (job, error, { clock }) => decideAddressBookRetry(job, error, clock(), deps.random),
  };
}

/**
 * A failed request is retried as a capture's would be (the gate counted a refusal, a passing
 * failure backs off), but never past the task's deadline: a retry that would land after it
 * ends the export instead.
 */
function decideAddressBookRetry(job: JobRecord, error: ApiError, now: number, random: () => number): ErrorDecision {
  const decision = decideCaptureRetry(job, error, now, random);
  if (!('retryAt' in decision)) return decision;
  const task = stateSchema.safeParse(job.state ?? {}).data?.task;
  if (task && decision.retryAt > task.startedAt + ADDRESS_BOOK_POLLING.deadlineMs) return { fail: deadlinePassed() };
  return decision;
}

function deadlinePassed(): ApiError {
  return failure('upstream_error', 'addressBook.deadline', { minutes: ADDRESS_BOOK_POLLING.deadlineMs / 60_000 });
}

/** "LinkedIn address book, 2026-11-22", the user's own day. */
function addressBookListName(now: number): string {
  return `LinkedIn address book, ${localDay(now)}`;
}
