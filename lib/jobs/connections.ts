import { commitRefresh, refreshTables } from '../db/list-history';
import { itemsOf, LocalContactLists, resolveBaseContacts, toContactListItem } from '../db/local-contact-lists';
import type { JobRecord } from '../db/records';
import type { LinkedInClient } from '../linkedin/client';
import type { ConnectionSkipCode } from '../linkedin/connections';
import { CONNECTIONS_MAX_PAGES, CONNECTIONS_PAGE_SIZE } from '../linkedin/constants';
import { dedupeContacts } from '../linkedin/map-lead';
import { failure, parseOrThrow } from '../model/errors';
import type { JobKindName } from '../model/job-kinds';
import { outcome } from '../model/outcomes';
import type { RunReport } from '../model/refresh';
import { randomId, type IdFactory } from '../model/runtime';
import type { Settings } from '../model/settings';
import { snapshotContactSchema, type SnapshotContact } from '../model/snapshot';
import { z } from '../model/zod';
import { decideCaptureRetry } from './capture';
import type { CompleteResult, JobKind, StepContext, StepResult } from './runner';

/** Job kind of "Export connections", and of a refresh of the connections list. */
export const CONNECTIONS_KIND = 'network.connections' satisfies JobKindName;

/** The name of the list the first export makes; later runs refresh that list. */
export const CONNECTIONS_LIST_NAME = 'LinkedIn connections';

/**
 * What an export of connections is asked: a new list, or a refresh of the connections list
 * `listId`; `onlyNew` stops at the first page whose connections the list already holds (fast,
 * but removed connections are not noticed: that takes a full walk).
 */
const connectionsParamsSchema = z.object({
  listId: z.string().min(1).optional(),
  onlyNew: z.boolean().default(false),
});
export type ConnectionsParams = z.input<typeof connectionsParamsSchema>;

const count = z.int().min(0);
const stateSchema = z.object({
  /** 0-based index of the next page. */
  nextPage: count,
  /** Connections staged so far (one page may repeat a person of the page before it). */
  read: count,
  skipped: z.object({ duplicates: count, unnamed: count, invalid: count }),
  /** The walk stopped at a page of people the list already holds. */
  stoppedAtKnown: z.boolean().optional(),
});
type ConnectionsState = z.output<typeof stateSchema>;

const stagedPageSchema = z.object({ contacts: z.array(snapshotContactSchema) });

export interface ConnectionsJobDeps {
  client: Pick<LinkedInClient, 'readConnectionsPage'>;
  /** Today's page budget (for the progress line) and how many refreshes a list keeps. */
  readSettings: () => Promise<Settings>;
  random: () => number;
  newId?: IdFactory;
}

/**
 * "Export connections": the user's 1st-degree connections, newest first, one Voyager page of 40
 * per step through the gate (each a page of the daily budget), staged as it comes; a spent
 * budget makes the job wait for midnight and go on, so a network of 30,000 (750 pages) takes
 * days at the default budget. The walk ends at a short page; the list is written once, at the
 * end: a new list, or, for the connections list, a refresh with its history and diff (new and
 * removed connections).
 */
