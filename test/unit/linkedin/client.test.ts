import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLinkedInClient, type LookupCache, type LinkedInClientDeps } from '../../../lib/linkedin/client';
import { LEAD_SEARCH_DECORATION_ID } from '../../../lib/linkedin/constants';
import { buildLeadSearchQuery } from '../../../lib/linkedin/search-query';
import { openGate } from './open-gate';
import { createLinkedInGate } from '../../../lib/linkedin/gate';
import { INITIAL_GATE_STATE } from '../../../lib/model/linkedin-gate';
import { describeError } from '../../../components/outcome-text';
import { ApiError } from '../../../lib/model/errors';
import { SEARCH_QUERY_MAX } from '../../../lib/model/limits';
import { listNameSchema } from '../../../lib/model/schemas';
import companyStripe from '../../fixtures/linkedin/company-stripe.json';
import geoSlovakia from '../../fixtures/linkedin/geo-typeahead-slovakia.json';
import identityRevoked from '../../fixtures/linkedin/identity-revoked.json';
import identitySeat from '../../fixtures/linkedin/identity-seat.json';
import leadLists from '../../fixtures/linkedin/lead-lists.json';
import page1 from '../../fixtures/linkedin/lead-search-page-1.json';
import page2 from '../../fixtures/linkedin/lead-search-page-2.json';

const IDENTITY = 'https://www.linkedin.com/sales-api/salesApiIdentity';
const SEARCH = 'https://www.linkedin.com/sales-api/salesApiLeadSearch';
const COMPANIES = 'https://www.linkedin.com/voyager/api/organization/companies';
const TYPEAHEAD = 'https://www.linkedin.com/sales-api/salesApiFacetTypeahead';
const LISTS = 'https://www.linkedin.com/sales-api/salesApiLists';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const SESSION = { JSESSIONID: '"ajax:1234567890123456789"', li_at: 'AQEDARs0bWUAAAGT' };

const server = setupServer();
const seen: Request[] = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    seen.push(request.clone());
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
  vi.useRealTimers();
});
afterAll(() => server.close());

function makeClient(overrides: Partial<LinkedInClientDeps> = {}, jar: Record<string, string> = SESSION) {
  return createLinkedInClient({
    // Resolved at call time, so msw's interception of the global fetch applies.
    fetch: (input, init) => fetch(input, init),
    readCookie: async (name) => jar[name],
    clock: () => NOW,
    gate: openGate(() => NOW),
    ...overrides,
  });
}

/** An error in the words the panel shows for it. */
const said = (error: ApiError) => describeError(error, NOW);

/** Awaits a promise that must reject with an ApiError, and returns the error. */
async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/**
 * Node's WHATWG `Response` refuses to be constructed with a status outside 200–599, but a
 * browser's `fetch` hands back whatever status the server sent: LinkedIn's bot wall answers
 * 999, and a redirect under `redirect: 'manual'` is an opaque response with status 0. A real
 * `Response` whose `status`, `ok` and `type` are redefined is what Chrome's fetch returns.
 */
function fetchAnswering(status: number, init: { headers?: Record<string, string>; type?: ResponseType } = {}) {
  const requests: Request[] = [];
  const fake: typeof fetch = async (input) => {
    requests.push(input instanceof Request ? input : new Request(input));
    const response = new Response('', { status: 200, headers: init.headers ?? {} });
    Object.defineProperties(response, {
      status: { value: status },
      ok: { value: false },
      type: { value: init.type ?? 'basic' },
    });
    return response;
  };
  return { fake, requests };
}

const QUERY = buildLeadSearchQuery({
  companies: [{ id: '1035', name: 'Microsoft' }],
  titles: ['VP Sales', 'R&D (EMEA)'],
  regions: [{ id: '103644278', name: 'United States' }],
});

