import { ACTIVE_JOB_STATUSES, type JobRecord } from '../lib/db/records';
import type { SerializedApiError } from '../lib/model/errors';
import { describeJobTitle } from './job-text';
import { describeError } from './outcome-text';

/** A Cancel, Dismiss, Retry or "Save what was captured" the background refused, and the job it was about. */
export interface JobActionFailure {
  jobId: string;
  action: 'cancel' | 'dismiss' | 'retry' | 'save';
  error: SerializedApiError;
}

const WHAT: Record<JobActionFailure['action'], string> = {
  cancel: 'cancel the job',
  dismiss: 'dismiss the job',
  retry: 'retry the job',
  save: 'save what was captured by the job',
};

/**
 * What the jobs area's alert says about `failure`, naming the job; `undefined` once it no
 * longer says something true: its job is gone, a Cancel's job has ended (cancelling it is moot
 * then), or a Retry's or a save's job is no longer failed. So an alert never outlives the job
 * it is about.
 */
export function failureNotice(
  failure: JobActionFailure | undefined,
  jobs: readonly Pick<JobRecord, 'id' | 'status' | 'kind' | 'subject'>[],
  now: number,
): SerializedApiError | undefined {
  const job = failure && jobs.find((candidate) => candidate.id === failure.jobId);
  if (!failure || !job) return undefined;
  if (failure.action === 'cancel' && !ACTIVE_JOB_STATUSES.includes(job.status)) return undefined;
  if ((failure.action === 'retry' || failure.action === 'save') && job.status !== 'failed') return undefined;
  const { reason: _worded, ...error } = failure.error;
  return { ...error, message: `Could not ${WHAT[failure.action]} ${describeJobTitle(job)}: ${describeError(failure.error, now)}` };
}
