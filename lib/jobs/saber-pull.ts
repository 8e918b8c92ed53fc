import type { JobRecord } from '../db/records';
import { ApiError, failure } from '../model/errors';
import type { JobKindName } from '../model/job-kinds';
import { outcome, type Outcome } from '../model/outcomes';
import { decideRetry, SABER_PULL_RETRY } from '../model/retry';
import type { Clock, IdFactory } from '../model/runtime';
import { z } from '../model/zod';
import { remoteItemSchema, remoteListSchema, SABER_PAGE_SIZE, type RemoteItem, type RemoteList } from '../saber/api';
import type { Random } from '../saber/client';
import type { OpenSaberClient } from '../sync/open-client';
import { drainOne } from '../sync/outbox';
import { commitDownloadedList, commitPullMetadata, emptyCounts, planPull } from '../sync/pull';
import { NOTHING_SAVED, type JobKind, type StepContext, type StepResult } from './runner';

/** The job behind "Pull from Saber". */
export const PULL_JOB_KIND = 'saber.pull' satisfies JobKindName;

/** Staged contact pages are numbered from here; the remote listing's pages from 0. */
const CONTACT_PAGE_BASE = 1_000_000;

const PHASES = ['drain', 'lists', 'plan', 'contacts', 'verify', 'finish'] as const;
type Phase = (typeof PHASES)[number];

const count = z.int().min(0).default(0);
const ids = z.array(z.string()).default(() => []);

/** The job's saved progress; a job just enqueued has none, so every field has its start value. */
const pullStateSchema = z.object({
  phase: z.enum(PHASES).default('drain'),
  listsOffset: count,
  listPages: count,
  remoteTotal: count,
  /** Remote ids still to download; the first is the one being downloaded. */
  download: ids,
  /** How many lists the plan chose to download, for the cancel message. */
  planned: count,
  contactsOffset: count,
  contactPages: count,
  /** Remote ids missing from the listing, to check one by one. */
  verify: ids,
  /** Checked and really gone from Saber. */
  gone: ids,
  /** Checked and still there (the listing shifted while it was paged). */
  found: z.array(remoteListSchema).default(() => []),
  counts: z
    .object({ imported: z.int().min(0), refreshed: z.int().min(0), renamed: z.int().min(0), deleted: z.int().min(0) })
    .default(emptyCounts),
  processed: count,
  /** Queued changes the drain phase sent (they reached Saber whatever happens to the pull). */
  sent: count,
});
type PullState = z.infer<typeof pullStateSchema>;

/** Reads the saved progress; a record this version cannot read fails the job, saying so. */
function readState(job: JobRecord): PullState {
  const parsed = pullStateSchema.safeParse(job.state ?? {});
  if (parsed.success) return parsed.data;
  throw failure('internal_error', 'job.stateUnreadable', {}, { details: ApiError.fromZod(parsed.error, 'state').details });
}

const listPageSchema = z.array(remoteListSchema);
const contactPageSchema = z.array(remoteItemSchema);

/** What the pull job needs, injected. */
export interface PullJobDeps {
  openClient: OpenSaberClient;
  clock: Clock;
  random: Random;
  newId: IdFactory;
}

/**
 * Pulls every Saber list, 100 a page, then the contacts of each new or changed Saber list,
 * 100 a page, one request per step. Queued local changes are sent first, so the pull compares
 * against a Saber that already has them. Each downloaded list is committed atomically on its
 * own; names, counts and "deleted on Saber" marks land in the final commit.
 */
