import { createMetaCache } from '../db/meta-cache';
import { LocalContactLists } from '../db/local-contact-lists';
import type { JobRecord } from '../db/records';
import type { LinkedInClient } from '../linkedin/client';
import { LEAD_SEARCH_PAGE_SIZE } from '../linkedin/constants';
import { dedupeContacts, mapLeadToContact } from '../linkedin/map-lead';
import {
  leadListQuery,
  NO_LOOKUPS,
  prepareSearchStep,
  searchLookupsSchema,
  type PrepareStep,
  type SearchLookups,
} from '../linkedin/prepare-search';
import { captureRequestSchema, leadListCaptureSchema, type CaptureRequest } from '../model/capture-request';
import { MAX_CAPTURE_SIZE } from '../model/capture-limits';
import { parseOrThrow, type ApiError, type ErrorReason } from '../model/errors';
import type { JobKindName } from '../model/job-kinds';
import { outcome, type Outcome } from '../model/outcomes';
import { classifyFailure, decideRetry, LINKEDIN_RETRY } from '../model/retry';
import type { IdFactory } from '../model/runtime';
import type { ContactListFilters, ListSource } from '../model/schemas';
import { snapshotContactSchema, type SnapshotContact } from '../model/snapshot';
import { z } from '../model/zod';
import type { ErrorDecision, JobKind, StepContext, StepResult } from './runner';

/** Job kind of a capture from filters (or a replayed Sales Navigator search). */
export const CAPTURE_KIND = 'capture.search' satisfies JobKindName;
/** Job kind of a capture of a saved Sales Navigator lead list. */
export const LEAD_LIST_KIND = 'capture.leadList' satisfies JobKindName;

/**
 * Phases of a capture job, in order: `start` (the session check), `resolve` (company and
 * country lookups, at most one request per step), `pages` (one search page per step),
 * `commit` (the list is written).
 */
export type CapturePhase = 'start' | 'resolve' | 'pages' | 'commit';

export interface CaptureJobDeps {
  /** The LinkedIn client; its gate paces every request, holds them in a cool-down and counts pages. */
  client: LinkedInClient;
  /** Uniform in [0, 1): backoff jitter. */
  random: () => number;
  /** Ids of the committed list and its items. */
  newId?: IdFactory;
}

/** What a job needs to know to run, whatever the kind. */
interface CapturePlan {
  name: string;
  filters: ContactListFilters;
  size: number;
  /**
   * Works towards the Rest.li query, asking LinkedIn for at most one company or geo id per
   * call; `prepared` once the query is complete.
   */
  prepare(client: LinkedInClient, done: SearchLookups, ctx: StepContext): Promise<PrepareStep>;
  source(query: string): ListSource;
  done(contacts: number, matched: number): Outcome;
}

/** The job's state while it looks companies and countries up. */
const resolveStateSchema = z.object({ lookups: searchLookupsSchema });

const stateSchema = z.object({
  query: z.string(),
  companyIds: z.array(z.string()),
  /** 0-based index of the next search page to fetch. */
  nextPage: z.int().min(0),
  /** Unique contacts staged so far. */
  contacts: z.int().min(0),
  /** The search's match count (`paging.total`) as the last page reported it. */
  matched: z.int().min(0).optional(),
});
type CaptureState = z.output<typeof stateSchema>;

/** A fetched page as staged: its contacts not already staged by an earlier page. */
const stagedPageSchema = z.object({ contacts: z.array(snapshotContactSchema) });
type StagedPage = z.output<typeof stagedPageSchema>;
const stagedIdsSchema = z.object({ contacts: z.array(z.object({ baseContactId: z.string() })) });

function searchPlan(params: unknown): CapturePlan {
  const request: CaptureRequest = parseOrThrow(captureRequestSchema, params, 'params');
  return {
    name: request.name,
    filters: definedFilters(request.filters),
    size: request.size,
    prepare: (client, done, ctx) =>
      prepareSearchStep(client, request, done, { cache: createMetaCache(ctx.db, ctx.clock), now: ctx.clock() }),
    source: (query) => (request.salesNavigatorQuery === undefined ? { kind: 'search' } : { kind: 'salesNavigatorQuery', query }),
    done: (contacts, matched) => outcome('capture.done', { contacts, matched }),
  };
}

function leadListPlan(params: unknown): CapturePlan {
  const { leadListId, leadListName, name } = parseOrThrow(leadListCaptureSchema, params, 'params');
  return {
    name,
    filters: {},
    size: MAX_CAPTURE_SIZE,
    prepare: async (_client, done) => ({
      lookups: done,
      asked: false,
      total: 0,
      prepared: { query: leadListQuery(leadListId), companyIds: [] },
    }),
    source: () => ({ kind: 'leadList', leadListId, leadListName }),
    done: (contacts, matched) => outcome('leadList.done', { contacts, matched, leadListName }),
  };
}

