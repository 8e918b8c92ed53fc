// Not lib/model/countries: its JSON import does not load under Playwright's Node loader; the
// package's Node entry registers every locale itself.
import isoCountries from 'i18n-iso-countries';
import type { ContactList, ContactListFilters, ContactListItem } from '../../lib/model/schemas';
import { contactCountFor, fakeContacts } from './contacts';

/**
 * An in-memory Saber Platform API that follows shared/docs/saber-openapi.json strictly:
 * bearer auth, every path and method, query and body validation with the spec's bounds,
 * pagination, `GET /v1/connectors`, idempotent POSTs, rate-limit headers, CORS. Tests (and
 * `npm run fake-saber`) can inject failures (any status, a dropped connection before or
 * after the change is applied) and latency.
 *
 * It is transport-free: `handle()` takes and returns plain objects, and adapters serve it over
 * node:http (`server.ts`), as a `fetch` (`fetch.ts`) or behind Playwright's `context.route`.
 */

export interface FakeRequest {
  method: string;
  /** Absolute URL, or path and query. */
  url: string;
  headers: Record<string, string | undefined>;
  body?: string;
}

export type FakeReply = { status: number; headers: Record<string, string>; body?: string } | { drop: true };

export type ErrorShape = 'spec' | 'nested' | 'statusCode';

export interface Fault {
  /** Only requests with this method (any when omitted). */
  method?: string;
  /** Only requests whose path matches. */
  path?: RegExp;
  /** How many matching requests fail; 1 when omitted. */
  times?: number;
  /** Answer with this status; its body follows the error shape unless `body` is given. */
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Close the connection without an answer. */
  drop?: boolean;
  /** Apply the request first, then fail: the change happened but its answer is lost. */
  afterApply?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeSaberOptions {
  apiKey?: string;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  connector?: string;
  latencyMs?: number;
  /** Fixed-window limit per key; sends `X-Ratelimit-*` on every answer when set. */
  rateLimit?: { limit: number; windowMs: number };
  errorShape?: ErrorShape;
}

/** A contact given to `seedList`: the item without the fields the list gives it. */
export type SeededContact = Omit<ContactListItem, 'id' | 'listId' | 'createdAt'>;

interface StoredList {
  list: ContactList;
  contacts: ContactListItem[];
  seq: number;
}

const LIST_NAME_MAX = 200;
const EXPOSED = ['Retry-After', 'X-Ratelimit-Limit', 'X-Ratelimit-Remaining', 'X-Ratelimit-Reset'];
const COMPANY_URL = /^https?:\/\/([a-z]{2,3}\.|www\.)?linkedin\.com\/(company|sales\/company)\/[^/?#\s]+\/?([?#].*)?$/i;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { field: string; message: string }[],
  ) {
    super(message);
  }
}

export class FakeSaber {
  readonly apiKey: string;
  readonly requests: RecordedRequest[] = [];
  connector: string;
  latencyMs: number;
  errorShape: ErrorShape;
  rateLimit: { limit: number; windowMs: number } | undefined;

  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly lists = new Map<string, StoredList>();
  private readonly idempotent = new Map<string, { fingerprint: string; list: ContactList }>();
  private faults: (Fault & { left: number })[] = [];
  private window = { start: 0, used: 0 };
  private seq = 0;
  private lastTime = 0;
  private apiCreates = 0;

