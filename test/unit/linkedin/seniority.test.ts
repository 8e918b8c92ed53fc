import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSeniority, SENIORITY_LEVELS } from '../../../lib/linkedin/seniority';

describe('deriveSeniority', () => {
  it.each([
    ['Chief Executive Officer', ['CXO']],
    ['CEO', ['CXO']],
    ['Co-Founder & CEO', ['OWNER', 'CXO']],
    ['Founder', ['OWNER']],
    ['Owner, Bakery Léon', ['OWNER']],
    ['President', ['CXO']],
    ['Managing Director, EMEA', ['CXO']],
    ['Geschäftsführer', ['CXO']],
    ['Senior Vice President, Sales', ['VP']],
    ['VP Sales EMEA', ['VP']],
    ['SVP Engineering', ['VP']],
    ['Head of Growth', ['DIRECTOR']],
    ['Associate Director of Marketing', ['DIRECTOR']],
    ['Directrice commerciale', ['DIRECTOR']],
    ['Sales Manager', ['MANAGER']],
    ['Product Owner', []],
    ['Engineering Team Lead', ['MANAGER']],
    ['Senior Account Executive', ['SENIOR']],
    ['Principal Engineer', ['SENIOR']],
    ['Lead Generation Specialist', []],
    ['Junior Analyst', ['ENTRY']],
    ['Sales Development Associate', ['ENTRY']],
    ['Marketing Intern', ['TRAINING']],
    ['Executive Assistant to the CEO', ['ENTRY']],
    ['Managing Partner', ['PARTNER']],
    ['Partner & Chief Operating Officer', ['PARTNER', 'CXO']],
    ['Partner', ['PARTNER']],
    ['HR Business Partner', []],
    ['Partner Manager', ['MANAGER']],
    ['Account Executive', []],
    ['销售总监 (Sales Director)', ['DIRECTOR']],
    ['مديرة المبيعات الإقليمية', []],
    ['=HYPERLINK("https://evil.example","VP")', ['VP']],
    ['', []],
    [undefined, []],
  ])('%j → %j', (title, expected) => {
    expect(deriveSeniority(title)).toEqual(expected);
  });

  it('always answers known levels, at most one rank, in table order', () => {
    const ranks = new Set(['CXO', 'VP', 'DIRECTOR', 'MANAGER', 'SENIOR', 'ENTRY', 'TRAINING']);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (title) => {
        const levels = deriveSeniority(title);
        for (const level of levels) expect(SENIORITY_LEVELS).toContain(level);
        expect(levels.filter((level) => ranks.has(level)).length).toBeLessThanOrEqual(1);
        const order = levels.map((level) => SENIORITY_LEVELS.indexOf(level));
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }),
    );
  });
});
