import { describeConnector } from '../../../components/outcome-text';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProspectDb } from '../../../lib/db/database';
import { createHarness, pushable, type Harness } from './harness';

const harnesses: Harness[] = [];
function setup(...args: Parameters<typeof createHarness>) {
  const harness = createHarness(...args);
  harnesses.push(harness);
  return harness;
}
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.db.delete()));
});

async function byRemoteId(db: ProspectDb, remoteId: string) {
  return db.lists.where('sync.remoteId').equals(remoteId).first();
}

describe('push', () => {
  it('creates the list on Saber from its name and filters and keeps both counts', async () => {
    const h = setup();
    const local = await h.store.createList(pushable('VP Sales at Stripe', 3));
    const { jobId } = await h.sync.push(local.id);
    expect(await h.db.lists.get(local.id)).toMatchObject({ sync: { state: 'pending' } });
    const [queued] = await h.db.outbox.toArray();
    await h.settle();

    const [post] = h.fake.requestsTo('POST', /^\/v1\/contacts\/lists$/);
    expect(post?.body).toEqual({ name: 'VP Sales at Stripe', filters: local.filters });
    expect(post?.headers['idempotency-key']).toBe((queued?.payload as { idempotencyKey: string }).idempotencyKey);
    const [remote] = h.fake.allLists();
    const pushed = await h.db.lists.get(local.id);
    expect(pushed).toMatchObject({
      contactCount: 3,
      sync: { state: 'synced', remoteId: remote!.id, remoteContactCount: remote!.contactCount, syncedAt: expect.any(String) },
    });
    expect(await h.job(jobId)).toMatchObject({ status: 'done', text: '1 change sent to Saber' });
    expect(await h.db.outbox.count()).toBe(0);
  });

  it('refuses a list Saber could not search for, naming the field, and queues nothing', async () => {
    const h = setup();
    const local = await h.store.createList({ name: 'No filters', contacts: [] });
    await expect(h.sync.push(local.id)).rejects.toMatchObject({
      status: 400,
      details: expect.arrayContaining([expect.objectContaining({ field: 'filters.companyLinkedInUrls' })]),
    });
    expect(await h.db.outbox.count()).toBe(0);
    expect((await h.db.lists.get(local.id))?.sync).toEqual({ state: 'local' });
  });

  it('refuses a list of your network, which stays local, and queues nothing', async () => {
    const h = setup();
    for (const source of [
      { kind: 'addressBook' },
      { kind: 'connections' },
      { kind: 'connectionsCsv', fileName: 'Connections.csv' },
    ] as const) {
      const local = await h.store.createList({ name: 'Network', contacts: [], source });
      await expect(h.sync.push(local.id)).rejects.toMatchObject({
        status: 400,
        reason: { code: 'sync.localOnly', params: { source: source.kind } },
      });
    }
    expect(await h.db.outbox.count()).toBe(0);
  });

  it('needs a key before anything is queued', async () => {
    const h = setup({ settings: { saberApiKey: '' } });
    const local = await h.store.createList(pushable('No key'));
    await expect(h.sync.push(local.id)).rejects.toMatchObject({ status: 401, details: [{ field: 'saberApiKey' }] });
    expect(await h.db.outbox.count()).toBe(0);
  });

  it('a second push of a synced list is a conflict; of a pending one, the same job', async () => {
    const h = setup();
    const local = await h.store.createList(pushable('Twice'));
    const first = await h.sync.push(local.id);
    expect(await h.sync.push(local.id)).toEqual(first);
    await h.settle();
    await expect(h.sync.push(local.id)).rejects.toMatchObject({ error: 'conflict' });
    expect(h.fake.allLists()).toHaveLength(1);
  });

  it("shows Saber's connector error on the list when Sales Navigator is not connected", async () => {
    const h = setup({ fake: { connector: 'disconnected' } });
    const local = await h.store.createList(pushable('No connector'));
    await h.sync.push(local.id);
    await h.settle();
    const list = await h.db.lists.get(local.id);
    expect(list?.sync?.state).toBe('error');
    expect((await h.list(local.id))?.syncText).toMatch(/^Saber could not create the list: .*connect Sales Navigator in Saber/);
    expect(list?.sync?.remoteId).toBeUndefined();
    expect(await h.db.outbox.count()).toBe(0);
  });
});

