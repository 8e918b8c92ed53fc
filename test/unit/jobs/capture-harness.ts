import { describeJobResult, describeJobStatus } from '../../../components/job-text';
import { createCaptureService } from '../../../lib/app/capture-service';
import { createLinkedInPause } from '../../../lib/app/linkedin-pause';
import { createRefreshService } from '../../../lib/app/refresh-service';
import { ProspectDb } from '../../../lib/db/database';
import { createGateStore } from '../../../lib/db/gate-store';
import { readStoredLinkedInStatus } from '../../../lib/db/linkedin-status';
import type { JobRecord } from '../../../lib/db/records';
import { ACTIVE_JOB_STATUSES } from '../../../lib/db/records';
import { createCaptureKinds } from '../../../lib/jobs/capture';
import { createLeaversKind } from '../../../lib/jobs/leavers';
import { JobRunner } from '../../../lib/jobs/runner';
import type { LinkedInClient } from '../../../lib/linkedin/client';
import { failureForStatus, formatChanged, loggedOut } from '../../../lib/linkedin/failures';
import { createLinkedInGate, type GateTicket, type LinkedInGate } from '../../../lib/linkedin/gate';
import type { Lead, LeadSearchPage } from '../../../lib/linkedin/schemas';
import type { CaptureRequestInput } from '../../../lib/model/capture-request';
import { captureRequestSchema } from '../../../lib/model/capture-request';
import { failure, type ApiError } from '../../../lib/model/errors';
import type { LeadListSummary } from '../../../lib/model/lead-lists';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';

/** A lead as LinkedIn's search returns it, numbered so tests can tell them apart. */
export function lead(n: number): Lead {
  return {
    objectUrn: `urn:li:member:${1000 + n}`,
    entityUrn: `urn:li:fs_salesProfile:(ACwAAA${n},NAME_SEARCH,t${n})`,
    firstName: `First${n}`,
    lastName: `Last${n}`,
    fullName: `First${n} Last${n}`,
    geoRegion: 'Paris, Île-de-France, France',
    currentPositions: [
      {
        title: 'VP Sales',
        companyName: 'Stripe',
        companyUrn: 'urn:li:fs_salesCompany:2135371',
        current: true,
        tenureAtPosition: { numYears: 1, numMonths: 2 },
      },
    ],
  };
}

/** `count` distinct leads numbered from 0: what a search with that many matches holds. */
export function leads(count: number): Lead[] {
  return Array.from({ length: count }, (_, n) => lead(n));
}

export interface SearchCall {
  query: string;
  start: number;
  count: number;
  /** Fake-clock time the request went out. */
  at: number;
}

export interface FakeLinkedInScript {
  /** What the search matches, in LinkedIn's order (by default 1,234 distinct leads). */
  results?: Lead[];
  /** `paging.total` to report; defaults to `results.length`. */
  total?: number;
  /** Makes the n-th search request (0-based, over the whole test) fail or hang. */
  onSearch?: (call: number, start: number) => ApiError | 'hang' | undefined;
  /** Makes the page starting at `start` answer these leads instead of a slice of `results`. */
  pageOverride?: (start: number) => Lead[] | undefined;
  session?: () => ApiError | undefined;
  /** Company slugs LinkedIn knows (by default every slug but `no-such-company` is Stripe). */
  companies?: Record<string, { id: string; name?: string }>;
  /** Makes the lookup of a slug fail or hang. */
  onResolve?: (slug: string) => ApiError | 'hang' | undefined;
  leadLists?: LeadListSummary[];
  /** Malformed elements each page reports it left out. */
  invalidPerPage?: number;
}

const BUDGETED: GateTicket = { budgeted: true };
const FREE: GateTicket = { budgeted: false };

/**
 * An in-memory LinkedIn client that records what was asked and when. Every request waits its
 * turn at the real gate, as the real client's do, so pacing, budget and refusals are the
 * production ones.
 */
export class FakeLinkedIn implements LinkedInClient {
  readonly searches: SearchCall[] = [];
  /** Fake-clock times of the session checks. */
  readonly sessionChecks: number[] = [];
  readonly resolved: string[] = [];
  /** Slugs LinkedIn was asked about, with the fake-clock time of each request. */
  readonly lookups: { slug: string; at: number }[] = [];

  constructor(
    private readonly now: () => number,
    /** Replaced when a test starts a new worker: the old one's line of requests died with it. */
    public gate: LinkedInGate,
    public script: FakeLinkedInScript = {},
  ) {}

  async checkSession(): Promise<void> {
    await this.gate.send(FREE, async () => {
      this.sessionChecks.push(this.now());
      const refused = this.script.session?.();
      if (refused) throw refused;
    });
  }

  async resolveCompany(ref: Parameters<LinkedInClient['resolveCompany']>[0]) {
    this.resolved.push(ref.url);
    if (ref.kind === 'id') return { id: ref.id };
    return this.gate.send(FREE, async () => {
      this.lookups.push({ slug: ref.slug, at: this.now() });
      const outcome = this.script.onResolve?.(ref.slug);
      if (outcome === 'hang') return new Promise<never>(() => undefined);
      if (outcome) throw outcome;
      const known = this.script.companies ? this.script.companies[ref.slug] : { id: '2135371', name: 'Stripe' };
      if (!known || ref.slug === 'no-such-company') throw failure('not_found', 'linkedin.companyNotFound', { url: ref.url });
      return known;
    });
  }

  async resolveGeo(countryCode: string) {
    return { id: '103644278', name: countryCode === 'US' ? 'United States' : countryCode };
  }

