import { parseCompanyUrl } from '../lib/linkedin/company-url';
import type { ListSource, SyncState } from '../lib/model/schemas';

const numbers = new Intl.NumberFormat('en-US');

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

/** Where a list came from, in words. */
export function describeSource(source: ListSource | undefined): string {
  switch (source?.kind) {
    case 'search':
      return 'Sales Navigator search';
    case 'salesNavigatorQuery':
      return 'Saved Sales Navigator search';
    case 'leadList':
      return `Lead list “${source.leadListName}”`;
    case 'addressBook':
      return 'LinkedIn address book';
    case 'saber':
      return 'Pulled from Saber';
    default:
      return 'Added in this browser';
  }
}

export type SyncTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** A list's standing with Saber, in words. */
export interface SyncDescription {
  /** The badge in the list's detail. */
  label: string;
  /** The badge in a list row. */
  short: string;
  tone: SyncTone;
  /** When Saber last confirmed the list (ISO), for "Synced <time>". */
  syncedAt?: string;
  /** Why a change still waits or failed, as `lib/saber` stored it. */
  message?: string;
}

/** A list's standing with Saber: badge texts, tone, and the time or message that goes with it. */
export function describeSync(sync: SyncState | undefined): SyncDescription {
  // An empty message says nothing; drop it rather than show an empty line.
  const message = sync?.message?.trim() ? { message: sync.message.trim() } : {};
  switch (sync?.state) {
    case 'pending':
      return { label: 'Sync pending', short: 'Pending', tone: 'info', ...message };
    case 'synced':
      return { label: 'Synced with Saber', short: 'Synced', tone: 'success', ...(sync.syncedAt ? { syncedAt: sync.syncedAt } : {}) };
    case 'error':
      return { label: 'Sync failed', short: 'Error', tone: 'danger', ...message };
    case 'deletedRemote':
      // Its stored message repeats the label ("Deleted on Saber").
      return { label: 'Deleted on Saber', short: 'Deleted on Saber', tone: 'warning' };
    default:
      return { label: 'Only in this browser', short: 'Local only', tone: 'neutral' };
  }
}

/** A recent moment for a narrow badge: the time when it is today, else the day. */
export function formatRecent(value: string, now = Date.now()): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return date.toDateString() === new Date(now).toDateString() ? timeOnly.format(date) : formatDay(value, now);
}

/**
 * Saber's own count beside the local one, for a pushed list: Saber ran its own search, so
 * its capture can differ. Undefined when there is nothing to compare (never pushed, gone from
 * Saber, or a pulled list whose contacts are Saber's own).
 */
export function describeSaberCapture(list: { contactCount: number; source?: ListSource; sync?: SyncState }): string | undefined {
  const remoteCount = list.sync?.remoteContactCount;
  if (remoteCount === undefined || list.sync?.state === 'deletedRemote') return undefined;
  if (list.source?.kind === 'saber' && remoteCount === list.contactCount) return undefined;
  return `Saber’s capture: ${formatCount(remoteCount, 'contact')}`;
}

/** The local names Saber's name replaced (renamed on both sides), oldest first. */
export function describeLocalNames(sync: SyncState | undefined): string | undefined {
  const names = sync?.nameHistory?.filter((name) => name.trim() !== '') ?? [];
  return names.length > 0 ? `Also named locally: ${names.map((name) => `“${name}”`).join(', ')}` : undefined;
}

/** A company URL as people read it: its slug ("stripe") or "Company 1035". */
export function describeCompany(url: string): string {
  const ref = parseCompanyUrl(url);
  if (!ref) return url;
  return ref.kind === 'slug' ? ref.slug : `Company ${ref.id}`;
}

const SENIORITY_LABELS: Record<string, string> = { CXO: 'CXO', VP: 'VP', IC: 'Individual contributor' };

/** Sales Navigator seniority codes ("DIRECTOR", "SENIOR_MANAGER") as words. */
export function formatSeniority(levels: readonly string[] | undefined): string {
  return (levels ?? [])
    .map((level) => SENIORITY_LABELS[level] ?? level.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase()))
    .join(', ');
}

/** Up to two initials for an avatar placeholder, whatever the script. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]];
  return letters
    .map((word) => (word ? Array.from(word)[0] ?? '' : ''))
    .join('')
    .toLocaleUpperCase();
}

/** A stable hue (0..359) for a name, so a placeholder keeps its colour between renders. */
export function hueOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % 360;
}

/** A contact's display name from whatever name fields the snapshot has. */
export function contactName(item: { fullName?: string; firstName?: string; lastName?: string }): string {
  return item.fullName?.trim() || [item.firstName, item.lastName].filter(Boolean).join(' ').trim() || 'Unnamed contact';
}
