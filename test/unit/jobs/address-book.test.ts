import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_BOOK_POLLING, pollDelay } from '../../../lib/jobs/address-book';
import { IN_MEMORY_WAIT_MAX_MS } from '../../../lib/jobs/runner';
import { localDay } from '../../../lib/model/dates';
import { DEFAULT_ACCESS_TOKEN } from '../../fake-linkedin/fake-linkedin';
import failed from '../../fixtures/linkedin/contacts-api/failed.json';
import inProgress from '../../fixtures/linkedin/contacts-api/in-progress.json';
import malformed from '../../fixtures/linkedin/contacts-api/malformed.json';
import succeeded from '../../fixtures/linkedin/contacts-api/succeeded.json';
import unknownStatus from '../../fixtures/linkedin/contacts-api/unknown-status.json';
import { closeNetworkDbs, createNetworkHarness, type NetworkHarness } from './network-harness';

const TASKS = 'https://api.linkedin.com/v2/contactExporterTasks';
const TASK = `${TASKS}/:taskId`;

const server = setupServer();
const seen: Request[] = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    seen.push(request.clone());
  });
});
afterEach(async () => {
  server.resetHandlers();
  seen.length = 0;
  await closeNetworkDbs();
});
afterAll(() => server.close());

/** A succeeded task whose result stays readable until `expiresAt`. */
const succeededUntil = (expiresAt: number) => ({ ...succeeded, 'result~': { ...succeeded['result~'], expiresAt } });

/** Tasks answer 201 with ids task-1, task-2…; each GET of a task takes the next answer from `answers`. */
function serve(h: NetworkHarness, answers: ((taskId: string) => Response)[], options: { taskIdHeader?: boolean } = {}) {
  let created = 0;
  let read = 0;
  server.use(
    http.post(TASKS, () => {
      created += 1;
      return new HttpResponse(null, { status: 201, headers: options.taskIdHeader === false ? {} : { 'x-linkedin-id': `task-${created}` } });
    }),
    http.get(TASK, ({ params }) => {
      const answer = answers[Math.min(read, answers.length - 1)]!;
      read += 1;
      return answer(String(params.taskId));
    }),
  );
  return {
    get created() {
      return created;
    },
    get read() {
      return read;
    },
    h,
  };
}

const json = (body: Parameters<typeof HttpResponse.json>[0]) => () => HttpResponse.json(body);

async function exportAddressBook(h: NetworkHarness) {
  const { jobId } = await h.network.exportAddressBook();
  return h.settle(jobId);
}

