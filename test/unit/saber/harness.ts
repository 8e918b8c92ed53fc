import { ProspectDb } from '../../../lib/db/database';
import { LocalContactLists } from '../../../lib/db/local-contact-lists';
import { type CreateSnapshot } from '../../../lib/model/snapshot';
import { JobRunner } from '../../../lib/jobs/runner';
import { createOutboxJobKind } from '../../../lib/jobs/sync-outbox';
import { createPullJobKind } from '../../../lib/jobs/sync-pull';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';
import type { RetryPolicy } from '../../../lib/saber/client';
import { createSaberClientOpener } from '../../../lib/saber/open-client';
import { SaberSync } from '../../../lib/saber/sync-service';
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
export function createHarness(
  options: { fake?: FakeSaberOptions; settings?: Partial<Settings>; retry?: Partial<RetryPolicy> } = {},
) {
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
    ...(options.retry ? { retry: options.retry } : {}),
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
  const sync = new SaberSync({
    db,
    store,
    runner,
    openClient,
    loadSettings: async () => settings,
    clock,
    newId: () => {
      const key = `push-${newId()}`;
      pushKeys.push(key);
      return key;
    },
  });

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
