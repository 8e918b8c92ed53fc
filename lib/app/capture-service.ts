import { CAPTURE_KIND, LEAD_LIST_KIND } from '../jobs/capture';
import type { JobRunner } from '../jobs/runner';
import type { LinkedInClient } from '../linkedin/client';
import type { LinkedInGate } from '../linkedin/gate';
import { assertSearchFits } from '../linkedin/prepare-search';
import { RestliSyntaxError } from '../linkedin/restli';
import { parseLeadSearchQuery } from '../linkedin/search-query';
import type { CaptureRequest, LeadListCapture } from '../model/capture-request';
import { ApiError, NotYet, notYetAsError } from '../model/errors';
import type { LeadListSummary } from '../model/lead-lists';
import type { Clock } from '../model/runtime';
import type { Settings } from '../model/settings';
import { assertMayUseLinkedIn } from './linkedin-checks';

export interface CaptureServiceDeps {
  runner: Pick<JobRunner, 'enqueue'>;
  client: Pick<LinkedInClient, 'listLeadLists'>;
  gate: Pick<LinkedInGate, 'status'>;
  readSettings: () => Promise<Settings>;
  clock: Clock;
}

/** What the background answers for `capture.start`, `capture.startLeadList` and `leadLists.list`. */
export interface CaptureService {
  start(request: CaptureRequest): Promise<{ jobId: string }>;
  startLeadList(request: LeadListCapture): Promise<{ jobId: string }>;
  listLeadLists(): Promise<{ items: LeadListSummary[] }>;
}

/**
 * Starts capture jobs after the checks that hold for every capture: a search short enough to
 * send, no cool-down after LinkedIn refused requests, and some of today's page budget left. Answers with the job id at
 * once; the job's record carries its progress.
 */
export function createCaptureService(deps: CaptureServiceDeps): CaptureService {
  const { runner, client, gate, readSettings, clock } = deps;

  const assertMayCapture = () => assertMayUseLinkedIn(gate, readSettings, clock);

  return {
    async start(request) {
      if (request.salesNavigatorQuery !== undefined) assertReplayable(request.salesNavigatorQuery);
      assertSearchFits(request);
      await assertMayCapture();
      const job = await runner.enqueue({ kind: CAPTURE_KIND, subject: request.name, params: request });
      return { jobId: job.id };
    },
    async startLeadList(request) {
      await assertMayCapture();
      const job = await runner.enqueue({ kind: LEAD_LIST_KIND, subject: request.name, params: request });
      return { jobId: job.id };
    },
    async listLeadLists() {
      try {
        return { items: await client.listLeadLists() };
      } catch (thrown) {
        // The gate said not now (a cool-down, or another request holds the line for long).
        if (thrown instanceof NotYet) throw notYetAsError(thrown);
        throw thrown;
      }
    },
  };
}

/** The replayed search must be a lead-search query LinkedIn's grammar reads, naming the field if not. */
function assertReplayable(query: string): void {
  try {
    parseLeadSearchQuery(query);
  } catch (error) {
    if (!(error instanceof RestliSyntaxError)) throw error;
    const message = 'Must be the search of a Sales Navigator page; open the search again and use it from there';
    throw new ApiError({
      error: 'validation_error',
      message: `salesNavigatorQuery: ${message}`,
      details: [{ field: 'salesNavigatorQuery', message }],
    });
  }
}