describe('outbox', () => {
  it('a rename of a pushed list is queued with it and reaches Saber as a PUT', async () => {
    const h = setup();
    const local = await h.store.createList(pushable('Before'));
    await h.sync.push(local.id);
    await h.settle();
    const renamed = await h.sync.rename(local.id, '  After  ');
    expect(renamed).toMatchObject({ name: 'After', sync: { state: 'pending' } });
    await h.settle();
    const remoteId = (await h.db.lists.get(local.id))!.sync!.remoteId!;
    expect(h.fake.requestsTo('PUT', new RegExp(`/${remoteId}$`)).map((r) => r.body)).toEqual([{ name: 'After' }]);
    expect(h.fake.allLists()[0]?.name).toBe('After');
    expect(await h.db.lists.get(local.id)).toMatchObject({ sync: { state: 'synced', remoteUpdatedAt: h.fake.allLists()[0]!.updatedAt } });
  });

  it('renaming a local-only list queues nothing', async () => {
    const h = setup();
    const local = await h.store.createList(pushable('Only here'));
    await h.sync.rename(local.id, 'Still only here');
    expect(await h.db.outbox.count()).toBe(0);
    expect(await h.db.jobs.count()).toBe(0);
  });

  it('a rename queued before the create was acknowledged follows it to the new remote id', async () => {
    const h = setup();
    const local = await h.store.createList(pushable('First name'));
    await h.sync.push(local.id);
    await h.sync.rename(local.id, 'Second name');
    await h.sync.delete(local.id, false);
    await h.settle();
    expect(h.fake.allLists().map((l) => l.name)).toEqual(['Second name']);
  });

  it('deleting with alsoOnSaber sends DELETE; without it Saber keeps the list', async () => {
    const h = setup();
    const kept = await h.store.createList(pushable('Kept on Saber'));
    const gone = await h.store.createList(pushable('Gone everywhere'));
    await h.sync.push(kept.id);
    await h.sync.push(gone.id);
    await h.settle();
    await h.sync.delete(kept.id, false);
    await h.sync.delete(gone.id, true);
    await h.settle();
    expect(h.fake.allLists().map((l) => l.name)).toEqual(['Kept on Saber']);
    expect(await h.db.lists.count()).toBe(0);
  });

  it.each([410, 413, 451])(
    'a %i, which the mapping gives no meaning, ends that change as failed with its reason and the queue moves on',
    async (status) => {
      const h = setup();
      const refused = await h.store.createList(pushable('Refused'));
      const next = await h.store.createList(pushable('Next'));
      h.fake.inject({ method: 'POST', status, body: { error: 'payload_refused', message: 'Not today' }, times: 1 });
      await h.sync.push(refused.id);
      await h.sync.push(next.id);
      await h.settle();
      expect(await h.list(refused.id)).toMatchObject({
        sync: { state: 'error', op: 'create', outcome: { code: 'saber.refused', params: { status, saberMessage: 'Not today' } } },
        syncText: `Saber could not create the list: Saber refused the request (HTTP ${status}). Saber said: Not today`,
      });
      expect(await h.db.lists.get(next.id)).toMatchObject({ sync: { state: 'synced' } });
      expect(await h.db.outbox.count()).toBe(0);
      expect(h.fake.requestsTo('POST', /lists$/)).toHaveLength(2);
    },
  );

  it('an answer that breaks the contract ends that change as failed, naming the field, and the queue moves on', async () => {
    const h = setup();
    const broken = await h.store.createList(pushable('Broken answer'));
    const next = await h.store.createList(pushable('Next'));
    h.fake.inject({ method: 'POST', status: 201, body: { id: 'cl_x', name: 'Broken answer' }, afterApply: true, times: 1 });
    await h.sync.push(broken.id);
    await h.sync.push(next.id);
    await h.settle();
    expect(await h.list(broken.id)).toMatchObject({
      sync: { state: 'error', outcome: { code: 'saber.contract', params: { what: 'newList', field: 'filters' } } },
    });
    expect(await h.db.lists.get(next.id)).toMatchObject({ sync: { state: 'synced' } });
    expect(await h.db.outbox.count()).toBe(0);
  });

  it('while Saber is unreachable the change waits on an alarm, then goes exactly once', async () => {
    const h = setup();
    const local = await h.store.createList(pushable('Offline push'));
    // Each try makes 4 requests (the client's own retries); the second try's backoff is long.
    h.fake.inject({ method: 'POST', drop: true, times: 8 });
    await h.sync.push(local.id);
    await h.runner.pump();
    const waiting = await h.db.outbox.toArray();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({
      attempts: 2,
      notBefore: expect.any(Number),
      lastFailure: { error: 'network_error', reason: { code: 'saber.network' } },
    });
    expect(await h.list(local.id)).toMatchObject({
      sync: { state: 'pending' },
      syncText: expect.stringMatching(/^Not sent yet: .*try again at/),
    });
    expect(h.wakes.length).toBeGreaterThan(0);
    await h.settle();
    expect(h.fake.allLists()).toHaveLength(1);
    expect(await h.db.lists.get(local.id)).toMatchObject({ sync: { state: 'synced' } });
  });

  it('a create whose answer was lost is repeated with the same Idempotency-Key and not made twice', async () => {
    const h = setup();
    const local = await h.store.createList(pushable('Lost answer'));
    h.fake.inject({ method: 'POST', drop: true, afterApply: true, times: 5 });
    await h.sync.push(local.id);
    await h.settle();
    const posts = h.fake.requestsTo('POST', /^\/v1\/contacts\/lists$/);
    expect(posts.length).toBeGreaterThan(1);
    expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).toBe(1);
    expect(h.fake.allLists()).toHaveLength(1);
    expect((await h.db.lists.get(local.id))?.sync?.remoteId).toBe(h.fake.allLists()[0]!.id);
  });

  it('a rejected key stops the drain, keeps the change and marks the list', async () => {
    const h = setup({ settings: { saberApiKey: 'sk_live_wrong_key_1234' } });
    const local = await h.store.createList(pushable('Wrong key'));
    const { jobId } = await h.sync.push(local.id);
    await h.settle();
    expect(await h.job(jobId)).toMatchObject({
      status: 'failed',
      error: { status: 401, reason: { code: 'saber.keyRejected' } },
      text: 'Saber rejected the API key.',
    });
    expect(await h.db.outbox.count()).toBe(1);
    expect(await h.list(local.id)).toMatchObject({ sync: { state: 'error' }, syncText: 'Saber rejected the API key.' });

    const before = { ...h.settings };
    h.settings.saberApiKey = h.fake.apiKey;
    await h.sync.settingsChanged(before, h.settings);
    await h.settle();
    expect(await h.db.outbox.count()).toBe(0);
    expect(await h.db.lists.get(local.id)).toMatchObject({ sync: { state: 'synced' } });
  });
});

