import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureRequestSchema, type CaptureRequest, type CaptureRequestInput } from '../../../lib/model/capture-request';
import { createLinkedInClient, type LinkedInClient } from '../../../lib/linkedin/client';
import type { CompanyRef } from '../../../lib/model/company-url';
import { certainGeoId } from '../../../lib/linkedin/geo';
import type { LookupCache } from '../../../lib/linkedin/client';
import { COMPANY_CACHE_MAX_AGE_MS } from '../../../lib/linkedin/constants';
import { openGate } from './open-gate';
import {
  assertSearchFits,
  leadListQuery,
  NO_LOOKUPS,
  prepareSearchStep,
  type PreparedSearch,
  type PrepareStep,
} from '../../../lib/linkedin/prepare-search';
import { checkQueryLength } from '../../../lib/linkedin/search-query';
import { SEARCH_QUERY_MAX } from '../../../lib/model/limits';
import { ApiError } from '../../../lib/model/errors';
import companyStripe from '../../fixtures/linkedin/company-stripe.json';
import geoSlovakia from '../../fixtures/linkedin/geo-typeahead-slovakia.json';

/** A client that knows a few companies and the certain geo table, and records what it was asked. */
function fakeClient(companies: Record<string, { id: string; name?: string }> = {}) {
  const asked: string[] = [];
  const client: LinkedInClient = {
    checkSession: () => Promise.reject(new Error('not used')),
    searchLeads: () => Promise.reject(new Error('not used')),
    listLeadLists: () => Promise.reject(new Error('not used')),
    readConnectionsPage: () => Promise.reject(new Error('not used')),
    startAddressBookExport: () => Promise.reject(new Error('not used')),
    readAddressBookTask: () => Promise.reject(new Error('not used')),
    async resolveCompany(ref: CompanyRef) {
      asked.push(ref.url);
      if (ref.kind === 'id') return { id: ref.id };
      const company = companies[ref.slug];
      if (!company) throw ApiError.notFound('LinkedIn company', ref.url);
      return company;
    },
    async resolveGeo(code: string) {
      asked.push(code);
      const id = certainGeoId(code);
      if (!id) throw new ApiError({ error: 'not_found', message: `LinkedIn has no region for ${code}` });
      return { id, name: code === 'FR' ? 'France' : code };
    },
  };
  return { client, asked };
}

function request(input: Partial<CaptureRequestInput> & { filters: CaptureRequestInput['filters'] }): CaptureRequest {
  return captureRequestSchema.parse({ name: 'Test list', ...input });
}

const NOW = Date.parse('2026-11-22T10:00:00Z');

function memoryCache(entries: Record<string, string> = {}) {
  const store = new Map(Object.entries(entries));
  const cache: LookupCache = {
    get: async (key) => store.get(key),
    set: async (key, value) => {
      store.set(key, value);
    },
  };
  return { cache, store };
}

