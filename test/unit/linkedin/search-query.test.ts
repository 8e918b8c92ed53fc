import { describe, expect, it } from 'vitest';
import { RestliSyntaxError } from '../../../lib/linkedin/restli';
import {
  buildLeadListQuery,
  buildLeadSearchQuery,
  includedCompanyIds,
  numericId,
  parseLeadSearchQuery,
} from '../../../lib/linkedin/search-query';

describe('buildLeadSearchQuery', () => {
  it('builds the query of the notes, character for character', () => {
    expect(
      buildLeadSearchQuery({
        companies: [{ id: '1035', name: 'Microsoft' }],
        titles: ['VP Sales'],
        regions: [{ id: '103644278', name: 'United States' }],
        keywords: 'revenue ops',
      }),
    ).toBe(
      '(spellCorrectionEnabled:true,filters:List(' +
        '(type:CURRENT_COMPANY,values:List((id:urn%3Ali%3Aorganization%3A1035,text:Microsoft,selectionType:INCLUDED))),' +
        '(type:CURRENT_TITLE,values:List((text:VP%20Sales,selectionType:INCLUDED))),' +
        '(type:REGION,values:List((id:103644278,text:United%20States,selectionType:INCLUDED)))),' +
        'keywords:revenue%20ops)',
    );
  });

  it('encodes reserved characters, quotes and non-Latin text inside values only', () => {
    expect(
      buildLeadSearchQuery({
        companies: [{ id: '2135371', name: 'Stripe, Inc. (R&D)' }, { id: '1035' }],
        titles: [`Head of "R&D": EMEA, APAC (interim)`, 'مديرة المبيعات', '销售总监'],
        keywords: `"revenue ops" OR 'rev ops' 🚀`,
      }),
    ).toBe(
      '(spellCorrectionEnabled:true,filters:List(' +
        '(type:CURRENT_COMPANY,values:List(' +
        '(id:urn%3Ali%3Aorganization%3A2135371,text:Stripe%2C%20Inc.%20%28R%26D%29,selectionType:INCLUDED),' +
        '(id:urn%3Ali%3Aorganization%3A1035,selectionType:INCLUDED))),' +
        '(type:CURRENT_TITLE,values:List(' +
        '(text:Head%20of%20%22R%26D%22%3A%20EMEA%2C%20APAC%20%28interim%29,selectionType:INCLUDED),' +
        '(text:%D9%85%D8%AF%D9%8A%D8%B1%D8%A9%20%D8%A7%D9%84%D9%85%D8%A8%D9%8A%D8%B9%D8%A7%D8%AA,selectionType:INCLUDED),' +
        '(text:%E9%94%80%E5%94%AE%E6%80%BB%E7%9B%91,selectionType:INCLUDED)))),' +
        'keywords:%22revenue%20ops%22%20OR%20%27rev%20ops%27%20%F0%9F%9A%80)',
    );
  });

  it('leaves out empty filters', () => {
    expect(buildLeadSearchQuery({ keywords: 'cfo' })).toBe('(spellCorrectionEnabled:true,keywords:cfo)');
    expect(buildLeadSearchQuery({ titles: [], keywords: '' })).toBe('(spellCorrectionEnabled:true)');
  });
});

describe('buildLeadListQuery', () => {
  it('filters on the list', () => {
    expect(buildLeadListQuery('7100000000000000002')).toBe(
      '(filters:List((type:LEAD_LIST,values:List((id:7100000000000000002,selectionType:INCLUDED)))))',
    );
  });

  it('encodes an id that is not plain', () => {
    expect(buildLeadListQuery('a,b)')).toBe('(filters:List((type:LEAD_LIST,values:List((id:a%2Cb%29,selectionType:INCLUDED)))))');
  });
});

describe('parseLeadSearchQuery', () => {
  it('reads values, keywords and unknown filters, and drops the search-history key', () => {
    const parsed = parseLeadSearchQuery(
      '(recentSearchParam:(id:3371449554,doLogHistory:true),spellCorrectionEnabled:true,' +
        'filters:List((type:CURRENT_COMPANY,values:List((id:urn%3Ali%3Aorganization%3A1035,text:Microsoft,selectionType:INCLUDED),' +
        '(id:urn%3Ali%3Aorganization%3A9,selectionType:EXCLUDED),(text:Free%20text%20Co,selectionType:INCLUDED))),' +
        '(type:POSTED_ON_LINKEDIN)),keywords:cfo)',
    );
    expect(parsed.keywords).toBe('cfo');
    expect(parsed.values).toEqual([
      { type: 'CURRENT_COMPANY', id: 'urn:li:organization:1035', text: 'Microsoft', selectionType: 'INCLUDED' },
      { type: 'CURRENT_COMPANY', id: 'urn:li:organization:9', selectionType: 'EXCLUDED' },
      { type: 'CURRENT_COMPANY', text: 'Free text Co', selectionType: 'INCLUDED' },
    ]);
    expect(parsed.otherFilters).toEqual(['POSTED_ON_LINKEDIN']);
    expect(includedCompanyIds(parsed)).toEqual(['1035']);
    expect(parsed.query).toBe(
      '(spellCorrectionEnabled:true,' +
        'filters:List((type:CURRENT_COMPANY,values:List((id:urn%3Ali%3Aorganization%3A1035,text:Microsoft,selectionType:INCLUDED),' +
        '(id:urn%3Ali%3Aorganization%3A9,selectionType:EXCLUDED),(text:Free%20text%20Co,selectionType:INCLUDED))),' +
        '(type:POSTED_ON_LINKEDIN)),keywords:cfo)',
    );
  });

  it('rejects text that is not a record', () => {
    expect(() => parseLeadSearchQuery('List(1,2)')).toThrow(RestliSyntaxError);
    expect(() => parseLeadSearchQuery('keywords:cfo')).toThrow(RestliSyntaxError);
  });
});

describe('numericId', () => {
  it.each([
    ['1035', '1035'],
    ['urn:li:organization:1035', '1035'],
    ['urn:li:fs_salesCompany:1035', '1035'],
    ['urn:li:fs_normalized_company:2135371', '2135371'],
    ['urn:li:geo:103644278', '103644278'],
    ['urn:li:organization:abc', undefined],
    ['stripe', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (input, expected) => {
    expect(numericId(input)).toBe(expected);
  });
});
