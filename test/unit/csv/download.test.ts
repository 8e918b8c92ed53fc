// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { CSV_HEADERS } from '../../../lib/csv/columns';
import { CHANGES_CSV_HEADERS } from '../../../lib/csv/changes';
import {
  CSV_MIME_TYPE,
  REVOKE_DELAY_MS,
  downloadAllListsCsv,
  downloadChangesCsv,
  downloadListCsv,
  downloadVersionCsv,
} from '../../../lib/csv/download';
import { ProspectDb } from '../../../lib/db/database';
import { commitRefresh, refreshTables } from '../../../lib/db/list-history';
import { LocalContactLists } from '../../../lib/db/local-contact-lists';
import { parseCsvBytes } from './csv-testing';

const NOV_22 = new Date(2026, 10, 22, 12, 0, 0).getTime();

interface Saved {
  fileName: string;
  href: string;
  blob: Blob;
}

let db: ProspectDb;
let saved: Saved[];
let revoked: string[];
let createObjectUrl: MockInstance<typeof URL.createObjectURL>;
const blobsByUrl = new Map<string, Blob>();

beforeEach(() => {
  db = new ProspectDb(`download-${crypto.randomUUID()}`);
  saved = [];
  revoked = [];
  let urls = 0;
  createObjectUrl = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${++urls}`;
    blobsByUrl.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => {
    revoked.push(url);
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ fileName: this.download, href: this.href, blob: blobsByUrl.get(this.href) as Blob });
  });
});

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await db.delete();
});

async function rowsOf(blob: Blob): Promise<string[][]> {
  return parseCsvBytes(new Uint8Array(await blob.arrayBuffer()));
}

describe('downloading CSV from the panel', () => {
  it('saves one list as "<name>-<date>.csv" through an <a download> and revokes the URL afterwards', async () => {
    const store = new LocalContactLists(db);
    const list = await store.createList({
      name: 'Leads: Zürich',
      contacts: [{ baseContactId: 'urn:li:member:1', fullName: 'Zoë Ångström', phone: '+41 44 668 18 00' }],
    });
    vi.useFakeTimers({ toFake: ['setTimeout'] });

    await downloadListCsv(db, list.id, { clock: () => NOV_22 });

    expect(saved.map(({ fileName, href }) => ({ fileName, href }))).toEqual([
      { fileName: 'Leads_ Zürich-2026-11-22.csv', href: 'blob:test/1' },
    ]);
    const blob = (saved[0] as Saved).blob;
    expect(blob.type).toBe(CSV_MIME_TYPE);
    const [header, row] = await rowsOf(blob);
    expect(header).toEqual(CSV_HEADERS);
    expect(row?.[CSV_HEADERS.indexOf('fullName')]).toBe('Zoë Ångström');
    expect(row?.[CSV_HEADERS.indexOf('phone')]).toBe("'+41 44 668 18 00");

    expect(revoked).toEqual([]);
    vi.advanceTimersByTime(REVOKE_DELAY_MS);
    expect(revoked).toEqual(['blob:test/1']);
  });

  it('saves every list in one file with "Export all"', async () => {
    const store = new LocalContactLists(db);
    await store.createList({ name: 'One', contacts: [{ baseContactId: 'urn:li:member:1', fullName: 'A' }] });
    await store.createList({ name: 'Two', contacts: [{ baseContactId: 'urn:li:member:2', fullName: 'B' }] });

    await downloadAllListsCsv(db, { clock: () => NOV_22 });

    expect(saved.map((file) => file.fileName)).toEqual(['All lists-2026-11-22.csv']);
    const [, ...rows] = await rowsOf((saved[0] as Saved).blob);
    const fullName = CSV_HEADERS.indexOf('fullName');
    expect(rows.map((row) => [row[0], row[fullName]])).toEqual([
      ['Two', 'B'],
      ['One', 'A'],
    ]);
  });

  it('saves nothing for an unknown list and says which one', async () => {
    await expect(downloadListCsv(db, 'missing')).rejects.toMatchObject({ status: 404, message: expect.stringContaining('missing') });
    expect(saved).toEqual([]);
    expect(createObjectUrl).not.toHaveBeenCalled();
  });

  it('saves a refresh’s changes and an older version, each named after its day, and nothing for a list never refreshed', async () => {
    const store = new LocalContactLists(db, { clock: () => NOV_22 });
    const ada = { baseContactId: 'urn:li:member:1', fullName: 'Ada', role: 'VP Sales' };
    const grace = { baseContactId: 'urn:li:member:2', fullName: 'Grace', role: 'CRO' };
    const list = await store.createList({ name: 'Refreshed', contacts: [ada] });
    await expect(downloadChangesCsv(db, list.id)).rejects.toMatchObject({ status: 404 });
    let ids = 0;
    const nov23 = NOV_22 + 24 * 60 * 60_000;
    await db.transaction('rw', refreshTables(db), () =>
      commitRefresh(db, { listId: list.id, contacts: [grace], now: nov23, newId: () => `new-${++ids}`, keep: 20 }),
    );

    await downloadChangesCsv(db, list.id);
    await downloadVersionCsv(db, list.id, 1);
    expect(saved.map((file) => file.fileName)).toEqual(['Refreshed changes-2026-11-23.csv', 'Refreshed version 1-2026-11-22.csv']);
    const [changesHeader, ...changes] = await rowsOf((saved[0] as Saved).blob);
    expect(changesHeader).toEqual(CHANGES_CSV_HEADERS);
    expect(changes.map((row) => [row[0], row[CHANGES_CSV_HEADERS.indexOf('fullName')]])).toEqual([
      ['joined', 'Grace'],
      ['left', 'Ada'],
    ]);
    const [versionHeader, ...version] = await rowsOf((saved[1] as Saved).blob);
    expect(versionHeader).toEqual(CSV_HEADERS);
    expect(version.map((row) => row[CSV_HEADERS.indexOf('fullName')])).toEqual(['Ada']);
    await expect(downloadVersionCsv(db, list.id, 3)).rejects.toMatchObject({ status: 404 });
    expect(saved).toHaveLength(2);
  });
});
