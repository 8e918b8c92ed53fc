import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProspectDb } from '../../../lib/db/database';
import { CAPTURE_KIND, LEAD_LIST_KIND } from '../../../lib/jobs/capture';
import { failureForStatus } from '../../../lib/linkedin/failures';
import { captureRequestSchema } from '../../../lib/model/capture-request';
import type { ApiError } from '../../../lib/model/errors';
import { nextLocalMidnight } from '../../../lib/model/dates';
import { LINKEDIN_COOL_DOWNS_MS, LINKEDIN_RETRY } from '../../../lib/model/retry';
import { leadListQuery } from '../../../lib/linkedin/prepare-search';
import { contactListItemSchema, contactListSchema } from '../../../lib/model/schemas';
import { closeAll, createHarness, failures, lead, leads, STRIPE_REQUEST } from './capture-harness';

afterEach(closeAll);

const members = (items: { baseContactId: string }[]) => items.map((item) => item.baseContactId);
const urns = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `urn:li:member:${1000 + from + i}`);

describe('capture from filters', () => {
  it('captures 5 pages of 25 in search order, with the match count, in one commit', async () => {
    const h = createHarness();
    const jobId = await h.startCapture();
    const job = await h.settle(jobId);

    expect(job).toMatchObject({
      kind: CAPTURE_KIND,
      subject: 'VP Sales at Stripe',
      status: 'done',
      outcome: { code: 'capture.done', params: { contacts: 125, matched: 1234 } },
      text: '125 contacts captured (1,234 matched)',
      progress: { done: 5, total: 5, contacts: 125 },
    });
    expect(h.linkedIn.sessionChecks).toHaveLength(1);
    expect(h.linkedIn.searches.map(({ start, count }) => [start, count])).toEqual([
      [0, 25],
      [25, 25],
      [50, 25],
      [75, 25],
      [100, 25],
    ]);
    const { lists, items, baseContacts, staged } = await h.stored();
    expect(lists).toHaveLength(1);
    const [list] = lists;
    expect(contactListSchema.parse(list)).toMatchObject({
      id: job.resultListId,
      name: 'VP Sales at Stripe',
      contactCount: 125,
      matchedCount: 1234,
      source: { kind: 'search' },
      filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
    });
    expect(members(items)).toEqual(urns(0, 125));
    for (const item of items) contactListItemSchema.parse(item);
    expect(items[0]).toMatchObject({ fullName: 'First0 Last0', role: 'VP Sales', companyName: 'Stripe' });
    expect(baseContacts).toBe(125);
    expect(staged).toBe(0);
    expect((await h.linkedInStatus()).pagesUsedToday).toBe(5);
  });

  it('paces requests by the Settings pause and shows progress while it runs', async () => {
    const h = createHarness({ settings: { pacingMinSeconds: 2, pacingMaxSeconds: 4 }, random: () => 0.25 });
    const progress: { done: number; contacts: number }[] = [];
    h.linkedIn.script.onSearch = () => {
      void h.db.jobs.toArray().then(([job]) => job && progress.push(job.progress));
      return undefined;
    };
    const jobId = await h.startCapture();
    await h.settle(jobId);
    const times = h.linkedIn.searches.map((call) => call.at);
    // 2 s + (4 - 2) s × 0.25 = 2.5 s between any two requests on the fake clock.
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(2500);
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4]);
    expect(progress.map((p) => p.contacts)).toEqual([0, 25, 50, 75, 100]);
  });

  it('drops a lead LinkedIn shows on two pages and fills the list from the next page', async () => {
    const results = leads(100);
    const h = createHarness({
      script: {
        results,
        // Page 2 repeats three leads of page 1 (a search that shifted while paged).
        pageOverride: (start) => (start === 25 ? [lead(3), lead(7), lead(11), ...results.slice(28, 50)] : undefined),
      },
    });
    const jobId = await h.startCapture({ ...STRIPE_REQUEST, size: 50 });
    const job = await h.settle(jobId);
    const { items } = await h.stored();
    expect(new Set(members(items)).size).toBe(50);
    expect(members(items)).toEqual([...urns(0, 25), ...urns(28, 50), ...urns(50, 53)]);
    expect(h.linkedIn.searches.map((call) => call.start)).toEqual([0, 25, 50]);
    expect(job.text).toBe('50 contacts captured (100 matched)');
  });

  it('stops at the end of the results when fewer match than asked', async () => {
    const h = createHarness({ script: { results: leads(40) } });
    const job = await h.settle(await h.startCapture());
    expect(job).toMatchObject({ status: 'done', text: '40 contacts captured (40 matched)', progress: { done: 2, total: 2 } });
    expect(h.linkedIn.searches).toHaveLength(2);
  });

  it('commits an empty list when nothing matches', async () => {
    const h = createHarness({ script: { results: [] } });
    const job = await h.settle(await h.startCapture());
    expect(job).toMatchObject({ status: 'done', text: '0 contacts captured (0 matched)' });
    const { lists } = await h.stored();
    expect(lists[0]).toMatchObject({ contactCount: 0, matchedCount: 0 });
  });

  it('asks for no more than LinkedIn serves (2,500)', { timeout: 30_000 }, async () => {
    const h = createHarness({ settings: { dailyPageBudget: 1000 }, script: { results: leads(2600), total: 90_000 } });
    const job = await h.settle(await h.startCapture({ ...STRIPE_REQUEST, size: 2500 }));
    expect(job.text).toBe('2,500 contacts captured (90,000 matched)');
    expect(h.linkedIn.searches).toHaveLength(100);
    expect(Math.max(...h.linkedIn.searches.map((call) => call.start))).toBe(2475);
  });

  it('replays a Sales Navigator search and records it as the source', async () => {
    const query = '(spellCorrectionEnabled:true,keywords:revenue%20ops)';
    const h = createHarness();
    const job = await h.settle(await h.startCapture({ ...STRIPE_REQUEST, salesNavigatorQuery: query }));
    expect(job.status).toBe('done');
    expect(h.linkedIn.searches[0]?.query).toBe(query);
    expect((await h.stored()).lists[0]?.source).toEqual({ kind: 'salesNavigatorQuery', query, size: 125 });
  });

  it('cancel mid-way stores nothing', async () => {
    const h = createHarness();
    const jobId = await h.startCapture();
    h.linkedIn.script.onSearch = (call) => {
      if (call === 2) void h.runner.cancel(jobId);
      return undefined;
    };
    const job = await h.settle(jobId);
    expect(job).toMatchObject({ status: 'cancelled', text: 'Cancelled; nothing was saved.' });
    expect(await h.stored()).toEqual({ lists: [], items: [], baseContacts: 0, staged: 0 });
  });

  it('a worker that dies mid-page resumes from the record without staging a page twice', async () => {
    const results = leads(1234);
    // After the restart a page repeats a lead staged before it: the new worker must know.
    const h = createHarness({
      script: { results, pageOverride: (start) => (start === 75 ? [lead(3), ...results.slice(76, 100)] : undefined) },
    });
    let died = false;
    h.linkedIn.script.onSearch = (_call, start) => {
      if (start === 50 && !died) {
        died = true;
        return 'hang';
      }
      return undefined;
    };
    const jobId = await h.startCapture();
    void h.runner.pump();
    await vi.waitFor(
      async () => {
        expect(await h.db.jobs.get(jobId)).toMatchObject({ status: 'running', phase: 'pages', state: { nextPage: 2 } });
        expect(died).toBe(true);
      },
      { timeout: 5000, interval: 5 },
    );

    // A new worker: a new runner over the same database, nothing in memory.
    const restarted = h.restartWorker();
    await restarted.resume();
    for (let i = 0; i < 50 && (await h.db.jobs.get(jobId))?.status !== 'done'; i += 1) {
      h.advanceTo((await h.db.jobs.get(jobId))?.notBefore ?? 0);
      await restarted.pump();
    }
    const job = await h.db.jobs.get(jobId);
    expect(job).toMatchObject({ status: 'done', outcome: { code: 'capture.done', params: { contacts: 125, matched: 1234 } } });
    expect(h.linkedIn.searches.map((call) => call.start)).toEqual([0, 25, 50, 50, 75, 100, 125]);
    const { items, staged } = await h.stored();
    expect(members(items)).toEqual([...urns(0, 75), ...urns(76, 126)]);
    expect(staged).toBe(0);
  });
});

