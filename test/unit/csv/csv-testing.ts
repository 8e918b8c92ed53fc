import fc from 'fast-check';
import Papa from 'papaparse';
import { expect } from 'vitest';

/**
 * Test helpers for CSV: the nastiest text a contact can carry, an independent statement of
 * the neutralised form, and a strict reader.
 */

/** One unit of hostile text: formula triggers, CSV syntax, BOM, and astral and non-Latin text. */
const hostileUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\r\n', '"', ',', "'", ' ', ';', '\uFEFF') },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('é', 'ß', '李', 'Ж', 'م', 'ñ', '😀', '👩🏽‍💻', '𝔘', '🇯🇵', '\u{20000}') },
);

/** Any string, biased towards what breaks CSV writers and spreadsheets. */
export const hostileString = fc.string({ unit: hostileUnit, maxLength: 12 });

/**
 * The neutralised form, stated independently of the code under test: an apostrophe before a
 * formula trigger (OWASP CSV injection) or before an apostrophe.
 */
export function expectedCell(value: string | undefined): string {
  if (value === undefined) return '';
  return /^[=+\-@\t\r']/.test(value) ? `'${value}` : value;
}

const FIELD = '"(?:[^"]|"")*"';
/** RFC 4180: records of comma-separated fields, every one quoted with quotes doubled inside, each record ended by CRLF. */
const RFC4180_FILE = new RegExp(`^(?:${FIELD}(?:,${FIELD})*\\r\\n)*$`);

/**
 * Parses CSV text (without BOM) after checking it is strict RFC 4180, every field quoted,
 * with CRLF after every record; returns the records.
 */
export function parseCsv(text: string): string[][] {
  expect(RFC4180_FILE.test(text), 'strict RFC 4180, every field quoted, CRLF records').toBe(true);
  const result = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', quoteChar: '"' });
  expect(result.errors).toEqual([]);
  // The CRLF after the last record leaves one empty line behind.
  expect(result.data.at(-1)).toEqual(['']);
  return result.data.slice(0, -1);
}

/** Decodes a file's bytes, checking the UTF-8 BOM is there, and parses it. */
export function parseCsvBytes(bytes: Uint8Array): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)));
}

/**
 * The characters among `separators` that a reader honouring quotes would split on: those
 * outside quotes. A doubled quote inside a field flips the state twice, so counting works.
 */
export function separatorsOutsideQuotes(text: string, separators: string): string[] {
  let quoted = false;
  const found: string[] = [];
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && separators.includes(char)) found.push(char);
  }
  return found;
}
