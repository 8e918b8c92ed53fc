import { parseCompanyUrl } from '../lib/model/company-url';
import { readOutcome } from '../lib/model/outcomes';
import type { ListSource, SyncState } from '../lib/model/schemas';
import { formatCount, formatNumber } from './locale-format';
import { describeSyncOutcome } from './outcome-text';

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
    case 'connections':
      return 'Your LinkedIn connections';
    case 'connectionsCsv':
      return `Imported from ${source.fileName}`;
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
  /** Why a change still waits or failed, in words. */
  message?: string;
}

/** A list's standing with Saber: badge texts, tone, and the time or message that goes with it. */
export function describeSync(sync: SyncState | undefined, now: number): SyncDescription {
  const said = sync?.outcome && readOutcome(sync.outcome);
  const message = said ? { message: describeSyncOutcome(sync.state, said, sync.op, now) } : {};
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
    .map(
      (level) =>
        SENIORITY_LABELS[level] ??
        level
          .replace(/_/g, ' ')
          .toLowerCase()
          .replace(/^./, (c) => c.toUpperCase()),
    )
    .join(', ');
}

/** Up to two initials for an avatar placeholder, whatever the script. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]];
  return letters
    .map((word) => (word ? (Array.from(word)[0] ?? '') : ''))
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

/**
 * Whether a list was saved without some of its pages ("Save what was captured" after a failed
 * capture), in words: "Partial: pages 3, 4 and 5 were not read"; `undefined` for a whole list.
 */
export function describePartial(report: { missingPages?: readonly number[] } | undefined): string | undefined {
  const missing = report?.missingPages ?? [];
  if (missing.length === 0) return undefined;
  const pages = missing.map((page) => formatNumber(page + 1));
  const listed = pages.length > 1 ? `${pages.slice(0, -1).join(', ')} and ${pages.at(-1)}` : (pages[0] ?? '');
  return `Partial: ${pages.length === 1 ? 'page' : 'pages'} ${listed} ${pages.length === 1 ? 'was' : 'were'} not read`;
}