export function createPullJobKind(deps: PullJobDeps): JobKind {
  return {
    kind: PULL_JOB_KIND,
    async step(job, ctx): Promise<StepResult> {
      const state = readState(job);
      switch (state.phase) {
        case 'drain':
          return drainStep(state, ctx, deps);
        case 'lists':
          return listsStep(state, deps);
        case 'plan':
          return planStep(state, ctx);
        case 'contacts':
          return contactsStep(state, job.id, ctx, deps);
        case 'verify':
          return verifyStep(state, deps);
        case 'finish':
          return finishStep(state, ctx, deps);
      }
    },
    onError(job, error, { clock }) {
      const decision = decideRetry(error, job.attempts, clock(), deps.random, SABER_PULL_RETRY);
      if ('fail' in decision) return { fail: error };
      return { retryAt: decision.retryAt, patch: { attempts: job.attempts + 1 } };
    },
    cancelOutcome(job) {
      const parsed = pullStateSchema.safeParse(job.state ?? {});
      return parsed.success ? cancelledPull(parsed.data) : NOTHING_SAVED;
    },
  };
}

/**
 * A cancelled pull keeps the lists it already stored (each was committed on its own) and
 * the queued changes it already sent; only the final names, counts and marks are not applied.
 */
function cancelledPull(state: PullState): Outcome {
  const stored = state.counts.imported + state.counts.refreshed;
  if (stored === 0 && state.sent === 0) return NOTHING_SAVED;
  const planned = Math.max(state.planned, stored + state.download.length);
  return outcome('pull.cancelled', { stored, planned, sent: state.sent });
}

/** A step that moves on (as opposed to the final commit). */
type Ahead = Exclude<StepResult, { done: true }>;

function advance(state: PullState, patch: Partial<PullState>, said?: Outcome): Ahead {
  const next = { ...state, ...patch };
  return {
    patch: {
      phase: next.phase,
      state: next,
      attempts: 0,
      progress: { done: next.processed, total: Math.max(next.remoteTotal, next.processed), contacts: 0 },
      ...(said ? { outcome: said } : {}),
    },
  };
}

async function drainStep(state: PullState, ctx: StepContext, deps: PullJobDeps): Promise<StepResult> {
  const drained = await drainOne({ db: ctx.db, openClient: deps.openClient, clock: deps.clock, random: deps.random });
  switch (drained.kind) {
    case 'empty':
      return advance(state, { phase: 'lists' }, outcome('pull.reading', { read: 0, total: 0 }));
    case 'progress':
      return advance(state, { sent: state.sent + 1 }, outcome('pull.sendingFirst', {}));
    case 'wait':
      return { notBefore: drained.until, patch: { outcome: outcome('pull.waitingToSend', {}, drained.until) } };
    case 'blocked':
      throw drained.error;
  }
}

async function listsStep(state: PullState, deps: PullJobDeps): Promise<StepResult> {
  const client = await deps.openClient();
  const page = await client.listLists({ limit: SABER_PAGE_SIZE, offset: state.listsOffset });
  const done = !page.hasMore || page.items.length === 0;
  const result = advance(
    state,
    {
      phase: done ? 'plan' : 'lists',
      listsOffset: state.listsOffset + page.items.length,
      listPages: state.listPages + 1,
      remoteTotal: page.total,
    },
    outcome('pull.reading', { read: state.listsOffset + page.items.length, total: page.total }),
  );
  return { ...result, stage: { page: state.listPages, data: page.items } };
}

async function readRemoteLists(ctx: StepContext): Promise<RemoteList[]> {
  const byId = new Map<string, RemoteList>();
  for (const { page, data } of await ctx.readStaged()) {
    if (page >= CONTACT_PAGE_BASE) continue;
    // A list can show up on two pages when Saber's listing shifts while it is paged.
    for (const remote of listPageSchema.parse(data)) byId.set(remote.id, remote);
  }
  return [...byId.values()];
}

async function planStep(state: PullState, ctx: StepContext): Promise<StepResult> {
  const remotes = await readRemoteLists(ctx);
  const plan = await planPull(ctx.db, remotes);
  const skipped = remotes.length - plan.download.length;
  return advance(
    state,
    {
      phase: plan.download.length ? 'contacts' : plan.verify.length ? 'verify' : 'finish',
      download: plan.download,
      planned: plan.download.length,
      verify: plan.verify,
      remoteTotal: remotes.length,
      processed: skipped,
      contactsOffset: 0,
      contactPages: 0,
    },
    outcome('pull.planned', { download: plan.download.length, total: remotes.length }),
  );
}