  constructor(options: FakeSaberOptions = {}) {
    this.apiKey = options.apiKey ?? 'sk_live_fake_0123456789abcdef';
    this.clock = options.clock ?? (() => Date.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.connector = options.connector ?? 'connected';
    this.latencyMs = options.latencyMs ?? 0;
    this.errorShape = options.errorShape ?? 'spec';
    this.rateLimit = options.rateLimit;
  }

  /**
   * Adds a list as if someone created it on Saber, with `contactCount` fake contacts, or with
   * `contacts` as given (any text at all: Saber stores what its users send). The name is not
   * checked either.
   */
  seedList(input: { name: string; filters?: ContactListFilters; contactCount?: number; contacts?: readonly SeededContact[] }): ContactList {
    const filters = input.filters ?? { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] };
    const list = this.store(input.name, filters, input.contacts ? 0 : (input.contactCount ?? contactCountFor(filters)));
    if (!input.contacts) return list;
    const stored = this.require(list.id);
    stored.contacts = input.contacts.map((contact, i) => ({
      ...contact,
      id: `${list.id}_item_${i}`,
      listId: list.id,
      createdAt: list.createdAt,
    }));
    stored.list = { ...list, contactCount: stored.contacts.length };
    return stored.list;
  }

  /** Renames as someone using Saber directly would. */
  renameRemote(listId: string, name: string): ContactList {
    const stored = this.require(listId);
    stored.list = { ...stored.list, name, updatedAt: this.timestamp() };
    return stored.list;
  }

  deleteRemote(listId: string): void {
    this.require(listId);
    this.lists.delete(listId);
  }

  /** Every list, newest first (the order `GET /v1/contacts/lists` pages through). */
  allLists(): ContactList[] {
    return this.ordered().map((stored) => stored.list);
  }

  contactsOf(listId: string): ContactListItem[] {
    return this.require(listId).contacts;
  }

  /** Queues a failure for the next matching requests. */
  inject(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** The list a POST with this Idempotency-Key created, if it was applied. */
  createdWithKey(idempotencyKey: string): ContactList | undefined {
    return this.idempotent.get(idempotencyKey)?.list;
  }

  /** How many lists POSTs created (a repeat with the same key creates none). */
  get createdByApi(): number {
    return this.apiCreates;
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && path.test(request.path));
  }

