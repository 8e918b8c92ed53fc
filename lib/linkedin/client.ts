import ky from 'ky';
import { isCountryCode } from '../model/countries';
import type { CompanyRef } from '../model/company-url';
import { ApiError, failure } from '../model/errors';
import type { LeadListSummary } from '../model/lead-lists';
import { NAME_MAX, SCRAPED_TEXT_MAX, SEARCH_QUERY_MAX } from '../model/limits';
import { systemClock, type Clock } from '../model/runtime';
import { cleanScrapedName, cleanScrapedText } from '../model/text';
import { z } from '../model/zod';
import {
  BASE_HEADERS,
  companyLookupUrl,
  CONTACT_EXPORTER_TASKS_URL,
  contactExporterTaskUrl,
  connectionsUrl,
  CSRF_COOKIE,
  CSRF_HEADER,
  geoCacheKey,
  geoTypeaheadUrl,
  IDENTITY_URL,
  LEAD_LISTS_MAX_PAGES,
  LEAD_LISTS_PAGE_SIZE,
  LEAD_SEARCH_MAX_RESULTS,
  LEAD_SEARCH_PAGE_SIZE_MAX,
  leadListsUrl,
  leadSearchUrl,
  LOGIN_COOKIE,
  NORMALIZED_JSON_ACCEPT,
  REQUEST_TIMEOUT_MS,
  RESTLI_HEADERS,
} from './constants';
import { parseConnectionsPage, type ConnectionsPage } from './connections';
import { parseTask, readTaskId, type ContactExporterTask } from './contacts-api';
import {
  contactsApiFailure,
  cookieUnreadable,
  failureForStatus,
  isRefusal,
  formatChanged,
  loggedOut,
  networkFailure,
  noSeat,
  timedOut,
  tokenInvalid,
  tokenMissing,
} from './failures';
import type { GateTicket, LinkedInGate } from './gate';
import { certainGeoId, fallbackGeoId, geoQueryName, isSameCountry } from './geo';
import {
  companyLookupResponseSchema,
  identityResponseSchema,
  leadListsResponseSchema,
  leadSchema,
  leadSearchResponseSchema,
  typeaheadResponseSchema,
  type Lead,
  type LeadSearchPage,
} from './schemas';
import { numericId } from './search-query';

/**
 * A string cache kept between runs (the background backs it with `db.meta`): resolved country
 * → geo id answers here, company slug → id answers in `prepare-search.ts`.
 */
export interface LookupCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface LinkedInClientDeps {
  /** Injected so tests pass msw or fakes; the background passes the worker's `fetch`. */
  fetch: typeof fetch;
  /** The one line every request waits in (pacing, cool-down, budget, refusals). */
  gate: LinkedInGate;
  /** A cookie of `https://www.linkedin.com` by name; the background backs it with `chrome.cookies.get`. */
  readCookie: (name: string) => Promise<string | undefined>;
  geoCache?: LookupCache;
  /** Per request, headers and body together. Default 15 s. */
  timeoutMs?: number;
  /** For `retryAt` from a `Retry-After` given in seconds. */
  clock?: Clock;
}

/**
 * The extension's only way to talk to LinkedIn. Every call is one request (listing lead
 * lists reads up to a few pages) in the user's own session, and every request waits its turn
 * at the gate (`gate.ts`). It never retries: each failure is classified as an `ApiError` (see
 * `failures.ts`) and the job layer decides what to do; a turn that cannot come soon is a
 * `NotYet` saying when.
 */
export interface LinkedInClient {
  /** The "connector" check: logged in, with an active Sales Navigator seat; else `connector_error`. */
  checkSession(): Promise<void>;
  /** A company's organization id; a slug is looked up, an id is returned as is. Unknown → 404 `not_found`. */
  resolveCompany(ref: CompanyRef): Promise<{ id: string; name?: string }>;
  /** A country's LinkedIn geo id and display name; table first, then cache, then typeahead. */
  resolveGeo(countryCode: string): Promise<{ id: string; name: string }>;
  /**
   * One page of a lead search. `start` at or past 2,500 answers 400 on LinkedIn's side: that
   * is the end of the results, returned as an empty page with `total: start`.
   */
  searchLeads(query: string, start: number, count: number): Promise<LeadSearchPage>;
  /** The user's own saved lead lists, most recently changed first. */
  listLeadLists(): Promise<LeadListSummary[]>;
  /**
   * One page of the user's 1st-degree connections from `start` (0, 40, 80, …), newest first,
   * through the session. A page of the daily budget, like a search page.
   */
  readConnectionsPage(start: number): Promise<ConnectionsPage>;
  /**
   * Starts an address-book export with the Contacts API and answers its task id. `token` is the
   * member's OAuth token: it goes to `https://api.linkedin.com` only, as `Authorization: Bearer`.
   */
  startAddressBookExport(token: string): Promise<string>;
  /** Reads an export task; `GONE` when LinkedIn no longer has it (its result expired). */
  readAddressBookTask(token: string, taskId: string): Promise<AddressBookTask>;
}

