import fc from 'fast-check';
import { openGate } from '../linkedin/open-gate';
import { describe, expect, it } from 'vitest';
import { createLinkedInClient } from '../../../lib/linkedin/client';
import { companyLookupUrl, geoTypeaheadUrl, IDENTITY_URL, leadListsUrl, leadSearchUrl } from '../../../lib/linkedin/constants';
import { certainGeoId } from '../../../lib/linkedin/geo';
import { mapLeadToContact } from '../../../lib/linkedin/map-lead';
import {
  companyLookupResponseSchema,
  identityResponseSchema,
  leadListsResponseSchema,
  leadSchema,
  leadSearchResponseSchema,
  typeaheadResponseSchema,
} from '../../../lib/linkedin/schemas';
import { buildLeadListQuery, buildLeadSearchQuery, type LeadSearchInput } from '../../../lib/linkedin/search-query';
import { profileUrlKey } from '../../../lib/model/identity';
import { snapshotContactSchema } from '../../../lib/model/snapshot';
import { FakeLinkedIn } from '../../fake-linkedin/fake-linkedin';
import { fakeLinkedInFetch } from '../../fake-linkedin/fetch';
import { fakeGeos, NumberedPopulation, Population, regionIds as regionsOf, type LeadCriteria } from '../../fake-linkedin/population';
import { ENGINEERING_ROLES, GO_TO_MARKET_ROLES, PRODUCT_ROLES } from '../../fixtures/panel/people';
import { call, clientFor, connectionEntitySchema, connectionsPageSchema, connectionsUrl, failure, profileEntitySchema } from './harness';

const population = new Population();
const fake = new FakeLinkedIn({ population });
const client = clientFor(fake);

const NORMALIZED = 'application/vnd.linkedin.normalized+json+2.1';
const NONE: LeadCriteria = { companyIds: [], excludedCompanyIds: [], titles: [], excludedTitles: [], regionIds: [] };

/** Every lead of a search, page by page through the fake, each page held to the extension's schema. */
async function walkSearch(on: FakeLinkedIn, query: string, count: number) {
  const members: string[] = [];
  let total = -1;
  for (let start = 0; start < 2500; start += count) {
    const reply = await call(on, leadSearchUrl(query, start, count));
    expect(reply.status).toBe(200);
    const page = leadSearchResponseSchema.parse(reply.json());
    total = page.paging.total;
    members.push(...page.elements.map((lead) => leadSchema.parse(lead).objectUrn));
    if (page.elements.length < count) break;
  }
  return { members, total };
}

describe('Sales Navigator session and lookups', () => {
  it('answers the seat check with an active licence, in the identity schema', async () => {
    const reply = await call(fake, IDENTITY_URL);
    const licences = identityResponseSchema.parse(reply.json()).elements;
    expect(licences).toEqual([{ name: 'Sales Navigator Core', active: true, revoked: false }]);
    await expect(client.checkSession()).resolves.toBeUndefined();
  });

  it('answers a revoked seat with a revoked licence and no seat with 403, both a connector error', async () => {
    const revoked = new FakeLinkedIn({ population, seat: 'revoked' });
    expect(identityResponseSchema.parse((await call(revoked, IDENTITY_URL)).json()).elements[0]).toMatchObject({ revoked: true });
    expect((await failure(clientFor(revoked).checkSession())).error).toBe('connector_error');
    const none = new FakeLinkedIn({ population, seat: 'none' });
    expect((await call(none, IDENTITY_URL)).status).toBe(403);
    expect((await failure(clientFor(none).checkSession())).reason?.code).toBe('linkedin.noSeat');
    // Without a seat Sales Navigator refuses, while the rest of LinkedIn still answers.
    expect((await call(none, leadListsUrl(0))).status).toBe(403);
    expect((await call(none, companyLookupUrl('stripe'))).status).toBe(200);
  });

  it('resolves every company slug, whatever its case, and 404s an unknown one', async () => {
    for (const company of population.companies()) {
      const reply = await call(fake, companyLookupUrl(company.slug.toUpperCase()));
      expect(companyLookupResponseSchema.parse(reply.json()).elements[0]).toMatchObject({ name: company.name });
      const url = `https://www.linkedin.com/company/${company.slug}`;
      const resolved = await client.resolveCompany({ kind: 'slug', slug: company.slug, url });
      expect(resolved).toEqual({ id: company.id, name: company.name });
    }
    expect((await call(fake, companyLookupUrl('no-such-company'))).status).toBe(404);
    expect((await failure(client.resolveCompany({ kind: 'slug', slug: 'no-such-company', url: 'x' }))).error).toBe('not_found');
  });

  it('suggests countries first, then cities, for a typeahead prefix', async () => {
    const reply = await call(fake, geoTypeaheadUrl('united'));
    const names = typeaheadResponseSchema.parse(reply.json()).elements.map((element) => element.displayValue);
    expect(names.slice(0, 3)).toEqual(['United Arab Emirates', 'United Kingdom', 'United States']);
    const paris = typeaheadResponseSchema.parse((await call(fake, geoTypeaheadUrl('Par'))).json()).elements;
    expect(paris.map((element) => element.displayValue)).toContain('Paris, Île-de-France, France');
    expect((await call(fake, geoTypeaheadUrl('Par').replace('BING_GEO', 'TITLE'))).status).toBe(400);
  });

  it('lets the extension resolve every country of the population to the geo id its people carry', async () => {
    const own = new FakeLinkedIn({ population });
    const codes = new Set(population.activePeople().map((person) => person.countryCode!));
    for (const code of codes) {
      const geo = await clientFor(own).resolveGeo(code);
      expect(geo.id).toBe(fakeGeos().byCountry.get(code)!.id);
    }
    // Countries outside the extension's own table were asked of the typeahead.
    expect(own.requestsTo(/salesApiFacetTypeahead/).length).toBe([...codes].filter((code) => !certainGeoId(code)).length);
  });
});

