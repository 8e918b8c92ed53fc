import { describe, expect, it } from 'vitest';
import { createMessenger } from '../../../lib/messaging/client';
import { createRouter, isOwnPage, type Handlers, type MessageSender } from '../../../lib/messaging/router';
import { ApiError } from '../../../lib/model/errors';
import { CONNECTIONS_CSV_MAX_CHARS } from '../../../lib/model/list-sources';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => Promise.reject(new Error('not under test'));
  return {
    ping: async () => ({ version: '1.2.3', now: '2026-11-22T00:00:00.000Z' }),
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
    'saber.retry': unused,
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

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const SELF = { id: ID, pagesUrl: `chrome-extension://${ID}/` };
/** The side panel, as Chrome describes it to the background's listener. */
const PANEL: MessageSender = { id: ID, url: `chrome-extension://${ID}/sidepanel.html#/lists` };

describe('messaging', () => {
  const route = createRouter(handlers(), SELF);
  const send = createMessenger((message) => route(message, PANEL));

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
    expect(await route({ type: 'lists.explode', payload: {} }, PANEL)).toMatchObject({
      ok: false,
      error: { status: 400, details: [{ field: 'type' }] },
    });
    expect(await route('not an envelope', PANEL)).toMatchObject({ ok: false, error: { status: 400 } });
    expect(await route({ type: 'toString', payload: {} }, PANEL)).toMatchObject({ ok: false, error: { status: 400 } });
    expect(await route({ type: 'lists.create', payload: { name: 'Seeded', contacts: [] } }, PANEL)).toMatchObject({
      ok: false,
      error: { status: 400, details: [{ field: 'type', message: 'Unknown message type' }] },
    });
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
    const router = createRouter(handlers({ ping: () => Promise.reject(new TypeError('x is undefined')) }), SELF);
    const broken = createMessenger((message) => router(message, PANEL));
    const error = (await broken('ping', {}).catch((e: unknown) => e)) as ApiError;
    expect(error.toJSON()).toEqual({ error: 'internal_error', message: 'x is undefined', status: 500 });
  });

  it('takes a Connections.csv up to its size limit, and an export of connections as a full one by default', async () => {
    const asked: unknown[] = [];
    const networkRouter = createRouter(
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
      SELF,
    );
    const network = createMessenger((message) => networkRouter(message, PANEL));
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

describe('who may send messages', () => {
  const foreign: [string, MessageSender][] = [
    ['a content script of this extension (its id, a web page URL)', { id: ID, url: 'https://www.linkedin.com/sales/search/people' }],
    ['a content script in a page that pretends to be ours', { id: ID, url: `https://evil.example/chrome-extension://${ID}/` }],
    ['another extension', { id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk', url: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk/page.html' }],
    ['another extension that names our page', { id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk', url: `chrome-extension://${ID}/sidepanel.html` }],
    ['an extension whose id starts like ours', { id: `${ID}x`, url: `chrome-extension://${ID}x/sidepanel.html` }],
    ['a sender with no URL', { id: ID }],
    ['a sender with no id', { url: `chrome-extension://${ID}/sidepanel.html` }],
  ];

  it.each(foreign)('refuses %s with a clear error, and no handler runs', async (_who, sender) => {
    const calls: string[] = [];
    const route = createRouter(
      handlers({
        'lists.rename': async ({ listId }) => {
          calls.push(listId);
          throw new Error('must not run');
        },
      }),
      SELF,
    );
    expect(isOwnPage(sender, SELF)).toBe(false);
    expect(await route({ type: 'lists.rename', payload: { listId: 'a', name: 'Renamed' } }, sender)).toEqual({
      ok: false,
      error: { error: 'forbidden', status: 403, message: "Only Listwright's own pages may send it messages" },
    });
    expect(calls).toEqual([]);
  });

  it("accepts the extension's own pages, whatever the page", () => {
    for (const page of ['sidepanel.html', 'sidepanel.html#/settings', 'options.html?x=1']) {
      expect(isOwnPage({ id: ID, url: `chrome-extension://${ID}/${page}` }, SELF)).toBe(true);
    }
  });
});
