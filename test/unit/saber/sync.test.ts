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
    expect(await h.db.jobs.get(jobId)).toMatchObject({ status: 'done', message: '1 change sent to Saber' });
    expect(await h.db.outbox.count()).toBe(0);
  });

  it('refuses a list Saber could not search for, naming the field, and queues nothing', async () => {
    const h = setup();
    const local = await h.store.createList({ name: 'Address book', contacts: [], source: { kind: 'addressBook' } });
    await expect(h.sync.push(local.id)).rejects.toMatchObject({
      status: 400,
      details: expect.arrayContaining([expect.objectContaining({ field: 'filters.companyLinkedInUrls' })]),
    });
    expect(await h.db.outbox.count()).toBe(0);
    expect((await h.db.lists.get(local.id))?.sync).toEqual({ state: 'local' });
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
    expect(list?.sync?.message).toMatch(/connect Sales Navigator in Saber/);
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
    const renamed = await h.sync.renameList(local.id, '  After  ');
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
    await h.sync.renameList(local.id, 'Still only here');
    expect(await h.db.outbox.count()).toBe(0);
    expect(await h.db.jobs.count()).toBe(0);
  });

  it('a rename queued before the create was acknowledged follows it to the new remote id', async () => {
    const h = setup();
    const local = await h.store.createList(pushable('First name'));
    await h.sync.push(local.id);
    await h.sync.renameList(local.id, 'Second name');
    await h.sync.deleteList(local.id, false);
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
    await h.sync.deleteList(kept.id, false);
    await h.sync.deleteList(gone.id, true);
    await h.settle();
    expect(h.fake.allLists().map((l) => l.name)).toEqual(['Kept on Saber']);
    expect(await h.db.lists.count()).toBe(0);
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
    expect(waiting[0]).toMatchObject({ attempts: 2, notBefore: expect.any(Number), lastError: expect.stringMatching(/could not be reached/) });
    expect(await h.db.lists.get(local.id)).toMatchObject({ sync: { state: 'pending', message: expect.stringMatching(/try again/) } });
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
    expect(await h.db.jobs.get(jobId)).toMatchObject({ status: 'failed', error: { status: 401, message: 'Saber rejected the API key' } });
    expect(await h.db.outbox.count()).toBe(1);
    expect(await h.db.lists.get(local.id)).toMatchObject({ sync: { state: 'error', message: 'Saber rejected the API key' } });

    h.settings.saberApiKey = h.fake.apiKey;
    await h.sync.drainIfQueued();
    await h.settle();
    expect(await h.db.outbox.count()).toBe(0);
    expect(await h.db.lists.get(local.id)).toMatchObject({ sync: { state: 'synced' } });
  });
});

describe('pull', () => {
  it('imports every remote list with its contacts, 100 a page', async () => {
    const h = setup();
    for (let i = 0; i < 105; i += 1) h.fake.seedList({ name: `Remote ${i}`, contactCount: i === 0 ? 230 : 1 });
    const { jobId } = await h.sync.pull();
    await h.settle();
    expect(await h.db.jobs.get(jobId)).toMatchObject({ status: 'done', message: '105 lists on Saber, 105 new' });
    expect(await h.db.lists.count()).toBe(105);
    const big = await byRemoteId(h.db, h.fake.allLists().find((l) => l.name === 'Remote 0')!.id);
    expect(big).toMatchObject({ contactCount: 230, source: { kind: 'saber' }, sync: { state: 'synced', remoteContactCount: 230 } });
    const page = await h.store.listContacts(big!.id, { limit: 100, offset: 200 });
    expect(page.items.map((item) => item.fullName)).toEqual(h.fake.contactsOf(big!.sync!.remoteId!).slice(200).map((c) => c.fullName));
    expect(h.fake.requestsTo('GET', /^\/v1\/contacts\/lists$/).map((r) => r.query)).toEqual([
      { limit: '100', offset: '0' },
      { limit: '100', offset: '100' },
    ]);
    expect(h.fake.requestsTo('GET', /\/contacts$/).filter((r) => r.path.includes(big!.sync!.remoteId!)).map((r) => r.query.offset)).toEqual(['0', '100', '200']);
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
    expect(await byRemoteId(h.db, a.id)).toMatchObject({ contactCount: 2, sync: { state: 'deletedRemote', message: 'Deleted on Saber' } });
    expect(await h.db.jobs.get(jobId)).toMatchObject({ message: expect.stringMatching(/1 deleted on Saber/) });
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
    await h.sync.renameList(local.id, 'Local name');
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
    await h.sync.deleteList(local.id, true);
    await h.sync.pull();
    await h.settle();
    expect(h.fake.allLists()).toHaveLength(0);
    expect(await h.db.lists.count()).toBe(0);
  });
});

describe('testConnection', () => {
  it('reports the connector in plain words', async () => {
    const h = setup();
    expect(await h.sync.testConnection()).toEqual({ salesNavigator: 'connected', message: expect.stringMatching(/Sales Navigator is connected/) });
    h.fake.connector = 'needs-authentication';
    const report = await h.sync.testConnection();
    expect(report.salesNavigator).toBe('needs-authentication');
    expect(report.message).toMatch(/pushing a list will fail with Saber’s connector error/);
  });

  it('says the key was rejected', async () => {
    const h = setup({ settings: { saberApiKey: 'sk_live_not_the_key' } });
    await expect(h.sync.testConnection()).rejects.toMatchObject({ status: 401, message: 'Saber rejected the API key' });
  });
});

describe('user actions and backoff', () => {
  it('a new change wakes a drain that waits out a network failure, but not a rate limit', async () => {
    const h = setup({ retry: { retries: 0 } });
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
    expect(limited).toMatchObject({ notBefore: h.clock() + 600_000, lastError: expect.stringMatching(/^rate_limited: /) });
    await h.sync.push(fourth.id);
    await h.runner.pump();
    expect(await h.db.outbox.count()).toBe(2);
    expect((await h.db.outbox.toArray())[0]?.notBefore).toBe(limited.notBefore);
    await h.settle();
    expect(h.fake.allLists().map((l) => l.name).sort()).toEqual(['First', 'Fourth', 'Second', 'Third']);
  });
});
