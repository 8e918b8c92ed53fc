import type { JobRecord } from '../lib/db/records';
import type { SkippedRow } from '../lib/model/refresh';
import { describeJobKind, failureKeepsWork } from '../lib/model/job-kinds';
import { readOutcome } from '../lib/model/outcomes';
import { formatCount, formatMoment, formatNumber } from './locale-format';
import { describeError, describeOutcome } from './outcome-text';

/** A job's title from its kind and subject: `Capturing “VP Sales at Stripe”`. */
export function describeJobTitle(job: Pick<JobRecord, 'kind' | 'subject'>): string {
  const subject = job.subject ?? '';
  switch (job.kind) {
    case 'capture.search':
    case 'capture.leadList':
      return `Capturing “${subject}”`;
    case 'refresh.list':
      return `Refreshing “${subject}”`;
    case 'refresh.leavers':
      return `Checking leavers of “${subject}”`;
    case 'saber.outbox':
      return 'Sending changes to Saber';
    case 'saber.pull':
      return 'Pulling lists from Saber';
    case 'network.connections':
      return 'Exporting your LinkedIn connections';
    case 'network.addressBook':
      return 'Exporting your LinkedIn address book';
    case 'network.connectionsCsv':
      return `Importing “${subject}”`;
    default:
      return subject ? `“${subject}”` : 'A job of an older or newer version';
  }
}

/** "Page 3 of 5 · 75 contacts" (steps for jobs that do not page through LinkedIn); empty before any. */
export function describeProgress(job: Pick<JobRecord, 'kind' | 'progress'>): string {
  const { done, total, contacts } = job.progress;
  const unit = describeJobKind(job.kind)?.unit === 'page' ? 'Page' : 'Step';
  const parts: string[] = [];
  if (total > 0) parts.push(`${unit} ${formatNumber(Math.min(done, total))} of ${formatNumber(total)}`);
  if (contacts > 0) parts.push(formatCount(contacts, 'contact'));
  return parts.join(' · ');
}

/** What a job that has not ended is doing or waiting for, when there is more to say than its progress. */
export function describeJobStatus(job: JobRecord, now: number): string | undefined {
  if (job.cancelRequested) return 'Cancelling…';
  const said = readOutcome(job.outcome);
  if (job.status === 'waiting' && job.notBefore) {
    if (job.error) return describeError({ ...job.error, retryAt: job.notBefore }, now);
    if (said) return describeOutcome(said, now);
    return `Pausing between pages until ${formatMoment(job.notBefore, now)}.`;
  }
  if (said) return describeOutcome(said, now);
  if (job.status === 'queued') return job.progress.total > 0 ? undefined : 'Queued';
  return undefined;
}

/**
 * What an ended job did: its outcome, or why it failed. A failed job of a kind that commits
 * only at the end says that nothing was saved (a failed refresh, that the list is as it was), and
 * how many pages it keeps for Retry.
 */
export function describeJobResult(job: JobRecord, now: number): string {
  if (job.status === 'failed') {
    const why = job.error ? describeError(job.error, now) : 'It stopped.';
    const kind = describeJobKind(job.kind);
    if (!kind?.savesAtEnd) return why;
    const pages = kind.unit === 'page' && failureKeepsWork(job.error) ? job.progress.done : 0;
    const kept = `the ${formatCount(pages, 'page')} read so far ${pages === 1 ? 'is' : 'are'} kept.`;
    if (job.kind === 'refresh.list') return pages === 0 ? `${why} The list is unchanged.` : `${why} The list is unchanged; ${kept}`;
    return pages === 0 ? `${why} Nothing was saved.` : `${why} Nothing was saved yet: ${kept}`;
  }
  const said = readOutcome(job.outcome);
  if (said) return describeOutcome(said, now);
  return job.status === 'done' ? 'Finished.' : 'Cancelled; nothing was saved.';
}

/** Why an imported row was left out, by its code (`lib/linkedin/connections-csv.ts`). */
const SKIPPED_BECAUSE: Record<string, string> = {
  missing_name: 'no name',
  missing_key: 'no profile URL or email address',
  invalid_profile_url: 'not a LinkedIn profile URL',
  invalid_email: 'not an email address',
  invalid_date: 'not a date such as 15 Mar 2024',
  malformed_row: 'not a row of the export',
  duplicate: 'the same person again',
};

/** How many skipped rows are named one by one; the rest are counted. */
const SKIPPED_NAMED = 5;

/**
 * The rows an import skipped, by line: "Skipped line 6 (no name), line 9 (the same person
 * again) and 3 more". `total` counts every skipped row, listed or not.
 */
export function describeSkippedRows(rows: readonly SkippedRow[], total = rows.length): string {
  if (total === 0) return '';
  const named = rows.slice(0, SKIPPED_NAMED).map((row) => `line ${formatNumber(row.line)} (${SKIPPED_BECAUSE[row.code] ?? 'unreadable'})`);
  const more = total - named.length;
  const parts = more > 0 ? [...named, `${formatNumber(more)} more`] : named;
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
  return `Skipped ${listed}.`;
}
