import type { ApiError } from './errors';

/**
 * The one retry policy of the extension: how a failure is classified, how long to wait before
 * trying again, and how servers' own "come back later" headers are read. LinkedIn's client,
 * Saber's client, the jobs and the outbox all decide with these functions; only the numbers
 * (a {@link RetryPolicy} each) differ, because a LinkedIn account and a Saber key can afford
 * different things.
 */

/** The longest any wait asked for by a server is honoured: a day. A longer ask is capped to it. */
export const MAX_WAIT_MS = 24 * 60 * 60_000;

/**
 * - `transient`: a network failure, a timeout, a 5xx or a 408: the same request may work later.
 * - `rateLimited`: the server asked us to slow down (429, LinkedIn's 999).
 * - `blocking`: nothing can work until the user acts (a rejected key, a missing permission,
 *   a LinkedIn cool-down, a wrong address, a full disk).
 * - `permanent`: this request will be refused however often it is sent (a 4xx verdict, an
 *   answer that breaks the contract, bad input).
 */
export type FailureClass = 'transient' | 'rateLimited' | 'blocking' | 'permanent';

/** Which class a failure belongs to. */
export function classifyFailure(error: Pick<ApiError, 'error' | 'upstreamStatus' | 'reason'>): FailureClass {
  switch (error.error) {
    case 'network_error':
    case 'timeout':
      return 'transient';
    case 'upstream_error': {
      // Only an HTTP status says a server had a passing problem; an answer that broke the
      // contract (no status) would break it again.
      const status = error.upstreamStatus;
      return status !== undefined && (status >= 500 || status === 408) ? 'transient' : 'permanent';
    }
    case 'rate_limited':
      // A refusal that started a cool-down ends the work; the cool-down itself says when to return.
      return error.reason?.params && 'coolDown' in error.reason.params && error.reason.params.coolDown === true
        ? 'blocking'
        : 'rateLimited';
    case 'unauthorized':
    case 'forbidden':
    case 'not_available':
    case 'internal_error':
    case 'storage_full':
      return 'blocking';
    case 'connector_error':
    case 'daily_budget_exhausted':
    case 'validation_error':
    case 'not_found':
    case 'conflict':
    case 'cancelled':
    case 'linkedin_format_changed':
      return 'permanent';
  }
}

/** Exponential backoff: `baseMs · 2^attempt`, capped at `maxMs`, then stretched by up to `jitter` of itself. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
  /** 0.5 → between 100 % and 150 % of the step; 1 → between 100 % and 200 %. */
  jitter: number;
}

/** The wait before retry number `attempt + 1` (`attempt` counts the failures so far, from 0). */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number): number {
  const step = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(step * (1 + backoff.jitter * random()));
}

/** How many times each class is retried and how the waits grow; `permanent` and `blocking` never are. */
export interface RetryPolicy {
  transient: { retries: number; backoff: Backoff };
  rateLimited: { retries: number; backoff: Backoff };
  /** A server asking for a longer wait than this is not waited for: the work fails (or, for a job, cools down). */
  maxAskedWaitMs: number;
}

/** What to do about a failure. */
export type RetryDecision = { retryAt: number } | { fail: 'exhausted' | 'notRetryable' | 'waitTooLong' };

/**
 * Whether and when to try again after `failures` failures in a row of the same work, the
 * latest being `error`: at the later of the backoff and the time the server asked for.
 */
export function decideRetry(
  error: Pick<ApiError, 'error' | 'upstreamStatus' | 'reason' | 'retryAt'>,
  failures: number,
  now: number,
  random: () => number,
  policy: RetryPolicy,
): RetryDecision {
  const kind = classifyFailure(error);
  if (kind !== 'transient' && kind !== 'rateLimited') return { fail: 'notRetryable' };
  const rule = policy[kind];
  if (failures >= rule.retries) return { fail: 'exhausted' };
  const asked = error.retryAt === undefined ? 0 : error.retryAt - now;
  if (asked > policy.maxAskedWaitMs) return { fail: 'waitTooLong' };
  return { retryAt: now + Math.max(asked, backoffDelay(failures, rule.backoff, random)) };
}

/**
 * `Retry-After` as epoch ms: seconds (whole or decimal) after `now`, or an HTTP date;
 * `undefined` when absent or unreadable. Never earlier than `now`, never later than
 * `now + maxMs` (a huge value once set a cool-down until the year 5195).
 */
