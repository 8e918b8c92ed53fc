import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError, failure } from '../../../lib/model/errors';
import {
  backoffDelay,
  classifyFailure,
  decideRetry,
  LINKEDIN_RETRY,
  MAX_WAIT_MS,
  OUTBOX_RETRY,
  parseRateLimitReset,
  parseRetryAfter,
  SABER_CLIENT_RETRY,
  type RetryPolicy,
} from '../../../lib/model/retry';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('classifyFailure', () => {
  it('sorts every code into one class', () => {
    expect(classifyFailure(new ApiError({ error: 'network_error' }))).toBe('transient');
    expect(classifyFailure(new ApiError({ error: 'timeout' }))).toBe('transient');
    expect(classifyFailure(new ApiError({ error: 'rate_limited' }))).toBe('rateLimited');
    for (const code of ['unauthorized', 'forbidden', 'not_available', 'internal_error'] as const) {
      expect(classifyFailure(new ApiError({ error: code }))).toBe('blocking');
    }
    for (const code of ['validation_error', 'not_found', 'conflict', 'connector_error', 'linkedin_format_changed'] as const) {
      expect(classifyFailure(new ApiError({ error: code }))).toBe('permanent');
    }
  });

  it('an upstream error is passing only with a 5xx or 408 status; an unknown 4xx or a broken answer is a verdict', () => {
    for (const status of [500, 502, 503, 504, 408]) {
      expect(classifyFailure(new ApiError({ error: 'upstream_error', upstreamStatus: status }))).toBe('transient');
    }
    for (const status of [400, 410, 413, 418, 451]) {
      expect(classifyFailure(new ApiError({ error: 'upstream_error', upstreamStatus: status }))).toBe('permanent');
    }
    expect(classifyFailure(failure('upstream_error', 'saber.contract', { what: 'lists' }))).toBe('permanent');
  });

  it('a refusal that started a cool-down blocks', () => {
    expect(classifyFailure(failure('rate_limited', 'linkedin.rateLimited', { coolDown: true }))).toBe('blocking');
    expect(classifyFailure(failure('rate_limited', 'linkedin.rateLimited', { attempt: 1, of: 3 }))).toBe('rateLimited');
  });
});

describe('backoffDelay', () => {
  it('grows by doubling from the base, is capped, and jitters up to its share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        unit,
        fc.constantFrom(LINKEDIN_RETRY, SABER_CLIENT_RETRY, OUTBOX_RETRY),
        (attempt, random, policy) => {
          for (const { backoff } of [policy.transient, policy.rateLimited]) {
            const step = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt);
            const delay = backoffDelay(attempt, backoff, () => random);
            expect(delay).toBeGreaterThanOrEqual(Math.floor(step));
            expect(delay).toBeLessThanOrEqual(Math.ceil(step * (1 + backoff.jitter)));
          }
        },
      ),
    );
  });

  it('is the documented LinkedIn ladder: 2–4 s, 4–8 s, 8–16 s', () => {
    const waits = [0, 1, 2].map((attempt) => [0, 0.999999].map((r) => backoffDelay(attempt, LINKEDIN_RETRY.transient.backoff, () => r)));
    expect(waits).toEqual([
      [2_000, 4_000],
      [4_000, 8_000],
      [8_000, 16_000],
    ]);
  });
});

describe('decideRetry', () => {
  const policy: RetryPolicy = LINKEDIN_RETRY;

  it('retries passing failures a bounded number of times, waiting at least the backoff and what the server asked', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'transient' | 'rateLimited'>('transient', 'rateLimited'),
        fc.integer({ min: 0, max: 8 }),
        fc.option(fc.integer({ min: 0, max: 2 * policy.maxAskedWaitMs })),
        unit,
        (kind, failures, asked, random) => {
          const error =
            kind === 'transient'
              ? new ApiError({ error: 'network_error', ...(asked === null ? {} : { retryAt: NOW + asked }) })
              : new ApiError({ error: 'rate_limited', ...(asked === null ? {} : { retryAt: NOW + asked }) });
          const decision = decideRetry(error, failures, NOW, () => random, policy);
          if (failures >= policy[kind].retries) {
            expect(decision).toEqual({ fail: 'exhausted' });
            return;
          }
          if (asked !== null && asked > policy.maxAskedWaitMs) {
            expect(decision).toEqual({ fail: 'waitTooLong' });
            return;
          }
          expect('retryAt' in decision).toBe(true);
          const retryAt = (decision as { retryAt: number }).retryAt;
          expect(retryAt).toBeGreaterThanOrEqual(NOW + (asked ?? 0));
          expect(retryAt).toBeGreaterThanOrEqual(NOW + backoffDelay(failures, policy[kind].backoff, () => 0));
        },
      ),
    );
  });

  it('never retries what waiting cannot fix', () => {
    for (const code of ['connector_error', 'validation_error', 'not_found', 'unauthorized', 'linkedin_format_changed'] as const) {
      expect(decideRetry(new ApiError({ error: code }), 0, NOW, () => 0.5, policy)).toEqual({ fail: 'notRetryable' });
    }
    expect(decideRetry(new ApiError({ error: 'upstream_error', upstreamStatus: 410 }), 0, NOW, () => 0.5, policy)).toEqual({
      fail: 'notRetryable',
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads whole and decimal seconds and HTTP dates, never earlier than now', () => {
    expect(parseRetryAfter('120', NOW)).toBe(NOW + 120_000);
    expect(parseRetryAfter(' 1.5 ', NOW)).toBe(NOW + 1_500);
    expect(parseRetryAfter(new Date(NOW + 3_000).toUTCString(), NOW)).toBe(NOW + 3_000);
    expect(parseRetryAfter(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(NOW);
  });

  it('caps any ask at a day, so a huge value cannot hold work for centuries', () => {
    expect(parseRetryAfter('99999999999', NOW)).toBe(NOW + MAX_WAIT_MS);
    expect(parseRetryAfter('Fri, 31 Dec 5195 23:59:59 GMT', NOW)).toBe(NOW + MAX_WAIT_MS);
    fc.assert(
      fc.property(fc.string(), (text) => {
        const at = parseRetryAfter(text, NOW);
        if (at !== undefined) {
          expect(at).toBeGreaterThanOrEqual(NOW);
          expect(at).toBeLessThanOrEqual(NOW + MAX_WAIT_MS);
        }
      }),
    );
  });

  it('ignores what is not a number of seconds or a date', () => {
    for (const text of [undefined, null, '', ' ', '-5', 'soon', '1e3', '12abc']) expect(parseRetryAfter(text, NOW)).toBeUndefined();
  });
});

describe('parseRateLimitReset', () => {
  it('reads Unix seconds, or seconds from now when small, bounded to a day', () => {
    expect(parseRateLimitReset(String(NOW / 1000 + 30), NOW)).toBe(NOW + 30_000);
    expect(parseRateLimitReset('30', NOW)).toBe(NOW + 30_000);
    expect(parseRateLimitReset(String(NOW / 1000 - 30), NOW)).toBe(NOW);
    expect(parseRateLimitReset('99999999999', NOW)).toBe(NOW + MAX_WAIT_MS);
    for (const text of [null, '', '0', '-1', 'later']) expect(parseRateLimitReset(text, NOW)).toBeUndefined();
  });
});
