import type { Table } from 'dexie';
import { commitRefresh, refreshTables } from '../db/list-history';
import { LocalContactLists } from '../db/local-contact-lists';
import { createMetaCache } from '../db/meta-cache';
import type { JobRecord } from '../db/records';
import type { LinkedInClient } from '../linkedin/client';
import { LEAD_SEARCH_MAX_RESULTS, LEAD_SEARCH_PAGE_SIZE } from '../linkedin/constants';
import { dedupeContacts, hasUsableName, mapLeadToContact } from '../linkedin/map-lead';
import {
  leadListQuery,
  NO_LOOKUPS,
  prepareSearchStep,
  searchLookupsSchema,
  type PrepareStep,
  type SearchLookups,
} from '../linkedin/prepare-search';
import { DEFAULT_CAPTURE_SIZE, MAX_CAPTURE_SIZE, NAME_MAX } from '../model/limits';
import { captureRequestSchema, leadListCaptureSchema, type CaptureRequest } from '../model/capture-request';
import { failure, parseOrThrow, type ApiError, type ErrorReason } from '../model/errors';
import type { JobKindName } from '../model/job-kinds';
import { outcome, type Outcome } from '../model/outcomes';
import type { RunReport } from '../model/refresh';
import { classifyFailure, decideRetry, LINKEDIN_RETRY } from '../model/retry';
import { randomId, type IdFactory } from '../model/runtime';
import type { ContactList, ContactListFilters, ListSource } from '../model/schemas';
import type { Settings } from '../model/settings';
import { snapshotContactSchema, type SnapshotContact } from '../model/snapshot';
import { cleanScrapedName } from '../model/text';
import { z } from '../model/zod';
import type { CompleteResult, ErrorDecision, JobKind, StepContext, StepResult } from './runner';

/** Job kind of a capture from filters (or a replayed Sales Navigator search). */
export const CAPTURE_KIND = 'capture.search' satisfies JobKindName;
/** Job kind of a capture of a saved Sales Navigator lead list. */
export const LEAD_LIST_KIND = 'capture.leadList' satisfies JobKindName;
/** Job kind of a list's source run again. */
export const REFRESH_KIND = 'refresh.list' satisfies JobKindName;

/**
 * Phases of a capture job, in order: `start` (the session check), `resolve` (company and
 * country lookups, at most one request per step), `pages` (one search page per step),
 * `commit` (the list is written). A refresh runs the same phases over its list's source.
 */
export type CapturePhase = 'start' | 'resolve' | 'pages' | 'commit';

export interface CaptureJobDeps {
  /** The LinkedIn client; its gate paces every request, holds them in a cool-down and counts pages. */
  client: LinkedInClient;
  /** The current settings: how many refreshes a list keeps, read by each step of a refresh, outside its transactions. */
  readSettings: () => Promise<Settings>;
  /** Uniform in [0, 1): backoff jitter. */
  random: () => number;
  /** Ids of the committed list and its items. */
  newId?: IdFactory;
}

/** What the run read and kept, written to the list and the job at the end. */
export interface CaptureResult {
  contacts: SnapshotContact[];
  matched: number;
  query: string;
  report: RunReport;
}

/** What a job needs to know to run, whatever the kind. */
interface CapturePlan {
  name: string;
  size: number;
  /**
   * Works towards the Rest.li query, asking LinkedIn for at most one company or geo id per
   * call; `prepared` once the query is complete.
   */
  prepare(client: LinkedInClient, done: SearchLookups, ctx: StepContext): Promise<PrepareStep>;
  /** The tables `commit` writes, joined to the job's end in one transaction. */
  tables(ctx: StepContext): Table[];
  /** Writes the result (inside that transaction) and says what the job did. */
  commit(result: CaptureResult, ctx: StepContext): Promise<CompleteResult>;
}

/** The job's state while it looks companies and countries up. */
const resolveStateSchema = z.object({ lookups: searchLookupsSchema });

