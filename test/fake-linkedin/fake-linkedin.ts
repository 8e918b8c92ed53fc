import { RestliSyntaxError } from '../../lib/linkedin/restli';
import { numericId, parseLeadSearchQuery, type ParsedSearchQuery } from '../../lib/linkedin/search-query';
import type { FakeReply, FakeRequest } from '../fake-saber/fake-saber';
import {
  knownCompany,
  Population,
  rngFor,
  searchTokens,
  type FakeAddressEntry,
  type FakeConnection,
  type FakeGeo,
  type FakePerson,
  type FakeWorld,
  type LeadCriteria,
} from './population';

/**
 * LinkedIn as the extension meets it, in memory: Sales Navigator and Voyager on
 * `www.linkedin.com` (session cookie plus `csrf-token`), the Contacts API on `api.linkedin.com`
 * (OAuth bearer token) and member photos on `media.licdn.com`, at their real URLs and in the
 * shapes public code observes (docs/linkedin-notes.md). It answers from a `FakeWorld`: the
 * realistic `Population` by default.
 *
 * Transport-free like FakeSaber: `handle()` takes and returns plain objects; `playwright.ts`
 * serves it behind `context.route`, `fetch.ts` as a `fetch`. Tests inject faults (a status N
 * times, a delay, a dropped connection, a malformed body) and read the request log.
 *
 * Paths and limits are written out here rather than imported from `lib/linkedin/constants.ts`,
 * so that a wrong constant in the extension fails against the fake instead of agreeing with it.
 */

export const WWW_HOST = 'www.linkedin.com';
export const API_HOST = 'api.linkedin.com';
export const MEDIA_HOST = 'media.licdn.com';

/** The `JSESSIONID` (quotes removed) the fake expects back as `csrf-token` unless told otherwise. */
export const DEFAULT_SESSION = 'ajax:5150002418862219876';
/** The Contacts API member token unless told otherwise. */
export const DEFAULT_ACCESS_TOKEN = 'AQVfakeMemberAccessToken-0123456789abcdefghijklmnopqrstuvwxyz';

/** LinkedIn serves at most this many results of one search; `start` at or past it answers 400. */
const SEARCH_RESULT_LIMIT = 2500;
const MAX_PAGE = 100;
const NORMALIZED_JSON = 'application/vnd.linkedin.normalized+json+2.1';

/** What the fake serves on www.linkedin.com, by path. */
const WWW_ENDPOINTS = {
  '/sales-api/salesApiIdentity': 'identity',
  '/sales-api/salesApiLeadSearch': 'leadSearch',
  '/sales-api/salesApiFacetTypeahead': 'typeahead',
  '/sales-api/salesApiLists': 'leadLists',
  '/voyager/api/organization/companies': 'companies',
  '/voyager/api/relationships/dash/connections': 'connections',
} as const;

export type Endpoint = (typeof WWW_ENDPOINTS)[keyof typeof WWW_ENDPOINTS] | 'exportTasks' | 'exportTask' | 'page' | 'media';

const EXPORT_TASKS = '/v2/contactExporterTasks';

/** The endpoint a URL names, or `undefined` for one the fake does not serve. */
function endpointOf(url: URL): Endpoint | undefined {
  const path = url.pathname.replace(/\/+$/, '');
  if (url.host === MEDIA_HOST) return 'media';
  if (url.host === API_HOST) {
    if (path === EXPORT_TASKS) return 'exportTasks';
    return /^\/v2\/contactExporterTasks\/[^/]+$/.test(path) ? 'exportTask' : undefined;
  }
  if (url.host !== WWW_HOST) return undefined;
  if (!isApiPath(path)) return 'page';
  return (WWW_ENDPOINTS as Record<string, Endpoint>)[path];
}

/** Whether the account has a Sales Navigator licence, and in what state. */
export type SeatState = 'active' | 'revoked' | 'none';

export interface ContactsExportSettings {
  /** How many status reads answer `IN_PROGRESS` before the outcome. */
  polls: number;
  /** `SUCCEEDED`, `FAILED`, or any other status LinkedIn might invent. */
  outcome: string;
  /** How long a finished result stays readable; afterwards the task answers 404. */
  ttlMs: number;
}

