import type { LeaverRecord } from '../db/records';
import type { LinkedInClient } from '../linkedin/client';
import { LEAD_SEARCH_PAGE_SIZE } from '../linkedin/constants';
import { mapLeadToContact } from '../linkedin/map-lead';
import { buildLeadSearchQuery } from '../linkedin/search-query';
import { failure, parseOrThrow } from '../model/errors';
import type { JobKindName } from '../model/job-kinds';
import { outcome } from '../model/outcomes';
import { changeSetSchema } from '../model/snapshot-diff';
import { z } from '../model/zod';
import { decideCaptureRetry } from './capture';
import type { JobKind, StepContext, StepResult } from './runner';

/** Job kind of "Check leavers". */
export const LEAVERS_KIND = 'refresh.leavers' satisfies JobKindName;

/** What a "Check leavers" job is asked: the leavers of this refresh (version) of this list. */
export const leaversParamsSchema = z.object({ listId: z.string().min(1), version: z.int().min(2) });

const stateSchema = z.object({ done: z.int().min(0), found: z.int().min(0), notFound: z.int().min(0) });
type LeaversState = z.infer<typeof stateSchema>;

export interface LeaversJobDeps {
  client: LinkedInClient;
  random: () => number;
}

/** A leaver as the job needs them: who, and the name to search for. */
interface Leaver {
  baseContactId: string;
  name: string | undefined;
}

/**
 * "Check leavers": for each person who left in a refresh, one paced lead search by their name
 * without the list's company filter (a page of the daily budget, like any search page), matched
 * by member id only: the same member found means "now <title> at <company>"; anyone else with
 * that name is nobody's guess, so no match is "not found". Each answer is kept at once, so a
 * cancel or a failure keeps the ones already checked, and a person checked before is skipped.
 */
export function createLeaversKind(deps: LeaversJobDeps): JobKind {
  return {
    kind: LEAVERS_KIND,
    async step(job, ctx): Promise<StepResult> {
      const { listId, version } = parseOrThrow(leaversParamsSchema, job.params, 'params');
      const state: LeaversState =
        job.state === undefined ? { done: 0, found: 0, notFound: 0 } : parseOrThrow(stateSchema, job.state, 'state');
      const leavers = await readLeavers(ctx, listId, version);
      const pending = await unchecked(ctx, listId, version, leavers);
      const total = state.done + pending.length;
      const next = pending[0];
      if (!next) {
        await ctx.complete([ctx.db.leavers], async () => ({
          resultListId: listId,
          outcome: outcome('leavers.done', { checked: state.done, found: state.found, notFound: state.notFound }),
        }));
        return { done: true };
      }
      const record = await check(ctx, listId, version, next);
      await ctx.db.leavers.put(record);
      const after: LeaversState = {
        done: state.done + 1,
        found: state.found + (record.status === 'found' ? 1 : 0),
        notFound: state.notFound + (record.status === 'notFound' ? 1 : 0),
      };
      return {
        patch: {
          phase: 'checking',
          state: after,
          attempts: 0,
          progress: { done: after.done, total, contacts: after.found },
          outcome: outcome('leavers.checking', { done: after.done, total }),
        },
      };
    },
    onError: (job, error, { clock }) => decideCaptureRetry(job, error, clock(), deps.random),
  };

  async function check(ctx: StepContext, listId: string, version: number, leaver: Leaver): Promise<LeaverRecord> {
    const checkedAt = new Date(ctx.clock()).toISOString();
    const miss: LeaverRecord = { listId, baseContactId: leaver.baseContactId, version, status: 'notFound', checkedAt };
    if (!leaver.name) return miss;
    const page = await deps.client.searchLeads(buildLeadSearchQuery({ keywords: leaver.name }), 0, LEAD_SEARCH_PAGE_SIZE);
    // By member id only: a namesake is not the person.
    const same = page.leads.find((lead) => lead.objectUrn === leaver.baseContactId);
    if (!same) return miss;
    const now = mapLeadToContact(same, []);
    return {
      ...miss,
      status: 'found',
      ...(now.role ? { role: now.role } : {}),
      ...(now.companyName ? { companyName: now.companyName } : {}),
    };
  }
}

/** The people who left in `version` of the list, in the order the refresh found them. */
async function readLeavers(ctx: StepContext, listId: string, version: number): Promise<Leaver[]> {
  const record = await ctx.db.versions.get([listId, version]);
  if (!record) throw failure('not_found', 'refresh.listGone', {});
  return changeSetSchema.parse(record.changeSet).left.map((item) => ({
    baseContactId: item.baseContactId,
    name: item.fullName ?? ([item.firstName, item.lastName].filter(Boolean).join(' ') || undefined),
  }));
}

/** The leavers not yet checked for this refresh. */
async function unchecked(ctx: StepContext, listId: string, version: number, leavers: readonly Leaver[]): Promise<Leaver[]> {
  const records = await ctx.db.leavers.bulkGet(leavers.map((leaver): [string, string] => [listId, leaver.baseContactId]));
  return leavers.filter((_leaver, i) => records[i]?.version !== version);
}