describe('session and seat (the connector check)', () => {
  it('passes with an active seat, sending the csrf token and Rest.li headers', async () => {
    server.use(http.get(IDENTITY, () => HttpResponse.json(identitySeat)));
    await makeClient().checkSession();

    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.url).toBe('https://www.linkedin.com/sales-api/salesApiIdentity?q=findLicensesByCurrentMember');
    expect(request?.headers.get('csrf-token')).toBe('ajax:1234567890123456789');
    expect(request?.headers.get('x-restli-protocol-version')).toBe('2.0.0');
    expect(request?.headers.get('accept')).toBe('application/json');
    expect(request?.credentials).toBe('include');
  });

  it("calls the injected fetch as a plain function, as a browser's fetch requires", async () => {
    server.use(http.get(IDENTITY, () => HttpResponse.json(identitySeat)));
    // Browsers throw "Illegal invocation" when fetch runs with another object as `this`.
    function strictFetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      if (this !== undefined && this !== globalThis) return Promise.reject(new TypeError('Illegal invocation'));
      return fetch(input, init);
    }
    await makeClient({ fetch: strictFetch }).checkSession();
    expect(seen).toHaveLength(1);
  });

  it('reads an unquoted JSESSIONID as is', async () => {
    server.use(http.get(IDENTITY, () => HttpResponse.json(identitySeat)));
    await makeClient({}, { JSESSIONID: 'ajax:42', li_at: 'x' }).checkSession();
    expect(seen[0]?.headers.get('csrf-token')).toBe('ajax:42');
  });

  it.each([
    ['no JSESSIONID', { li_at: 'x' }],
    ['no li_at', { JSESSIONID: '"ajax:1"' }],
    ['an empty JSESSIONID', { JSESSIONID: '""', li_at: 'x' }],
    ['a JSESSIONID that cannot be a header', { JSESSIONID: '"ajax:1\nx-evil: 1"', li_at: 'x' }],
    ['no cookies at all', {}],
  ])('is a connector error with %s, before any request', async (_, jar: Record<string, string>) => {
    const error = await failure(makeClient({}, jar).checkSession());
    expect(error.error).toBe('connector_error');
    expect(error.status).toBe(424);
    expect(said(error)).toMatch(/not logged in to LinkedIn/);
    expect(seen).toHaveLength(0);
  });

  it('is a connector error when the cookies cannot be read', async () => {
    const error = await failure(
      makeClient({
        readCookie: () => Promise.reject(new Error('cookies permission missing')),
      }).checkSession(),
    );
    expect(error.error).toBe('connector_error');
    expect(seen).toHaveLength(0);
  });

  it.each([[403], [404]])('reads %i on the identity call as no Sales Navigator seat', async (status) => {
    server.use(http.get(IDENTITY, () => new HttpResponse(null, { status })));
    const error = await failure(makeClient().checkSession());
    expect(error.error).toBe('connector_error');
    expect(said(error)).toMatch(/no active Sales Navigator seat/);
  });

  it('reads only revoked or inactive licences as no seat', async () => {
    server.use(http.get(IDENTITY, () => HttpResponse.json(identityRevoked)));
    const error = await failure(makeClient().checkSession());
    expect(error.error).toBe('connector_error');
    expect(said(error)).toMatch(/no active Sales Navigator seat/);
  });

  it('reads an empty licence list as no seat', async () => {
    server.use(http.get(IDENTITY, () => HttpResponse.json({ elements: [] })));
    expect(said(await failure(makeClient().checkSession()))).toMatch(/no active Sales Navigator seat/);
  });

  it('reads 401 as an expired session', async () => {
    server.use(http.get(IDENTITY, () => new HttpResponse(null, { status: 401 })));
    const error = await failure(makeClient().checkSession());
    expect(error.error).toBe('connector_error');
    expect(said(error)).toMatch(/session has expired/);
  });
});

