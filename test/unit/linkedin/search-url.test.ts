import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certainGeoId, fallbackGeoId } from '../../../lib/linkedin/geo';
import { buildLeadSearchQuery } from '../../../lib/linkedin/search-query';
import { parseLeadListUrl, parseSalesNavigatorSearchUrl } from '../../../lib/linkedin/search-url';

// As the address bar keeps it: structure encoded once, values twice (`VP%2520Sales`).
const ADDRESS_BAR_URL =
  'https://www.linkedin.com/sales/search/people?query=(recentSearchParam%3A(id%3A3371449554%2CdoLogHistory%3Atrue)' +
  '%2Cfilters%3AList((type%3ACURRENT_COMPANY%2Cvalues%3AList((id%3Aurn%253Ali%253Aorganization%253A1035%2Ctext%3AMicrosoft' +
  '%2CselectionType%3AINCLUDED%2Cparent%3A(id%3A0))))%2C(type%3ACURRENT_TITLE%2Cvalues%3AList((id%3A25194%2Ctext%3AVP%2520Sales' +
  '%2CselectionType%3AINCLUDED)%2C(text%3AR%2526D%2520%2528EMEA%2529%2CselectionType%3AINCLUDED)%2C(text%3AIntern%2CselectionType' +
  '%3AEXCLUDED)))%2C(type%3AREGION%2Cvalues%3AList((id%3A105015875%2Ctext%3AFrance%2CselectionType%3AINCLUDED)%2C(id%3A90009659' +
  '%2Ctext%3AGreater%2520Paris%2520Metropolitan%2520Region%2CselectionType%3AINCLUDED)))%2C(type%3ASENIORITY_LEVEL%2Cvalues%3AList(' +
  '(id%3A220%2Ctext%3ADirector%2CselectionType%3AINCLUDED)%2C(id%3A300%2Ctext%3AVice%2520President%2CselectionType%3AINCLUDED))))' +
  '%2Ckeywords%3Arevenue%2520ops)&sessionId=Qm9ndXM%2FzZ%3D%3D&viewAllFilters=true';

const CLEANED_QUERY =
  '(filters:List((type:CURRENT_COMPANY,values:List((id:urn%3Ali%3Aorganization%3A1035,text:Microsoft,selectionType:INCLUDED,parent:(id:0)))),' +
  '(type:CURRENT_TITLE,values:List((id:25194,text:VP%20Sales,selectionType:INCLUDED),(text:R%26D%20%28EMEA%29,selectionType:INCLUDED),' +
  '(text:Intern,selectionType:EXCLUDED))),(type:REGION,values:List((id:105015875,text:France,selectionType:INCLUDED),' +
  '(id:90009659,text:Greater%20Paris%20Metropolitan%20Region,selectionType:INCLUDED))),(type:SENIORITY_LEVEL,values:List(' +
  '(id:220,text:Director,selectionType:INCLUDED),(id:300,text:Vice%20President,selectionType:INCLUDED)))),keywords:revenue%20ops)';

