import { localDay, nextLocalMidnight } from '../model/dates';
import { ApiError, NotYet, type ErrorReason } from '../model/errors';
import { readLinkedInStatus, type GateState, type GateStore, type LinkedInStatus } from '../model/linkedin-gate';
import { outcome } from '../model/outcomes';
import { backoffDelay, LINKEDIN_COOL_DOWN_MS, LINKEDIN_RETRY } from '../model/retry';
import type { Clock } from '../model/runtime';

/** What the gate reads from Settings before each request, so edits apply at once. */
export interface GateLimits {
  /** Seconds between two LinkedIn requests, drawn at random in [min, max]. */
  pacingMinSeconds: number;
  pacingMaxSeconds: number;
  /** Budgeted requests all jobs together may send per local calendar day. */
  dailyPageBudget: number;
}

export interface LinkedInGateDeps {
  store: GateStore;
  readLimits: () => Promise<GateLimits>;
  clock: Clock;
  /** Uniform in [0, 1): pacing and backoff jitter. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Called before an in-memory wait and before each request, so the worker is not stopped mid-way. */
  keepAlive?: () => Promise<void>;
  /** The longest wait sat through in memory; a longer one is a {@link NotYet}. Default 5 s. */
  maxInMemoryWaitMs?: number;
}

/** One request's place in the line. */
export interface GateTicket {
  /** A search or connections page: it takes one page of today's budget before it goes out. */
  budgeted: boolean;
}

/**
 * The one way to LinkedIn (design.md, "Talking to LinkedIn and Saber"). Every request of the
 * client goes through `send`:
 * - one at a time, across every job and message of this service worker;
 * - a cool-down after refusals holds everything (a {@link NotYet} until it ends);
 * - the pacing hold is honoured: waited in memory when short, else a {@link NotYet};
 * - a budgeted request takes one page of today's budget first, or is a {@link NotYet} until
 *   midnight when none is left (LinkedIn counts requests, not successes);
 * - the next hold is stored BEFORE the request goes out, so a worker stopped mid-request still
 *   leaves a pause behind it; the pause is counted again from the answer;
 * - LinkedIn's refusals (429, 999) are counted across all jobs: each holds every request for a
 *   growing wait, and the last one allowed starts a cool-down (see `LINKEDIN_RETRY`).
 */
export interface LinkedInGate {
  send<T>(ticket: GateTicket, request: () => Promise<T>): Promise<T>;
  /** Today's pages and any cool-down, for the panel and the checks before new work starts. */
  status(): Promise<LinkedInStatus>;
}

const DEFAULT_MAX_IN_MEMORY_WAIT_MS = 5_000;

export function createLinkedInGate(deps: LinkedInGateDeps): LinkedInGate {
  const { store, clock } = deps;
  const maxWait = deps.maxInMemoryWaitMs ?? DEFAULT_MAX_IN_MEMORY_WAIT_MS;
  let line: Promise<unknown> = Promise.resolve();

  function drawPause(limits: GateLimits): number {
    const { pacingMinSeconds: min, pacingMaxSeconds: max } = limits;
    return Math.round((min + (max - min) * deps.random()) * 1000);
  }

  /** Takes the turn: waits out a short hold, else says when to come back; reserves the page. */
  async function takeTurn(ticket: GateTicket, limits: GateLimits, pause: number): Promise<void> {
    for (;;) {
      const now = clock();
      const hold = await store.update((state) => {
        const next = admit(state, ticket, limits, now, pause);
        return 'hold' in next ? { next: state, result: next.hold } : { next: next.state, result: undefined };
      });
      if (!hold) return;
      if (hold.until - now > maxWait || hold.why.code !== 'linkedin.busy') throw new NotYet(hold.until, hold.why);
      await deps.keepAlive?.();
      await deps.sleep(hold.until - now);
    }
  }

  async function recordAnswer(pause: number, refusal: ApiError | undefined): Promise<ApiError | undefined> {
    const now = clock();
    return store.update((state) => {
      const paced = Math.max(state.nextRequestAt, now + pause);
      if (!refusal) return { next: { ...state, nextRequestAt: paced, refusals: 0 }, result: undefined };
      return refuse(state, refusal, now, paced, deps.random);
    });
  }

  async function sendNow<T>(ticket: GateTicket, request: () => Promise<T>): Promise<T> {
    const limits = await deps.readLimits();
    const pause = drawPause(limits);
    await takeTurn(ticket, limits, pause);
    await deps.keepAlive?.();
    let value: T;
    try {
      value = await request();
    } catch (thrown) {
      const error = ApiError.from(thrown);
      const refused = error.error === 'rate_limited' ? error : undefined;
      throw (await recordAnswer(pause, refused)) ?? error;
    }
    await recordAnswer(pause, undefined);
    return value;
  }

  return {
    send(ticket, request) {
      const turn = line.then(() => sendNow(ticket, request));
      line = turn.catch(() => undefined);
      return turn;
    },
    async status() {
      return readLinkedInStatus(await store.read(), clock());
    },
  };
}