describe('resolveCompany', () => {
  it('needs no request for a URL that carries the id', async () => {
    await expect(makeClient().resolveCompany({ kind: 'id', id: '1035', url: 'https://www.linkedin.com/company/1035' })).resolves.toEqual({
      id: '1035',
    });
    expect(seen).toHaveLength(0);
  });

  it('looks a slug up by universal name', async () => {
    server.use(http.get(COMPANIES, () => HttpResponse.json(companyStripe)));
    await expect(
      makeClient().resolveCompany({ kind: 'slug', slug: 'stripe', url: 'https://www.linkedin.com/company/stripe' }),
    ).resolves.toEqual({ id: '2135371', name: 'Stripe' });
    expect(seen[0]?.url).toBe('https://www.linkedin.com/voyager/api/organization/companies?q=universalName&universalName=stripe');
  });

  it('encodes a slug with reserved or non-Latin characters', async () => {
    server.use(http.get(COMPANIES, () => HttpResponse.json(companyStripe)));
    await makeClient().resolveCompany({ kind: 'slug', slug: 'société&co', url: 'https://www.linkedin.com/company/x' });
    expect(new URL(seen[0]?.url ?? '').searchParams.get('universalName')).toBe('société&co');
  });

  it('reads the id from trackingInfo when entityUrn is missing', async () => {
    server.use(
      http.get(COMPANIES, () => HttpResponse.json({ elements: [{ name: 'Acme', trackingInfo: { objectUrn: 'urn:li:company:77' } }] })),
    );
    await expect(
      makeClient().resolveCompany({ kind: 'slug', slug: 'acme', url: 'https://www.linkedin.com/company/acme' }),
    ).resolves.toEqual({ id: '77', name: 'Acme' });
  });

  it.each([
    ['404', () => new HttpResponse(null, { status: 404 })],
    ['no element', () => HttpResponse.json({ elements: [] })],
  ])('is not_found on %s', async (_, answer) => {
    server.use(http.get(COMPANIES, answer));
    const error = await failure(makeClient().resolveCompany({ kind: 'slug', slug: 'nope', url: 'https://www.linkedin.com/company/nope' }));
    expect(error.error).toBe('not_found');
    expect(error.status).toBe(404);
    expect(said(error)).toContain('https://www.linkedin.com/company/nope');
  });

  it('is a format change when the company carries no id', async () => {
    server.use(http.get(COMPANIES, () => HttpResponse.json({ elements: [{ name: 'Acme' }] })));
    const error = await failure(makeClient().resolveCompany({ kind: 'slug', slug: 'acme', url: 'https://www.linkedin.com/company/acme' }));
    expect(error.error).toBe('linkedin_format_changed');
  });
});

describe('resolveGeo', () => {
  function memoryCache(initial: Record<string, string> = {}) {
    const store = new Map(Object.entries(initial));
    const cache: LookupCache = {
      get: async (key) => store.get(key),
      set: async (key, value) => {
        store.set(key, value);
      },
    };
    return { cache, store };
  }

  it('answers the certain countries from the table, without a request', async () => {
    await expect(makeClient().resolveGeo('us')).resolves.toEqual({ id: '103644278', name: 'United States' });
    expect(seen).toHaveLength(0);
  });

  it('asks the BING_GEO typeahead for other countries, picks the country itself, and caches it', async () => {
    server.use(http.get(TYPEAHEAD, () => HttpResponse.json(geoSlovakia)));
    const { cache, store } = memoryCache();
    const client = makeClient({ geoCache: cache });

    await expect(client.resolveGeo('SK')).resolves.toEqual({ id: '103119917', name: 'Slovakia' });
    const asked = new URL(seen[0]?.url ?? '');
    expect(asked.searchParams.get('q')).toBe('query');
    expect(asked.searchParams.get('type')).toBe('BING_GEO');
    expect(asked.searchParams.get('query')).toBe('Slovakia');
    expect(store.get('linkedin.geo.SK')).toBe(JSON.stringify({ id: '103119917', name: 'Slovakia' }));

    await expect(client.resolveGeo('sk')).resolves.toEqual({ id: '103119917', name: 'Slovakia' });
    expect(seen).toHaveLength(1);
  });

  it('asks again when the cached value is unreadable', async () => {
    server.use(http.get(TYPEAHEAD, () => HttpResponse.json(geoSlovakia)));
    const { cache } = memoryCache({ 'linkedin.geo.SK': '{"id":"abc"' });
    await expect(makeClient({ geoCache: cache }).resolveGeo('SK')).resolves.toEqual({ id: '103119917', name: 'Slovakia' });
    expect(seen).toHaveLength(1);
  });

  it('falls back to the less certain table when the typeahead names no match', async () => {
    server.use(http.get(TYPEAHEAD, () => HttpResponse.json({ elements: [{ id: 1, displayValue: 'Brasília, Brazil' }] })));
    await expect(makeClient().resolveGeo('BR')).resolves.toEqual({ id: '106057199', name: 'Brazil' });
  });

  it('is not_found when neither the typeahead nor a table knows the country', async () => {
    server.use(http.get(TYPEAHEAD, () => HttpResponse.json({ elements: [] })));
    const error = await failure(makeClient().resolveGeo('LV'));
    expect(error.error).toBe('not_found');
    expect(said(error)).toContain('Latvia');
  });

  it('rejects what is not a country code', async () => {
    expect((await failure(makeClient().resolveGeo('XX'))).error).toBe('validation_error');
    expect((await failure(makeClient().resolveGeo('France'))).error).toBe('validation_error');
  });
});

