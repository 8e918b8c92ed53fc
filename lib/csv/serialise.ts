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
 * papaparse does the quoting (a field holding a comma, quote, CR or LF, or with a leading or
 * trailing space, is quoted, quotes doubled): it is well kept, and measuring gave no reason
 * to replace it. On 100,000 contacts (Node 20, medians), `toCsvRow` plus papaparse per 2,000
 * rows took 0.65–0.8 s, against 1.05 s for one `Papa.unparse` of the same rows already built
 * (one huge string costs more than fifty small ones); a hand-written quoter saved about
 * 0.15 s of serialisation, a small share of an export that mostly waits on IndexedDB
 * (test/bench/csv.perf.ts measures both in Chromium). Formula neutralisation happens before,
 * in `toCsvRow` (see `neutraliseFormula` for why not here).
 */
export function serialiseRecords(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  return Papa.unparse(rows as string[][], { delimiter: ',', newline: CSV_NEWLINE, quotes: false }) + CSV_NEWLINE;
}

/** The start of every export: the BOM and the header row. */
export function serialiseHeader(): string {
  return CSV_BOM + serialiseRecords([CSV_HEADERS]);
}