export function parseRetryAfter(value: string | null | undefined, now: number, maxMs = MAX_WAIT_MS): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return now + Math.min(maxMs, Math.ceil(Number(text) * 1000));
  // Every HTTP-date form starts with the day's name; `Date.parse` would read "-5" as a year.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.min(now + maxMs, Math.max(date, now));
}

/**
 * `X-Ratelimit-Reset` as epoch ms: Unix seconds as documented (a small number can only be
 * seconds from now), bounded like {@link parseRetryAfter}; `undefined` when unreadable.
 */
export function parseRateLimitReset(value: string | null | undefined, now: number, maxMs = MAX_WAIT_MS): number | undefined {
  const text = value?.trim();
  if (!text || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  const seconds = Number(text);
  if (seconds <= 0) return undefined;
  const at = seconds > 1e9 ? seconds * 1000 : now + seconds * 1000;
  return Math.min(now + maxMs, Math.max(now, Math.ceil(at)));
}

/**
 * LinkedIn, as jobs see it. Transient failures retry 3 times after 2–4 s, 4–8 s and 8–16 s.
 * Refusals are counted by the gate across all jobs (`lib/linkedin/gate.ts`): a 999 (bot
 * detection) is never retried, it starts a cool-down at once; 429s are waited out 3 times (30,
 * 60, 120 s, each plus up to half again, or longer when LinkedIn asks) and the 4th within
 * {@link LINKEDIN_REFUSAL_WINDOW_MS} of each other, or an ask for more than 15 minutes, starts
 * a cool-down.
 */
export const LINKEDIN_RETRY: RetryPolicy = {
  transient: { retries: 3, backoff: { baseMs: 2_000, maxMs: 8_000, jitter: 1 } },
  rateLimited: { retries: 3, backoff: { baseMs: 30_000, maxMs: 120_000, jitter: 0.5 } },
  maxAskedWaitMs: 15 * 60_000,
};

/**
 * How long LinkedIn work is held by each cool-down of a run of them: the first 1 h, the next
 * 6 h, every one after 24 h ({@link MAX_WAIT_MS}); LinkedIn's own ask, when longer, is honoured
 * up to 24 h, and the run then goes on from the step at least that long, so a cool-down never
 * shrinks while refusals continue.
 */
export const LINKEDIN_COOL_DOWNS_MS: readonly number[] = [60 * 60_000, 6 * 60 * 60_000, MAX_WAIT_MS];

/**
 * Refusals count together while each comes within this long of the one before, answered
 * requests between them or not: LinkedIn answering every other request is still refusing.
 */
export const LINKEDIN_REFUSAL_WINDOW_MS = 60 * 60_000;

/**
 * A run of cool-downs ends after this long without a refusal, counted from the later of the
 * last refusal and the end of the last cool-down: the next cool-down is the first step again.
 */
export const LINKEDIN_QUIET_RESET_MS = 24 * 60 * 60_000;

/**
 * Saber's client retries in memory, briefly (about 7 s at most, well inside the service
 * worker's 30 s idle limit); a longer wait fails with `retryAt` so the job or the outbox
 * comes back on an alarm.
 */
export const SABER_CLIENT_RETRY: RetryPolicy = {
  transient: { retries: 3, backoff: { baseMs: 250, maxMs: 2_000, jitter: 1 } },
  rateLimited: { retries: 3, backoff: { baseMs: 250, maxMs: 2_000, jitter: 1 } },
  maxAskedWaitMs: 5_000,
};

/** A pull's step that failed after the client's own retries: 4 more tries, 5–10 s apart and doubling. */
export const SABER_PULL_RETRY: RetryPolicy = {
  transient: { retries: 4, backoff: { baseMs: 5_000, maxMs: 40_000, jitter: 1 } },
  rateLimited: { retries: 4, backoff: { baseMs: 5_000, maxMs: 40_000, jitter: 1 } },
  maxAskedWaitMs: MAX_WAIT_MS,
};

/** A queued change waits 2.5–5 s after its first failure, doubling up to 15–30 minutes. */
export const OUTBOX_RETRY: RetryPolicy = {
  transient: { retries: Number.POSITIVE_INFINITY, backoff: { baseMs: 2_500, maxMs: 15 * 60_000, jitter: 1 } },
  rateLimited: { retries: Number.POSITIVE_INFINITY, backoff: { baseMs: 2_500, maxMs: 15 * 60_000, jitter: 1 } },
  maxAskedWaitMs: MAX_WAIT_MS,
};
