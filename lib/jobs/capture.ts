import type { ProspectDb } from '../db/database';
import { LocalContactLists } from '../db/local-contact-lists';
import { snapshotContactSchema, type SnapshotContact } from '../model/snapshot';
import type { JobRecord } from '../db/records';
import { captureRequestSchema, MAX_CAPTURE_SIZE, type CaptureRequest } from '../linkedin/capture-request';
import type { LinkedInClient } from '../linkedin/client';
import { dedupeContacts, mapLeadToContact } from '../linkedin/map-lead';
import {
  leadListQuery,
  NO_LOOKUPS,
  prepareSearchStep,
  searchLookupsSchema,
  type PrepareStep,
  type SearchLookups,
} from '../linkedin/prepare-search';
import { parseOrThrow } from '../model/errors';
import type { IdFactory } from '../model/runtime';
import { requestSchemas, type ParsedRequestOf } from '../messaging/protocol';
import type { ContactListFilters, ListSource } from '../model/schemas';
import type { Settings } from '../model/settings';
import { z } from '../model/zod';
import { nextLocalMidnight, reservePage, startCoolDown } from './budget';
import { createMetaCache, decideRetry, drawPause, formatTime, holdRequestsUntil, readNextTurn } from './capture-policy';
import type { JobKind, StepContext, StepResult } from './runner';

/** Job kind of a capture from filters (or a replayed Sales Navigator search). */
export const CAPTURE_KIND = 'capture.search';
/** Job kind of a capture of a saved Sales Navigator lead list. */
export const LEAD_LIST_KIND = 'capture.leadList';
/** Leads per search page, as the Sales Navigator web app (and Saber) asks for them. */
export const PAGE_SIZE = 25;

/**
 * Phases of a capture job, in order: `start` (the session check), `resolve` (company and
 * country lookups, at most one request per step), `pages` (one search page per step),
 * `commit` (the list is written).
 */
export type CapturePhase = 'start' | 'resolve' | 'pages' | 'commit';

/** What a lead-list capture job is asked to do: the `capture.startLeadList` message, stored as the job's params. */
const leadListCaptureSchema = requestSchemas['capture.startLeadList'];
export type LeadListCapture = ParsedRequestOf<'capture.startLeadList'>;