describe('a rejected key blocks the outbox until the key or address changes, or the user retries', () => {
  /** A pushed list whose create Saber refused with a 401: one drain job, failed; one request. */
  async function blockedByRejectedKey() {
    const h = setup({ settings: { saberApiKey: 'sk_live_wrong_key_1234' } });
    const local = await h.store.createList(pushable('Wrong key'));
    const { jobId } = await h.sync.push(local.id);
    await h.settle();
    expect(h.fake.requests).toHaveLength(1);
    expect(await h.db.jobs.toArray()).toMatchObject([{ id: jobId, kind: 'saber.outbox', status: 'failed' }]);
    return { h, local, jobId };
  }

  it('stores the block with its outcome', async () => {
    const { h } = await blockedByRejectedKey();
    expect(await h.db.meta.get('saber.outboxBlocked')).toMatchObject({
      value: { error: 'unauthorized', reason: { code: 'saber.keyRejected', params: {} }, since: new Date(h.clock()).toISOString() },
    });
  });

  it('alarms, worker starts and settings writes that keep the key and address send nothing and start no job', async () => {
    const { h, jobId } = await blockedByRejectedKey();
    for (let hour = 0; hour < 4; hour += 1) {
      h.advance(15 * 60_000);
      // The periodic alarm and a worker start.
      await h.sync.drainIfQueued();
      await h.runner.resume();
      // A settings write that changes only the page budget.
      const before = { ...h.settings };
      h.settings.dailyPageBudget += 1;
      await h.sync.settingsChanged(before, h.settings);
      await h.settle();
    }
    expect(h.fake.requests).toHaveLength(1);
    expect((await h.db.jobs.toArray()).map((job) => job.id)).toEqual([jobId]);
    expect(await h.db.outbox.count()).toBe(1);
  });

  it('a push while blocked is refused with the reason and queues nothing; a rename is queued and waits', async () => {
    const { h, local } = await blockedByRejectedKey();
    const other = await h.store.createList(pushable('Another'));
    await expect(h.sync.push(other.id)).rejects.toMatchObject({ status: 401, reason: { code: 'saber.keyRejected' } });
    await h.sync.rename(local.id, 'Renamed while blocked');
    await h.settle();
    expect((await h.db.outbox.toArray()).map((row) => [row.listId, row.op])).toEqual([
      [local.id, 'create'],
      [local.id, 'rename'],
    ]);
    expect(h.fake.requests).toHaveLength(1);
    expect(await h.db.jobs.count()).toBe(1);
  });

  it('Retry sends once more; the drain job that failed is replaced, not added to', async () => {
    const { h, jobId } = await blockedByRejectedKey();
    const { jobId: retried } = await h.sync.retry();
    await h.settle();
    expect(retried).toEqual(expect.any(String));
    expect(retried).not.toBe(jobId);
    // The same wrong key: refused again, blocked again, still one drain job on record.
    expect(h.fake.requests).toHaveLength(2);
    expect(await h.db.jobs.toArray()).toMatchObject([{ id: retried, status: 'failed', error: { reason: { code: 'saber.keyRejected' } } }]);
    await h.sync.drainIfQueued();
    await h.settle();
    expect(h.fake.requests).toHaveLength(2);
  });

  it('a new key lifts the block and sends what is queued', async () => {
    const { h, local } = await blockedByRejectedKey();
    const before = { ...h.settings };
    h.settings.saberApiKey = h.fake.apiKey;
    await h.sync.settingsChanged(before, h.settings);
    await h.settle();
    expect(h.fake.requests).toHaveLength(2);
    expect(await h.db.meta.get('saber.outboxBlocked')).toBeUndefined();
    expect(await h.db.lists.get(local.id)).toMatchObject({ sync: { state: 'synced' } });
    expect(await h.db.jobs.toArray()).toMatchObject([{ kind: 'saber.outbox', status: 'done' }]);
  });

  it('a new base URL lifts the block too: the old key is tried there once, and blocked again', async () => {
    const { h } = await blockedByRejectedKey();
    const before = { ...h.settings };
    h.settings.saberBaseUrl = 'https://saber.example.com';
    await h.sync.settingsChanged(before, h.settings);
    await h.settle();
    expect(h.fake.requests).toHaveLength(2);
    expect(await h.db.meta.get('saber.outboxBlocked')).toMatchObject({ value: { reason: { code: 'saber.keyRejected' } } });
    expect(await h.db.jobs.count()).toBe(1);
  });

  it('one drain job at a time: triggers together reuse the one queued', async () => {
    const h = setup();
    const list = await h.store.createList(pushable('Queued'));
    h.fake.inject({ drop: true, times: 1_000 });
    await h.sync.push(list.id);
    await h.runner.pump();
    await Promise.all([h.sync.drainIfQueued(), h.sync.ensureDrain(), h.sync.retry(), h.sync.drainIfQueued()]);
    await h.runner.pump();
    const jobs = await h.db.jobs.toArray();
    expect(jobs.map((job) => job.kind)).toEqual(['saber.outbox']);
    expect(jobs[0]?.status).toBe('waiting');
  });
});

