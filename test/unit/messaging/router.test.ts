import { describe, expect, it } from 'vitest';
import { createMessenger } from '../../../lib/messaging/client';
import { createRouter, type Handlers } from '../../../lib/messaging/router';
import { ApiError } from '../../../lib/model/errors';
import { CONNECTIONS_CSV_MAX_CHARS } from '../../../lib/model/list-sources';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => Promise.reject(new Error('not under test'));
  return {
    ping: async () => ({ version: '1.2.3', now: '2026-11-22T00:00:00.000Z' }),
    'lists.create': unused,
    'lists.rename': async ({ listId, name }) => ({
      id: listId,
      name,
      filters: {},
      contactCount: 0,
      createdAt: '2026-11-22T00:00:00.000Z',
      updatedAt: '2026-11-22T00:00:00.000Z',
    }),
    'lists.delete': async () => {
      throw ApiError.notFound('Contact list', 'nope');
    },
    'settings.save': unused,
    'jobs.cancel': unused,
    'jobs.dismiss': unused,
    'jobs.retry': unused,
    'jobs.savePartial': unused,
    'linkedin.resume': unused,
    'linkedin.clearCoolDown': unused,
    'storage.persistence': unused,
    'linkedin.readTab': unused,
    'capture.start': unused,
    'leadLists.list': unused,
    'capture.startLeadList': unused,
    'saber.testConnection': unused,
    'saber.pull': unused,
    'saber.push': unused,
    'lists.refresh': unused,
    'lists.setAutoRefresh': unused,
    'lists.markSeen': unused,
    'lists.checkLeavers': unused,
    'network.exportConnections': unused,
    'network.exportAddressBook': unused,
    'network.importConnectionsCsv': unused,
    ...overrides,
  };
}

describe('messaging', () => {
  const route = createRouter(handlers());
  const send = createMessenger(route);

  it('round-trips a typed request and response', async () => {
    expect(await send('ping', {})).toEqual({ version: '1.2.3', now: '2026-11-22T00:00:00.000Z' });
    expect(await send('lists.rename', { listId: 'a', name: '  Trimmed  ' })).toMatchObject({ name: 'Trimmed' });
  });

  it('rejects a bad payload with a 400 naming the field, before any handler runs', async () => {
    const error = await send('lists.rename', { listId: 'a', name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).toJSON()).toMatchObject({
      status: 400,
      error: 'validation_error',
      details: [{ field: 'payload.name', message: 'Name must not be empty' }],
    });
  });

  it('answers unknown or malformed messages with a typed error', async () => {
    expect(await route({ type: 'lists.explode', payload: {} })).toMatchObject({
      ok: false,
      error: { status: 400, details: [{ field: 'type' }] },
    });
    expect(await route('not an envelope')).toMatchObject({ ok: false, error: { status: 400 } });
    expect(await route({ type: 'toString', payload: {} })).toMatchObject({ ok: false, error: { status: 400 } });
  });

  it('carries handler errors across as the same typed error', async () => {
    const error = await send('lists.delete', { listId: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).toJSON()).toEqual({
      error: 'not_found',
      message: 'Contact list "nope" was not found',
      status: 404,
    });
  });

  it('turns an unexpected throw into internal_error without leaking a stack', async () => {
    const broken = createMessenger(createRouter(handlers({ ping: () => Promise.reject(new TypeError('x is undefined')) })));
    const error = (await broken('ping', {}).catch((e: unknown) => e)) as ApiError;
    expect(error.toJSON()).toEqual({ error: 'internal_error', message: 'x is undefined', status: 500 });
  });

  it('takes a Connections.csv up to its size limit, and an export of connections as a full one by default', async () => {
    const asked: unknown[] = [];
    const network = createMessenger(
      createRouter(
        handlers({
          'network.importConnectionsCsv': async (request) => {
            asked.push(request);
            return { jobId: 'import' };
          },
          'network.exportConnections': async (request) => {
            asked.push(request);
            return { jobId: 'export' };
          },
        }),
      ),
    );
    const text = 'x'.repeat(CONNECTIONS_CSV_MAX_CHARS);
    expect(await network('network.importConnectionsCsv', { fileName: ' Connections.csv ', text })).toEqual({ jobId: 'import' });
    expect(await network('network.exportConnections', {})).toEqual({ jobId: 'export' });
    expect(asked).toEqual([{ fileName: 'Connections.csv', text }, { onlyNew: false }]);

    const tooLarge = (await network('network.importConnectionsCsv', { fileName: 'Connections.csv', text: `${text}x` }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(tooLarge.toJSON()).toMatchObject({ status: 400, details: [{ field: 'payload.text' }] });
    expect(asked).toHaveLength(2);
  });

  it('a transport that answers nothing is a clear error', async () => {
    const silent = createMessenger(async () => undefined);
    await expect(silent('ping', {})).rejects.toMatchObject({ message: 'The background did not answer' });
  });
});