/** Calls `prepareSearchStep` until the search is prepared, as the job does step by step. */
async function prepareSearch(
  client: LinkedInClient,
  input: CaptureRequest,
  options: { cache?: LookupCache; now?: number; steps?: PrepareStep[] } = {},
): Promise<PreparedSearch> {
  let lookups = NO_LOOKUPS;
  for (let call = 0; call < 200; call += 1) {
    const step = await prepareSearchStep(client, input, lookups, {
      now: options.now ?? NOW,
      ...(options.cache ? { cache: options.cache } : {}),
    });
    options.steps?.push(step);
    if (step.prepared) return step.prepared;
    lookups = step.lookups;
  }
  throw new Error('never prepared');
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('prepareSearchStep', () => {
  it('resolves companies and countries and builds the query', async () => {
    const { client, asked } = fakeClient({ stripe: { id: '2135371', name: 'Stripe' } });
    const prepared = await prepareSearch(
      client,
      request({
        filters: {
          companyLinkedInUrls: [
            'https://www.linkedin.com/company/stripe/',
            'https://www.linkedin.com/sales/company/1035',
            'linkedin.com/company/2135371',
          ],
          jobTitles: ['VP Sales', 'CFO'],
          keywords: 'fintech',
          countries: ['FR', 'US', 'FR'],
        },
      }),
    );
    expect(prepared).toEqual({
      query:
        '(spellCorrectionEnabled:true,filters:List(' +
        '(type:CURRENT_COMPANY,values:List((id:urn%3Ali%3Aorganization%3A2135371,text:Stripe,selectionType:INCLUDED),' +
        '(id:urn%3Ali%3Aorganization%3A1035,selectionType:INCLUDED))),' +
        '(type:CURRENT_TITLE,values:List((text:VP%20Sales,selectionType:INCLUDED),(text:CFO,selectionType:INCLUDED))),' +
        '(type:REGION,values:List((id:105015875,text:France,selectionType:INCLUDED),(id:103644278,text:US,selectionType:INCLUDED)))),' +
        'keywords:fintech)',
      companyIds: ['2135371', '1035'],
    });
    // Ids in the URL need no lookup; the client answers table countries without a request.
    expect(asked).toEqual(['https://www.linkedin.com/company/stripe', 'FR', 'US', 'FR']);
  });

  it('asks LinkedIn at most once per call, so the job can pace every lookup', async () => {
    const { client, asked } = fakeClient({ stripe: { id: '2135371', name: 'Stripe' }, adyen: { id: '27152' } });
    const steps: PrepareStep[] = [];
    await prepareSearch(
      client,
      request({
        filters: {
          companyLinkedInUrls: ['linkedin.com/company/1035', 'linkedin.com/company/stripe', 'linkedin.com/company/adyen'],
          countries: ['FR'],
        },
      }),
      { steps },
    );
    expect(asked).toEqual(['https://www.linkedin.com/company/stripe', 'https://www.linkedin.com/company/adyen', 'FR']);
    expect(steps.map((step) => [step.asked, step.lookups.companies.length, step.lookups.regions.length, !!step.prepared])).toEqual([
      // The id rides along with the first slug; the table country with nothing left to ask.
      [true, 2, 0, false],
      [true, 3, 0, false],
      [false, 3, 1, true],
    ]);
    expect(steps.every((step) => step.total === 4)).toBe(true);
  });

  it('counts a country outside the table as a request, since the typeahead may be asked', async () => {
    const { client } = fakeClient();
    client.resolveGeo = async () => ({ id: '103119917', name: 'Slovakia' });
    const steps: PrepareStep[] = [];
    await prepareSearch(client, request({ filters: { companyLinkedInUrls: ['linkedin.com/company/1035'], countries: ['SK', 'US'] } }), {
      steps,
    });
    expect(steps.map((step) => [step.asked, step.lookups.regions.length])).toEqual([
      [true, 1],
      [false, 2],
    ]);
  });

  it('resumes from the lookups already done without asking for them again', async () => {
    const { client, asked } = fakeClient({ stripe: { id: '2135371', name: 'Stripe' }, adyen: { id: '27152' } });
    const input = request({
      filters: { companyLinkedInUrls: ['linkedin.com/company/stripe', 'linkedin.com/company/adyen'], jobTitles: ['CFO'] },
    });
    const step = await prepareSearchStep(client, input, { companies: [{ id: '2135371', name: 'Stripe' }], regions: [] }, { now: NOW });
    expect(asked).toEqual(['https://www.linkedin.com/company/adyen']);
    expect(step.prepared?.companyIds).toEqual(['2135371', '27152']);
  });

  it('caches slug → id answers, case-insensitively, and trusts them for 30 days', async () => {
    const { client, asked } = fakeClient({ stripe: { id: '2135371', name: 'Stripe' } });
    const { cache, store } = memoryCache();
    const input = request({ filters: { companyLinkedInUrls: ['linkedin.com/company/stripe'], jobTitles: ['CFO'] } });
    const first = await prepareSearch(client, input, { cache });
    expect(JSON.parse(store.get('linkedin.company.stripe') ?? '')).toEqual({ id: '2135371', name: 'Stripe', at: NOW });

    const steps: PrepareStep[] = [];
    const again = request({ filters: { companyLinkedInUrls: ['linkedin.com/company/STRIPE'], jobTitles: ['CFO'] } });
    expect(await prepareSearch(client, again, { cache, now: NOW + COMPANY_CACHE_MAX_AGE_MS, steps })).toEqual(first);
    expect(steps.map((step) => step.asked)).toEqual([false]);
    expect(asked).toHaveLength(1);

    await prepareSearch(client, input, { cache, now: NOW + COMPANY_CACHE_MAX_AGE_MS + 1 });
    expect(asked).toHaveLength(2);
  });

  it('asks again when the cached answer is unreadable, and never caches an unknown company', async () => {
    const { client, asked } = fakeClient({ stripe: { id: '2135371' } });
    const { cache, store } = memoryCache({
      'linkedin.company.stripe': '{"id":"not-a-number","at":0}',
      'linkedin.company.acme': 'not json',
    });
    await prepareSearch(client, request({ filters: { companyLinkedInUrls: ['linkedin.com/company/stripe'], keywords: 'cfo' } }), { cache });
    expect(asked).toEqual(['https://www.linkedin.com/company/stripe']);
    expect(JSON.parse(store.get('linkedin.company.stripe') ?? '')).toEqual({ id: '2135371', at: NOW });

    await failure(
      prepareSearch(client, request({ filters: { companyLinkedInUrls: ['linkedin.com/company/acme'], keywords: 'cfo' } }), { cache }),
    );
    expect(store.get('linkedin.company.acme')).toBe('not json');
  });

  it('names the URL that is not a company page with a 400', async () => {
    const { client, asked } = fakeClient();
    // Built by hand: the schema would already refuse it; prepareSearchStep must hold on its own.
    const raw: CaptureRequest = {
      name: 'x',
      size: 25,
      filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/1035', 'https://www.linkedin.com/in/ada'], keywords: 'cfo' },
    };
    const error = await failure(prepareSearch(client, raw));
    expect(error).toMatchObject({ error: 'validation_error', status: 400 });
    expect(error.details).toEqual([
      { field: 'filters.companyLinkedInUrls[1]', message: expect.stringContaining('LinkedIn company URL') as unknown },
    ]);
    expect(error.message).toMatch(/^filters\.companyLinkedInUrls\[1\]: /);
    // Every URL is checked before LinkedIn is asked anything.
    expect(asked).toEqual([]);
  });

  it('names the unknown company with a 404', async () => {
    const { client } = fakeClient({ stripe: { id: '2135371' } });
    const error = await failure(
      prepareSearch(
        client,
        request({
          filters: { companyLinkedInUrls: ['linkedin.com/company/stripe', 'linkedin.com/company/no-such-co'], jobTitles: ['CFO'] },
        }),
      ),
    );
    expect(error).toMatchObject({ error: 'not_found', status: 404 });
    expect(error.details?.[0]?.field).toBe('filters.companyLinkedInUrls[1]');
    expect(error.message).toContain('https://www.linkedin.com/company/no-such-co');
  });

  it('names the country LinkedIn has no region for', async () => {
    const { client } = fakeClient();
    const error = await failure(
      prepareSearch(client, request({ filters: { companyLinkedInUrls: ['linkedin.com/company/1035'], countries: ['US', 'LV'] } })),
    );
    expect(error).toMatchObject({ error: 'not_found', status: 404 });
    expect(error.details?.[0]?.field).toBe('filters.countries[1]');
  });

  it('lets other failures through unchanged, for the job layer to handle', async () => {
    const limited = new ApiError({ error: 'rate_limited', message: 'slow down', retryAt: 123 });
    const { client } = fakeClient();
    client.resolveCompany = () => Promise.reject(limited);
    const error = await failure(
      prepareSearch(client, request({ filters: { companyLinkedInUrls: ['linkedin.com/company/acme'], jobTitles: ['CFO'] } })),
    );
    expect(error).toBe(limited);
  });

  it('replays a Sales Navigator query, cleaned, with the companies it names', async () => {
    const { client, asked } = fakeClient();
    const prepared = await prepareSearch(
      client,
      request({
        filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/1035'], jobTitles: ['VP Sales'] },
        salesNavigatorQuery:
          '(recentSearchParam:(id:1,doLogHistory:true),filters:List((type:CURRENT_COMPANY,values:List(' +
          '(id:urn:li:organization:1035,text:Microsoft,selectionType:INCLUDED),(id:urn%3Ali%3Aorganization%3A9,selectionType:EXCLUDED))),' +
          '(type:SENIORITY_LEVEL,values:List((id:220,text:Director,selectionType:INCLUDED)))))',
      }),
    );
    expect(prepared).toEqual({
      query:
        '(filters:List((type:CURRENT_COMPANY,values:List((id:urn%3Ali%3Aorganization%3A1035,text:Microsoft,selectionType:INCLUDED),' +
        '(id:urn%3Ali%3Aorganization%3A9,selectionType:EXCLUDED))),(type:SENIORITY_LEVEL,values:List((id:220,text:Director,selectionType:INCLUDED)))))',
      companyIds: ['1035'],
    });
    expect(asked).toEqual([]);
  });

  it('names salesNavigatorQuery when it is not a search', async () => {
    const { client } = fakeClient();
    const raw: CaptureRequest = {
      name: 'x',
      size: 25,
      filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/1035'], keywords: 'cfo' },
      salesNavigatorQuery: 'keywords:cfo',
    };
    const error = await failure(prepareSearch(client, raw));
    expect(error.error).toBe('validation_error');
    expect(error.details?.[0]?.field).toBe('salesNavigatorQuery');
  });

  describe('with the HTTP client', () => {
    const server = setupServer(
      http.get('https://www.linkedin.com/voyager/api/organization/companies', () => HttpResponse.json(companyStripe)),
      http.get('https://www.linkedin.com/sales-api/salesApiFacetTypeahead', () => HttpResponse.json(geoSlovakia)),
    );
    beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
    afterEach(() => server.resetHandlers());
    afterAll(() => server.close());

    it('resolves a slug and a typeahead country end to end', async () => {
      const client = createLinkedInClient({
        fetch: (input, init) => fetch(input, init),
        readCookie: async (name) => ({ JSESSIONID: '"ajax:1"', li_at: 'x' })[name],
        gate: openGate(),
      });
      const prepared = await prepareSearch(
        client,
        request({ filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], countries: ['SK'] } }),
      );
      expect(prepared).toEqual({
        query:
          '(spellCorrectionEnabled:true,filters:List(' +
          '(type:CURRENT_COMPANY,values:List((id:urn%3Ali%3Aorganization%3A2135371,text:Stripe,selectionType:INCLUDED))),' +
          '(type:REGION,values:List((id:103119917,text:Slovakia,selectionType:INCLUDED)))))',
        companyIds: ['2135371'],
      });
    });
  });
});