  async searchLeads(query: string, start: number, count: number): Promise<LeadSearchPage> {
    return this.gate.send(BUDGETED, async () => {
      const call = this.searches.length;
      this.searches.push({ query, start, count, at: this.now() });
      const outcome = this.script.onSearch?.(call, start);
      if (outcome === 'hang') return new Promise<never>(() => undefined);
      if (outcome) throw outcome;
      const results = this.script.results ?? leads(1234);
      const page = this.script.pageOverride?.(start) ?? results.slice(start, start + count);
      return { leads: page, total: this.script.total ?? results.length, invalid: this.script.invalidPerPage ?? 0 };
    });
  }

  async listLeadLists(): Promise<LeadListSummary[]> {
    return this.gate.send(FREE, async () => this.script.leadLists ?? []);
  }

  /** Captures never read connections or the address book. */
  readConnectionsPage(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }

  startAddressBookExport(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }

  readAddressBookTask(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }
}

/** LinkedIn's failures as the real client builds them. */
export const failures = {
  loggedOut: () => loggedOut(),
  expired: () => failureForStatus(401, new Headers(), 0),
  rateLimited: (retryAt?: number) => failure('rate_limited', 'linkedin.rateLimited', {}, retryAt ? { retryAt } : {}),
  upstream: () => failureForStatus(503, new Headers(), 0),
  formatChanged: () => formatChanged('salesApiLeadSearch'),
};

export const STRIPE_REQUEST: CaptureRequestInput = {
  name: 'VP Sales at Stripe',
  filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
};

const dbs: ProspectDb[] = [];

/** Deletes every database the harness opened. */
export async function closeAll(): Promise<void> {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
}

export interface HarnessOptions {
  start?: number;
  settings?: Partial<Settings>;
  script?: FakeLinkedInScript;
  random?: () => number;
  db?: ProspectDb;
}

/**
 * A runner with the capture, refresh and "Check leavers" kinds over a fresh database, a fake LinkedIn and a fake clock
 * that only moves when the runner sleeps or the test advances it.
 */
export function createHarness(options: HarnessOptions = {}) {
  const db = options.db ?? new ProspectDb(`capture-${crypto.randomUUID()}`);
  if (!options.db) dbs.push(db);
  let now = options.start ?? Date.parse('2026-11-22T10:00:00Z');
  const clock = () => now;
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const readSettings = async () => settings;
  const random = options.random ?? (() => 0.5);
  const sleep = async (ms: number) => {
    now += ms;
  };
  const newGate = () => createLinkedInGate({ store: createGateStore(db, clock), readLimits: readSettings, clock, random, sleep });
  const gate = newGate();
  const linkedIn = new FakeLinkedIn(clock, gate, options.script);
  const wakes: number[] = [];
  let ids = 0;
  const kinds = () => [...createCaptureKinds({ client: linkedIn, readSettings, random }), createLeaversKind({ client: linkedIn, random })];

  /** What a new service worker starts with: a runner and a gate of its own over the same database. */
  function restartWorker(): JobRunner {
    linkedIn.gate = newGate();
    return new JobRunner({ db, kinds: kinds(), clock, newId: () => crypto.randomUUID(), sleep, scheduleWake: async () => undefined });
  }
  const runner = new JobRunner({
    db,
    kinds: kinds(),
    clock,
    newId: () => `id-${++ids}`,
    sleep,
    scheduleWake: async (when) => {
      wakes.push(when);
    },
  });
  const service = createCaptureService({ runner, client: linkedIn, gate, readSettings, clock });
  /** The panel's Resume and Clear cool-down, as the background wires them. */
  const pause = createLinkedInPause({ gate, runner });
  const scheduleChanges: number[] = [];
  const refresh = createRefreshService({
    db,
    runner,
    gate,
    readSettings,
    clock,
    onScheduleChange: async () => {
      scheduleChanges.push(now);
    },
  });

  /** A job as the panel words it: `text` is what the jobs area shows for it. */
  const withText = (job: JobRecord) => ({
    ...job,
    text: ACTIVE_JOB_STATUSES.includes(job.status) ? describeJobStatus(job, now) : describeJobResult(job, now),
  });

  /**
   * Pumps until the job ends, jumping the clock to each wake-up as `chrome.alarms` would.
   * `beforeWake` may act while the job waits (cancel it, change the script).
   */
  async function settle(
    jobId: string,
    beforeWake?: (job: JobRecord & { text: string | undefined }) => Promise<void> | void,
  ): Promise<JobRecord & { text: string }> {
    for (let round = 0; round < 10_000; round += 1) {
      await runner.pump();
      const job = await db.jobs.get(jobId);
      if (!job) throw new Error(`job ${jobId} vanished`);
      if (!ACTIVE_JOB_STATUSES.includes(job.status)) return { ...job, text: describeJobResult(job, now) };
      await beforeWake?.(withText(job));
      if (job.notBefore && job.notBefore > now) now = job.notBefore;
    }
    throw new Error('the job never ended');
  }

  /** Starts a capture as the `capture.start` message would (validated by the same schema). */
  async function startCapture(request: CaptureRequestInput = STRIPE_REQUEST): Promise<string> {
    return (await service.start(captureRequestSchema.parse(request))).jobId;
  }

  async function stored() {
    const [lists, items, baseContacts, staged] = await Promise.all([
      db.lists.toArray(),
      db.items.orderBy('[listId+position]').toArray(),
      db.baseContacts.count(),
      db.stagedPages.count(),
    ]);
    return { lists, items, baseContacts, staged };
  }

  return {
    db,
    runner,
    service,
    pause,
    refresh,
    scheduleChanges,
    linkedIn,
    gate,
    restartWorker,
    settings,
    wakes,
    clock,
    withText,
    linkedInStatus: () => readStoredLinkedInStatus(db, now),
    advanceTo: (when: number) => {
      now = Math.max(now, when);
    },
    settle,
    startCapture,
    stored,
  };
}
