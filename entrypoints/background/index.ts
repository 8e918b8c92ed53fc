import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createAutoRefresh } from '../../lib/app/auto-refresh';
import { createCaptureService } from '../../lib/app/capture-service';
import { createLinkedInPause } from '../../lib/app/linkedin-pause';
import { createNetworkService } from '../../lib/app/network-service';
import { createPendingKeepAlive } from '../../lib/app/keep-alive';
import { createRefreshService } from '../../lib/app/refresh-service';
import { createSaberSync } from '../../lib/app/saber-sync';
import { createSettingsService } from '../../lib/app/settings-service';
import { ProspectDb } from '../../lib/db/database';
import { createGateStore } from '../../lib/db/gate-store';
import { LocalContactLists } from '../../lib/db/local-contact-lists';
import { createMetaCache } from '../../lib/db/meta-cache';
import { loadSettings, parseStoredSettings, SETTINGS_STORAGE_KEY } from '../../lib/db/settings-store';
import { recordStoragePersistence } from '../../lib/db/storage-persistence';
import { createAddressBookKind } from '../../lib/jobs/address-book';
import { createCaptureKinds } from '../../lib/jobs/capture';
import { createConnectionsKind } from '../../lib/jobs/connections';
import { createConnectionsCsvKind } from '../../lib/jobs/connections-csv';
import { createLeaversKind } from '../../lib/jobs/leavers';
import { JobRunner } from '../../lib/jobs/runner';
import { createOutboxJobKind } from '../../lib/jobs/saber-outbox';
import { createPullJobKind } from '../../lib/jobs/saber-pull';
import { createLinkedInClient, readCsrfToken } from '../../lib/linkedin/client';
import { LINKEDIN_ORIGIN } from '../../lib/linkedin/constants';
import { createLinkedInGate } from '../../lib/linkedin/gate';
import { createRouter } from '../../lib/messaging/router';
import { randomId, systemClock } from '../../lib/model/runtime';
import { createSettingsSchema } from '../../lib/model/settings';
import { createListCommands } from '../../lib/sync/list-commands';
import { createSaberClientOpener } from '../../lib/sync/open-client';
import { createHandlers } from './handlers';

const JOBS_ALARM = 'jobs.wake';
/** Re-armed before every step: a worker stopped mid-job is woken to resume it. */
const WATCHDOG_ALARM = 'jobs.watchdog';
const WATCHDOG_MS = 30_000;
/** Retries queued Saber changes that a rejected key or a closed worker left behind. */
const SABER_OUTBOX_ALARM = 'saber.outbox';
const SABER_OUTBOX_PERIOD_MINUTES = 15;
/** At the earliest list's next automatic refresh. */
const AUTO_REFRESH_ALARM = 'refresh.due';

