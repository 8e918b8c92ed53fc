import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hintFor } from '../../../components/error-hints';
import {
  contactName,
  describeCompany,
  describeLocalNames,
  describeSaberCapture,
  describeSource,
  describeSync,
  formatCount,
  formatDay,
  formatRecent,
  formatSeniority,
  hueOf,
  initialsOf,
} from '../../../components/format';
import { describeProgress } from '../../../components/jobs-area';
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
    expect(describeSource({ kind: 'saber' })).toBe('Pulled from Saber');
    expect(describeSource(undefined)).toBe('Added in this browser');
  });

  it('says how a list stands with Saber, with the time of the last sync or the stored message', () => {
    expect(describeSync(undefined)).toEqual({ label: 'Only in this browser', short: 'Local only', tone: 'neutral' });
    expect(describeSync({ state: 'local' })).toEqual(describeSync(undefined));
    expect(describeSync({ state: 'synced', remoteId: 'x', syncedAt: '2026-11-20T08:15:00.000Z', message: 'stale' })).toEqual({
      label: 'Synced with Saber',
      short: 'Synced',
      tone: 'success',
      syncedAt: '2026-11-20T08:15:00.000Z',
    });
    expect(describeSync({ state: 'synced', remoteId: 'x' })).toEqual({ label: 'Synced with Saber', short: 'Synced', tone: 'success' });
    const waiting = 'Not sent yet: Saber could not be reached. Listwright will try again at 14:05:12.';
    expect(describeSync({ state: 'pending', message: waiting })).toEqual({ label: 'Sync pending', short: 'Pending', tone: 'info', message: waiting });
    expect(describeSync({ state: 'pending' })).toEqual({ label: 'Sync pending', short: 'Pending', tone: 'info' });
    expect(describeSync({ state: 'error', message: ' Saber rejected the API key ' })).toEqual({
      label: 'Sync failed',
      short: 'Error',
      tone: 'danger',
      message: 'Saber rejected the API key',
    });
    expect(describeSync({ state: 'error', message: '  ' })).not.toHaveProperty('message');
    // The stored "Deleted on Saber" would only repeat the badge.
    expect(describeSync({ state: 'deletedRemote', remoteId: 'x', message: 'Deleted on Saber' })).toEqual({
      label: 'Deleted on Saber',
      short: 'Deleted on Saber',
      tone: 'warning',
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
    const pushed = { contactCount: 2, source: { kind: 'search' as const }, sync: { state: 'synced' as const, remoteId: 'r', remoteContactCount: 1500 } };
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

describe('job progress and advice', () => {
  it('describes progress by pages for captures and by steps for Saber', () => {
    expect(describeProgress({ kind: 'capture.search', progress: { done: 3, total: 5, contacts: 75 } })).toBe('Page 3 of 5 · 75 contacts');
    expect(describeProgress({ kind: 'saber.pull', progress: { done: 1, total: 4, contacts: 0 } })).toBe('Step 1 of 4');
    expect(describeProgress({ kind: 'capture.search', progress: { done: 0, total: 0, contacts: 0 } })).toBe('');
  });

  it('advises by error code and by service', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(hintFor({ error: 'connector_error' }, now)).toMatch(/log in/);
    expect(hintFor({ error: 'unauthorized' }, now, 'saber')).toBe('Check your Saber API key in Settings, then try again.');
    expect(hintFor({ error: 'unauthorized' }, now, 'linkedin')).toBe('Log in to LinkedIn in this browser, then start again.');
    expect(hintFor({ error: 'rate_limited', retryAt: now + 60_000 }, now)).toMatch(/^LinkedIn asked to slow down\. Wait until .+, then try again\.$/);
    expect(hintFor({ error: 'rate_limited', retryAt: now - 1 }, now)).toBe('LinkedIn asked to slow down. Wait a few minutes, then try again.');
    expect(hintFor({ error: 'not_available' }, now)).toBeUndefined();
    expect(hintFor({ error: 'cancelled' }, now)).toBeUndefined();
    expect(hintFor({ error: 'something_new' }, now)).toBe('Try again. If it keeps failing, reload the panel.');
  });
});

describe('routes', () => {
  it('read the hash, with the lists as the default', () => {
    expect(parseRoute('')).toEqual({ view: 'lists' });
    expect(parseRoute('#/lists')).toEqual({ view: 'lists' });
    expect(parseRoute('#/new')).toEqual({ view: 'new' });
    expect(parseRoute('#/settings')).toEqual({ view: 'settings' });
    expect(parseRoute('#/lists/abc-123')).toEqual({ view: 'list', listId: 'abc-123' });
    expect(parseRoute('#/lists/%E0%A4%A')).toEqual({ view: 'lists' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'lists' });
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
