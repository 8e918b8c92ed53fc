import { outcomeSchema } from './outcome-schema';
import { z } from './zod';

/** How often a list refreshes itself. */
export const AUTO_REFRESH = ['off', 'daily', 'weekly'] as const;
export type AutoRefresh = (typeof AUTO_REFRESH)[number];

/** The interval of each automatic refresh, in ms. */
export const AUTO_REFRESH_INTERVAL_MS: Record<Exclude<AutoRefresh, 'off'>, number> = {
  daily: 24 * 60 * 60_000,
  weekly: 7 * 24 * 60 * 60_000,
};

const dateTime = z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 date-time' });
const count = z.int().min(0);

/**
 * A list's refresh state. Local addition on `ContactList`:
 * - `version`: the version its items are (1 = as captured; each refresh adds one);
 * - `auto`, `nextRunAt`: the schedule, and when the next automatic run is due;
 * - `skipped`: why the last scheduled run did not happen (logged out, budget spent), with `retryAt`;
 * - `unseen`: the latest refresh changed something the user has not looked at yet.
 */
export const refreshStateSchema = z.object({
  version: z.int().min(1),
  auto: z.enum(AUTO_REFRESH),
  lastRefreshedAt: dateTime.optional(),
  nextRunAt: dateTime.optional(),
  skipped: outcomeSchema.optional(),
  unseen: z.boolean().optional(),
});
export type RefreshState = z.infer<typeof refreshStateSchema>;

/** A row an import skipped, by its physical line in the file and why (a code the panel words). */
export const skippedRowSchema = z.object({ line: z.int().min(1), code: z.string(), field: z.string().optional() });
export type SkippedRow = z.infer<typeof skippedRowSchema>;

/** At most this many skipped rows are listed by line; the count covers them all. */
export const SKIPPED_ROWS_LISTED = 1_000;

/**
 * What a capture, a refresh or an import did: how many matched and were read, how many kept,
 * and what was left out, with why. Stored with the list (its last run) and on the job.
 */
export const runReportSchema = z.object({
  /** LinkedIn's match count (`paging.total`), or the rows of an imported file. */
  matched: count.optional(),
  /** Contacts (or rows) read. */
  fetched: count,
  kept: count,
  dropped: z.object({
    /** The same person again (by member, profile URL or email). */
    duplicates: count,
    /** Rows without a usable name ("LinkedIn Member"). */
    unnamed: count,
    /** Rows that failed validation, kept out while the run went on. */
    invalid: count,
  }),
  /** The run stopped before every match was read: at the list's size, or at LinkedIn's 2,500. */
  capped: z.enum(['listSize', 'linkedInLimit']).optional(),
  /** Rows an import skipped, the first {@link SKIPPED_ROWS_LISTED} by line. */
  skippedRows: z.array(skippedRowSchema).max(SKIPPED_ROWS_LISTED).optional(),
  /** Search pages a run saved without (it stopped and kept what it had). */
  missingPages: z.array(z.int().min(0)).optional(),
});
export type RunReport = z.infer<typeof runReportSchema>;

/** A report with nothing read yet. */
export function emptyRunReport(): RunReport {
  return { fetched: 0, kept: 0, dropped: { duplicates: 0, unnamed: 0, invalid: 0 } };
}