describe('lead search', () => {
  it('filters by company, title and region, and every lead maps to a valid snapshot contact', async () => {
    const input: LeadSearchInput = {
      companies: [{ id: '2135371', name: 'Stripe' }],
      titles: ['Account Executive', 'VP Sales'],
      regions: [{ id: '103644278', name: 'United States' }],
    };
    const page = await client.searchLeads(buildLeadSearchQuery(input), 0, 100);
    const expected = population.search({
      ...NONE,
      companyIds: ['2135371'],
      titles: ['Account Executive', 'VP Sales'],
      regionIds: ['103644278'],
    });
    expect(page.total).toBe(expected.total);
    expect(page.total).toBeGreaterThan(5);
    const urns = expected.page(0, 100).map((person) => `urn:li:member:${person.memberId}`);
    expect(page.leads.map((lead) => lead.objectUrn)).toEqual(urns);
    for (const lead of page.leads) {
      const contact = snapshotContactSchema.parse(mapLeadToContact(lead, ['2135371']));
      expect(contact.companyName).toBe('Stripe');
      expect(contact.role).toMatch(/Account Executive|VP Sales/);
      expect(contact.linkedInSalesNavigatorProfileUrl).toMatch(/^https:\/\/www\.linkedin\.com\/sales\/lead\/ACwAA/);
    }
  });

  it('pages any search to its end, in one order, as the population matches it', async () => {
    const titles = [...GO_TO_MARKET_ROLES, ...ENGINEERING_ROLES, ...PRODUCT_ROLES].map((role) => role.title);
    const countries = [...new Set(population.activePeople().map((person) => person.countryCode!))];
    const words = ['enterprise', 'security', 'design', 'payments', 'platform', 'revenue', 'zero trust'];
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(
          population.leadCompanies().map((company) => company.id),
          { maxLength: 3 },
        ),
        fc.subarray(titles, { maxLength: 2 }),
        fc.subarray(countries, { maxLength: 3 }),
        fc.option(fc.constantFrom(...words), { nil: undefined }),
        fc.constantFrom(10, 25, 100),
        async (companyIds, chosenTitles, codes, keywords, count) => {
          const regions = codes.map((code) => ({ id: fakeGeos().byCountry.get(code)!.id, name: code }));
          const words = keywords ? { keywords } : {};
          const companies = companyIds.map((id) => ({ id }));
          const query = buildLeadSearchQuery({ companies, titles: chosenTitles, regions, ...words });
          const { members, total } = await walkSearch(fake, query, count);
          const regionIds = regions.map((region) => region.id);
          const expected = population.search({ ...NONE, companyIds, titles: chosenTitles, regionIds, ...words });
          expect(total).toBe(expected.total);
          expect(members).toEqual(expected.page(0, Math.min(total, 2500)).map((person) => `urn:li:member:${person.memberId}`));
          expect(new Set(members).size).toBe(members.length);
          for (const urn of members) {
            const person = population.person(Number(urn.split(':').at(-1)))!;
            if (companyIds.length) expect(person.positions.some((position) => companyIds.includes(position.companyId))).toBe(true);
            if (regionIds.length) expect(regionIds.some((id) => regionsOf(person).includes(id))).toBe(true);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reports the whole match count but serves no result past 2,500, answering 400 from there', async () => {
    const query = buildLeadSearchQuery({ keywords: '' });
    const total = population.search(NONE).total;
    expect(total).toBeGreaterThan(2500);
    const last = leadSearchResponseSchema.parse((await call(fake, leadSearchUrl(query, 2490, 25))).json());
    expect(last.paging.total).toBe(total);
    expect(last.elements).toHaveLength(10);
    expect((await call(fake, leadSearchUrl(query, 2500, 25))).status).toBe(400);
    await expect(client.searchLeads(query, 2500, 25)).resolves.toEqual({ leads: [], total: 2500, invalid: 0 });
  });

  it('refuses what LinkedIn refuses: a page over 100, a query that is not Rest.li, another decoration', async () => {
    const query = buildLeadSearchQuery({ titles: ['CRO'] });
    expect((await call(fake, leadSearchUrl(query, 0, 101))).status).toBe(400);
    expect((await call(fake, leadSearchUrl('(keywords:a', 0, 25))).status).toBe(400);
    expect((await call(fake, leadSearchUrl(query, 0, 25).replace('LeadSearchResult-14', 'Other-1'))).status).toBe(400);
  });

  it('shows degree 1 for a lead who is a connection, and lead-list membership', async () => {
    const leadCompanies = new Set(population.leadCompanies().map((company) => company.id));
    const connected = population.connections().find(({ person }) => leadCompanies.has(person.positions[0]!.companyId))!;
    const companyId = connected.person.positions[0]!.companyId;
    const query = buildLeadSearchQuery({ companies: [{ id: companyId }], keywords: `"${connected.person.fullName}"` });
    const page = (await call(fake, leadSearchUrl(query, 0, 25))).json() as { elements: { objectUrn: string; degree: number }[] };
    expect(page.elements.find((lead) => lead.objectUrn === `urn:li:member:${connected.person.memberId}`)?.degree).toBe(1);

    const listed = population.search({ ...NONE, leadListId: population.leadLists()[0]!.id }).page(0, 1)[0]!;
    const byName = buildLeadSearchQuery({ companies: [{ id: listed.positions[0]!.companyId }], keywords: `"${listed.fullName}"` });
    const found = (await call(fake, leadSearchUrl(byName, 0, 25))).json() as { elements: { objectUrn: string }[] };
    const lead = found.elements.find((element) => element.objectUrn === `urn:li:member:${listed.memberId}`);
    expect(lead).toMatchObject({ saved: true, listCount: 1 });
  });

  it('answers the same bytes for the same request from the same seed', async () => {
    const twin = new FakeLinkedIn({ population: new Population() });
    const url = leadSearchUrl(buildLeadSearchQuery({ titles: ['Engineer'] }), 25, 25);
    expect((await call(twin, url)).text).toBe((await call(fake, url)).text);
  });
});

describe('saved lead lists', () => {
  it('lists them newest first, in the lead-list schema, and a LEAD_LIST search gives their members', async () => {
    const reply = leadListsResponseSchema.parse((await call(fake, leadListsUrl(0))).json());
    expect(reply.elements.map((list) => list.name)).toEqual(population.leadLists().map((list) => list.name));
    const lists = await client.listLeadLists();
    expect(lists.map((list) => list.size)).toEqual([60, 40, 75, 30, 0]);
    const members = await client.searchLeads(buildLeadListQuery(lists[2]!.id), 0, 100);
    expect(members.total).toBe(75);
    expect(members.leads).toHaveLength(75);
  });

  it('pages them by 25', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: String(7_000_000 + i), name: `List ${i}`, members: i }));
    const paged = new FakeLinkedIn({ population: new NumberedPopulation({ total: 0, leadLists: many }) });
    const lists = await clientFor(paged).listLeadLists();
    expect(lists).toHaveLength(30);
    expect(paged.requestsTo(/salesApiLists/).map((request) => new URL(request.url).searchParams.get('start'))).toEqual(['0', '25']);
  });
});

