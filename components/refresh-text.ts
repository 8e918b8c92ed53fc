import type { ChangeRow } from '../lib/db/list-history';
import type { LeaverRecord, ListRecord, VersionRecord } from '../lib/db/records';
import { MAX_CAPTURE_SIZE } from '../lib/model/limits';
import { readOutcome } from '../lib/model/outcomes';
import type { AutoRefresh, RefreshState, RunReport } from '../lib/model/refresh';
import type { DiffField, LeaveReason } from '../lib/model/snapshot-diff';
import { formatCount, formatDateTime, formatMoment, formatNumber } from './locale-format';
import { changeCounts, describeOutcome } from './outcome-text';

/**
 * The words of a list's refresh: its run report, its changes, its history and its schedule.
 * Numbers and times come from `locale-format`, so they read as everywhere else in the panel.
 */

/** One line of a definition list: what, and how much. */
export interface Fact {
  term: string;
  value: string;
}

/**
 * What the last capture or refresh read and kept, and what it left out and why: LinkedIn's
 * match count, the contacts read, the contacts kept, the ones dropped (duplicates, no usable
 * name, failed validation), where the run stopped, and the search pages it had to do without.
 */
export function describeRunReport(report: RunReport): Fact[] {
  const facts: Fact[] = [];
  if (report.matched !== undefined) facts.push({ term: 'Matched', value: formatNumber(report.matched) });
  facts.push({ term: 'Read', value: formatCount(report.fetched, 'contact') });
  facts.push({ term: 'Kept', value: formatCount(report.kept, 'contact') });
  const { duplicates, unnamed, invalid } = report.dropped;
  const dropped = [
    duplicates ? `${formatCount(duplicates, 'duplicate')} (the same person again)` : '',
    unnamed ? `${formatNumber(unnamed)} with no usable name (“LinkedIn Member”)` : '',
    invalid ? `${formatNumber(invalid)} that failed validation` : '',
  ].filter(Boolean);
  facts.push({ term: 'Left out', value: dropped.length ? dropped.join(', ') : 'None' });
  if (report.capped === 'listSize') {
    facts.push({ term: 'Stopped', value: 'At the list’s size: LinkedIn matched more people than the list holds' });
  } else if (report.capped === 'linkedInLimit') {
    facts.push({ term: 'Stopped', value: `At LinkedIn’s limit: a search shows at most ${formatNumber(MAX_CAPTURE_SIZE)} people` });
  }
  const missing = report.missingPages ?? [];
  if (missing.length > 0) {
    const pages = missing.map((page) => formatNumber(page + 1));
    facts.push({ term: 'Pages not read', value: `${missing.length === 1 ? 'Page' : 'Pages'} ${joinWords(pages)}` });
  }
  return facts;
}

/** The run report's subject: "Refresh of <date>" when the list was refreshed, else its capture. */
export function describeRunSubject(list: Pick<ListRecord, 'createdAt' | 'refresh'>): string {
  const refreshed = list.refresh?.lastRefreshedAt;
  return refreshed ? `Refresh of ${formatDateTime(refreshed)}` : `Capture of ${formatDateTime(list.createdAt)}`;
}

/** "3 joined, 2 left, 4 changed" for a refresh, or that nobody did. */
export function describeChangeTotals(counts: { joined: number; left: number; changed: number }): string {
  return counts.joined + counts.left + counts.changed === 0 ? 'Nobody joined, left or changed.' : changeCounts(counts);
}

const LEAVE_REASONS: Record<LeaveReason, string> = {
  mayHaveMovedPastSize: 'May have moved past the list’s size',
  noLongerMatches: 'No longer matches: left the company or changed title',
};

/** Why someone is no longer in the list, honestly: a capped search cannot tell a leaver from someone pushed past its size. */
export function describeLeaveReason(reason: LeaveReason): string {
  return LEAVE_REASONS[reason];
}

/** "VP Sales at Stripe", or whichever half is known; empty when neither is. */
export function describePosition(role: string | undefined, companyName: string | undefined): string {
  if (role && companyName) return `${role} at ${companyName}`;
  return role || companyName || '';
}

/**
 * Where "Check leavers" found a leaver: "Now VP Sales at Globex", or "Not found" when no member
 * of that name was this person; `undefined` while they have not been checked.
 */