describe('pull', () => {
  it('imports every remote list with its contacts, 100 a page', async () => {
    const h = setup();
    for (let i = 0; i < 105; i += 1) h.fake.seedList({ name: `Remote ${i}`, contactCount: i === 0 ? 230 : 1 });
    const { jobId } = await h.sync.pull();
    await h.settle();
    expect(await h.job(jobId)).toMatchObject({ status: 'done', text: '105 lists on Saber, 105 new' });
    expect(await h.db.lists.count()).toBe(105);
    const big = await byRemoteId(h.db, h.fake.allLists().find((l) => l.name === 'Remote 0')!.id);
    expect(big).toMatchObject({ contactCount: 230, source: { kind: 'saber' }, sync: { state: 'synced', remoteContactCount: 230 } });
    const page = await h.store.listContacts(big!.id, { limit: 100, offset: 200 });
    expect(page.items.map((item) => item.fullName)).toEqual(
      h.fake
        .contactsOf(big!.sync!.remoteId!)
        .slice(200)
        .map((c) => c.fullName),
    );
    expect(h.fake.requestsTo('GET', /^\/v1\/contacts\/lists$/).map((r) => r.query)).toEqual([
      { limit: '100', offset: '0' },
      { limit: '100', offset: '100' },
    ]);
    expect(
      h.fake
        .requestsTo('GET', /\/contacts$/)
        .filter((r) => r.path.includes(big!.sync!.remoteId!))
        .map((r) => r.query.offset),
    ).toEqual(['0', '100', '200']);
  });

  it('does not download an unchanged list again, and replaces a changed one whole', async () => {
    const h = setup();
    const a = h.fake.seedList({ name: 'A', contactCount: 3 });
    h.fake.seedList({ name: 'B', contactCount: 2 });
    await h.sync.pull();
    await h.settle();
    const contactsBefore = h.fake.requestsTo('GET', /\/contacts$/).length;

    h.fake.renameRemote(a.id, 'A renamed');
    await h.sync.pull();
    await h.settle();
    const contactRequests = h.fake.requestsTo('GET', /\/contacts$/).slice(contactsBefore);
    expect(contactRequests.map((r) => r.path)).toEqual([`/v1/contacts/lists/${a.id}/contacts`]);
    const local = await byRemoteId(h.db, a.id);
    expect(local).toMatchObject({ name: 'A renamed', contactCount: 3 });
    expect(await h.db.items.where('[listId+position]').between([local!.id, 0], [local!.id, Infinity]).count()).toBe(3);
  });

  it('marks a list that disappeared from Saber and keeps it until the user deletes it', async () => {
    const h = setup();
    const a = h.fake.seedList({ name: 'Doomed', contactCount: 2 });
    await h.sync.pull();
    await h.settle();
    h.fake.deleteRemote(a.id);
    const { jobId } = await h.sync.pull();
    await h.settle();
    expect(await byRemoteId(h.db, a.id)).toMatchObject({
      contactCount: 2,
      sync: { state: 'deletedRemote', outcome: { code: 'sync.deletedOnSaber' } },
    });
    expect(await h.job(jobId)).toMatchObject({ text: expect.stringMatching(/1 deleted on Saber/) });
    expect(h.fake.requestsTo('GET', new RegExp(`/${a.id}$`))).toHaveLength(1);
  });

  it("renamed on both sides: Saber's name wins, the local one stays in the history", async () => {
    const h = setup();
    const a = h.fake.seedList({ name: 'Original', contactCount: 1 });
    await h.sync.pull();
    await h.settle();
    const local = (await byRemoteId(h.db, a.id))!;
    // Offline: the local rename stays queued while someone renames the list on Saber.
    h.fake.inject({ drop: true, times: 1_000 });
    await h.sync.rename(local.id, 'Local name');
    await h.runner.pump();
    h.fake.renameRemote(a.id, 'Saber name');
    h.fake.clearFaults();
    await h.settle();

    expect(await h.db.lists.get(local.id)).toMatchObject({
      name: 'Saber name',
      sync: { state: 'synced', remoteName: 'Saber name', nameHistory: ['Local name'] },
    });
    expect(await h.db.outbox.count()).toBe(0);
    expect(h.fake.requestsTo('PUT', /./)).toHaveLength(0);
    expect(h.fake.allLists()[0]?.name).toBe('Saber name');
  });

  it('a pushed list keeps its own contacts and shows Saber’s count beside them', async () => {
    const h = setup();
    const local = await h.store.createList(pushable('Mine', 4));
    await h.sync.push(local.id);
    await h.settle();
    const remote = h.fake.allLists()[0]!;
    await h.sync.pull();
    await h.settle();
    expect(await h.db.lists.count()).toBe(1);
    expect(await h.db.lists.get(local.id)).toMatchObject({ contactCount: 4, sync: { remoteContactCount: remote.contactCount } });
    expect(h.fake.requestsTo('GET', /\/contacts$/)).toHaveLength(0);
  });

  it('sends queued changes before reading Saber, so a pending delete is not pulled back', async () => {
    const h = setup();
    const local = await h.store.createList(pushable('Delete me'));
    await h.sync.push(local.id);
    await h.settle();
    await h.db.jobs.clear();
    h.fake.inject({ method: 'DELETE', status: 503, times: 1 });
    await h.sync.delete(local.id, true);
    await h.sync.pull();
    await h.settle();
    expect(h.fake.allLists()).toHaveLength(0);
    expect(await h.db.lists.count()).toBe(0);
  });
});