describe('company lookups', () => {
  const companies = {
    stripe: { id: '2135371', name: 'Stripe' },
    adyen: { id: '27152', name: 'Adyen' },
    klarna: { id: '1029935', name: 'Klarna' },
  };
  const request = {
    ...STRIPE_REQUEST,
    filters: {
      ...STRIPE_REQUEST.filters,
      companyLinkedInUrls: [
        'linkedin.com/company/stripe',
        'linkedin.com/company/1035',
        'linkedin.com/company/adyen',
        'linkedin.com/company/klarna',
      ],
    },
  };

  it('are paced like pages, shown as progress, and cached for the next capture', async () => {
    const h = createHarness({ settings: { pacingMinSeconds: 2, pacingMaxSeconds: 4 }, random: () => 0.25, script: { companies } });
    const messages: (string | undefined)[] = [];
    h.linkedIn.script.onResolve = () => {
      void h.db.jobs.toArray().then(([job]) => messages.push(job && h.withText(job).text));
      return undefined;
    };
    const first = await h.settle(await h.startCapture(request));
    expect(first).toMatchObject({ status: 'done', text: '125 contacts captured (1,234 matched)' });
    expect(h.linkedIn.lookups.map((lookup) => lookup.slug)).toEqual(['stripe', 'adyen', 'klarna']);
    const times = [h.linkedIn.sessionChecks[0]!, ...h.linkedIn.lookups.map((lookup) => lookup.at), h.linkedIn.searches[0]!.at];
    // 2 s + (4 - 2) s × 0.25 = 2.5 s between any two requests on the fake clock.
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(2500);
    expect(messages).toEqual([
      undefined,
      'Looking up the companies and countries on LinkedIn (1 of 4)',
      'Looking up the companies and countries on LinkedIn (3 of 4)',
    ]);
    expect(h.linkedIn.searches[0]!.query).toContain(
      'values:List((id:urn%3Ali%3Aorganization%3A2135371,text:Stripe,selectionType:INCLUDED),' +
        '(id:urn%3Ali%3Aorganization%3A1035,selectionType:INCLUDED),' +
        '(id:urn%3Ali%3Aorganization%3A27152,text:Adyen,selectionType:INCLUDED),' +
        '(id:urn%3Ali%3Aorganization%3A1029935,text:Klarna,selectionType:INCLUDED))',
    );

    const second = await h.settle(await h.startCapture({ ...request, name: 'Again' }));
    expect(second.status).toBe('done');
    expect(h.linkedIn.lookups).toHaveLength(3);
    expect(h.linkedIn.searches[5]!.query).toBe(h.linkedIn.searches[0]!.query);
  });

  it('a worker stopped mid-lookup resumes without asking again for the companies already looked up', async () => {
    let hung = false;
    const h = createHarness({
      script: {
        companies,
        onResolve: (slug) => {
          if (slug !== 'adyen' || hung) return undefined;
          hung = true;
          return 'hang';
        },
      },
    });
    const jobId = await h.startCapture(request);
    void h.runner.pump();
    await vi.waitFor(
      async () => {
        expect(await h.db.jobs.get(jobId)).toMatchObject({ status: 'running', phase: 'resolve' });
        expect(hung).toBe(true);
      },
      { timeout: 5000, interval: 5 },
    );

    const restarted = h.restartWorker();
    await restarted.resume();
    for (let i = 0; i < 50 && (await h.db.jobs.get(jobId))?.status !== 'done'; i += 1) {
      h.advanceTo((await h.db.jobs.get(jobId))?.notBefore ?? 0);
      await restarted.pump();
    }
    expect(await h.db.jobs.get(jobId)).toMatchObject({
      status: 'done',
      outcome: { code: 'capture.done', params: { contacts: 125, matched: 1234 } },
    });
    expect(h.linkedIn.lookups.map((lookup) => lookup.slug)).toEqual(['stripe', 'adyen', 'adyen', 'klarna']);
    expect(h.linkedIn.sessionChecks).toHaveLength(1);
  });

  it('a rate limit during a lookup is waited out like one during a page', async () => {
    const h = createHarness({ script: { companies } });
    let refused = false;
    h.linkedIn.script.onResolve = (slug) => {
      if (slug !== 'adyen' || refused) return undefined;
      refused = true;
      return failures.rateLimited(h.clock() + 60_000);
    };
    const jobId = await h.startCapture(request);
    const job = await h.settle(jobId);
    expect(job.status).toBe('done');
    const [stripe, adyen, adyenAgain] = h.linkedIn.lookups;
    expect([stripe?.slug, adyen?.slug, adyenAgain?.slug]).toEqual(['stripe', 'adyen', 'adyen']);
    expect(adyenAgain!.at - adyen!.at).toBeGreaterThanOrEqual(60_000);
  });
});

