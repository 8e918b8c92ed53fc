import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SABER_CLIENT_RETRY } from '../../../lib/model/retry';
import { ApiError } from '../../../lib/model/errors';
import { SaberClient } from '../../../lib/saber/client';
import { describeError } from '../../../components/outcome-text';
import { FakeSaber, type ErrorShape } from '../../fake-saber/fake-saber';
import { startFakeSaberServer, type RunningFakeSaber } from '../../fake-saber/server';

/**
 * The client against the fake over real HTTP: every endpoint of the spec, and every error
 * status the spec documents for it, in each of Saber's three error shapes.
 */

let fake: FakeSaber;
let running: RunningFakeSaber;
let sleeps: number[];
/** One clock for the fake and the client; the client's sleeps move it, so nothing really waits. */
let now: number;

beforeAll(async () => {
  running = await startFakeSaberServer({ handle: (request) => fake.handle(request) });
});
afterAll(async () => {
  await running.close();
});
beforeEach(() => {
  now = Date.parse('2026-11-22T09:00:00.000Z');
  fake = new FakeSaber({ clock: () => now });
  sleeps = [];
});

function client(apiKey = fake.apiKey): SaberClient {
  return new SaberClient({
    baseUrl: running.url,
    apiKey,
    clock: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
  });
}

const stripe = { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] };

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ApiError);
  return outcome as ApiError;
}

type Operation = { name: string; path: RegExp; method: string; run: (c: SaberClient, listId: string) => Promise<unknown> };
const operations: Operation[] = [
  { name: 'GET /v1/contacts/lists', method: 'GET', path: /^\/v1\/contacts\/lists$/, run: (c) => c.listLists() },
  {
    name: 'POST /v1/contacts/lists',
    method: 'POST',
    path: /^\/v1\/contacts\/lists$/,
    run: (c) => c.createList({ name: 'New', filters: stripe }),
  },
  { name: 'GET /v1/contacts/lists/{id}', method: 'GET', path: /^\/v1\/contacts\/lists\/[^/]+$/, run: (c, id) => c.getList(id) },
  {
    name: 'PUT /v1/contacts/lists/{id}',
    method: 'PUT',
    path: /^\/v1\/contacts\/lists\/[^/]+$/,
    run: (c, id) => c.renameList(id, { name: 'Renamed' }),
  },
  { name: 'DELETE /v1/contacts/lists/{id}', method: 'DELETE', path: /^\/v1\/contacts\/lists\/[^/]+$/, run: (c, id) => c.deleteList(id) },
  { name: 'GET /v1/contacts/lists/{id}/contacts', method: 'GET', path: /\/contacts$/, run: (c, id) => c.listContacts(id) },
  { name: 'GET /v1/connectors', method: 'GET', path: /^\/v1\/connectors$/, run: (c) => c.getSalesNavigatorStatus() },
];
const withListId = operations.filter((op) => op.name.includes('{id}'));