describe('testConnection', () => {
  it('reports the connector in plain words', async () => {
    const h = setup();
    expect(await h.sync.testConnection()).toEqual({ salesNavigator: 'connected' });
    h.fake.connector = 'needs-authentication';
    const report = await h.sync.testConnection();
    expect(report.salesNavigator).toBe('needs-authentication');
    expect(describeConnector(report.salesNavigator)).toMatch(/pushing a list will fail with Saber’s connector error/);
    expect(describeConnector('connected')).toMatch(/Sales Navigator is connected/);
  });

  it('says the key was rejected', async () => {
    const h = setup({ settings: { saberApiKey: 'sk_live_not_the_key' } });
    await expect(h.sync.testConnection()).rejects.toMatchObject({ status: 401, reason: { code: 'saber.keyRejected' } });
  });
});

describe('user actions and backoff', () => {
  it('a new change wakes a drain that waits out a network failure, but not a rate limit', async () => {
    const h = setup({ retries: 0 });
    const first = await h.store.createList(pushable('First'));
    const second = await h.store.createList(pushable('Second'));
    h.fake.inject({ method: 'POST', drop: true, times: 3 });
    await h.sync.push(first.id);
    await h.runner.pump();
    const waiting = (await h.db.outbox.toArray())[0]!;
    expect(waiting.notBefore).toBeGreaterThan(h.clock());
    h.fake.clearFaults();
    await h.sync.push(second.id);
    await h.runner.pump();
    expect(await h.db.outbox.count()).toBe(0);

    const third = await h.store.createList(pushable('Third'));
    const fourth = await h.store.createList(pushable('Fourth'));
    h.fake.inject({ method: 'POST', status: 429, headers: { 'Retry-After': '600' } });
    await h.sync.push(third.id);
    await h.runner.pump();
    const limited = (await h.db.outbox.toArray())[0]!;
    expect(limited).toMatchObject({ notBefore: h.clock() + 600_000, lastFailure: { error: 'rate_limited' } });
    await h.sync.push(fourth.id);
    await h.runner.pump();
    expect(await h.db.outbox.count()).toBe(2);
    expect((await h.db.outbox.toArray())[0]?.notBefore).toBe(limited.notBefore);
    await h.settle();
    expect(
      h.fake
        .allLists()
        .map((l) => l.name)
        .sort(),
    ).toEqual(['First', 'Fourth', 'Second', 'Third']);
  });
});

