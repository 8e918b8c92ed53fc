import { ApiError } from '../model/errors';
import type { CaptureRequest } from './capture-request';
import type { LinkedInClient } from './client';
import { parseCompanyUrl } from './company-url';
import { RestliSyntaxError } from './restli';
import { buildLeadListQuery, buildLeadSearchQuery, includedCompanyIds, parseLeadSearchQuery } from './search-query';

/** What a capture searches: the Rest.li query, and the companies whose positions come first. */
export interface PreparedSearch {
  query: string;
  companyIds: string[];
}

/**
 * Turns a capture request into a lead-search query. Company URLs are resolved to organization
 * ids (a bad URL is a 400, an unknown company a 404, both naming
 * `filters.companyLinkedInUrls[i]`) and countries to geo ids (`filters.countries[i]`). When
 * `salesNavigatorQuery` is set ("Use this search"), that query is replayed instead, cleaned
 * of LinkedIn's history keys, and its companies are read from it.
 */
export async function prepareSearch(client: LinkedInClient, request: CaptureRequest): Promise<PreparedSearch> {
  if (request.salesNavigatorQuery !== undefined) return replaySearch(request.salesNavigatorQuery);

  const companies: { id: string; name?: string }[] = [];
  const urls = request.filters.companyLinkedInUrls;
  for (const [i, url] of urls.entries()) {
    const field = `filters.companyLinkedInUrls[${i}]`;
    const ref = parseCompanyUrl(url);
    if (!ref) {
      throw fieldError('validation_error', field, 'Must be a LinkedIn company URL such as https://www.linkedin.com/company/stripe');
    }
    const company = await withField(field, () => client.resolveCompany(ref));
    if (!companies.some((known) => known.id === company.id)) companies.push(company);
  }

  const regions: { id: string; name: string }[] = [];
  for (const [i, code] of (request.filters.countries ?? []).entries()) {
    const region = await withField(`filters.countries[${i}]`, () => client.resolveGeo(code));
    if (!regions.some((known) => known.id === region.id)) regions.push(region);
  }

  const query = buildLeadSearchQuery({
    companies,
    titles: request.filters.jobTitles ?? [],
    regions,
    ...(request.filters.keywords ? { keywords: request.filters.keywords } : {}),
  });
  return { query, companyIds: companies.map((company) => company.id) };
}

/** The lead search listing a saved lead list's members. */
export function leadListQuery(leadListId: string): string {
  return buildLeadListQuery(leadListId);
}

function replaySearch(text: string): PreparedSearch {
  try {
    const parsed = parseLeadSearchQuery(text);
    return { query: parsed.query, companyIds: includedCompanyIds(parsed) };
  } catch (error) {
    if (!(error instanceof RestliSyntaxError)) throw error;
    throw fieldError(
      'validation_error',
      'salesNavigatorQuery',
      'Must be the search of a Sales Navigator page; open the search again and use it from there',
    );
  }
}

/** Runs a lookup; a 400 or 404 it throws is re-thrown naming `field`. */
async function withField<T>(field: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError && (error.error === 'validation_error' || error.error === 'not_found')) {
      throw fieldError(error.error, field, error.message);
    }
    throw error;
  }
}

function fieldError(code: 'validation_error' | 'not_found', field: string, message: string): ApiError {
  return new ApiError({ error: code, message: `${field}: ${message}`, details: [{ field, message }] });
}