export interface LinkedInFault {
  /** Only requests with this method (any when omitted). */
  method?: string;
  /** Only requests to this host (`www.linkedin.com`, `api.linkedin.com`). */
  host?: string;
  /** Only requests whose path (no query) matches. */
  path?: RegExp;
  /** Only requests whose query string (`?start=25&count=25…`, as sent) matches: one page of a search. */
  query?: RegExp;
  /** How many matching requests it applies to: 1 when omitted, `Infinity` for all. */
  times?: number;
  /**
   * Answer with this status instead: 429 comes with `Retry-After` (5 s unless `headers` say
   * otherwise), 3xx with a `Location` on LinkedIn's login page, 999 with LinkedIn's bot-wall page.
   */
  status?: number;
  headers?: Record<string, string>;
  /** Answer this text as the body (with `status`, or 200): malformed JSON, an HTML page. */
  body?: string;
  /** Answer as usual, but with the body cut short in the middle of its JSON. */
  malformed?: boolean;
  /** Wait this long before answering (on its own, the usual answer comes late). */
  delayMs?: number;
  /** Close the connection without an answer. */
  drop?: boolean;
}

export interface LoggedRequest {
  method: string;
  /** The URL as it arrived: a lead search's Rest.li query still percent-encoded. */
  url: string;
  host: string;
  path: string;
  /** What the URL names; `undefined` for an API the fake does not serve. */
  endpoint?: Endpoint;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body?: string;
  /** The answer's status, or `dropped`; absent while the answer is pending. */
  status?: number | 'dropped';
}

export interface SessionCookie {
  name: string;
  value: string;
  httpOnly: boolean;
}

/**
 * A signed-in browser's LinkedIn cookies: `JSESSIONID` (quoted, as LinkedIn sets it), the
 * `li_at` login cookie, and `li_a`, which only Sales Navigator users have.
 */
export function sessionCookies(session = DEFAULT_SESSION, seat: SeatState = 'active'): SessionCookie[] {
  return [
    { name: 'JSESSIONID', value: `"${session}"`, httpOnly: false },
    { name: 'li_at', value: `AQEDAR${rngFor('li_at', session).token(24)}`, httpOnly: true },
    ...(seat === 'none' ? [] : [{ name: 'li_a', value: `AQJ2PTEmc2FsZXNfY2lkPT${rngFor('li_a', session).token(16)}`, httpOnly: true }]),
  ];
}

export interface FakeLinkedInOptions {
  /** What LinkedIn knows. Default: `new Population()`. */
  population?: FakeWorld;
  /** The `JSESSIONID` value (without quotes) that requests must echo in `csrf-token`. */
  session?: string;
  /** False: the session cookies are no longer valid, as after a logout elsewhere. Default true. */
  signedIn?: boolean;
  seat?: SeatState;
  accessToken?: string;
  contactsExport?: Partial<ContactsExportSettings>;
  /** Added to every answer. */
  latencyMs?: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface ExportTask {
  id: string;
  reads: number;
  finishedAt?: number;
  contacts?: FakeAddressEntry[];
  status?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless a string. */
  body?: unknown;
}

export class FakeLinkedIn {
  population: FakeWorld;
  readonly session: string;
  readonly accessToken: string;
  signedIn: boolean;
  seat: SeatState;
  contactsExport: ContactsExportSettings;
  latencyMs: number;
  readonly requests: LoggedRequest[] = [];

  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private faults: (LinkedInFault & { left: number })[] = [];
  private readonly tasks = new Map<string, ExportTask>();
  private readonly viewer: string;

