import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/model/errors';
import { SABER_CLIENT_RETRY, type RetryPolicy } from '../../../lib/model/retry';
import { SaberClient, type SaberClientOptions } from '../../../lib/saber/client';

/** The client's policy with another number of retries for both classes. */
function retries(count: number): RetryPolicy {
  return {
    ...SABER_CLIENT_RETRY,
    transient: { ...SABER_CLIENT_RETRY.transient, retries: count },
    rateLimited: { ...SABER_CLIENT_RETRY.rateLimited, retries: count },
  };
}

/** Header-level behaviour of the client, at Saber's real URL, with msw. */

const BASE = 'https://api.saber.app';
const KEY = 'sk_live_header_tests_0001';
const LISTS = `${BASE}/v1/contacts/lists`;
const ONE = `${BASE}/v1/contacts/lists/:id`;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let now: number;
let sleeps: number[];
let seen: Request[];
beforeEach(() => {
  now = Date.parse('2026-11-22T09:00:00.000Z');
  sleeps = [];
  seen = [];
});

function client(options: Partial<SaberClientOptions> = {}): SaberClient {
  return new SaberClient({
    baseUrl: BASE,
    apiKey: KEY,
    clock: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    ...options,
  });
}

const remoteList = (name = 'A list') => ({
  id: 'cl_1',
  name,
  filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['CTO'] },
  contactCount: 12,
  createdAt: '2026-11-22T08:00:00.000Z',
  updatedAt: '2026-11-22T08:00:00.000Z',
});
const page = { items: [remoteList()], total: 1, limit: 20, offset: 0, hasMore: false };
const createBody = { name: 'New', filters: remoteList().filters };

/** Answers with each response in turn (the last one repeats), recording every request. */
function sequence(...responses: (() => Response | Promise<Response>)[]) {
  return async ({ request }: { request: Request }) => {
    seen.push(request.clone());
    const next = responses[Math.min(seen.length - 1, responses.length - 1)]!;
    return next();
  };
}

const tooMany =
  (headers: Record<string, string> = {}, body: Record<string, unknown> = { error: 'rate_limited', message: 'Slow down' }) =>
  () =>
    HttpResponse.json(body, { status: 429, headers });

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ApiError);
  return outcome as ApiError;
}

describe('request headers', () => {
  it('sends the key as a bearer token and asks for JSON', async () => {
    server.use(
      http.get(
        LISTS,
        sequence(() => HttpResponse.json(page)),
      ),
    );
    await client().listLists();
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(seen[0]?.headers.get('accept')).toBe('application/json');
    expect(new URL(seen[0]!.url).search).toBe('?limit=20&offset=0');
  });

  it('keeps one Idempotency-Key across every try of a POST, and uses the one it is given', async () => {
    server.use(
      http.post(
        LISTS,
        sequence(
          () => new HttpResponse(null, { status: 503 }),
          () => HttpResponse.error(),
          () => HttpResponse.json(remoteList(), { status: 201 }),
        ),
      ),
    );
    await client().createList(createBody);
    expect(seen).toHaveLength(3);
    const keys = seen.map((request) => request.headers.get('idempotency-key'));
    expect(keys[0]).toEqual(expect.any(String));
    expect(new Set(keys).size).toBe(1);

    seen = [];
    server.use(
      http.post(
        LISTS,
        sequence(() => HttpResponse.json(remoteList(), { status: 201 })),
      ),
    );
    await client().createList(createBody, { idempotencyKey: 'outbox-key-1' });
    expect(seen.map((request) => request.headers.get('idempotency-key'))).toEqual(['outbox-key-1']);
  });
});