describe('a pull whose listing is older than what the outbox recorded meanwhile', () => {
  /** Starts a pull whose contact download of `remoteId` fails once, so the pull waits on a retry. */
  async function pullWaitingOn(h: Harness, remoteId: string): Promise<string> {
    // Two drops: the client's own retry inside the step, then the step fails and the job waits.
    h.fake.inject({ drop: true, path: new RegExp(`/${remoteId}/contacts$`), times: 2 });
    const { jobId } = await h.sync.pull();
    await h.runner.pump();
    expect(await h.db.jobs.get(jobId)).toMatchObject({ status: 'waiting', phase: 'contacts' });
    return jobId;
  }

  it('keeps a rename Saber acknowledged while the pull waited, and the next rename still goes', async () => {
    const h = setup({ retries: 1 });
    const a = h.fake.seedList({ name: 'Original', contactCount: 1 });
    await h.sync.pull();
    await h.settle();
    const local = (await byRemoteId(h.db, a.id))!;

    const b = h.fake.seedList({ name: 'New on Saber', contactCount: 150 });
    const pullId = await pullWaitingOn(h, b.id);
    await h.sync.rename(local.id, 'Renamed');
    await h.runner.pump();
    expect(await h.db.outbox.count()).toBe(0);
    expect(h.fake.allLists().find((l) => l.id === a.id)?.name).toBe('Renamed');

    await h.settle();
    const acknowledged = h.fake.allLists().find((l) => l.id === a.id)!;
    expect(await h.db.jobs.get(pullId)).toMatchObject({ status: 'done' });
    expect(await h.db.lists.get(local.id)).toMatchObject({
      name: 'Renamed',
      sync: { state: 'synced', remoteName: 'Renamed', remoteUpdatedAt: acknowledged.updatedAt },
    });

    await h.sync.rename(local.id, 'Third');
    await h.settle();
    expect(h.fake.allLists().find((l) => l.id === a.id)?.name).toBe('Third');
    const final = await h.db.lists.get(local.id);
    expect(final).toMatchObject({ name: 'Third', sync: { state: 'synced', remoteName: 'Third' } });
    expect(final?.sync?.nameHistory).toBeUndefined();
  });

  it('does not replace a downloaded list with the older copy the listing described', async () => {
    const h = setup({ retries: 1 });
    const a = h.fake.seedList({ name: 'Original', contactCount: 3 });
    await h.sync.pull();
    await h.settle();
    const local = (await byRemoteId(h.db, a.id))!;

    // Saber renames it, so the next pull plans to download it; the download waits on a retry.
    h.fake.renameRemote(a.id, 'Saber name');
    await pullWaitingOn(h, a.id);
    // Meanwhile the user renames twice: the first meets Saber's rename (Saber's name wins),
    // the second is acknowledged on top of it.
    await h.sync.rename(local.id, 'Mine');
    await h.runner.pump();
    await h.sync.rename(local.id, 'Mine again');
    await h.runner.pump();
    expect(h.fake.allLists()[0]?.name).toBe('Mine again');

    await h.settle();
    const acknowledged = h.fake.allLists()[0]!;
    expect(await h.db.lists.get(local.id)).toMatchObject({
      name: 'Mine again',
      sync: { state: 'synced', remoteName: 'Mine again', remoteUpdatedAt: acknowledged.updatedAt, nameHistory: ['Mine'] },
    });
  });
});

describe('a 404 that is not Saber saying the list is gone', () => {
  // A wrong base-URL path or a proxy: every request answers 404 with an HTML page.
  const htmlNotFound = { status: 404, body: '<html>Not Found</html>', times: 1_000 };

  it('keeps every queued change and marks no list deleted', async () => {
    const h = setup();
    const a = h.fake.seedList({ name: 'Linked', contactCount: 1 });
    const b = h.fake.seedList({ name: 'To delete', contactCount: 1 });
    await h.sync.pull();
    await h.settle();
    const linked = (await byRemoteId(h.db, a.id))!;
    const doomed = (await byRemoteId(h.db, b.id))!;
    const mine = await h.store.createList(pushable('Mine'));

    h.fake.inject(htmlNotFound);
    const { jobId } = await h.sync.push(mine.id);
    await h.sync.rename(linked.id, 'Renamed');
    await h.sync.delete(doomed.id, true);
    await h.settle();

    const message = 'Saber’s address answered 404: check the Saber base URL in Settings.';
    expect(await h.job(jobId)).toMatchObject({ status: 'failed', error: { error: 'not_available', status: 404 }, text: message });
    expect((await h.db.outbox.toArray()).map((row) => row.op)).toEqual(['create', 'rename', 'delete']);
    expect(await h.list(mine.id)).toMatchObject({ sync: { state: 'error' }, syncText: `Saber could not create the list: ${message}` });
    expect(await h.db.lists.get(linked.id)).toMatchObject({ name: 'Renamed', sync: { state: 'pending', remoteId: a.id } });

    // Blocked: the periodic alarm sends nothing more.
    const sent = h.fake.requests.length;
    await h.sync.drainIfQueued();
    await h.settle();
    expect(h.fake.requests).toHaveLength(sent);

    // Once the address is right again, the user's Retry sends everything.
    h.fake.clearFaults();
    await h.sync.retry();
    await h.settle();
    expect(await h.db.outbox.count()).toBe(0);
    expect(
      h.fake
        .allLists()
        .map((l) => l.name)
        .sort(),
    ).toEqual(['Mine', 'Renamed']);
  });

  it('fails a pull instead of marking lists deleted on Saber', async () => {
    const h = setup();
    const a = h.fake.seedList({ name: 'Kept', contactCount: 1 });
    await h.sync.pull();
    await h.settle();
    h.fake.deleteRemote(a.id);
    h.fake.seedList({ name: 'Other', contactCount: 1 });
    // The listing answers, the check of the missing list meets the proxy's page.
    h.fake.inject({ ...htmlNotFound, path: new RegExp(`/${a.id}$`) });
    const { jobId } = await h.sync.pull();
    await h.settle();
    expect(await h.db.jobs.get(jobId)).toMatchObject({ status: 'failed', error: { error: 'not_available' } });
    expect(await byRemoteId(h.db, a.id)).toMatchObject({ sync: { state: 'synced' } });
  });

  it("Saber's own not-found answer still means the list is gone, in each documented shape", async () => {
    for (const errorShape of ['spec', 'nested', 'statusCode'] as const) {
      const h = setup({ fake: { errorShape } });
      const a = h.fake.seedList({ name: 'Linked', contactCount: 1 });
      await h.sync.pull();
      await h.settle();
      const linked = (await byRemoteId(h.db, a.id))!;
      h.fake.deleteRemote(a.id);
      await h.sync.rename(linked.id, 'Renamed');
      await h.settle();
      expect(await h.db.lists.get(linked.id), errorShape).toMatchObject({
        sync: { state: 'deletedRemote', outcome: { code: 'sync.deletedOnSaber' } },
      });
      expect(await h.db.outbox.count()).toBe(0);
    }
  });

  it('a create that meets a not-found answer is never read as deleted on Saber', async () => {
    const h = setup();
    const mine = await h.store.createList(pushable('Mine'));
    h.fake.inject({ method: 'POST', status: 404, body: { error: 'not_found', message: 'No route for POST /v1/contacts/lists' } });
    await h.sync.push(mine.id);
    await h.settle();
    const list = await h.db.lists.get(mine.id);
    expect(list?.sync?.state).toBe('error');
    expect((await h.list(list!.id))?.syncText).toMatch(/base URL/);
    expect(await h.db.outbox.count()).toBe(1);
  });
});