/** The capture job kinds for the runner: from filters and from a saved lead list. */
export function createCaptureKinds(deps: CaptureJobDeps): JobKind[] {
  return [createKind(CAPTURE_KIND, searchPlan, deps), createKind(LEAD_LIST_KIND, leadListPlan, deps)];
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

function createKind(kind: JobKindName, planOf: (params: unknown) => CapturePlan, deps: CaptureJobDeps): JobKind {
  const { client, random } = deps;
  /**
   * Member URNs already staged, per job, valid for the page the job fetches next; rebuilt from
   * the staged pages after a worker restart, so a long capture does not re-read them each page.
   */
  const seenByJob = new Map<string, { nextPage: number; ids: Set<string> }>();
  return {
    kind,
    async step(job, ctx) {
      const plan = planOf(job.params);
      const phase = job.phase as CapturePhase;
      if (phase === 'commit') {
        seenByJob.delete(job.id);
        return commit(job, plan, ctx, deps.newId);
      }
      if (phase === 'pages') return fetchPage(job, plan, ctx);
      if (phase === 'resolve') return resolve(job, plan, ctx);
      return start(plan);
    },
    onError: (job, error, { clock }) => decideCaptureRetry(job, error, clock(), random),
  };

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
    const state: CaptureState = { query: step.prepared.query, companyIds: step.prepared.companyIds, nextPage: 0, contacts: 0 };
    return { patch: { phase: 'pages', state, attempts: 0 } };
  }

  async function fetchPage(job: JobRecord, plan: CapturePlan, ctx: StepContext): Promise<StepResult> {
    const state = parseOrThrow(stateSchema, job.state, 'state');
    const page = await client.searchLeads(state.query, state.nextPage * LEAD_SEARCH_PAGE_SIZE, LEAD_SEARCH_PAGE_SIZE);

    const cached = seenByJob.get(job.id);
    const seen = cached?.nextPage === state.nextPage ? cached.ids : await stagedMemberIds(ctx, state.nextPage);
    const fresh: SnapshotContact[] = [];
    for (const lead of page.leads) {
      const contact = mapLeadToContact(lead, state.companyIds);
      if (seen.has(contact.baseContactId)) continue;
      seen.add(contact.baseContactId);
      fresh.push(contact);
    }
    const contacts = state.contacts + fresh.length;
    const reachable = Math.min(page.total, MAX_CAPTURE_SIZE);
    const nextPage = state.nextPage + 1;
    seenByJob.set(job.id, { nextPage, ids: seen });
    const finished = contacts >= plan.size || nextPage * LEAD_SEARCH_PAGE_SIZE >= reachable || page.leads.length === 0;
    const planned = Math.max(nextPage, Math.ceil(Math.min(plan.size, reachable) / LEAD_SEARCH_PAGE_SIZE));
    const staged: StagedPage = { contacts: fresh };
    return {
      stage: { page: state.nextPage, data: staged },
      patch: {
        phase: finished ? 'commit' : 'pages',
        state: { ...state, nextPage, contacts, matched: page.total } satisfies CaptureState,
        attempts: 0,
        progress: { done: nextPage, total: finished ? nextPage : planned, contacts: Math.min(contacts, plan.size) },
      },
    };
  }
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

/** Writes the list, its items and base contacts and ends the job, in one transaction. */
async function commit(job: JobRecord, plan: CapturePlan, ctx: StepContext, newId: IdFactory | undefined): Promise<StepResult> {
  const state = parseOrThrow(stateSchema, job.state, 'state');
  const pages = (await ctx.readStaged()).map(({ data }) => parseOrThrow(stagedPageSchema, data, 'stagedPages'));
  const contacts = dedupeContacts(pages.flatMap((page) => page.contacts)).slice(0, plan.size);
  const matched = state.matched ?? 0;
  const store = new LocalContactLists(ctx.db, { clock: ctx.clock, ...(newId ? { newId } : {}) });
  const { db } = ctx;
  await ctx.complete([db.lists, db.items, db.baseContacts], async () => {
    const list = await store.createList({
      name: plan.name,
      filters: plan.filters,
      contacts,
      source: plan.source(state.query),
      matchedCount: matched,
    });
    return { resultListId: list.id, outcome: plan.done(contacts.length, matched) };
  });
  return { done: true };
}

/** The filters the list keeps, without the ones left empty. */
function definedFilters(filters: CaptureRequest['filters']): ContactListFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && !value.length)),
  );
}
