import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { failureForStatus } from '../../../lib/linkedin/failures';
import { createLinkedInGate, type GateLimits } from '../../../lib/linkedin/gate';
import { localDay, nextLocalMidnight } from '../../../lib/model/dates';
import { ApiError, NotYet } from '../../../lib/model/errors';
import { INITIAL_GATE_STATE, type GateState, type GateStore } from '../../../lib/model/linkedin-gate';
import {
  LINKEDIN_COOL_DOWNS_MS,
  LINKEDIN_QUIET_RESET_MS,
  LINKEDIN_REFUSAL_WINDOW_MS,
  LINKEDIN_RETRY,
  MAX_WAIT_MS,
} from '../../../lib/model/retry';

const START = new Date(2026, 10, 22, 10, 0, 0).getTime();
const LIMITS: GateLimits = { pacingMinSeconds: 1, pacingMaxSeconds: 2.5, dailyPageBudget: 100 };

/** An in-memory store: what `lib/db/gate-store.ts` keeps in IndexedDB. */
function memoryStore(initial: GateState = INITIAL_GATE_STATE): GateStore & { state: GateState } {
  const store = {
    state: initial,
    async read() {
      return store.state;
    },
    async update<T>(change: (state: GateState) => { next: GateState; result: T }) {
      const { next, result } = change(store.state);
      store.state = next;
      return result;
    },
  };
  return store;
}

function setup(options: { limits?: Partial<GateLimits>; state?: Partial<GateState>; random?: number } = {}) {
  let now = START;
  const sleeps: number[] = [];
  const store = memoryStore({ ...INITIAL_GATE_STATE, ...options.state });
  const gate = createLinkedInGate({
    store,
    readLimits: async () => ({ ...LIMITS, ...options.limits }),
    clock: () => now,
    random: () => options.random ?? 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  });
  return { gate, store, sleeps, clock: () => now, advance: (ms: number) => (now += ms) };
}

const HOUR = 60 * 60_000;
const ok = () => Promise.resolve('answered');
const refused =
  (status = 429) =>
  () =>
    Promise.reject(failureForStatus(status, new Headers(), START));

async function notYet(promise: Promise<unknown>): Promise<NotYet> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(NotYet);
  return thrown as NotYet;
}

