import Papa from 'papaparse';
import { ApiError, type ErrorReason } from '../model/errors';
import { emailKey, profileUrlKey } from '../model/identity';
import { SCRAPED_TEXT_MAX } from '../model/limits';
import { SNAPSHOT_MAX_CONTACTS, type SnapshotContact } from '../model/snapshot';
import { cleanScrapedText } from '../model/text';
import { z } from '../model/zod';
import { clean, definedOnly } from './text';

/**
 * LinkedIn's "Get a copy of your data" `Connections.csv`. Since about 2020 it starts with a
 * preamble (`Notes:`, a quoted note about missing emails, a blank line) before the header
 * `First Name,Last Name,URL,Email Address,Company,Position,Connected On`; older exports have no
 * preamble and no `URL` column (`First Name,Last Name,Email Address,Company,Position,Connected On`).
 * The header is looked for in the first rows, whatever comes before it; columns are matched by
 * name (trimmed, any case), so their order does not matter and unknown ones are ignored.
 */

/** The columns LinkedIn's exports have had, as LinkedIn spells them. */
export const CONNECTIONS_CSV_COLUMNS = ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'] as const;
export type ConnectionsCsvColumn = (typeof CONNECTIONS_CSV_COLUMNS)[number];

/** Why a data row was left out. Codes, not sentences: the run report stores them and the panel words them. */
export const CSV_SKIP_CODES = [
  /** Neither a first nor a last name. */
  'missing_name',
  /** Neither a profile URL nor an email address to tell the person by. */
  'missing_key',
  /** A `URL` that is not a LinkedIn public profile (`/in/<name>`). */
  'invalid_profile_url',
  /** No profile URL, and the email address, the only key left, is not one. */
  'invalid_email',
  /** A `Connected On` that is not a date such as `15 Mar 2024`. */
  'invalid_date',
  /** A row the CSV reader could not split into the header's columns (stray quotes, extra fields). */
  'malformed_row',
  /** The same person as an earlier row (same profile URL, else same email): the first row is kept. */
  'duplicate',
] as const;
export type CsvSkipCode = (typeof CSV_SKIP_CODES)[number];

/** A data row that was left out: its 1-based line in the file (preamble and line breaks inside quotes counted). */
export interface SkippedRow {
  line: number;
  code: CsvSkipCode;
  /** The column at fault, when one is. */
  field?: ConnectionsCsvColumn;
}

export interface ConnectionsCsv {
  /** One contact per person, in file order. */
  contacts: SnapshotContact[];
  skipped: SkippedRow[];
  /** Data rows read (blank rows aside): `contacts.length + skipped.length`. */
  rows: number;
  /** The known columns the header has, in the file's order. */
  columns: ConnectionsCsvColumn[];
}

