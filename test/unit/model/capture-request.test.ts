import { describe, expect, it } from 'vitest';
import { captureRequestSchema, leadListCaptureSchema } from '../../../lib/model/capture-request';
import {
  COMPANY_SLUG_MAX,
  COMPANY_URL_INPUT_MAX,
  DEFAULT_CAPTURE_SIZE,
  MAX_COMPANIES,
  MAX_COUNTRIES,
  MAX_JOB_TITLES,
} from '../../../lib/model/limits';
import { ApiError, parseOrThrow } from '../../../lib/model/errors';

function fields(input: unknown): string[] {
  try {
    parseOrThrow(captureRequestSchema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return ((error as ApiError).details ?? []).map((detail) => detail.field ?? '');
  }
  return [];
}

const valid = {
  name: '  VP Sales at Stripe ',
  filters: { companyLinkedInUrls: ['linkedin.com/company/stripe/people'], jobTitles: [' VP Sales '] },
};

describe('captureRequestSchema', () => {
  it('normalises a valid request', () => {
    expect(captureRequestSchema.parse(valid)).toEqual({
      name: 'VP Sales at Stripe',
      filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
      size: DEFAULT_CAPTURE_SIZE,
    });
  });

  it('names each company URL that is not a company page', () => {
    expect(
      fields({
        ...valid,
        filters: { ...valid.filters, companyLinkedInUrls: ['linkedin.com/company/1035', 'https://www.linkedin.com/in/ada', 'junk'] },
      }),
    ).toEqual(['filters.companyLinkedInUrls[1]', 'filters.companyLinkedInUrls[2]']);
  });

  it('says in plain words that a filter value is too long, naming it', () => {
    const long = { ...valid, filters: { ...valid.filters, jobTitles: ['VP Sales', 'x'.repeat(201)] } };
    expect(() => parseOrThrow(captureRequestSchema, long)).toThrow(
      expect.objectContaining({ details: [{ field: 'filters.jobTitles[1]', message: 'Job title must be at most 200 characters' }] }),
    );
  });

  it('asks for a company and for one filter', () => {
    expect(fields({ name: 'x', filters: { companyLinkedInUrls: [] } })).toEqual(['filters.companyLinkedInUrls', 'filters']);
  });

  it('accepts a Sales Navigator query and names one that is not', () => {
    const query = '(filters:List((type:CURRENT_TITLE,values:List((text:CFO,selectionType:INCLUDED)))))';
    expect(captureRequestSchema.parse({ ...valid, salesNavigatorQuery: query }).salesNavigatorQuery).toBe(query);
    expect(fields({ ...valid, salesNavigatorQuery: 'VP Sales' })).toEqual(['salesNavigatorQuery']);
    expect(fields({ ...valid, salesNavigatorQuery: '(filters:List(' })).toEqual(['salesNavigatorQuery']);
  });

  it('bounds the size', () => {
    expect(fields({ ...valid, size: 0 })).toEqual(['size']);
    expect(fields({ ...valid, size: 2501 })).toEqual(['size']);
    expect(fields({ ...valid, size: 2.5 })).toEqual(['size']);
  });
});

describe('captureRequestSchema limits and the text rule', () => {
  const companies = ['https://www.linkedin.com/company/stripe'];

  it('refuses more job titles, countries or companies than the limits, naming the list', () => {
    const titles = Array.from({ length: MAX_JOB_TITLES + 1 }, (_, i) => `Title ${i}`);
    expect(fields({ ...valid, filters: { companyLinkedInUrls: companies, jobTitles: titles } })).toEqual(['filters.jobTitles']);
    const countries = [
      'US',
      'FR',
      'DE',
      'GB',
      'ES',
      'IT',
      'NL',
      'BE',
      'SE',
      'NO',
      'DK',
      'FI',
      'PL',
      'PT',
      'IE',
      'AT',
      'CH',
      'CZ',
      'SK',
      'HU',
    ];
    const many = [...countries, ...countries, ...countries].slice(0, MAX_COUNTRIES + 1);
    expect(fields({ ...valid, filters: { companyLinkedInUrls: companies, countries: many } })).toEqual(['filters.countries']);
    const urls = Array.from({ length: MAX_COMPANIES + 1 }, (_, i) => `https://www.linkedin.com/company/c${i}`);
    expect(fields({ ...valid, filters: { ...valid.filters, companyLinkedInUrls: urls } })).toEqual(['filters.companyLinkedInUrls']);
  });

  it('refuses a company slug or URL longer than the limits', () => {
    const slug = `https://www.linkedin.com/company/${'a'.repeat(COMPANY_SLUG_MAX + 1)}`;
    expect(fields({ ...valid, filters: { ...valid.filters, companyLinkedInUrls: [slug] } })).toEqual(['filters.companyLinkedInUrls[0]']);
    const url = `https://www.linkedin.com/company/stripe?${'q'.repeat(COMPANY_URL_INPUT_MAX)}`;
    expect(fields({ ...valid, filters: { ...valid.filters, companyLinkedInUrls: [url] } })).toEqual(['filters.companyLinkedInUrls[0]']);
  });

  it('holds the name, titles and keywords to the text rule, each refusal naming its entry', () => {
    expect(fields({ ...valid, name: 'Q4\ntargets' })).toEqual(['name']);
    expect(fields({ ...valid, name: '\u200B\u200D' })).toEqual(['name']);
    expect(fields({ ...valid, filters: { ...valid.filters, jobTitles: ['CTO', 'VP\tSales', '\u2800'] } })).toEqual([
      'filters.jobTitles[1]',
      'filters.jobTitles[2]',
    ]);
    expect(fields({ ...valid, filters: { ...valid.filters, keywords: 'cloud\u0000' } })).toEqual(['filters.keywords']);
    const parsed = captureRequestSchema.parse({
      ...valid,
      name: '\u202EQ4\u202C',
      filters: { ...valid.filters, jobTitles: ['\u2067CFO\u2069'] },
    });
    expect(parsed).toMatchObject({ name: 'Q4', filters: { jobTitles: ['CFO'] } });
  });

  it('holds a lead-list capture to the same rules', () => {
    expect(leadListCaptureSchema.parse({ leadListId: '7012345', leadListName: ' \u202EQ4 ', name: 'Q4' })).toEqual({
      leadListId: '7012345',
      leadListName: 'Q4',
      name: 'Q4',
    });
    const refused = leadListCaptureSchema.safeParse({ leadListId: '<script>', leadListName: 'Q4\n', name: 'Q4' });
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['leadListId', 'leadListName']);
  });
});
