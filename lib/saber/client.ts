import ky, { isTimeoutError, type KyInstance } from 'ky';
import type { ContactListsApi } from '../model/contact-lists';
import { ApiError, parseOrThrow } from '../model/errors';
import type { Clock, IdFactory } from '../model/runtime';
import {
  listContactsQuerySchema,
  listListsQuerySchema,
  updateContactListRequestSchema,
  type CreateContactListRequest,
  type PageQuery,
  type UpdateContactListRequest,
} from '../model/schemas';
import type { z } from '../model/zod';
import {
  CONNECTOR_STATUSES,
  connectorsResponseSchema,
  remoteContactsPageSchema,
  remoteListSchema,
  remoteListsPageSchema,
  SABER_HEADERS,
  SABER_PATHS,
  SALES_NAVIGATOR_SOURCE,
  saberCreateRequestSchema,
  type ConnectorStatus,
  type RemoteContactsPage,
  type RemoteList,
  type RemoteListsPage,
} from './api';
import { contractError, toSaberError } from './errors';

/** Waits `ms`; injected so tests never really wait. */
export type Sleep = (ms: number) => Promise<void>;
/** A number in [0, 1), injected so tests get the same jitter every run. */
export type Random = () => number;

/** How the client repeats a request that may be repeated safely. */
export interface RetryPolicy {
  /** Tries after the first one, for requests that may be repeated safely. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The longest wait this client sits through in memory (backoff, `Retry-After`, a
   * rate-limit reset). A longer one fails at once with `retryAt`, so the job or the outbox
   * reschedules itself with an alarm instead of keeping the service worker awake.
   */
  maxWaitMs: number;
}

/** About 7 s of backoff at most, well inside the service worker's 30 s idle limit. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 4_000, maxWaitMs: 5_000 };

/** Per-request timeouts. Creating a list waits for Saber's own Sales Navigator search. */
const DEFAULT_TIMEOUTS = { read: 20_000, write: 20_000, create: 90_000 } as const;
type Timeouts = { read: number; write: number; create: number };

/** Statuses worth another try: rate limits and the gateway family, never a 4xx verdict. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/**
 * When Saber said the rate-limit window is spent. Shared by every client the background
 * builds (one per settings read), so a pause outlives the client that saw it.
 */
export class RateLimitGate {
  pausedUntil = 0;
}

/** What a client needs; everything with a side effect is injected. */
export interface SaberClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Defaults to the global `fetch`; tests and the e2e route pass their own. */
  fetch?: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  sleep: Sleep;
  clock: Clock;
  random: Random;
  newIdempotencyKey?: IdFactory;
  /** Called before each try and each wait, so the service worker is not stopped mid-call. */
  keepAlive?: () => Promise<void>;
  gate?: RateLimitGate;
  retry?: Partial<RetryPolicy>;
  timeouts?: Partial<Timeouts>;
}

interface Call<T> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  searchParams?: Record<string, number>;
  json?: unknown;
  idempotencyKey?: string;
  timeout: number;
  /** Omitted for `204 No Content`. */
  schema?: z.ZodType<T>;
  /** What the response is, for the contract error ("list of lists"). */
  what: string;
}

/**
 * The spec's contact-list operations over HTTP with ky. Every response is parsed with zod;
 * every failure is an `ApiError` (see `errors.ts`). GET, PUT and DELETE are retried on 429,
 * 502, 503, 504 and network errors with jittered exponential backoff honouring
 * `Retry-After`; POST is retried only with an `Idempotency-Key`, the same on every try.
 */
export class SaberClient implements ContactListsApi {
  private readonly http: KyInstance;
  private readonly retry: RetryPolicy;
  private readonly timeouts: Timeouts;
  private readonly gate: RateLimitGate;

