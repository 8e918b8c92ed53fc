/**
 * Everything the extension knows about LinkedIn's private endpoints, in one place: origins,
 * paths, headers, cookies, decoration ids and page sizes. LinkedIn can change any of it
 * without notice (see docs/linkedin-notes.md); nothing outside `lib/linkedin` names these.
 */

/** The origin of the user's own LinkedIn session: every request to it carries the user's cookies. */
export const LINKEDIN_ORIGIN = 'https://www.linkedin.com';
/** LinkedIn's OAuth API: a bearer token, never the session's cookies. Only the Contacts API lives here. */
export const LINKEDIN_API_ORIGIN = 'https://api.linkedin.com';

/** Cookie holding the CSRF token (`"ajax:…"`, quotes included); its absence means logged out. */
export const CSRF_COOKIE = 'JSESSIONID';
/** LinkedIn's login cookie; only its presence is checked, its value is never read into a request. */
export const LOGIN_COOKIE = 'li_at';

/** Headers the Sales Navigator web app sends; `csrf-token` is added per request from the cookie. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  accept: 'application/json',
  'x-restli-protocol-version': '2.0.0',
  'x-li-lang': 'en_US',
};
export const CSRF_HEADER = 'csrf-token';

/** Headers of a Contacts API request besides its bearer token: Rest.li 2.0, JSON. */
export const RESTLI_HEADERS: Readonly<Record<string, string>> = {
  accept: 'application/json',
  'x-restli-protocol-version': '2.0.0',
};

/** Every request is abandoned after this long; far under the service worker's 30 s idle limit. */
export const REQUEST_TIMEOUT_MS = 15_000;

/** Seat check ("connector" check): 403/404 means no Sales Navigator seat. */
export const IDENTITY_URL = `${LINKEDIN_ORIGIN}/sales-api/salesApiIdentity?q=findLicensesByCurrentMember`;

export const LEAD_SEARCH_PATH = `${LINKEDIN_ORIGIN}/sales-api/salesApiLeadSearch`;
export const LEAD_SEARCH_DECORATION_ID = 'com.linkedin.sales.deco.desktop.searchv2.LeadSearchResult-14';
/** The page size the Sales Navigator web app uses. */
export const LEAD_SEARCH_PAGE_SIZE = 25;
/** The largest page public code asks for. */
export const LEAD_SEARCH_PAGE_SIZE_MAX = 100;
/** LinkedIn returns no result past this offset; `start` at or beyond it answers 400. */
export const LEAD_SEARCH_MAX_RESULTS = 2500;

/** Company slug → organization id (`universalName` lookup on the voyager API). */
export const COMPANY_LOOKUP_PATH = `${LINKEDIN_ORIGIN}/voyager/api/organization/companies`;

/** Filter-value typeahead; `BING_GEO` is the geography type used for countries. */
export const TYPEAHEAD_PATH = `${LINKEDIN_ORIGIN}/sales-api/salesApiFacetTypeahead`;
export const GEO_TYPEAHEAD_TYPE = 'BING_GEO';
export const TYPEAHEAD_COUNT = 10;

/** Saved lead lists, newest first, owned by the viewer. */
export const LEAD_LISTS_PATH = `${LINKEDIN_ORIGIN}/sales-api/salesApiLists`;
export const LEAD_LISTS_PAGE_SIZE = 25;
/** At most this many pages of lists are read (200 lists), so one click never turns into a crawl. */
export const LEAD_LISTS_MAX_PAGES = 8;

/**
 * The user's own 1st-degree connections, newest first (the web app's "Connections" page). The
 * decoration id drifts between LinkedIn releases (-5, -15, -16 and -35 are seen in public code):
 * a page in a shape the parser does not know fails as `linkedin_format_changed`.
 */
export const CONNECTIONS_PATH = `${LINKEDIN_ORIGIN}/voyager/api/relationships/dash/connections`;
export const CONNECTIONS_DECORATION_ID = 'com.linkedin.voyager.dash.deco.web.mynetwork.ConnectionListWithProfile-16';
/** The page size the web app uses. */
export const CONNECTIONS_PAGE_SIZE = 40;
/**
 * LinkedIn caps a network at 30,000 connections (750 pages): a walk stops after this many pages
 * even if LinkedIn keeps answering full ones, so a `start` it ignores cannot loop for ever.
 */