describe('parseSalesNavigatorSearchUrl', () => {
  it('reads a search page as the address bar keeps it', () => {
    expect(parseSalesNavigatorSearchUrl(ADDRESS_BAR_URL)).toEqual({
      filters: {
        companyLinkedInUrls: ['https://www.linkedin.com/company/1035'],
        jobTitles: ['VP Sales', 'R&D (EMEA)'],
        keywords: 'revenue ops',
        countries: ['FR'],
      },
      query: CLEANED_QUERY,
      unmapped: [
        'Current title (excluded): Intern',
        'Region: Greater Paris Metropolitan Region',
        'Seniority level: Director, Vice President',
      ],
    });
  });

  it('strips sessionId and the search-history key from the replayed query', () => {
    const { query } = parseSalesNavigatorSearchUrl(ADDRESS_BAR_URL) ?? { query: '' };
    expect(query).not.toContain('sessionId');
    expect(query).not.toContain('recentSearchParam');
    expect(query).not.toContain('Qm9ndXM');
  });

  const titleOnly = '(filters:List((type:CURRENT_TITLE,values:List((text:VP%20Sales,selectionType:INCLUDED)))))';
  it.each([
    ['a pasted address with literal structure', `https://www.linkedin.com/sales/search/people?query=${titleOnly}&sessionId=x`],
    [
      'an address encoded all over once more',
      'https://www.linkedin.com/sales/search/people?sessionId=x&query=%28filters%3AList%28%28type%3ACURRENT_TITLE%2Cvalues%3AList%28%28text%3AVP%2520Sales%2CselectionType%3AINCLUDED%29%29%29%29%29',
    ],
    [
      'the parameters in the hash',
      'https://www.linkedin.com/sales/search/people#query=(filters%3AList((type%3ACURRENT_TITLE%2Cvalues%3AList((text%3AVP%2520Sales%2CselectionType%3AINCLUDED)))))&sessionId=x',
    ],
    ['a bare linkedin.com host and a trailing slash', `https://linkedin.com/sales/search/people/?query=${titleOnly}`],
  ])('reads %s', (_, url) => {
    expect(parseSalesNavigatorSearchUrl(url)).toEqual({
      filters: { companyLinkedInUrls: [], jobTitles: ['VP Sales'], countries: [] },
      query: titleOnly,
      unmapped: [],
    });
  });

  it('keeps a filter without values and a company given only as text, and reports them', () => {
    const url =
      'https://www.linkedin.com/sales/search/people?query=(filters:List((type:CURRENT_COMPANY,values:List((text:Acme%20Corp,selectionType:INCLUDED))),' +
      '(type:POSTED_ON_LINKEDIN)),keywords:cfo)';
    expect(parseSalesNavigatorSearchUrl(url)).toEqual({
      filters: { companyLinkedInUrls: [], jobTitles: [], keywords: 'cfo', countries: [] },
      query:
        '(filters:List((type:CURRENT_COMPANY,values:List((text:Acme%20Corp,selectionType:INCLUDED))),(type:POSTED_ON_LINKEDIN)),keywords:cfo)',
      unmapped: ['Current company: Acme Corp', 'Posted on linkedin'],
    });
  });

  it.each([
    ['a company search', `https://www.linkedin.com/sales/search/company?query=${titleOnly}`],
    ['a search page without a query', 'https://www.linkedin.com/sales/search/people?savedSearchId=123&sessionId=x'],
    ['another host', `https://evil.example/sales/search/people?query=${titleOnly}`],
    ['a look-alike host', `https://www.linkedin.com.evil.example/sales/search/people?query=${titleOnly}`],
    ['plain http', `http://www.linkedin.com/sales/search/people?query=${titleOnly}`],
    ['a query that is not Rest.li', 'https://www.linkedin.com/sales/search/people?query=VP%20Sales'],
    ['an unbalanced query', 'https://www.linkedin.com/sales/search/people?query=(filters:List((type:REGION'],
    ['a list, not a record', 'https://www.linkedin.com/sales/search/people?query=List(1)'],
    ['junk', 'not a url'],
    ['an empty string', ''],
  ])('ignores %s', (_, url) => {
    expect(parseSalesNavigatorSearchUrl(url)).toBeUndefined();
  });

  const countryCodes = ['US', 'FR', 'DE', 'GB', 'JP', 'BR', 'IN', 'ZA', 'AE', 'PL'];
  const filtersArbitrary = fc.record({
    companyIds: fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 40 }).map(String), { maxLength: 4 }),
    titles: fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1 }), { maxLength: 4 }),
    countries: fc.uniqueArray(fc.constantFrom(...countryCodes), { maxLength: 3 }),
    keywords: fc.string({ unit: 'binary' }),
  });

  it('reads back what the query builder wrote, as the address bar, a pasted address or a hash holds it', () => {
    fc.assert(
      fc.property(filtersArbitrary, fc.constantFrom('addressBar', 'pasted', 'hash'), (filters, form) => {
        const query = buildLeadSearchQuery({
          companies: filters.companyIds.map((id) => ({ id, name: `Company ${id}` })),
          titles: filters.titles,
          regions: filters.countries.map((code) => ({ id: certainGeoId(code) ?? fallbackGeoId(code) ?? '', name: code })),
          keywords: filters.keywords,
        });
        const url =
          form === 'pasted'
            ? `https://www.linkedin.com/sales/search/people?query=${query}&sessionId=s`
            : `https://www.linkedin.com/sales/search/people${form === 'hash' ? '#' : '?'}query=${encodeURIComponent(query)}&sessionId=s`;
        expect(parseSalesNavigatorSearchUrl(url)).toEqual({
          filters: {
            companyLinkedInUrls: filters.companyIds.map((id) => `https://www.linkedin.com/company/${id}`),
            jobTitles: filters.titles,
            ...(filters.keywords ? { keywords: filters.keywords } : {}),
            countries: filters.countries,
          },
          query,
          unmapped: [],
        });
      }),
    );
  });
});

describe('parseLeadListUrl', () => {
  it.each([
    ['https://www.linkedin.com/sales/lists/people/7100000000000000002', '7100000000000000002'],
    ['https://www.linkedin.com/sales/lists/people/7100000000000000002/?sortCriteria=CREATED_TIME', '7100000000000000002'],
    ['https://www.linkedin.com/sales/lists/people/', undefined],
    ['https://www.linkedin.com/sales/lists/company/123', undefined],
    ['https://evil.example/sales/lists/people/123', undefined],
  ])('%s → %j', (url, expected) => {
    expect(parseLeadListUrl(url)).toBe(expected);
  });
});
