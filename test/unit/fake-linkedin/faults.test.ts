import { describe, expect, it } from 'vitest';
import { IDENTITY_URL, leadSearchUrl } from '../../../lib/linkedin/constants';
import { buildLeadSearchQuery } from '../../../lib/linkedin/search-query';
import { DEFAULT_ACCESS_TOKEN, FakeLinkedIn } from '../../fake-linkedin/fake-linkedin';
import { fakeLinkedInFetch } from '../../fake-linkedin/fetch';
import { NumberedPopulation } from '../../fake-linkedin/population';
import { call, clientFor, failure, NOW } from './harness';

const QUERY = buildLeadSearchQuery({ titles: ['VP Sales'] });
const SEARCH = /^\/sales-api\/salesApiLeadSearch$/;

function setUp() {
  const sleeps: number[] = [];
  const fake = new FakeLinkedIn({
    population: new NumberedPopulation({ total: 60 }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { fake, client: clientFor(fake), sleeps };
}

describe('injected faults', () => {
  it('answers 429 with Retry-After the given number of times, then as usual', async () => {
    // Straight to the fake: through the client, the LinkedIn gate would hold the second try.
    const { fake } = setUp();
    fake.inject({ path: SEARCH, status: 429, times: 2 });
    const url = leadSearchUrl(QUERY, 0, 25);
    for (let i = 0; i < 2; i += 1) expect(await call(fake, url)).toMatchObject({ status: 429, headers: { 'Retry-After': '5' } });
    expect((await call(fake, url)).status).toBe(200);
    expect(fake.requestsTo(SEARCH).map((request) => request.status)).toEqual([429, 429, 200]);
  });

  it('a 429 reaches the client as rate_limited, held at least as long as it asked', async () => {
    const { fake, client } = setUp();
    fake.inject({ path: SEARCH, status: 429, times: 1 });
    const error = await failure(client.searchLeads(QUERY, 0, 25));
    expect(error).toMatchObject({ error: 'rate_limited' });
    expect(error.retryAt).toBeGreaterThanOrEqual(NOW + 5000);
  });

  it('answers one page of a search with a fault, and the other pages as usual', async () => {
    const { fake, client } = setUp();
    fake.inject({ path: SEARCH, query: /[?&]start=25(&|$)/, status: 400, times: Infinity });
    await expect(client.searchLeads(QUERY, 0, 25)).resolves.toMatchObject({ total: 60 });
    for (let i = 0; i < 2; i += 1) {
      const error = await failure(client.searchLeads(QUERY, 25, 25));
      expect(error).toMatchObject({ error: 'upstream_error', reason: { code: 'linkedin.rejected', params: { status: 400 } } });
    }
    await expect(client.searchLeads(QUERY, 50, 25)).resolves.toMatchObject({ total: 60 });
    expect(fake.requestsTo(SEARCH).map((request) => request.status)).toEqual([200, 400, 400, 200]);
  });

  it('answers 999, LinkedIn’s bot wall, with its page and the Retry-After it is given', async () => {
    const { fake, client } = setUp();
    fake.inject({ status: 999, headers: { 'Retry-After': '3600' } });
    const error = await failure(client.checkSession());
    expect(error).toMatchObject({ error: 'rate_limited', retryAt: NOW + 3_600_000 });
    fake.inject({ status: 999 });
    expect((await call(fake, IDENTITY_URL)).text).toContain('authwall');
  });

  it('answers 500 and 403 as given: an upstream error naming the status, a connector error', async () => {
    const { fake, client } = setUp();
    fake.inject({ path: SEARCH, status: 500 });
    const error = await failure(client.searchLeads(QUERY, 0, 25));
    expect(error.error).toBe('upstream_error');
    expect(error.upstreamStatus).toBe(500);
    fake.inject({ path: SEARCH, status: 403 });
    expect((await failure(client.searchLeads(QUERY, 0, 25))).error).toBe('connector_error');
  });

  it('redirects to the login page: not followed by the extension, read as a lapsed session', async () => {
    const { fake, client } = setUp();
    fake.inject({ path: SEARCH, status: 302 });
    const url = 'https://www.linkedin.com/sales-api/salesApiLeadSearch?q=x';
    const raw = await fake.handle({ method: 'GET', url, headers: { 'csrf-token': fake.session } });
    const login = expect.stringMatching(/^https:\/\/www\.linkedin\.com\/login\?session_redirect=/);
    expect(raw).toMatchObject({ status: 302, headers: { Location: login } });
    fake.inject({ path: SEARCH, status: 302, headers: { Location: 'https://www.linkedin.com/sales/contract-chooser' } });
    const error = await failure(client.searchLeads(QUERY, 0, 25));
    expect(error.reason?.code).toBe('linkedin.redirected');
  });

  it('delays an answer, alone or before a failure', async () => {
    const { fake, client, sleeps } = setUp();
    fake.inject({ path: SEARCH, delayMs: 300, times: Infinity });
    await client.searchLeads(QUERY, 0, 25);
    await client.searchLeads(QUERY, 25, 25);
    expect(sleeps).toEqual([300, 300]);
    fake.clearFaults();
    fake.inject({ delayMs: 50, status: 503 });
    expect((await call(fake, IDENTITY_URL)).status).toBe(503);
    expect(sleeps).toEqual([300, 300, 50]);
  });

  it('cuts an answer short or replaces its body, which the extension reads as a changed format', async () => {
    const { fake, client } = setUp();
    fake.inject({ path: SEARCH, malformed: true });
    expect((await failure(client.searchLeads(QUERY, 0, 25))).error).toBe('linkedin_format_changed');
    fake.inject({ path: SEARCH, body: '{"elements":"not a list","paging":{}}' });
    expect((await failure(client.searchLeads(QUERY, 0, 25))).error).toBe('linkedin_format_changed');
  });

  it('drops the connection, which a fetch reports as a network failure', async () => {
    const { fake, client } = setUp();
    fake.inject({ drop: true });
    expect((await failure(client.checkSession())).error).toBe('network_error');
    expect(fake.requests.at(-1)?.status).toBe('dropped');
  });

  it('hits only the requests it names by method, host and path, and not those refused before', async () => {
    const { fake, client } = setUp();
    fake.inject({ method: 'POST', host: 'api.linkedin.com', path: /^\/v2\/contactExporterTasks$/, status: 500 });
    await client.checkSession();
    // A request the session check refuses does not use the fault up.
    await call(fake, 'https://api.linkedin.com/v2/contactExporterTasks', { method: 'POST', csrf: null });
    const send = fakeLinkedInFetch(fake);
    const headers = { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` };
    const post = () => send('https://api.linkedin.com/v2/contactExporterTasks', { method: 'POST', headers });
    expect((await post()).status).toBe(500);
    expect((await post()).status).toBe(201);
  });

  it('logs a delayed request before it is answered', async () => {
    let release: () => void = () => undefined;
    const fake = new FakeLinkedIn({
      population: new NumberedPopulation({ total: 1 }),
      sleep: () => new Promise<void>((resolve) => (release = resolve)),
    });
    fake.inject({ delayMs: 1000 });
    const pending = call(fake, IDENTITY_URL);
    await Promise.resolve();
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.status).toBeUndefined();
    release();
    await pending;
    expect(fake.requests[0]!.status).toBe(200);
  });
});