describe('searchLeads', () => {
  it('sends the Rest.li query unaltered and returns the page', async () => {
    server.use(http.get(SEARCH, () => HttpResponse.json(page1)));
    const page = await makeClient().searchLeads(QUERY, 0, 25);

    expect(seen[0]?.url).toBe(
      `${SEARCH}?q=searchQuery&query=(spellCorrectionEnabled:true,filters:List(` +
        '(type:CURRENT_COMPANY,values:List((id:urn%3Ali%3Aorganization%3A1035,text:Microsoft,selectionType:INCLUDED))),' +
        '(type:CURRENT_TITLE,values:List((text:VP%20Sales,selectionType:INCLUDED),(text:R%26D%20%28EMEA%29,selectionType:INCLUDED))),' +
        '(type:REGION,values:List((id:103644278,text:United%20States,selectionType:INCLUDED)))))' +
        `&start=0&count=25&decorationId=${LEAD_SEARCH_DECORATION_ID}`,
    );
    expect(seen[0]?.headers.get('csrf-token')).toBe('ajax:1234567890123456789');
    expect(page.total).toBe(9);
    expect(page.leads.map((lead) => lead.objectUrn)).toEqual([
      'urn:li:member:100000001',
      'urn:li:member:100000002',
      'urn:li:member:100000003',
      'urn:li:member:100000004',
      'urn:li:member:100000005',
    ]);
    expect(page.leads[0]).not.toHaveProperty('premium');
  });

  it('pages with start and count', async () => {
    server.use(
      http.get(SEARCH, ({ request }) => HttpResponse.json(new URL(request.url).searchParams.get('start') === '5' ? page2 : page1)),
    );
    const page = await makeClient().searchLeads(QUERY, 5, 5);
    expect(new URL(seen[0]?.url ?? '').searchParams.get('count')).toBe('5');
    expect(page.leads.map((lead) => lead.objectUrn)).toEqual(['urn:li:member:100000003', 'urn:li:member:100000006']);
  });

  it('treats 400 at start 2,500 as the end of the results', async () => {
    server.use(http.get(SEARCH, () => new HttpResponse(null, { status: 400 })));
    await expect(makeClient().searchLeads(QUERY, 2500, 25)).resolves.toEqual({ leads: [], total: 2500, invalid: 0 });
  });

  it('reads 400 before start 2,500 as LinkedIn rejecting the search', async () => {
    server.use(http.get(SEARCH, () => new HttpResponse(null, { status: 400 })));
    const error = await failure(makeClient().searchLeads(QUERY, 0, 25));
    expect(error.error).toBe('upstream_error');
    expect(said(error)).toContain('400');
  });

  it.each([
    ['query', 'x&start=0', 0, 25],
    ['query', '(keywords:a b)', 0, 25],
    ['query', '(a:1)#frag', 0, 25],
    ['start', QUERY, -1, 25],
    ['start', QUERY, 1.5, 25],
    ['count', QUERY, 0, 0],
    ['count', QUERY, 0, 101],
  ])('rejects a bad %s before any request', async (field, query, start, count) => {
    const error = await failure(makeClient().searchLeads(query, start, count));
    expect(error.error).toBe('validation_error');
    expect(error.details?.[0]?.field).toBe(field);
    expect(seen).toHaveLength(0);
  });
});