  constructor(options: FakeLinkedInOptions = {}) {
    this.population = options.population ?? new Population();
    this.session = options.session ?? DEFAULT_SESSION;
    this.accessToken = options.accessToken ?? DEFAULT_ACCESS_TOKEN;
    this.signedIn = options.signedIn ?? true;
    this.seat = options.seat ?? 'active';
    this.contactsExport = { polls: 2, outcome: 'SUCCEEDED', ttlMs: 60 * 60 * 1000, ...options.contactsExport };
    this.latencyMs = options.latencyMs ?? 0;
    this.clock = options.clock ?? (() => Date.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.viewer = `urn:li:person:${rngFor('viewer', this.session).token(10)}`;
  }

  /** The cookies a browser signed in to this fake carries on `.linkedin.com`. */
  sessionCookies(): SessionCookie[] {
    return sessionCookies(this.session, this.seat);
  }

  /** Queues a fault for the next matching requests. */
  inject(fault: LinkedInFault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Logged requests to paths matching `path` (and `method`, GET unless given). */
  requestsTo(path: RegExp, method = 'GET'): LoggedRequest[] {
    return this.requests.filter((request) => request.method === method && path.test(request.path));
  }

  async handle(request: FakeRequest): Promise<FakeReply> {
    const url = new URL(request.url, `https://${WWW_HOST}`);
    const method = request.method.toUpperCase();
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter((entry): entry is [string, string] => entry[1] !== undefined)
        .map(([name, value]) => [name.toLowerCase(), value]),
    );
    const endpoint = endpointOf(url);
    const entry: LoggedRequest = {
      method,
      url: url.href,
      host: url.host,
      path: url.pathname,
      ...(endpoint ? { endpoint } : {}),
      headers,
      ...(request.body ? { body: request.body } : {}),
    };
    this.requests.push(entry);
    if (this.latencyMs > 0) await this.sleep(this.latencyMs);
    const reply = await this.respond(method, url, headers, endpoint);
    entry.status = 'drop' in reply ? 'dropped' : reply.status;
    return reply;
  }

  private async respond(method: string, url: URL, headers: Record<string, string>, endpoint: Endpoint | undefined): Promise<FakeReply> {
    try {
      if (endpoint === 'media') return linkedInMediaReply(url.href);
      if (endpoint === 'page') return this.page(url);
      if (url.host === API_HOST) {
        if (method === 'OPTIONS') return preflight();
        this.authorizeToken(headers);
      } else if (url.host === WWW_HOST) {
        this.authorizeSession(headers, url.pathname);
      } else {
        return toReply({ status: 404, body: { status: 404, message: `The fake does not serve ${url.host}` } });
      }
      const fault = this.takeFault(method, url);
      if (fault?.delayMs) await this.sleep(fault.delayMs);
      if (fault?.drop) return { drop: true };
      if (fault && (fault.status !== undefined || fault.body !== undefined)) return faultReply(fault, url);
      const reply = toReply(this.route(method, url, endpoint), url.host === API_HOST);
      return fault?.malformed && reply.body ? { ...reply, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) } : reply;
    } catch (thrown) {
      if (!(thrown instanceof HttpError)) throw thrown;
      return toReply({ status: thrown.status, body: thrown.body }, url.host === API_HOST);
    }
  }

  /** `www.linkedin.com` APIs: the session must be live and `csrf-token` must echo its `JSESSIONID`. */
  private authorizeSession(headers: Record<string, string>, path: string): void {
    if (headers['csrf-token'] !== this.session) throw new HttpError(403, 'CSRF check failed.');
    if (!this.signedIn) throw new HttpError(401, { status: 401, message: 'Unauthorized' });
    if (path.startsWith('/sales-api/') && path !== '/sales-api/salesApiIdentity' && this.seat !== 'active') {
      throw new HttpError(403, { status: 403, message: 'This member has no Sales Navigator contract' });
    }
  }

  /** `api.linkedin.com`: an OAuth member token, in LinkedIn's v2 error shape when missing or wrong. */
  private authorizeToken(headers: Record<string, string>): void {
    const token = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw apiError(401, 'Empty oauth2 access token', 65604);
    if (token !== this.accessToken) throw apiError(401, 'Invalid access token', 65600);
  }