export function describeLeaver(leaver: Pick<LeaverRecord, 'status' | 'role' | 'companyName'> | undefined): string | undefined {
  if (!leaver) return undefined;
  if (leaver.status === 'notFound') return 'Not found';
  if (leaver.role) return `Now ${describePosition(leaver.role, leaver.companyName)}`;
  return leaver.companyName ? `Now at ${leaver.companyName}` : 'Found, with no current position';
}

/** The Changes filter: every row, or one kind of change. */
export type ChangeFilter = 'all' | ChangeRow['change'];

/** The filter's choices, in order, with their labels. */
export const CHANGE_FILTERS: readonly { value: ChangeFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'joined', label: 'Joined' },
  { value: 'left', label: 'Left' },
  { value: 'changed', label: 'Changed' },
];

/** A row's change as its badge says it. */
export function describeChange(change: ChangeRow['change']): string {
  return change === 'joined' ? 'Joined' : change === 'left' ? 'Left' : 'Changed';
}

/** The fields a change shows side by side, in order, with their labels. */
export const CHANGE_FIELDS: readonly { field: DiffField; label: string }[] = [
  { field: 'role', label: 'Title' },
  { field: 'companyName', label: 'Company' },
  { field: 'location', label: 'Location' },
];

/** The Auto-refresh choices, in order, with their labels. */
export const AUTO_REFRESH_CHOICES: readonly { value: AutoRefresh; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly' },
];

/** When the list refreshed itself last and will next, and why a scheduled refresh was skipped. */
export interface ScheduleText {
  /** "Last refreshed <moment>", or that it never was. */
  last: string;
  /** "Next run <moment>", while a schedule is on. */
  next?: string;
  /** Why the last scheduled run did not happen, and when it tries again. */
  skipped?: string;
}

/** A list's refresh schedule in words, with moments as `formatMoment` gives them. */
export function describeSchedule(refresh: RefreshState | undefined, now: number): ScheduleText {
  const moment = (iso: string) => formatMoment(Date.parse(iso), now);
  const text: ScheduleText = { last: refresh?.lastRefreshedAt ? `Last refreshed ${moment(refresh.lastRefreshedAt)}` : 'Not refreshed yet' };
  if (!refresh || refresh.auto === 'off') return text;
  if (refresh.nextRunAt) text.next = `Next run ${moment(refresh.nextRunAt)}`;
  const skipped = refresh.skipped && readOutcome(refresh.skipped);
  if (skipped) {
    const retryAt = skipped.retryAt ?? (refresh.nextRunAt ? Date.parse(refresh.nextRunAt) : undefined);
    const again = retryAt === undefined ? '' : ` It tries again at ${formatMoment(retryAt, now)}.`;
    text.skipped = `The last scheduled refresh was skipped. ${describeOutcome(skipped, now)}${again}`;
  }
  return text;
}

/** One version of a list in its History. */
export interface HistoryRow {
  version: number;
  /** "Version 3 (current)". */
  title: string;
  /** "Refreshed <date>", or "Captured <date>" for the first version. */
  made: string;
  /** When the version was made (ISO), for `<time>`. */
  at: string;
  /** "120 contacts". */
  contacts: string;
  /** "3 joined, 2 left" against the version before; absent for the capture. */
  changes?: string;
  current: boolean;
}

/**
 * The versions of a list that its history can still show, newest first: one per refresh kept
 * (`records`, newest first, as `readVersions` gives them) and, while the first refresh is kept,
 * the capture it started from. A version older than the history keeps is not listed: its date is gone.
 */
export function describeHistory(list: Pick<ListRecord, 'createdAt' | 'refresh'>, records: readonly VersionRecord[]): HistoryRow[] {
  const current = list.refresh?.version ?? 1;
  const title = (version: number) => `Version ${formatNumber(version)}${version === current ? ' (current)' : ''}`;
  const rows: HistoryRow[] = records.map((record) => ({
    version: record.version,
    title: title(record.version),
    made: `Refreshed ${formatDateTime(record.at)}`,
    at: record.at,
    contacts: formatCount(record.newer.count, 'contact'),
    changes: describeChangeTotals(record.counts),
    current: record.version === current,
  }));
  const first = records.at(-1);
  if (first?.version === 2) {
    rows.push({
      version: 1,
      title: title(1),
      made: `Captured ${formatDateTime(list.createdAt)}`,
      at: list.createdAt,
      contacts: formatCount(first.older.count, 'contact'),
      current: false,
    });
  }
  return rows;
}

/** "3", "3 and 6", "3, 6 and 9". */
function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
