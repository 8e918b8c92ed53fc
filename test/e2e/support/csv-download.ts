import { readFile } from 'node:fs/promises';
import { expect, type Download, type Page } from '@playwright/test';
import Papa from 'papaparse';

/** The days the browser may have seen at a click (today, or yesterday when the test straddled midnight), as `yyyy-mm-dd`. */
export function localDates(): string[] {
  return [Date.now(), Date.now() - 60_000].map((now) => {
    const date = new Date(now);
    return [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
  });
}

/** Clicks, catches the download the click starts, and returns it with the saved file's bytes. */
export async function saveBy(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  expect(await download.failure()).toBeNull();
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

/** Checks the BOM and strict RFC 4180 framing (every field quoted, CRLF after every record), then parses. */
export function parseCsvFile(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
  const field = '"(?:[^"]|"")*"';
  expect(text).toMatch(new RegExp(`^(?:${field}(?:,${field})*\\r\\n)+$`));
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  return parsed.data.slice(0, -1);
}

/** Rows as records by the given header. */
export function byHeader(header: readonly string[], rows: string[][]): Record<string, string>[] {
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}
