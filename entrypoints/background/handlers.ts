import type { CaptureService } from '../../lib/app/capture-service';
import type { LinkedInPause } from '../../lib/app/linkedin-pause';
import { readLinkedInTab } from '../../lib/app/linkedin-tab';
import type { NetworkService } from '../../lib/app/network-service';
import type { RefreshService } from '../../lib/app/refresh-service';
import type { SaberSync } from '../../lib/app/saber-sync';
import type { SettingsService } from '../../lib/app/settings-service';
import type { JobRunner } from '../../lib/jobs/runner';
import type { Handlers } from '../../lib/messaging/router';
import type { Clock } from '../../lib/model/runtime';

export interface HandlerDeps {
  runner: JobRunner;
  capture: CaptureService;
  saber: SaberSync;
  refresh: RefreshService;
  network: NetworkService;
  settings: SettingsService;
  linkedInPause: LinkedInPause;
  /** Stores the browser's answer to `navigator.storage.persist()`. */
  recordPersistence: (granted: boolean) => Promise<{ granted: boolean }>;
  clock: Clock;
  version: string;
}

/** The background's answer to every message of the protocol: wiring to the use cases, nothing more. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { runner, capture, saber, refresh, network, settings, linkedInPause, recordPersistence, clock, version } = deps;
  return {
    ping: async () => ({ version, now: new Date(clock()).toISOString() }),
    // A pushed list's rename or delete is queued for Saber in the same transaction as the change.
    'lists.rename': ({ listId, name }) => saber.rename(listId, name),
    'lists.delete': ({ listId, alsoOnSaber }) => saber.delete(listId, alsoOnSaber),
    'lists.refresh': ({ listId }) => refresh.refresh(listId),
    'lists.setAutoRefresh': ({ listId, auto }) => refresh.setAutoRefresh(listId, auto),
    'lists.markSeen': ({ listId }) => refresh.markSeen(listId),
    'lists.checkLeavers': ({ listId }) => refresh.checkLeavers(listId),
    'settings.save': (patch) => settings.save(patch),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: await runner.cancel(jobId) }),
    'jobs.dismiss': async ({ jobId }) => ({ dismissed: await runner.dismiss(jobId) }),
    'jobs.retry': async ({ jobId }) => ({ jobId: (await runner.retry(jobId)).id }),
    'jobs.savePartial': async ({ jobId }) => {
      const { resultListId } = await runner.savePartial(jobId);
      return resultListId === undefined ? {} : { listId: resultListId };
    },
    'linkedin.resume': () => linkedInPause.resume(),
    'linkedin.clearCoolDown': () => linkedInPause.clearCoolDown(),
    'storage.persistence': ({ granted }) => recordPersistence(granted),
    'linkedin.readTab': async ({ url }) => readLinkedInTab(url),
    'capture.start': (request) => capture.start(request),
    'leadLists.list': () => capture.listLeadLists(),
    'capture.startLeadList': (request) => capture.startLeadList(request),
    'network.exportConnections': (request) => network.exportConnections(request),
    'network.exportAddressBook': () => network.exportAddressBook(),
    'network.importConnectionsCsv': (request) => network.importConnectionsCsv(request),
    'saber.testConnection': () => saber.testConnection(),
    'saber.pull': () => saber.pull(),
    'saber.push': ({ listId }) => saber.push(listId),
    'saber.retry': () => saber.retry(),
  };
}