describe('Retry-After', () => {
  it('waits the seconds it says, then tries again', async () => {
    server.use(
      http.get(
        LISTS,
        sequence(tooMany({ 'Retry-After': '2' }), () => HttpResponse.json(page)),
      ),
    );
    await client().listLists();
    expect(sleeps).toEqual([2_000]);
    expect(seen).toHaveLength(2);
  });

  it('understands an HTTP date', async () => {
    const at = new Date(now + 3_000).toUTCString();
    server.use(
      http.put(
        ONE,
        sequence(tooMany({ 'Retry-After': at }), () => HttpResponse.json(remoteList('Renamed'))),
      ),
    );
    await client().renameList('cl_1', { name: 'Renamed' });
    expect(sleeps).toEqual([3_000]);
  });

  it("falls back to the rate limiter's retryAfter in the body", async () => {
    server.use(
      http.delete(
        ONE,
        sequence(
          tooMany({}, { statusCode: 429, message: 'Too many', error: 'Too Many Requests', retryAfter: 1.5 }),
          () => new HttpResponse(null, { status: 204 }),
        ),
      ),
    );
    await client().deleteList('cl_1');
    expect(sleeps).toEqual([1_500]);
  });

  it('beyond the bound: fails at once with rate_limited and when to come back, without sleeping', async () => {
    server.use(http.get(LISTS, sequence(tooMany({ 'Retry-After': '120' }))));
    const error = await rejection(client().listLists());
    expect(error).toMatchObject({ error: 'rate_limited', status: 429, retryAt: now + 120_000 });
    expect(sleeps).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('a 503 with Retry-After is honoured too', async () => {
    server.use(
      http.get(
        LISTS,
        sequence(
          () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '4' } }),
          () => HttpResponse.json(page),
        ),
      ),
    );
    await client().listLists();
    expect(sleeps).toEqual([4_000]);
  });
});

describe('backoff', () => {
  it('GET, PUT and DELETE retry 502/503/504 and network errors with jittered exponential delays', async () => {
    server.use(
      http.get(
        LISTS,
        sequence(
          () => new HttpResponse(null, { status: 502 }),
          () => new HttpResponse(null, { status: 503 }),
          () => HttpResponse.error(),
          () => HttpResponse.json(page),
        ),
      ),
    );
    await client({ random: () => 0.5 }).listLists();
    // Ceilings 500, 1000, 2000 ms; "equal jitter" at 0.5 lands at three quarters of each.
    expect(sleeps).toEqual([375, 750, 1_500]);
  });

  it('jitter spreads the delay between half and all of the ceiling', async () => {
    server.use(
      http.put(
        ONE,
        sequence(
          () => new HttpResponse(null, { status: 504 }),
          () => HttpResponse.json(remoteList()),
        ),
      ),
    );
    await client({ random: () => 0 }).renameList('cl_1', { name: 'x' });
    seen = [];
    server.use(
      http.put(
        ONE,
        sequence(
          () => new HttpResponse(null, { status: 504 }),
          () => HttpResponse.json(remoteList()),
        ),
      ),
    );
    await client({ random: () => 0.999 }).renameList('cl_1', { name: 'x' });
    expect(sleeps[0]).toBe(250);
    expect(sleeps[1]).toBeCloseTo(500, 0);
  });

  it('gives up after the retry budget with the last error', async () => {
    server.use(
      http.delete(
        ONE,
        sequence(() => HttpResponse.error()),
      ),
    );
    const error = await rejection(client().deleteList('cl_1'));
    expect(error).toMatchObject({ error: 'network_error', status: 503 });
    expect(seen).toHaveLength(4);
  });

  it('does not retry a 500 or a 4xx', async () => {
    server.use(
      http.get(
        LISTS,
        sequence(() => HttpResponse.json({ error: 'boom', message: 'Boom' }, { status: 500 })),
      ),
    );
    await rejection(client().listLists());
    expect(seen).toHaveLength(1);
    seen = [];
    server.use(
      http.get(
        ONE,
        sequence(() => HttpResponse.json({ error: 'not_found', message: 'No such list' }, { status: 404 })),
      ),
    );
    await rejection(client().getList('cl_1'));
    expect(seen).toHaveLength(1);
  });

  it('a request that outlives its timeout is a timeout error, retried like a network error', async () => {
    server.use(
      http.get(
        LISTS,
        sequence(async () => {
          await delay(200);
          return HttpResponse.json(page);
        }),
      ),
    );
    const error = await rejection(client({ timeouts: { read: 20 }, retry: retries(1) }).listLists());
    expect(error).toMatchObject({ error: 'timeout', status: 504 });
    expect(seen).toHaveLength(2);
  });
});

