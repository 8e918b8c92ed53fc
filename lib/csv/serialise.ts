import Papa from 'papaparse';
import { CSV_HEADERS } from './columns';

/** UTF-8 byte order mark: without it Excel reads the file as the system code page and garbles accents. */
export const CSV_BOM = '\uFEFF';

/** RFC 4180 record separator. */
export const CSV_NEWLINE = '\r\n';

/**
 * RFC 4180 records, each ended by CRLF so that chunks written one after another concatenate
 * into one valid file.
 *
 * Every field is quoted, quotes doubled (OWASP's "wrap each cell in double quotes"): Excel
 * in a locale whose list separator is `;` (German, French…) splits a double-clicked CSV on
 * `;`, and an unquoted `Sales;=1+1` would start a live formula cell in the middle of a
 * field. With every field quoted, each `;`, tab or line break of a value sits inside quotes,
 * so no reader that honours quotes can start a cell there, whatever separator it guesses.
 *
 * papaparse does the quoting: it is well kept, and measuring gave no reason
 * to replace it. test/bench/csv.perf.ts measures it in Chromium on 100,000 contacts: 3a holds
 * `toCsvRow` plus `serialiseRecords` per 2,000 rows to a limit, 3b compares `serialiseRecords`
 * per 2,000 rows with one `Papa.unparse` of the same rows (fifty small strings cost less than
 * one huge one; in Node 20 about half the time). A hand-written quoter, tried in Node 20,
 * was no faster than papaparse per chunk; and most of an export is building rows and waiting
 * on IndexedDB, not quoting. Formula neutralisation happens before, in `toCsvRow` (see
 * `neutraliseFormula` for why not here).
 */
export function serialiseRecords(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  return Papa.unparse(rows as string[][], { delimiter: ',', newline: CSV_NEWLINE, quotes: true }) + CSV_NEWLINE;
}

/** The start of every export: the BOM and the header row (the list export's unless told). */
export function serialiseHeader(headers: readonly string[] = CSV_HEADERS): string {
  return CSV_BOM + serialiseRecords([headers]);
}
