import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_HEADERS } from '../../../lib/csv/columns';
import { serialiseHeader, serialiseRecords } from '../../../lib/csv/serialise';
import { hostileString, parseCsv, separatorsOutsideQuotes } from './csv-testing';

describe('serialiseRecords', () => {
  it('quotes every field per RFC 4180 and ends every record with CRLF', () => {
    expect(
      serialiseRecords([
        ['plain', 'a,b', 'say "hi"', 'two\nlines', ' padded', ''],
        ['é', '😀', 'x'],
      ]),
    ).toBe('"plain","a,b","say ""hi""","two\nlines"," padded",""\r\n"é","😀","x"\r\n');
    expect(serialiseRecords([])).toBe('');
  });

  it('keeps every semicolon and tab inside quotes, where a spreadsheet splitting on them cannot start a cell', () => {
    expect(serialiseRecords([['Sales;=1+1', 'a\t-1']])).toBe('"Sales;=1+1","a\t-1"\r\n');
    const rows = fc.array(fc.array(hostileString, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(rows, (records) => {
        expect(separatorsOutsideQuotes(serialiseRecords(records), ';\t')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('starts a file with the UTF-8 BOM and the header row', () => {
    expect(serialiseHeader()).toBe(`\uFEFF${CSV_HEADERS.map((header) => `"${header}"`).join(',')}\r\n`);
  });

  it('parses back to exactly the same cells, whatever they hold, chunk after chunk', () => {
    const rows = fc.array(fc.array(hostileString, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(rows, { minLength: 1, maxLength: 3 }), (chunks) => {
        const width = chunks[0]?.[0]?.length ?? 0;
        const even = chunks.map((chunk) => chunk.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? '')));
        expect(parseCsv(even.map(serialiseRecords).join(''))).toEqual(even.flat());
      }),
      { numRuns: 500 },
    );
  });
});
