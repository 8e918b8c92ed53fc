import { ApiError } from '../model/errors';
import { SEARCH_QUERY_MAX } from '../model/limits';
import {
  isRestliList,
  isRestliRecord,
  parseRestli,
  restliRecord,
  RestliSyntaxError,
  serializeRestli,
  type RestliRecord,
  type RestliValue,
} from './restli';

/**
 * Sales Navigator lead-search queries: building them from the extension's filters, and
 * reading the filters back out of a query the user's own search page used.
 *
 * Shape: `(spellCorrectionEnabled:true,filters:List((type:T,values:List((id:…,text:…,
 * selectionType:INCLUDED)))),keywords:…)`. Only `keywords` and `spellCorrectionEnabled` sit
 * at the top level; every other filter is an entry of `filters`.
 */

/** Filter types and the selection the extension builds; LinkedIn has more (`SENIORITY_LEVEL`, …). */
export const FILTER_CURRENT_COMPANY = 'CURRENT_COMPANY';
export const FILTER_CURRENT_TITLE = 'CURRENT_TITLE';
export const FILTER_REGION = 'REGION';
export const FILTER_LEAD_LIST = 'LEAD_LIST';
export const SELECTION_INCLUDED = 'INCLUDED';

/** Top-level keys of a search page's query that only concern LinkedIn's history and logging. */
const DROPPED_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(['recentSearchParam']);

/** The extension's filters, resolved to LinkedIn ids. */
export interface LeadSearchInput {
  /** Organization ids (`1035`), with the company's name when known. */
  companies?: readonly { id: string; name?: string }[];
  titles?: readonly string[];
  /** LinkedIn geo ids with their display names. */
  regions?: readonly { id: string; name: string }[];
  keywords?: string;
}

/** An organization id as the `CURRENT_COMPANY` filter names it. */
export function organizationUrn(id: string): string {
  return `urn:li:organization:${id}`;
}

function filter(type: string, values: RestliRecord[]): RestliRecord {
  return restliRecord({ type, values });
}

/** The Rest.li lead-search query for the given filters (empty ones are left out). */
export function buildLeadSearchQuery(input: LeadSearchInput): string {
  const filters: RestliRecord[] = [];
  if (input.companies?.length) {
    filters.push(
      filter(
        FILTER_CURRENT_COMPANY,
        input.companies.map(({ id, name }) => restliRecord({ id: organizationUrn(id), text: name, selectionType: SELECTION_INCLUDED })),
      ),
    );
  }
  if (input.titles?.length) {
    filters.push(
      filter(
        FILTER_CURRENT_TITLE,
        input.titles.map((text) => restliRecord({ text, selectionType: SELECTION_INCLUDED })),
      ),
    );
  }
  if (input.regions?.length) {
    filters.push(
      filter(
        FILTER_REGION,
        input.regions.map(({ id, name }) => restliRecord({ id, text: name, selectionType: SELECTION_INCLUDED })),
      ),
    );
  }
  return serializeRestli(
    restliRecord({
      spellCorrectionEnabled: 'true',
      filters: filters.length ? filters : undefined,
      keywords: input.keywords || undefined,
    }),
  );
}

/**
 * `query` when it is short enough to send (`SEARCH_QUERY_MAX`); else a 400 naming `field`, the
 * input it was built from, before anything is sent.
 */
export function checkQueryLength(query: string, field: string): string {
  if (query.length > SEARCH_QUERY_MAX) {
    const message =
      `This search is too long for LinkedIn (${query.length.toLocaleString('en-US')} characters once encoded, ` +
      `at most ${SEARCH_QUERY_MAX.toLocaleString('en-US')}): use fewer or shorter filters`;
    throw new ApiError({ error: 'validation_error', message: `${field}: ${message}`, details: [{ field, message }] });
  }
  return query;
}

/** The query listing the members of a saved lead list. */
export function buildLeadListQuery(leadListId: string): string {
  return serializeRestli(
    restliRecord({
      filters: [filter(FILTER_LEAD_LIST, [restliRecord({ id: leadListId, selectionType: SELECTION_INCLUDED })])],
    }),
  );
}

/** One value of one filter, as read from a query. */
export interface SearchFilterValue {
  type: string;
  id?: string;
  text?: string;
  /** `INCLUDED` unless the query says otherwise (`EXCLUDED`). */
  selectionType: string;
}

/** A lead-search query read back: its parts, and the query re-serialised without history keys. */
export interface ParsedSearchQuery {
  keywords?: string;
  values: SearchFilterValue[];
  /** Filter types that carry no `values` list (kept in `query`, reported as they are). */
  otherFilters: string[];
  query: string;
}

/**
 * Reads a lead-search query. Throws `RestliSyntaxError` when it is not Rest.li or not a
 * record; unknown keys and filter types are kept in `query` as they were.
 */
export function parseLeadSearchQuery(text: string): ParsedSearchQuery {
  const root = parseRestli(text);
  if (!isRestliRecord(root)) throw new RestliSyntaxError('A search query must be a record "(…)"', 0);
  const cleaned = new Map(root);
  for (const key of DROPPED_TOP_LEVEL_KEYS) cleaned.delete(key);

  const values: SearchFilterValue[] = [];
  const otherFilters: string[] = [];
  const filters = root.get('filters');
  for (const entry of isRestliList(filters) ? filters : []) {
    if (!isRestliRecord(entry)) continue;
    const type = stringOf(entry.get('type'));
    if (!type) continue;
    const list = entry.get('values');
    if (!isRestliList(list)) {
      otherFilters.push(type);
      continue;
    }
    for (const item of list) {
      if (isRestliRecord(item)) {
        values.push({
          type,
          ...optional('id', stringOf(item.get('id'))),
          ...optional('text', stringOf(item.get('text'))),
          selectionType: stringOf(item.get('selectionType')) ?? SELECTION_INCLUDED,
        });
      } else if (typeof item === 'string') {
        values.push({ type, id: item, selectionType: SELECTION_INCLUDED });
      }
    }
  }
  const keywords = stringOf(root.get('keywords'));
  return { ...optional('keywords', keywords || undefined), values, otherFilters, query: serializeRestli(cleaned) };
}

/** The numeric organization ids of a query's included `CURRENT_COMPANY` values. */
export function includedCompanyIds(parsed: ParsedSearchQuery): string[] {
  const ids = parsed.values
    .filter((value) => value.type === FILTER_CURRENT_COMPANY && value.selectionType === SELECTION_INCLUDED)
    .map((value) => numericId(value.id))
    .filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}

/**
 * The number at the end of an id such as `1035`, `urn:li:organization:1035`,
 * `urn:li:fs_salesCompany:1035` or `urn:li:geo:103644278`; `undefined` otherwise.
 */
export function numericId(id: string | undefined): string | undefined {
  return id?.match(/^(?:urn:li:[A-Za-z_]+:)?(\d+)$/)?.[1];
}

function stringOf(value: RestliValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