  private route(method: string, url: URL, endpoint: Endpoint | undefined): Answer {
    if (url.host === API_HOST) return this.contactsApi(method, url.pathname.replace(/\/+$/, ''), endpoint);
    if (!endpoint) throw new HttpError(404, { status: 404 });
    if (method !== 'GET') throw new HttpError(405, { status: 405, message: `${method} is not allowed here` });
    switch (endpoint) {
      case 'identity':
        return this.identity(url);
      case 'leadSearch':
        return this.leadSearch(url);
      case 'typeahead':
        return this.typeahead(url);
      case 'leadLists':
        return this.leadLists(url);
      case 'companies':
        return this.companyLookup(url);
      case 'connections':
        return this.connections(url);
      default:
        throw new HttpError(404, { status: 404 });
    }
  }

  private identity(url: URL): Answer {
    expectParam(url, 'q', 'findLicensesByCurrentMember');
    if (this.seat === 'none') throw new HttpError(403, { status: 403, message: 'This member has no Sales Navigator contract' });
    const ids = rngFor('seat', this.session);
    return json({
      elements: [
        {
          name: 'Sales Navigator Core',
          active: this.seat === 'active',
          revoked: this.seat === 'revoked',
          agnosticIdentity: {
            seat: `urn:li:seat:${ids.between(100_000_000, 999_999_999)}`,
            contract: `urn:li:contract:${ids.between(100_000_000, 999_999_999)}`,
          },
          contractType: 'SALES_NAVIGATOR_CORE',
        },
      ],
      paging: { start: 0, count: 10, total: 1, links: [] },
    });
  }

  private leadSearch(url: URL): Answer {
    expectParam(url, 'q', 'searchQuery');
    expectDecoration(url, /^com\.linkedin\.sales\.deco\.desktop\.searchv2\.LeadSearchResult-\d+$/);
    // Read from the raw address: `searchParams` would decode the Rest.li values once too often.
    const raw = /[?&]query=([^&]*)/.exec(url.search)?.[1];
    if (!raw) throw badRequest('query is required');
    let parsed: ParsedSearchQuery;
    try {
      parsed = parseLeadSearchQuery(raw);
    } catch (error) {
      if (error instanceof RestliSyntaxError) throw badRequest(`query: ${error.message}`);
      throw error;
    }
    const start = intParam(url, 'start', 0, 0, Number.MAX_SAFE_INTEGER);
    const count = intParam(url, 'count', 25, 1, MAX_PAGE);
    if (start >= SEARCH_RESULT_LIMIT) throw badRequest(`start must be less than ${SEARCH_RESULT_LIMIT}`);
    const matches = this.population.search(criteriaOf(parsed));
    const people = matches.page(start, Math.min(count, SEARCH_RESULT_LIMIT - start));
    return json({
      elements: people.map((person) => leadElement(person, this.population.relationOf(person))),
      paging: { start, count, total: matches.total },
      metadata: { totalDisplayCount: matches.total >= 1000 ? `${Math.floor(matches.total / 1000)}K+` : String(matches.total) },
    });
  }

  private typeahead(url: URL): Answer {
    expectParam(url, 'q', 'query');
    const type = url.searchParams.get('type');
    if (type !== 'BING_GEO') throw badRequest(`type ${type ?? '(none)'} is not served by the fake`);
    const start = intParam(url, 'start', 0, 0, Number.MAX_SAFE_INTEGER);
    const count = intParam(url, 'count', 10, 1, 50);
    const found = matchGeos(this.population.geos(), url.searchParams.get('query') ?? '');
    return json({
      elements: found.slice(start, start + count).map((geo) => ({ id: geo.id, displayValue: geo.displayValue })),
      paging: { start, count, total: found.length },
    });
  }

  private leadLists(url: URL): Answer {
    expectParam(url, 'q', 'listType');
    expectParam(url, 'listType', 'LEAD');
    const start = intParam(url, 'start', 0, 0, Number.MAX_SAFE_INTEGER);
    const count = intParam(url, 'count', 25, 1, MAX_PAGE);
    const lists = [...this.population.leadLists()].sort((a, b) => b.lastModifiedAt - a.lastModifiedAt);
    return json({
      elements: lists.slice(start, start + count).map((list) => ({
        // Ids come as JSON numbers while they fit one exactly; longer ones as strings.
        id: Number.isSafeInteger(Number(list.id)) ? Number(list.id) : list.id,
        name: list.name,
        entityCount: list.entityCount,
        lastModifiedAt: list.lastModifiedAt,
        listSource: list.listSource,
        listType: 'LEAD',
        role: 'OWNER',
      })),
      paging: { start, count, total: lists.length },
    });
  }