describe('cancel and saved progress', () => {
  it('a cancelled pull keeps the lists it imported and says how many', async () => {
    const h = setup({ retries: 1 });
    h.fake.seedList({ name: 'Second', contactCount: 2 });
    const first = h.fake.seedList({ name: 'First', contactCount: 2 });
    const third = h.fake.seedList({ name: 'Third', contactCount: 2 });
    // Newest first: "Third" is imported, then "First" waits on a retry.
    h.fake.inject({ drop: true, path: new RegExp(`/${first.id}/contacts$`), times: 2 });
    const { jobId } = await h.sync.pull();
    await h.runner.pump();
    expect(await h.db.jobs.get(jobId)).toMatchObject({ status: 'waiting' });
    await h.runner.cancel(jobId);
    expect(await h.job(jobId)).toMatchObject({ status: 'cancelled', text: 'Cancelled after importing 1 of 3 lists.' });
    expect((await h.db.lists.toArray()).map((list) => list.sync?.remoteId)).toEqual([third.id]);
  });

  it('a cancelled pull that imported nothing says nothing was saved', async () => {
    const h = setup({ retries: 0 });
    h.fake.seedList({ name: 'Only', contactCount: 2 });
    h.fake.inject({ drop: true, path: /\/contacts$/ });
    const { jobId } = await h.sync.pull();
    await h.runner.pump();
    await h.runner.cancel(jobId);
    expect(await h.job(jobId)).toMatchObject({ status: 'cancelled', text: 'Cancelled; nothing was saved.' });
  });

  it('a cancelled drain says what already reached Saber and what stays queued', async () => {
    const h = setup({ retries: 0 });
    const remotes = ['A', 'B', 'C'].map((name) => h.fake.seedList({ name, contactCount: 1 }));
    await h.sync.pull();
    await h.settle();
    const locals = await Promise.all(remotes.map((remote) => byRemoteId(h.db, remote.id)));
    // Offline while the three renames are queued, so one drain job holds them all.
    h.fake.inject({ drop: true, times: 1_000 });
    for (const local of locals) await h.sync.rename(local!.id, `${local!.name} renamed`);
    await h.runner.pump();
    const job = (await h.db.jobs.toArray()).find((candidate) => candidate.kind === 'saber.outbox');
    // Back online, except that B's rename keeps failing: A goes, B waits, C waits behind it.
    h.fake.clearFaults();
    h.fake.inject({ method: 'PUT', path: new RegExp(`/${remotes[1]!.id}$`), drop: true, times: 1_000 });
    await h.sync.drainIfQueued();
    await h.runner.pump();
    expect(await h.db.jobs.get(job!.id)).toMatchObject({ status: 'waiting' });
    await h.runner.cancel(job!.id);
    expect(await h.job(job!.id)).toMatchObject({
      status: 'cancelled',
      text: 'Cancelled; 1 change already reached Saber, 2 are still queued.',
    });
    expect(await h.db.outbox.count()).toBe(2);
    expect(
      h.fake
        .allLists()
        .map((l) => l.name)
        .sort(),
    ).toEqual(['A renamed', 'B', 'C']);
  });

  it('a pull whose saved progress cannot be read fails, saying so', async () => {
    const h = setup();
    const now = new Date(h.clock()).toISOString();
    await h.db.jobs.add({
      id: 'broken-pull',
      kind: 'saber.pull',
      status: 'queued',
      params: {},
      phase: 'contacts',
      state: { phase: 'contacts', download: 'cl_000001' },
      progress: { done: 0, total: 0, contacts: 0 },
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    });
    await h.runner.pump();
    expect(await h.job('broken-pull')).toMatchObject({
      status: 'failed',
      error: {
        error: 'internal_error',
        reason: { code: 'job.stateUnreadable' },
        details: [expect.objectContaining({ field: 'state.download' })],
      },
      text: 'Its saved progress could not be read. Start it again.',
    });
    expect(h.fake.requests).toHaveLength(0);
  });
});