type Admission = { state: GateState } | { hold: { until: number; why: ReturnType<typeof outcome> } };

/** Whether a request may go out now and, if so, the state with its hold and page written. */
function admit(state: GateState, ticket: GateTicket, limits: GateLimits, now: number, pause: number): Admission {
  if (state.coolDownUntil > now) {
    return { hold: { until: state.coolDownUntil, why: outcome('linkedin.coolingDown', {}, state.coolDownUntil) } };
  }
  if (state.nextRequestAt > now) {
    return { hold: { until: state.nextRequestAt, why: outcome('linkedin.busy', {}, state.nextRequestAt) } };
  }
  const day = localDay(now);
  const used = state.pagesDay === day ? state.pagesUsed : 0;
  if (ticket.budgeted && used >= limits.dailyPageBudget) {
    const midnight = nextLocalMidnight(now);
    return { hold: { until: midnight, why: outcome('linkedin.budgetSpent', { budget: limits.dailyPageBudget }, midnight) } };
  }
  return {
    state: {
      ...state,
      nextRequestAt: now + pause,
      pagesDay: day,
      pagesUsed: used + (ticket.budgeted ? 1 : 0),
    },
  };
}

/**
 * A refusal, counted: the state holds every request until the wait the policy gives this many
 * refusals in a row (or LinkedIn's own, if longer); past the policy's retries, or when LinkedIn
 * asks for too long, a cool-down starts. The error says which, for the job deciding what next.
 */
function refuse(
  state: GateState,
  refusal: ApiError,
  now: number,
  paced: number,
  random: () => number,
): { next: GateState; result: ApiError } {
  const refusals = state.refusals + 1;
  const rule = LINKEDIN_RETRY.rateLimited;
  const asked = refusal.retryAt === undefined ? 0 : refusal.retryAt - now;
  const code = refusal.reason?.code ?? 'linkedin.rateLimited';
  if (refusals > rule.retries || asked > LINKEDIN_RETRY.maxAskedWaitMs) {
    const coolDownUntil = Math.max(now + LINKEDIN_COOL_DOWN_MS, refusal.retryAt ?? 0);
    return {
      next: { ...state, refusals: 0, coolDownUntil, nextRequestAt: Math.max(paced, coolDownUntil) },
      result: refusal.with({ reason: { code, params: { coolDown: true } } as ErrorReason, retryAt: coolDownUntil }),
    };
  }
  const holdUntil = now + Math.max(asked, backoffDelay(refusals - 1, rule.backoff, random));
  return {
    next: { ...state, refusals, nextRequestAt: Math.max(paced, holdUntil) },
    result: refusal.with({ reason: { code, params: { attempt: refusals, of: rule.retries } } as ErrorReason, retryAt: holdUntil }),
  };
}