  private companyLookup(url: URL): Answer {
    expectParam(url, 'q', 'universalName');
    const slug = (url.searchParams.get('universalName') ?? '').toLowerCase();
    const company = this.population.companies().find((candidate) => candidate.slug === slug);
    if (!company) throw new HttpError(404, { status: 404 });
    return json({
      elements: [
        {
          entityUrn: `urn:li:fs_normalized_company:${company.id}`,
          name: company.name,
          universalName: company.slug,
          url: `https://www.linkedin.com/company/${company.slug}`,
          staffCount: company.staffCount,
          industries: [company.industry],
          headquarter: { city: company.headquarters.split(',')[0], geographicArea: company.headquarters.split(',')[1]?.trim() },
          trackingInfo: { objectUrn: `urn:li:company:${company.id}`, trackingId: `${rngFor('tracking', company.id).token(22)}==` },
        },
      ],
      paging: { start: 0, count: 10, total: 1, links: [] },
    });
  }

  /**
   * One page of the viewer's connections in Voyager's normalized form (decoration
   * `ConnectionListWithProfile-16`), as public code captures it: `data['*elements']` lists the
   * page's connection URNs in order and `paging` has no total; `included[]` holds the Profile
   * and Connection entities, in an order of their own.
   */
  private connections(url: URL): Answer {
    expectParam(url, 'q', 'search');
    expectDecoration(url, /^com\.linkedin\.voyager\.dash\.deco\.web\.mynetwork\.ConnectionListWithProfile-\d+$/);
    const start = intParam(url, 'start', 0, 0, Number.MAX_SAFE_INTEGER);
    const count = intParam(url, 'count', 10, 1, MAX_PAGE);
    const sort = url.searchParams.get('sortType') ?? 'RECENTLY_ADDED';
    const all = sortConnections(this.population.connections(), sort);
    const page = all.slice(start, start + count);
    const profiles = page.map(({ person }) => profileEntity(person));
    const links = page.map(connectionEntity);
    const byUrn = (a: { entityUrn: string }, b: { entityUrn: string }) => (a.entityUrn < b.entityUrn ? -1 : 1);
    return {
      status: 200,
      headers: { 'Content-Type': NORMALIZED_JSON },
      body: {
        data: {
          entityUrn: `urn:li:collectionResponse:${rngFor('connections', start, count, sort).token(43)}=`,
          paging: { count, start, links: [] },
          '*elements': links.map((link) => link.entityUrn),
          $type: 'com.linkedin.restli.common.CollectionResponse',
        },
        included: [...profiles.sort(byUrn), ...links.sort(byUrn)],
      },
    };
  }

  /** The Contacts API's export task: created by POST, then read until it finishes. */
  private contactsApi(method: string, path: string, endpoint: Endpoint | undefined): Answer {
    if (endpoint === 'exportTasks') {
      if (method !== 'POST') throw apiError(405, `${method} is not allowed here`, 100);
      const id = `AQ${rngFor('task', this.session, this.tasks.size).token(40)}`;
      this.tasks.set(id, { id, reads: 0 });
      return { status: 201, headers: { 'x-linkedin-id': id, 'x-restli-id': id } };
    }
    const match = /^\/v2\/contactExporterTasks\/([^/]+)$/.exec(path);
    if (endpoint !== 'exportTask' || !match) throw apiError(404, `No resource at ${path}`, 0);
    if (method !== 'GET') throw apiError(405, `${method} is not allowed here`, 100);
    const task = this.tasks.get(decodeURIComponent(match[1]!));
    const now = this.clock();
    if (!task || (task.finishedAt !== undefined && now > task.finishedAt + this.contactsExport.ttlMs)) {
      throw apiError(404, 'Task not found', 0);
    }
    task.reads += 1;
    const base = { id: task.id, owner: this.viewer };
    if (task.finishedAt === undefined) {
      if (task.reads <= this.contactsExport.polls) return json({ ...base, status: 'IN_PROGRESS' });
      task.finishedAt = now;
      task.status = this.contactsExport.outcome;
      if (task.status === 'SUCCEEDED') task.contacts = this.population.addressBook();
    }
    if (task.status !== 'SUCCEEDED') return json({ ...base, status: task.status });
    const resultId = `AQH${rngFor('result', task.id).token(38)}`;
    return json({
      ...base,
      result: `urn:li:contactExporterTaskResult:(${resultId})`,
      'result~': { contacts: task.contacts, expiresAt: task.finishedAt + this.contactsExport.ttlMs, id: resultId },
      status: 'SUCCEEDED',
    });
  }