describe('the LinkedIn gate', () => {
  it('sends one request at a time, whoever asks, and paces them by the Settings pause', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 2, maxLength: 12 }), unitArb(), async (tickets, random) => {
        const { gate, clock } = setup({ random });
        let inFlight = 0;
        const sentAt: number[] = [];
        await Promise.all(
          tickets.map((budgeted) =>
            gate.send({ budgeted }, async () => {
              inFlight += 1;
              expect(inFlight).toBe(1);
              sentAt.push(clock());
              await Promise.resolve();
              inFlight -= 1;
            }),
          ),
        );
        const pause = Math.round((1 + 1.5 * random) * 1000);
        for (let i = 1; i < sentAt.length; i += 1) expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(pause);
      }),
    );
  });

  it('writes the pacing hold before the request goes out, so a worker stopped mid-request leaves it behind', async () => {
    const { gate, store, clock } = setup();
    let holdDuringRequest = 0;
    await gate.send({ budgeted: false }, async () => {
      holdDuringRequest = store.state.nextRequestAt;
    });
    expect(holdDuringRequest).toBe(clock() + 1_750);
  });

  it('a new worker after one stopped mid-request still waits the pause that request set', async () => {
    const { store, clock, advance } = setup();
    const gateOf = () =>
      createLinkedInGate({ store, readLimits: async () => LIMITS, clock, random: () => 0.5, sleep: async (ms) => void advance(ms) });
    const hungAt = clock();
    void gateOf().send({ budgeted: true }, () => new Promise<never>(() => undefined));
    await vi.waitFor(() => expect(store.state.pagesUsed).toBe(1));
    let sentAt: number | undefined;
    await gateOf().send({ budgeted: true }, async () => void (sentAt = clock()));
    expect(sentAt! - hungAt).toBe(1_750);
    expect(store.state.pagesUsed).toBe(2);
  });

  it('waits a short hold in memory and answers a long one with NotYet, sending nothing', async () => {
    const short = setup({ state: { nextRequestAt: START + 3_000 } });
    await short.gate.send({ budgeted: false }, ok);
    expect(short.sleeps).toEqual([3_000]);

    const long = setup({ state: { nextRequestAt: START + 60_000 } });
    let sent = false;
    const wait = await notYet(long.gate.send({ budgeted: false }, async () => void (sent = true)));
    expect(wait).toMatchObject({ until: START + 60_000, why: { code: 'linkedin.busy' } });
    expect(sent).toBe(false);
  });

  it('holds every request during a cool-down', async () => {
    const { gate } = setup({ state: { coolDownUntil: START + 3_600_000 } });
    const wait = await notYet(gate.send({ budgeted: false }, ok));
    expect(wait).toMatchObject({ until: START + 3_600_000, why: { code: 'linkedin.coolingDown' } });
    expect(await gate.status()).toMatchObject({ coolDownUntil: START + 3_600_000 });
  });

  it('takes a page of the budget before a budgeted request, and holds until midnight when none is left', async () => {
    const { gate, store, advance } = setup({ limits: { dailyPageBudget: 2, pacingMinSeconds: 0.5, pacingMaxSeconds: 0.5 } });
    let pagesSeenDuringRequest = -1;
    await gate.send({ budgeted: true }, async () => void (pagesSeenDuringRequest = store.state.pagesUsed));
    expect(pagesSeenDuringRequest).toBe(1);
    // A refused page still counts: LinkedIn counts requests, not successes.
    await expect(gate.send({ budgeted: true }, () => Promise.reject(failureForStatus(500, new Headers(), START)))).rejects.toBeInstanceOf(
      ApiError,
    );
    await gate.send({ budgeted: false }, ok);
    const wait = await notYet(gate.send({ budgeted: true }, ok));
    expect(wait).toMatchObject({ until: nextLocalMidnight(START), why: { code: 'linkedin.budgetSpent', params: { budget: 2 } } });
    expect(await gate.status()).toMatchObject({ day: localDay(START), pagesUsedToday: 2 });

    advance(nextLocalMidnight(START) - START);
    await gate.send({ budgeted: true }, ok);
    expect(await gate.status()).toMatchObject({ pagesUsedToday: 1 });
  });

  it('counts refusals across callers: each holds every request longer, the last allowed starts a cool-down', async () => {
    const { gate, store, clock, advance } = setup();
    const holds: number[] = [];
    for (let refusal = 1; refusal <= LINKEDIN_RETRY.rateLimited.retries; refusal += 1) {
      const error = (await gate.send({ budgeted: true }, refused(429)).catch((e: unknown) => e)) as ApiError;
      expect(error).toMatchObject({
        error: 'rate_limited',
        reason: { params: { attempt: refusal, of: LINKEDIN_RETRY.rateLimited.retries } },
      });
      holds.push(error.retryAt! - clock());
      expect(store.state.nextRequestAt).toBe(error.retryAt);
      advance(error.retryAt! - clock());
    }
    expect(holds[0]).toBeGreaterThanOrEqual(LINKEDIN_RETRY.rateLimited.backoff.baseMs);
    for (let i = 1; i < holds.length; i += 1) expect(holds[i]).toBeGreaterThan(holds[i - 1]!);

    const last = (await gate.send({ budgeted: false }, refused()).catch((e: unknown) => e)) as ApiError;
    expect(last).toMatchObject({
      error: 'rate_limited',
      reason: { params: { coolDown: true } },
      retryAt: clock() + LINKEDIN_COOL_DOWNS_MS[0]!,
    });
    expect(store.state).toMatchObject({ coolDownUntil: clock() + LINKEDIN_COOL_DOWNS_MS[0]!, refusals: 0 });
  });

  it('answered requests between refusals do not clear their count; an hour without a refusal does', async () => {
    const { gate, store, clock, advance } = setup();
    for (let refusal = 1; refusal <= LINKEDIN_RETRY.rateLimited.retries; refusal += 1) {
      const error = (await gate.send({ budgeted: false }, refused()).catch((e: unknown) => e)) as ApiError;
      expect(error).toMatchObject({ reason: { params: { attempt: refusal } } });
      advance(error.retryAt! - clock());
      await gate.send({ budgeted: false }, ok);
    }
    // LinkedIn answering every other request is still refusing: the next refusal cools down.
    const last = (await gate.send({ budgeted: false }, refused()).catch((e: unknown) => e)) as ApiError;
    expect(last).toMatchObject({ reason: { params: { coolDown: true } } });

    const fresh = setup();
    await fresh.gate.send({ budgeted: false }, refused()).catch(() => undefined);
    fresh.advance(LINKEDIN_REFUSAL_WINDOW_MS);
    const later = (await fresh.gate.send({ budgeted: false }, refused()).catch((e: unknown) => e)) as ApiError;
    expect(later).toMatchObject({ reason: { params: { attempt: 1 } } });
    expect(fresh.store.state.refusals).toBe(1);
    expect(store.state.refusals).toBe(0);
  });

  it('a 999 is never retried: it starts a cool-down at once, after which work waits for Resume, sending nothing', async () => {
    const { gate, store, clock, advance } = setup();
    const error = (await gate.send({ budgeted: true }, refused(999)).catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({
      error: 'rate_limited',
      reason: { code: 'linkedin.botDetected', params: { coolDown: true } },
      retryAt: clock() + LINKEDIN_COOL_DOWNS_MS[0]!,
    });
    expect(store.state).toMatchObject({ coolDownUntil: clock() + HOUR, coolDowns: 1, resumeNeeded: true, refusals: 0 });

    let sent = 0;
    const send = () => gate.send({ budgeted: true }, async () => void (sent += 1));
    expect(await notYet(send())).toMatchObject({ until: clock() + HOUR, why: { code: 'linkedin.coolingDown' } });
    advance(HOUR);
    const waiting = await notYet(send());
    expect(waiting.why).toEqual({ code: 'linkedin.resumeNeeded', params: {} });
    expect(waiting.until - clock()).toBeLessThanOrEqual(MAX_WAIT_MS);
    advance(3 * 24 * HOUR);
    expect((await notYet(send())).why.code).toBe('linkedin.resumeNeeded');
    expect(await gate.status()).toEqual({ day: localDay(clock()), pagesUsedToday: 0, resumeNeeded: true });
    expect(sent).toBe(0);

    await gate.resume();
    await send();
    expect(sent).toBe(1);
    expect(await gate.status()).not.toHaveProperty('resumeNeeded');
  });

  it('each cool-down of a run is longer than the one before: 1 h, 6 h, then 24 h; a 429 during the run starts the next at once', async () => {
    const { gate, clock, advance } = setup();
    const lengths: number[] = [];
    for (const status of [999, 429, 999, 429, 999]) {
      const error = (await gate.send({ budgeted: false }, refused(status)).catch((e: unknown) => e)) as ApiError;
      expect(error).toMatchObject({ reason: { params: { coolDown: true } } });
      lengths.push(error.retryAt! - clock());
      advance(error.retryAt! - clock());
      await gate.resume();
    }
    expect(lengths).toEqual([HOUR, 6 * HOUR, 24 * HOUR, 24 * HOUR, 24 * HOUR]);
    expect(LINKEDIN_COOL_DOWNS_MS).toEqual([HOUR, 6 * HOUR, 24 * HOUR]);
  });

  it('answered requests do not end a run; a day without any refusal after the last cool-down does', async () => {
    const { gate, clock, advance } = setup({ limits: { pacingMinSeconds: 0.5, pacingMaxSeconds: 0.5 } });
    const coolDownOf = async (status: number) => {
      const error = (await gate.send({ budgeted: false }, refused(status)).catch((e: unknown) => e)) as ApiError;
      const length = error.retryAt! - clock();
      advance(length);
      await gate.resume();
      return length;
    };
    expect(await coolDownOf(999)).toBe(HOUR);
    for (let i = 0; i < 20; i += 1) await gate.send({ budgeted: false }, ok);
    advance(LINKEDIN_QUIET_RESET_MS - 60_000);
    expect(await coolDownOf(999)).toBe(6 * HOUR);
    advance(LINKEDIN_QUIET_RESET_MS);
    expect(await coolDownOf(999)).toBe(HOUR);
    // After the quiet day a 429 is one refusal among the policy's few again.
    advance(LINKEDIN_QUIET_RESET_MS);
    const error = (await gate.send({ budgeted: false }, refused(429)).catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ reason: { params: { attempt: 1, of: LINKEDIN_RETRY.rateLimited.retries } } });
  });

  it('Clear cool-down lets work go on at once and keeps the run: the next refusal cools down longer', async () => {
    const { gate, store, clock } = setup();
    await gate.send({ budgeted: false }, refused(999)).catch(() => undefined);
    await gate.clearCoolDown();
    expect(store.state).toMatchObject({ coolDownUntil: 0, resumeNeeded: false, coolDowns: 1 });
    expect(await gate.status()).toEqual({ day: localDay(clock()), pagesUsedToday: 0 });
    expect(await gate.send({ budgeted: false }, ok)).toBe('answered');
    const error = (await gate.send({ budgeted: false }, refused(999)).catch((e: unknown) => e)) as ApiError;
    expect(error.retryAt! - clock()).toBe(6 * HOUR);
  });

  it('Resume during a cool-down lets work go on at its end, not before', async () => {
    const { gate, clock, advance } = setup();
    await gate.send({ budgeted: false }, refused(999)).catch(() => undefined);
    await gate.resume();
    expect((await notYet(gate.send({ budgeted: false }, ok))).why.code).toBe('linkedin.coolingDown');
    advance(HOUR);
    expect(await gate.send({ budgeted: false }, ok)).toBe('answered');
    expect(clock()).toBeGreaterThanOrEqual(START + HOUR);
  });

  it('bounds every wait by a day: a Retry-After of years, on any path, cools down for 24 hours', async () => {
    for (const status of [429, 999]) {
      const { gate, store, clock } = setup();
      // As a caller might build it, past the client's own bound of Retry-After.
      const asked = failureForStatus(status, new Headers(), START).with({ retryAt: START + 3_000 * 365 * 24 * HOUR });
      const error = (await gate.send({ budgeted: false }, () => Promise.reject(asked)).catch((e: unknown) => e)) as ApiError;
      expect(error.retryAt).toBe(clock() + MAX_WAIT_MS);
      expect(store.state.coolDownUntil).toBe(clock() + MAX_WAIT_MS);
      expect(store.state.nextRequestAt).toBeLessThanOrEqual(clock() + MAX_WAIT_MS);
    }
    const huge = failureForStatus(429, new Headers({ 'retry-after': '99999999999' }), START);
    expect(huge.retryAt).toBe(START + MAX_WAIT_MS);
  });

  it('a refusal asking for longer than the policy waits starts the cool-down at once', async () => {
    const { gate, store, clock } = setup();
    const headers = new Headers({ 'retry-after': String(3 * 60 * 60) });
    const error = (await gate
      .send({ budgeted: false }, () => Promise.reject(failureForStatus(429, headers, clock())))
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ reason: { params: { coolDown: true } }, retryAt: clock() + 3 * 60 * 60_000 });
    expect(store.state.coolDownUntil).toBe(clock() + 3 * 60 * 60_000);
  });
});

