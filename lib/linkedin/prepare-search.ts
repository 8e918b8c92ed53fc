import { ApiError } from '../model/errors';
import { z } from '../model/zod';
import type { CaptureRequest } from '../model/capture-request';
import type { LinkedInClient, LookupCache } from './client';
import { parseCompanyUrl, type CompanyRef } from '../model/company-url';
import { COMPANY_CACHE_MAX_AGE_MS, companyCacheKey } from './constants';
import { certainGeoId, geoQueryName } from './geo';
import { RestliSyntaxError } from './restli';
import { buildLeadListQuery, buildLeadSearchQuery, checkQueryLength, includedCompanyIds, parseLeadSearchQuery } from './search-query';

/** What a capture searches: the Rest.li query, and the companies whose positions come first. */
export interface PreparedSearch {
  query: string;
  companyIds: string[];
}

const companySchema = z.object({ id: z.string().regex(/^\d+$/), name: z.string().min(1).optional() });
const regionSchema = z.object({ id: z.string().regex(/^\d+$/), name: z.string() });

/**
 * The lookups done so far: the i-th company answers the request's i-th company URL, the i-th
 * region its i-th country. Kept on the job record between steps.
 */
export const searchLookupsSchema = z.object({ companies: z.array(companySchema), regions: z.array(regionSchema) });
export type SearchLookups = z.output<typeof searchLookupsSchema>;
export const NO_LOOKUPS: SearchLookups = { companies: [], regions: [] };

/** One call of `prepareSearchStep`: the lookups done, whether LinkedIn was asked, and the search once complete. */
export interface PrepareStep {
  lookups: SearchLookups;
  /** True when this call sent LinkedIn a request: the caller paces the next one. */
  asked: boolean;
  /** How many lookups the request needs in all (companies and countries), for progress. */
  total: number;
  prepared?: PreparedSearch;
}

export interface PrepareOptions {
  /** Company slug → organization id answers, trusted for `COMPANY_CACHE_MAX_AGE_MS`. */
  cache?: LookupCache;
  /** Epoch ms, for the cache's age. */
  now: number;
}

const cachedCompanySchema = companySchema.extend({ at: z.number() });

/**
 * Turns a capture request into a lead-search query, at most one LinkedIn request per call, so
 * the job can pace lookups as it paces pages and resume without asking twice. Company URLs
 * become organization ids (a bad URL is a 400, an unknown company a 404, both naming
 * `filters.companyLinkedInUrls[i]`): an id in the URL or a cached slug needs no request, any
 * other slug one. Countries become geo ids (`filters.countries[i]`): the table's countries
 * need no request; any other may (the client answers it from its cache or the typeahead), so
 * it is counted as one. Call again with the returned lookups until `prepared` is set. When
 * `salesNavigatorQuery` is set ("Use this search"), that query is replayed instead, cleaned of
 * LinkedIn's history keys, and its companies are read from it.
 */
export async function prepareSearchStep(
  client: LinkedInClient,
  request: CaptureRequest,
  done: SearchLookups,
  options: PrepareOptions,
): Promise<PrepareStep> {
  if (request.salesNavigatorQuery !== undefined) {
    return { lookups: done, asked: false, total: 0, prepared: replaySearch(request.salesNavigatorQuery) };
  }
  // Every URL is checked before any lookup, so a bad one fails before LinkedIn is asked anything.
  const refs = request.filters.companyLinkedInUrls.map((url, i) => {
    const ref = parseCompanyUrl(url);
    if (!ref) {
      throw fieldError(
        'validation_error',
        companyField(i),
        'Must be a LinkedIn company URL such as https://www.linkedin.com/company/stripe',
      );
    }
    return ref;
  });
  const codes = request.filters.countries ?? [];
  const companies = [...done.companies];
  const regions = [...done.regions];
  let asked = false;

  while (!asked && companies.length < refs.length) {
    const i = companies.length;
    const ref = refs[i] as CompanyRef;
    const known = ref.kind === 'id' ? { id: ref.id } : await readCachedCompany(ref.slug, options);
    if (known) {
      companies.push(known);
      continue;
    }
    const company = await withField(companyField(i), () => client.resolveCompany(ref));
    asked = true;
    if (ref.kind === 'slug') await writeCachedCompany(ref.slug, company, options);
    companies.push(company.name ? { id: company.id, name: company.name } : { id: company.id });
  }
  while (!asked && regions.length < codes.length) {
    const i = regions.length;
    const code = codes[i] as string;
    regions.push(await withField(`filters.countries[${i}]`, () => client.resolveGeo(code)));
    asked = certainGeoId(code) === undefined;
  }

  const lookups = { companies, regions };
  const total = refs.length + codes.length;
  if (companies.length < refs.length || regions.length < codes.length) return { lookups, asked, total };
  return { lookups, asked, total, prepared: buildPrepared(request, lookups) };
}

