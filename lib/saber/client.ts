import ky, { HTTPError, isTimeoutError, type KyInstance, type Options } from 'ky';
import type { ContactListsApi } from '../model/contact-lists';
import { ApiError, failure, parseOrThrow } from '../model/errors';
import type { SaberAnswer } from '../model/outcomes';
import { decideRetry, parseRateLimitReset, SABER_CLIENT_RETRY, type RetryPolicy } from '../model/retry';
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
/** Runs `work` with the platform kept awake until it settles (the background keeps its service worker alive). */
export type WhilePending = <T>(work: () => Promise<T>) => Promise<T>;

/** Per-request timeouts. Creating a list waits for Saber's own Sales Navigator search. */
const DEFAULT_TIMEOUTS = { read: 20_000, write: 20_000, create: 90_000 } as const;
type Timeouts = { read: number; write: number; create: number };

/**
 * Statuses ky may retry in memory: rate limits and the gateway family. A 500 is left to the
 * job or the outbox, which come back later on an alarm (lib/model/retry.ts classes it transient).
 */
const RETRY_STATUSES = [408, 429, 502, 503, 504];

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
  /** Wraps every call, from the first try to the parsed answer, so the worker stays alive however long Saber takes. */
  whilePending?: WhilePending;
  gate?: RateLimitGate;
  retry?: RetryPolicy;
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
  /** Which answer it is, for the contract error. */
  what: SaberAnswer;
}

/**
 * The spec's contact-list operations over HTTP with ky. Every response is parsed with zod;
 * every failure is an `ApiError` (see `errors.ts`). ky repeats GET, PUT, DELETE, and POST with
 * an `Idempotency-Key` (the same on every try), after 408, 429, 502, 503, 504, network errors
 * and timeouts; whether and when is decided by `lib/model/retry.ts` (jittered backoff, a
 * bounded `Retry-After`). A wait longer than the policy allows is not sat through: the call
 * fails with `retryAt` and the job or the outbox comes back on an alarm.
 */
export class SaberClient implements ContactListsApi {
  private readonly http: KyInstance;
  private readonly retry: RetryPolicy;
  private readonly timeouts: Timeouts;
  private readonly gate: RateLimitGate;