describe('every endpoint answers as the spec says', () => {
  it('GET /v1/contacts/lists pages newest first with total and hasMore', async () => {
    const seeded = ['one', 'two', 'three'].map((name) => fake.seedList({ name, contactCount: 1 }));
    const first = await client().listLists({ limit: 2 });
    expect(first).toMatchObject({ total: 3, limit: 2, offset: 0, hasMore: true });
    expect(first.items.map((l) => l.name)).toEqual(['three', 'two']);
    const rest = await client().listLists({ limit: 2, offset: 2 });
    expect(rest).toMatchObject({ total: 3, offset: 2, hasMore: false, items: [seeded[0]] });
    expect(fake.requests[0]?.query).toEqual({ limit: '2', offset: '0' });
  });

  it('POST /v1/contacts/lists runs the search stand-in and answers 201 with the list', async () => {
    const list = await client().createList({ name: '  Revenue at Stripe ', filters: stripe });
    expect(list).toMatchObject({ name: 'Revenue at Stripe', filters: stripe });
    expect(list.contactCount).toBeGreaterThanOrEqual(5);
    expect(list.contactCount).toBeLessThanOrEqual(125);
    expect(fake.requests[0]?.headers['idempotency-key']).toEqual(expect.any(String));
    expect(fake.requests[0]?.headers['content-type']).toMatch(/application\/json/);
  });

  it('GET, PUT and DELETE /v1/contacts/lists/{id}', async () => {
    const seeded = fake.seedList({ name: 'Before', contactCount: 1 });
    expect(await client().getList(seeded.id)).toEqual(seeded);
    const renamed = await client().renameList(seeded.id, { name: 'After' });
    expect(renamed).toMatchObject({ id: seeded.id, name: 'After' });
    expect(Date.parse(renamed.updatedAt)).toBeGreaterThan(Date.parse(seeded.updatedAt));
    await expect(client().deleteList(seeded.id)).resolves.toBeUndefined();
    expect(fake.allLists()).toEqual([]);
  });

  it('GET /v1/contacts/lists/{id}/contacts pages the stored snapshot in order', async () => {
    const seeded = fake.seedList({ name: 'Big', contactCount: 130 });
    const first = await client().listContacts(seeded.id, { limit: 100 });
    expect(first).toMatchObject({ total: 130, limit: 100, offset: 0, hasMore: true });
    const second = await client().listContacts(seeded.id, { limit: 100, offset: 100 });
    expect(second).toMatchObject({ total: 130, offset: 100, hasMore: false });
    expect([...first.items, ...second.items]).toEqual(fake.contactsOf(seeded.id));
    expect((await client().listContacts(seeded.id)).limit).toBe(25);
  });

  it.each(['connected', 'disconnected', 'needs-authentication', 'ready-to-connect', 'error'])(
    'GET /v1/connectors reports %s',
    async (status) => {
      fake.connector = status;
      expect(await client().getSalesNavigatorStatus()).toBe(status);
    },
  );

  it('an unknown connector status is "unknown", not a failure', async () => {
    fake.connector = 'paused-by-admin';
    expect(await client().getSalesNavigatorStatus()).toBe('unknown');
  });
});

describe.each<ErrorShape>(['spec', 'nested', 'statusCode'])('errors in the %s shape', (shape) => {
  beforeEach(() => {
    fake.errorShape = shape;
  });

  it.each(operations)('$name: 401 reads "Saber rejected the API key"', async (op) => {
    const error = await rejection(op.run(client('sk_live_wrong_key_000'), 'cl_000001'));
    expect(error).toMatchObject({ error: 'unauthorized', status: 401, reason: { code: 'saber.keyRejected' } });
    expect(describeError(error, Date.now())).toBe('Saber rejected the API key.');
    expect(error.details).toEqual([{ field: 'saberApiKey', message: expect.stringContaining('Invalid API key') }]);
    expect(JSON.stringify(error)).not.toContain('sk_live_wrong_key_000');
  });

  it.each(operations)('$name: 500 is an upstream error, not retried', async (op) => {
    const seeded = fake.seedList({ name: 'Here', contactCount: 1 });
    fake.inject({ method: op.method, path: op.path, status: 500 });
    const error = await rejection(op.run(client(), seeded.id));
    expect(error).toMatchObject({ error: 'upstream_error', status: 500 });
    expect(describeError(error, Date.now())).toMatch(/^Saber had a problem \(HTTP 500\)/);
    expect(fake.requestsTo(op.method, op.path)).toHaveLength(1);
  });

  it.each(withListId)('$name: 404 names the list', async (op) => {
    const error = await rejection(op.run(client(), 'cl_missing'));
    expect(error).toMatchObject({ error: 'not_found', status: 404 });
    expect(describeError(error, Date.now())).toContain('cl_missing');
  });

  it('POST 400: an invalid company URL, named by field', async () => {
    const error = await rejection(
      client().createList({ name: 'Bad URL', filters: { companyLinkedInUrls: ['https://example.com/company/x'], jobTitles: ['CTO'] } }),
    );
    expect(error).toMatchObject({ error: 'validation_error', status: 400 });
    expect(JSON.stringify([error.details, error.reason])).toContain('filters.companyLinkedInUrls[0]');
  });

  it("POST 400: Saber's connector error when Sales Navigator is not connected", async () => {
    fake.connector = 'disconnected';
    const error = await rejection(client().createList({ name: 'No connector', filters: stripe }));
    expect(error).toMatchObject({ error: 'connector_error', status: 400 });
    expect(describeError(error, Date.now())).toMatch(/connect Sales Navigator in Saber/);
    expect(fake.allLists()).toEqual([]);
  });

  it('PUT 400: an invalid name, named by field', async () => {
    const seeded = fake.seedList({ name: 'Here', contactCount: 1 });
    fake.inject({
      method: 'PUT',
      status: 400,
      body:
        shape === 'spec'
          ? { error: 'validation_error', message: 'name is too long', details: [{ field: 'name', message: 'Too long' }] }
          : shape === 'nested'
            ? {
                error: {
                  type: 'invalid_request',
                  code: 'validation_error',
                  message: 'name is too long',
                  fields: [{ field: 'name', message: 'Too long' }],
                },
              }
            : { statusCode: 400, message: ['name is too long'], error: 'Bad Request' },
    });
    const error = await rejection(client().renameList(seeded.id, { name: 'Fine here' }));
    expect(error).toMatchObject({ error: 'validation_error', status: 400 });
    expect(describeError(error, Date.now())).toContain('name is too long');
  });

  it('POST 429: retried after Retry-After with the same Idempotency-Key, made once', async () => {
    fake.rateLimit = { limit: 1, windowMs: 1_000 };
    await client().listLists();
    const list = await client().createList({ name: 'After the limit', filters: stripe });
    expect(list.name).toBe('After the limit');
    expect(sleeps).toEqual([1_000]);
    const posts = fake.requestsTo('POST', /lists$/);
    expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).toBe(1);
    expect(fake.allLists()).toHaveLength(1);
  });

  it('POST 504: retried with the same key, then a timeout error', async () => {
    fake.inject({ method: 'POST', status: 504, times: 10 });
    const error = await rejection(client().createList({ name: 'Slow search', filters: stripe }));
    expect(error).toMatchObject({ error: 'timeout', status: 504 });
    const posts = fake.requestsTo('POST', /lists$/);
    expect(posts).toHaveLength(4);
    expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).toBe(1);
  });
});