const count = z.int().min(0);
const stateSchema = z.object({
  query: z.string(),
  companyIds: z.array(z.string()),
  /** 0-based index of the next search page to fetch. */
  nextPage: count,
  /** Unique contacts staged so far. */
  contacts: count,
  /** The search's match count (`paging.total`) as the last page reported it. */
  matched: count.optional(),
  /** What the pages so far read and left out, for the run report. */
  read: z
    .object({ fetched: count, duplicates: count, unnamed: count, invalid: count })
    .default({ fetched: 0, duplicates: 0, unnamed: 0, invalid: 0 }),
});
type CaptureState = z.output<typeof stateSchema>;

/** A fetched page as staged: its contacts not already staged by an earlier page. */
const stagedPageSchema = z.object({ contacts: z.array(snapshotContactSchema) });
type StagedPage = z.output<typeof stagedPageSchema>;
const stagedIdsSchema = z.object({ contacts: z.array(z.object({ baseContactId: z.string() })) });

/** What a refresh job is asked to do. */
export const refreshParamsSchema = z.object({ listId: z.string().min(1) });

function searchPlan(
  request: CaptureRequest,
  write: (result: CaptureResult, ctx: StepContext) => Promise<CompleteResult>,
  tables?: (ctx: StepContext) => Table[],
): CapturePlan {
  return {
    name: request.name,
    size: request.size,
    prepare: (client, done, ctx) =>
      prepareSearchStep(client, request, done, { cache: createMetaCache(ctx.db, ctx.clock), now: ctx.clock() }),
    tables: tables ?? ((ctx) => [ctx.db.lists, ctx.db.items, ctx.db.baseContacts]),
    commit: write,
  };
}

/** A new list from the run, in one commit with the job's end. */
function createListFrom(
  name: string,
  filters: ContactListFilters,
  source: (query: string) => ListSource,
  done: (result: CaptureResult) => Outcome,
  newId: IdFactory | undefined,
) {
  return async (result: CaptureResult, ctx: StepContext): Promise<CompleteResult> => {
    const store = new LocalContactLists(ctx.db, { clock: ctx.clock, ...(newId ? { newId } : {}) });
    const list = await store.createList({
      name,
      filters,
      contacts: result.contacts,
      source: source(result.query),
      matchedCount: result.matched,
      report: result.report,
    });
    return { resultListId: list.id, outcome: done(result) };
  };
}

function capturePlan(params: unknown, deps: CaptureJobDeps): CapturePlan {
  const request: CaptureRequest = parseOrThrow(captureRequestSchema, params, 'params');
  const source = (query: string): ListSource =>
    request.salesNavigatorQuery === undefined
      ? { kind: 'search', size: request.size }
      : { kind: 'salesNavigatorQuery', query, size: request.size };
  return searchPlan(
    request,
    createListFrom(
      request.name,
      definedFilters(request.filters),
      source,
      (result) => outcome('capture.done', { contacts: result.contacts.length, matched: result.matched }),
      deps.newId,
    ),
  );
}

function leadListPlan(params: unknown, deps: CaptureJobDeps): CapturePlan {
  const { leadListId, leadListName, name } = parseOrThrow(leadListCaptureSchema, params, 'params');
  return {
    name,
    size: MAX_CAPTURE_SIZE,
    prepare: async (_client, done) => ({
      lookups: done,
      asked: false,
      total: 0,
      prepared: { query: leadListQuery(leadListId), companyIds: [] },
    }),
    tables: (ctx) => [ctx.db.lists, ctx.db.items, ctx.db.baseContacts],
    commit: createListFrom(
      name,
      {},
      () => ({ kind: 'leadList', leadListId, leadListName }),
      (result) => outcome('leadList.done', { contacts: result.contacts.length, matched: result.matched, leadListName }),
      deps.newId,
    ),
  };
}

/**
 * The list's own source, run again: its filters, its replayed Sales Navigator search, or its
 * lead list, for as many contacts as it was captured with. Its commit replaces the list's items
 * and records the refresh, in one transaction with the job's end.
 */
