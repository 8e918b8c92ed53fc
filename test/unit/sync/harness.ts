import { describeJobResult, describeJobStatus } from '../../../components/job-text';
import { describeSync } from '../../../components/format';
import { createSaberSync } from '../../../lib/app/saber-sync';
import { ProspectDb } from '../../../lib/db/database';
import { LocalContactLists } from '../../../lib/db/local-contact-lists';
import { ACTIVE_JOB_STATUSES } from '../../../lib/db/records';
import { JobRunner } from '../../../lib/jobs/runner';
import { createOutboxJobKind } from '../../../lib/jobs/saber-outbox';
import { createPullJobKind } from '../../../lib/jobs/saber-pull';
import { SABER_CLIENT_RETRY, type RetryPolicy } from '../../../lib/model/retry';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';
import { type CreateSnapshot } from '../../../lib/model/snapshot';
import { createListCommands } from '../../../lib/sync/list-commands';
import { createSaberClientOpener } from '../../../lib/sync/open-client';
import { FakeSaber, type FakeSaberOptions } from '../../fake-saber/fake-saber';
import { fakeSaberFetch } from '../../fake-saber/fetch';

export const START = Date.parse('2026-11-22T09:00:00.000Z');

/** A list Saber accepts for a push: a company URL and a job title. */
export function pushable(name: string, contacts = 2): CreateSnapshot {
  return {
    name,
    filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
    contacts: Array.from({ length: contacts }, (_, i) => ({
      baseContactId: `urn:li:member:${name}:${i}`,
      fullName: `Local Person ${i}`,
      role: 'VP Sales',
    })),
    source: { kind: 'search' },
  };
}

/**
 * The whole sync stack over fake-indexeddb and the in-memory fake Saber: one fake clock that
 * every sleep advances, a real job runner, the real client through a `fetch` into the fake.
 */
export function createHarness(options: { fake?: FakeSaberOptions; settings?: Partial<Settings>; retries?: number } = {}) {
  let now = START;
  let ids = 0;
  const clock = () => now;
  const sleep = async (ms: number) => {
    now += ms;
  };
  const fake = new FakeSaber({ clock, sleep, ...options.fake });
  const db = new ProspectDb(`saber-${crypto.randomUUID()}`);
  const newId = () => `id-${String(++ids).padStart(6, '0')}`;
  const store = new LocalContactLists(db, { clock, newId });
  const settings: Settings = { ...DEFAULT_SETTINGS, saberApiKey: fake.apiKey, ...options.settings };
  const wakes: number[] = [];
  const openClient = createSaberClientOpener({
    loadSettings: async () => settings,
    hasHostPermission: async () => true,
    sleep,
    clock,
    random: () => 0.5,
    newIdempotencyKey: () => `idem-${newId()}`,
    fetch: fakeSaberFetch(fake),
    ...(options.retries === undefined ? {} : { retry: clientRetries(options.retries) }),
  });
  const runner = new JobRunner({
    db,
    kinds: [
      createOutboxJobKind({ openClient, clock, random: () => 0.5 }),
      createPullJobKind({ openClient, clock, random: () => 0.5, newId }),
    ],
    clock,
    newId,
    sleep,
    scheduleWake: async (when) => {
      wakes.push(when);
    },
  });
  /** Every Idempotency-Key a push queued (the sync service's only use of `newId`). */
  const pushKeys: string[] = [];
  const commands = createListCommands({
    db,
    store,
    clock,
    newIdempotencyKey: () => {
      const key = `push-${newId()}`;
      pushKeys.push(key);
      return key;
    },
  });
  const sync = createSaberSync({ db, runner, commands, openClient, loadSettings: async () => settings, clock });

  /** A job with `text`, what the jobs area shows for it. */
  async function job(jobId: string) {
    const record = await db.jobs.get(jobId);
    if (!record) return undefined;
    const text = ACTIVE_JOB_STATUSES.includes(record.status) ? describeJobStatus(record, now) : describeJobResult(record, now);
    return { ...record, text };
  }

  /** A list with `syncText`, the line under its sync badge. */
  async function list(listId: string) {
    const record = await db.lists.get(listId);
    return record && { ...record, syncText: describeSync(record.sync, now).message };
  }

  /** Lets time pass until no job can run any more (alarms fire as they come due). */
  async function settle(maxRounds = 200): Promise<void> {
    for (let round = 0; round < maxRounds; round += 1) {
      await runner.pump();
      const active = await db.jobs.where('status').anyOf(['queued', 'running', 'waiting']).toArray();
      if (active.length === 0) return;
      const next = Math.min(...active.map((job) => job.notBefore ?? now));
      now = Math.max(now, next);
    }
    throw new Error('Jobs did not settle');
  }

  return {
    db,
    store,
    fake,
    runner,
    sync,
    job,
    list,
    settings,
    wakes,
    pushKeys,
    settle,
    clock,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
export type Harness = ReturnType<typeof createHarness>;

/** The Saber client's policy with another number of in-memory retries. */
function clientRetries(count: number): RetryPolicy {
  return {
    ...SABER_CLIENT_RETRY,
    transient: { ...SABER_CLIENT_RETRY.transient, retries: count },
    rateLimited: { ...SABER_CLIENT_RETRY.rateLimited, retries: count },
  };
}
