import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTIONS_LIST_NAME } from '../../../lib/jobs/connections';
import { parseConnectionsPage } from '../../../lib/linkedin/connections';
import { localDay } from '../../../lib/model/dates';
import { snapshotContactSchema } from '../../../lib/model/snapshot';
import { FakeLinkedIn, type FakeLinkedInOptions } from '../../fake-linkedin/fake-linkedin';
import { fakeLinkedInFetch } from '../../fake-linkedin/fetch';
import { NumberedPopulation, numberedPerson, type FakeConnection } from '../../fake-linkedin/population';
import page1 from '../../fixtures/linkedin/connections/page-1.json';
import pageMalformed from '../../fixtures/linkedin/connections/page-malformed.json';
import pageOptional from '../../fixtures/linkedin/connections/page-missing-optional.json';
import { closeNetworkDbs, createNetworkHarness } from './network-harness';

const CONNECTIONS = 'https://www.linkedin.com/voyager/api/relationships/dash/connections';
const DAY = 24 * 60 * 60_000;

/** A LinkedIn whose viewer has `count` connections, person n connected n hours before the newest: the list can change between runs. */
class Network extends NumberedPopulation {
  people: FakeConnection[];

  constructor(count: number) {
    super({ total: 0 });
    this.people = Array.from({ length: count }, (_, n) => this.connection(n));
  }

  connection(n: number): FakeConnection {
    return { person: numberedPerson(n), connectedAt: Date.parse('2026-11-01T00:00:00Z') - n * 3_600_000 };
  }

  override connections(): FakeConnection[] {
    return this.people;
  }
}

function linkedInWith(network: Network, options: FakeLinkedInOptions = {}) {
  const fake = new FakeLinkedIn({ population: network, ...options });
  return {
    fake,
    pages: () => fake.requestsTo(/relationships\/dash\/connections$/).map((request) => new URL(request.url).searchParams.get('start')),
  };
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  server.resetHandlers();
  await closeNetworkDbs();
});
afterAll(() => server.close());

