import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPendingKeepAlive, KEEP_ALIVE_PERIOD_MS } from '../../../lib/app/keep-alive';
import { SaberClient } from '../../../lib/saber/client';
import { FakeSaber } from '../../fake-saber/fake-saber';
import { fakeSaberFetch } from '../../fake-saber/fetch';

/**
 * The service worker kept alive while a Saber request is pending, on vitest's fake clock: the
 * pings are counted against the clock, never against the time the test takes.
 */

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-22T09:00:00.000Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Pings, each at the fake time it happened (ms since the start). */
function recordPings() {
  const start = Date.now();
  const at: number[] = [];
  const whilePending = createPendingKeepAlive({
    ping: async () => {
      at.push(Date.now() - start);
    },
    timers: globalThis,
  });
  return { at, whilePending };
}

describe('keeping the worker alive while Saber answers', () => {
  it('pings every 20 s through a 90 s create, and stops once it is answered', async () => {
    const { at, whilePending } = recordPings();
    const fake = new FakeSaber({ latencyMs: 90_000 });
    const client = new SaberClient({
      baseUrl: 'https://api.saber.app',
      apiKey: fake.apiKey,
      fetch: fakeSaberFetch(fake),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      clock: () => Date.now(),
      random: () => 0.5,
      timeouts: { create: 120_000 },
      whilePending,
    });

    const created = client.createList(
      { name: 'Slow create', filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['CFO'] } },
      { idempotencyKey: 'idem-slow' },
    );
    await vi.advanceTimersByTimeAsync(89_000);
    expect(at).toEqual([0, 20_000, 40_000, 60_000, 80_000]);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(created).resolves.toMatchObject({ name: 'Slow create' });

    await vi.advanceTimersByTimeAsync(10 * KEEP_ALIVE_PERIOD_MS);
    expect(at).toEqual([0, 20_000, 40_000, 60_000, 80_000]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps one set of pings for requests that overlap, until the last one settles, however it settles', async () => {
    const { at, whilePending } = recordPings();
    const settleAfter = (ms: number, fail = false) =>
      whilePending(() => new Promise<void>((resolve, reject) => setTimeout(() => (fail ? reject(new Error('refused')) : resolve()), ms)));

    const first = settleAfter(30_000);
    await vi.advanceTimersByTimeAsync(10_000);
    const second = settleAfter(50_000, true).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(50_000);
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toMatchObject({ message: 'refused' });
    expect(at).toEqual([0, 20_000, 40_000, 60_000]);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(at).toHaveLength(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a ping that fails does not fail the request it keeps alive', async () => {
    const whilePending = createPendingKeepAlive({ ping: () => Promise.reject(new Error('worker going')), timers: globalThis });
    const answer = whilePending(() => new Promise<string>((resolve) => setTimeout(() => resolve('answered'), 45_000)));
    await vi.advanceTimersByTimeAsync(45_000);
    await expect(answer).resolves.toBe('answered');
  });
});