describe('a pulled list pushed again', () => {
  it('after Saber deleted it, holds the new Saber list’s capture after the next pull', async () => {
    const h = setup();
    const a = h.fake.seedList({ name: 'Pulled', contactCount: 3 });
    await h.sync.pull();
    await h.settle();
    const local = (await byRemoteId(h.db, a.id))!;
    h.fake.deleteRemote(a.id);
    await h.sync.pull();
    await h.settle();
    await h.sync.push(local.id);
    await h.settle();
    await h.sync.pull();
    await h.settle();
    const [remote] = h.fake.allLists();
    expect(remote!.contactCount).not.toBe(3);
    expect(await h.db.lists.get(local.id)).toMatchObject({
      contactCount: remote!.contactCount,
      sync: { state: 'synced', remoteId: remote!.id, remoteUpdatedAt: remote!.updatedAt },
    });
  });
});

describe('starting jobs', () => {
  it('calls at the same moment share one drain job and one pull job', async () => {
    const h = setup();
    const list = await h.store.createList(pushable('Queued'));
    // Offline: the change stays queued and its job waits on an alarm.
    h.fake.inject({ drop: true, times: 1_000 });
    await h.sync.push(list.id);
    await h.runner.pump();
    await h.db.jobs.clear();

    // Worker start, the periodic alarm and a settings change, together; and a double click on Pull.
    await Promise.all([h.sync.drainIfQueued(), h.sync.drainIfQueued(), h.sync.ensureDrain()]);
    const pulls = await Promise.all([h.sync.pull(), h.sync.pull()]);
    await h.runner.pump();
    const kinds = (await h.db.jobs.toArray()).map((job) => job.kind).sort();
    expect(kinds).toEqual(['saber.outbox', 'saber.pull']);
    expect(pulls[0]).toEqual(pulls[1]);
  });
});

describe('pull of hostile text', () => {
  it('imports lists whatever their names and contacts hold: valid list names, clean text, nothing failed', async () => {
    const h = setup();
    const odd = h.fake.seedList({
      name: `\u202E${'👩🏽‍💻'.repeat(80)}\n`,
      contacts: [
        {
          baseContactId: 'bc_hostile',
          fullName: `<script>window.__pwned = 1</script>\u0007${'x'.repeat(10_000)}`,
          firstName: '\u200B\u200D',
          headline: 'Line one\r\nLine two\u2028',
          companyName: 'Acme\uD800',
          seniority: ['VP', '\u2066\u2069'],
          positions: Array.from({ length: 40 }, (_, i) => ({ title: `Title ${i}\u202E` })),
        },
      ],
    });
    const blank = h.fake.seedList({ name: '\u200B\u2060', contactCount: 1 });
    const { jobId } = await h.sync.pull();
    await h.settle();
    expect(await h.job(jobId)).toMatchObject({ status: 'done' });

    const local = await byRemoteId(h.db, odd.id);
    expect(local?.name).toBe(`${'👩🏽‍💻'.repeat(49)}…`);
    expect(local?.sync?.remoteName).toBe(local?.name);
    expect((await byRemoteId(h.db, blank.id))?.name).toBe(`Saber list ${blank.id}`);
    const [item] = (await h.store.listContacts(local!.id)).items;
    expect(item?.fullName).toBe(`<script>window.__pwned = 1</script>${'x'.repeat(164)}…`);
    expect(item).not.toHaveProperty('firstName');
    expect(item).toMatchObject({ headline: 'Line one Line two', companyName: 'Acme\uFFFD', seniority: ['VP'] });
    expect(item?.positions).toHaveLength(20);
    expect(item?.positions?.[0]).toEqual({ title: 'Title 0' });

    // Pulled again unchanged, nothing is downloaded again or renamed: the rule reads its own output the same.
    const before = h.fake.requestsTo('GET', /\/contacts$/).length;
    const again = await h.sync.pull();
    await h.settle();
    expect(await h.job(again.jobId)).toMatchObject({ status: 'done' });
    expect(h.fake.requestsTo('GET', /\/contacts$/)).toHaveLength(before);
    expect((await byRemoteId(h.db, odd.id))?.name).toBe(local?.name);
  });
});