export default defineBackground({
  type: 'module',
  main() {
    // The settings hold the Saber key and the LinkedIn token: only the extension's own pages and
    // this worker may read them, never a content script. Chrome takes this for storage.local from
    // 140 on; an older one keeps its default, and Listwright injects no content script either way.
    void (async () => browser.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }))().catch((error: unknown) =>
      console.warn('chrome.storage.local stays readable by content scripts:', error),
    );
    const db = new ProspectDb();
    const store = new LocalContactLists(db);
    // http to a Saber on this machine only in a development build.
    const settingsSchema = createSettingsSchema({ allowLoopbackHttp: import.meta.env.DEV });
    const readSettings = () => loadSettings(browser.storage.local, settingsSchema);
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    // Any extension API call resets the worker's idle timer while work runs; this one also
    // wakes a worker that Chrome stopped anyway, so the job resumes.
    const keepAlive = () => browser.alarms.create(WATCHDOG_ALARM, { when: Date.now() + WATCHDOG_MS });
    const gate = createLinkedInGate({
      store: createGateStore(db, systemClock),
      readLimits: readSettings,
      clock: systemClock,
      random: Math.random,
      sleep,
      keepAlive,
    });
    const readCookie = async (name: string) => (await browser.cookies.get({ url: LINKEDIN_ORIGIN, name }))?.value;
    const linkedIn = createLinkedInClient({
      fetch: (input, init) => fetch(input, init),
      gate,
      readCookie,
      geoCache: createMetaCache(db, systemClock),
    });
    const hasHostPermission = (pattern: string) => browser.permissions.contains({ origins: [pattern] });
    const openSaber = createSaberClientOpener({
      loadSettings: readSettings,
      hasHostPermission,
      sleep,
      clock: systemClock,
      random: Math.random,
      keepAlive: () => browser.runtime.getPlatformInfo().then(() => undefined),
      // A pending fetch is no activity to Chrome: the worker is pinged until every Saber call settles.
      whilePending: createPendingKeepAlive({ ping: () => browser.runtime.getPlatformInfo(), timers: globalThis }),
    });
    const runner = new JobRunner({
      db,
      kinds: [
        ...createCaptureKinds({ client: linkedIn, readSettings, random: Math.random }),
        createLeaversKind({ client: linkedIn, random: Math.random }),
        createConnectionsKind({ client: linkedIn, readSettings, random: Math.random }),
        createAddressBookKind({ client: linkedIn, readSettings, random: Math.random }),
        createConnectionsCsvKind(),
        createOutboxJobKind({ openClient: openSaber, clock: systemClock, random: Math.random }),
        createPullJobKind({ openClient: openSaber, clock: systemClock, random: Math.random, newId: randomId }),
      ],
      clock: systemClock,
      newId: randomId,
      sleep,
      scheduleWake: (when) => browser.alarms.create(JOBS_ALARM, { when }),
      keepAlive,
    });
    const saber = createSaberSync({
      db,
      runner,
      commands: createListCommands({ db, store, clock: systemClock, newIdempotencyKey: randomId }),
      openClient: openSaber,
      loadSettings: readSettings,
      clock: systemClock,
    });
    const autoRefresh = createAutoRefresh({
      db,
      runner,
      gate,
      readSettings,
      clock: systemClock,
      hasSession: () =>
        readCsrfToken(readCookie).then(
          () => true,
          () => false,
        ),
      setAlarm: async (when) => {
        if (when === undefined) await browser.alarms.clear(AUTO_REFRESH_ALARM);
        else await browser.alarms.create(AUTO_REFRESH_ALARM, { when });
      },
    });
    const route = createRouter(
      createHandlers({
        runner,
        capture: createCaptureService({ runner, client: linkedIn, gate, readSettings, clock: systemClock }),
        saber,
        refresh: createRefreshService({ db, runner, gate, readSettings, clock: systemClock, onScheduleChange: autoRefresh.reschedule }),
        network: createNetworkService({ db, runner, gate, readSettings, clock: systemClock }),
        settings: createSettingsService({ area: browser.storage.local, hasHostPermission, schema: settingsSchema }),
        linkedInPause: createLinkedInPause({ gate, runner }),
        recordPersistence: async (granted) => ({ granted: (await recordStoragePersistence(db, granted, systemClock())).granted }),
        clock: systemClock,
        version: browser.runtime.getManifest().version,
      }),
      { id: browser.runtime.id, pagesUrl: browser.runtime.getURL('/') },
    );

    void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });

    // Every sender gets an answer; only the extension's own pages get one that did something.
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      void route(message, sender).then(sendResponse);
      return true;
    });

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === JOBS_ALARM || alarm.name === WATCHDOG_ALARM) void runner.pump();
      if (alarm.name === SABER_OUTBOX_ALARM) void saber.drainIfQueued();
      if (alarm.name === AUTO_REFRESH_ALARM) void autoRefresh.runDue();
    });
    // Created once; re-creating it on every worker start would keep pushing it back.
    void browser.alarms.get(SABER_OUTBOX_ALARM).then(async (alarm) => {
      if (!alarm) await browser.alarms.create(SABER_OUTBOX_ALARM, { periodInMinutes: SABER_OUTBOX_PERIOD_MINUTES });
    });
    // A new key or base URL lifts the block a rejected key put on the outbox; a raised page
    // budget wakes the captures waiting for midnight.
    browser.storage.onChanged.addListener((changes, area) => {
      const change = area === 'local' ? changes[SETTINGS_STORAGE_KEY] : undefined;
      if (!change) return;
      void saber.settingsChanged(
        parseStoredSettings(change.oldValue, settingsSchema),
        parseStoredSettings(change.newValue, settingsSchema),
      );
      void runner.wake((job) => job.outcome?.code === 'linkedin.budgetSpent');
    });

    // A worker that was stopped mid-job picks the job up where its record says.
    void runner.resume();
    void saber.drainIfQueued();
    // Alarms do not survive every restart of the browser: the schedule is set again from the lists.
    void autoRefresh.reschedule();
  },
});