describe('leadListQuery', () => {
  it('filters the search on the list', () => {
    expect(leadListQuery('7100000000000000002')).toBe(
      '(filters:List((type:LEAD_LIST,values:List((id:7100000000000000002,selectionType:INCLUDED)))))',
    );
  });
});

describe('searches too long for LinkedIn', () => {
  // 50 titles of 200 CJK characters: each character is 9 characters once percent-escaped.
  const longTitles = Array.from({ length: 50 }, (_, i) => `${'李'.repeat(199)}${i % 10}`);

  it('are refused before any lookup, naming the filters, when what is known is already too long', async () => {
    const tooLong = request({ filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: longTitles } });
    expect(() => assertSearchFits(tooLong)).toThrow(
      expect.objectContaining({ error: 'validation_error', details: [expect.objectContaining({ field: 'filters' })] }),
    );
    const { client, asked } = fakeClient({ stripe: { id: '2135371' } });
    const error = await prepareSearch(client, tooLong, { now: NOW }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ error: 'validation_error', details: [{ field: 'filters' }] });
    expect(asked).toEqual(['https://www.linkedin.com/company/stripe']);
  });

  it('pass when the built query fits, and a replayed one is held to the same length', () => {
    const fits = request({
      filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: longTitles.slice(0, 3) },
    });
    expect(() => assertSearchFits(fits)).not.toThrow();
    const replayed = request({
      filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['CFO'] },
      salesNavigatorQuery: `(keywords:${'x'.repeat(SEARCH_QUERY_MAX - 11)})`,
    });
    expect(() => assertSearchFits(replayed)).not.toThrow();
    expect(() => checkQueryLength(`${replayed.salesNavigatorQuery}x`, 'salesNavigatorQuery')).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'salesNavigatorQuery' })] }),
    );
  });
});
