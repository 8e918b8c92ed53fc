import { localDay, nextLocalMidnight } from '../model/dates';
import { ApiError, NotYet, type ErrorReason } from '../model/errors';
import { inCoolDownRun, readLinkedInStatus, type GateState, type GateStore, type LinkedInStatus } from '../model/linkedin-gate';
import { outcome } from '../model/outcomes';
import { backoffDelay, LINKEDIN_COOL_DOWNS_MS, LINKEDIN_REFUSAL_WINDOW_MS, LINKEDIN_RETRY, MAX_WAIT_MS } from '../model/retry';
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
 * - a cool-down after refusals holds everything (a {@link NotYet} until it ends), and after it
 *   LinkedIn work waits for the user's Resume (`linkedin.resumeNeeded`): nothing restarts by itself;
 * - the pacing hold is honoured: waited in memory when short, else a {@link NotYet};
 * - a budgeted request takes one page of today's budget first, or is a {@link NotYet} until
 *   midnight when none is left (LinkedIn counts requests, not successes);
 * - the next hold is stored BEFORE the request goes out, so a worker stopped mid-request still
 *   leaves a pause behind it; the pause is counted again from the answer;
 * - LinkedIn's refusals are counted across all jobs (see {@link refuse}): a 999 starts a
 *   cool-down at once; 429s hold every request for a growing wait, and the last one allowed
 *   within an hour of each other starts a cool-down; each cool-down of a run is longer than the one before (1 h, 6 h,
 *   24 h), and every wait is bounded by a day.
 */
export interface LinkedInGate {
  send<T>(ticket: GateTicket, request: () => Promise<T>): Promise<T>;
  /** Today's pages, any cool-down and whether work waits for Resume, for the panel and the checks before new work starts. */
  status(): Promise<LinkedInStatus>;
  /** The user's Resume: waiting LinkedIn work may go on (at once, or at the end of a running cool-down). */
  resume(): Promise<void>;
  /**
   * The user's confirmed "Clear cool-down": work may go on now. The run is kept, so the next
   * refusal starts the next, longer cool-down rather than the first again.
   */
  clearCoolDown(): Promise<void>;
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
      if (!refusal) return { next: { ...state, nextRequestAt: paced }, result: undefined };
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
    async resume() {
      await store.update((state) => ({ next: state.resumeNeeded ? { ...state, resumeNeeded: false } : state, result: undefined }));
    },
    async clearCoolDown() {
      const now = clock();
      await store.update((state) => ({
        next: { ...state, coolDownUntil: 0, resumeNeeded: false, nextRequestAt: Math.min(state.nextRequestAt, now) },
        result: undefined,
      }));
    },
  };
}

type Admission = { state: GateState } | { hold: { until: number; why: ReturnType<typeof outcome> } };

/** Whether a request may go out now and, if so, the state with its hold and page written. */
function admit(state: GateState, ticket: GateTicket, limits: GateLimits, now: number, pause: number): Admission {
  if (state.coolDownUntil > now) {
    return { hold: { until: state.coolDownUntil, why: outcome('linkedin.coolingDown', {}, state.coolDownUntil) } };
  }
  // No time ends this wait: the user's Resume does (it wakes the waiting jobs). A day on, the
  // job only asks again and is held again, sending nothing.
  if (state.resumeNeeded) return { hold: { until: now + MAX_WAIT_MS, why: outcome('linkedin.resumeNeeded', {}) } };
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
 * A refusal, counted; the error says what it led to, for the job deciding what next:
 * - a 999 (bot detection), any refusal during a run of cool-downs, the 429 past the policy's
 *   retries, or an ask for longer than the policy waits starts a cool-down at once ({@link coolDown});
 * - any other 429 holds every request for the wait the policy gives this many refusals so far
 *   (each within an hour of the one before), or LinkedIn's own ask if longer.
 */
function refuse(
  state: GateState,
  refusal: ApiError,
  now: number,
  paced: number,
  random: () => number,
): { next: GateState; result: ApiError } {
  const refusals = (now - state.lastRefusalAt < LINKEDIN_REFUSAL_WINDOW_MS ? state.refusals : 0) + 1;
  const rule = LINKEDIN_RETRY.rateLimited;
  const asked = Math.min(MAX_WAIT_MS, refusal.retryAt === undefined ? 0 : refusal.retryAt - now);
  const code = refusal.reason?.code ?? 'linkedin.rateLimited';
  const run = inCoolDownRun(state, now);
  if (code === 'linkedin.botDetected' || run || refusals > rule.retries || asked > LINKEDIN_RETRY.maxAskedWaitMs) {
    const { until, coolDowns } = coolDown(run ? state.coolDowns : 0, asked, now);
    return {
      next: {
        ...state,
        refusals: 0,
        coolDowns,
        lastRefusalAt: now,
        coolDownUntil: until,
        nextRequestAt: Math.max(paced, until),
        resumeNeeded: true,
      },
      result: refusal.with({ reason: { code, params: { coolDown: true } } as ErrorReason, retryAt: until }),
    };
  }
  const holdUntil = now + Math.max(asked, backoffDelay(refusals - 1, rule.backoff, random));
  return {
    next: { ...state, refusals, lastRefusalAt: now, nextRequestAt: Math.max(paced, holdUntil) },
    result: refusal.with({ reason: { code, params: { attempt: refusals, of: rule.retries } } as ErrorReason, retryAt: holdUntil }),
  };
}

/**
 * The cool-down after `before` cool-downs of the run: the policy's next step, or LinkedIn's
 * ask when longer, never past a day. The run then counts as far as the first step at least
 * that long, so the next cool-down is never shorter than this one.
 */
function coolDown(before: number, askedMs: number, now: number): { until: number; coolDowns: number } {
  const steps = LINKEDIN_COOL_DOWNS_MS;
  const length = Math.min(MAX_WAIT_MS, Math.max(steps[Math.min(before, steps.length - 1)] ?? MAX_WAIT_MS, askedMs));
  const reached = steps.findIndex((step) => step >= length) + 1 || steps.length;
  return { until: now + length, coolDowns: Math.min(steps.length, Math.max(before + 1, reached)) };
}