  async handle(request: FakeRequest): Promise<FakeReply> {
    const url = new URL(request.url, 'http://fake-saber.local');
    const method = request.method.toUpperCase();
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter((entry): entry is [string, string] => entry[1] !== undefined)
        .map(([name, value]) => [name.toLowerCase(), value]),
    );
    if (method === 'OPTIONS') return preflight();
    let body: unknown;
    let badJson = false;
    if (request.body) {
      try {
        body = JSON.parse(request.body);
      } catch {
        badJson = true;
      }
    }
    this.requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body });

    if (this.latencyMs > 0) await this.sleep(this.latencyMs);
    const extra: Record<string, string> = {};
    try {
      if (url.pathname.startsWith('/_fake/')) return this.control(method, url, body);
      this.authenticate(headers);
      const fault = this.takeFault(method, url.pathname);
      if (fault && !fault.afterApply) return this.faultReply(fault);
      this.countRequest(extra);
      if (badJson) throw new HttpError(400, 'validation_error', 'The body is not valid JSON');
      const result = this.route(method, url, headers, body);
      if (fault) return this.faultReply(fault);
      return reply(result.status, result.body, extra);
    } catch (thrown) {
      if (!(thrown instanceof HttpError)) throw thrown;
      let retryAfter: number | undefined;
      if (thrown.status === 429) {
        const reset = this.window.start + (this.rateLimit?.windowMs ?? 1000);
        retryAfter = Math.max(1, Math.ceil((reset - this.clock()) / 1000));
        extra['Retry-After'] = String(retryAfter);
      }
      return reply(thrown.status, this.errorBody(thrown.status, thrown.code, thrown.message, thrown.details, retryAfter), extra);
    }
  }

  private route(method: string, url: URL, headers: Record<string, string>, body: unknown): { status: number; body?: unknown } {
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/v1/connectors') {
      allow(method, ['GET']);
      return { status: 200, body: { connectors: [{ source: 'salesNavigator', status: this.connector }] } };
    }
    if (path === '/v1/contacts/lists') {
      allow(method, ['GET', 'POST']);
      if (method === 'GET') {
        const { limit, offset } = pageQuery(url, 20);
        const all = this.ordered();
        const items = all.slice(offset, offset + limit).map((stored) => stored.list);
        return { status: 200, body: { items, total: all.length, limit, offset, hasMore: offset + items.length < all.length } };
      }
      return { status: 201, body: this.create(body, headers['idempotency-key']) };
    }
    const contacts = path.match(/^\/v1\/contacts\/lists\/([^/]+)\/contacts$/);
    if (contacts) {
      allow(method, ['GET']);
      const stored = this.require(decodeURIComponent(contacts[1]!));
      const { limit, offset } = pageQuery(url, 25);
      const items = stored.contacts.slice(offset, offset + limit);
      return {
        status: 200,
        body: { items, total: stored.contacts.length, limit, offset, hasMore: offset + items.length < stored.contacts.length },
      };
    }
    const one = path.match(/^\/v1\/contacts\/lists\/([^/]+)$/);
    if (one) {
      allow(method, ['GET', 'PUT', 'DELETE']);
      const listId = decodeURIComponent(one[1]!);
      const stored = this.require(listId);
      if (method === 'GET') return { status: 200, body: stored.list };
      if (method === 'DELETE') {
        this.lists.delete(listId);
        return { status: 204 };
      }
      const name = listName(body);
      stored.list = { ...stored.list, name, updatedAt: this.timestamp(stored.list.updatedAt) };
      return { status: 200, body: stored.list };
    }
    throw new HttpError(404, 'not_found', `No route for ${method} ${url.pathname}`);
  }

  private create(body: unknown, idempotencyKey: string | undefined): ContactList {
    const fingerprint = JSON.stringify(body);
    if (idempotencyKey) {
      const seen = this.idempotent.get(idempotencyKey);
      if (seen) {
        if (seen.fingerprint !== fingerprint) {
          throw new HttpError(400, 'idempotency_key_reused', 'This Idempotency-Key was used with a different request', [
            { field: 'Idempotency-Key', message: 'Reused with a different body' },
          ]);
        }
        return seen.list;
      }
    }
    const { name, filters } = createRequest(body);
    if (this.connector !== 'connected') {
      throw new HttpError(
        400,
        'connector_error',
        `LinkedIn Sales Navigator is not connected (status: ${this.connector}). Connect it in Saber and try again.`,
      );
    }
    const list = this.store(name, filters, contactCountFor(filters));
    this.apiCreates += 1;
    if (idempotencyKey) this.idempotent.set(idempotencyKey, { fingerprint, list });
    return list;
  }

  private store(name: string, filters: ContactListFilters, count: number): ContactList {
    this.seq += 1;
    const id = `cl_${this.seq.toString().padStart(6, '0')}`;
    const now = this.timestamp();
    const contacts = fakeContacts(id, filters, count, now);
    const list: ContactList = { id, name, filters, contactCount: contacts.length, createdAt: now, updatedAt: now };
    this.lists.set(id, { list, contacts, seq: this.seq });
    return list;
  }

  private ordered(): StoredList[] {
    return [...this.lists.values()].sort((a, b) => Date.parse(b.list.createdAt) - Date.parse(a.list.createdAt) || b.seq - a.seq);
  }

  private require(listId: string): StoredList {
    const stored = this.lists.get(listId);
    if (!stored) throw new HttpError(404, 'not_found', `Contact list "${listId}" was not found`);
    return stored;
  }

  /** Strictly increasing, so every change moves `updatedAt`. */
  private timestamp(previous?: string): string {
    const floor = previous ? Date.parse(previous) + 1 : 0;
    this.lastTime = Math.max(this.clock(), this.lastTime + 1, floor);
    return new Date(this.lastTime).toISOString();
  }

  private authenticate(headers: Record<string, string>): void {
    const match = headers.authorization?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new HttpError(401, 'unauthorized', 'Missing API key: send "Authorization: Bearer sk_live_..."');
    if (match[1] !== this.apiKey) throw new HttpError(401, 'unauthorized', 'Invalid API key');
  }

  private countRequest(extra: Record<string, string>): void {
    if (!this.rateLimit) return;
    const now = this.clock();
    if (now >= this.window.start + this.rateLimit.windowMs) this.window = { start: now, used: 0 };
    const reset = this.window.start + this.rateLimit.windowMs;
    extra['X-Ratelimit-Limit'] = String(this.rateLimit.limit);
    extra['X-Ratelimit-Reset'] = String(Math.ceil(reset / 1000));
    if (this.window.used >= this.rateLimit.limit) {
      extra['X-Ratelimit-Remaining'] = '0';
      throw new HttpError(429, 'rate_limited', 'Rate limit exceeded');
    }
    this.window.used += 1;
    extra['X-Ratelimit-Remaining'] = String(this.rateLimit.limit - this.window.used);
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      (fault) => (!fault.method || fault.method.toUpperCase() === method) && (!fault.path || fault.path.test(path)),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.left -= 1;
    if (fault.left <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private faultReply(fault: Fault): FakeReply {
    if (fault.drop) return { drop: true };
    const status = fault.status ?? 503;
    const body =
      fault.body ?? this.errorBody(status, status === 429 ? 'rate_limited' : 'upstream_error', REASONS[status] ?? 'Injected failure');
    return reply(status, body, fault.headers ?? {});
  }

  /** The same error in whichever of Saber's three documented shapes this fake is set to. */
  private errorBody(
    status: number,
    code: string,
    message: string,
    details?: { field: string; message: string }[],
    retryAfter?: number,
  ): unknown {
    switch (this.errorShape) {
      case 'nested':
        return { error: { type: code, code, message, requestId: `req_${this.requests.length}`, ...(details ? { fields: details } : {}) } };
      case 'statusCode':
        return {
          statusCode: status,
          message: details ? details.map((d) => `${d.field}: ${d.message}`) : message,
          error: REASONS[status] ?? code,
          ...(retryAfter === undefined ? {} : { retryAfter }),
        };
      case 'spec':
        return { error: code, message, ...(details ? { details } : {}) };
    }
  }

  /** `/_fake/...`: lets a person poke the CLI server (seed lists, break the connector, inject faults). */
  private control(method: string, url: URL, body: unknown): FakeReply {
    const input = (body ?? {}) as Record<string, unknown>;
    switch (`${method} ${url.pathname}`) {
      case 'GET /_fake/requests':
        return reply(200, this.requests.slice(-200));
      case 'POST /_fake/lists':
        return reply(
          201,
          this.seedList({
            name: typeof input.name === 'string' ? input.name : 'Seeded list',
            filters: input.filters as ContactListFilters,
          }),
        );
      case 'PUT /_fake/connector':
        this.connector = typeof input.status === 'string' ? input.status : 'connected';
        return reply(200, { connector: this.connector });
      case 'POST /_fake/faults':
        this.inject({
          ...(typeof input.method === 'string' ? { method: input.method } : {}),
          ...(typeof input.path === 'string' ? { path: new RegExp(input.path) } : {}),
          ...(typeof input.times === 'number' ? { times: input.times } : {}),
          ...(typeof input.status === 'number' ? { status: input.status } : {}),
          ...(input.drop === true ? { drop: true } : {}),
          ...(input.afterApply === true ? { afterApply: true } : {}),
        });
        return reply(202, { queued: true });
      case 'PUT /_fake/latency':
        this.latencyMs = Number(input.ms ?? 0);
        return reply(200, { latencyMs: this.latencyMs });
      default:
        return reply(404, { error: 'not_found', message: `No fake control at ${method} ${url.pathname}` });
    }
  }
}

function allow(method: string, methods: string[]): void {
  if (!methods.includes(method)) throw new HttpError(405, 'method_not_allowed', `${method} is not allowed here`);
}

function pageQuery(url: URL, defaultLimit: number): { limit: number; offset: number } {
  const details: { field: string; message: string }[] = [];
  const read = (name: string, fallback: number, min: number, max: number) => {
    const raw = url.searchParams.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      details.push({
        field: name,
        message: max === Infinity ? `${name} must be an integer ≥ ${min}` : `${name} must be an integer from ${min} to ${max}`,
      });
      return fallback;
    }
    return value;
  };
  const limit = read('limit', defaultLimit, 1, 100);
  const offset = read('offset', 0, 0, Infinity);
  if (details.length) throw new HttpError(400, 'validation_error', details.map((d) => d.message).join('; '), details);
  return { limit, offset };
}

