import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hintFor } from '../../../components/error-hints';
import {
  contactName,
  describeCompany,
  describeLocalNames,
  describePartial,
  describeSaberCapture,
  describeSource,
  describeSync,
  formatSeniority,
  hueOf,
  initialsOf,
} from '../../../components/format';
import { formatCount, formatDay, formatRecent } from '../../../components/locale-format';
import {
  describeJobResult,
  describeJobStatus,
  describeJobTitle,
  describeProgress,
  describeSkippedRows,
} from '../../../components/job-text';
import { describeOutcome } from '../../../components/outcome-text';
import type { JobRecord } from '../../../lib/db/records';
import { failure, toStoredError } from '../../../lib/model/errors';
import { OUTCOME_CODES, outcome, readOutcome } from '../../../lib/model/outcomes';
import { parseRoute, routeHref, type Route } from '../../../components/route';

describe('words and numbers', () => {
  it('counts with grouping and the right plural', () => {
    expect(formatCount(0, 'contact')).toBe('0 contacts');
    expect(formatCount(1, 'contact')).toBe('1 contact');
    expect(formatCount(2500, 'contact')).toBe('2,500 contacts');
    expect(formatCount(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('shows a day without the year when it is this year', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(formatDay('2026-03-05T10:00:00.000Z', now)).not.toMatch(/2026/);
    expect(formatDay('2025-03-05T10:00:00.000Z', now)).toMatch(/2025/);
    expect(formatDay('not a date', now)).toBe('');
  });

  it('says where a list came from', () => {
    expect(describeSource({ kind: 'search' })).toBe('Sales Navigator search');
    expect(describeSource({ kind: 'salesNavigatorQuery', query: '()' })).toBe('Saved Sales Navigator search');
    expect(describeSource({ kind: 'leadList', leadListId: '1', leadListName: 'Q4' })).toBe('Lead list “Q4”');
    expect(describeSource({ kind: 'addressBook' })).toBe('LinkedIn address book');
    expect(describeSource({ kind: 'connections' })).toBe('Your LinkedIn connections');
    expect(describeSource({ kind: 'connectionsCsv', fileName: 'Connections.csv' })).toBe('Imported from Connections.csv');
    expect(describeSource({ kind: 'saber' })).toBe('Pulled from Saber');
    expect(describeSource(undefined)).toBe('Added in this browser');
  });

  it('says how a list stands with Saber, with the time of the last sync or why a change waits or failed', () => {
    const now = new Date(2026, 10, 22, 12, 0).getTime();
    expect(describeSync(undefined, now)).toEqual({ label: 'Only in this browser', short: 'Local only', tone: 'neutral' });
    expect(describeSync({ state: 'local' }, now)).toEqual(describeSync(undefined, now));
    expect(describeSync({ state: 'synced', remoteId: 'x', syncedAt: '2026-11-20T08:15:00.000Z' }, now)).toEqual({
      label: 'Synced with Saber',
      short: 'Synced',
      tone: 'success',
      syncedAt: '2026-11-20T08:15:00.000Z',
    });
    const retryAt = new Date(2026, 10, 22, 14, 5).getTime();
    expect(describeSync({ state: 'pending', outcome: outcome('saber.network', {}, retryAt), op: 'create' }, now)).toEqual({
      label: 'Sync pending',
      short: 'Pending',
      tone: 'info',
      message: `Not sent yet: Saber could not be reached. Check your connection. Listwright will try again at ${new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(retryAt)}.`,
    });
    expect(describeSync({ state: 'pending' }, now)).toEqual({ label: 'Sync pending', short: 'Pending', tone: 'info' });
    expect(describeSync({ state: 'error', outcome: outcome('saber.connector', {}), op: 'create' }, now)).toMatchObject({
      tone: 'danger',
      message:
        'Saber could not create the list: Saber could not run its Sales Navigator search: connect Sales Navigator in Saber, then push again.',
    });
    expect(describeSync({ state: 'error', outcome: outcome('saber.keyRejected', {}), op: 'rename' }, now)).toMatchObject({
      message: 'Saber rejected the API key.',
    });
    // An outcome of another version reads as no message, not as a crash.
    expect(describeSync({ state: 'error', outcome: { code: 'saber.fromTheFuture', params: {} } as never }, now)).not.toHaveProperty(
      'message',
    );
    expect(describeSync({ state: 'deletedRemote', remoteId: 'x', outcome: outcome('sync.deletedOnSaber', {}) }, now)).toMatchObject({
      label: 'Deleted on Saber',
    });
  });

  it('shows a recent moment as a time today and as a day before', () => {
    const now = new Date(2026, 10, 22, 15, 30).getTime();
    const earlierToday = new Date(2026, 10, 22, 9, 5).toISOString();
    expect(formatRecent(earlierToday, now)).toBe(new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(earlierToday)));
    const lastWeek = new Date(2026, 10, 15, 9, 5).toISOString();
    expect(formatRecent(lastWeek, now)).toBe(formatDay(lastWeek, now));
    expect(formatRecent('not a date', now)).toBe('');
  });

  it('keeps Saber’s count beside the local one for a pushed list only', () => {
    const pushed = {
      contactCount: 2,
      source: { kind: 'search' as const },
      sync: { state: 'synced' as const, remoteId: 'r', remoteContactCount: 1500 },
    };
    expect(describeSaberCapture(pushed)).toBe('Saber’s capture: 1,500 contacts');
    expect(describeSaberCapture({ ...pushed, sync: { ...pushed.sync, remoteContactCount: 1 } })).toBe('Saber’s capture: 1 contact');
    // A rename waiting to go does not hide it.
    expect(describeSaberCapture({ ...pushed, sync: { ...pushed.sync, state: 'pending' } })).toBe('Saber’s capture: 1,500 contacts');
    expect(describeSaberCapture({ contactCount: 2, sync: { state: 'local' } })).toBeUndefined();
    expect(describeSaberCapture({ ...pushed, sync: { ...pushed.sync, state: 'deletedRemote' } })).toBeUndefined();
    // A pulled list holds Saber's own contacts: the same number says nothing new, a different one does.
    const pulled = { contactCount: 12, source: { kind: 'saber' as const }, sync: { state: 'synced' as const, remoteContactCount: 12 } };
    expect(describeSaberCapture(pulled)).toBeUndefined();
    expect(describeSaberCapture({ ...pulled, sync: { ...pulled.sync, remoteContactCount: 14 } })).toBe('Saber’s capture: 14 contacts');
  });

  it('names the local names that Saber’s name replaced', () => {
    expect(describeLocalNames({ state: 'synced', nameHistory: ['CFOs at Adyen'] })).toBe('Also named locally: “CFOs at Adyen”');
    expect(describeLocalNames({ state: 'synced', nameHistory: ['First', ' ', 'Second'] })).toBe('Also named locally: “First”, “Second”');
    expect(describeLocalNames({ state: 'synced', nameHistory: [] })).toBeUndefined();
    expect(describeLocalNames({ state: 'synced', remoteName: 'Saber name' })).toBeUndefined();
    expect(describeLocalNames(undefined)).toBeUndefined();
  });

  it('reads company URLs and seniority codes as words', () => {
    expect(describeCompany('https://www.linkedin.com/company/stripe')).toBe('stripe');
    expect(describeCompany('https://www.linkedin.com/company/1035')).toBe('Company 1035');
    expect(formatSeniority(['VP', 'SENIOR_MANAGER', 'CXO'])).toBe('VP, Senior manager, CXO');
    expect(formatSeniority(undefined)).toBe('');
  });

  it('names a contact from whatever it has, with initials in any script', () => {
    expect(contactName({ fullName: '  Ada Lovelace ' })).toBe('Ada Lovelace');
    expect(contactName({ firstName: 'Grace', lastName: 'Hopper' })).toBe('Grace Hopper');
    expect(contactName({})).toBe('Unnamed contact');
    expect(initialsOf('Ada Byron Lovelace')).toBe('AL');
    expect(initialsOf('山田太郎')).toBe('山');
    expect(initialsOf('élodie laurent')).toBe('ÉL');
    expect(initialsOf('😀 Smile')).toBe('😀S');
  });

  it('gives every name a stable hue', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const hue = hueOf(name);
        expect(hue).toBe(hueOf(name));
        expect(hue).toBeGreaterThanOrEqual(0);
        expect(hue).toBeLessThan(360);
      }),
    );
  });
});

