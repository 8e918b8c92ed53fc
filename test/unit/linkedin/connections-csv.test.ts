import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConnectionsCsv, type ConnectionsCsvColumn, type SkippedRow } from '../../../lib/linkedin/connections-csv';
import { ApiError } from '../../../lib/model/errors';
import { SCRAPED_TEXT_MAX } from '../../../lib/model/limits';
import { SNAPSHOT_MAX_CONTACTS, snapshotContactSchema, type SnapshotContact } from '../../../lib/model/snapshot';
import { cleanScrapedText } from '../../../lib/model/text';

function fixture(name: string): string {
  return readFileSync(resolve(import.meta.dirname, '../../fixtures/linkedin/connections-csv', name), 'utf8');
}

const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
const ALL_COLUMNS: ConnectionsCsvColumn[] = ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'];
const NOTE =
  '"When exporting your connection data, you may notice that some of the email addresses are missing. ' +
  'You will only see email addresses for connections who have allowed their connections to see or download their email address."';

/** The preamble of a current export, then `lines`. */
function exportOf(...lines: string[]): string {
  return ['Notes:', NOTE, '', HEADER, ...lines].join('\r\n');
}

function refusal(text: string): ApiError {
  try {
    parseConnectionsCsv(text);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('The file was not refused');
}

function expectValidContacts(text: string) {
  const result = parseConnectionsCsv(text);
  for (const contact of result.contacts) expect(snapshotContactSchema.parse(contact)).toEqual(contact);
  return result;
}

describe('parseConnectionsCsv on real export shapes', () => {
  it('reads the current export: BOM, Notes preamble, CRLF, every column', () => {
    const text = fixture('current-bom-crlf.csv');
    expect(text.startsWith('\uFEFFNotes:\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);

    const result = expectValidContacts(text);
    expect(result.columns).toEqual(ALL_COLUMNS);
    expect(result.rows).toBe(6);
    expect(result.skipped).toEqual([]);
    expect(result.contacts[0]).toEqual({
      baseContactId: 'https://www.linkedin.com/in/ada-lovelace-1815',
      firstName: 'Ada',
      lastName: 'Lovelace',
      fullName: 'Ada Lovelace',
      companyName: 'Analytical Engines Ltd',
      role: 'Head of Mathematics',
      publicProfileUrl: 'https://www.linkedin.com/in/ada-lovelace-1815',
      connectedOn: '2024-03-15',
      degree: 1,
    });
    expect(result.contacts[1]).toEqual({
      baseContactId: 'https://www.linkedin.com/in/gracehopper',
      firstName: 'Grace',
      lastName: 'Hopper',
      fullName: 'Grace Hopper',
      companyName: 'Compilers, Inc.',
      role: 'Rear Admiral',
      email: 'grace.hopper@example.com',
      publicProfileUrl: 'https://www.linkedin.com/in/gracehopper',
      connectedOn: '2023-01-03',
      degree: 1,
    });
    expect(result.contacts.map((contact) => [contact.fullName, contact.companyName, contact.connectedOn])).toEqual([
      ['Ada Lovelace', 'Analytical Engines Ltd', '2024-03-15'],
      ['Grace Hopper', 'Compilers, Inc.', '2023-01-03'],
      ['Alan Turing', 'Bletchley Park', '2022-02-07'],
      ['Dmitri Иванов', 'Яндекс', '2021-09-28'],
      ['美玲 王', '阿里巴巴', '2021-08-01'],
      ['فاطمة الزهراء', 'أرامكو', '2020-12-12'],
    ]);
    expect(result.contacts[3]?.publicProfileUrl).toBe('https://www.linkedin.com/in/%D0%B4%D0%BC%D0%B8%D1%82%D1%80%D0%B8%D0%B9');
  });

  it('invents no headline: the export has none, and "Position at Company" would be made up', () => {
    for (const name of ['current-bom-crlf.csv', 'current-lf.csv', 'older-no-url.csv', 'quoted-fields.csv']) {
      for (const contact of parseConnectionsCsv(fixture(name)).contacts) expect(contact.headline).toBeUndefined();
    }
  });

  it('reads an LF export, canonicalises profile URLs and leaves an empty date unset', () => {
    const text = fixture('current-lf.csv');
    expect(text).not.toContain('\r');
    const result = expectValidContacts(text);
    expect(result.rows).toBe(3);
    expect(result.contacts.map((contact) => contact.publicProfileUrl)).toEqual([
      'https://www.linkedin.com/in/katherine-johnson',
      'https://www.linkedin.com/in/dorothy-vaughan',
      'https://www.linkedin.com/in/mary-jackson',
    ]);
    expect(result.contacts[2]).toEqual({
      baseContactId: 'https://www.linkedin.com/in/mary-jackson',
      firstName: 'Mary',
      lastName: 'Jackson',
      fullName: 'Mary Jackson',
      companyName: 'NASA',
      role: 'Engineer',
      email: 'mary@example.org',
      publicProfileUrl: 'https://www.linkedin.com/in/mary-jackson',
      degree: 1,
    });
  });

  it('reads an older export without preamble or URL column, keyed by email', () => {
    const result = expectValidContacts(fixture('older-no-url.csv'));
    expect(result.columns).toEqual(['First Name', 'Last Name', 'Email Address', 'Company', 'Position', 'Connected On']);
    expect(result.contacts.map((contact) => contact.baseContactId)).toEqual([
      'mailto:linus@example.com',
      'mailto:margaret.hamilton@example.com',
    ]);
    expect(result.contacts[0]).not.toHaveProperty('publicProfileUrl');
    expect(result.skipped).toEqual([{ line: 4, code: 'missing_key' }]);
    expect(result.rows).toBe(3);
  });

  it('reads quoted commas, doubled quotes and line breaks inside quotes', () => {
    const result = expectValidContacts(fixture('quoted-fields.csv'));
    expect(result.rows).toBe(3);
    expect(result.contacts.map(({ lastName, companyName, role }) => ({ lastName, companyName, role }))).toEqual([
      { lastName: "O'Brien, Jr.", companyName: 'Acme "Rockets", Inc.', role: 'VP Sales, EMEA' },
      // A line break inside the quotes is read, and becomes a space: a company or title is one line (lib/model/text.ts).
      { lastName: 'Curie', companyName: 'Institut du Radium Paris', role: 'Directrice' },
      // The CRLF inside the quotes is one line break, so one space.
      { lastName: 'Tesla', companyName: 'Tesla Electric', role: 'Inventor, Engineer, "Wizard"' },
    ]);
  });

  it('skips bad rows with their physical line and a code, and keeps the first of a person', () => {
    const result = expectValidContacts(fixture('bad-rows.csv'));
    expect(result.contacts.map((contact) => contact.fullName)).toEqual(['Ada Lovelace', 'Sofia Rossi']);
    expect(result.skipped).toEqual<SkippedRow[]>([
      { line: 6, code: 'missing_name', field: 'First Name' },
      { line: 7, code: 'missing_key' },
      { line: 8, code: 'invalid_profile_url', field: 'URL' },
      { line: 9, code: 'invalid_email', field: 'Email Address' },
      { line: 10, code: 'invalid_date', field: 'Connected On' },
      { line: 11, code: 'duplicate' },
      { line: 12, code: 'malformed_row' },
      { line: 13, code: 'invalid_date', field: 'Connected On' },
    ]);
    expect(result.rows).toBe(result.contacts.length + result.skipped.length);
  });

  it('refuses a file that is another export, naming the missing columns', () => {
    const shares = refusal(fixture('wrong-shares.csv'));
    expect(shares.error).toBe('validation_error');
    expect(shares.details).toEqual([
      {
        field: 'file',
        message:
          'This is not LinkedIn’s Connections.csv: ' + 'no header row with the columns First Name, Last Name and URL or Email Address.',
      },
    ]);

    const noKey = refusal(fixture('wrong-no-key-columns.csv'));
    expect(noKey.details).toEqual([
      { field: 'file', message: 'This is not LinkedIn’s Connections.csv: its header has no URL or Email Address column.' },
    ]);
  });
});

describe('parseConnectionsCsv edge cases', () => {
  it('refuses empty, blank and binary files', () => {
    expect(refusal('').details).toEqual([{ field: 'file', message: 'The file is empty.' }]);
    expect(refusal('\uFEFF \r\n\r\n').details?.[0]?.message).toBe('The file is empty.');
    const zip = 'PK\u0003\u0004\u0014\u0000\u0000\u0000\b\u0000Connections.csv';
    expect(refusal(zip).details?.[0]).toEqual({
      field: 'file',
      message: 'This is not a text file: choose the Connections.csv from LinkedIn’s export.',
    });
  });

  it('names only what a near-header lacks', () => {
    expect(refusal('First Name,URL\nAda,https://www.linkedin.com/in/ada').details?.[0]?.message).toBe(
      'This is not LinkedIn’s Connections.csv: its header has no Last Name column.',
    );
  });

  it('finds the header wherever a short preamble ends, but not past the first rows', () => {
    const row = 'Ada,Lovelace,https://www.linkedin.com/in/ada,,,,';
    expect(parseConnectionsCsv(`"Notes:"\n${NOTE}\n\n${HEADER}\n${row}`).contacts).toHaveLength(1);
    expect(parseConnectionsCsv(`${HEADER}\n${row}`).contacts).toHaveLength(1);
    const junk = Array.from({ length: 19 }, (_, i) => `junk ${i}`);
    expect(parseConnectionsCsv([...junk, HEADER, row].join('\n')).contacts).toHaveLength(1);
    expect(refusal([...junk, 'junk 19', HEADER, row].join('\n')).error).toBe('validation_error');
  });

  it('matches header names after trimming, in any case and order, ignoring unknown columns', () => {
    const text = [
      ' connected on ,Notes,URL , first NAME,LAST NAME,Email Address',
      '15 Mar 2024,met at a fair,https://www.linkedin.com/in/ada,Ada,Lovelace,ada@example.com',
    ].join('\n');
    const result = parseConnectionsCsv(text);
    expect(result.columns).toEqual(['Connected On', 'URL', 'First Name', 'Last Name', 'Email Address']);
    expect(result.contacts).toEqual([
      {
        baseContactId: 'https://www.linkedin.com/in/ada',
        firstName: 'Ada',
        lastName: 'Lovelace',
        fullName: 'Ada Lovelace',
        email: 'ada@example.com',
        publicProfileUrl: 'https://www.linkedin.com/in/ada',
        connectedOn: '2024-03-15',
        degree: 1,
      },
    ]);
  });

  it('returns no contacts for an export with a header and no rows', () => {
    expect(parseConnectionsCsv(exportOf(''))).toEqual({ contacts: [], skipped: [], rows: 0, columns: ALL_COLUMNS });
  });

  it('reads the date forms LinkedIn and spreadsheets write, and nothing ambiguous', () => {
    const dateOf = (date: string) => {
      const result = parseConnectionsCsv(exportOf(`Ada,Lovelace,https://www.linkedin.com/in/ada,,,,${date}`));
      return result.contacts[0]?.connectedOn ?? result.skipped[0]?.code;
    };
    expect(dateOf('15 Mar 2024')).toBe('2024-03-15');
    expect(dateOf('7 mar 2024')).toBe('2024-03-07');
    expect(dateOf('07 Sept 2021')).toBe('2021-09-07');
    expect(dateOf('15 March 2024')).toBe('2024-03-15');
    expect(dateOf('15-Mar-24')).toBe('2024-03-15');
    expect(dateOf('2024-03-15')).toBe('2024-03-15');
    expect(dateOf('29 Feb 2024')).toBe('2024-02-29');
    const unreadable = ['29 Feb 2023', '31 Apr 2024', '0 Mar 2024', '15 Mrz 2024', '03/15/2024', '15/03/2024'];
    for (const date of [...unreadable, '"March 15, 2024"', '2024-13-01', 'yesterday']) {
      expect(dateOf(date), date).toBe('invalid_date');
    }
  });

  it('keeps an email only when it is one, as written', () => {
    const result = parseConnectionsCsv(
      exportOf(
        'Ada,Lovelace,https://www.linkedin.com/in/ada, Ada.Lovelace@Example.COM ,,,',
        'Grace,Hopper,https://www.linkedin.com/in/grace,grace at example,,,',
      ),
    );
    expect(result.contacts.map((contact) => contact.email)).toEqual(['Ada.Lovelace@Example.COM', undefined]);
    expect(result.skipped).toEqual([]);
  });

  it('tells duplicates by email apart from case', () => {
    const text = ['First Name,Last Name,Email Address', 'Ada,Lovelace,ada@example.com', 'Ada,L.,ADA@EXAMPLE.COM'].join('\n');
    expect(parseConnectionsCsv(text).skipped).toEqual([{ line: 3, code: 'duplicate' }]);
  });

  it('counts the lines of quoted line breaks, blank rows and every line-ending style', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const text = [
        'Notes:',
        `"A note${eol}on two lines"`,
        '',
        HEADER,
        `Ada,Lovelace,https://www.linkedin.com/in/ada,,"Analytical${eol}Engines${eol}Ltd",,15 Mar 2024`,
        '',
        ',,,,,,',
        'Nobody,Known,,,,,',
      ].join(eol);
      const result = parseConnectionsCsv(text);
      expect(result.contacts[0]?.companyName, JSON.stringify(eol)).toBe('Analytical Engines Ltd');
      expect(result.skipped, JSON.stringify(eol)).toEqual([{ line: 11, code: 'missing_key' }]);
      expect(result.rows).toBe(2);
    }
  });

  it('skips a row with stray quotes or more fields than the header, and reads on', () => {
    const result = parseConnectionsCsv(
      exportOf(
        'Ada,Lovelace,https://www.linkedin.com/in/ada,,"Acme "Big" Corp",,',
        'Chen,Li,https://www.linkedin.com/in/chen-li,,Acme, Inc,Engineer,15 Mar 2024',
        'Grace,Hopper,https://www.linkedin.com/in/grace,,,,,,',
      ),
    );
    expect(result.skipped).toEqual([
      { line: 5, code: 'malformed_row' },
      { line: 6, code: 'malformed_row' },
    ]);
    expect(result.contacts.map((contact) => contact.fullName)).toEqual(['Grace Hopper']);
  });

  it('refuses a file whose quoted field never closes, naming its line', () => {
    const error = refusal(exportOf('Ada,Lovelace,https://www.linkedin.com/in/ada,,"Analytical Engines,,', 'Grace,Hopper,,,,,'));
    expect(error.details).toEqual([
      {
        field: 'file',
        message: 'A quoted field that starts on line 5 is never closed, so the rest of the file cannot be read.',
      },
    ]);
  });

  it(`refuses more than ${SNAPSHOT_MAX_CONTACTS} connections rather than a list that cannot be stored`, () => {
    const rows = Array.from({ length: SNAPSHOT_MAX_CONTACTS + 1 }, (_, i) => `A,B,https://www.linkedin.com/in/p${i},,,,`);
    expect(refusal(exportOf(...rows)).details?.[0]?.message).toBe(
      `The file has more than ${SNAPSHOT_MAX_CONTACTS.toLocaleString('en')} connections, more than a list can hold.`,
    );
  });
});

// --- Properties ---------------------------------------------------------------------------

const scriptChar = fc.oneof(
  fc.constantFrom('a', 'Z', 'é', 'ß', 'ø', 'ł', "'", '-', '.', ' ', ',', '"'),
  fc.integer({ min: 0x410, max: 0x44f }).map((code) => String.fromCodePoint(code)),
  fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCodePoint(code)),
  fc.integer({ min: 0x627, max: 0x64a }).map((code) => String.fromCodePoint(code)),
  fc.integer({ min: 0x905, max: 0x939 }).map((code) => String.fromCodePoint(code)),
  fc.integer({ min: 0xac00, max: 0xd7a3 }).map((code) => String.fromCodePoint(code)),
  fc.integer({ min: 0x1f600, max: 0x1f64f }).map((code) => String.fromCodePoint(code)),
);
const name = fc.string({ unit: scriptChar, minLength: 1, maxLength: 12 }).filter((value) => value.trim() !== '');
const freeText = fc.string({ unit: fc.oneof(scriptChar, fc.constantFrom('\n', '\r\n')), maxLength: 20 });
const eol = fc.constantFrom('\r\n', '\n', '\r');
const day = fc.date({ min: new Date('2003-05-05T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type RowSpec =
  | { kind: 'valid'; first: string; last: string; email: boolean; company: string; position: string; date: Date }
  | { kind: 'blank'; cells: number }
  | { kind: 'missing_name' | 'invalid_date' | 'invalid_profile_url' | 'duplicate' };

const rowSpec: fc.Arbitrary<RowSpec> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('valid' as const),
      first: name,
      last: name,
      email: fc.boolean(),
      company: freeText,
      position: freeText,
      date: day,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('blank' as const), cells: fc.integer({ min: 0, max: 7 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom('missing_name', 'invalid_date', 'invalid_profile_url', 'duplicate') }),
  },
);

function quoted(value: string, always: boolean): string {
  return always || /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const KNOWN = new Set(ALL_COLUMNS.map((column) => column.toLowerCase()));

const exportFile = fc.record({
  bom: fc.boolean(),
  eol,
  preamble: fc.array(
    fc.oneof(
      fc.constant(''),
      fc.constant('Notes:'),
      freeText.filter((note) => !KNOWN.has(note.trim().toLowerCase())),
    ),
    { maxLength: 4 },
  ),
  withUrl: fc.boolean(),
  order: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6], { minLength: 7, maxLength: 7 }),
  rows: fc.array(rowSpec, { maxLength: 30 }),
  quoteAll: fc.boolean(),
  trailingEol: fc.boolean(),
});