function listName(body: unknown, field = 'name'): string {
  const name = (body as { name?: unknown } | undefined)?.name;
  if (typeof name !== 'string') throw invalid(field, 'name is required and must be a string');
  const trimmed = name.trim();
  if (!trimmed) throw invalid(field, 'name must not be empty');
  if (trimmed.length > LIST_NAME_MAX) throw invalid(field, `name must be at most ${LIST_NAME_MAX} characters`);
  return trimmed;
}

function createRequest(body: unknown): { name: string; filters: ContactListFilters } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('body', 'The body must be a JSON object');
  const name = listName(body);
  const raw = (body as { filters?: unknown }).filters;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw invalid('filters', 'filters is required and must be an object');
  const { companyLinkedInUrls, jobTitles, keywords, countries } = raw as Record<string, unknown>;
  const details: { field: string; message: string }[] = [];
  const strings = (value: unknown, field: string): string[] | undefined => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
      details.push({ field, message: `${field} must be an array of strings` });
      return undefined;
    }
    return value as string[];
  };
  const urls = strings(companyLinkedInUrls, 'filters.companyLinkedInUrls');
  if (!urls?.length && !details.length) {
    details.push({ field: 'filters.companyLinkedInUrls', message: 'A valid company LinkedIn URL is required' });
  }
  urls?.forEach((url, i) => {
    if (!COMPANY_URL.test(url)) details.push({ field: `filters.companyLinkedInUrls[${i}]`, message: 'Must be a LinkedIn company URL' });
  });
  const titles = strings(jobTitles, 'filters.jobTitles');
  if (keywords !== undefined && typeof keywords !== 'string')
    details.push({ field: 'filters.keywords', message: 'filters.keywords must be a string' });
  const codes = strings(countries, 'filters.countries');
  codes?.forEach((code, i) => {
    if (!/^[A-Z]{2}$/.test(code) || !isoCountries.isValid(code))
      details.push({ field: `filters.countries[${i}]`, message: 'Must be an ISO 3166-1 alpha-2 code' });
  });
  if (!titles?.length && !(typeof keywords === 'string' && keywords.trim()) && !codes?.length) {
    details.push({ field: 'filters', message: 'At least one filter (jobTitles, keywords or countries) is required' });
  }
  if (details.length) throw new HttpError(400, 'validation_error', details[0]!.message, details);
  const filters: ContactListFilters = {
    ...(urls ? { companyLinkedInUrls: urls } : {}),
    ...(titles ? { jobTitles: titles } : {}),
    ...(typeof keywords === 'string' ? { keywords } : {}),
    ...(codes ? { countries: codes } : {}),
  };
  return { name, filters };
}

function invalid(field: string, message: string): HttpError {
  return new HttpError(400, 'validation_error', message, [{ field, message }]);
}

function corsHeaders(): Record<string, string> {
  return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED.join(', ') };
}

function preflight(): FakeReply {
  return {
    status: 204,
    headers: {
      ...corsHeaders(),
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, Idempotency-Key',
      'Access-Control-Max-Age': '600',
    },
  };
}

function reply(status: number, body: unknown, extra: Record<string, string> = {}): FakeReply {
  if (status === 204 || body === undefined) return { status, headers: { ...corsHeaders(), ...extra } };
  return {
    status,
    headers: { ...corsHeaders(), 'Content-Type': 'application/json', ...extra },
    body: JSON.stringify(body),
  };
}