describe('rate-limit headers', () => {
  it('X-Ratelimit-Remaining: 0 holds the next request until X-Ratelimit-Reset', async () => {
    const reset = Math.ceil((now + 3_000) / 1000);
    server.use(
      http.get(
        LISTS,
        sequence(
          () =>
            HttpResponse.json(page, {
              headers: { 'X-Ratelimit-Limit': '10', 'X-Ratelimit-Remaining': '0', 'X-Ratelimit-Reset': String(reset) },
            }),
          () => HttpResponse.json(page),
        ),
      ),
    );
    const c = client();
    await c.listLists();
    expect(sleeps).toEqual([]);
    await c.listLists();
    expect(sleeps).toEqual([reset * 1000 - Date.parse('2026-11-22T09:00:00.000Z')]);
    expect(seen).toHaveLength(2);
  });

  it('a reset beyond the bound fails with rate_limited and retryAt, sending nothing', async () => {
    const reset = Math.ceil((now + 600_000) / 1000);
    server.use(
      http.get(
        LISTS,
        sequence(() => HttpResponse.json(page, { headers: { 'X-Ratelimit-Remaining': '0', 'X-Ratelimit-Reset': String(reset) } })),
      ),
    );
    const c = client();
    await c.listLists();
    const error = await rejection(c.listLists());
    expect(error).toMatchObject({ error: 'rate_limited', retryAt: reset * 1000 });
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('remaining above zero does not hold anything', async () => {
    server.use(
      http.get(
        LISTS,
        sequence(() =>
          HttpResponse.json(page, { headers: { 'X-Ratelimit-Remaining': '5', 'X-Ratelimit-Reset': String(Math.ceil(now / 1000) + 60) } }),
        ),
      ),
    );
    const c = client();
    await c.listLists();
    await c.listLists();
    expect(sleeps).toEqual([]);
  });
});

describe('responses are held to the contract', () => {
  it('a list missing a required field is a clear upstream error naming it', async () => {
    const { contactCount: _dropped, ...incomplete } = remoteList();
    server.use(
      http.get(
        ONE,
        sequence(() => HttpResponse.json(incomplete)),
      ),
    );
    const error = await rejection(client().getList('cl_1'));
    expect(error).toMatchObject({ error: 'upstream_error', details: [expect.objectContaining({ field: 'contactCount' })] });
  });

  it('a body that is not JSON is an upstream error', async () => {
    server.use(
      http.get(
        LISTS,
        sequence(() => new HttpResponse('<html>maintenance</html>', { status: 200 })),
      ),
    );
    await expect(client().listLists()).rejects.toMatchObject({
      error: 'upstream_error',
      reason: { code: 'saber.notJson', params: { what: 'lists' } },
    });
  });

  it('an HTML error page still becomes the typed error for its status', async () => {
    server.use(
      http.get(
        LISTS,
        sequence(() => new HttpResponse('<html>Bad gateway</html>', { status: 502 })),
      ),
    );
    const error = await rejection(client({ retry: retries(0) }).listLists());
    expect(error).toMatchObject({ error: 'upstream_error', status: 502, reason: { code: 'saber.serverError', params: { status: 502 } } });
  });

  it('never follows a redirect, so the key goes nowhere but Saber', async () => {
    const elsewhere: Request[] = [];
    server.use(
      http.get(
        LISTS,
        sequence(() => new HttpResponse(null, { status: 302, headers: { Location: 'https://evil.example/steal' } })),
      ),
      http.get('https://evil.example/steal', ({ request }) => {
        elsewhere.push(request);
        return HttpResponse.json(page);
      }),
    );
    await expect(client().listLists()).rejects.toBeInstanceOf(ApiError);
    expect(elsewhere).toEqual([]);
    expect(seen.length).toBeGreaterThan(0);
  });
});