type Answer = { kind: 'ok' } | { kind: 'refused'; status: 429 | 999; retryAfterSeconds?: number } | { kind: 'serverError' };

const answerArb: fc.Arbitrary<Answer> = fc.oneof(
  fc.constant({ kind: 'ok' as const }),
  fc.constant({ kind: 'serverError' as const }),
  fc.record(
    {
      kind: fc.constant('refused' as const),
      status: fc.constantFrom(429 as const, 999 as const),
      retryAfterSeconds: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 10 ** 12 })),
    },
    { requiredKeys: ['kind', 'status'] },
  ),
);

describe('the refusal rule, whatever LinkedIn answers', () => {
  it('sends at most the policy’s few refused requests between two Resumes (one during a run), and no cool-down of a run shrinks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ answer: answerArb, idleMs: fc.integer({ min: 0, max: 23 * HOUR }) }), { minLength: 1, maxLength: 60 }),
        unitArb(),
        async (script, random) => {
          const { gate, store, clock, advance } = setup({ random });
          // Refused requests sent since the last Resume, counted while each came within the refusal window of the one before.
          let refusedSinceResume = 0;
          let lastRefusedAt = Number.NEGATIVE_INFINITY;
          /** The last cool-down seen, and when the quiet period after it started (its end, or a later refusal). */
          let last: { length: number; quietFrom: number } | undefined;
          for (const { answer, idleMs } of script) {
            advance(idleMs);
            // The user resumes whenever work waits for them; everything else is waited out.
            for (;;) {
              const held = await gate.send({ budgeted: false }, ok).then(
                () => undefined,
                (error: unknown) => error,
              );
              if (!(held instanceof NotYet)) break;
              if (held.why.code === 'linkedin.resumeNeeded') {
                await gate.resume();
                refusedSinceResume = 0;
              } else advance(held.until - clock());
            }
            const inRun = last !== undefined && clock() - last.quietFrom < LINKEDIN_QUIET_RESET_MS;
            const result = await gate
              .send({ budgeted: false }, () => {
                if (answer.kind === 'ok') return ok();
                if (answer.kind === 'serverError') return Promise.reject(failureForStatus(503, new Headers(), clock()));
                const headers = new Headers(
                  answer.retryAfterSeconds === undefined ? {} : { 'retry-after': String(answer.retryAfterSeconds) },
                );
                if (clock() - lastRefusedAt >= LINKEDIN_REFUSAL_WINDOW_MS) refusedSinceResume = 0;
                refusedSinceResume += 1;
                lastRefusedAt = clock();
                return Promise.reject(failureForStatus(answer.status, headers, clock()));
              })
              .catch((error: unknown) => error);
            expect(refusedSinceResume).toBeLessThanOrEqual(LINKEDIN_RETRY.rateLimited.retries + 1);
            const state = store.state;
            expect(state.coolDownUntil - clock()).toBeLessThanOrEqual(MAX_WAIT_MS);
            expect(state.nextRequestAt - clock()).toBeLessThanOrEqual(MAX_WAIT_MS);
            if (!(result instanceof ApiError) || result.error !== 'rate_limited') continue;
            const coolDown = !!result.reason?.params && 'coolDown' in result.reason.params;
            // Within a run, any refusal starts the next cool-down at once, never shorter than the last.
            if (inRun) expect(coolDown).toBe(true);
            if (coolDown) {
              const length = state.coolDownUntil - clock();
              if (inRun) expect(length).toBeGreaterThanOrEqual(last!.length);
              last = { length, quietFrom: state.coolDownUntil };
            } else if (last) {
              last = { ...last, quietFrom: Math.max(last.quietFrom, clock()) };
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

function unitArb() {
  return fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
}
