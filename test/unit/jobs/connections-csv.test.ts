import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeSkippedRows } from '../../../components/job-text';
import { localDay } from '../../../lib/model/dates';
import { closeNetworkDbs, createNetworkHarness } from './network-harness';

afterEach(closeNetworkDbs);

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../fixtures/linkedin/connections-csv', name), 'utf8');

async function importFile(fileName: string, text = fixture(fileName)) {
  const h = createNetworkHarness();
  const { jobId } = await h.network.importConnectionsCsv({ fileName, text });
  return { h, job: await h.settle(jobId), ...(await h.stored()) };
}

describe('Import Connections.csv', () => {
  it('reads the real preamble and a BOM with CRLF lines into one list of 1st-degree connections, the text gone afterwards', async () => {
    const { h, job, lists, items, staged } = await importFile('current-bom-crlf.csv');
    expect(job).toMatchObject({ status: 'done', outcome: { code: 'connectionsCsv.done' } });
    expect(lists).toEqual([
      expect.objectContaining({
        name: `current-bom-crlf.csv, ${localDay(h.clock())}`,
        source: { kind: 'connectionsCsv', fileName: 'current-bom-crlf.csv' },
        contactCount: items.length,
      }),
    ]);
    expect(items[0]).toMatchObject({
      baseContactId: 'https://www.linkedin.com/in/ada-lovelace-1815',
      fullName: 'Ada Lovelace',
      companyName: 'Analytical Engines Ltd',
      role: 'Head of Mathematics',
      publicProfileUrl: 'https://www.linkedin.com/in/ada-lovelace-1815',
      connectedOn: '2024-03-15',
      degree: 1,
    });
    expect(staged).toBe(0);
    expect(lists[0]?.report).toMatchObject({ kept: items.length, fetched: lists[0]?.matchedCount });
  });

  it('reads the same rows from LF and CRLF files alike, quoted commas and an older export without URLs', async () => {
    const lf = fixture('current-lf.csv');
    const crlf = (await importFile('lf.csv', lf.replace(/\n/g, '\r\n'))).items;
    expect((await importFile('lf.csv', lf)).items.map((item) => item.baseContactId)).toEqual(crlf.map((item) => item.baseContactId));

    const quoted = await importFile('quoted-fields.csv');
    expect(quoted.items[0]).toMatchObject({ lastName: "O'Brien, Jr.", companyName: 'Acme "Rockets", Inc.', role: 'VP Sales, EMEA' });

    const older = await importFile('older-no-url.csv');
    expect(older.job.status).toBe('done');
    expect(older.items.map((item) => item.baseContactId)).toEqual(['mailto:linus@example.com', 'mailto:margaret.hamilton@example.com']);
    expect(older.job.report?.skippedRows).toEqual([{ line: 4, code: 'missing_key' }]);
  });

  it('skips bad rows, lists them by line in the run report, and keeps the good ones', async () => {
    const { job, items } = await importFile('bad-rows.csv');
    expect(job.status).toBe('done');
    expect(items.map((item) => item.fullName)).toEqual(['Ada Lovelace', 'Sofia Rossi']);
    expect(job.outcome).toEqual({ code: 'connectionsCsv.done', params: { contacts: 2, skipped: 8 } });
    expect(job.report).toMatchObject({
      matched: 10,
      kept: 2,
      dropped: { duplicates: 1, unnamed: 1, invalid: 6 },
      skippedRows: [
        { line: 6, code: 'missing_name', field: 'First Name' },
        { line: 7, code: 'missing_key' },
        { line: 8, code: 'invalid_profile_url', field: 'URL' },
        { line: 9, code: 'invalid_email', field: 'Email Address' },
        { line: 10, code: 'invalid_date', field: 'Connected On' },
        { line: 11, code: 'duplicate' },
        { line: 12, code: 'malformed_row' },
        { line: 13, code: 'invalid_date', field: 'Connected On' },
      ],
    });
    expect(describeSkippedRows(job.report?.skippedRows ?? [], 8)).toBe(
      'Skipped line 6 (no name), line 7 (no profile URL or email address), line 8 (not a LinkedIn profile URL), line 9 (not an email address), line 10 (not a date such as 15 Mar 2024) and 3 more.',
    );
  });

  it('refuses a file that is not an export, naming the missing columns, and writes nothing', async () => {
    for (const [file, missing] of [
      ['wrong-shares.csv', 'First Name, Last Name and URL or Email Address'],
      ['wrong-no-key-columns.csv', 'URL or Email Address'],
    ] as const) {
      const { job, lists, items, staged } = await importFile(file);
      expect(job).toMatchObject({
        status: 'failed',
        error: { error: 'validation_error', reason: { code: 'connectionsCsv.notAnExport', params: { missing } } },
      });
      // The reason is stored, not the parser's sentence.
      expect(job.error?.details).toEqual([{ field: 'file' }]);
      expect(job.text).toContain(`it has no ${missing} column`);
      expect({ lists, items, staged }).toEqual({ lists: [], items: [], staged: 0 });
      expect(await (await importFile(file)).h.db.baseContacts.count()).toBe(0);
    }
  });

  it('refuses an empty or binary file with its own reason', async () => {
    expect((await importFile('empty.csv', '\uFEFF\r\n')).job.error?.reason?.code).toBe('connectionsCsv.empty');
    expect((await importFile('archive.zip', 'PK\u0003\u0004\u0000\u0000')).job.error?.reason?.code).toBe('connectionsCsv.notText');
  });
});
