import { describeJobResult } from '../../../components/job-text';
import { createNetworkService } from '../../../lib/app/network-service';
import { createRefreshService } from '../../../lib/app/refresh-service';
import { ProspectDb } from '../../../lib/db/database';
import { createGateStore } from '../../../lib/db/gate-store';
import { ACTIVE_JOB_STATUSES, type JobRecord } from '../../../lib/db/records';
import { createAddressBookKind } from '../../../lib/jobs/address-book';
import { createConnectionsKind } from '../../../lib/jobs/connections';
import { createConnectionsCsvKind } from '../../../lib/jobs/connections-csv';
import { JobRunner } from '../../../lib/jobs/runner';
import { createLinkedInClient, type LinkedInClient } from '../../../lib/linkedin/client';
import { createLinkedInGate } from '../../../lib/linkedin/gate';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';
import { DEFAULT_ACCESS_TOKEN, DEFAULT_SESSION } from '../../fake-linkedin/fake-linkedin';

const dbs: ProspectDb[] = [];

/** Deletes every database the harness opened. */
export async function closeNetworkDbs(): Promise<void> {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
}

export interface NetworkHarnessOptions {
  /** How requests reach "LinkedIn": msw through the global fetch by default, or a fake's fetch. */
  fetch?: typeof fetch;
  settings?: Partial<Settings>;
  start?: number;
}

/**
 * The network job kinds over a fresh database with the real client, gate and runner, a LinkedIn
 * session in the cookie jar, a saved access token, and a fake clock that moves only when the
 * runner sleeps or a wake-up is jumped to.
 */
export function createNetworkHarness(options: NetworkHarnessOptions = {}) {
  const db = new ProspectDb(`network-${crypto.randomUUID()}`);
  dbs.push(db);
  let now = options.start ?? Date.parse('2026-11-22T10:00:00Z');
  const clock = () => now;
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    pacingMinSeconds: 0.5,
    pacingMaxSeconds: 0.5,
    linkedInAccessToken: DEFAULT_ACCESS_TOKEN,
    ...options.settings,
  };
  const readSettings = async () => settings;
  const random = () => 0.5;
  const sleep = async (ms: number) => {
    now += ms;
  };
  const jar: Record<string, string> = { JSESSIONID: `"${DEFAULT_SESSION}"`, li_at: 'AQEDARfakeLoginCookie' };
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let ids = 0;

  function newWorker() {
    const gate = createLinkedInGate({ store: createGateStore(db, clock), readLimits: readSettings, clock, random, sleep });
    const client: LinkedInClient = createLinkedInClient({ fetch: send, gate, readCookie: async (name) => jar[name], clock });
    const runner = new JobRunner({
      db,
      kinds: [
        createConnectionsKind({ client, readSettings, random }),
        createAddressBookKind({ client, readSettings, random }),
        createConnectionsCsvKind(),
      ],
      clock,
      newId: () => `id-${++ids}`,
      sleep,
      scheduleWake: async () => undefined,
    });
    const network = createNetworkService({ db, runner, gate, readSettings, clock });
    const refresh = createRefreshService({ db, runner, gate, readSettings, clock, onScheduleChange: async () => undefined });
    return { gate, client, runner, network, refresh };
  }

  let worker = newWorker();

  /**
   * Pumps until the job ends, jumping the clock to each wake-up as `chrome.alarms` would;
   * `beforeWake` may act while the job waits (restart the worker, cancel, change LinkedIn).
   */
  async function settle(jobId: string, beforeWake?: (job: JobRecord) => Promise<void> | void): Promise<JobRecord & { text: string }> {
    for (let round = 0; round < 5_000; round += 1) {
      await worker.runner.pump();
      const job = await db.jobs.get(jobId);
      if (!job) throw new Error(`job ${jobId} vanished`);
      if (!ACTIVE_JOB_STATUSES.includes(job.status)) return { ...job, text: describeJobResult(job, now) };
      await beforeWake?.(job);
      if (job.notBefore && job.notBefore > now) now = job.notBefore;
    }
    throw new Error('the job never ended');
  }

  return {
    db,
    settings,
    clock,
    jar,
    get runner() {
      return worker.runner;
    },
    get network() {
      return worker.network;
    },
    get refresh() {
      return worker.refresh;
    },
    get client() {
      return worker.client;
    },
    /** A new service worker over the same database: its own runner, gate and client, the old one's memory gone. */
    restartWorker() {
      worker = newWorker();
      return worker.runner.resume();
    },
    settle,
    advanceTo(when: number) {
      now = Math.max(now, when);
    },
    async stored() {
      const [lists, items, staged] = await Promise.all([
        db.lists.toArray(),
        db.items.orderBy('[listId+position]').toArray(),
        db.stagedPages.count(),
      ]);
      return { lists, items, staged };
    },
  };
}
export type NetworkHarness = ReturnType<typeof createNetworkHarness>;