describe('job progress, outcomes and advice', () => {
  const NOW = Date.parse('2026-11-22T12:00:00Z');
  const job = (patch: Partial<JobRecord>): JobRecord => ({
    id: 'j',
    kind: 'capture.search',
    status: 'done',
    params: {},
    phase: 'commit',
    progress: { done: 0, total: 0, contacts: 0 },
    attempts: 0,
    createdAt: '2026-11-22T11:00:00.000Z',
    updatedAt: '2026-11-22T11:00:00.000Z',
    ...patch,
  });

  it('describes progress by pages for captures and by steps for Saber', () => {
    expect(describeProgress({ kind: 'capture.search', progress: { done: 3, total: 5, contacts: 75 } })).toBe('Page 3 of 5 · 75 contacts');
    expect(describeProgress({ kind: 'saber.pull', progress: { done: 1, total: 4, contacts: 0 } })).toBe('Step 1 of 4');
    expect(describeProgress({ kind: 'capture.search', progress: { done: 0, total: 0, contacts: 0 } })).toBe('');
  });

  it('titles a job from its kind and subject', () => {
    expect(describeJobTitle({ kind: 'capture.search', subject: 'VP Sales at Stripe' })).toBe('Capturing “VP Sales at Stripe”');
    expect(describeJobTitle({ kind: 'saber.outbox' })).toBe('Sending changes to Saber');
    expect(describeJobTitle({ kind: 'refresh.list', subject: 'VP Sales at Stripe' })).toBe('Refreshing “VP Sales at Stripe”');
    expect(describeJobTitle({ kind: 'refresh.leavers', subject: 'VP Sales at Stripe' })).toBe('Checking leavers of “VP Sales at Stripe”');
    expect(describeJobTitle({ kind: 'retired.kind' })).toBe('A job of an older or newer version');
    expect(describeJobTitle({ kind: 'network.connections', subject: 'LinkedIn connections' })).toBe('Exporting your LinkedIn connections');
    expect(describeJobTitle({ kind: 'network.addressBook' })).toBe('Exporting your LinkedIn address book');
    expect(describeJobTitle({ kind: 'network.connectionsCsv', subject: 'Connections.csv' })).toBe('Importing “Connections.csv”');
  });

  it('words every outcome code, with parameters of the right shape', () => {
    for (const code of OUTCOME_CODES) {
      const text = describeOutcome({ code, params: sampleParams(code), retryAt: NOW + 60_000 } as never, NOW);
      expect(text, code).toMatch(/\S/);
      expect(text, code).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it('words a network of 30,000 as days at the budget, and lists skipped rows by line', () => {
    expect(describeOutcome(outcome('connections.reading', { read: 1_240, perDay: 4_000 }), NOW)).toBe(
      '1,240 connections read. At 4,000 a day (your daily page budget), a large network takes days: 30,000 connections take about 8 days, and the export goes on by itself after midnight',
    );
    expect(describeOutcome(outcome('connections.reading', { read: 1 }), NOW)).toBe('1 connection read');
    expect(describeSkippedRows([{ line: 6, code: 'missing_name', field: 'First Name' }])).toBe('Skipped line 6 (no name).');
    expect(
      describeSkippedRows(
        [
          { line: 6, code: 'duplicate' },
          { line: 9, code: 'later' },
        ],
        1_200,
      ),
    ).toBe('Skipped line 6 (the same person again), line 9 (unreadable) and 1,198 more.');
    expect(describeSkippedRows([])).toBe('');
  });

  it('says what an ended job did, and that a failed capture saved nothing', () => {
    expect(describeJobResult(job({ outcome: outcome('capture.done', { contacts: 125, matched: 1234 }) }), NOW)).toBe(
      '125 contacts captured (1,234 matched)',
    );
    const refused = toStoredError(failure('connector_error', 'linkedin.noSeat', {}));
    expect(describeJobResult(job({ status: 'failed', error: refused }), NOW)).toBe(
      'This LinkedIn account has no active Sales Navigator seat. Capturing lists needs a Sales Navigator licence. Nothing was saved.',
    );
    expect(
      describeJobResult(
        job({ kind: 'saber.pull', status: 'failed', error: toStoredError(failure('unauthorized', 'saber.keyRejected', {})) }),
        NOW,
      ),
    ).toBe('Saber rejected the API key.');
    expect(describeJobResult(job({ status: 'done' }), NOW)).toBe('Finished.');
  });

  it('says a failed refresh left the list as it was, and what a finished one changed', () => {
    const rejected = toStoredError(failure('upstream_error', 'linkedin.rejected', { status: 400 }));
    expect(describeJobResult(job({ kind: 'refresh.list', status: 'failed', error: rejected }), NOW)).toBe(
      'LinkedIn rejected the request (error 400). The list is unchanged.',
    );
    const done = outcome('refresh.done', { contacts: 40, matched: 40, joined: 2, left: 2, changed: 1 });
    expect(describeJobResult(job({ kind: 'refresh.list', outcome: done }), NOW)).toBe(
      '40 contacts (40 matched): 2 joined, 2 left, 1 changed',
    );
  });

  it('says what a waiting job waits for', () => {
    const until = NOW + 60_000;
    const busy = job({ status: 'waiting', notBefore: until, outcome: outcome('linkedin.busy', {}, until) });
    expect(describeJobStatus(busy, NOW)).toMatch(/^Pausing between LinkedIn requests until .+\.$/);
    const retrying = job({
      status: 'waiting',
      notBefore: until,
      error: toStoredError(failure('rate_limited', 'linkedin.rateLimited', { attempt: 2, of: 3 }, { retryAt: until })),
    });
    expect(describeJobStatus(retrying, NOW)).toMatch(/^LinkedIn asked us to slow down\. Trying again at .+ \(retry 2 of 3\)\.$/);
    expect(describeJobStatus(job({ status: 'queued' }), NOW)).toBe('Queued');
    expect(describeJobStatus(job({ status: 'running', cancelRequested: true }), NOW)).toBe('Cancelling…');
  });

  it('advises by the reason, so each service gets its own words', () => {
    expect(hintFor({ error: 'connector_error', reason: { code: 'linkedin.loggedOut', params: {} } }, NOW)).toMatch(/log in/);
    expect(hintFor({ error: 'unauthorized', reason: { code: 'saber.keyRejected', params: {} } }, NOW)).toBe(
      'Check your Saber API key in Settings, then try again.',
    );
    expect(hintFor({ error: 'rate_limited', reason: { code: 'linkedin.rateLimited', params: {} }, retryAt: NOW + 60_000 }, NOW)).toMatch(
      /^LinkedIn asked to slow down\. Wait until .+, then try again\.$/,
    );
    expect(hintFor({ error: 'rate_limited', retryAt: NOW - 1 }, NOW)).toBe(
      'LinkedIn asked to slow down. Wait a few minutes, then try again.',
    );
    expect(hintFor({ error: 'upstream_error', reason: { code: 'linkedin.rejected', params: { status: 400 } } }, NOW)).not.toMatch(
      /few minutes/,
    );
    expect(hintFor({ error: 'upstream_error', reason: { code: 'linkedin.serverError', params: { status: 503 } } }, NOW)).toBe(
      'The service had a problem. Try again in a few minutes.',
    );
    expect(hintFor({ error: 'not_available' }, NOW)).toBeUndefined();
    expect(hintFor({ error: 'cancelled' }, NOW)).toBeUndefined();
    expect(hintFor({ error: 'internal_error' }, NOW)).toBe('Try again. If it keeps failing, reload the panel.');
  });

  it('a Saber rate limit never gets the LinkedIn advice', () => {
    const limited = { error: 'rate_limited' as const, reason: { code: 'saber.rateLimited' as const, params: {} } };
    expect(hintFor({ ...limited, retryAt: NOW + 60_000 }, NOW)).toMatch(/^Saber asked to slow down\./);
    expect(hintFor(limited, NOW)).not.toMatch(/LinkedIn/);
  });

  it('reads a stored outcome only when it is this version’s', () => {
    expect(readOutcome({ code: 'capture.done', params: { contacts: 1, matched: 2 } })).toEqual({
      code: 'capture.done',
      params: { contacts: 1, matched: 2 },
    });
    expect(readOutcome({ code: 'nope', params: {} })).toBeUndefined();
    expect(readOutcome({ code: 'capture.done', params: { contacts: { nested: true } } })).toBeUndefined();
    expect(readOutcome('capture.done')).toBeUndefined();
  });
});

/** Parameters of the right types for any code, for the wording test. */
function sampleParams(code: string): Record<string, string | number | boolean> {
  const numbers = [
    'status',
    'seconds',
    'budget',
    'done',
    'total',
    'contacts',
    'matched',
    'sent',
    'remaining',
    'read',
    'download',
    'imported',
    'refreshed',
    'renamed',
    'deleted',
    'stored',
    'planned',
    'joined',
    'left',
    'changed',
    'checked',
    'found',
    'notFound',
    'polls',
    'added',
    'removed',
    'minutes',
    'skipped',
    'perDay',
    'line',
    'max',
    'megabytes',
    'tries',
    'pages',
  ];
  const params: Record<string, string | number | boolean> = {};
  for (const key of numbers) params[key] = 3;
  Object.assign(params, {
    endpoint: 'salesApiLeadSearch',
    url: 'https://www.linkedin.com/company/stripe',
    country: 'FR',
    origin: 'https://staging.saber.app',
    what: 'lists',
    name: 'A list',
    kind: 'some.kind',
    leadListName: 'Q4',
    text: 'Legacy words',
    field: 'name',
    errorCode: 'internal_error',
    source: 'saber',
    missing: 'URL',
  });
  if (code === 'addressBook.unknownStatus') params.status = 'PAUSED';
  if (code === 'saber.timeout') delete params.seconds;
  return params;
}

describe('routes', () => {
  it('read the hash, with the lists as the default', () => {
    expect(parseRoute('')).toEqual({ view: 'lists' });
    expect(parseRoute('#/lists')).toEqual({ view: 'lists' });
    expect(parseRoute('#/new')).toEqual({ view: 'new' });
    expect(parseRoute('#/settings')).toEqual({ view: 'settings' });
    expect(parseRoute('#/lists/abc-123')).toEqual({ view: 'list', listId: 'abc-123' });
    expect(parseRoute('#/lists/%E0%A4%A')).toEqual({ view: 'lists' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'lists' });
    expect(parseRoute('#/lists/abc-123/versions/2')).toEqual({ view: 'version', listId: 'abc-123', version: 2 });
    for (const odd of ['0', '-1', '1.5', '02', 'x', '']) {
      expect(parseRoute(`#/lists/abc-123/versions/${odd}`), odd).toEqual({ view: 'list', listId: 'abc-123' });
    }
  });

  it('round-trip any list id and version through the hash', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 999_999_999 }), (listId, version) => {
        const route: Route = { view: 'version', listId, version };
        expect(parseRoute(routeHref(route))).toEqual(route);
      }),
    );
  });

  it('round-trip any list id through the hash', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (listId) => {
        const route: Route = { view: 'list', listId };
        expect(parseRoute(routeHref(route))).toEqual(route);
      }),
    );
  });
});

describe('a list saved without some of its pages', () => {
  it('says which pages it lacks, counting from 1', () => {
    expect(describePartial(undefined)).toBeUndefined();
    expect(describePartial({ missingPages: [] })).toBeUndefined();
    expect(describePartial({ missingPages: [2] })).toBe('Partial: page 3 was not read');
    expect(describePartial({ missingPages: [2, 3, 4] })).toBe('Partial: pages 3, 4 and 5 were not read');
  });
});
