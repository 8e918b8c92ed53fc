import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoment } from '../../../components/locale-format';
import {
  AUTO_REFRESH_CHOICES,
  CHANGE_FIELDS,
  CHANGE_FILTERS,
  describeChange,
  describeChangeTotals,
  describeHistory,
  describeLeaveReason,
  describeLeaver,
  describePosition,
  describeRunReport,
  describeRunSubject,
  describeSchedule,
} from '../../../components/refresh-text';
import type { VersionRecord } from '../../../lib/db/records';
import { outcome } from '../../../lib/model/outcomes';
import { AUTO_REFRESH, emptyRunReport, type RunReport } from '../../../lib/model/refresh';
import { DIFF_FIELDS } from '../../../lib/model/snapshot-diff';

const NOW = new Date(2026, 10, 22, 12, 0).getTime();

describe('the run report in words', () => {
  it('says what was matched, read and kept, and that nothing was left out', () => {
    const report: RunReport = { matched: 40, fetched: 40, kept: 40, dropped: { duplicates: 0, unnamed: 0, invalid: 0 } };
    expect(describeRunReport(report)).toEqual([
      { term: 'Matched', value: '40' },
      { term: 'Read', value: '40 contacts' },
      { term: 'Kept', value: '40 contacts' },
      { term: 'Left out', value: 'None' },
    ]);
  });

  it('names each reason a contact was left out, with its count, and where the run stopped', () => {
    const report: RunReport = {
      matched: 3480,
      fetched: 2530,
      kept: 2500,
      dropped: { duplicates: 1, unnamed: 27, invalid: 2 },
      capped: 'listSize',
    };
    expect(describeRunReport(report)).toEqual([
      { term: 'Matched', value: '3,480' },
      { term: 'Read', value: '2,530 contacts' },
      { term: 'Kept', value: '2,500 contacts' },
      {
        term: 'Left out',
        value: '1 duplicate (the same person again), 27 with no usable name (“LinkedIn Member”), 2 that failed validation',
      },
      { term: 'Stopped', value: 'At the list’s size: LinkedIn matched more people than the list holds' },
    ]);
    expect(describeRunReport({ ...report, dropped: { duplicates: 3, unnamed: 0, invalid: 0 }, capped: 'linkedInLimit' }).slice(3)).toEqual([
      { term: 'Left out', value: '3 duplicates (the same person again)' },
      { term: 'Stopped', value: 'At LinkedIn’s limit: a search shows at most 2,500 people' },
    ]);
  });

  it('leaves out an unknown match count and counts the pages a run did without from 1', () => {
    const facts = describeRunReport({ ...emptyRunReport(), missingPages: [2, 5, 8] });
    expect(facts.map((fact) => fact.term)).toEqual(['Read', 'Kept', 'Left out', 'Pages not read']);
    expect(facts.at(-1)?.value).toBe('Pages 3, 6 and 9');
    expect(describeRunReport({ ...emptyRunReport(), missingPages: [0] }).at(-1)?.value).toBe('Page 1');
  });

  it('says whether the report is of the capture or of the last refresh', () => {
    const createdAt = '2026-11-01T09:00:00.000Z';
    expect(describeRunSubject({ createdAt })).toBe(`Capture of ${formatDateTime(createdAt)}`);
    const lastRefreshedAt = '2026-11-20T09:00:00.000Z';
    expect(describeRunSubject({ createdAt, refresh: { version: 2, auto: 'off', lastRefreshedAt } })).toBe(
      `Refresh of ${formatDateTime(lastRefreshedAt)}`,
    );
  });
});

describe('changes in words', () => {
  it('counts a refresh’s changes as text, or says nobody moved', () => {
    expect(describeChangeTotals({ joined: 3, left: 2, changed: 4 })).toBe('3 joined, 2 left, 4 changed');
    expect(describeChangeTotals({ joined: 0, left: 1200, changed: 0 })).toBe('1,200 left');
    expect(describeChangeTotals({ joined: 0, left: 0, changed: 0 })).toBe('Nobody joined, left or changed.');
  });

  it('gives each leave reason its honest words', () => {
    expect(describeLeaveReason('mayHaveMovedPastSize')).toBe('May have moved past the list’s size');
    expect(describeLeaveReason('noLongerMatches')).toBe('No longer matches: left the company or changed title');
  });

  it('says where a leaver went, that they were not found, or nothing before they are checked', () => {
    expect(describeLeaver({ status: 'found', role: 'VP Sales', companyName: 'Globex' })).toBe('Now VP Sales at Globex');
    expect(describeLeaver({ status: 'found', role: 'Founder' })).toBe('Now Founder');
    expect(describeLeaver({ status: 'found', companyName: 'Globex' })).toBe('Now at Globex');
    expect(describeLeaver({ status: 'found' })).toBe('Found, with no current position');
    expect(describeLeaver({ status: 'notFound', role: 'ignored' })).toBe('Not found');
    expect(describeLeaver(undefined)).toBeUndefined();
  });

  it('puts a title and a company together, or whichever is known', () => {
    expect(describePosition('VP Sales', 'Stripe')).toBe('VP Sales at Stripe');
    expect(describePosition('VP Sales', undefined)).toBe('VP Sales');
    expect(describePosition(undefined, 'Stripe')).toBe('Stripe');
    expect(describePosition(undefined, '')).toBe('');
  });

  it('labels the filter, the badges and every field a change shows', () => {
    expect(CHANGE_FILTERS.map((option) => option.label)).toEqual(['All', 'Joined', 'Left', 'Changed']);
    expect((['joined', 'left', 'changed'] as const).map(describeChange)).toEqual(['Joined', 'Left', 'Changed']);
    expect(CHANGE_FIELDS.map((entry) => entry.field)).toEqual([...DIFF_FIELDS]);
    expect(CHANGE_FIELDS.map((entry) => entry.label)).toEqual(['Title', 'Company', 'Location']);
    expect(AUTO_REFRESH_CHOICES.map((choice) => choice.value)).toEqual([...AUTO_REFRESH]);
    expect(AUTO_REFRESH_CHOICES.map((choice) => choice.label)).toEqual(['Off', 'Daily', 'Weekly']);
  });
});