describe('the address-book export (Contacts API, msw)', () => {
  it('posts a task with the bearer token only, polls it, and stores every contact as a new list', async () => {
    const h = createNetworkHarness();
    const far = h.clock() + 60 * 60_000;
    serve(h, [json(inProgress), json(inProgress), json(succeededUntil(far))]);
    const job = await exportAddressBook(h);

    expect(job).toMatchObject({ status: 'done', outcome: { code: 'addressBook.done' } });
    const { lists, items, staged } = await h.stored();
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ name: `LinkedIn address book, ${localDay(h.clock())}`, source: { kind: 'addressBook' } });
    expect(items.map((item) => item.email ?? item.phone)).toEqual(expect.arrayContaining(['ada@example.com']));
    expect(items[0]).toMatchObject({
      baseContactId: 'mailto:ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '+44 20 7946 0958',
    });
    expect(job.report).toMatchObject({ kept: items.length });
    expect(staged).toBe(0);

    const [post, ...gets] = seen;
    expect(post?.method).toBe('POST');
    expect(gets.map((request) => request.url)).toEqual(
      Array.from({ length: 3 }, () => `${TASKS}/task-1?projection=(id,owner,status,result~)`),
    );
    for (const request of seen) {
      expect(request.headers.get('authorization')).toBe(`Bearer ${DEFAULT_ACCESS_TOKEN}`);
      expect(request.headers.get('x-restli-protocol-version')).toBe('2.0.0');
      // The session stays out of it: no cookies asked for, no csrf token.
      expect(request.credentials).toBe('omit');
      expect(request.headers.get('csrf-token')).toBeNull();
    }
    // The token is never stored: not in the job, not in its error.
    expect(JSON.stringify(await h.db.jobs.toArray())).not.toContain(DEFAULT_ACCESS_TOKEN);
  });

  it('fails clearly on a 201 without x-linkedin-id, and reads no task', async () => {
    const h = createNetworkHarness();
    const calls = serve(h, [json(inProgress)], { taskIdHeader: false });
    const job = await exportAddressBook(h);
    expect(job).toMatchObject({ status: 'failed', error: { reason: { code: 'addressBook.noTaskId' } } });
    expect(job.text).toContain('did not say which task to follow');
    expect(calls.read).toBe(0);
    expect((await h.stored()).lists).toEqual([]);
  });

  it('fails on FAILED, on a status nobody documented, and on a body that is not a task', async () => {
    for (const [body, code] of [
      [failed, 'addressBook.failed'],
      [unknownStatus, 'addressBook.unknownStatus'],
      [malformed, 'linkedin.formatChanged'],
    ] as const) {
      const h = createNetworkHarness();
      serve(h, [json(inProgress), json(body)]);
      const job = await exportAddressBook(h);
      expect(job).toMatchObject({ status: 'failed', error: { reason: { code } } });
      expect(job.text).toContain('Nothing was saved.');
      expect((await h.stored()).lists).toEqual([]);
    }
  });

  it('starts one new task when the result expired before it was read, then stores it', async () => {
    const h = createNetworkHarness();
    const calls = serve(h, [json(succeededUntil(h.clock() - 1)), json(inProgress), json(succeededUntil(h.clock() + 3_600_000))]);
    const job = await exportAddressBook(h);
    expect(job.status).toBe('done');
    expect(calls.created).toBe(2);
    expect(seen.filter((request) => request.method === 'GET').map((request) => new URL(request.url).pathname)).toEqual([
      '/v2/contactExporterTasks/task-1',
      '/v2/contactExporterTasks/task-2',
      '/v2/contactExporterTasks/task-2',
    ]);
  });

  it('gives up when the result expired twice, the second time as a 404 of the task', async () => {
    const h = createNetworkHarness();
    const calls = serve(h, [json(succeededUntil(h.clock() - 1)), () => HttpResponse.json({ status: 404 }, { status: 404 })]);
    const job = await exportAddressBook(h);
    expect(job).toMatchObject({ status: 'failed', error: { reason: { code: 'addressBook.expired' } } });
    expect(job.text).toContain('expired before it could be read, twice');
    expect(calls.created).toBe(2);
  });

  it('says the token was refused, and what to do, on a 401 or a 403', async () => {
    for (const status of [401, 403]) {
      const h = createNetworkHarness();
      server.use(
        http.post(TASKS, () => HttpResponse.json({ serviceErrorCode: 65600, message: 'Invalid access token', status }, { status })),
      );
      const job = await exportAddressBook(h);
      expect(job).toMatchObject({
        status: 'failed',
        error: { error: 'unauthorized', reason: { code: 'linkedin.tokenRefused', params: { status } } },
      });
      expect(job.text).toContain('Check the token in Settings');
      expect(job.attempts).toBe(0);
    }
  });

  it('is refused at once without a token, and sends nothing', async () => {
    const h = createNetworkHarness({ settings: { linkedInAccessToken: '' } });
    await expect(h.network.exportAddressBook()).rejects.toMatchObject({ reason: { code: 'linkedin.tokenMissing' } });
    const spaced = createNetworkHarness({ settings: { linkedInAccessToken: 'AQV token with spaces' } });
    await expect(spaced.network.exportAddressBook()).rejects.toMatchObject({ reason: { code: 'linkedin.tokenInvalid' } });
    expect(seen).toEqual([]);
    expect(await h.db.jobs.count()).toBe(0);
  });

  it('keeps polling the same task after a worker restart, and can be cancelled while it waits', async () => {
    const h = createNetworkHarness();
    const calls = serve(h, [
      json(inProgress),
      json(inProgress),
      json(inProgress),
      json(inProgress),
      json(succeededUntil(h.clock() + 3_600_000)),
    ]);
    const { jobId } = await h.network.exportAddressBook();
    let restarted = false;
    const job = await h.settle(jobId, async (waiting) => {
      if (restarted || waiting.phase !== 'poll') return;
      restarted = true;
      await h.restartWorker();
    });
    expect(restarted).toBe(true);
    expect(job.status).toBe('done');
    expect(calls.created).toBe(1);

    const again = createNetworkHarness();
    serve(again, [json(inProgress)]);
    const second = await again.network.exportAddressBook();
    const cancelled = await again.settle(second.jobId, async (waiting) => {
      if (waiting.phase === 'poll') await again.runner.cancel(second.jobId);
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', outcome: { code: 'job.cancelled' } });
    expect((await again.stored()).lists).toEqual([]);
  });

  it('refuses a second export while one runs', async () => {
    const h = createNetworkHarness();
    serve(h, [json(inProgress)]);
    const { jobId } = await h.network.exportAddressBook();
    await expect(h.network.exportAddressBook()).rejects.toMatchObject({ error: 'conflict', reason: { code: 'network.alreadyRunning' } });
    await h.runner.cancel(jobId);
    await h.settle(jobId);
  });
});

