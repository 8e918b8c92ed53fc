import { describe, expect, it } from 'vitest';
import { failureNotice, type JobActionFailure } from '../../../components/job-failure';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const REFUSED = { error: 'conflict' as const, message: 'Cancel the job before dismissing it', status: 409 };

function failure(action: JobActionFailure['action'], jobId = 'job-1'): JobActionFailure {
  return { jobId, action, error: REFUSED };
}

const capture = (status: 'queued' | 'running' | 'waiting' | 'done' | 'failed' | 'cancelled', id = 'job-1') => ({
  id,
  status,
  kind: 'capture.search',
  subject: 'Revenue leaders',
});

describe('the jobs area’s alert about a failed Cancel or Dismiss', () => {
  it('names the action and the job, then gives the reason', () => {
    expect(failureNotice(failure('dismiss'), [capture('done')], NOW)).toEqual({
      ...REFUSED,
      message: 'Could not dismiss the job Capturing “Revenue leaders”: Cancel the job before dismissing it',
    });
    expect(failureNotice(failure('cancel'), [{ id: 'job-1', status: 'running', kind: 'saber.pull' }], NOW)?.message).toBe(
      'Could not cancel the job Pulling lists from Saber: Cancel the job before dismissing it',
    );
  });

  it('words a refusal that carries a reason', () => {
    const keyRejected: JobActionFailure = {
      jobId: 'job-1',
      action: 'cancel',
      error: { error: 'unauthorized', message: 'saber.keyRejected', status: 401, reason: { code: 'saber.keyRejected', params: {} } },
    };
    expect(failureNotice(keyRejected, [capture('running')], NOW)?.message).toBe(
      'Could not cancel the job Capturing “Revenue leaders”: Saber rejected the API key.',
    );
  });

  it('goes once its job is no longer listed', () => {
    expect(failureNotice(failure('dismiss'), [capture('done', 'job-2')], NOW)).toBeUndefined();
    expect(failureNotice(failure('cancel'), [], NOW)).toBeUndefined();
  });

  it('about a Cancel, goes once the job has ended, whichever way', () => {
    for (const status of ['done', 'failed', 'cancelled'] as const) {
      expect(failureNotice(failure('cancel'), [capture(status)], NOW)).toBeUndefined();
    }
    for (const status of ['queued', 'running', 'waiting'] as const) {
      expect(failureNotice(failure('cancel'), [capture(status)], NOW)).toBeDefined();
    }
  });

  it('is not there before anything failed', () => {
    expect(failureNotice(undefined, [capture('running')], NOW)).toBeUndefined();
  });
});

describe('the alert about a refused Retry or Save what was captured', () => {
  it('names what was refused, and goes once the job is no longer failed', () => {
    const full: JobActionFailure = {
      jobId: 'job-1',
      action: 'save',
      error: { error: 'storage_full', message: 'storage.full', status: 507, reason: { code: 'storage.full', params: {} } },
    };
    expect(failureNotice(full, [capture('failed')], NOW)?.message).toBe(
      'Could not save what was captured by the job Capturing “Revenue leaders”: There is not enough storage space left to save this. Free some disk space or delete lists you no longer need, then try again.',
    );
    expect(failureNotice(full, [capture('done')], NOW)).toBeUndefined();
    expect(failureNotice(failure('retry'), [capture('failed')], NOW)?.message).toMatch(/^Could not retry the job Capturing/);
    expect(failureNotice(failure('retry'), [capture('queued')], NOW)).toBeUndefined();
  });
});
