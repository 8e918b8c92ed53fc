import Papa from 'papaparse';
import { CSV_HEADERS, toCsvRow } from '../../../lib/csv/columns';
import { CSV_CHUNK_ROWS, generateCsvParts } from '../../../lib/csv/export';
import { CSV_NEWLINE, serialiseHeader, serialiseRecords } from '../../../lib/csv/serialise';
import type { ProspectDb } from '../../../lib/db/database';
import type { ItemRecord, ListRecord } from '../../../lib/db/records';
import { makeContacts } from './contacts';

/**
 * How CSV text is made from contacts already in memory:
 * - `pipeline`: the export's in-memory work, `serialiseHeader()` then `toCsvRow` +
 *   `serialiseRecords` per `CSV_CHUNK_ROWS` rows, chained as `generateCsvParts` chains them;
 * - `serialise`: the serialisation function alone, `serialiseRecords` over rows already built,
 *   per `CSV_CHUNK_ROWS` rows after the header;
 * - `papaparse-rows`: papaparse doing the same job: one `Papa.unparse` of the same header and
 *   rows, every field quoted;
 * - `papaparse-items`: one `Papa.unparse` of the stored contacts as they are (fewer, unformatted
 *   columns: less text than ours), the obvious exporter written straight on papaparse.
 */
export type CsvImpl = 'pipeline' | 'serialise' | 'papaparse-rows' | 'papaparse-items';

/** Contacts as stored, the list they belong to and their CSV rows, for the in-memory serialisations. */
export interface CsvInput {
  list: ListRecord;
  items: ItemRecord[];
  rows: string[][];
}

/** `count` stored-looking contacts of one list. */
export function makeCsvInput(count: number): CsvInput {
  const now = new Date().toISOString();
  const list: ListRecord = {
    id: crypto.randomUUID(),
    name: 'CSV bench',
    filters: {},
    contactCount: count,
    createdAt: now,
    updatedAt: now,
    source: { kind: 'manual' },
    sync: { state: 'local' },
  };
  const items = makeContacts(count, 'csv').map((contact, position): ItemRecord => ({
    ...contact,
    id: crypto.randomUUID(),
    listId: list.id,
    position,
    createdAt: now,
  }));
  return { list, items, rows: items.map((item) => toCsvRow(item, list)) };
}

/** The CSV text's length in characters (returned so the work cannot be skipped). */
export function serialiseCsv(impl: CsvImpl, { list, items, rows }: CsvInput): number {
  switch (impl) {
    case 'pipeline':
      return inChunks(items.length, (start, end) => serialiseRecords(items.slice(start, end).map((item) => toCsvRow(item, list))));
    case 'serialise':
      return inChunks(rows.length, (start, end) => serialiseRecords(rows.slice(start, end)));
    case 'papaparse-rows':
      return Papa.unparse({ fields: [...CSV_HEADERS], data: rows }, { newline: CSV_NEWLINE, quotes: true }).length;
    case 'papaparse-items':
      return Papa.unparse(items, { newline: CSV_NEWLINE }).length;
  }
}

// Parts are counted, not joined: the export hands each part to a Blob, and joining 80 M
// characters into one string would add a copy papaparse's single call never makes.
function inChunks(count: number, part: (start: number, end: number) => string): number {
  let length = serialiseHeader().length;
  for (let start = 0; start < count; start += CSV_CHUNK_ROWS) length += part(start, start + CSV_CHUNK_ROWS).length;
  return length;
}

/**
 * The whole export of `lists` from IndexedDB into one Blob, as the panel's download builds it;
 * `yields: false` replaces the exporter's 0 ms timeouts between parts with nothing, to show
 * what they cost. Returns the Blob's size in bytes.
 */
export async function exportCsv(db: ProspectDb, lists: readonly ListRecord[], yields: boolean): Promise<number> {
  const blobs: Blob[] = [];
  const options = yields ? {} : { yieldToEventLoop: () => Promise.resolve() };
  for await (const part of generateCsvParts(db, lists, options)) blobs.push(new Blob([part]));
  return new Blob(blobs).size;
}
