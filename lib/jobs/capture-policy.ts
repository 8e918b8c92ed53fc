import type { ProspectDb } from '../db/database';
import type { LookupCache } from '../linkedin/client';
import { isTransientFailure } from '../linkedin/failures';
import { ApiError } from '../model/errors';
import type { Clock } from '../model/runtime';
import type { Settings } from '../model/settings';
import { readCaptureStatus } from './budget';

/** `db.meta` key: epoch ms before which no job may send LinkedIn its next request. */
export const NEXT_REQUEST_KEY = 'linkedin.nextRequestAt';

/** How capture jobs treat LinkedIn's refusals. Waits past a few seconds become alarms. */
export const RETRY_POLICY = {
  /** Retries after a 429 or 999 before the job fails and every capture cools down. */
  rateLimitRetries: 3,
  /** First wait after a 429/999, doubled on each further refusal (Retry-After wins if longer). */
  rateLimitBaseMs: 30_000,
  /** A Retry-After longer than this is not waited out inside a job: it fails and cools down. */
  rateLimitMaxWaitMs: 15 * 60_000,
  /** How long new captures are held after LinkedIn kept refusing. */
  coolDownMs: 60 * 60_000,
  /** Retries after a 5xx, a network failure or a timeout. */
  transientRetries: 3,
  /** First wait after a transient failure, doubled on each retry, with jitter. */
  transientBaseMs: 2_000,
} as const;

/** A clock time the panel can show, e.g. "14:05". */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** A pause between two LinkedIn requests in ms, uniform in the user's [min, max] seconds. */
export function drawPause(settings: Pick<Settings, 'pacingMinSeconds' | 'pacingMaxSeconds'>, random: () => number): number {
  const { pacingMinSeconds: min, pacingMaxSeconds: max } = settings;
  return Math.round((min + (max - min) * random()) * 1000);
}

/**
 * When the next LinkedIn request may go out, if not now: after the pause the previous
 * request (of any job) drew, and after any cool-down. `coolingDown` says which holds it.
 */
export async function readNextTurn(db: ProspectDb, now: number): Promise<{ at: number; coolingDown: boolean } | undefined> {
  const [status, pace] = await Promise.all([readCaptureStatus(db, now), db.meta.get(NEXT_REQUEST_KEY)]);
  if (status.coolDownUntil) return { at: status.coolDownUntil, coolingDown: true };
  const at = typeof pace?.value === 'number' ? pace.value : 0;
  return at > now ? { at, coolingDown: false } : undefined;
}

/** Holds every job's next LinkedIn request until `until`; never shortens an earlier hold. */
export async function holdRequestsUntil(db: ProspectDb, now: number, until: number): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const current = (await db.meta.get(NEXT_REQUEST_KEY))?.value;
    const at = typeof current === 'number' && current > now ? Math.max(current, until) : until;
    await db.meta.put({ key: NEXT_REQUEST_KEY, value: at, updatedAt: new Date(now).toISOString() });
  });
}

/** What a capture job does about a failed LinkedIn request. */
export type RetryVerdict =
  | { retryAt: number; message: string }
  | { fail: ApiError; coolDownUntil?: number };

/**
 * The retry policy, as a pure function of the error and how many attempts in a row already
 * failed: 429/999 wait (at least Retry-After) a bounded number of times, then fail and cool
 * down; 5xx, network errors and timeouts retry with jittered backoff, then fail; anything
 * else (logged out, no seat, unknown company, a changed format, another 4xx) fails at once.
 */
export function decideRetry(error: ApiError, failedAttempts: number, now: number, random: () => number): RetryVerdict {
  const attempt = failedAttempts + 1;
  if (error.error === 'rate_limited') {
    const askedWait = error.retryAt === undefined ? 0 : error.retryAt - now;
    if (attempt > RETRY_POLICY.rateLimitRetries || askedWait > RETRY_POLICY.rateLimitMaxWaitMs) {
      const coolDownUntil = Math.max(now + RETRY_POLICY.coolDownMs, error.retryAt ?? 0);
      return {
        coolDownUntil,
        fail: new ApiError({
          error: 'rate_limited',
          message: `LinkedIn kept refusing requests (rate limit). Nothing was saved; new captures are held until ${formatTime(coolDownUntil)}.`,
          retryAt: coolDownUntil,
        }),
      };
    }
    const backoff = RETRY_POLICY.rateLimitBaseMs * 2 ** (attempt - 1) * (1 + random() / 2);
    const retryAt = now + Math.round(Math.max(askedWait, backoff));
    return {
      retryAt,
      message: `LinkedIn asked us to slow down; trying again at ${formatTime(retryAt)} (retry ${attempt} of ${RETRY_POLICY.rateLimitRetries}).`,
    };
  }
  const transient = isTransientFailure(error);
  if (transient && attempt <= RETRY_POLICY.transientRetries) {
    const base = RETRY_POLICY.transientBaseMs * 2 ** (attempt - 1);
    const retryAt = now + Math.round(base * (1 + random()));
    return {
      retryAt,
      message: `${asSentence(error.message)} Trying again in ${Math.ceil((retryAt - now) / 1000)} s (retry ${attempt} of ${RETRY_POLICY.transientRetries}).`,
    };
  }
  const gaveUp = transient ? ` Gave up after ${attempt} attempts.` : '';
  return { fail: withSuffix(error, `${gaveUp} Nothing was saved.`) };
}

function withSuffix(error: ApiError, suffix: string): ApiError {
  return new ApiError({
    error: error.error,
    message: `${asSentence(error.message)}${suffix}`,
    status: error.status,
    ...(error.details ? { details: error.details } : {}),
    ...(error.retryAt === undefined ? {} : { retryAt: error.retryAt }),
  });
}

/** Ends a message with a full stop so more sentences can follow it. */
function asSentence(message: string): string {
  const trimmed = message.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * A string cache over `db.meta`, for LinkedIn lookups (country geo ids, company ids). Keys are
 * stored as given; `lib/linkedin` namespaces them (`linkedin.geo.<CC>`, `linkedin.company.<slug>`).
 */
export function createMetaCache(db: ProspectDb, clock: Clock): LookupCache {
  return {
    async get(key: string): Promise<string | undefined> {
      const value = (await db.meta.get(key))?.value;
      return typeof value === 'string' ? value : undefined;
    },
    async set(key: string, value: string): Promise<void> {
      await db.meta.put({ key, value, updatedAt: new Date(clock()).toISOString() });
    },
  };
}