export interface CaptureJobDeps {
  db: ProspectDb;
  client: LinkedInClient;
  /** Reads the current Settings (pacing, daily budget) at every step, so edits apply at once. */
  readSettings: () => Promise<Settings>;
  /** Uniform in [0, 1): pacing and backoff jitter. */
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
  doneMessage(contacts: number, matched: number): string;
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

const formatCount = (n: number) => n.toLocaleString('en-US');

function searchPlan(params: unknown): CapturePlan {
  const request: CaptureRequest = parseOrThrow(captureRequestSchema, params, 'params');
  return {
    name: request.name,
    filters: definedFilters(request.filters),
    size: request.size,
    prepare: (client, done, ctx) =>
      prepareSearchStep(client, request, done, { cache: createMetaCache(ctx.db, ctx.clock), now: ctx.clock() }),
    source: (query) =>
      request.salesNavigatorQuery === undefined ? { kind: 'search' } : { kind: 'salesNavigatorQuery', query },
    doneMessage: (contacts, matched) => `${formatCount(contacts)} contacts captured (${formatCount(matched)} matched)`,
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
    doneMessage: (contacts, matched) =>
      contacts < matched
        ? `${formatCount(contacts)} of ${formatCount(matched)} contacts captured from “${leadListName}” (LinkedIn answers at most ${formatCount(MAX_CAPTURE_SIZE)})`
        : `${formatCount(contacts)} contacts captured from “${leadListName}”`,
  };
}

/** The job's title in the panel, e.g. `Capturing "VP Sales at Stripe"`. */
export function captureTitle(name: string): string {
  return `Capturing "${name}"`;
}

/** The capture job kinds for the runner: from filters and from a saved lead list. */
export function createCaptureKinds(deps: CaptureJobDeps): JobKind[] {
  return [createKind(CAPTURE_KIND, searchPlan, deps), createKind(LEAD_LIST_KIND, leadListPlan, deps)];
}

function createKind(kind: string, planOf: (params: unknown) => CapturePlan, deps: CaptureJobDeps): JobKind {
  const { client, readSettings, random } = deps;
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

      const settings = await readSettings();
      const turn = await readNextTurn(ctx.db, ctx.clock());
      if (turn) {
        return {
          notBefore: turn.at,
          patch: turn.coolingDown
            ? { message: `LinkedIn asked us to slow down; continuing at ${formatTime(turn.at)}.` }
            : {},
        };
      }
      if (phase === 'pages') return fetchPage(job, plan, ctx, settings);
      if (phase === 'resolve') return resolve(job, plan, ctx, settings);
      return start(plan, ctx, settings);
    },
    async onError(job, error, { clock }) {
      const now = clock();
      const verdict = decideRetry(error, job.attempts, now, random);
      if ('fail' in verdict) {
        if (verdict.coolDownUntil) await startCoolDown(deps.db, now, verdict.coolDownUntil);
        return { fail: verdict.fail };
      }
      // Every job holds its requests, not only this one: LinkedIn refused the account.
      if (error.error === 'rate_limited') await holdRequestsUntil(deps.db, now, verdict.retryAt);
      return { retryAt: verdict.retryAt, patch: { attempts: job.attempts + 1, message: verdict.message } };
    },
  };

  /**
   * Sends at most one request, then holds every job's next request for a random pause, whether
   * it succeeded or not. `asked` tells, from the result, whether a request went out at all (a
   * lookup answered from the cache sent none); a request that threw always counts.
   */
  async function paced<T>(
    ctx: StepContext,
    settings: Settings,
    request: () => Promise<T>,
    asked: (value: T) => boolean = () => true,
  ): Promise<{ value: T; notBefore?: number }> {
    const pause = drawPause(settings, random);
    const hold = async () => {
      await holdRequestsUntil(ctx.db, ctx.clock(), ctx.clock() + pause);
      return ctx.clock() + pause;
    };
    let value: T;
    try {
      value = await request();
    } catch (error) {
      await hold();
      throw error;
    }
    return asked(value) ? { value, notBefore: await hold() } : { value };
  }

  async function start(plan: CapturePlan, ctx: StepContext, settings: Settings): Promise<StepResult> {
    // A logged-out user or one without a seat fails here, before anything else is sent.
    const { notBefore } = await paced(ctx, settings, () => client.checkSession());
    return {
      patch: {
        phase: 'resolve',
        state: { lookups: NO_LOOKUPS } satisfies z.input<typeof resolveStateSchema>,
        attempts: 0,
        message: undefined,
        progress: { done: 0, total: Math.ceil(plan.size / PAGE_SIZE), contacts: 0 },
      },
      ...(notBefore === undefined ? {} : { notBefore }),
    };
  }

  /** One company or country lookup (those needing no request ride along), then the search. */
  async function resolve(job: JobRecord, plan: CapturePlan, ctx: StepContext, settings: Settings): Promise<StepResult> {
    const { lookups } = parseOrThrow(resolveStateSchema, job.state, 'state');
    const { value: step, notBefore } = await paced(
      ctx,
      settings,
      () => plan.prepare(client, lookups, ctx),
      (result) => result.asked,
    );
    const wait = notBefore === undefined ? {} : { notBefore };
    if (!step.prepared) {
      const looked = step.lookups.companies.length + step.lookups.regions.length;
      return {
        patch: {
          state: { lookups: step.lookups } satisfies z.input<typeof resolveStateSchema>,
          attempts: 0,
          message: `Looking up the companies and countries on LinkedIn (${formatCount(looked)} of ${formatCount(step.total)})`,
        },
        ...wait,
      };
    }
    const state: CaptureState = { query: step.prepared.query, companyIds: step.prepared.companyIds, nextPage: 0, contacts: 0 };
    return { patch: { phase: 'pages', state, attempts: 0, message: undefined }, ...wait };
  }

  async function fetchPage(job: JobRecord, plan: CapturePlan, ctx: StepContext, settings: Settings): Promise<StepResult> {
    const state = parseOrThrow(stateSchema, job.state, 'state');
    const now = ctx.clock();
    if (!(await reservePage(ctx.db, now, settings.dailyPageBudget))) {
      const midnight = nextLocalMidnight(now);
      return {
        notBefore: midnight,
        patch: {
          message: `Today's LinkedIn page budget (${formatCount(settings.dailyPageBudget)} pages) is used up; the capture continues after midnight. Cancel it or raise the budget in Settings.`,
        },
      };
    }
    const { value: page, notBefore } = await paced(ctx, settings, () =>
      client.searchLeads(state.query, state.nextPage * PAGE_SIZE, PAGE_SIZE),
    );

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
    const finished = contacts >= plan.size || nextPage * PAGE_SIZE >= reachable || page.leads.length === 0;
    const planned = Math.max(nextPage, Math.ceil(Math.min(plan.size, reachable) / PAGE_SIZE));
    const staged: StagedPage = { contacts: fresh };
    return {
      stage: { page: state.nextPage, data: staged },
      patch: {
        phase: finished ? 'commit' : 'pages',
        state: { ...state, nextPage, contacts, matched: page.total } satisfies CaptureState,
        attempts: 0,
        message: undefined,
        progress: { done: nextPage, total: finished ? nextPage : planned, contacts: Math.min(contacts, plan.size) },
      },
      ...(finished ? {} : { notBefore }),
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
    return { resultListId: list.id, message: plan.doneMessage(contacts.length, matched) };
  });
  return { done: true };
}

/** The filters the list keeps, without the ones left empty. */
function definedFilters(filters: CaptureRequest['filters']): ContactListFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && !value.length)),
  ) as ContactListFilters;
}

