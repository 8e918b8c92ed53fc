import { describe, expect, it } from 'vitest';
import { failureNotice, type JobActionFailure } from '../../../components/job-failure';

const REFUSED = { error: 'conflict', message: 'Cancel the job before dismissing it', status: 409 };

function failure(action: JobActionFailure['action'], jobId = 'job-1'): JobActionFailure {
  return { jobId, action, error: REFUSED };
}

describe('the jobs area’s alert about a failed Cancel or Dismiss', () => {
  it('names the action and the job, then gives the reason', () => {
    expect(failureNotice(failure('dismiss'), [{ id: 'job-1', status: 'done', title: 'Capturing “Revenue leaders”' }])).toEqual({
      ...REFUSED,
      message: 'Could not dismiss the job Capturing “Revenue leaders”: Cancel the job before dismissing it',
    });
    expect(failureNotice(failure('cancel'), [{ id: 'job-1', status: 'running', title: 'Revenue leaders' }])?.message).toBe(
      'Could not cancel the job Revenue leaders: Cancel the job before dismissing it',
    );
  });

  it('goes once its job is no longer listed', () => {
    expect(failureNotice(failure('dismiss'), [{ id: 'job-2', status: 'done', title: 'Other' }])).toBeUndefined();
    expect(failureNotice(failure('cancel'), [])).toBeUndefined();
  });

  it('about a Cancel, goes once the job has ended, whichever way', () => {
    for (const status of ['done', 'failed', 'cancelled'] as const) {
      expect(failureNotice(failure('cancel'), [{ id: 'job-1', status, title: 'Revenue leaders' }])).toBeUndefined();
    }
    for (const status of ['queued', 'running', 'waiting'] as const) {
      expect(failureNotice(failure('cancel'), [{ id: 'job-1', status, title: 'Revenue leaders' }])).toBeDefined();
    }
  });

  it('is not there before anything failed', () => {
    expect(failureNotice(undefined, [{ id: 'job-1', status: 'running', title: 'Revenue leaders' }])).toBeUndefined();
  });
});
