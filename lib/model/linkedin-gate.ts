import { localDay } from './dates';
import { LINKEDIN_QUIET_RESET_MS, MAX_WAIT_MS } from './retry';

/**
 * What the LinkedIn gate (`lib/linkedin/gate.ts`) keeps between requests, across every job and
 * every service-worker start: the pacing hold, the cool-down after refusals and how many came
 * before it, the refusals in a row, whether work waits for the user's Resume, and today's page
 * count. Stored by `lib/db` (the gate only sees {@link GateStore}).
 */
export interface GateState {
  /** Epoch ms before which no LinkedIn request may go out (written before each request). */
  nextRequestAt: number;
  /** Epoch ms until which LinkedIn work is held after refusals; 0 when none. */
  coolDownUntil: number;
  /**
   * LinkedIn's refusals (429, 999) across all jobs, each within `LINKEDIN_REFUSAL_WINDOW_MS` of
   * the one before (answered requests between them do not reset it); 0 after a cool-down.
   */
  refusals: number;
  /** The local day `pagesUsed` counts, `yyyy-mm-dd`. */
  pagesDay: string;
  /** Budgeted requests (search and connection pages) sent on `pagesDay`. */
  pagesUsed: number;
  /**
   * Cool-downs in the current run (0: none); the next one is `LINKEDIN_COOL_DOWNS_MS[coolDowns]`
   * (the last step once past it). The run ends after a quiet period ({@link inCoolDownRun}).
   */
  coolDowns: number;
  /** Epoch ms of LinkedIn's last refusal; 0 when none. */
  lastRefusalAt: number;
  /** A cool-down started and the user has not pressed Resume since: LinkedIn work waits for them. */
  resumeNeeded: boolean;
}

export const INITIAL_GATE_STATE: GateState = {
  nextRequestAt: 0,
  coolDownUntil: 0,
  refusals: 0,
  pagesDay: '',
  pagesUsed: 0,
  coolDowns: 0,
  lastRefusalAt: 0,
  resumeNeeded: false,
};

/** Where the gate's state lives; `update` reads, changes and writes it in one transaction. */
export interface GateStore {
  read(): Promise<GateState>;
  update<T>(change: (state: GateState) => { next: GateState; result: T }): Promise<T>;
}

/** What the panel and the start-of-work checks show: today's pages, any cool-down, and whether work waits for Resume. */
export interface LinkedInStatus {
  /** The local calendar day the count is for, `yyyy-mm-dd`. */
  day: string;
  pagesUsedToday: number;
  /** Epoch ms until which new LinkedIn work is held after refusals. */
  coolDownUntil?: number;
  /** LinkedIn work waits for the user's Resume (during a cool-down too: Resume then lets it go on at its end). */
  resumeNeeded?: true;
}

/**
 * The state with no hold further than {@link MAX_WAIT_MS} from `now`: a record written before
 * waits were bounded (a cool-down until the year 5195) holds a day at most. The same object
 * when nothing was out of bounds, so a store can tell whether to write it back.
 */
export function boundGateState(state: GateState, now: number): GateState {
  const latest = now + MAX_WAIT_MS;
  if (state.coolDownUntil <= latest && state.nextRequestAt <= latest) return state;
  return { ...state, coolDownUntil: Math.min(state.coolDownUntil, latest), nextRequestAt: Math.min(state.nextRequestAt, latest) };
}

/**
 * Whether a run of cool-downs is still on at `now`: there was one, and LinkedIn refused or held
 * work within the last {@link LINKEDIN_QUIET_RESET_MS}. After that quiet period a refusal is
 * treated as the first again.
 */
export function inCoolDownRun(state: GateState, now: number): boolean {
  return state.coolDowns > 0 && now - Math.max(state.lastRefusalAt, state.coolDownUntil) < LINKEDIN_QUIET_RESET_MS;
}

/** The status a state stands for at `now`: yesterday's pages count as none, a past cool-down as none. */
export function readLinkedInStatus(stored: GateState, now: number): LinkedInStatus {
  const state = boundGateState(stored, now);
  const day = localDay(now);
  return {
    day,
    pagesUsedToday: state.pagesDay === day ? state.pagesUsed : 0,
    ...(state.coolDownUntil > now ? { coolDownUntil: state.coolDownUntil } : {}),
    ...(state.resumeNeeded ? { resumeNeeded: true } : {}),
  };
}