describe('parseConnectionsCsv properties', () => {
  it('returns every row of a well-formed export once, with the right line numbers', () => {
    fc.assert(
      fc.property(exportFile, (file) => {
        const columns = ALL_COLUMNS.filter((column) => file.withUrl || column !== 'URL');
        const order = file.order.filter((index) => index < columns.length);
        const rowStarts: number[] = [];
        let text = file.bom ? '\uFEFF' : '';
        const push = (cells: readonly string[]) => {
          rowStarts.push(text.length);
          text += `${order.map((index) => cells[index] ?? '').join(',')}${file.eol}`;
        };
        for (const note of file.preamble) {
          rowStarts.push(text.length);
          text += `${note === '' || note === 'Notes:' ? note : quoted(note, true)}${file.eol}`;
        }
        push(columns);

        const expected: Pick<SnapshotContact, 'baseContactId' | 'fullName' | 'companyName' | 'role' | 'connectedOn'>[] = [];
        const skipped: SkippedRow[] = [];
        const keyCell = (i: number) => (file.withUrl ? `https://www.linkedin.com/in/Person-${i}/` : undefined);
        const keyOf = (i: number) => (file.withUrl ? `https://www.linkedin.com/in/person-${i}` : `mailto:person.${i}@example.com`);
        file.rows.forEach((spec, i) => {
          const rowIndex = rowStarts.length;
          const cell = (value: string) => quoted(value, file.quoteAll);
          const byColumn = (values: Partial<Record<ConnectionsCsvColumn, string>>) => columns.map((column) => cell(values[column] ?? ''));
          if (spec.kind === 'blank') {
            rowStarts.push(text.length);
            text += `${','.repeat(Math.max(0, spec.cells - 1))}${file.eol}`;
            return;
          }
          const line = () => (text.slice(0, rowStarts[rowIndex]).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
          if (spec.kind === 'valid') {
            const date = `${spec.date.getUTCDate()} ${MONTH_NAMES[spec.date.getUTCMonth()]} ${spec.date.getUTCFullYear()}`;
            push(
              byColumn({
                'First Name': spec.first,
                'Last Name': spec.last,
                URL: keyCell(i),
                'Email Address': !file.withUrl || spec.email ? `person.${i}@example.com` : undefined,
                Company: spec.company,
                Position: spec.position,
                'Connected On': date,
              }),
            );
            // The text rule's own properties are in test/unit/model/text.test.ts.
            const clean = (value: string, max: number) => cleanScrapedText(value, max);
            expected.push({
              baseContactId: keyOf(i),
              fullName: cleanScrapedText(
                [clean(spec.first, SCRAPED_TEXT_MAX.personName), clean(spec.last, SCRAPED_TEXT_MAX.personName)].filter(Boolean).join(' '),
                SCRAPED_TEXT_MAX.personName,
              ),
              companyName: clean(spec.company, SCRAPED_TEXT_MAX.companyName),
              role: clean(spec.position, SCRAPED_TEXT_MAX.title),
              connectedOn: spec.date.toISOString().slice(0, 10),
            });
            return;
          }
          const earlier = file.rows.findIndex((other) => other.kind === 'valid');
          if (spec.kind === 'duplicate') {
            if (earlier === -1 || earlier > i) return;
            const email = file.withUrl ? undefined : `PERSON.${earlier}@example.com`;
            push(byColumn({ 'First Name': 'Copy', URL: keyCell(earlier), 'Email Address': email }));
            skipped.push({ line: line(), code: 'duplicate' });
          } else if (spec.kind === 'missing_name') {
            push(byColumn({ URL: keyCell(i), 'Email Address': `x${i}@example.com` }));
            skipped.push({ line: line(), code: 'missing_name', field: 'First Name' });
          } else if (spec.kind === 'invalid_date') {
            push(byColumn({ 'First Name': 'Ada', URL: keyCell(i), 'Email Address': `x${i}@example.com`, 'Connected On': '31 Feb 2024' }));
            skipped.push({ line: line(), code: 'invalid_date', field: 'Connected On' });
          } else if (file.withUrl) {
            push(byColumn({ 'First Name': 'Ada', URL: 'https://www.linkedin.com/company/acme' }));
            skipped.push({ line: line(), code: 'invalid_profile_url', field: 'URL' });
          }
        });
        if (!file.trailingEol && text.endsWith(file.eol)) text = text.slice(0, -file.eol.length);

        const result = parseConnectionsCsv(text);
        expect(result.columns).toEqual(order.map((index) => columns[index]));
        expect(result.skipped).toEqual(skipped);
        expect(
          result.contacts.map(({ baseContactId, fullName, companyName, role, connectedOn }) => ({
            baseContactId,
            fullName,
            companyName,
            role,
            connectedOn,
          })),
        ).toEqual(expected);
        expect(result.rows).toBe(expected.length + skipped.length);
        for (const contact of result.contacts) expect(snapshotContactSchema.safeParse(contact).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws anything but a validation ApiError on arbitrary text, and what it returns is consistent', () => {
    const binary = fc.string({ unit: 'binary', maxLength: 400 });
    const headers = fc.constantFrom(HEADER, 'First Name,Last Name,Email Address', 'first name,last name,url', exportOf());
    const csvish = fc.string({
      unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '@', '.', 'https://www.linkedin.com/in/', '15 Mar 2024'),
      maxLength: 40,
    });
    const text = fc.oneof(
      binary,
      fc.tuple(headers, eol, binary).map(([header, end, rest]) => `${header}${end}${rest}`),
      fc.tuple(headers, fc.array(csvish)).map(([header, rows]) => [header, ...rows].join('\n')),
    );
    fc.assert(
      fc.property(text, (input) => {
        let result;
        try {
          result = parseConnectionsCsv(input);
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).error).toBe('validation_error');
          expect((error as ApiError).details?.[0]?.field).toBe('file');
          return;
        }
        expect(result.rows).toBe(result.contacts.length + result.skipped.length);
        const lineCount = (input.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
        for (const row of result.skipped) expect(row.line).toBeGreaterThan(1);
        for (const row of result.skipped) expect(row.line).toBeLessThanOrEqual(lineCount);
        expect(result.skipped.map((row) => row.line)).toEqual([...result.skipped.map((row) => row.line)].sort((a, b) => a - b));
        for (const contact of result.contacts) expect(snapshotContactSchema.safeParse(contact).success).toBe(true);
        expect(new Set(result.contacts.map((contact) => contact.baseContactId)).size).toBe(result.contacts.length);
      }),
      { numRuns: 400 },
    );
  });
});