describe('capture failures: a plain message, no list, the pages read so far kept', () => {
  it('logged out or no seat fails as a connector error before any search', async () => {
    const h = createHarness({ script: { session: failures.loggedOut } });
    const job = await h.settle(await h.startCapture());
    expect(job).toMatchObject({
      status: 'failed',
      error: { error: 'connector_error', status: 424 },
      text: 'You are not logged in to LinkedIn in this browser. Log in to Sales Navigator, then try again. Nothing was saved.',
    });
    expect(h.linkedIn.searches).toHaveLength(0);
    expect(await h.stored()).toEqual({ lists: [], items: [], baseContacts: 0, staged: 0 });
  });

  it('an unknown company fails naming the field, before any search', async () => {
    const h = createHarness();
    const job = await h.settle(
      await h.startCapture({
        ...STRIPE_REQUEST,
        filters: {
          ...STRIPE_REQUEST.filters,
          companyLinkedInUrls: ['linkedin.com/company/stripe', 'linkedin.com/company/no-such-company'],
        },
      }),
    );
    expect(job).toMatchObject({ status: 'failed', error: { error: 'not_found', details: [{ field: 'filters.companyLinkedInUrls[1]' }] } });
    expect(h.linkedIn.searches).toHaveLength(0);
  });

  it('a 401 mid-job fails as a connector error and keeps the pages read so far', async () => {
    const h = createHarness({ script: { onSearch: (call) => (call === 2 ? failures.expired() : undefined) } });
    const job = await h.settle(await h.startCapture());
    expect(job).toMatchObject({ status: 'failed', error: { error: 'connector_error' } });
    expect(job.text).toMatch(/ Nothing was saved yet: the 2 pages read so far are kept\.$/);
    expect(h.linkedIn.searches).toHaveLength(3);
    expect(await h.stored()).toEqual({ lists: [], items: [], baseContacts: 0, staged: 2 });
  });

  it('a 429 with Retry-After waits at least that long, then carries on', async () => {
    const start = Date.parse('2026-11-22T10:00:00Z');
    let retryAt = 0;
    const h = createHarness({
      start,
      script: {
        onSearch: (call) => {
          if (call !== 1) return undefined;
          retryAt = h.clock() + 45_000;
          return failures.rateLimited(retryAt);
        },
      },
    });
    const jobId = await h.startCapture();
    const messages: (string | undefined)[] = [];
    const job = await h.settle(jobId, (waiting) => void messages.push(waiting.text));
    expect(job).toMatchObject({ status: 'done', text: '125 contacts captured (1,234 matched)', attempts: 0 });
    expect(job.error).toBeUndefined();
    expect(h.linkedIn.searches[2]!.at).toBeGreaterThanOrEqual(retryAt);
    expect(messages.some((m) => /^LinkedIn asked us to slow down\. Trying again at .+ \(retry 1 of 3\)\.$/.test(m ?? ''))).toBe(true);
    expect(h.wakes.length).toBeGreaterThan(0);
    expect((await h.stored()).items).toHaveLength(125);
  });

  it('repeated 429s fail the job with rate_limited and a cool-down that holds new captures, then waits for Resume', async () => {
    const h = createHarness({ script: { onSearch: (call) => (call >= 1 ? failures.rateLimited() : undefined) } });
    const job = await h.settle(await h.startCapture());
    expect(job).toMatchObject({ status: 'failed', error: { error: 'rate_limited', status: 429 } });
    expect(h.linkedIn.searches).toHaveLength(2 + LINKEDIN_RETRY.rateLimited.retries);
    expect(job.text).toMatch(
      /^LinkedIn asked us to slow down\. LinkedIn work is paused until .+; after that it waits for you to press Resume\. Nothing was saved yet: the 1 page read so far is kept\.$/,
    );
    const { coolDownUntil } = await h.linkedInStatus();
    expect(coolDownUntil).toBe(job.error?.retryAt);
    expect(coolDownUntil! - h.clock()).toBe(LINKEDIN_COOL_DOWNS_MS[0]);
    expect(await h.stored()).toEqual({ lists: [], items: [], baseContacts: 0, staged: 1 });

    await expect(h.startCapture()).rejects.toMatchObject({ error: 'rate_limited', retryAt: coolDownUntil });
    await expect(h.service.listLeadLists()).rejects.toMatchObject({ error: 'rate_limited' });
    h.advanceTo(coolDownUntil!);
    h.linkedIn.script.onSearch = undefined;
    // The cool-down is over, and LinkedIn work waits for the user.
    await expect(h.startCapture()).rejects.toMatchObject({ error: 'rate_limited', reason: { code: 'linkedin.resumeNeeded' } });
    await expect(h.service.listLeadLists()).rejects.toMatchObject({ reason: { code: 'linkedin.resumeNeeded' } });
    await h.pause.resume();
    expect((await h.settle(await h.startCapture())).status).toBe('done');
  });

  it('a Retry-After too long to wait out inside a job fails at once and cools down until then', async () => {
    const h = createHarness();
    const until = h.clock() + 3 * 60 * 60_000;
    h.linkedIn.script.onSearch = () => failures.rateLimited(until);
    const job = await h.settle(await h.startCapture());
    expect(job).toMatchObject({ status: 'failed', error: { error: 'rate_limited', retryAt: until } });
    expect(h.linkedIn.searches).toHaveLength(1);
    expect((await h.linkedInStatus()).coolDownUntil).toBe(until);
  });

  it('a job queued behind a cool-down waits for its end and then for Resume before asking LinkedIn anything', async () => {
    const h = createHarness({ script: { onSearch: (call) => (call < 4 ? failures.rateLimited() : undefined) } });
    const first = await h.startCapture();
    const second = await h.startCapture({ ...STRIPE_REQUEST, name: 'Second' });
    expect((await h.settle(first)).status).toBe('failed');
    const { coolDownUntil } = await h.linkedInStatus();
    let resumedAt: number | undefined;
    const seen: (string | undefined)[] = [];
    const done = await h.settle(second, async (waiting) => {
      seen.push(waiting.outcome?.code);
      // A day after the cool-down ended the job still waits, having sent nothing; then the user resumes.
      if (waiting.outcome?.code === 'linkedin.resumeNeeded' && h.clock() > coolDownUntil! + 24 * 60 * 60_000) {
        resumedAt = h.clock();
        await h.pause.resume();
      }
    });
    expect(done.status).toBe('done');
    expect(seen).toContain('linkedin.coolingDown');
    expect(h.linkedIn.searches).toHaveLength(4 + 5);
    expect(resumedAt).toBeGreaterThan(coolDownUntil!);
    expect(h.linkedIn.searches.slice(4).every((call) => call.at >= resumedAt!)).toBe(true);
    expect(h.linkedIn.sessionChecks).toHaveLength(2);
    expect(h.linkedIn.sessionChecks[1]).toBeGreaterThanOrEqual(resumedAt!);
  });

  it('5xx errors are retried with backoff, then the job fails', async () => {
    const h = createHarness({ script: { onSearch: (call) => (call >= 1 ? failures.upstream() : undefined) } });
    const job = await h.settle(await h.startCapture());
    expect(h.linkedIn.searches).toHaveLength(2 + LINKEDIN_RETRY.transient.retries);
    expect(job).toMatchObject({
      status: 'failed',
      error: { error: 'upstream_error', status: 502 },
      text: `LinkedIn had a problem answering (error 503). Gave up after ${LINKEDIN_RETRY.transient.retries + 1} attempts. Nothing was saved yet: the 1 page read so far is kept.`,
    });
    // The waits between the attempts at the failing page grow.
    const times = h.linkedIn.searches.slice(1).map((call) => call.at);
    const gaps = times.slice(1).map((at, i) => at - times[i]!);
    expect(gaps).toHaveLength(LINKEDIN_RETRY.transient.retries);
    for (let i = 1; i < gaps.length; i += 1) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]!);
    expect(await h.stored()).toEqual({ lists: [], items: [], baseContacts: 0, staged: 1 });
  });

  it('a 5xx that clears up within the retries costs nothing', async () => {
    const h = createHarness({ script: { onSearch: (call) => (call === 3 || call === 4 ? failures.upstream() : undefined) } });
    const job = await h.settle(await h.startCapture());
    expect(job).toMatchObject({ status: 'done', attempts: 0 });
    expect(members((await h.stored()).items)).toEqual(urns(0, 125));
  });

  it('a response that does not parse fails at once as linkedin_format_changed', async () => {
    const h = createHarness({ script: { onSearch: (call) => (call === 3 ? failures.formatChanged() : undefined) } });
    const job = await h.settle(await h.startCapture());
    expect(job).toMatchObject({ status: 'failed', error: { error: 'linkedin_format_changed' } });
    expect(h.linkedIn.searches).toHaveLength(4);
    expect(await h.stored()).toEqual({ lists: [], items: [], baseContacts: 0, staged: 3 });
  });
});

