import { localDay } from './dates';

/**
 * What the LinkedIn gate (`lib/linkedin/gate.ts`) keeps between requests, across every job and
 * every service-worker start: the pacing hold, the cool-down after refusals, the refusals in a
 * row, and today's page count. Stored by `lib/db` (the gate only sees {@link GateStore}).
 */
export interface GateState {
  /** Epoch ms before which no LinkedIn request may go out (written before each request). */
  nextRequestAt: number;
  /** Epoch ms until which LinkedIn work is held after refusals; 0 when none. */
  coolDownUntil: number;
  /** LinkedIn's refusals (429, 999) in a row, across all jobs; an answered request resets it. */
  refusals: number;
  /** The local day `pagesUsed` counts, `yyyy-mm-dd`. */
  pagesDay: string;
  /** Budgeted requests (search and connection pages) sent on `pagesDay`. */
  pagesUsed: number;
}

export const INITIAL_GATE_STATE: GateState = { nextRequestAt: 0, coolDownUntil: 0, refusals: 0, pagesDay: '', pagesUsed: 0 };

/** Where the gate's state lives; `update` reads, changes and writes it in one transaction. */
export interface GateStore {
  read(): Promise<GateState>;
  update<T>(change: (state: GateState) => { next: GateState; result: T }): Promise<T>;
}

/** What the panel and the start-of-work checks show: today's pages and any cool-down. */
export interface LinkedInStatus {
  /** The local calendar day the count is for, `yyyy-mm-dd`. */
  day: string;
  pagesUsedToday: number;
  /** Epoch ms until which new LinkedIn work is held after refusals. */
  coolDownUntil?: number;
}

/** The status a state stands for at `now`: yesterday's pages count as none, a past cool-down as none. */
export function readLinkedInStatus(state: GateState, now: number): LinkedInStatus {
  const day = localDay(now);
  return {
    day,
    pagesUsedToday: state.pagesDay === day ? state.pagesUsed : 0,
    ...(state.coolDownUntil > now ? { coolDownUntil: state.coolDownUntil } : {}),
  };
}