async function refreshPlan(params: unknown, deps: CaptureJobDeps, ctx: StepContext): Promise<CapturePlan> {
  const { listId } = parseOrThrow(refreshParamsSchema, params, 'params');
  const list = await ctx.db.lists.get(listId);
  if (!list) throw failure('not_found', 'refresh.listGone', {});
  // Read here, before the commit's transaction: awaiting `chrome.storage` inside it would let
  // IndexedDB commit the transaction under the refresh, and Dexie lose track of it.
  const { historyKeep } = await deps.readSettings();
  const commit = async (result: CaptureResult, stepCtx: StepContext): Promise<CompleteResult> => {
    const refreshed = await commitRefresh(stepCtx.db, {
      listId,
      contacts: result.contacts,
      matchedCount: result.matched,
      report: result.report,
      now: stepCtx.clock(),
      newId: deps.newId ?? randomId,
      keep: historyKeep,
    });
    return {
      resultListId: listId,
      outcome: outcome('refresh.done', { contacts: result.contacts.length, matched: result.matched, ...refreshed.counts }),
    };
  };
  const tables = (stepCtx: StepContext) => refreshTables(stepCtx.db);
  const source = list.source;
  switch (source?.kind) {
    case 'leadList':
      return {
        // A name stored before the text rule is LinkedIn's raw text: read it as such, not refused.
        ...leadListPlan(
          {
            leadListId: source.leadListId,
            leadListName: cleanScrapedName(source.leadListName, `Lead list ${source.leadListId}`, NAME_MAX),
            name: list.name,
          },
          deps,
        ),
        tables,
        commit,
      };
    case 'search':
    case 'salesNavigatorQuery': {
      const request = parseOrThrow(
        captureRequestSchema,
        {
          name: list.name,
          filters: list.filters,
          size: source.size ?? refreshSize(list),
          ...(source.kind === 'salesNavigatorQuery' ? { salesNavigatorQuery: source.query } : {}),
        },
        'list',
      );
      return searchPlan(request, commit, tables);
    }
    default:
      throw failure('validation_error', 'refresh.notRefreshable', { source: source?.kind ?? 'manual' });
  }
}

/**
 * How many contacts to ask for when a list does not say how many it was captured with (one
 * made before it did): as many as it holds when its search matched more, else at least the
 * default capture, so people who joined have room.
 */
function refreshSize(list: ContactList): number {
  const capped = list.matchedCount !== undefined && list.matchedCount > list.contactCount;
  return Math.min(MAX_CAPTURE_SIZE, Math.max(1, capped ? list.contactCount : Math.max(list.contactCount, DEFAULT_CAPTURE_SIZE)));
}

/** The capture job kinds for the runner: from filters, from a saved lead list, and a list's refresh. */
export function createCaptureKinds(deps: CaptureJobDeps): JobKind[] {
  return [
    createKind(CAPTURE_KIND, async (job) => capturePlan(job.params, deps), deps, { partial: true }),
    createKind(LEAD_LIST_KIND, async (job) => leadListPlan(job.params, deps), deps, { partial: true }),
    // A refresh saved without some pages would take everyone on them for leavers: it has no partial save.
    createKind(REFRESH_KIND, (job, ctx) => refreshPlan(job.params, deps, ctx), deps, { partial: false }),
  ];
}

/**
 * What a capture does about a failed LinkedIn request. A refusal was already counted by the
 * gate, which said when to come back (or started a cool-down, which ends the capture); a
 * passing failure is retried by the policy's backoff; anything else ends the capture.
 */
export function decideCaptureRetry(job: JobRecord, error: ApiError, now: number, random: () => number): ErrorDecision {
  const kind = classifyFailure(error);
  if (kind === 'rateLimited') return { retryAt: error.retryAt ?? now, patch: {} };
  const decision = decideRetry(error, job.attempts, now, random, LINKEDIN_RETRY);
  if ('retryAt' in decision) {
    const retrying = withParams(error.reason, { attempt: job.attempts + 1, of: LINKEDIN_RETRY.transient.retries });
    return { retryAt: decision.retryAt, patch: { attempts: job.attempts + 1 }, error: error.with({ reason: retrying }) };
  }
  if (decision.fail === 'exhausted') {
    return { fail: error.with({ reason: withParams(error.reason, { gaveUpAfter: job.attempts + 1 }) }) };
  }
  return { fail: error };
}