describe('daily page budget', () => {
  it('refuses a new capture up front when nothing is left today', async () => {
    const h = createHarness({ settings: { dailyPageBudget: 5 } });
    expect((await h.settle(await h.startCapture())).status).toBe('done');
    await expect(h.startCapture()).rejects.toMatchObject({
      error: 'daily_budget_exhausted',
      status: 429,
      retryAt: nextLocalMidnight(h.clock()),
    });
    await expect(h.service.startLeadList({ leadListId: '1', leadListName: 'x', name: 'x' })).rejects.toMatchObject({
      error: 'daily_budget_exhausted',
    });
  });

  it('waits for the next local midnight when the budget runs out mid-way, and can be cancelled there', async () => {
    const h = createHarness({ settings: { dailyPageBudget: 3 } });
    const jobId = await h.startCapture();
    let waiting: { text?: string; notBefore?: number; status: string } | undefined;
    const job = await h.settle(jobId, async (current) => {
      if (current.text?.startsWith('Today’s LinkedIn page budget')) {
        waiting = current;
        await h.runner.cancel(jobId);
      }
    });
    expect(waiting).toMatchObject({
      status: 'waiting',
      notBefore: nextLocalMidnight(Date.parse('2026-11-22T10:00:00Z')),
      outcome: { code: 'linkedin.budgetSpent', params: { budget: 3 } },
    });
    expect(job.status).toBe('cancelled');
    expect(h.linkedIn.searches).toHaveLength(3);
    expect(await h.stored()).toEqual({ lists: [], items: [], baseContacts: 0, staged: 0 });
  });

  it('a capture waiting for midnight goes on at once when the budget is raised', async () => {
    const h = createHarness({ settings: { dailyPageBudget: 3 } });
    const jobId = await h.startCapture();
    await h.runner.pump();
    expect(await h.db.jobs.get(jobId)).toMatchObject({ status: 'waiting', outcome: { code: 'linkedin.budgetSpent' } });
    h.settings.dailyPageBudget = 10;
    await h.runner.wake((job) => job.outcome?.code === 'linkedin.budgetSpent');
    const job = await h.settle(jobId);
    expect(job).toMatchObject({ status: 'done', outcome: { code: 'capture.done', params: { contacts: 125 } } });
    expect(h.linkedIn.searches.every((call) => call.at < nextLocalMidnight(Date.parse('2026-11-22T10:00:00Z')))).toBe(true);
  });

  it('carries on after midnight with a fresh budget', async () => {
    const h = createHarness({ settings: { dailyPageBudget: 3 } });
    const job = await h.settle(await h.startCapture());
    expect(job).toMatchObject({ status: 'done', text: '125 contacts captured (1,234 matched)' });
    expect(members((await h.stored()).items)).toEqual(urns(0, 125));
    expect((await h.linkedInStatus()).pagesUsedToday).toBe(2);
  });
});

