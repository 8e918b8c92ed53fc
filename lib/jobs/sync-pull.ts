import { ApiError } from '../model/errors';
import type { Clock, IdFactory } from '../model/runtime';
import { z } from '../model/zod';
import { remoteItemSchema, remoteListSchema, SABER_PAGE_SIZE, type RemoteItem, type RemoteList } from '../saber/api';
import type { Random } from '../saber/client';
import type { OpenSaberClient } from '../saber/open-client';
import { drainOne } from '../saber/outbox';
import { commitDownloadedList, commitPullMetadata, emptyCounts, planPull, type PullCounts } from '../saber/pull';
import type { JobKind, StepContext, StepResult } from './runner';

/** The job behind "Pull from Saber". */
export const PULL_JOB_KIND = 'saber.pull';
export const PULL_JOB_TITLE = 'Pulling lists from Saber';

/** Staged contact pages are numbered from here; the remote listing's pages from 0. */
const CONTACT_PAGE_BASE = 1_000_000;
const PULL_MAX_ATTEMPTS = 5;
const PULL_BASE_BACKOFF_MS = 10_000;

type Phase = 'drain' | 'lists' | 'plan' | 'contacts' | 'verify' | 'finish';

interface PullState {
  phase: Phase;
  listsOffset: number;
  listPages: number;
  remoteTotal: number;
  /** Remote ids still to download; the first is the one being downloaded. */
  download: string[];
  contactsOffset: number;
  contactPages: number;
  /** Remote ids missing from the listing, to check one by one. */
  verify: string[];
  /** Checked and really gone from Saber. */
  gone: string[];
  /** Checked and still there (the listing shifted while it was paged). */
  found: RemoteList[];
  counts: PullCounts;
  processed: number;
}

const initialState = (): PullState => ({
  phase: 'drain',
  listsOffset: 0,
  listPages: 0,
  remoteTotal: 0,
  download: [],
  contactsOffset: 0,
  contactPages: 0,
  verify: [],
  gone: [],
  found: [],
  counts: emptyCounts(),
  processed: 0,
});

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
      const state: PullState = { ...initialState(), ...(job.state as Partial<PullState> | undefined) };
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
      const transient = ['network_error', 'timeout', 'rate_limited', 'upstream_error'].includes(error.error);
      if (!transient || job.attempts + 1 >= PULL_MAX_ATTEMPTS) return { fail: error };
      const backoff = PULL_BASE_BACKOFF_MS * 2 ** job.attempts;
      const retryAt = Math.max(error.retryAt ?? 0, clock() + backoff / 2 + deps.random() * (backoff / 2));
      return { retryAt, patch: { attempts: job.attempts + 1 } };
    },
  };
}

/** A step that moves on (as opposed to the final commit). */
type Ahead = Exclude<StepResult, { done: true }>;

function advance(state: PullState, patch: Partial<PullState>, message?: string): Ahead {
  const next = { ...state, ...patch };
  return {
    patch: {
      phase: next.phase,
      state: next,
      attempts: 0,
      progress: { done: next.processed, total: Math.max(next.remoteTotal, next.processed), contacts: 0 },
      ...(message ? { message } : {}),
    },
  };
}

async function drainStep(state: PullState, ctx: StepContext, deps: PullJobDeps): Promise<StepResult> {
  const outcome = await drainOne({ db: ctx.db, openClient: deps.openClient, clock: deps.clock, random: deps.random });
  switch (outcome.kind) {
    case 'empty':
      return advance(state, { phase: 'lists' }, 'Reading your Saber lists');
    case 'progress':
      return advance(state, {}, 'Sending queued changes first');
    case 'wait':
      return { notBefore: outcome.until, patch: { message: 'Waiting to send queued changes before pulling' } };
    case 'blocked':
      throw outcome.error;
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
    `Read ${state.listsOffset + page.items.length} of ${page.total} Saber lists`,
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
      verify: plan.verify,
      remoteTotal: remotes.length,
      processed: skipped,
      contactsOffset: 0,
      contactPages: 0,
    },
    `${plan.download.length} of ${remotes.length} lists to download`,
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
      `Downloading "${remote.name}": ${offset} of ${page.total} contacts`,
    );
    return { ...result, stage: { page: CONTACT_PAGE_BASE + state.contactPages, data: page.items } };
  }

  const staged = (await ctx.readStaged()).filter(({ page: n }) => n >= CONTACT_PAGE_BASE);
  const contacts: RemoteItem[] = [...staged.flatMap(({ data }) => contactPageSchema.parse(data)), ...page.items];
  const outcome = await commitDownloadedList(ctx.db, remote, contacts, { now: deps.clock(), newId: deps.newId });
  await dropStagedContacts(ctx, jobId);
  const counts = { ...state.counts };
  if (outcome === 'imported') counts.imported += 1;
  if (outcome === 'refreshed') counts.refreshed += 1;
  const result = nextList({ counts });
  const progress = result.patch?.progress ?? { done: 0, total: 0, contacts: 0 };
  return { ...result, patch: { ...result.patch, progress: { ...progress, contacts: contacts.length } } };
}

async function dropStagedContacts(ctx: StepContext, jobId: string): Promise<void> {
  await ctx.db.stagedPages
    .where('[jobId+page]')
    .between([jobId, CONTACT_PAGE_BASE], [jobId, Infinity])
    .delete();
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
    return { message: summarize({ ...state.counts, renamed, deleted }, remotes.length) };
  });
  return { done: true };
}

function summarize(counts: PullCounts, total: number): string {
  const parts = [`${total} ${total === 1 ? 'list' : 'lists'} on Saber`];
  if (counts.imported) parts.push(`${counts.imported} new`);
  if (counts.refreshed) parts.push(`${counts.refreshed} updated`);
  if (counts.renamed) parts.push(`${counts.renamed} renamed`);
  if (counts.deleted) parts.push(`${counts.deleted} deleted on Saber`);
  if (parts.length === 1) parts.push('everything already up to date');
  return parts.join(', ');
}