describe('connections (Voyager, normalized)', () => {
  it('pages every connection newest first, each joined to its profile, until a short page', async () => {
    const seen: { createdAt: number; publicIdentifier: string }[] = [];
    for (let start = 0; ; start += 40) {
      const reply = await call(fake, connectionsUrl(start), { headers: { accept: NORMALIZED } });
      expect(reply.headers['Content-Type']).toBe(NORMALIZED);
      const page = connectionsPageSchema.parse(reply.json());
      expect(page.data.paging).toEqual({ start, count: 40, links: [] });
      const byUrn = new Map(page.included.map((entity) => [entity.entityUrn, entity]));
      for (const urn of page.data['*elements']) {
        const connection = connectionEntitySchema.parse(byUrn.get(urn));
        const profile = profileEntitySchema.parse(byUrn.get(connection['*connectedMemberResolutionResult']));
        expect(profile.entityUrn).toBe(connection.connectedMember);
        expect(profileUrlKey(`https://www.linkedin.com/in/${encodeURIComponent(profile.publicIdentifier)}`)).toBeDefined();
        seen.push({ createdAt: connection.createdAt, publicIdentifier: profile.publicIdentifier });
      }
      if (page.data['*elements'].length < 40) break;
    }
    expect(seen).toHaveLength(500);
    expect(seen.map((entry) => entry.createdAt)).toEqual([...seen.map((entry) => entry.createdAt)].sort((a, b) => b - a));
    expect(new Set(seen.map((entry) => entry.publicIdentifier)).size).toBe(500);
    const past = connectionsPageSchema.parse((await call(fake, connectionsUrl(520))).json());
    expect(past.data['*elements']).toEqual([]);
    expect(past.included).toEqual([]);
  });

  it('keeps `included` in an order of its own, so a parser must follow `*elements`', async () => {
    const page = connectionsPageSchema.parse((await call(fake, connectionsUrl(0))).json());
    const connectionOrder = page.included.filter((entity) => entity.$type.endsWith('.Connection')).map((entity) => entity.entityUrn);
    expect(connectionOrder).not.toEqual(page.data['*elements']);
    expect([...connectionOrder].sort()).toEqual([...page.data['*elements']].sort());
  });

  it('sorts by name when asked, and refuses an unknown sort or a missing decoration', async () => {
    const page = connectionsPageSchema.parse((await call(fake, connectionsUrl(0, 10, 'LASTNAME_FIRSTNAME'))).json());
    const lastNameOf = new Map(
      page.included.flatMap((entity) => ('lastName' in entity ? [[entity.entityUrn, entity.lastName] as const] : [])),
    );
    const lastNames = page.data['*elements'].map((urn) => lastNameOf.get(urn.replace('fsd_connection', 'fsd_profile'))!);
    expect(lastNames).toEqual([...lastNames].sort((a, b) => a.localeCompare(b, 'en')));
    expect((await call(fake, connectionsUrl(0, 10, 'NEWEST'))).status).toBe(400);
    expect((await call(fake, connectionsUrl(0).replace(/decorationId=[^&]+&/, ''))).status).toBe(400);
  });
});

