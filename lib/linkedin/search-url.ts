import { COMPANY_PAGE_URL, LEAD_LIST_PAGE_PATH, PEOPLE_SEARCH_PATH } from './constants';
import { countryForGeoId } from './geo';
import { decodeLeniently, RestliSyntaxError } from './restli';
import {
  FILTER_CURRENT_COMPANY,
  FILTER_CURRENT_TITLE,
  FILTER_REGION,
  numericId,
  parseLeadSearchQuery,
  SELECTION_INCLUDED,
  type ParsedSearchQuery,
  type SearchFilterValue,
} from './search-query';

/** The filters of a Sales Navigator search page, as far as the extension's form can hold them. */
export interface SalesNavigatorSearch {
  filters: { companyLinkedInUrls: string[]; jobTitles: string[]; keywords?: string; countries: string[] };
  /** The page's Rest.li query, cleaned (no `sessionId`, no search-history keys): replay it as is. */
  query: string;
  /** Filters the form cannot show ("Seniority level: Director"); they stay in `query`. */
  unmapped: string[];
}

const LINKEDIN_HOST = /^(?:www\.)?linkedin\.com$/i;

/**
 * Reads the search on a Sales Navigator people-search page
 * (`https://www.linkedin.com/sales/search/people?query=…&sessionId=…`), for "Use this search".
 * The `query` parameter may sit in the query string or the hash, and be encoded once (as a
 * pasted address) or twice (as the address bar keeps it). Included companies become company
 * URLs, included titles job titles, included regions countries when the region is a country
 * LinkedIn's geo table knows; everything else is listed in `unmapped` and kept in `query`.
 * Returns `undefined` for any other page or an unreadable query.
 */
export function parseSalesNavigatorSearchUrl(url: string): SalesNavigatorSearch | undefined {
  const page = parseLinkedInUrl(url);
  if (!page || page.pathname.replace(/\/+$/, '') !== PEOPLE_SEARCH_PATH) return undefined;
  const raw = rawParam(page.search, 'query') ?? rawParam(page.hash.replace(/^#\/?\??/, ''), 'query');
  if (!raw) return undefined;
  const text = toRestliText(raw);
  if (!text) return undefined;

  const parsed = tryParse(text);
  if (!parsed) return undefined;

  const companyLinkedInUrls = new Set<string>();
  const jobTitles = new Set<string>();
  const countries = new Set<string>();
  const unmapped = new Map<string, string[]>();
  for (const value of parsed.values) {
    if (!mapValue(value, { companyLinkedInUrls, jobTitles, countries })) {
      const label = `${humanise(value.type)}${value.selectionType === SELECTION_INCLUDED ? '' : ` (${value.selectionType.toLowerCase()})`}`;
      unmapped.set(label, [...(unmapped.get(label) ?? []), value.text ?? value.id ?? '']);
    }
  }
  return {
    filters: {
      companyLinkedInUrls: [...companyLinkedInUrls],
      jobTitles: [...jobTitles],
      ...(parsed.keywords ? { keywords: parsed.keywords } : {}),
      countries: [...countries],
    },
    query: parsed.query,
    unmapped: [
      ...[...unmapped].map(([label, texts]) => `${label}: ${texts.filter(Boolean).join(', ')}`),
      ...parsed.otherFilters.map(humanise),
    ],
  };
}

function tryParse(text: string): ParsedSearchQuery | undefined {
  try {
    return parseLeadSearchQuery(text);
  } catch (error) {
    if (error instanceof RestliSyntaxError) return undefined;
    throw error;
  }
}

/** The list id of a saved lead list's page (`/sales/lists/people/<id>`), or `undefined`. */
export function parseLeadListUrl(url: string): string | undefined {
  const page = parseLinkedInUrl(url);
  if (!page?.pathname.startsWith(LEAD_LIST_PAGE_PATH)) return undefined;
  const id = page.pathname.slice(LEAD_LIST_PAGE_PATH.length).split('/')[0];
  return id && /^[A-Za-z0-9_-]+$/.test(id) ? id : undefined;
}

function parseLinkedInUrl(url: string): URL | undefined {
  let page: URL;
  try {
    page = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (page.protocol !== 'https:' || page.username || page.password || page.port) return undefined;
  return LINKEDIN_HOST.test(page.hostname) ? page : undefined;
}

function mapValue(
  value: SearchFilterValue,
  into: { companyLinkedInUrls: Set<string>; jobTitles: Set<string>; countries: Set<string> },
): boolean {
  if (value.selectionType !== SELECTION_INCLUDED) return false;
  if (value.type === FILTER_CURRENT_COMPANY) {
    const id = numericId(value.id);
    if (id) into.companyLinkedInUrls.add(`${COMPANY_PAGE_URL}${id}`);
    return id !== undefined;
  }
  if (value.type === FILTER_CURRENT_TITLE) {
    if (value.text) into.jobTitles.add(value.text);
    return value.text !== undefined && value.text !== '';
  }
  if (value.type === FILTER_REGION) {
    const geoId = numericId(value.id);
    const country = geoId === undefined ? undefined : countryForGeoId(geoId);
    if (country) into.countries.add(country);
    return country !== undefined;
  }
  return false;
}

/** The raw (still encoded) value of one parameter of `?a=1&b=2`. */
function rawParam(search: string, name: string): string | undefined {
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq) === name) return pair.slice(eq + 1);
  }
  return undefined;
}

/**
 * Peels address encoding off a `query` value until its Rest.li structure is literal. The
 * address bar encodes the structure once and the values twice (`text%3AVP%2520Sales`); a
 * pasted address may hold the structure literally (`text:VP%20Sales`), or encode it all once
 * more (`%28…`).
 */
function toRestliText(raw: string): string | undefined {
  let text = raw;
  for (let round = 0; round < 3 && !text.includes(':') && text.includes('%'); round += 1) {
    text = decodeLeniently(text);
  }
  return text.startsWith('(') ? text : undefined;
}

/** `SENIORITY_LEVEL` → `Seniority level`. */
function humanise(type: string): string {
  const words = type.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
