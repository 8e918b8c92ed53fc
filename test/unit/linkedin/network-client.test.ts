import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessToken, createLinkedInClient } from '../../../lib/linkedin/client';
import { createLinkedInGate } from '../../../lib/linkedin/gate';
import { ApiError } from '../../../lib/model/errors';
import { INITIAL_GATE_STATE, type GateState } from '../../../lib/model/linkedin-gate';
import page1 from '../../fixtures/linkedin/connections/page-1.json';
import inProgress from '../../fixtures/linkedin/contacts-api/in-progress.json';

const CONNECTIONS = 'https://www.linkedin.com/voyager/api/relationships/dash/connections';
const TASKS = 'https://api.linkedin.com/v2/contactExporterTasks';
const NOW = Date.parse('2026-11-22T10:00:00Z');
const TOKEN = 'AQVtoken-0123456789';

const server = setupServer();
const seen: Request[] = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    seen.push(request.clone());
  });
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

/** A client over msw whose gate lets everything through and counts budgeted pages. */
function makeClient() {
  let state: GateState = INITIAL_GATE_STATE;
  const gate = createLinkedInGate({
    store: {
      read: async () => state,
      update: async (change) => {
        const { next, result } = change(state);
        state = next;
        return result;
      },
    },
    readLimits: async () => ({ pacingMinSeconds: 0, pacingMaxSeconds: 0, dailyPageBudget: 100 }),
    clock: () => NOW,
    random: () => 0,
    sleep: async () => undefined,
  });
  const client = createLinkedInClient({
    fetch: (input, init) => fetch(input, init),
    gate,
    readCookie: async (name) => ({ JSESSIONID: '"ajax:1234567890123456789"', li_at: 'AQEDARs0bWUAAAGT' })[name],
    clock: () => NOW,
  });
  return { client, pagesUsed: () => state.pagesUsed };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('readConnectionsPage', () => {
  it('asks for the normalized form in the session, as a page of the daily budget', async () => {
    server.use(http.get(CONNECTIONS, () => HttpResponse.json(page1)));
    const { client, pagesUsed } = makeClient();
    const page = await client.readConnectionsPage(40);
    expect(page.count).toBe(40);
    expect(pagesUsed()).toBe(1);
    const [request] = seen;
    expect(new URL(request!.url).searchParams.get('start')).toBe('40');
    expect(request!.headers.get('accept')).toBe('application/vnd.linkedin.normalized+json+2.1');
    expect(request!.headers.get('csrf-token')).toBe('ajax:1234567890123456789');
    expect(request!.headers.get('x-restli-protocol-version')).toBe('2.0.0');
    expect(request!.credentials).toBe('include');
  });

  it('maps LinkedIn’s refusals as for every session request', async () => {
    const { client } = makeClient();
    server.use(http.get(CONNECTIONS, () => new HttpResponse('Unauthorized', { status: 401 })));
    expect((await rejection(client.readConnectionsPage(0))).reason?.code).toBe('linkedin.sessionExpired');
    server.use(http.get(CONNECTIONS, () => new HttpResponse('not json', { status: 200 })));
    expect((await rejection(client.readConnectionsPage(0))).error).toBe('linkedin_format_changed');
  });
});

describe('the Contacts API', () => {
  it('starts a task with the bearer token and no session, and answers the id LinkedIn gave', async () => {
    server.use(http.post(TASKS, () => new HttpResponse(null, { status: 201, headers: { 'x-linkedin-id': 'AQ-task' } })));
    const { client, pagesUsed } = makeClient();
    expect(await client.startAddressBookExport(` ${TOKEN} `)).toBe('AQ-task');
    const [request] = seen;
    expect(request!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(request!.headers.get('csrf-token')).toBeNull();
    expect(request!.credentials).toBe('omit');
    expect(pagesUsed()).toBe(0);
  });

  it('refuses a 201 without the task id, and reads refusals of the token as such', async () => {
    const { client } = makeClient();
    server.use(http.post(TASKS, () => new HttpResponse(null, { status: 201 })));
    expect((await rejection(client.startAddressBookExport(TOKEN))).reason?.code).toBe('addressBook.noTaskId');
    for (const status of [401, 403]) {
      server.use(http.post(TASKS, () => HttpResponse.json({ status }, { status })));
      const refused = await rejection(client.startAddressBookExport(TOKEN));
      expect(refused).toMatchObject({ error: 'unauthorized', reason: { code: 'linkedin.tokenRefused', params: { status } } });
      expect(refused.message).not.toContain(TOKEN);
    }
    server.use(http.post(TASKS, () => new HttpResponse(null, { status: 302, headers: { location: 'https://www.linkedin.com/login' } })));
    expect((await rejection(client.startAddressBookExport(TOKEN))).reason?.code).toBe('linkedin.rejected');
  });

  it('reads a task, a 404 as a task that is gone, a bad body as a format change', async () => {
    const { client } = makeClient();
    server.use(http.get(`${TASKS}/:id`, () => HttpResponse.json(inProgress)));
    expect(await client.readAddressBookTask(TOKEN, 'a/b')).toEqual({ status: 'IN_PROGRESS' });
    expect(new URL(seen[0]!.url).pathname).toBe('/v2/contactExporterTasks/a%2Fb');
    server.use(http.get(`${TASKS}/:id`, () => HttpResponse.json({ status: 404 }, { status: 404 })));
    expect(await client.readAddressBookTask(TOKEN, 'gone')).toEqual({ status: 'GONE' });
    server.use(http.get(`${TASKS}/:id`, () => HttpResponse.json({ nothing: true })));
    expect((await rejection(client.readAddressBookTask(TOKEN, 'x'))).error).toBe('linkedin_format_changed');
  });

  it('sends nothing without a token, or with one no header can carry', async () => {
    const { client } = makeClient();
    expect((await rejection(client.startAddressBookExport('  '))).reason?.code).toBe('linkedin.tokenMissing');
    expect((await rejection(client.readAddressBookTask('tok en', 'x'))).reason?.code).toBe('linkedin.tokenInvalid');
    expect(() => checkAccessToken('é')).toThrow(ApiError);
    expect(checkAccessToken(' AQV ')).toBe('AQV');
    expect(seen).toEqual([]);
  });
});
