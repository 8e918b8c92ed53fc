import { describe, expect, it } from 'vitest';
import {
  failureForStatus,
  formatChanged,
  isTransientFailure,
  linkedInStatusOf,
  networkFailure,
  parseRetryAfter,
  timedOut,
} from '../../../lib/linkedin/failures';

const NOW = Date.parse('2026-11-22T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', NOW + 120_000],
    [' 0 ', NOW],
    ['Sun, 22 Nov 2026 10:05:00 GMT', Date.parse('2026-11-22T10:05:00Z')],
    // A date already past means "now", never a time before it.
    ['Sun, 22 Nov 2026 09:00:00 GMT', NOW],
    ['-5', undefined],
    ['soon', undefined],
    ['Sun, 99 Foo', undefined],
    ['2026-11-22T10:05:00Z', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('failureForStatus', () => {
  it.each([
    [0, 'connector_error', 424],
    [301, 'connector_error', 424],
    [303, 'connector_error', 424],
    [401, 'connector_error', 424],
    [403, 'connector_error', 424],
    [429, 'rate_limited', 429],
    [999, 'rate_limited', 429],
    [500, 'upstream_error', 502],
    [502, 'upstream_error', 502],
    [404, 'upstream_error', 502],
    [418, 'upstream_error', 502],
  ])('%i → %s (%i)', (status, error, httpStatus) => {
    expect(failureForStatus(status, new Headers(), NOW)).toMatchObject({ error, status: httpStatus });
  });

  it.each([
    [500, true],
    [503, true],
    [408, true],
    [400, false],
    [404, false],
    [410, false],
  ])('records LinkedIn\'s %i on the upstream_error; transient: %s', (status, transient) => {
    const error = failureForStatus(status, new Headers(), NOW);
    expect(linkedInStatusOf(error)).toBe(status);
    expect(isTransientFailure(error)).toBe(transient);
  });

  it('reads network failures and timeouts as transient, refusals of the session or format as not', () => {
    expect(isTransientFailure(networkFailure())).toBe(true);
    expect(isTransientFailure(timedOut(15_000))).toBe(true);
    expect(isTransientFailure(failureForStatus(401, new Headers(), NOW))).toBe(false);
    expect(isTransientFailure(failureForStatus(429, new Headers(), NOW))).toBe(false);
    expect(isTransientFailure(formatChanged('salesApiLeadSearch'))).toBe(false);
  });

  it('takes retryAt only from a rate limit', () => {
    const headers = new Headers({ 'Retry-After': '30' });
    expect(failureForStatus(429, headers, NOW).retryAt).toBe(NOW + 30_000);
    expect(failureForStatus(503, headers, NOW).retryAt).toBeUndefined();
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
    expect(error).toMatchObject({ error: 'linkedin_format_changed', status: 502 });
    expect(error.details).toHaveLength(6);
    expect(error.details?.[1]).toEqual({ field: 'salesApiLeadSearch.elements[0].objectUrn', message: 'Required' });
  });
});