describe('Export connections', () => {
  it('reads every page, newest first, into one list of 1st-degree contacts with names, headline, profile, photo and date', async () => {
    const network = new Network(130);
    const { fake, pages } = linkedInWith(network);
    const h = createNetworkHarness({ fetch: fakeLinkedInFetch(fake) });
    const { jobId } = await h.network.exportConnections({ onlyNew: false });
    const job = await h.settle(jobId);

    expect(job).toMatchObject({ status: 'done', outcome: { code: 'connections.done', params: { contacts: 130, added: 130, removed: 0 } } });
    expect(pages()).toEqual(['0', '40', '80', '120']);
    const request = fake.requestsTo(/relationships\/dash\/connections$/)[0]!;
    expect(request.headers.accept).toBe('application/vnd.linkedin.normalized+json+2.1');
    expect(new URL(request.url).searchParams.get('sortType')).toBe('RECENTLY_ADDED');

    const { lists, items, staged } = await h.stored();
    expect(lists).toEqual([expect.objectContaining({ name: CONNECTIONS_LIST_NAME, source: { kind: 'connections' }, contactCount: 130 })]);
    expect(staged).toBe(0);
    expect(items[0]).toMatchObject({
      baseContactId: 'https://www.linkedin.com/in/ada0-lovelace0',
      firstName: 'Ada0',
      lastName: 'Lovelace0',
      headline: 'Head of Revenue Operations at Stripe',
      publicProfileUrl: 'https://www.linkedin.com/in/ada0-lovelace0',
      avatar: expect.stringMatching(/^https:\/\/media\.licdn\.com\/.*400_400/),
      connectedOn: '2026-11-01',
      degree: 1,
    });
    expect(items.map((item) => item.firstName)).toEqual(network.people.map(({ person }) => person.firstName));
    for (const item of items) {
      const { id: _id, listId: _listId, createdAt: _createdAt, position: _position, ...contact } = item;
      expect(snapshotContactSchema.safeParse(contact).success).toBe(true);
    }
  });

  it('reads the normalized fixtures, missing optional fields included, and reports what it skipped', async () => {
    server.use(
      http.get(CONNECTIONS, ({ request }) => {
        const start = new URL(request.url).searchParams.get('start');
        return HttpResponse.json(start === '0' ? page1 : pageOptional);
      }),
    );
    const h = createNetworkHarness();
    const { jobId } = await h.network.exportConnections({ onlyNew: false });
    const job = await h.settle(jobId);

    const expected = [...parseConnectionsPage(page1).contacts, ...parseConnectionsPage(pageOptional).contacts];
    expect(job.status).toBe('done');
    const { items } = await h.stored();
    expect(items.map((item) => item.baseContactId)).toEqual(expected.map((contact) => contact.baseContactId));
    const optional = parseConnectionsPage(pageOptional);
    expect(job.report).toMatchObject({ kept: expected.length, fetched: expected.length + optional.skipped.length });
  });

  it('fails on a page that does not parse, saving nothing yet and keeping the pages before it', async () => {
    server.use(
      http.get(CONNECTIONS, ({ request }) =>
        HttpResponse.json(new URL(request.url).searchParams.get('start') === '0' ? page1 : pageMalformed),
      ),
    );
    const h = createNetworkHarness();
    const { jobId } = await h.network.exportConnections({ onlyNew: false });
    const job = await h.settle(jobId);
    expect(job).toMatchObject({
      status: 'failed',
      error: { error: 'linkedin_format_changed', reason: { code: 'linkedin.formatChanged' } },
    });
    expect(job.text).toContain('Nothing was saved yet: the 1 page read so far is kept.');
    expect(await h.stored()).toMatchObject({ lists: [], items: [], staged: 1 });
  });

  it('waits for midnight when the page budget is spent, then goes on: no day reads more pages than its budget', async () => {
    const network = new Network(130);
    const { fake } = linkedInWith(network);
    const start = new Date(2026, 10, 22, 21, 0).getTime();
    const sentOn: string[] = [];
    const send = fakeLinkedInFetch(fake);
    const h = createNetworkHarness({
      // The day each page goes out on, by the harness's clock.
      fetch: (input, init) => {
        sentOn.push(localDay(h.clock()));
        return send(input, init);
      },
      start,
      settings: { dailyPageBudget: 3 },
    });
    const { jobId } = await h.network.exportConnections({ onlyNew: false });
    const waits: string[] = [];
    const job = await h.settle(jobId, (waiting) => {
      if (waiting.outcome) waits.push(waiting.outcome.code);
    });

    expect(job.status).toBe('done');
    expect((await h.stored()).items).toHaveLength(130);
    expect(waits).toContain('linkedin.budgetSpent');
    expect(sentOn).toEqual([localDay(start), localDay(start), localDay(start), localDay(start + DAY)]);
  });

  it('says, while it reads, how many connections a day the budget allows, for a network that takes days', async () => {
    const { fake } = linkedInWith(new Network(45));
    const send = fakeLinkedInFetch(fake);
    const seen: unknown[] = [];
    const h = createNetworkHarness({
      // What the panel shows while the second page is asked for.
      fetch: async (input, init) => {
        seen.push(...(await h.db.jobs.toArray()).map((job) => job.outcome));
        return send(input, init);
      },
      settings: { dailyPageBudget: 100 },
    });
    await h.settle((await h.network.exportConnections({ onlyNew: false })).jobId);
    expect(seen).toContainEqual({ code: 'connections.reading', params: { read: 40, perDay: 4_000 } });
  });

  it('refreshes the connections list when run again: new and removed connections in its history', async () => {
    const network = new Network(90);
    const { fake } = linkedInWith(network);
    const h = createNetworkHarness({ fetch: fakeLinkedInFetch(fake) });
    const first = await h.settle((await h.network.exportConnections({ onlyNew: false })).jobId);
    const listId = first.resultListId!;

    // Two new connections on top; numbers 10 and 11 removed.
    network.people = [network.connection(1000), network.connection(1001), ...network.people.filter((_, n) => n !== 10 && n !== 11)];
    const again = await h.settle((await h.network.exportConnections({ onlyNew: false })).jobId);

    expect(again).toMatchObject({ status: 'done', resultListId: listId, outcome: { params: { contacts: 90, added: 2, removed: 2 } } });
    const lists = (await h.stored()).lists;
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ contactCount: 90, refresh: { version: 2, unseen: true } });
    const version = await h.db.versions.get([listId, 2]);
    expect(version?.counts).toMatchObject({ joined: 2, left: 2 });

    // The list's own Refresh does the same walk.
    const { jobId } = await h.refresh.refresh(listId);
    expect((await h.settle(jobId)).outcome).toMatchObject({ code: 'connections.done', params: { added: 0, removed: 0 } });
  });

  it('with only new ones, stops at the first page of people the list holds, and keeps everyone else', async () => {
    const network = new Network(130);
    const { fake, pages } = linkedInWith(network);
    const h = createNetworkHarness({ fetch: fakeLinkedInFetch(fake) });
    await h.settle((await h.network.exportConnections({ onlyNew: false })).jobId);

    network.people = [network.connection(2000), ...network.people.filter((_, n) => n !== 100)];
    const before = pages().length;
    const job = await h.settle((await h.network.exportConnections({ onlyNew: true })).jobId);

    // Page 1 has the new one, page 2 only known people: the walk stops there.
    expect(pages().slice(before)).toEqual(['0', '40']);
    expect(job.outcome).toMatchObject({ params: { added: 1, removed: 0 } });
    const { items } = await h.stored();
    expect(items).toHaveLength(131);
    expect(items[0]?.firstName).toBe('Ada2000');
    // Number 100 is no longer a connection, but only a full walk can tell.
    expect(items.some((item) => item.firstName === 'Ada100')).toBe(true);
  });

  it('refuses a second export while one runs, and a logged-out session fails the job', async () => {
    const { fake } = linkedInWith(new Network(10));
    const h = createNetworkHarness({ fetch: fakeLinkedInFetch(fake) });
    const { jobId } = await h.network.exportConnections({ onlyNew: false });
    await expect(h.network.exportConnections({ onlyNew: false })).rejects.toMatchObject({ reason: { code: 'network.alreadyRunning' } });
    await h.settle(jobId);

    delete h.jar.li_at;
    const job = await h.settle((await h.network.exportConnections({ onlyNew: false })).jobId);
    expect(job).toMatchObject({ status: 'failed', error: { reason: { code: 'linkedin.loggedOut' } } });
  });
});
