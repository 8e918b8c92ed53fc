import { describe, expect, it } from 'vitest';
import { failureForStatus, formatChanged, networkFailure, timedOut } from '../../../lib/linkedin/failures';
import { classifyFailure, MAX_WAIT_MS } from '../../../lib/model/retry';

const NOW = Date.parse('2026-11-22T10:00:00Z');

describe('failureForStatus', () => {
  it.each([
    [0, 'connector_error', 424, 'linkedin.redirected'],
    [301, 'connector_error', 424, 'linkedin.redirected'],
    [303, 'connector_error', 424, 'linkedin.redirected'],
    [401, 'connector_error', 424, 'linkedin.sessionExpired'],
    [403, 'connector_error', 424, 'linkedin.refused'],
    [429, 'rate_limited', 429, 'linkedin.rateLimited'],
    [999, 'rate_limited', 429, 'linkedin.botDetected'],
    [500, 'upstream_error', 502, 'linkedin.serverError'],
    [502, 'upstream_error', 502, 'linkedin.serverError'],
    [404, 'upstream_error', 502, 'linkedin.rejected'],
    [418, 'upstream_error', 502, 'linkedin.rejected'],
  ])('%i → %s (%i), %s', (status, error, httpStatus, reason) => {
    expect(failureForStatus(status, new Headers(), NOW)).toMatchObject({
      error,
      status: httpStatus,
      reason: { code: reason },
      upstreamStatus: status,
    });
  });

  it.each([
    [500, 'transient'],
    [503, 'transient'],
    [408, 'transient'],
    [400, 'permanent'],
    [404, 'permanent'],
    [410, 'permanent'],
  ])("keeps LinkedIn's %i on the error, so the retry policy reads it as %s", (status, kind) => {
    expect(classifyFailure(failureForStatus(status, new Headers(), NOW))).toBe(kind);
  });

  it('reads network failures and timeouts as transient, refusals of the session or format as not', () => {
    expect(classifyFailure(networkFailure())).toBe('transient');
    expect(classifyFailure(timedOut(15_000))).toBe('transient');
    expect(classifyFailure(failureForStatus(401, new Headers(), NOW))).toBe('permanent');
    expect(classifyFailure(failureForStatus(429, new Headers(), NOW))).toBe('rateLimited');
    expect(classifyFailure(formatChanged('salesApiLeadSearch'))).toBe('permanent');
  });

  it('takes retryAt only from a rate limit, bounded to a day', () => {
    expect(failureForStatus(429, new Headers({ 'Retry-After': '30' }), NOW).retryAt).toBe(NOW + 30_000);
    expect(failureForStatus(429, new Headers({ 'Retry-After': '99999999999' }), NOW).retryAt).toBe(NOW + MAX_WAIT_MS);
    expect(failureForStatus(503, new Headers({ 'Retry-After': '30' }), NOW).retryAt).toBeUndefined();
  });
});

describe('formatChanged', () => {
  it('names the endpoint and at most five fields', () => {
    const issues = Array.from({ length: 8 }, (_, i) => ({
      code: 'custom' as const,
      path: ['elements', i, 'objectUrn'],
      message: 'Required',
      input: undefined,
    }));
    const error = formatChanged('salesApiLeadSearch', issues);
    expect(error).toMatchObject({
      error: 'linkedin_format_changed',
      status: 502,
      reason: { code: 'linkedin.formatChanged', params: { endpoint: 'salesApiLeadSearch' } },
    });
    expect(error.details).toHaveLength(6);
    expect(error.details?.[1]).toEqual({ field: 'salesApiLeadSearch.elements[0].objectUrn', message: 'Required' });
  });
});