describe('failures', () => {
  const search = (overrides: Partial<LinkedInClientDeps> = {}) => makeClient(overrides).searchLeads(QUERY, 0, 25);

  it('reads 429 with Retry-After in seconds as rate_limited with retryAt', async () => {
    server.use(http.get(SEARCH, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '120' } })));
    const error = await failure(search());
    expect(error).toMatchObject({ error: 'rate_limited', status: 429, retryAt: NOW + 120_000 });
  });

  it('reads 429 with Retry-After as an HTTP date', async () => {
    server.use(
      http.get(SEARCH, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': 'Sun, 22 Nov 2026 10:10:00 GMT' } })),
    );
    expect((await failure(search())).retryAt).toBe(Date.parse('2026-11-22T10:10:00Z'));
  });

  it('reads 429 without Retry-After as rate_limited, which the gate holds for its first backoff', async () => {
    server.use(http.get(SEARCH, () => new HttpResponse(null, { status: 429 })));
    const error = await failure(search());
    expect(error).toMatchObject({ error: 'rate_limited', reason: { params: { attempt: 1 } }, retryAt: NOW + 30_000 });
  });

  it('reads 999 (bot detection) as rate_limited, with its Retry-After', async () => {
    const { fake, requests } = fetchAnswering(999, { headers: { 'retry-after': '3600' } });
    const error = await failure(search({ fetch: fake }));
    expect(error).toMatchObject({ error: 'rate_limited', status: 429, retryAt: NOW + 3_600_000 });
    expect(said(error)).toMatch(/unusual activity/);
    expect(requests[0]?.headers.get('csrf-token')).toBe('ajax:1234567890123456789');
  });

  it('hands a refusal to the gate inside its turn, so a 999 starts a cool-down and nothing more is sent', async () => {
    let state = INITIAL_GATE_STATE;
    const gate = createLinkedInGate({
      store: {
        read: async () => state,
        update: async (change) => {
          const { next, result } = change(state);
          state = next;
          return result;
        },
      },
      readLimits: async () => ({ pacingMinSeconds: 1, pacingMaxSeconds: 1, dailyPageBudget: 100 }),
      clock: () => NOW,
      random: () => 0,
      sleep: async () => undefined,
    });
    for (const call of [
      (client: ReturnType<typeof makeClient>) => client.searchLeads(QUERY, 0, 25),
      (client: ReturnType<typeof makeClient>) => client.checkSession(),
      (client: ReturnType<typeof makeClient>) => client.readConnectionsPage(0),
    ]) {
      state = INITIAL_GATE_STATE;
      const { fake, requests } = fetchAnswering(999);
      const client = makeClient({ fetch: fake, gate, clock: () => NOW });
      expect(await failure(call(client))).toMatchObject({ error: 'rate_limited', reason: { params: { coolDown: true } } });
      expect(state).toMatchObject({ coolDowns: 1, resumeNeeded: true, coolDownUntil: NOW + 3_600_000 });
      await expect(call(client)).rejects.toMatchObject({ why: { code: 'linkedin.coolingDown' } });
      expect(requests).toHaveLength(1);
    }
  });

  it('reads 999 on the identity call as rate_limited too, not as a missing seat', async () => {
    const { fake } = fetchAnswering(999);
    expect((await failure(makeClient({ fetch: fake }).checkSession())).error).toBe('rate_limited');
  });

  it('reads an opaque redirect (a browser under redirect: manual) as a connector error', async () => {
    const { fake, requests } = fetchAnswering(0, { type: 'opaqueredirect' });
    const error = await failure(search({ fetch: fake }));
    expect(error.error).toBe('connector_error');
    expect(said(error)).toMatch(/log in again or to choose a Sales Navigator contract/);
    expect(requests[0]?.redirect).toBe('manual');
  });

  it('reads a 3xx as a connector error, without following it', async () => {
    server.use(
      http.get(
        SEARCH,
        () => new HttpResponse(null, { status: 302, headers: { Location: 'https://www.linkedin.com/sales/contract-chooser' } }),
      ),
    );
    expect((await failure(search())).error).toBe('connector_error');
    expect(seen.map((request) => new URL(request.url).pathname)).toEqual(['/sales-api/salesApiLeadSearch']);
  });

  it.each([[401], [403]])('reads %i as a connector error', async (status) => {
    server.use(http.get(SEARCH, () => new HttpResponse(null, { status })));
    expect((await failure(search())).error).toBe('connector_error');
  });

  it.each([[500], [503]])('reads %i as upstream_error', async (status) => {
    server.use(http.get(SEARCH, () => new HttpResponse('oops', { status })));
    const error = await failure(search());
    expect(error).toMatchObject({ error: 'upstream_error', status: 502 });
    expect(said(error)).toContain(String(status));
  });

  it('reads a failed fetch as network_error', async () => {
    server.use(http.get(SEARCH, () => HttpResponse.error()));
    const error = await failure(search());
    expect(error).toMatchObject({ error: 'network_error', status: 503 });
  });

  it('gives up after 15 s by default when LinkedIn never answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    server.use(
      http.get(SEARCH, async () => {
        await delay('infinite');
        return HttpResponse.json(page1);
      }),
    );
    let settled: ApiError | undefined;
    const pending = search().catch((error: unknown) => {
      settled = error as ApiError;
    });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(settled).toMatchObject({ error: 'timeout', status: 504 });
    expect(settled && said(settled)).toContain('15 seconds');
  });

  it('gives up when the headers arrive but the body stalls', async () => {
    server.use(
      http.get(SEARCH, () => {
        const stalled = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"elements":['));
          },
        });
        return new HttpResponse(stalled, { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    const error = await failure(search({ timeoutMs: 20 }));
    expect(error.error).toBe('timeout');
  });

  it.each([
    ['malformed JSON', () => new HttpResponse('{"elements":[', { status: 200, headers: { 'Content-Type': 'application/json' } })],
    ['an HTML page', () => HttpResponse.html('<!doctype html><title>Sign in</title>')],
    ['an empty body', () => new HttpResponse(null, { status: 200 })],
  ])('reads %s as linkedin_format_changed', async (_, answer) => {
    server.use(http.get(SEARCH, answer));
    const error = await failure(search());
    expect(error).toMatchObject({ error: 'linkedin_format_changed', status: 502 });
    expect(said(error)).toMatch(/LinkedIn changed the format/);
  });

  it('leaves a malformed lead out and counts it: one bad row never fails the page', async () => {
    const broken = structuredClone(page1) as { elements: Record<string, unknown>[] };
    const missing = broken.elements[2]?.objectUrn;
    delete broken.elements[2]?.objectUrn;
    server.use(http.get(SEARCH, () => HttpResponse.json(broken)));
    const page = await search();
    expect(page.invalid).toBe(1);
    expect(page.leads).toHaveLength(page1.elements.length - 1);
    expect(page.leads.map((lead) => lead.objectUrn)).not.toContain(missing);
  });

  it('reads a page whose own shape is wrong as linkedin_format_changed, naming the field', async () => {
    server.use(http.get(SEARCH, () => HttpResponse.json({ elements: 'none', paging: { start: 0, count: 25, total: 3 } })));
    const error = await failure(search());
    expect(error.error).toBe('linkedin_format_changed');
    expect(error.details?.map((detail) => detail.field)).toContain('salesApiLeadSearch.elements');
  });

  it('reads a missing paging block as linkedin_format_changed', async () => {
    server.use(http.get(SEARCH, () => HttpResponse.json({ elements: [] })));
    expect((await failure(search())).error).toBe('linkedin_format_changed');
  });
});

describe('listLeadLists', () => {
  it("lists the user's lead lists with their sizes", async () => {
    server.use(http.get(LISTS, () => HttpResponse.json(leadLists)));
    await expect(makeClient().listLeadLists()).resolves.toEqual([
      { id: '6991234567', name: 'Q3 — Fintech CFOs 💼', size: 48, lastModifiedAt: '2025-11-13T08:00:00.000Z' },
      { id: '7100000000000000002', name: '<b>Événements</b> Paris', size: 0, lastModifiedAt: '2025-11-01T12:26:40.000Z' },
      { id: '7100000000000000003', name: 'Saved from CRM', size: 0 },
    ]);
    const asked = new URL(seen[0]?.url ?? '');
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      q: 'listType',
      listType: 'LEAD',
      isMetadataNeeded: 'true',
      start: '0',
      count: '25',
      sortCriteria: 'LAST_MODIFIED',
      sortOrder: 'DESCENDING',
      ownership: 'OWNED_BY_VIEWER',
    });
  });

  function listPage(start: number, size: number, total: number) {
    return {
      elements: Array.from({ length: size }, (_, i) => ({ id: String(start + i + 1), name: `List ${start + i + 1}`, entityCount: i })),
      paging: { start, count: 25, total },
    };
  }

  it('reads every page up to the total', async () => {
    server.use(
      http.get(LISTS, ({ request }) => {
        const start = Number(new URL(request.url).searchParams.get('start'));
        return HttpResponse.json(listPage(start, start === 0 ? 25 : 5, 30));
      }),
    );
    const lists = await makeClient().listLeadLists();
    expect(lists.map((list) => list.id)).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
    expect(seen).toHaveLength(2);
  });

  it('stops after 8 pages however many lists there are', async () => {
    server.use(
      http.get(LISTS, ({ request }) => {
        const start = Number(new URL(request.url).searchParams.get('start'));
        return HttpResponse.json(listPage(start, 25, 10_000));
      }),
    );
    expect(await makeClient().listLeadLists()).toHaveLength(200);
    expect(seen).toHaveLength(8);
  });

  it('sends its pages through the gate: paced like every other request, never back to back', async () => {
    let now = NOW;
    const sentAt: number[] = [];
    server.use(
      http.get(LISTS, ({ request }) => {
        sentAt.push(now);
        const start = Number(new URL(request.url).searchParams.get('start'));
        return HttpResponse.json(listPage(start, start < 50 ? 25 : 5, 55));
      }),
    );
    let state = INITIAL_GATE_STATE;
    const gate = createLinkedInGate({
      store: {
        read: async () => state,
        update: async (change) => {
          const { next, result } = change(state);
          state = next;
          return result;
        },
      },
      readLimits: async () => ({ pacingMinSeconds: 2, pacingMaxSeconds: 2, dailyPageBudget: 100 }),
      clock: () => now,
      random: () => 0,
      sleep: async (ms) => {
        now += ms;
      },
    });
    expect(await makeClient({ gate, clock: () => now }).listLeadLists()).toHaveLength(55);
    expect(sentAt).toEqual([NOW, NOW + 2_000, NOW + 4_000]);
    // The lead-list listing costs no page of the daily budget.
    expect(state.pagesUsed).toBe(0);
  });

  it('during a cool-down sends nothing and says until when', async () => {
    server.use(http.get(LISTS, () => HttpResponse.json(listPage(0, 1, 1))));
    const state = { ...INITIAL_GATE_STATE, coolDownUntil: NOW + 3_600_000 };
    const gate = createLinkedInGate({
      store: { read: async () => state, update: async (change) => change(state).result },
      readLimits: async () => ({ pacingMinSeconds: 1, pacingMaxSeconds: 1, dailyPageBudget: 100 }),
      clock: () => NOW,
      random: () => 0,
      sleep: async () => undefined,
    });
    await expect(makeClient({ gate }).listLeadLists()).rejects.toMatchObject({
      until: NOW + 3_600_000,
      why: { code: 'linkedin.coolingDown' },
    });
    expect(seen).toHaveLength(0);
  });

  it('reads an id too large for a JSON number as a format change rather than a wrong id', async () => {
    server.use(
      http.get(
        LISTS,
        () =>
          new HttpResponse('{"elements":[{"id":7100000000000000001,"name":"Big"}]}', {
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    );
    expect((await failure(makeClient().listLeadLists())).error).toBe('linkedin_format_changed');
  });
});

describe('hostile text from LinkedIn', () => {
  it('gives lead lists names that are list names: whole characters, no controls, at most 200, never empty', async () => {
    const names = ['👩🏽‍💻'.repeat(100), `Q4\u202E\u0007 targets\n`, '\u200B\u200D', '<script>window.__pwned = 1</script>'];
    server.use(
      http.get(LISTS, () =>
        HttpResponse.json({
          elements: names.map((name, i) => ({ id: 100 + i, name, entityCount: 1, lastModifiedAt: NOW, listSource: 'MANUAL' })),
          paging: { start: 0, count: 25, total: names.length },
        }),
      ),
    );
    const lists = await makeClient().listLeadLists();
    expect(lists.map((list) => list.name)).toEqual([
      `${'👩🏽‍💻'.repeat(49)}…`,
      'Q4 targets',
      'Lead list 102',
      '<script>window.__pwned = 1</script>',
    ]);
    for (const list of lists) expect(listNameSchema.parse(list.name)).toBe(list.name);
  });

  it("takes a company's name under the text rule, cut to 200", async () => {
    server.use(
      http.get(COMPANIES, () =>
        HttpResponse.json({ elements: [{ entityUrn: 'urn:li:fs_normalized_company:77', name: `\u202E${'A'.repeat(500)}` }] }),
      ),
    );
    const company = await makeClient().resolveCompany({ kind: 'slug', slug: 'acme', url: 'https://www.linkedin.com/company/acme' });
    expect(company).toEqual({ id: '77', name: `${'A'.repeat(199)}…` });
  });

  it('refuses a search query longer than LinkedIn takes before sending it, naming the query', async () => {
    const query = buildLeadSearchQuery({ keywords: 'x'.repeat(SEARCH_QUERY_MAX) });
    const error = await failure(makeClient().searchLeads(query, 0, 25));
    expect(error).toMatchObject({ error: 'validation_error', details: [{ field: 'query' }] });
    expect(seen).toHaveLength(0);
  });
});
