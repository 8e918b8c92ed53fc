/**
 * Numbers, dates and times as the panel shows them: one set of `Intl` formatters in the
 * reader's own locale, so every figure and time on screen reads the same way.
 */

const numbers = new Intl.NumberFormat();

/** 2500 → "2,500". */
export function formatNumber(value: number): string {
  return numbers.format(value);
}

/** "1 contact", "2,500 contacts". */
export function formatCount(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(value)} ${value === 1 ? singular : plural}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** A stored ISO date-time in the reader's locale, e.g. "Nov 22, 2026, 2:05 PM". */
export function formatDateTime(value: string | number): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : dateTime.format(date);
}

const dayThisYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dayOtherYear = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A stored date as a short day: "Nov 22" this year, "Nov 22, 2025" before. */
export function formatDay(value: string, now = Date.now()): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return date.getFullYear() === new Date(now).getFullYear() ? dayThisYear.format(date) : dayOtherYear.format(date);
}

/** A moment later today as a time only, another day as date and time. */
export function formatMoment(epochMs: number, now: number): string {
  const sameDay = new Date(epochMs).toDateString() === new Date(now).toDateString();
  return sameDay ? timeOnly.format(epochMs) : dateTime.format(epochMs);
}

/** A recent moment for a narrow badge: the time when it is today, else the day. */
export function formatRecent(value: string, now = Date.now()): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return date.toDateString() === new Date(now).toDateString() ? timeOnly.format(date) : formatDay(value, now);
}