function withParams(reason: ErrorReason | undefined, params: Record<string, number>): ErrorReason | undefined {
  return reason ? ({ code: reason.code, params: { ...reason.params, ...params } } as ErrorReason) : undefined;
}

function createKind(
  kind: JobKindName,
  planOf: (job: JobRecord, ctx: StepContext) => Promise<CapturePlan>,
  deps: CaptureJobDeps,
  options: { partial: boolean },
): JobKind {
  const { client, random } = deps;
  /**
   * Member URNs already staged, per job, valid for the page the job fetches next; rebuilt from
   * the staged pages after a worker restart, so a long capture does not re-read them each page.
   */
  const seenByJob = new Map<string, { nextPage: number; ids: Set<string> }>();
  return {
    kind,
    async step(job, ctx) {
      const plan = await planOf(job, ctx);
      const phase = job.phase as CapturePhase;
      if (phase === 'commit') {
        seenByJob.delete(job.id);
        return commit(job, plan, ctx);
      }
      if (phase === 'pages') return fetchPage(job, plan, ctx);
      if (phase === 'resolve') return resolve(job, plan, ctx);
      return start(plan);
    },
    onError: (job, error, { clock }) => decideCaptureRetry(job, error, clock(), random),
    ...(options.partial ? { savePartial } : {}),
  };

  /**
   * "Save what was captured" of a failed capture: the list from the pages it staged, its run
   * report naming the planned pages it never read (none when it failed at the commit).
   */
  async function savePartial(job: JobRecord, ctx: StepContext): Promise<void> {
    const plan = await planOf(job, ctx);
    const state = parseOrThrow(stateSchema, job.state, 'state');
    const staged = new Set((await ctx.readStaged()).map(({ page }) => page));
    const planned = Math.max(job.progress.total, state.nextPage);
    const missingPages = Array.from({ length: planned }, (_, page) => page).filter((page) => !staged.has(page));
    await commit(job, plan, ctx, { missingPages, pages: staged.size, planned });
  }

  async function start(plan: CapturePlan): Promise<StepResult> {
    // A logged-out user or one without a seat fails here, before anything else is sent.
    await client.checkSession();
    return {
      patch: {
        phase: 'resolve',
        state: { lookups: NO_LOOKUPS } satisfies z.input<typeof resolveStateSchema>,
        attempts: 0,
        progress: { done: 0, total: Math.ceil(plan.size / LEAD_SEARCH_PAGE_SIZE), contacts: 0 },
      },
    };
  }

  /** One company or country lookup (those needing no request ride along), then the search. */
  async function resolve(job: JobRecord, plan: CapturePlan, ctx: StepContext): Promise<StepResult> {
    const { lookups } = parseOrThrow(resolveStateSchema, job.state, 'state');
    const step = await plan.prepare(client, lookups, ctx);
    if (!step.prepared) {
      const looked = step.lookups.companies.length + step.lookups.regions.length;
      return {
        patch: {
          state: { lookups: step.lookups } satisfies z.input<typeof resolveStateSchema>,
          attempts: 0,
          outcome: outcome('capture.lookingUp', { done: looked, total: step.total }),
        },
      };
    }
    const state: z.input<typeof stateSchema> = {
      query: step.prepared.query,
      companyIds: step.prepared.companyIds,
      nextPage: 0,
      contacts: 0,
    };
    return { patch: { phase: 'pages', state, attempts: 0 } };
  }

  async function fetchPage(job: JobRecord, plan: CapturePlan, ctx: StepContext): Promise<StepResult> {
    const state = parseOrThrow(stateSchema, job.state, 'state');
    const page = await client.searchLeads(state.query, state.nextPage * LEAD_SEARCH_PAGE_SIZE, LEAD_SEARCH_PAGE_SIZE);

    const cached = seenByJob.get(job.id);
    const seen = cached?.nextPage === state.nextPage ? cached.ids : await stagedMemberIds(ctx, state.nextPage);
    const read = {
      ...state.read,
      fetched: state.read.fetched + page.leads.length + page.invalid,
      invalid: state.read.invalid + page.invalid,
    };
    const fresh: SnapshotContact[] = [];
    for (const lead of page.leads) {
      const contact = mapLeadToContact(lead, state.companyIds);
      if (!hasUsableName(contact)) {
        read.unnamed += 1;
        continue;
      }
      if (seen.has(contact.baseContactId)) {
        read.duplicates += 1;
        continue;
      }
      seen.add(contact.baseContactId);
      fresh.push(contact);
    }
    const contacts = state.contacts + fresh.length;
    const reachable = Math.min(page.total, MAX_CAPTURE_SIZE);
    const nextPage = state.nextPage + 1;
    seenByJob.set(job.id, { nextPage, ids: seen });
    const finished = contacts >= plan.size || nextPage * LEAD_SEARCH_PAGE_SIZE >= reachable || page.leads.length + page.invalid === 0;
    const planned = Math.max(nextPage, Math.ceil(Math.min(plan.size, reachable) / LEAD_SEARCH_PAGE_SIZE));
    const staged: StagedPage = { contacts: fresh };
    return {
      stage: { page: state.nextPage, data: staged },
      patch: {
        phase: finished ? 'commit' : 'pages',
        state: { ...state, nextPage, contacts, matched: page.total, read } satisfies CaptureState,
        attempts: 0,
        progress: { done: nextPage, total: finished ? nextPage : planned, contacts: Math.min(contacts, plan.size) },
      },
    };
  }

  /**
   * Writes the result and ends the job, in one transaction. `partial`: the pages a failed
   * capture saved without, for its report and its outcome.
   */
  async function commit(
    job: JobRecord,
    plan: CapturePlan,
    ctx: StepContext,
    partial?: { missingPages: number[]; pages: number; planned: number },
  ): Promise<StepResult> {
    const state = parseOrThrow(stateSchema, job.state, 'state');
    const pages = (await ctx.readStaged()).map(({ data }) => parseOrThrow(stagedPageSchema, data, 'stagedPages'));
    const contacts = dedupeContacts(pages.flatMap((page) => page.contacts)).slice(0, plan.size);
    const matched = state.matched ?? 0;
    const missingPages = partial?.missingPages.length ? partial.missingPages : undefined;
    const report: RunReport = { ...runReport(state, contacts.length, matched, plan.size), ...(missingPages ? { missingPages } : {}) };
    await ctx.complete(plan.tables(ctx), async () => {
      const result = await plan.commit({ contacts, matched, query: state.query, report }, ctx);
      if (!partial || !missingPages) return { ...result, report };
      const saved = outcome('capture.savedPartial', { contacts: contacts.length, matched, pages: partial.pages, planned: partial.planned });
      return { ...result, outcome: saved, report };
    });
    return { done: true };
  }
}

