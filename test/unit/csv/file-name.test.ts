import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_LISTS_FILE_STEM, FILE_STEM_MAX_BYTES, csvFileName, safeFileStem } from '../../../lib/csv/file-name';
import { localDay } from '../../../lib/model/dates';

// Noon local time, so the expected day holds in every time zone the tests may run in.
const NOV_22 = new Date(2026, 10, 22, 12, 0, 0).getTime();
const utf8Length = (text: string) => new TextEncoder().encode(text).length;

describe('csvFileName', () => {
  it('is "<list name>-<yyyy-mm-dd>.csv" with the local date', () => {
    expect(csvFileName('Revenue leaders at Stripe', NOV_22)).toBe('Revenue leaders at Stripe-2026-11-22.csv');
    expect(csvFileName(ALL_LISTS_FILE_STEM, new Date(2027, 0, 5, 12).getTime())).toBe('All lists-2027-01-05.csv');
    expect(localDay(new Date(987, 2, 4, 12).getTime())).toBe('0987-03-04');
  });

  it.each([
    ['Sales/Marketing: EMEA', 'Sales_Marketing_ EMEA'],
    ['a<b>c"d\\e|f?g*h', 'a_b_c_d_e_f_g_h'],
    ['tab\tand\nnew line', 'tab_and_new line'],
    ['  ..hidden. ', 'hidden'],
    ['trailing dots...', 'trailing dots'],
    ['many    spaces\u00a0here', 'many spaces here'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['CON.leads', '_CON.leads'],
    ['nul .x', '_nul .x'],
    ['CON', 'CON'],
    ['Console.leads', 'Console.leads'],
    ['', 'list'],
    ['...', 'list'],
    ['Café Müller', 'Café Müller'],
    ['Cafe\u0301', 'Café'],
    ['株式会社 営業部 🚀', '株式会社 営業部 🚀'],
  ])('makes %j safe as %j', (name, stem) => {
    expect(safeFileStem(name)).toBe(stem);
  });

  it('cuts a long name at a whole grapheme within the byte budget', () => {
    const family = '👩‍👩‍👧‍👦';
    const stem = safeFileStem(family.repeat(40));
    expect(utf8Length(stem)).toBeLessThanOrEqual(FILE_STEM_MAX_BYTES);
    expect(stem).toBe(family.repeat(Math.floor(FILE_STEM_MAX_BYTES / utf8Length(family))));
    expect(safeFileStem('x'.repeat(200))).toBe('x'.repeat(FILE_STEM_MAX_BYTES));
  });

  it('gives every name a file name that Windows, macOS and Linux accept', () => {
    const anyName = fc.string({
      unit: fc.oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
        fc.constantFrom('.', ' ', '/', '\\', ':', '*', '?', '"', '<', '>', '|', '\u202e', 'CON', 'lpt1', '\u0000'),
      ),
      maxLength: 120,
    });
    fc.assert(
      fc.property(anyName, (name) => {
        const fileName = csvFileName(name, NOV_22);
        expect(fileName.endsWith('-2026-11-22.csv')).toBe(true);
        const stem = fileName.slice(0, -'-2026-11-22.csv'.length);
        expect(stem.length).toBeGreaterThan(0);
        expect(stem.isWellFormed()).toBe(true);
        expect(utf8Length(fileName)).toBeLessThanOrEqual(FILE_STEM_MAX_BYTES + 16);
        expect(/[<>:"/\\|?*\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(stem)).toBe(false);
        expect(/^[\s.]|[\s.]$/u.test(stem)).toBe(false);
        expect(/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])\s*$/i.test(fileName.split('.')[0] ?? '')).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
