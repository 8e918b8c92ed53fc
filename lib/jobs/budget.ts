import type { ProspectDb } from '../db/database';
import { ApiError } from '../model/errors';

/** `db.meta` keys for LinkedIn's daily page budget and the cool-down after refusals. */
export const PAGES_KEY = 'linkedin.pagesToday';
export const COOL_DOWN_KEY = 'linkedin.coolDownUntil';

interface PagesUsed {
  day: string;
  used: number;
}

export interface CaptureStatus {
  /** The local calendar day the count is for, `YYYY-MM-DD`. */
  day: string;
  pagesUsedToday: number;
  /** Epoch ms until which new captures are held after LinkedIn refused requests. */
  coolDownUntil?: number;
}

/** The user's local calendar day of `now`: the budget resets at local midnight. */
export function localDay(now: number): string {
  const date = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Epoch ms of the next local midnight after `now`. */
export function nextLocalMidnight(now: number): number {
  const date = new Date(now);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
}

function readPages(value: unknown, day: string): number {
  if (value && typeof value === 'object' && 'day' in value && 'used' in value) {
    const { day: storedDay, used } = value as PagesUsed;
    if (storedDay === day && Number.isInteger(used) && used >= 0) return used;
  }
  return 0;
}

/** Pages used today and any cool-down, for the panel's "used today" and the capture checks. */
export async function readCaptureStatus(db: ProspectDb, now: number): Promise<CaptureStatus> {
  const [pages, coolDown] = await db.meta.bulkGet([PAGES_KEY, COOL_DOWN_KEY]);
  const day = localDay(now);
  const until = typeof coolDown?.value === 'number' && coolDown.value > now ? coolDown.value : undefined;
  return { day, pagesUsedToday: readPages(pages?.value, day), ...(until ? { coolDownUntil: until } : {}) };
}

/**
 * Takes one page from today's budget, atomically, before the request is made (LinkedIn
 * counts requests, not successes). Returns false, taking nothing, when the budget is spent.
 */
export async function reservePage(db: ProspectDb, now: number, dailyBudget: number): Promise<boolean> {
  return db.transaction('rw', db.meta, async () => {
    const day = localDay(now);
    const used = readPages((await db.meta.get(PAGES_KEY))?.value, day);
    if (used >= dailyBudget) return false;
    await db.meta.put({ key: PAGES_KEY, value: { day, used: used + 1 }, updatedAt: new Date(now).toISOString() });
    return true;
  });
}

/** Holds new captures until `until` (epoch ms); a later cool-down never shortens an earlier one. */
export async function startCoolDown(db: ProspectDb, now: number, until: number): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const current = (await db.meta.get(COOL_DOWN_KEY))?.value;
    const end = typeof current === 'number' ? Math.max(current, until) : until;
    await db.meta.put({ key: COOL_DOWN_KEY, value: end, updatedAt: new Date(now).toISOString() });
  });
}

/** Throws `rate_limited` with the end time when a cool-down holds new captures. */
export async function assertNotCoolingDown(db: ProspectDb, now: number): Promise<void> {
  const { coolDownUntil } = await readCaptureStatus(db, now);
  if (coolDownUntil) {
    throw new ApiError({
      error: 'rate_limited',
      message: `LinkedIn asked us to slow down. New captures are held until ${new Date(coolDownUntil).toLocaleString('en-GB')}.`,
      retryAt: coolDownUntil,
    });
  }
}