describe('saved lead lists', () => {
  it('lists the saved lead lists', async () => {
    const leadLists = [{ id: '7001', name: 'Q4 targets', size: 60 }];
    const h = createHarness({ script: { leadLists } });
    expect(await h.service.listLeadLists()).toEqual({ items: leadLists });
  });

  it('captures every member of a lead list as a contact list', async () => {
    const h = createHarness({ script: { results: leads(60) } });
    const { jobId } = await h.service.startLeadList({ leadListId: '7001', leadListName: 'Q4 targets', name: 'Q4 targets (snapshot)' });
    const job = await h.settle(jobId);
    expect(job).toMatchObject({
      kind: LEAD_LIST_KIND,
      subject: 'Q4 targets (snapshot)',
      status: 'done',
      text: '60 contacts captured from “Q4 targets”',
      progress: { done: 3, total: 3, contacts: 60 },
    });
    expect(h.linkedIn.resolved).toEqual([]);
    expect(h.linkedIn.searches.map((call) => call.query)).toEqual(Array(3).fill(leadListQuery('7001')));
    const { lists, items } = await h.stored();
    expect(lists[0]).toMatchObject({
      name: 'Q4 targets (snapshot)',
      contactCount: 60,
      matchedCount: 60,
      filters: {},
      source: { kind: 'leadList', leadListId: '7001', leadListName: 'Q4 targets' },
    });
    expect(members(items)).toEqual(urns(0, 60));
  });

  it('says so when a lead list holds more than LinkedIn serves', { timeout: 30_000 }, async () => {
    const h = createHarness({ settings: { dailyPageBudget: 1000 }, script: { results: leads(2600) } });
    const { jobId } = await h.service.startLeadList({ leadListId: '7001', leadListName: 'Everyone', name: 'Everyone' });
    const job = await h.settle(jobId);
    expect(job.text).toBe('2,500 of 2,600 contacts captured from “Everyone” (LinkedIn answers at most 2,500)');
  });
});