/** An export task as the Contacts API answers for it, or gone (a 404: the result expired, a new task is needed). */
export type AddressBookTask = ContactExporterTask | { status: 'GONE' };

type Reply = { ok: true; body: unknown; headers: Headers } | { ok: false; status: number; headers: Headers };

/** Search pages count against the daily budget; lookups, the seat check and lead lists do not. */
const BUDGETED: GateTicket = { budgeted: true };
const NOT_BUDGETED: GateTicket = { budgeted: false };

const CONNECTIONS_ENDPOINT = 'relationships/dash/connections';
const CONTACTS_ENDPOINT = 'contactExporterTasks';

/** What a lead-search query may contain once built: Rest.li syntax and percent-escapes only. */
const QUERY_CHARS = /^[A-Za-z0-9\-_.~%(),:']+$/;

const cachedGeoSchema = z.object({ id: z.string().regex(/^\d+$/), name: z.string().min(1) });

/**
 * A LinkedIn client over ky: `credentials: 'include'` so Chrome attaches the user's LinkedIn
 * cookies, the Rest.li headers on every request, and the `csrf-token` header added by a
 * `beforeRequest` hook from the `JSESSIONID` cookie read at that moment.
 */
export function createLinkedInClient(deps: LinkedInClientDeps): LinkedInClient {
  const timeoutMs = deps.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const clock = deps.clock ?? systemClock;

  // Called as a plain function: a browser's `fetch` throws "Illegal invocation" when called as
  // a method of another object, which is how ky would call a function found in its options.
  const send = deps.fetch;
  const http = ky.create({
    fetch: (input, init) => send(input, init),
    credentials: 'include',
    // A 3xx is LinkedIn sending a stale session to its login page or contract chooser: it is
    // reported, not followed (a browser answers an opaque redirect with status 0).
    redirect: 'manual',
    retry: 0,
    // The timeout below covers headers AND body; ky's own covers only the headers.
    timeout: false,
    throwHttpErrors: false,
    headers: BASE_HEADERS,
    hooks: {
      beforeRequest: [
        async (request) => {
          request.headers.set(CSRF_HEADER, await readCsrfToken(deps.readCookie));
        },
      ],
    },
  });

  // The Contacts API takes the member's OAuth token, never the session: no cookies, no csrf-token.
  const api = ky.create({
    fetch: (input, init) => send(input, init),
    credentials: 'omit',
    redirect: 'manual',
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    headers: RESTLI_HEADERS,
  });

  /** One GET through the gate: its status and its JSON body, within `timeoutMs` from the request to the last byte. */
  function get(url: string, endpoint: string, ticket: GateTicket = NOT_BUDGETED, headers?: Record<string, string>): Promise<Reply> {
    // An `undefined` headers option would drop ky's defaults (the Rest.li headers), so none is passed then.
    const options = headers ? { headers } : {};
    return throughGate(ticket, (signal) => exchange(() => http.get(url, { signal, ...options }), endpoint, signal));
  }

  /**
   * One exchange in the gate's line. A refusal (429, 999) is thrown inside the turn, so the gate
   * counts it and acts on it (a cool-down); answered as a plain status, it would pass for an
   * answer, and the refused request would be sent again at once.
   */
  async function throughGate(ticket: GateTicket, run: (signal: AbortSignal) => Promise<Reply>): Promise<Reply> {
    return deps.gate.send(ticket, async () => {
      const reply = await timed(run);
      if (!reply.ok && isRefusal(reply.status)) throw failureForStatus(reply.status, reply.headers, clock());
      return reply;
    });
  }

  /** Runs one exchange, abandoned after `timeoutMs` from the request to the last byte. */
  async function timed<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Racing the timer (rather than trusting every body stream to honour the abort) bounds the
    // wait even when headers arrive and the body then stalls.
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(timedOut(timeoutMs));
      }, timeoutMs);
    });
    try {
      return await Promise.race([run(controller.signal), expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends the request `call` makes; a 2xx answer with its JSON body (none when `withBody` is false), else its status. */
  async function exchange(call: () => Promise<Response>, endpoint: string, signal: AbortSignal, withBody = true): Promise<Reply> {
    let response: Response;
    let text: string;
    try {
      response = await call();
      if (response.status < 200 || response.status > 299 || !withBody) {
        void response.body?.cancel().catch(() => undefined);
        return response.status < 200 || response.status > 299
          ? { ok: false, status: response.status, headers: response.headers }
          : { ok: true, body: undefined, headers: response.headers };
      }
      text = await response.text();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw signal.aborted ? timedOut(timeoutMs) : networkFailure();
    }
    try {
      return { ok: true, body: JSON.parse(text) as unknown, headers: response.headers };
    } catch {
      throw formatChanged(endpoint);
    }
  }

  /** The `Authorization` header of a Contacts API request. */
  function bearer(token: string): Record<string, string> {
    return { authorization: `Bearer ${checkAccessToken(token)}` };
  }

  async function getParsed<T extends z.ZodType>(
    url: string,
    endpoint: string,
    schema: T,
    onFailure?: (status: number) => ApiError | undefined,
  ): Promise<z.output<T>> {
    const reply = await get(url, endpoint);
    if (!reply.ok) throw onFailure?.(reply.status) ?? failureForStatus(reply.status, reply.headers, clock());
    const parsed = schema.safeParse(reply.body);
    if (!parsed.success) throw formatChanged(endpoint, parsed.error.issues);
    return parsed.data;
  }

  return {
    async checkSession() {
      const identity = await getParsed(IDENTITY_URL, 'salesApiIdentity', identityResponseSchema, (status) =>
        status === 403 || status === 404 ? noSeat() : undefined,
      );
      if (!identity.elements.some((licence) => licence.active !== false && licence.revoked !== true)) throw noSeat();
    },

    async resolveCompany(ref) {
      if (ref.kind === 'id') return { id: ref.id };
      const unknown = () => failure('not_found', 'linkedin.companyNotFound', { url: ref.url });
      const found = await getParsed(companyLookupUrl(ref.slug), 'organization/companies', companyLookupResponseSchema, (status) =>
        status === 404 ? unknown() : undefined,
      );
      const company = found.elements[0];
      if (!company) throw unknown();
      const id = numericId(company.entityUrn ?? undefined) ?? numericId(company.trackingInfo?.objectUrn ?? undefined);
      if (!id) throw formatChanged('organization/companies');
      const name = cleanScrapedText(company.name, SCRAPED_TEXT_MAX.companyName);
      return name ? { id, name } : { id };
    },

    async resolveGeo(countryCode) {
      const code = countryCode.toUpperCase();
      if (!isCountryCode(code)) {
        throw new ApiError({
          error: 'validation_error',
          message: `"${countryCode}" is not an ISO 3166-1 alpha-2 country code`,
        });
      }
      const name = geoQueryName(code);
      const certain = certainGeoId(code);
      if (certain) return { id: certain, name };

      const key = geoCacheKey(code);
      const cached = await deps.geoCache?.get(key);
      if (cached !== undefined) {
        const hit = cachedGeoSchema.safeParse(safeJson(cached));
        if (hit.success) return hit.data;
      }

      const suggestions = await getParsed(geoTypeaheadUrl(name), 'salesApiFacetTypeahead', typeaheadResponseSchema);
      const match = suggestions.elements.find((suggestion) => numericId(suggestion.id) && isSameCountry(suggestion.displayValue, code));
      const matchId = numericId(match?.id);
      const fallback = fallbackGeoId(code);
      const geo = match && matchId ? { id: matchId, name: match.displayValue } : fallback ? { id: fallback, name } : undefined;
      if (!geo) throw failure('not_found', 'linkedin.regionNotFound', { country: code });
      await deps.geoCache?.set(key, JSON.stringify(geo));
      return geo;
    },

    async searchLeads(query, start, count) {
      if (!QUERY_CHARS.test(query)) throw invalid('query', 'Must be a Rest.li query built by the extension');
      if (query.length > SEARCH_QUERY_MAX) throw invalid('query', `Must be at most ${SEARCH_QUERY_MAX} characters`);
      if (!Number.isInteger(start) || start < 0) throw invalid('start', 'Must be a whole number, 0 or more');
      if (!Number.isInteger(count) || count < 1 || count > LEAD_SEARCH_PAGE_SIZE_MAX) {
        throw invalid('count', `Must be a whole number from 1 to ${LEAD_SEARCH_PAGE_SIZE_MAX}`);
      }
      const reply = await get(leadSearchUrl(query, start, count), 'salesApiLeadSearch', BUDGETED);
      if (!reply.ok) {
        // LinkedIn serves at most 2,500 results and answers 400 past them: that is the end.
        if (reply.status === 400 && start >= LEAD_SEARCH_MAX_RESULTS) return { leads: [], total: start, invalid: 0 };
        throw failureForStatus(reply.status, reply.headers, clock());
      }
      const parsed = leadSearchResponseSchema.safeParse(reply.body);
      if (!parsed.success) throw formatChanged('salesApiLeadSearch', parsed.error.issues);
      const leads: Lead[] = [];
      for (const element of parsed.data.elements) {
        const lead = leadSchema.safeParse(element);
        if (lead.success) leads.push(lead.data);
      }
      return { leads, total: parsed.data.paging.total, invalid: parsed.data.elements.length - leads.length };
    },

    async listLeadLists() {
      const byId = new Map<string, LeadListSummary>();
      for (let page = 0; page < LEAD_LISTS_MAX_PAGES; page += 1) {
        const start = page * LEAD_LISTS_PAGE_SIZE;
        const { elements, paging } = await getParsed(leadListsUrl(start), 'salesApiLists', leadListsResponseSchema);
        for (const list of elements) {
          if (byId.has(list.id)) continue;
          const modified = list.lastModifiedAt ?? undefined;
          byId.set(list.id, {
            id: list.id,
            // A name is a valid list name: a lead list is captured under it.
            name: cleanScrapedName(list.name, `Lead list ${list.id}`, NAME_MAX),
            size: list.entityCount ?? 0,
            ...(modified !== undefined && Number.isFinite(modified) ? { lastModifiedAt: new Date(modified).toISOString() } : {}),
          });
        }
        const end = start + LEAD_LISTS_PAGE_SIZE;
        if (elements.length < LEAD_LISTS_PAGE_SIZE || (paging && end >= paging.total)) break;
      }
      return [...byId.values()];
    },

    async readConnectionsPage(start) {
      if (!Number.isInteger(start) || start < 0) throw invalid('start', 'Must be a whole number, 0 or more');
      const reply = await get(connectionsUrl(start), CONNECTIONS_ENDPOINT, BUDGETED, { accept: NORMALIZED_JSON_ACCEPT });
      if (!reply.ok) throw failureForStatus(reply.status, reply.headers, clock());
      return parseConnectionsPage(reply.body);
    },

    async startAddressBookExport(token) {
      const headers = bearer(token);
      const reply = await throughGate(NOT_BUDGETED, (signal) =>
        exchange(() => api.post(CONTACT_EXPORTER_TASKS_URL, { signal, headers }), CONTACTS_ENDPOINT, signal, false),
      );
      if (!reply.ok) throw contactsApiFailure(reply.status, reply.headers, clock());
      const taskId = readTaskId(reply.headers);
      if (!taskId) throw failure('upstream_error', 'addressBook.noTaskId', {});
      return taskId;
    },

    async readAddressBookTask(token, taskId) {
      const headers = bearer(token);
      const reply = await throughGate(NOT_BUDGETED, (signal) =>
        exchange(() => api.get(contactExporterTaskUrl(taskId), { signal, headers }), CONTACTS_ENDPOINT, signal),
      );
      if (!reply.ok) {
        if (reply.status === 404) return { status: 'GONE' };
        throw contactsApiFailure(reply.status, reply.headers, clock());
      }
      return parseTask(reply.body);
    },
  };
}

/**
 * The `csrf-token` header: the `JSESSIONID` value without its double quotes. Without it, or
 * without the `li_at` login cookie, the user is logged out.
 */
export async function readCsrfToken(readCookie: LinkedInClientDeps['readCookie']): Promise<string> {
  let session: string | undefined;
  let login: string | undefined;
  try {
    [session, login] = await Promise.all([readCookie(CSRF_COOKIE), readCookie(LOGIN_COOKIE)]);
  } catch {
    throw cookieUnreadable();
  }
  const token = session?.trim().replace(/^"(.*)"$/, '$1');
  // Anything but visible ASCII cannot be a header value; such a cookie is not a session.
  if (!token || !login || !/^[\x21-\x7E]+$/.test(token)) throw loggedOut();
  return token;
}

/**
 * The Contacts API token as it will be sent, or the error a person can act on: none saved, or
 * one with characters no token (and no HTTP header) can have.
 */
export function checkAccessToken(token: string): string {
  const value = token.trim();
  if (!value) throw tokenMissing();
  if (!/^[\x21-\x7E]+$/.test(value)) throw tokenInvalid();
  return value;
}

function invalid(field: string, message: string): ApiError {
  return new ApiError({ error: 'validation_error', message: `${field}: ${message}`, details: [{ field, message }] });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
