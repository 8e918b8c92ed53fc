import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ProspectDb } from '../../../lib/db/database';
import { createMetaCache } from '../../../lib/jobs/capture-policy';
import { decideRetry, drawPause, holdRequestsUntil, readNextTurn, RETRY_POLICY } from '../../../lib/jobs/capture-policy';
import { startCoolDown } from '../../../lib/jobs/budget';
import { failureForStatus } from '../../../lib/linkedin/failures';
import { ApiError } from '../../../lib/model/errors';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const dbs: ProspectDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});
function openDb(): ProspectDb {
  const db = new ProspectDb(`policy-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
}

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('decideRetry', () => {
  it('waits at least as long as Retry-After asks, a bounded number of times, then cools down', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.option(fc.integer({ min: 0, max: 2 * RETRY_POLICY.rateLimitMaxWaitMs })),
        unit,
        (failed, askedMs, random) => {
          const error = new ApiError({
            error: 'rate_limited',
            message: 'LinkedIn asked us to slow down.',
            ...(askedMs === null ? {} : { retryAt: NOW + askedMs }),
          });
          const verdict = decideRetry(error, failed, NOW, () => random);
          const tooLong = askedMs !== null && askedMs > RETRY_POLICY.rateLimitMaxWaitMs;
          if (failed < RETRY_POLICY.rateLimitRetries && !tooLong) {
            expect('retryAt' in verdict && verdict.retryAt).toBeGreaterThanOrEqual(NOW + (askedMs ?? 0));
            expect('retryAt' in verdict && verdict.retryAt).toBeGreaterThanOrEqual(NOW + RETRY_POLICY.rateLimitBaseMs);
          } else {
            expect(verdict).toMatchObject({ fail: { error: 'rate_limited' } });
            const { coolDownUntil } = verdict as { coolDownUntil: number };
            expect(coolDownUntil).toBeGreaterThanOrEqual(NOW + Math.max(RETRY_POLICY.coolDownMs, askedMs ?? 0));
          }
        },
      ),
    );
  });

  it('retries 5xx, network errors and timeouts with growing jittered waits, then fails', () => {
    fc.assert(
      fc.property(fc.constantFrom('upstream_error', 'network_error', 'timeout'), fc.integer({ min: 0, max: 8 }), unit, (code, failed, random) => {
        const verdict = decideRetry(new ApiError({ error: code, message: 'Failed' }), failed, NOW, () => random);
        if (failed < RETRY_POLICY.transientRetries) {
          const base = RETRY_POLICY.transientBaseMs * 2 ** failed;
          expect('retryAt' in verdict && verdict.retryAt - NOW).toBeGreaterThanOrEqual(base);
          expect('retryAt' in verdict && verdict.retryAt - NOW).toBeLessThanOrEqual(2 * base);
        } else {
          expect(verdict).toEqual({ fail: expect.objectContaining({ error: code }) });
          expect((verdict as { fail: ApiError }).fail.message).toBe(`Failed. Gave up after ${failed + 1} attempts. Nothing was saved.`);
        }
      }),
    );
  });

  it('fails at once on a 4xx LinkedIn would only refuse again', () => {
    const verdict = decideRetry(failureForStatus(400, new Headers(), NOW), 0, NOW, () => 0.5);
    expect(verdict).toEqual({ fail: expect.objectContaining({ error: 'upstream_error', message: 'LinkedIn rejected the request (error 400). Nothing was saved.' }) });
    expect(decideRetry(failureForStatus(503, new Headers(), NOW), 0, NOW, () => 0.5)).toHaveProperty('retryAt');
  });

  it('fails at once on errors that waiting cannot fix', () => {
    for (const code of ['connector_error', 'linkedin_format_changed', 'not_found', 'validation_error', 'internal_error']) {
      const verdict = decideRetry(new ApiError({ error: code, message: 'No' }), 0, NOW, () => 0.5);
      expect(verdict).toEqual({ fail: expect.objectContaining({ error: code, message: 'No. Nothing was saved.' }) });
    }
  });
});

describe('pacing', () => {
  it('draws pauses within the Settings bounds', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 60, noNaN: true }), fc.double({ min: 0, max: 60, noNaN: true }), unit, (min, extra, random) => {
        const pause = drawPause({ pacingMinSeconds: min, pacingMaxSeconds: min + extra }, () => random);
        expect(pause).toBeGreaterThanOrEqual(Math.floor(min * 1000));
        expect(pause).toBeLessThanOrEqual(Math.ceil((min + extra) * 1000));
      }),
    );
  });

  it('holds every job until the later of the pause and a cool-down', async () => {
    const db = openDb();
    expect(await readNextTurn(db, NOW)).toBeUndefined();
    await holdRequestsUntil(db, NOW, NOW + 2000);
    await holdRequestsUntil(db, NOW, NOW + 1000);
    expect(await readNextTurn(db, NOW)).toEqual({ at: NOW + 2000, coolingDown: false });
    expect(await readNextTurn(db, NOW + 2000)).toBeUndefined();
    await startCoolDown(db, NOW, NOW + 60_000);
    expect(await readNextTurn(db, NOW + 2000)).toEqual({ at: NOW + 60_000, coolingDown: true });
  });
});

describe('createMetaCache', () => {
  it('keeps strings in db.meta and ignores anything else stored under the key', async () => {
    const db = openDb();
    const cache = createMetaCache(db, () => NOW);
    expect(await cache.get('linkedin.geo.SK')).toBeUndefined();
    await cache.set('linkedin.geo.SK', '{"id":"103119917","name":"Slovakia"}');
    expect(await cache.get('linkedin.geo.SK')).toBe('{"id":"103119917","name":"Slovakia"}');
    expect(await db.meta.get('linkedin.geo.SK')).toMatchObject({ updatedAt: new Date(NOW).toISOString() });
    await db.meta.put({ key: 'linkedin.geo.LV', value: 42, updatedAt: '' });
    expect(await cache.get('linkedin.geo.LV')).toBeUndefined();
  });
});