describe('account safety: a LinkedIn that refuses everything', () => {
  /** Five captures queued at once; LinkedIn answers every request, of any kind, with `refusal`. */
  async function fiveQueuedCaptures(refusal: () => ApiError) {
    const h = createHarness({ script: { session: refusal, onResolve: refusal, onSearch: refusal } });
    const jobIds: string[] = [];
    // Queued before LinkedIn's first answer, as five clicks on Capture are.
    for (let i = 0; i < 5; i += 1) {
      const params = captureRequestSchema.parse({ ...STRIPE_REQUEST, name: `Capture ${i + 1}` });
      jobIds.push((await h.runner.enqueue({ kind: CAPTURE_KIND, subject: params.name, params })).id);
    }
    const start = h.clock();
    // Three days of alarms, jumping the clock to each wake-up; nobody presses Resume.
    for (let round = 0; round < 500 && h.clock() < start + 72 * 60 * 60_000; round += 1) {
      await h.runner.pump();
      const waiting = (await h.db.jobs.toArray()).filter((job) => job.status === 'waiting');
      const next = Math.min(...waiting.map((job) => job.notBefore ?? Number.POSITIVE_INFINITY));
      if (!Number.isFinite(next)) break;
      h.advanceTo(next);
    }
    const sent = h.linkedIn.sessionChecks.length + h.linkedIn.lookups.length + h.linkedIn.searches.length;
    return { h, jobIds, sent, jobs: await h.db.jobs.toArray() };
  }

  it('a 999 stops at once: one refused request in three days, the other captures waiting for Resume', async () => {
    const { sent, jobs, h } = await fiveQueuedCaptures(() => failureForStatus(999, new Headers(), 0));
    expect(sent).toBe(1);
    expect(jobs.filter((job) => job.status === 'failed')).toHaveLength(1);
    expect(jobs.filter((job) => job.status === 'waiting' && job.outcome?.code === 'linkedin.resumeNeeded')).toHaveLength(4);
    expect(await h.linkedInStatus()).toMatchObject({ resumeNeeded: true });
  });

  it('429s stop after the rule’s four: four refused requests in three days, not twenty', async () => {
    const { sent, jobs, h } = await fiveQueuedCaptures(() => failures.rateLimited());
    expect(sent).toBe(LINKEDIN_RETRY.rateLimited.retries + 1);
    expect(jobs.filter((job) => job.status === 'failed')).toHaveLength(1);
    const waiting = jobs.filter((job) => job.status === 'waiting' && job.outcome?.code === 'linkedin.resumeNeeded');
    expect(waiting).toHaveLength(4);
    // None promises a retry it will not make: each says it waits for Resume.
    for (const job of waiting) expect(h.withText(job).text).toMatch(/^LinkedIn refused requests earlier, so LinkedIn work waits for you/);
  });

  it('after Resume the waiting captures go on, and the next refusal cools down again at once', async () => {
    const { h, jobs } = await fiveQueuedCaptures(() => failureForStatus(999, new Headers(), 0));
    const sentBefore = h.linkedIn.sessionChecks.length;
    await h.pause.resume();
    await h.runner.pump();
    expect(h.linkedIn.sessionChecks.length).toBe(sentBefore + 1);
    const { coolDownUntil } = await h.linkedInStatus();
    // Three days without a refusal ended the run of cool-downs: this is the first step again.
    expect(coolDownUntil! - h.clock()).toBe(LINKEDIN_COOL_DOWNS_MS[0]);
    expect((await h.db.jobs.toArray()).filter((job) => job.status === 'failed')).toHaveLength(2);
    expect(jobs).toHaveLength(5);
  });
});

