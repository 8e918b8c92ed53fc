import type { ProspectDb } from '../db/database';
import type { CaptureRequest } from '../linkedin/capture-request';
import type { LinkedInClient } from '../linkedin/client';
import type { LeadListSummary } from '../model/lead-lists';
import { ApiError } from '../model/errors';
import type { Clock } from '../model/runtime';
import type { Settings } from '../model/settings';
import { assertNotCoolingDown, nextLocalMidnight, readCaptureStatus } from './budget';
import { CAPTURE_KIND, captureTitle, LEAD_LIST_KIND, type LeadListCapture } from './capture';
import { formatTime } from './capture-policy';
import type { JobRunner } from './runner';

export interface CaptureServiceDeps {
  db: ProspectDb;
  runner: Pick<JobRunner, 'enqueue'>;
  client: Pick<LinkedInClient, 'listLeadLists'>;
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
 * Starts capture jobs after the checks that hold for every capture: no cool-down after
 * LinkedIn refused requests, and some of today's page budget left. Answers with the job id at
 * once; the job's record carries its progress.
 */
export function createCaptureService(deps: CaptureServiceDeps): CaptureService {
  const { db, runner, client, readSettings, clock } = deps;

  async function assertMayCapture(): Promise<void> {
    const now = clock();
    await assertNotCoolingDown(db, now);
    const [settings, status] = await Promise.all([readSettings(), readCaptureStatus(db, now)]);
    if (status.pagesUsedToday >= settings.dailyPageBudget) {
      const midnight = nextLocalMidnight(now);
      throw new ApiError({
        error: 'daily_budget_exhausted',
        message: `Today's LinkedIn page budget (${settings.dailyPageBudget.toLocaleString('en-US')} pages) is used up. Captures can start again after midnight (${formatTime(midnight)}), or raise the budget in Settings.`,
        retryAt: midnight,
      });
    }
  }

  return {
    async start(request) {
      await assertMayCapture();
      const job = await runner.enqueue({ kind: CAPTURE_KIND, title: captureTitle(request.name), params: request });
      return { jobId: job.id };
    },
    async startLeadList(request) {
      await assertMayCapture();
      const job = await runner.enqueue({ kind: LEAD_LIST_KIND, title: captureTitle(request.name), params: request });
      return { jobId: job.id };
    },
    async listLeadLists() {
      // One request, but LinkedIn asked for none at all during a cool-down.
      await assertNotCoolingDown(db, clock());
      return { items: await client.listLeadLists() };
    },
  };
}
