import { afterEach, describe, expect, it } from 'vitest';
import { ProspectDb } from '../../../lib/db/database';
import { readLatestChanges } from '../../../lib/db/list-history';
import { ACTIVE_JOB_STATUSES, type JobRecord } from '../../../lib/db/records';
import { CAPTURE_KIND, REFRESH_KIND, createCaptureKinds } from '../../../lib/jobs/capture';
import { JobRunner } from '../../../lib/jobs/runner';
import { captureRequestSchema } from '../../../lib/model/capture-request';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';
import { FakeLinkedIn } from '../../fake-linkedin/fake-linkedin';
import { NumberedPopulation } from '../../fake-linkedin/population';
import { clientFor } from '../fake-linkedin/harness';
import { STRIPE_REQUEST } from './capture-harness';

const dbs: ProspectDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

/**
 * A runner with the capture kinds over the fake LinkedIn's numbered population, through the
 * extension's own client. Settings are read as `chrome.storage` reads them: the answer comes in
 * a later task, long enough for IndexedDB to commit a transaction that awaits it.
 */
function setUp() {
  const db = new ProspectDb(`refresh-${crypto.randomUUID()}`);
  dbs.push(db);
  const population = new NumberedPopulation({ total: 40 });
  const fake = new FakeLinkedIn({ population });
  let now = Date.parse('2026-11-22T10:00:00Z');
  const readSettings = () => new Promise<Settings>((resolve) => setTimeout(() => resolve(DEFAULT_SETTINGS), 0));
  const runner = new JobRunner({
    db,
    kinds: createCaptureKinds({ client: clientFor(fake), readSettings, random: () => 0.5 }),
    clock: () => now,
    newId: () => crypto.randomUUID(),
    sleep: async (ms) => {
      now += ms;
    },
    scheduleWake: async () => undefined,
  });
  async function settle(jobId: string): Promise<JobRecord> {
    for (let round = 0; round < 1000; round += 1) {
      await runner.pump();
      const job = await db.jobs.get(jobId);
      if (!job) throw new Error(`job ${jobId} vanished`);
      if (!ACTIVE_JOB_STATUSES.includes(job.status)) return job;
      if (job.notBefore && job.notBefore > now) now = job.notBefore;
    }
    throw new Error('the job never ended');
  }
  return { db, population, runner, settle };
}

describe('a refresh job', () => {
  it('commits the new snapshot and its history in one go, even when reading the settings takes a task', async () => {
    const { db, population, runner, settle } = setUp();
    const capture = await runner.enqueue({ kind: CAPTURE_KIND, subject: 'x', params: captureRequestSchema.parse(STRIPE_REQUEST) });
    const captured = await settle(capture.id);
    expect(captured.status).toBe('done');
    const listId = captured.resultListId!;

    population.evolve({ left: [3, 5], joined: 2, retitled: { 7: 'Chief Revenue Officer' } });
    const refresh = await runner.enqueue({ kind: REFRESH_KIND, subject: 'x', params: { listId } });
    const done = await settle(refresh.id);

    expect(done, JSON.stringify(done.error)).toMatchObject({
      status: 'done',
      resultListId: listId,
      outcome: { code: 'refresh.done', params: { contacts: 40, matched: 40, joined: 2, left: 2, changed: 1 } },
    });
    expect(await db.lists.get(listId)).toMatchObject({ contactCount: 40, refresh: { version: 2, unseen: true } });
    const latest = await readLatestChanges(db, listId);
    expect(latest?.rows.map((row) => [row.change, row.item.fullName])).toEqual([
      ['joined', 'Ada40 Lovelace40'],
      ['joined', 'Ada41 Lovelace41'],
      ['left', 'Ada3 Lovelace3'],
      ['left', 'Ada5 Lovelace5'],
      ['changed', 'Ada7 Lovelace7'],
    ]);
    expect(await db.stagedPages.count()).toBe(0);
  });
});