/** A preamble is a few lines; a header further down than this is not LinkedIn's. */
const HEADER_SEARCH_ROWS = 20;
const REQUIRED_COLUMNS: readonly ConnectionsCsvColumn[] = ['First Name', 'Last Name'];
const KEY_COLUMNS: readonly ConnectionsCsvColumn[] = ['URL', 'Email Address'];

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};
// LinkedIn writes `15 Mar 2024`; a spreadsheet that re-saved the file may have made it `15-Mar-24`.
// Two-digit years are 20xx: LinkedIn started in 2003. `03/15/2024` is left unread: day and month
// order depend on the spreadsheet's locale.
const DAY_MONTH_YEAR = /^(\d{1,2})[ -]([a-z]{3,9})\.?[ -](\d{4}|\d{2})$/i;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `15 Mar 2024` → `2024-03-15`; `undefined` when it is not a calendar day in a form listed above. */
function readConnectedOn(text: string): string | undefined {
  let year: number;
  let month: number | undefined;
  let day: number;
  const named = DAY_MONTH_YEAR.exec(text);
  const iso = named ? null : ISO_DAY.exec(text);
  if (named) {
    day = Number(named[1]);
    month = MONTHS[named[2]!.toLowerCase()];
    year = named[3]!.length === 2 ? 2000 + Number(named[3]) : Number(named[3]);
  } else if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else {
    return undefined;
  }
  if (!month || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const cell = z.string().optional();

/**
 * One data row, by column, as a snapshot contact. A row that is not one fails with a single
 * issue whose `params.code` is the `CsvSkipCode` and whose path is the column at fault.
 */
const connectionsCsvRowSchema = z
  .object({
    'First Name': cell,
    'Last Name': cell,
    URL: cell,
    'Email Address': cell,
    Company: cell,
    Position: cell,
    'Connected On': cell,
  })
  .transform((row, ctx): SnapshotContact => {
    const skip = (code: CsvSkipCode, field?: ConnectionsCsvColumn): never => {
      ctx.addIssue({ code: 'custom', message: code, path: field ? [field] : [], params: { code } });
      return z.NEVER;
    };
    const firstName = cleanScrapedText(row['First Name'], SCRAPED_TEXT_MAX.personName);
    const lastName = cleanScrapedText(row['Last Name'], SCRAPED_TEXT_MAX.personName);
    if (!firstName && !lastName) return skip('missing_name', 'First Name');

    const url = clean(row.URL);
    const profileUrl = url === undefined ? undefined : profileUrlKey(url);
    if (url !== undefined && !profileUrl) return skip('invalid_profile_url', 'URL');
    const address = clean(row['Email Address']);
    const mailKey = address === undefined ? undefined : emailKey(address);
    const baseContactId = profileUrl ?? mailKey;
    if (!baseContactId) return address === undefined ? skip('missing_key') : skip('invalid_email', 'Email Address');

    const date = clean(row['Connected On']);
    const connectedOn = date === undefined ? undefined : readConnectedOn(date);
    if (date !== undefined && !connectedOn) return skip('invalid_date', 'Connected On');

    return definedOnly({
      baseContactId,
      firstName,
      lastName,
      fullName: cleanScrapedText([firstName, lastName].filter(Boolean).join(' '), SCRAPED_TEXT_MAX.personName),
      companyName: cleanScrapedText(row.Company, SCRAPED_TEXT_MAX.companyName),
      // "Position at Company" would be a headline LinkedIn never wrote: the export has none.
      role: cleanScrapedText(row.Position, SCRAPED_TEXT_MAX.title),
      email: mailKey ? address : undefined,
      publicProfileUrl: profileUrl,
      connectedOn,
      degree: 1,
    });
  });

/**
 * Reads a `Connections.csv` export: one contact per person, every other data row listed in
 * `skipped` with its line. A file that is not such an export (empty, binary, no header row with
 * First Name, Last Name and URL or Email Address, a quoted field never closed) is refused with
 * a `validation_error` on `file`, and nothing is returned.
 */
export function parseConnectionsCsv(text: string): ConnectionsCsv {
  if (text.includes('\u0000')) {
    throw refuse(
      { code: 'connectionsCsv.notText', params: {} },
      'This is not a text file: choose the Connections.csv from LinkedIn’s export.',
    );
  }
  // One line break, so that line numbers count CRLF, CR and LF alike, as an editor shows them.
  const input = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  if (!input.trim()) throw refuse({ code: 'connectionsCsv.empty', params: {} }, 'The file is empty.');

  let header: HeaderRow | undefined;
  // The first row naming any known column: what it lacks is what the refusal names.
  let nearest: HeaderRow | undefined;
  let rowsBeforeHeader = 0;
  let unterminatedAt: number | undefined;
  let line = 1;
  let lineCursor = 0;
  let rows = 0;
  const contacts: SnapshotContact[] = [];
  const skipped: SkippedRow[] = [];
  const seen = new Set<string>();

  Papa.parse<string[]>(input, {
    delimiter: ',',
    newline: '\n',
    quoteChar: '"',
    step(result, parser) {
      const rowLine = line;
      // The cursor is where the next row starts; the line breaks up to it are this row's.
      for (let at = input.indexOf('\n', lineCursor); at !== -1 && at < result.meta.cursor; at = input.indexOf('\n', at + 1)) {
        line += 1;
      }
      lineCursor = result.meta.cursor;
      const cells = result.data;

      if (result.errors.some((error) => error.code === 'MissingQuotes')) {
        unterminatedAt = rowLine;
        parser.abort();
        return;
      }
      if (!header) {
        const found = readHeader(cells);
        if (found.missing.length === 0) header = found;
        else if (!nearest && found.columns.length > 0) nearest = found;
        rowsBeforeHeader += 1;
        if (!header && rowsBeforeHeader >= HEADER_SEARCH_ROWS) parser.abort();
        return;
      }
      if (cells.every((value) => !value.trim())) return;

      rows += 1;
      if (result.errors.length > 0 || cells.slice(header.width).some((value) => value.trim())) {
        skipped.push({ line: rowLine, code: 'malformed_row' });
        return;
      }
      const parsed = connectionsCsvRowSchema.safeParse(header.read(cells));
      if (!parsed.success) {
        skipped.push(skippedRow(rowLine, parsed.error.issues[0]));
        return;
      }
      if (seen.has(parsed.data.baseContactId)) {
        skipped.push({ line: rowLine, code: 'duplicate' });
        return;
      }
      seen.add(parsed.data.baseContactId);
      contacts.push(parsed.data);
      if (contacts.length > SNAPSHOT_MAX_CONTACTS) parser.abort();
    },
  });

  if (unterminatedAt !== undefined) {
    throw refuse(
      { code: 'connectionsCsv.unclosedQuote', params: { line: unterminatedAt } },
      `A quoted field that starts on line ${unterminatedAt} is never closed, so the rest of the file cannot be read.`,
    );
  }
  if (!header) {
    const missing = listed((nearest ?? readHeader([])).missing);
    throw refuse(
      { code: 'connectionsCsv.notAnExport', params: { missing } },
      nearest
        ? `This is not LinkedIn’s Connections.csv: its header has no ${missing} column.`
        : `This is not LinkedIn’s Connections.csv: no header row with the columns ${missing}.`,
    );
  }
  if (contacts.length > SNAPSHOT_MAX_CONTACTS) {
    throw refuse(
      { code: 'connectionsCsv.tooMany', params: { max: SNAPSHOT_MAX_CONTACTS } },
      `The file has more than ${SNAPSHOT_MAX_CONTACTS.toLocaleString('en')} connections, more than a list can hold.`,
    );
  }
  return { contacts, skipped, rows, columns: header.columns };
}

interface HeaderRow {
  /** The known columns present, in the file's order. */
  columns: ConnectionsCsvColumn[];
  /** Required columns absent (a key column counts as present when either is). */
  missing: string[];
  /** How many cells a data row may fill. */
  width: number;
  /** A data row's cells by known column. */
  read(cells: readonly string[]): Partial<Record<ConnectionsCsvColumn, string>>;
}

const COLUMN_BY_NAME = new Map<string, ConnectionsCsvColumn>(CONNECTIONS_CSV_COLUMNS.map((column) => [column.toLowerCase(), column]));

function readHeader(cells: readonly string[]): HeaderRow {
  const positions: [ConnectionsCsvColumn, number][] = [];
  cells.forEach((value, index) => {
    const column = COLUMN_BY_NAME.get(value.trim().toLowerCase());
    if (column && !positions.some(([known]) => known === column)) positions.push([column, index]);
  });
  const columns = positions.map(([column]) => column);
  const missing: string[] = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (!KEY_COLUMNS.some((column) => columns.includes(column))) missing.push(KEY_COLUMNS.join(' or '));
  return {
    columns,
    missing,
    width: cells.length,
    read: (row) => Object.fromEntries(positions.map(([column, index]) => [column, row[index] ?? ''])),
  };
}

function skippedRow(line: number, issue: z.core.$ZodIssue | undefined): SkippedRow {
  const code: unknown = issue?.code === 'custom' ? issue.params?.code : undefined;
  const field = issue?.path[0];
  return {
    line,
    code: CSV_SKIP_CODES.find((known) => known === code) ?? 'malformed_row',
    ...(typeof field === 'string' && COLUMN_BY_NAME.has(field.toLowerCase()) ? { field: field as ConnectionsCsvColumn } : {}),
  };
}

/** `['a', 'b', 'c']` → `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

/** A refusal of the whole file: the reason the panel words, and the same in English for a log. */
function refuse(reason: ErrorReason, message: string): ApiError {
  return new ApiError({ error: 'validation_error', message, reason, details: [{ field: 'file', message }] });
}