describe('the schedule in words', () => {
  const lastRefreshedAt = new Date(2026, 10, 21, 9, 30).toISOString();
  const nextRunAt = new Date(2026, 10, 22, 9, 30).toISOString();

  it('says when the list was refreshed and, while a schedule is on, when it runs next', () => {
    expect(describeSchedule(undefined, NOW)).toEqual({ last: 'Not refreshed yet' });
    expect(describeSchedule({ version: 2, auto: 'off', lastRefreshedAt }, NOW)).toEqual({
      last: `Last refreshed ${formatMoment(Date.parse(lastRefreshedAt), NOW)}`,
    });
    expect(describeSchedule({ version: 2, auto: 'daily', lastRefreshedAt, nextRunAt }, NOW)).toEqual({
      last: `Last refreshed ${formatMoment(Date.parse(lastRefreshedAt), NOW)}`,
      next: `Next run ${formatMoment(Date.parse(nextRunAt), NOW)}`,
    });
  });

  it('says why a scheduled refresh was skipped and when it tries again', () => {
    const retryAt = new Date(2026, 10, 22, 12, 30).getTime();
    const loggedOut = describeSchedule(
      { version: 1, auto: 'weekly', nextRunAt: new Date(retryAt).toISOString(), skipped: outcome('linkedin.loggedOut', {}, retryAt) },
      NOW,
    );
    expect(loggedOut.skipped).toBe(
      'The last scheduled refresh was skipped. You are not logged in to LinkedIn in this browser. Log in to Sales Navigator, ' +
        `then try again. It tries again at ${formatMoment(retryAt, NOW)}.`,
    );
    const budget = describeSchedule(
      { version: 1, auto: 'daily', nextRunAt, skipped: outcome('linkedin.budgetSpent', { budget: 100 }) },
      NOW,
    );
    expect(budget.skipped).toMatch(/^The last scheduled refresh was skipped\. Today’s LinkedIn page budget \(100 pages\) is used up\./);
    expect(budget.skipped).toMatch(new RegExp(`It tries again at ${formatMoment(Date.parse(nextRunAt), NOW)}\\.$`));
  });

  it('shows no stored outcome it cannot read', () => {
    const unreadable = { code: 'from.a.newer.version', params: {} } as never;
    expect(describeSchedule({ version: 1, auto: 'daily', nextRunAt, skipped: unreadable }, NOW).skipped).toBeUndefined();
  });
});

describe('the history in words', () => {
  const createdAt = '2026-11-01T09:00:00.000Z';
  const record = (version: number, at: string, older: number, newer: number, counts = { joined: 2, left: 2, changed: 1 }) =>
    ({
      listId: 'l',
      version,
      at,
      older: { count: older },
      newer: { count: newer },
      counts,
      changeSet: {} as VersionRecord['changeSet'],
    }) satisfies VersionRecord;

  it('lists every refresh kept, newest first, then the capture they started from', () => {
    const records = [record(3, '2026-11-15T09:00:00.000Z', 41, 39), record(2, '2026-11-08T09:00:00.000Z', 40, 41)];
    const rows = describeHistory({ createdAt, refresh: { version: 3, auto: 'off' } }, records);
    expect(rows).toEqual([
      {
        version: 3,
        title: 'Version 3 (current)',
        made: `Refreshed ${formatDateTime('2026-11-15T09:00:00.000Z')}`,
        at: '2026-11-15T09:00:00.000Z',
        contacts: '39 contacts',
        changes: '2 joined, 2 left, 1 changed',
        current: true,
      },
      {
        version: 2,
        title: 'Version 2',
        made: `Refreshed ${formatDateTime('2026-11-08T09:00:00.000Z')}`,
        at: '2026-11-08T09:00:00.000Z',
        contacts: '41 contacts',
        changes: '2 joined, 2 left, 1 changed',
        current: false,
      },
      {
        version: 1,
        title: 'Version 1',
        made: `Captured ${formatDateTime(createdAt)}`,
        at: createdAt,
        contacts: '40 contacts',
        current: false,
      },
    ]);
  });

  it('lists no version older than the history keeps, and nothing for a list never refreshed', () => {
    const rows = describeHistory({ createdAt, refresh: { version: 9, auto: 'off' } }, [
      record(9, '2026-11-15T09:00:00.000Z', 1, 1, { joined: 0, left: 0, changed: 0 }),
    ]);
    expect(rows.map((row) => [row.version, row.changes])).toEqual([[9, 'Nobody joined, left or changed.']]);
    expect(describeHistory({ createdAt }, [])).toEqual([]);
  });
});