async function contactsStep(state: PullState, jobId: string, ctx: StepContext, deps: PullJobDeps): Promise<StepResult> {
  const [remoteId, ...rest] = state.download;
  const remote = remoteId ? (await readRemoteLists(ctx)).find((list) => list.id === remoteId) : undefined;
  const nextList = (patch: Partial<PullState>): Ahead =>
    advance(state, {
      ...patch,
      download: rest,
      contactsOffset: 0,
      contactPages: 0,
      processed: state.processed + 1,
      phase: rest.length ? 'contacts' : state.verify.length ? 'verify' : 'finish',
    });
  if (!remoteId || !remote) return nextList({});

  const client = await deps.openClient();
  let page;
  try {
    page = await client.listContacts(remoteId, { limit: SABER_PAGE_SIZE, offset: state.contactsOffset });
  } catch (thrown) {
    // Deleted on Saber since the listing: nothing to download; the next pull marks it.
    if (thrown instanceof ApiError && thrown.error === 'not_found') {
      await dropStagedContacts(ctx, jobId);
      return nextList({});
    }
    throw thrown;
  }
  const offset = state.contactsOffset + page.items.length;
  if (page.hasMore && page.items.length > 0) {
    const result = advance(
      state,
      { contactsOffset: offset, contactPages: state.contactPages + 1 },
      outcome('pull.downloading', { name: remote.name, done: offset, total: page.total }),
    );
    return { ...result, stage: { page: CONTACT_PAGE_BASE + state.contactPages, data: page.items } };
  }

  const staged = (await ctx.readStaged()).filter(({ page: n }) => n >= CONTACT_PAGE_BASE);
  const contacts: RemoteItem[] = [...staged.flatMap(({ data }) => contactPageSchema.parse(data)), ...page.items];
  const committed = await commitDownloadedList(ctx.db, remote, contacts, { now: deps.clock(), newId: deps.newId });
  await dropStagedContacts(ctx, jobId);
  const counts = { ...state.counts };
  if (committed === 'imported') counts.imported += 1;
  if (committed === 'refreshed') counts.refreshed += 1;
  const result = nextList({ counts });
  const progress = result.patch?.progress ?? { done: 0, total: 0, contacts: 0 };
  return { ...result, patch: { ...result.patch, progress: { ...progress, contacts: contacts.length } } };
}

async function dropStagedContacts(ctx: StepContext, jobId: string): Promise<void> {
  await ctx.db.stagedPages.where('[jobId+page]').between([jobId, CONTACT_PAGE_BASE], [jobId, Infinity]).delete();
}

async function verifyStep(state: PullState, deps: PullJobDeps): Promise<StepResult> {
  const [remoteId, ...rest] = state.verify;
  const phase: Phase = rest.length ? 'verify' : 'finish';
  if (!remoteId) return advance(state, { phase: 'finish' });
  const client = await deps.openClient();
  try {
    const remote = await client.getList(remoteId);
    return advance(state, { phase, verify: rest, found: [...state.found, remote] });
  } catch (thrown) {
    if (!(thrown instanceof ApiError) || thrown.error !== 'not_found') throw thrown;
    return advance(state, { phase, verify: rest, gone: [...state.gone, remoteId] });
  }
}

async function finishStep(state: PullState, ctx: StepContext, deps: PullJobDeps): Promise<StepResult> {
  const remotes = [...(await readRemoteLists(ctx)), ...state.found];
  await ctx.complete([ctx.db.lists, ctx.db.outbox], async () => {
    const { renamed, deleted } = await commitPullMetadata(ctx.db, remotes, state.gone, deps.clock());
    return { outcome: outcome('pull.done', { total: remotes.length, ...state.counts, renamed, deleted }) };
  });
  return { done: true };
}
