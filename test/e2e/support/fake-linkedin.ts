import type { BrowserContext, Route } from '@playwright/test';

/**
 * LinkedIn Sales Navigator faked at its real URLs with `context.route`, which also catches
 * the extension service worker's requests: the production client, its headers and its
 * parsing are exercised end to end. Shapes follow docs/linkedin-notes.md.
 */

export const LINKEDIN_SESSION = 'ajax:5150002418862219876';
export const STRIPE_ORGANIZATION_ID = '2135371';

/** Signs the browser in to LinkedIn with a Sales Navigator seat, as far as cookies go. */
export async function signInToLinkedIn(context: BrowserContext): Promise<void> {
  const cookie = { domain: '.linkedin.com', path: '/', secure: true, sameSite: 'None' as const };
  await context.addCookies([
    { ...cookie, name: 'JSESSIONID', value: `"${LINKEDIN_SESSION}"` },
    { ...cookie, name: 'li_at', value: 'AQEDAR-fake-login-token', httpOnly: true },
    { ...cookie, name: 'li_a', value: 'AQJ2PTEmc2FsZXNfY2lkPT-fake-seat', httpOnly: true },
  ]);
}

export interface FakeLeadList {
  id: string;
  name: string;
  members: number;
}

export interface FakeLinkedInOptions {
  /** The search's match count (`paging.total`); leads are numbered 0..total-1. */
  total?: number;
  /** Whether the account has an active Sales Navigator seat (default true). */
  seat?: boolean;
  leadLists?: FakeLeadList[];
  /** Holds every search answer this long, so a test can act while a capture runs. */
  searchDelayMs?: number;
}

export interface SearchRequest {
  query: string;
  start: number;
  count: number;
}

/** A lead search result element (`LeadSearchResult-14`), with fields the extension ignores too. */
export function fakeLead(n: number, company = { id: STRIPE_ORGANIZATION_ID, name: 'Stripe' }) {
  return {
    objectUrn: `urn:li:member:${700_000 + n}`,
    entityUrn: `urn:li:fs_salesProfile:(ACwAAA${n}xYz,NAME_SEARCH,k${n})`,
    firstName: `Ada${n}`,
    lastName: `Lovelace${n}`,
    fullName: `Ada${n} Lovelace${n}`,
    geoRegion: 'San Francisco Bay Area',
    summary: n % 3 === 0 ? null : `Building revenue teams #${n}`,
    degree: 2,
    premium: false,
    openLink: false,
    saved: false,
    viewed: n % 2 === 0,
    pendingInvitation: false,
    memorialized: false,
    listCount: 0,
    profilePictureDisplayImage: {
      rootUrl: 'https://media.licdn.com/dms/image/v2/C4E03AQ/profile-displayphoto-shrink_',
      artifacts: [
        { width: 100, height: 100, fileIdentifyingUrlPathSegment: `100_100/photo-${n}?e=1790000000&v=beta` },
        { width: 400, height: 400, fileIdentifyingUrlPathSegment: `400_400/photo-${n}?e=1790000000&v=beta` },
      ],
    },
    currentPositions: [
      {
        title: n % 2 ? 'VP Sales' : 'Head of Revenue Operations',
        companyName: company.name,
        companyUrn: `urn:li:fs_salesCompany:${company.id}`,
        companyUrnResolutionResult: {
          entityUrn: `urn:li:fs_salesCompany:${company.id}`,
          name: company.name,
          industry: 'Technology',
          location: 'San Francisco, California',
        },
        current: true,
        posId: 9_000_000 + n,
        tenureAtPosition: { numYears: 2, numMonths: n % 12 },
        tenureAtCompany: { numYears: 3 },
        startedOn: { month: 3, year: 2023 },
      },
    ],
  };
}

/** The member URN of the n-th lead of the fake search, to check order. */
export function fakeMemberUrn(n: number): string {
  return `urn:li:member:${700_000 + n}`;
}

const json = (route: Route, status: number, body: unknown) =>
  route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

/**
 * Answers the Sales Navigator endpoints the extension calls. A request without the session's
 * `csrf-token` header gets LinkedIn's 403. Returns what was asked, for assertions.
 */
export async function fakeLinkedIn(context: BrowserContext, options: FakeLinkedInOptions = {}) {
  const total = options.total ?? 1234;
  const searches: SearchRequest[] = [];
  const unexpected: string[] = [];

  await context.route('https://www.linkedin.com/**', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (request.headers()['csrf-token'] !== LINKEDIN_SESSION) return json(route, 403, { status: 403 });
    const param = (name: string) => url.searchParams.get(name) ?? '';

    switch (url.pathname) {
      case '/sales-api/salesApiIdentity':
        if (options.seat === false) return json(route, 403, { status: 403, message: 'No Sales Navigator contract' });
        return json(route, 200, { elements: [{ name: 'Sales Navigator Core', active: true, revoked: false }] });

      case '/voyager/api/organization/companies':
        if (param('universalName') !== 'stripe') return json(route, 404, { status: 404 });
        return json(route, 200, {
          elements: [
            {
              entityUrn: `urn:li:fs_normalized_company:${STRIPE_ORGANIZATION_ID}`,
              name: 'Stripe',
              universalName: 'stripe',
              trackingInfo: { objectUrn: `urn:li:company:${STRIPE_ORGANIZATION_ID}` },
            },
          ],
        });

      case '/sales-api/salesApiFacetTypeahead':
        return json(route, 200, { elements: [{ id: '103644278', displayValue: 'United States' }] });

      case '/sales-api/salesApiLists':
        return json(route, 200, {
          elements: (options.leadLists ?? []).map((list) => ({
            id: list.id,
            name: list.name,
            entityCount: list.members,
            lastModifiedAt: Date.parse('2026-11-20T09:00:00Z'),
            listSource: 'MANUAL',
          })),
          paging: { start: 0, count: 25, total: options.leadLists?.length ?? 0 },
        });

      case '/sales-api/salesApiLeadSearch': {
        // The query's values are percent-encoded once inside the address (`query=(…)`).
        const query = /[?&]query=([^&]*)/.exec(url.search)?.[1] ?? '';
        const start = Number(param('start'));
        const count = Number(param('count'));
        searches.push({ query, start, count });
        if (options.searchDelayMs) await new Promise((resolve) => setTimeout(resolve, options.searchDelayMs));
        const leadList = /LEAD_LIST,values:List\(\(id:([^,)]+)/.exec(query)?.[1];
        const matches = leadList ? (options.leadLists?.find((list) => list.id === leadList)?.members ?? 0) : total;
        if (start >= 2500) return json(route, 400, { status: 400 });
        const end = Math.min(start + count, matches, 2500);
        const elements = Array.from({ length: Math.max(0, end - start) }, (_, i) => fakeLead(start + i));
        return json(route, 200, {
          elements,
          paging: { start, count, total: matches },
          metadata: { totalDisplayCount: matches >= 1000 ? `${Math.floor(matches / 1000)}K+` : String(matches) },
        });
      }

      default:
        unexpected.push(url.href);
        return json(route, 404, { status: 404 });
    }
  });

  return { searches, unexpected };
}