export const CONNECTIONS_MAX_PAGES = 800;
/** The connections endpoint answers in LinkedIn's normalized form (`data` + `included[]`) only with this `accept`. */
export const NORMALIZED_JSON_ACCEPT = 'application/vnd.linkedin.normalized+json+2.1';

/**
 * The Contacts API's address-book export: a POST starts a task (its id in the `x-linkedin-id`
 * response header), a GET of the task reads its status and, once it succeeded, every contact.
 */
export const CONTACT_EXPORTER_TASKS_URL = `${LINKEDIN_API_ORIGIN}/v2/contactExporterTasks`;
export const TASK_ID_HEADER = 'x-linkedin-id';
/** Decorates `result` (a URN) with the result itself, as `result~`. */
export const CONTACT_EXPORTER_TASK_PROJECTION = '(id,owner,status,result~)';

/** Public page URLs built from ids in responses. */
export const COMPANY_PAGE_URL = `${LINKEDIN_ORIGIN}/company/`;
export const SALES_LEAD_URL = `${LINKEDIN_ORIGIN}/sales/lead/`;
/** A member's public profile: `/in/<publicIdentifier>`. */
export const PUBLIC_PROFILE_URL = `${LINKEDIN_ORIGIN}/in/`;
/** The Sales Navigator people-search page whose filters "Use this search" reads. */
export const PEOPLE_SEARCH_PATH = '/sales/search/people';
/** A saved lead list's page: `/sales/lists/people/<listId>`. */
export const LEAD_LIST_PAGE_PATH = '/sales/lists/people/';

/**
 * One page of a lead search. `query` is a Rest.li query as built by `search-query.ts`: its
 * parentheses, commas and colons must reach LinkedIn literally, so it is not encoded again.
 */
export function leadSearchUrl(query: string, start: number, count: number): string {
  return `${LEAD_SEARCH_PATH}?q=searchQuery&query=${query}&start=${start}&count=${count}&decorationId=${LEAD_SEARCH_DECORATION_ID}`;
}

/** One page of the user's connections, from `start` (0, 40, 80, …), newest first. */
export function connectionsUrl(start: number): string {
  return `${CONNECTIONS_PATH}?decorationId=${CONNECTIONS_DECORATION_ID}&count=${CONNECTIONS_PAGE_SIZE}&q=search&sortType=RECENTLY_ADDED&start=${start}`;
}

/** One address-book export task, with its result when it has one. The projection's parentheses stay literal (Rest.li). */
export function contactExporterTaskUrl(taskId: string): string {
  return `${CONTACT_EXPORTER_TASKS_URL}/${encodeURIComponent(taskId)}?projection=${CONTACT_EXPORTER_TASK_PROJECTION}`;
}

/** The organization behind a company page's slug (`/company/<slug>`). */
export function companyLookupUrl(slug: string): string {
  return `${COMPANY_LOOKUP_PATH}?q=universalName&universalName=${encodeURIComponent(slug)}`;
}

/** Geography suggestions for a place name. */
export function geoTypeaheadUrl(name: string): string {
  return `${TYPEAHEAD_PATH}?q=query&type=${GEO_TYPEAHEAD_TYPE}&query=${encodeURIComponent(name)}&start=0&count=${TYPEAHEAD_COUNT}`;
}

/** One page of the viewer's own lead lists, most recently changed first. */
export function leadListsUrl(start: number): string {
  return `${LEAD_LISTS_PATH}?q=listType&listType=LEAD&isMetadataNeeded=true&start=${start}&count=${LEAD_LISTS_PAGE_SIZE}&sortCriteria=LAST_MODIFIED&sortOrder=DESCENDING&ownership=OWNED_BY_VIEWER`;
}

/** `db.meta`-style cache key for a company slug's organization id; slugs are case-insensitive. */
export function companyCacheKey(slug: string): string {
  return `linkedin.company.${slug.toLowerCase()}`;
}

/**
 * How long a cached slug → organization id answer is trusted. A company that renames its page
 * frees its old slug; re-asking monthly bounds how long a capture could follow a stale one.
 */
export const COMPANY_CACHE_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** `db.meta`-style cache key for a country's resolved geo id. */
export function geoCacheKey(countryCode: string): string {
  return `linkedin.geo.${countryCode.toUpperCase()}`;
}