  constructor(private readonly options: SaberClientOptions) {
    this.retry = options.retry ?? SABER_CLIENT_RETRY;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.gate = options.gate ?? new RateLimitGate();
    const customFetch = options.fetch;
    this.http = ky.create({
      prefixUrl: options.baseUrl,
      // Never follow a redirect: the request carries the API key, and Saber's API does not
      // redirect, so one is an error rather than somewhere to send the key.
      redirect: 'error',
      headers: {
        [SABER_HEADERS.authorization]: `Bearer ${options.apiKey}`,
        Accept: 'application/json',
      },
      hooks: {
        beforeRequest: [() => this.waitForRateLimit()],
        afterResponse: [(_request, _options, response) => this.noteRateLimit(response.headers)],
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
      what: 'lists',
    });
  }

  async getList(listId: string): Promise<RemoteList> {
    return this.call({
      method: 'get',
      path: SABER_PATHS.list(requireId(listId)),
      timeout: this.timeouts.read,
      schema: remoteListSchema,
      what: 'list',
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
      what: 'newList',
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
      what: 'renamedList',
    });
  }

  async deleteList(listId: string): Promise<void> {
    await this.call({
      method: 'delete',
      path: SABER_PATHS.list(requireId(listId)),
      timeout: this.timeouts.write,
      what: 'list',
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
      what: 'contacts',
    });
  }

  /** Saber's Sales Navigator connector status; `unknown` when Saber lists none or a new one. */
  async getSalesNavigatorStatus(): Promise<ConnectorStatus | 'unknown'> {
    const { connectors } = await this.call({
      method: 'get',
      path: SABER_PATHS.connectors,
      timeout: this.timeouts.read,
      schema: connectorsResponseSchema,
      what: 'connectors',
    });
    const status = connectors.find((connector) => connector.source === SALES_NAVIGATOR_SOURCE)?.status;
    return (CONNECTOR_STATUSES as readonly string[]).includes(status ?? '') ? (status as ConnectorStatus) : 'unknown';
  }

  private call<T>(call: Call<T>): Promise<T> {
    return this.options.whilePending ? this.options.whilePending(() => this.send(call)) : this.send(call);
  }

  private async send<T>(call: Call<T>): Promise<T> {
    const options: Options = {
      method: call.method,
      timeout: call.timeout,
      retry: this.retryOptions(call),
      ...(call.searchParams ? { searchParams: call.searchParams } : {}),
      ...(call.json === undefined ? {} : { json: call.json }),
      ...(call.idempotencyKey ? { headers: { [SABER_HEADERS.idempotencyKey]: call.idempotencyKey } } : {}),
    };
    let response: Response;
    try {
      response = await this.http(call.path, options);
    } catch (thrown) {
      throw await this.toError(thrown, call.timeout);
    }
    return this.parse(response, call);
  }

  /**
   * ky runs the loop; each "try again?" is the retry policy's answer, and its wait is slept here
   * (through the injected `sleep`, keeping the worker alive) so ky's own delay is nothing. A
   * POST is repeated only with its `Idempotency-Key`, so Saber can recognise the repeat.
   */
  private retryOptions<T>(call: Call<T>): Options['retry'] {
    const repeatable = call.method !== 'post' || call.idempotencyKey !== undefined;
    return {
      limit: repeatable ? Math.max(this.retry.transient.retries, this.retry.rateLimited.retries) : 0,
      methods: ['get', 'put', 'delete', 'post'],
      retryOnTimeout: true,
      delay: () => 0,
      // Called before ky's own checks, so it keeps to RETRY_STATUSES itself.
      shouldRetry: async ({ error, retryCount }) => {
        if (error instanceof ApiError) return false;
        if (error instanceof HTTPError && !RETRY_STATUSES.includes(error.response.status)) return false;
        const cause = await this.toError(error, call.timeout);
        const decision = decideRetry(cause, retryCount - 1, this.options.clock(), this.options.random, this.retry);
        if ('fail' in decision) return false;
        const wait = decision.retryAt - this.options.clock();
        if (wait > this.retry.maxAskedWaitMs) return false;
        await this.options.keepAlive?.();
        if (wait > 0) await this.options.sleep(wait);
        return true;
      },
    };
  }

  private async toError(thrown: unknown, timeout: number): Promise<ApiError> {
    if (thrown instanceof ApiError) return this.withRetryAt(thrown);
    if (thrown instanceof HTTPError) {
      const { response } = thrown;
      const error = toSaberError(
        response.status,
        await readJson(response.clone()),
        this.options.clock(),
        response.headers.get(SABER_HEADERS.retryAfter),
      );
      return this.withRetryAt(error);
    }
    if (isTimeoutError(thrown)) return failure('timeout', 'saber.timeout', { seconds: Math.round(timeout / 1000) });
    return failure('network_error', 'saber.network', {});
  }

  private async parse<T>(response: Response, call: Call<T>): Promise<T> {
    if (!call.schema) return undefined as T;
    const body = await readJson(response);
    if (body === undefined) throw failure('upstream_error', 'saber.notJson', { what: call.what });
    const parsed = call.schema.safeParse(body);
    if (!parsed.success) throw contractError(parsed.error, call.what);
    return parsed.data;
  }

  /** `X-Ratelimit-Remaining: 0` holds every later request until `X-Ratelimit-Reset`. */
  private noteRateLimit(headers: Headers): void {
    const remaining = headers.get(SABER_HEADERS.rateLimitRemaining);
    if (remaining === null || Number(remaining) > 0) return;
    const until = parseRateLimitReset(headers.get(SABER_HEADERS.rateLimitReset), this.options.clock());
    if (until !== undefined) this.gate.pausedUntil = Math.max(this.gate.pausedUntil, until);
  }

  /** Sits out a short pause of the rate-limit window; a long one fails with `retryAt`, sending nothing. */
  private async waitForRateLimit(): Promise<void> {
    await this.options.keepAlive?.();
    const wait = this.gate.pausedUntil - this.options.clock();
    if (wait <= 0) return;
    if (wait > this.retry.maxAskedWaitMs) {
      throw failure('rate_limited', 'saber.rateLimited', {}, { retryAt: this.gate.pausedUntil });
    }
    await this.options.sleep(wait);
  }

  /** A rate-limit failure always says when to come back, even without `Retry-After`. */
  private withRetryAt(error: ApiError): ApiError {
    if (error.error !== 'rate_limited' || error.retryAt !== undefined) return error;
    const decision = decideRetry(error, 0, this.options.clock(), this.options.random, this.retry);
    const retryAt = 'retryAt' in decision ? decision.retryAt : this.options.clock() + this.retry.maxAskedWaitMs;
    return error.with({ retryAt: Math.max(this.gate.pausedUntil, retryAt) });
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
