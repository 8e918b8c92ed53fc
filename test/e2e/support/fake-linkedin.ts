import type { BrowserContext } from '@playwright/test';
import { DEFAULT_SESSION, FakeLinkedIn, leadElement, WWW_HOST } from '../../fake-linkedin/fake-linkedin';
import { routeFakeLinkedIn, signIn } from '../../fake-linkedin/playwright';
import { NUMBERED_COMPANY, NUMBERED_FIRST_MEMBER, NumberedPopulation, numberedPerson } from '../../fake-linkedin/population';

/**
 * The end-to-end specs' LinkedIn: `FakeLinkedIn` (test/fake-linkedin) over the numbered
 * population, where lead n is `urn:li:member:${700000 + n}` and every search matches the first
 * `total` leads, served at the real URLs with `context.route`. The same fake answers the
 * built-in demo, over the realistic population.
 */

export const LINKEDIN_SESSION = DEFAULT_SESSION;
export const STRIPE_ORGANIZATION_ID = NUMBERED_COMPANY.id;

/** Signs the browser in to LinkedIn with a Sales Navigator seat, as far as cookies go. */
export async function signInToLinkedIn(context: BrowserContext): Promise<void> {
  await signIn(context);
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
  /** The Rest.li query as it was in the address: values percent-encoded once. */
  query: string;
  start: number;
  count: number;
}

/** A lead search result element (`LeadSearchResult-14`), with fields the extension ignores too. */
export function fakeLead(n: number, company: { id: string; name: string } = NUMBERED_COMPANY) {
  return leadElement(numberedPerson(n, company), { degree: 2, listCount: 0 });
}

/** The member URN of the n-th lead of the fake search, to check order. */
export function fakeMemberUrn(n: number): string {
  return `urn:li:member:${NUMBERED_FIRST_MEMBER + n}`;
}

/**
 * Answers the LinkedIn endpoints the extension calls. A request without the session's
 * `csrf-token` header gets LinkedIn's 403. Returns the fake, its `population` (to `evolve()`
 * between a capture and a refresh) and what was asked, for assertions: `searches` (the lead
 * searches that reached the endpoint) and `unexpected` (API requests the fake does not serve),
 * read live from the fake's request log.
 */
export async function fakeLinkedIn(context: BrowserContext, options: FakeLinkedInOptions = {}) {
  const population = new NumberedPopulation({ total: options.total ?? 1234, leadLists: options.leadLists ?? [] });
  const fake = new FakeLinkedIn({
    population,
    session: LINKEDIN_SESSION,
    seat: options.seat === false ? 'none' : 'active',
  });
  if (options.searchDelayMs) {
    fake.inject({ path: /^\/sales-api\/salesApiLeadSearch$/, delayMs: options.searchDelayMs, times: Infinity });
  }
  await routeFakeLinkedIn(context, fake);
  // A search refused for its csrf-token never reached the endpoint (LinkedIn's 403).
  const reachedSearch = () => fake.requests.filter((request) => request.endpoint === 'leadSearch' && request.status !== 403);
  return {
    fake,
    population,
    get searches(): SearchRequest[] {
      return reachedSearch().map((request) => {
        const url = new URL(request.url);
        return {
          query: /[?&]query=([^&]*)/.exec(url.search)?.[1] ?? '',
          start: Number(url.searchParams.get('start')),
          count: Number(url.searchParams.get('count')),
        };
      });
    },
    get unexpected(): string[] {
      return fake.requests.filter((request) => request.host === WWW_HOST && !request.endpoint).map((request) => request.url);
    },
  };
}