describe('no lost work: Retry and Save what was captured', () => {
  const failOnPage3 = (h: ReturnType<typeof createHarness>) => {
    let failed = false;
    h.linkedIn.script.onSearch = (_call, start) => {
      if (start !== 50 || failed) return undefined;
      failed = true;
      return failures.expired();
    };
  };

  it('a capture that fails on page 3 saves what was captured: a list marked partial, naming the pages it lacks', async () => {
    const h = createHarness();
    failOnPage3(h);
    const failed = await h.settle(await h.startCapture());
    expect(failed).toMatchObject({ status: 'failed', progress: { done: 2, total: 5 } });
    expect((await h.stored()).staged).toBe(2);

    const saved = await h.runner.savePartial(failed.id);
    expect(saved).toMatchObject({
      status: 'done',
      outcome: { code: 'capture.savedPartial', params: { contacts: 50, matched: 1234, pages: 2, planned: 5 } },
      report: { kept: 50, missingPages: [2, 3, 4] },
    });
    expect(h.withText(saved).text).toBe('Partial: 50 contacts saved from 2 of 5 pages (1,234 matched)');
    const { lists, items, staged } = await h.stored();
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ id: saved.resultListId, contactCount: 50, report: { missingPages: [2, 3, 4] } });
    expect(members(items)).toEqual(urns(0, 50));
    expect(staged).toBe(0);
    expect(h.linkedIn.searches.map((call) => call.start)).toEqual([0, 25, 50]);
    await expect(h.runner.savePartial(failed.id)).rejects.toMatchObject({ error: 'conflict' });
  });

  it('Retry after a failure on page 3 goes on from page 3: no page is fetched twice', async () => {
    const h = createHarness();
    failOnPage3(h);
    const failed = await h.settle(await h.startCapture());
    await h.runner.retry(failed.id);
    const done = await h.settle(failed.id);
    expect(done).toMatchObject({ status: 'done', outcome: { code: 'capture.done', params: { contacts: 125 } } });
    expect(done.report).not.toHaveProperty('missingPages');
    expect(h.linkedIn.searches.map((call) => call.start)).toEqual([0, 25, 50, 50, 75, 100]);
    expect(h.linkedIn.sessionChecks).toHaveLength(1);
    expect(members((await h.stored()).items)).toEqual(urns(0, 125));
  });

  it('a full disk at the commit is its own failure, keeps every page, and Retry commits them without asking LinkedIn again', async () => {
    let diskFull = true;
    const db = new ProspectDb(`capture-quota-${crypto.randomUUID()}`);
    // IndexedDB refusing the list's write, as a full disk does.
    db.use({
      stack: 'dbcore',
      name: 'full-disk',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            mutate: (request) =>
              diskFull && name === 'lists'
                ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
                : table.mutate(request),
          };
        },
      }),
    });
    const h = createHarness({ db, script: { results: leads(60) } });
    const failed = await h.settle(await h.startCapture());
    expect(failed).toMatchObject({ status: 'failed', phase: 'commit', error: { error: 'storage_full', reason: { code: 'storage.full' } } });
    expect(failed.text).toBe(
      'There is not enough storage space left to save this. Free some disk space or delete lists you no longer need, then try again. Nothing was saved yet: the 3 pages read so far are kept.',
    );
    expect(await h.stored()).toMatchObject({ lists: [], staged: 3 });
    const searches = h.linkedIn.searches.length;

    diskFull = false;
    await h.runner.retry(failed.id);
    const done = await h.settle(failed.id);
    expect(done).toMatchObject({ status: 'done', outcome: { code: 'capture.done', params: { contacts: 60 } } });
    expect(h.linkedIn.searches).toHaveLength(searches);
    await db.delete();
  });
});
