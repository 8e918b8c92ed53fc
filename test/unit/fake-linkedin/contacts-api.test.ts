import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_TOKEN, FakeLinkedIn } from '../../fake-linkedin/fake-linkedin';
import { Population } from '../../fake-linkedin/population';
import { call, exportTaskSchema } from './harness';

const TASKS = 'https://api.linkedin.com/v2/contactExporterTasks';
const BEARER = { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` };
const population = new Population();

function setUp(options: ConstructorParameters<typeof FakeLinkedIn>[0] = {}) {
  let now = Date.parse('2026-11-22T10:00:00Z');
  const fake = new FakeLinkedIn({ population, clock: () => now, ...options });
  return { fake, advance: (ms: number) => (now += ms), now: () => now };
}

async function startTask(fake: FakeLinkedIn): Promise<string> {
  const created = await call(fake, TASKS, { method: 'POST', headers: BEARER, body: '{}', csrf: null });
  expect(created.status).toBe(201);
  expect(created.headers['x-restli-id']).toBe(created.headers['x-linkedin-id']);
  return created.headers['x-linkedin-id']!;
}

const taskUrl = (id: string) => `${TASKS}/${encodeURIComponent(id)}?projection=(id,owner,status,result~)`;

async function readTask(fake: FakeLinkedIn, id: string) {
  const reply = await call(fake, taskUrl(id), { headers: BEARER, csrf: null });
  return { status: reply.status, task: reply.status === 200 ? exportTaskSchema.parse(reply.json()) : undefined, body: reply.text };
}

describe('the Contacts API export task', () => {
  it('is IN_PROGRESS for the configured polls, then SUCCEEDED with the whole address book in one answer', async () => {
    const { fake, now } = setUp({ contactsExport: { polls: 2, ttlMs: 60_000 } });
    const id = await startTask(fake);
    expect((await readTask(fake, id)).task).toMatchObject({ id, status: 'IN_PROGRESS' });
    const second = await readTask(fake, id);
    expect(second.task).toMatchObject({ status: 'IN_PROGRESS' });
    expect(second.task!['result~']).toBeUndefined();
    const done = (await readTask(fake, id)).task!;
    expect(done.status).toBe('SUCCEEDED');
    expect(done.result).toMatch(/^urn:li:contactExporterTaskResult:\(AQH/);
    expect(done['result~']!.contacts).toEqual(population.addressBook());
    expect(done['result~']!.expiresAt).toBe(now() + 60_000);
    expect(done.owner).toMatch(/^urn:li:person:/);
  });

  it('keeps a finished result until it expires, then answers 404: a new task is needed', async () => {
    const { fake, advance } = setUp({ contactsExport: { polls: 0, ttlMs: 60_000 } });
    const id = await startTask(fake);
    expect((await readTask(fake, id)).task!.status).toBe('SUCCEEDED');
    advance(60_000);
    expect((await readTask(fake, id)).task!.status).toBe('SUCCEEDED');
    advance(1);
    expect((await readTask(fake, id)).status).toBe(404);
  });

  it('ends FAILED, or in any status it is told to, without a result', async () => {
    for (const outcome of ['FAILED', 'CANCELLED']) {
      const { fake } = setUp({ contactsExport: { polls: 1, outcome } });
      const id = await startTask(fake);
      await readTask(fake, id);
      const { task } = await readTask(fake, id);
      expect(task).toMatchObject({ id, status: outcome });
      expect(task!['result~']).toBeUndefined();
    }
  });

  it('answers 401 in LinkedIn’s v2 error shape without the bearer token or with another one', async () => {
    const { fake } = setUp();
    const missing = await call(fake, TASKS, { method: 'POST', csrf: null });
    expect(missing.status).toBe(401);
    expect(missing.json()).toEqual({ serviceErrorCode: 65604, message: 'Empty oauth2 access token', status: 401 });
    const wrong = await call(fake, TASKS, { method: 'POST', headers: { authorization: 'Bearer AQVsomeoneElse' }, csrf: null });
    expect(wrong.json()).toMatchObject({ status: 401, message: 'Invalid access token' });
    const custom = setUp({ accessToken: 'AQVmine' }).fake;
    const mine = await call(custom, TASKS, { method: 'POST', headers: { authorization: 'Bearer AQVmine' }, csrf: null });
    expect(mine.status).toBe(201);
  });

  it('404s an unknown task, refuses other methods, and answers a CORS preflight', async () => {
    const { fake } = setUp();
    expect((await readTask(fake, 'AQnothing')).status).toBe(404);
    expect((await call(fake, TASKS, { headers: BEARER, csrf: null })).status).toBe(405);
    const preflight = await call(fake, TASKS, { method: 'OPTIONS', csrf: null });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['Access-Control-Allow-Headers']).toMatch(/Authorization/);
  });
});