export function createConnectionsKind(deps: ConnectionsJobDeps): JobKind {
  return {
    kind: CONNECTIONS_KIND,
    async step(job, ctx) {
      const params = parseOrThrow(connectionsParamsSchema, job.params, 'params');
      if (params.listId !== undefined && !(await ctx.db.lists.get(params.listId))) throw failure('not_found', 'refresh.listGone', {});
      if (job.phase === 'commit') return commit(job, params, ctx);
      const state: ConnectionsState =
        job.phase === 'pages'
          ? parseOrThrow(stateSchema, job.state, 'state')
          : { nextPage: 0, read: 0, skipped: { duplicates: 0, unnamed: 0, invalid: 0 } };
      return readPage(state, params, ctx);
    },
    onError: (job, error, { clock }) => decideCaptureRetry(job, error, clock(), deps.random),
  };

  async function readPage(
    state: ConnectionsState,
    params: z.output<typeof connectionsParamsSchema>,
    ctx: StepContext,
  ): Promise<StepResult> {
    const page = await deps.client.readConnectionsPage(state.nextPage * CONNECTIONS_PAGE_SIZE);
    const counted = (codes: readonly ConnectionSkipCode[]) => page.skipped.filter((entry) => codes.includes(entry.code)).length;
    const duplicates = counted(['duplicate']);
    const unnamed = counted(['missing_name']);
    const skipped = {
      duplicates: state.skipped.duplicates + duplicates,
      unnamed: state.skipped.unnamed + unnamed,
      invalid: state.skipped.invalid + page.skipped.length - duplicates - unnamed,
    };
    const stoppedAtKnown = params.onlyNew && params.listId !== undefined && (await allKnown(ctx, params.listId, page.contacts));
    const nextPage = state.nextPage + 1;
    const read = state.read + page.contacts.length;
    const last = page.count < CONNECTIONS_PAGE_SIZE || nextPage >= CONNECTIONS_MAX_PAGES || stoppedAtKnown;
    const { dailyPageBudget } = await deps.readSettings();
    const next: ConnectionsState = { nextPage, read, skipped, ...(stoppedAtKnown ? { stoppedAtKnown } : {}) };
    return {
      stage: { page: state.nextPage, data: { contacts: page.contacts } satisfies z.input<typeof stagedPageSchema> },
      patch: {
        phase: last ? 'commit' : 'pages',
        state: next,
        attempts: 0,
        progress: { done: nextPage, total: last ? nextPage : 0, contacts: read },
        outcome: outcome('connections.reading', { read, perDay: dailyPageBudget * CONNECTIONS_PAGE_SIZE }),
      },
    };
  }

  async function commit(job: JobRecord, params: z.output<typeof connectionsParamsSchema>, ctx: StepContext): Promise<StepResult> {
    const state = parseOrThrow(stateSchema, job.state, 'state');
    const staged = (await ctx.readStaged()).flatMap(({ data }) => parseOrThrow(stagedPageSchema, data, 'stagedPages').contacts);
    const { listId } = params;
    const write = async (): Promise<CompleteResult> => {
      // One person once, by the base contact they are (a page may repeat the last of the page before).
      const fresh = dedupeContacts((await resolveBaseContacts(ctx.db, staged)).contacts);
      const report = runReport(state, fresh.length);
      if (listId === undefined) {
        const store = new LocalContactLists(ctx.db, { clock: ctx.clock, ...(deps.newId ? { newId: deps.newId } : {}) });
        const list = await store.createList({ name: CONNECTIONS_LIST_NAME, contacts: fresh, source: { kind: 'connections' }, report });
        return {
          resultListId: list.id,
          outcome: outcome('connections.done', { contacts: fresh.length, added: fresh.length, removed: 0 }),
          report,
        };
      }
      // A walk that stopped at known people read only the newest: everyone else stays as they were.
      const contacts = state.stoppedAtKnown ? dedupeContacts([...fresh, ...(await currentContacts(ctx, listId))]) : fresh;
      const { historyKeep } = await deps.readSettings();
      const refreshed = await commitRefresh(ctx.db, {
        listId,
        contacts,
        report: { ...report, kept: contacts.length },
        now: ctx.clock(),
        newId: deps.newId ?? randomId,
        keep: historyKeep,
      });
      return {
        resultListId: listId,
        outcome: outcome('connections.done', { contacts: contacts.length, added: refreshed.counts.joined, removed: refreshed.counts.left }),
        report: { ...report, kept: contacts.length },
      };
    };
    await ctx.complete(listId === undefined ? [ctx.db.lists, ctx.db.items, ctx.db.baseContacts] : refreshTables(ctx.db), write);
    return { done: true };
  }
}

/** Whether the list already holds every connection of a (non-empty) page. */
async function allKnown(ctx: StepContext, listId: string, contacts: readonly SnapshotContact[]): Promise<boolean> {
  if (contacts.length === 0) return false;
  const ids = (await resolveBaseContacts(ctx.db, contacts, { merge: false })).contacts.map((contact) => contact.baseContactId);
  const known = new Set(
    (
      await ctx.db.items
        .where('baseContactId')
        .anyOf(ids)
        .filter((item) => item.listId === listId)
        .toArray()
    ).map((item) => item.baseContactId),
  );
  return ids.every((id) => known.has(id));
}

/** The list's items as contacts, in their order. */
async function currentContacts(ctx: StepContext, listId: string): Promise<SnapshotContact[]> {
  return (await itemsOf(ctx.db, listId).toArray()).map((item) => {
    const { id: _id, listId: _list, createdAt: _created, ...contact } = toContactListItem(item);
    return contact;
  });
}

/** What the walk read and kept: a person on two pages (the list moved while it was read) counts as a duplicate. */
function runReport(state: ConnectionsState, kept: number): RunReport {
  const { duplicates, unnamed, invalid } = state.skipped;
  return {
    fetched: state.read + duplicates + unnamed + invalid,
    kept,
    dropped: { duplicates: duplicates + state.read - kept, unnamed, invalid },
  };
}