describe('the polling interval', () => {
  it('grows by half each time, jumps to an alarm of at least 30 s once it outgrows the in-memory wait, and stops at 5 min', () => {
    const delays = Array.from({ length: 20 }, (_, polls) => pollDelay(polls));
    expect(delays.slice(0, 3)).toEqual([2_000, 3_000, 4_500]);
    for (const [i, delay] of delays.entries()) {
      expect(delay <= IN_MEMORY_WAIT_MAX_MS || delay >= ADDRESS_BOOK_POLLING.alarmMinMs).toBe(true);
      expect(delay).toBeLessThanOrEqual(ADDRESS_BOOK_POLLING.maxMs);
      if (i > 0) expect(delay).toBeGreaterThanOrEqual(delays[i - 1]!);
    }
    expect(delays.at(-1)).toBe(ADDRESS_BOOK_POLLING.maxMs);
  });
});

/** One answer to a read of the task, as the property feeds them. */
type Answer = 'IN_PROGRESS' | 'PENDING' | 'QUEUED' | 'SUCCEEDED' | 'EXPIRED' | 'FAILED' | 'MALFORMED' | 'GONE' | 'SERVER_ERROR';

/** What the job must do given the answers, in order (the last repeats for ever): the model the property checks against. */
function expectedEnd(answers: readonly Answer[]): { status: 'done' | 'failed'; code?: string } {
  let restarts = 0;
  let serverErrors = 0;
  for (let i = 0; ; i += 1) {
    const answer = answers[Math.min(i, answers.length - 1)]!;
    if (answer === 'SERVER_ERROR') {
      serverErrors += 1;
      // Three retries, then the export gives up.
      if (serverErrors > 3) return { status: 'failed', code: 'linkedin.serverError' };
      continue;
    }
    serverErrors = 0;
    switch (answer) {
      case 'IN_PROGRESS':
        // The same answer for ever: only the deadline ends it.
        if (i >= answers.length - 1) return { status: 'failed', code: 'addressBook.deadline' };
        continue;
      case 'SUCCEEDED':
        return { status: 'done' };
      case 'EXPIRED':
      case 'GONE':
        if (restarts >= ADDRESS_BOOK_POLLING.restarts) return { status: 'failed', code: 'addressBook.expired' };
        restarts += 1;
        continue;
      case 'FAILED':
        return { status: 'failed', code: 'addressBook.failed' };
      case 'PENDING':
      case 'QUEUED':
        return { status: 'failed', code: 'addressBook.unknownStatus' };
      case 'MALFORMED':
        return { status: 'failed', code: 'linkedin.formatChanged' };
    }
  }
}

describe('the address-book export, whatever LinkedIn answers (property)', () => {
  it('always ends, done or failed as the answers say, within its deadline and its bound on polls', async () => {
    const answer = fc.constantFrom<Answer>(
      'IN_PROGRESS',
      'PENDING',
      'QUEUED',
      'SUCCEEDED',
      'EXPIRED',
      'FAILED',
      'MALFORMED',
      'GONE',
      'SERVER_ERROR',
    );
    // Checks one task can get within its deadline: the polls' waits add up to it.
    let pollsPerTask = 0;
    for (let waited = 0; waited < ADDRESS_BOOK_POLLING.deadlineMs; pollsPerTask += 1) waited += pollDelay(pollsPerTask);
    const tasks = ADDRESS_BOOK_POLLING.restarts + 1;

    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 14 }), async (answers) => {
        const h = createNetworkHarness();
        const start = h.clock();
        let read = 0;
        server.use(
          http.post(TASKS, () => new HttpResponse(null, { status: 201, headers: { 'x-linkedin-id': `task-${read}` } })),
          http.get(TASK, () => {
            const next = answers[Math.min(read, answers.length - 1)]!;
            read += 1;
            switch (next) {
              case 'SUCCEEDED':
                return HttpResponse.json(succeededUntil(h.clock() + 60_000));
              case 'EXPIRED':
                return HttpResponse.json(succeededUntil(h.clock() - 1));
              case 'MALFORMED':
                return HttpResponse.json(malformed);
              case 'GONE':
                return HttpResponse.json({ status: 404 }, { status: 404 });
              case 'SERVER_ERROR':
                return HttpResponse.json({ status: 503 }, { status: 503 });
              default:
                return HttpResponse.json({ ...inProgress, status: next });
            }
          }),
        );
        const job = await exportAddressBook(h);
        const expected = expectedEnd(answers);
        expect(job.status).toBe(expected.status);
        if (expected.code) expect(job.error?.reason?.code).toBe(expected.code);
        expect((await h.stored()).lists).toHaveLength(job.status === 'done' ? 1 : 0);
        // Bounds: each task is polled no longer than its deadline allows (retries of server errors aside).
        const retries = answers.filter((a) => a === 'SERVER_ERROR').length;
        expect(read).toBeLessThanOrEqual(tasks * (pollsPerTask + 1) + retries);
        expect(h.clock() - start).toBeLessThanOrEqual(tasks * ADDRESS_BOOK_POLLING.deadlineMs + retries * 60_000);
        server.resetHandlers();
        await closeNetworkDbs();
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