/**
 * Refuses, before any lookup, a request whose search could never be sent: the query built from
 * what is known without asking LinkedIn (the ids in company URLs, the countries of the fixed
 * table, every title and the keywords) is part of the real one, so if it is already too long,
 * the real one is too (400 on `filters`). The real query is checked again once built.
 */
export function assertSearchFits(request: CaptureRequest): void {
  if (request.salesNavigatorQuery !== undefined) {
    checkQueryLength(request.salesNavigatorQuery, 'salesNavigatorQuery');
    return;
  }
  const companies = request.filters.companyLinkedInUrls.flatMap((url) => {
    const ref = parseCompanyUrl(url);
    return ref?.kind === 'id' ? [{ id: ref.id }] : [];
  });
  const regions = (request.filters.countries ?? []).flatMap((code) => {
    const id = certainGeoId(code);
    return id ? [{ id, name: geoQueryName(code) }] : [];
  });
  const query = buildLeadSearchQuery({
    companies: uniqueById(companies),
    titles: request.filters.jobTitles ?? [],
    regions: uniqueById(regions),
    ...(request.filters.keywords ? { keywords: request.filters.keywords } : {}),
  });
  checkQueryLength(query, 'filters');
}

/** The lead search listing a saved lead list's members. */
export function leadListQuery(leadListId: string): string {
  return buildLeadListQuery(leadListId);
}

function buildPrepared(request: CaptureRequest, lookups: SearchLookups): PreparedSearch {
  const companies = uniqueById(lookups.companies);
  const query = buildLeadSearchQuery({
    companies,
    titles: request.filters.jobTitles ?? [],
    regions: uniqueById(lookups.regions),
    ...(request.filters.keywords ? { keywords: request.filters.keywords } : {}),
  });
  checkQueryLength(query, 'filters');
  return { query, companyIds: companies.map((company) => company.id) };
}

/** The first of each id, in order: two URLs of one company search it once. */
function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id));
}

async function readCachedCompany(slug: string, { cache, now }: PrepareOptions): Promise<z.output<typeof companySchema> | undefined> {
  const text = await cache?.get(companyCacheKey(slug));
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const hit = cachedCompanySchema.safeParse(value);
  if (!hit.success || now - hit.data.at > COMPANY_CACHE_MAX_AGE_MS || hit.data.at > now) return undefined;
  return hit.data.name ? { id: hit.data.id, name: hit.data.name } : { id: hit.data.id };
}

async function writeCachedCompany(slug: string, company: { id: string; name?: string }, { cache, now }: PrepareOptions): Promise<void> {
  await cache?.set(companyCacheKey(slug), JSON.stringify({ id: company.id, ...(company.name ? { name: company.name } : {}), at: now }));
}

function replaySearch(text: string): PreparedSearch {
  try {
    const parsed = parseLeadSearchQuery(text);
    return { query: checkQueryLength(parsed.query, 'salesNavigatorQuery'), companyIds: includedCompanyIds(parsed) };
  } catch (error) {
    if (!(error instanceof RestliSyntaxError)) throw error;
    throw fieldError(
      'validation_error',
      'salesNavigatorQuery',
      'Must be the search of a Sales Navigator page; open the search again and use it from there',
    );
  }
}

function companyField(i: number): string {
  return `filters.companyLinkedInUrls[${i}]`;
}

/** Runs a lookup; a 400 or 404 it throws is re-thrown naming `field` (its reason says why). */
async function withField<T>(field: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError && (error.error === 'validation_error' || error.error === 'not_found')) {
      throw error.with({ details: [{ field, ...(error.reason ? {} : { message: error.message }) }] });
    }
    throw error;
  }
}

function fieldError(code: 'validation_error' | 'not_found', field: string, message: string): ApiError {
  return new ApiError({ error: code, message: `${field}: ${message}`, details: [{ field, message }] });
}
