import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failureForStatus } from '../../../lib/linkedin/failures';
import { createLinkedInGate, type GateLimits } from '../../../lib/linkedin/gate';
import { localDay, nextLocalMidnight } from '../../../lib/model/dates';
import { ApiError, NotYet } from '../../../lib/model/errors';
import { INITIAL_GATE_STATE, type GateState, type GateStore } from '../../../lib/model/linkedin-gate';
import { LINKEDIN_COOL_DOWN_MS, LINKEDIN_RETRY } from '../../../lib/model/retry';

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
      const error = (await gate.send({ budgeted: true }, refused(refusal % 2 ? 429 : 999)).catch((e: unknown) => e)) as ApiError;
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
    expect(last).toMatchObject({ error: 'rate_limited', reason: { params: { coolDown: true } }, retryAt: clock() + LINKEDIN_COOL_DOWN_MS });
    expect(store.state).toMatchObject({ coolDownUntil: clock() + LINKEDIN_COOL_DOWN_MS, refusals: 0 });
  });

  it('an answered request clears the count of refusals', async () => {
    const { gate, store, clock, advance } = setup();
    const error = (await gate.send({ budgeted: false }, refused()).catch((e: unknown) => e)) as ApiError;
    advance(error.retryAt! - clock());
    await gate.send({ budgeted: false }, ok);
    expect(store.state.refusals).toBe(0);
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

function unitArb() {
  return fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
}
