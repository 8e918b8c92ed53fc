import { describe, expect, it } from 'vitest';
import type { ListRecord, OutboxRecord } from '../../../lib/db/records';
import type { RemoteList } from '../../../lib/saber/api';
import { mergeName, olderThanRecorded } from '../../../lib/sync/pull';

const remote = (name: string, updatedAt = '2026-11-22T10:00:00.000Z'): RemoteList => ({
  id: 'cl_1',
  name,
  filters: {},
  contactCount: 1,
  createdAt: '2026-11-22T09:00:00.000Z',
  updatedAt,
});

const local = (name: string, remoteName: string): ListRecord => ({
  ...remote(name),
  id: 'local-1',
  sync: { state: 'pending', remoteId: 'cl_1', remoteName, remoteUpdatedAt: '2026-11-22T09:00:00.000Z' },
});

const rename = (name: string): OutboxRecord => ({
  seq: 1,
  listId: 'local-1',
  op: 'rename',
  payload: { name, remoteId: 'cl_1' },
  createdAt: '2026-11-22T09:30:00.000Z',
  attempts: 0,
});

describe('mergeName (a pull that meets a queued rename)', () => {
  it("takes Saber's name when nothing local waits", () => {
    expect(mergeName(local('Old', 'Old'), remote('New on Saber'), [])).toEqual({
      name: 'New on Saber',
      nameHistory: undefined,
      dropRenames: false,
    });
  });

  it('keeps the local name while its rename is on the way and Saber did not rename', () => {
    expect(mergeName(local('Mine', 'Old'), remote('Old'), [rename('Mine')])).toMatchObject({ name: 'Mine', dropRenames: false });
  });

  it('keeps the local name when Saber already has our rename', () => {
    expect(mergeName(local('Mine again', 'Old'), remote('Mine'), [rename('Mine'), rename('Mine again')])).toMatchObject({
      name: 'Mine again',
      dropRenames: false,
    });
  });

  it("renamed on both sides: Saber's name, the local one in the history, the queued rename dropped", () => {
    const merged = mergeName(
      { ...local('Mine', 'Old'), sync: { ...local('Mine', 'Old').sync!, nameHistory: ['Older'] } },
      remote('Theirs'),
      [rename('Mine')],
    );
    expect(merged).toEqual({ name: 'Theirs', nameHistory: ['Older', 'Mine'], dropRenames: true });
  });
});

describe('olderThanRecorded (a listing read before the outbox recorded a newer answer)', () => {
  const recorded = (remoteName: string, remoteUpdatedAt: string): ListRecord => ({
    ...local(remoteName, remoteName),
    sync: { state: 'synced', remoteId: 'cl_1', remoteName, remoteUpdatedAt },
  });

  it('an earlier time is older; a later one is not', () => {
    const list = recorded('Renamed', '2026-11-22T10:00:00.000Z');
    expect(olderThanRecorded(list, remote('Original', '2026-11-22T09:59:59.999Z'))).toBe(true);
    expect(olderThanRecorded(list, remote('Theirs', '2026-11-22T10:00:00.001Z'))).toBe(false);
  });

  it('the same time with the same name is the same version; with another name, the recorded one stands', () => {
    const list = recorded('Renamed', '2026-11-22T10:00:00.000Z');
    expect(olderThanRecorded(list, remote('Renamed', '2026-11-22T10:00:00.000Z'))).toBe(false);
    expect(olderThanRecorded(list, remote('Original', '2026-11-22T10:00:00.000Z'))).toBe(true);
    // Times are compared as instants, not as text.
    expect(olderThanRecorded(list, remote('Original', '2026-11-22T11:00:00+01:00'))).toBe(true);
  });

  it('nothing recorded, or a time that does not parse, never holds Saber back', () => {
    expect(olderThanRecorded({ ...local('Mine', 'Mine'), sync: { state: 'synced', remoteId: 'cl_1' } }, remote('Theirs'))).toBe(false);
    expect(olderThanRecorded(recorded('Mine', 'yesterday'), remote('Theirs'))).toBe(false);
  });
});