  constructor(private readonly options: SaberClientOptions) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.gate = options.gate ?? new RateLimitGate();
    const customFetch = options.fetch;
    this.http = ky.create({
      prefixUrl: options.baseUrl,
      retry: 0,
      throwHttpErrors: false,
      // Never follow a redirect: the request carries the API key, and Saber's API does not
      // redirect, so one is an error rather than somewhere to send the key.
      redirect: 'error',
      headers: {
        [SABER_HEADERS.authorization]: `Bearer ${options.apiKey}`,
        Accept: 'application/json',
      },
      // ky calls `fetch` as a method of its options; a bare global `fetch` would lose `this`.
      ...(customFetch ? { fetch: (input: Request | string | URL, init?: RequestInit) => customFetch(input, init) } : {}),
    });
  }

  async listLists(query: PageQuery = {}): Promise<RemoteListsPage> {
    const { limit, offset } = parseOrThrow(listListsQuerySchema, query);
    return this.call({
      method: 'get',
      path: SABER_PATHS.lists,
      searchParams: { limit, offset },
      timeout: this.timeouts.read,
      schema: remoteListsPageSchema,
      what: 'list of contact lists',
    });
  }

  async getList(listId: string): Promise<RemoteList> {
    return this.call({
      method: 'get',
      path: SABER_PATHS.list(requireId(listId)),
      timeout: this.timeouts.read,
      schema: remoteListSchema,
      what: 'contact list',
    });
  }

  /**
   * Saber runs its own Sales Navigator search from the name and filters. Pass the same
   * `idempotencyKey` when repeating a create whose outcome is unknown (the outbox does), so
   * Saber answers with the list it already made instead of making a second one.
   */
  async createList(input: CreateContactListRequest, options: { idempotencyKey?: string } = {}): Promise<RemoteList> {
    const body = parseOrThrow(saberCreateRequestSchema, input);
    const idempotencyKey = options.idempotencyKey ?? (this.options.newIdempotencyKey ?? (() => crypto.randomUUID()))();
    return this.call({
      method: 'post',
      path: SABER_PATHS.lists,
      json: body,
      idempotencyKey,
      timeout: this.timeouts.create,
      schema: remoteListSchema,
      what: 'new contact list',
    });
  }

  async renameList(listId: string, body: UpdateContactListRequest): Promise<RemoteList> {
    const { name } = parseOrThrow(updateContactListRequestSchema, body);
    return this.call({
      method: 'put',
      path: SABER_PATHS.list(requireId(listId)),
      json: { name },
      timeout: this.timeouts.write,
      schema: remoteListSchema,
      what: 'renamed contact list',
    });
  }

  async deleteList(listId: string): Promise<void> {
    await this.call({
      method: 'delete',
      path: SABER_PATHS.list(requireId(listId)),
      timeout: this.timeouts.write,
      what: 'deletion',
    });
  }

  async listContacts(listId: string, query: PageQuery = {}): Promise<RemoteContactsPage> {
    const { limit, offset } = parseOrThrow(listContactsQuerySchema, query);
    return this.call({
      method: 'get',
      path: SABER_PATHS.contacts(requireId(listId)),
      searchParams: { limit, offset },
      timeout: this.timeouts.read,
      schema: remoteContactsPageSchema,
      what: 'page of contacts',
    });
  }

  /** Saber's Sales Navigator connector status; `unknown` when Saber lists none or a new one. */
  async getSalesNavigatorStatus(): Promise<ConnectorStatus | 'unknown'> {
    const { connectors } = await this.call({
      method: 'get',
      path: SABER_PATHS.connectors,
      timeout: this.timeouts.read,
      schema: connectorsResponseSchema,
      what: 'connector list',
    });
    const status = connectors.find((connector) => connector.source === SALES_NAVIGATOR_SOURCE)?.status;
    return (CONNECTOR_STATUSES as readonly string[]).includes(status ?? '') ? (status as ConnectorStatus) : 'unknown';
  }

  private async call<T>(call: Call<T>): Promise<T> {
    // Repeating a POST is safe only when Saber can recognise the repeat.
    const repeatable = call.method !== 'post' || call.idempotencyKey !== undefined;
    for (let attempt = 0; ; attempt += 1) {
      await this.waitForRateLimit();
      await this.options.keepAlive?.();
      let response: Response;
      try {
        response = await this.http(call.path, {
          method: call.method,
          timeout: call.timeout,
          ...(call.searchParams ? { searchParams: call.searchParams } : {}),
          ...(call.json === undefined ? {} : { json: call.json }),
          ...(call.idempotencyKey ? { headers: { [SABER_HEADERS.idempotencyKey]: call.idempotencyKey } } : {}),
        });
      } catch (thrown) {
        const error = transportError(thrown, call.timeout);
        if (!repeatable || attempt >= this.retry.retries) throw error;
        await this.wait(this.backoff(attempt), error);
        continue;
      }
      this.noteRateLimit(response.headers);
      if (response.ok) return this.parse(response, call);

      const error = toSaberError(response.status, await readJson(response), {
        retryAfterHeader: response.headers.get(SABER_HEADERS.retryAfter),
        now: this.options.clock(),
      });
      if (!repeatable || !RETRY_STATUSES.has(response.status) || attempt >= this.retry.retries) {
        throw this.withRetryAt(error);
      }
      const wait = error.retryAt === undefined ? this.backoff(attempt) : error.retryAt - this.options.clock();
      await this.wait(wait, error);
    }
  }

  private async parse<T>(response: Response, call: Call<T>): Promise<T> {
    if (!call.schema) return undefined as T;
    const body = await readJson(response);
    if (body === undefined) {
      throw new ApiError({ error: 'upstream_error', message: `Saber's ${call.what} was not JSON` });
    }
    const parsed = call.schema.safeParse(body);
    if (!parsed.success) throw contractError(parsed.error, call.what);
    return parsed.data;
  }

  /** `X-Ratelimit-Remaining: 0` holds every later request until `X-Ratelimit-Reset`. */
  private noteRateLimit(headers: Headers): void {
    const remaining = headers.get(SABER_HEADERS.rateLimitRemaining);
    const reset = Number(headers.get(SABER_HEADERS.rateLimitReset));
    if (remaining === null || Number(remaining) > 0 || !Number.isFinite(reset) || reset <= 0) return;
    // Unix seconds as documented; a small number can only be seconds from now.
    const until = reset > 1e9 ? reset * 1000 : this.options.clock() + reset * 1000;
    this.gate.pausedUntil = Math.max(this.gate.pausedUntil, until);
  }

  private async waitForRateLimit(): Promise<void> {
    const wait = this.gate.pausedUntil - this.options.clock();
    if (wait <= 0) return;
    await this.wait(
      wait,
      new ApiError({ error: 'rate_limited', message: 'Saber asked us to wait until its rate-limit window resets.' }),
    );
  }

  /** Waits in memory up to the bound; beyond it fails with `retryAt` so the caller reschedules. */
  private async wait(ms: number, cause: ApiError): Promise<void> {
    const now = this.options.clock();
    if (ms > this.retry.maxWaitMs) {
      throw new ApiError({ ...cause.toJSON(), retryAt: Math.max(cause.retryAt ?? 0, now + ms) });
    }
    if (ms <= 0) return;
    await this.options.keepAlive?.();
    await this.options.sleep(ms);
  }

  /** A rate-limit failure always says when to come back, even without `Retry-After`. */
  private withRetryAt(error: ApiError): ApiError {
    if (error.error !== 'rate_limited' || error.retryAt !== undefined) return error;
    const retryAt = Math.max(this.gate.pausedUntil, this.options.clock() + this.backoff(this.retry.retries));
    return new ApiError({ ...error.toJSON(), retryAt });
  }

  /** Exponential, capped, with "equal jitter": half fixed, half random. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    return ceiling / 2 + this.options.random() * (ceiling / 2);
  }
}

function requireId(listId: string): string {
  if (!listId) {
    throw new ApiError({
      error: 'validation_error',
      message: 'listId: Required',
      details: [{ field: 'listId', message: 'Required' }],
    });
  }
  return listId;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function transportError(thrown: unknown, timeout: number): ApiError {
  if (thrown instanceof ApiError) return thrown;
  if (isTimeoutError(thrown)) {
    return new ApiError({ error: 'timeout', message: `Saber did not answer within ${Math.round(timeout / 1000)} s` });
  }
  return new ApiError({
    error: 'network_error',
    message: 'Saber could not be reached. Check your connection; Listwright will try again.',
  });
}
