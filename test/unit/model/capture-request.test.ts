import { describe, expect, it } from 'vitest';
import { captureRequestSchema } from '../../../lib/model/capture-request';
import { DEFAULT_CAPTURE_SIZE } from '../../../lib/model/limits';
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
