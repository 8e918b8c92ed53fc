import { describe, expect, it } from 'vitest';
import type { ListRecord, OutboxRecord } from '../../../lib/db/records';
import type { RemoteList } from '../../../lib/saber/api';
import { mergeName } from '../../../lib/saber/pull';

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
    const merged = mergeName({ ...local('Mine', 'Old'), sync: { ...local('Mine', 'Old').sync!, nameHistory: ['Older'] } }, remote('Theirs'), [rename('Mine')]);
    expect(merged).toEqual({ name: 'Theirs', nameHistory: ['Older', 'Mine'], dropRenames: true });
  });
});