/** The run report: what was read and kept, what was left out and why, and what stopped the run. */
function runReport(state: CaptureState, kept: number, matched: number, size: number): RunReport {
  const { fetched, duplicates, unnamed, invalid } = state.read;
  // A list as large as LinkedIn serves stopped at LinkedIn's limit, not at a size of its own.
  const capped =
    matched <= kept
      ? undefined
      : kept >= size && size < LEAD_SEARCH_MAX_RESULTS
        ? 'listSize'
        : matched > LEAD_SEARCH_MAX_RESULTS
          ? 'linkedInLimit'
          : kept >= size
            ? 'listSize'
            : undefined;
  return { matched, fetched, kept, dropped: { duplicates, unnamed, invalid }, ...(capped ? { capped } : {}) };
}

/** Member URNs staged by the pages before `page`: a lead LinkedIn shows twice is kept once. */
async function stagedMemberIds(ctx: StepContext, page: number): Promise<Set<string>> {
  const staged = await ctx.readStaged();
  const ids = new Set<string>();
  for (const entry of staged) {
    if (entry.page >= page) continue;
    for (const contact of parseOrThrow(stagedIdsSchema, entry.data, 'stagedPages').contacts) ids.add(contact.baseContactId);
  }
  return ids;
}

/** The filters the list keeps, without the ones left empty. */
function definedFilters(filters: CaptureRequest['filters']): ContactListFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && !value.length)),
  );
}