  /** A plain stand-in for a LinkedIn page a tab opens (company, search, lead, profile). */
  private page(url: URL): FakeReply {
    const slug = /^\/company\/([^/]+)/.exec(url.pathname)?.[1]?.toLowerCase();
    const company = slug ? this.population.companies().find((candidate) => candidate.slug === slug || candidate.id === slug) : undefined;
    const title = company
      ? `${company.name} | LinkedIn`
      : url.pathname.startsWith('/sales/search/people')
        ? 'Lead search | Sales Navigator'
        : url.pathname.startsWith('/sales/')
          ? 'Sales Navigator'
          : 'LinkedIn';
    const text = this.signedIn ? `A stand-in for ${url.pathname}, served by Listwright's fake LinkedIn.` : 'Sign in to LinkedIn.';
    return {
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
      body:
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
        `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`,
    };
  }

  private takeFault(method: string, url: URL): LinkedInFault | undefined {
    const index = this.faults.findIndex(
      (fault) =>
        (!fault.method || fault.method.toUpperCase() === method) &&
        (!fault.host || fault.host === url.host) &&
        (!fault.path || fault.path.test(url.pathname)) &&
        (!fault.query || fault.query.test(url.search)),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.left -= 1;
    if (fault.left <= 0) this.faults.splice(index, 1);
    return fault;
  }
}

/** One `salesApiLeadSearch` element (decoration `LeadSearchResult-14`), fields the extension ignores included. */
export function leadElement(person: FakePerson, relation: { degree: number; listCount: number }) {
  return {
    objectUrn: `urn:li:member:${person.memberId}`,
    entityUrn: `urn:li:fs_salesProfile:(${person.salesProfileId},NAME_SEARCH,${person.salesAuthToken})`,
    firstName: person.firstName,
    lastName: person.lastName,
    fullName: person.fullName,
    geoRegion: person.geoRegion,
    summary: person.summary ?? null,
    degree: relation.degree,
    premium: person.premium,
    openLink: person.openLink,
    saved: relation.listCount > 0,
    viewed: person.viewed,
    pendingInvitation: false,
    memorialized: false,
    listCount: relation.listCount,
    ...(person.photo ? { profilePictureDisplayImage: { rootUrl: person.photo.rootUrl, artifacts: person.photo.artifacts } } : {}),
    currentPositions: person.positions.map((position) => ({
      title: position.title,
      companyName: position.companyName,
      companyUrn: `urn:li:fs_salesCompany:${position.companyId}`,
      companyUrnResolutionResult: companyResolution(position.companyId, position.companyName),
      current: true,
      posId: position.posId,
      tenureAtPosition: position.tenureAtPosition,
      tenureAtCompany: position.tenureAtCompany,
      startedOn: position.startedOn,
    })),
  };
}

function companyResolution(id: string, name: string) {
  const company = knownCompany(id);
  return {
    entityUrn: `urn:li:fs_salesCompany:${id}`,
    name,
    industry: company?.industry ?? null,
    location: company?.headquarters ?? null,
  };
}

function profileEntity(person: FakePerson) {
  const urn = `urn:li:fsd_profile:${person.profileId}`;
  return {
    $type: 'com.linkedin.voyager.dash.identity.profile.Profile',
    $recipeTypes: ['com.linkedin.voyager.dash.deco.web.mynetwork.ConnectionProfile'],
    entityUrn: urn,
    firstName: person.firstName,
    lastName: person.lastName,
    headline: person.headline,
    publicIdentifier: person.publicIdentifier,
    memorialized: false,
    ...(person.photo
      ? {
          profilePicture: {
            $type: 'com.linkedin.voyager.dash.identity.profile.PhotoFilterPicture',
            a11yText: person.fullName,
            displayImageUrn: `urn:li:digitalmediaAsset:${person.photo.asset}`,
            displayImageReference: {
              vectorImage: {
                $type: 'com.linkedin.common.VectorImage',
                rootUrl: person.photo.rootUrl,
                artifacts: person.photo.artifacts.map((artifact) => ({
                  $type: 'com.linkedin.common.VectorArtifact',
                  ...artifact,
                  expiresAt: person.photo!.expiresAt,
                })),
              },
            },
          },
        }
      : {}),
  };
}

function connectionEntity({ person, connectedAt }: FakeConnection) {
  const profile = `urn:li:fsd_profile:${person.profileId}`;
  return {
    $type: 'com.linkedin.voyager.dash.relationships.Connection',
    $recipeTypes: ['com.linkedin.voyager.dash.deco.web.mynetwork.ConnectionListWithProfile'],
    entityUrn: `urn:li:fsd_connection:${person.profileId}`,
    createdAt: connectedAt,
    connectedMember: profile,
    '*connectedMemberResolutionResult': profile,
  };
}

function sortConnections(connections: FakeConnection[], sortType: string): FakeConnection[] {
  const byName = (key: (person: FakePerson) => string) =>
    [...connections].sort((a, b) => key(a.person).localeCompare(key(b.person), 'en') || a.person.memberId - b.person.memberId);
  switch (sortType) {
    case 'RECENTLY_ADDED':
      return connections;
    case 'FIRSTNAME_LASTNAME':
      return byName((person) => `${person.firstName} ${person.lastName}`);
    case 'LASTNAME_FIRSTNAME':
      return byName((person) => `${person.lastName} ${person.firstName}`);
    default:
      throw badRequest(`sortType ${sortType} is not known`);
  }
}

/**
 * Geographies for a typeahead prefix: the query's words must start a run of the place's words
 * (the last one as a prefix), so "slova" finds "Slovakia" and "Bratislava, Slovakia". Countries
 * come first, then the places whose name starts with the query.
 */
function matchGeos(geos: readonly FakeGeo[], query: string): FakeGeo[] {
  const wanted = searchTokens(query);
  if (!wanted.length) return [];
  const at = (geo: FakeGeo): number => {
    const words = searchTokens(geo.displayValue);
    for (let i = 0; i + wanted.length <= words.length; i += 1) {
      const ok = wanted.every((word, j) => (j === wanted.length - 1 ? words[i + j]!.startsWith(word) : words[i + j] === word));
      if (ok) return i;
    }
    return -1;
  };
  return geos
    .map((geo) => ({ geo, position: at(geo) }))
    .filter((entry) => entry.position >= 0)
    .sort(
      (a, b) =>
        Number(a.geo.kind === 'city') - Number(b.geo.kind === 'city') ||
        Number(a.position > 0) - Number(b.position > 0) ||
        a.geo.displayValue.localeCompare(b.geo.displayValue, 'en'),
    )
    .map((entry) => entry.geo);
}

/** The filters of a lead-search query: unknown filter types are ignored (they match everyone). */
function criteriaOf(parsed: ParsedSearchQuery): LeadCriteria {
  const companyIds: string[] = [];
  const excludedCompanyIds: string[] = [];
  const titles: string[] = [];
  const excludedTitles: string[] = [];
  const regionIds: string[] = [];
  let leadListId: string | undefined;
  for (const value of parsed.values) {
    const included = value.selectionType !== 'EXCLUDED';
    switch (value.type) {
      case 'CURRENT_COMPANY': {
        const id = numericId(value.id);
        if (id) (included ? companyIds : excludedCompanyIds).push(id);
        break;
      }
      case 'CURRENT_TITLE':
        if (value.text) (included ? titles : excludedTitles).push(value.text);
        break;
      case 'REGION': {
        const id = numericId(value.id);
        if (id && included) regionIds.push(id);
        break;
      }
      case 'LEAD_LIST':
        if (value.id) leadListId = value.id;
        break;
      default:
        break;
    }
  }
  return {
    companyIds,
    excludedCompanyIds,
    titles,
    excludedTitles,
    regionIds,
    ...(parsed.keywords ? { keywords: parsed.keywords } : {}),
    ...(leadListId !== undefined ? { leadListId } : {}),
  };
}

/**
 * A member photo from `media.licdn.com`: a generated SVG face whose colour follows the URL, so
 * pictures show without the network and stay the same from run to run.
 */
export function linkedInMediaReply(url: string): { status: number; headers: Record<string, string>; body: string } {
  let hash = 0;
  for (const char of url) hash = (hash * 33 + char.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">' +
    `<rect width="100" height="100" fill="hsl(${hue} 45% 62%)"/>` +
    `<circle cx="50" cy="38" r="18" fill="hsl(${hue} 40% 88%)"/>` +
    `<path d="M16 100c4-22 18-34 34-34s30 12 34 34z" fill="hsl(${hue} 40% 88%)"/></svg>`;
  return { status: 200, headers: { 'Content-Type': 'image/svg+xml' }, body: svg };
}

function isApiPath(path: string): boolean {
  return path.startsWith('/sales-api/') || path.startsWith('/voyager/api/');
}

function json(body: unknown): Answer {
  return { status: 200, body };
}

/** An api.linkedin.com error in LinkedIn's v2 shape. */
function apiError(status: number, message: string, serviceErrorCode: number): HttpError {
  return new HttpError(status, { serviceErrorCode, message, status });
}

function badRequest(message: string): HttpError {
  return new HttpError(400, { status: 400, message });
}

function expectParam(url: URL, name: string, value: string): void {
  const actual = url.searchParams.get(name);
  if (actual !== value) throw badRequest(`${name} must be ${value}, not ${actual ?? '(missing)'}`);
}

function expectDecoration(url: URL, pattern: RegExp): void {
  const decoration = url.searchParams.get('decorationId');
  if (!decoration || !pattern.test(decoration)) throw badRequest(`decorationId ${decoration ?? '(missing)'} is not known`);
}

function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw badRequest(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'x-linkedin-id, x-restli-id' };

function preflight(): FakeReply {
  return {
    status: 204,
    headers: {
      ...CORS,
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Restli-Protocol-Version',
      'Access-Control-Max-Age': '600',
    },
  };
}

type Reply = { status: number; headers: Record<string, string>; body?: string };

function toReply(answer: Answer, cors = false): Reply {
  const headers: Record<string, string> = { ...(cors ? CORS : {}), ...answer.headers };
  if (answer.body === undefined) return { status: answer.status, headers };
  if (typeof answer.body === 'string') {
    return { status: answer.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body: answer.body };
  }
  return {
    status: answer.status,
    headers: { 'Content-Type': 'application/json', 'X-RestLi-Protocol-Version': '2.0.0', ...headers },
    body: JSON.stringify(answer.body),
  };
}

function faultReply(fault: LinkedInFault, url: URL): FakeReply {
  const status = fault.status ?? 200;
  const headers: Record<string, string> = { ...fault.headers };
  if (status === 429 && !Object.keys(headers).some((name) => name.toLowerCase() === 'retry-after')) headers['Retry-After'] = '5';
  if (status >= 300 && status < 400 && !Object.keys(headers).some((name) => name.toLowerCase() === 'location')) {
    headers.Location = `https://www.linkedin.com/login?session_redirect=${encodeURIComponent(url.href)}`;
  }
  if (fault.body !== undefined) return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: fault.body };
  if (status === 999) {
    const page = '<html><body><script>window.location.href="https://www.linkedin.com/authwall";</script></body></html>';
    return { status, headers: { 'Content-Type': 'text/html', ...headers }, body: page };
  }
  if (status >= 300 && status < 400) return { status, headers };
  return toReply({ status, headers, body: { status, message: 'Injected failure' } }, url.host === API_HOST);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
