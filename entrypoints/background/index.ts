import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ProspectDb } from '../../lib/db/database';
import { LocalContactLists } from '../../lib/db/local-contact-lists';
import { JobRunner } from '../../lib/jobs/runner';
import { createHandlers } from '../../lib/messaging/handlers';
import { createRouter } from '../../lib/messaging/router';
import { randomId, systemClock } from '../../lib/model/runtime';

const JOBS_ALARM = 'jobs.wake';

export default defineBackground({
  type: 'module',
  main() {
    const db = new ProspectDb();
    const store = new LocalContactLists(db);
    const runner = new JobRunner({
      db,
      kinds: [],
      clock: systemClock,
      newId: randomId,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      scheduleWake: (when) => browser.alarms.create(JOBS_ALARM, { when }),
      // Any extension API call resets the worker's idle timer while a job runs.
      keepAlive: () => browser.runtime.getPlatformInfo().then(() => undefined),
    });
    const route = createRouter(
      createHandlers({ store, runner, clock: systemClock, version: browser.runtime.getManifest().version }),
    );

    void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });

    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      // Only the extension's own pages may drive it.
      if (sender.id !== browser.runtime.id) return false;
      route(message).then(sendResponse);
      return true;
    });

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === JOBS_ALARM) void runner.pump();
    });

    // A worker that was stopped mid-job picks the job up where its record says.
    void runner.resume();
  },
});