describe('input the spec forbids fails before any request, naming the field', () => {
  it.each([
    ['limit above 100', (c: SaberClient) => c.listLists({ limit: 101 }), 'limit'],
    ['negative offset', (c: SaberClient) => c.listContacts('cl_1', { offset: -1 }), 'offset'],
    ['empty name on rename', (c: SaberClient) => c.renameList('cl_1', { name: '  ' }), 'name'],
    [
      'no company URL on create',
      (c: SaberClient) => c.createList({ name: 'x', filters: { jobTitles: ['CTO'] } }),
      'filters.companyLinkedInUrls',
    ],
    [
      'no filter on create',
      (c: SaberClient) => c.createList({ name: 'x', filters: { companyLinkedInUrls: stripe.companyLinkedInUrls } }),
      'filters',
    ],
  ])('%s', async (_label, run, field) => {
    const error = await rejection(run(client()));
    expect(error).toMatchObject({ status: 400, details: expect.arrayContaining([expect.objectContaining({ field })]) });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('injected latency', () => {
  it('a Saber slower than the timeout is a timeout error; within it, a normal answer', async () => {
    fake = new FakeSaber({ clock: () => now, latencyMs: 150 });
    const slow = new SaberClient({
      baseUrl: running.url,
      apiKey: fake.apiKey,
      clock: () => now,
      sleep: async () => undefined,
      random: () => 0.5,
      timeouts: { read: 30 },
      retry: {
        ...SABER_CLIENT_RETRY,
        transient: { ...SABER_CLIENT_RETRY.transient, retries: 0 },
        rateLimited: { ...SABER_CLIENT_RETRY.rateLimited, retries: 0 },
      },
    });
    await expect(slow.listLists()).rejects.toMatchObject({ error: 'timeout', status: 504 });
    fake.latencyMs = 20;
    await expect(client().listLists()).resolves.toMatchObject({ total: 0 });
  });
});

describe('the fake itself is strict', () => {
  it('rejects out-of-range paging, bad JSON and unknown routes with the spec error shape', async () => {
    const auth = { Authorization: `Bearer ${fake.apiKey}` };
    const badLimit = await fetch(`${running.url}/v1/contacts/lists?limit=0`, { headers: auth });
    expect(badLimit.status).toBe(400);
    expect(await badLimit.json()).toMatchObject({ error: 'validation_error', details: [{ field: 'limit' }] });
    const badJson = await fetch(`${running.url}/v1/contacts/lists`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(badJson.status).toBe(400);
    const unknown = await fetch(`${running.url}/v1/nothing`, { headers: auth });
    expect(unknown.status).toBe(404);
    const preflight = await fetch(`${running.url}/v1/contacts/lists`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
  });
});