describe('the session', () => {
  it('refuses an API request whose csrf-token is missing or is not the session’s, as LinkedIn does', async () => {
    expect(await call(fake, IDENTITY_URL, { csrf: null })).toMatchObject({ status: 403, text: 'CSRF check failed.' });
    expect((await call(fake, IDENTITY_URL, { csrf: 'ajax:0000000000000000000' })).status).toBe(403);
    // A browser whose JSESSIONID is another session's: the extension's client sends that one.
    const jar: Record<string, string> = { JSESSIONID: '"ajax:1111111111111111111"', li_at: 'AQEDARstale' };
    const stale = createLinkedInClient({ fetch: fakeLinkedInFetch(fake), readCookie: async (name) => jar[name], gate: openGate() });
    expect((await failure(stale.checkSession())).error).toBe('connector_error');
  });

  it('answers 401 once the session is no longer valid, read by the extension as an expired session', async () => {
    const signedOut = new FakeLinkedIn({ population, signedIn: false });
    expect((await call(signedOut, IDENTITY_URL)).status).toBe(401);
    const error = await failure(clientFor(signedOut).searchLeads(buildLeadSearchQuery({ titles: ['CRO'] }), 0, 25));
    expect(error.reason?.code).toBe('linkedin.sessionExpired');
  });

  it('serves page navigations a stand-in without asking for a csrf-token, and photos as SVG', async () => {
    const page = await call(fake, 'https://www.linkedin.com/company/stripe/', { csrf: null });
    expect(page.status).toBe(200);
    expect(page.headers['Content-Type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<title>Stripe | LinkedIn</title>');
    const photoUrl = 'https://media.licdn.com/dms/image/v2/D4E03AQ/profile-displayphoto-shrink_100_100/0/1?e=1&v=beta&t=x';
    const photo = await call(fake, photoUrl, { csrf: null });
    expect(photo.headers['Content-Type']).toBe('image/svg+xml');
    expect(photo.text).toMatch(/^<svg /);
  });

  it('logs every request with its endpoint, lower-case headers and the status it got', async () => {
    const logged = new FakeLinkedIn({ population });
    await call(logged, IDENTITY_URL, { headers: { 'X-Li-Lang': 'en_US' } });
    await call(logged, 'https://www.linkedin.com/voyager/api/unknown', {});
    expect(logged.requests).toMatchObject([
      {
        method: 'GET',
        host: 'www.linkedin.com',
        path: '/sales-api/salesApiIdentity',
        endpoint: 'identity',
        status: 200,
        headers: { 'x-li-lang': 'en_US' },
      },
      { path: '/voyager/api/unknown', status: 404 },
    ]);
    expect(logged.requests[1]!.endpoint).toBeUndefined();
  });
});
