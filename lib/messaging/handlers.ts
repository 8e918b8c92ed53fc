import type { LocalContactLists } from '../db/local-contact-lists';
import type { CaptureService } from '../jobs/capture-service';
import type { JobRunner } from '../jobs/runner';
import type { Clock } from '../model/runtime';
import type { SaberSync } from '../saber/sync-service';
import type { Handlers } from './router';

export interface HandlerDeps {
  store: LocalContactLists;
  runner: JobRunner;
  /** Starts captures and reads the user's saved lead lists. */
  capture: CaptureService;
  /** Saber sync: connection test, pull, push, and the outbox behind renames and deletes. */
  saber: SaberSync;
  clock: Clock;
  version: string;
}

/** The background's answers to every message in the protocol. */
export function createHandlers({ store, runner, capture, saber, clock, version }: HandlerDeps): Handlers {
  return {
    ping: async () => ({ version, now: new Date(clock()).toISOString() }),
    'lists.create': (snapshot) => store.createList(snapshot),
    // A pushed list's rename or delete is queued for Saber in the same transaction as the change.
    'lists.rename': ({ listId, name }) => saber.renameList(listId, name),
    'lists.delete': ({ listId, alsoOnSaber }) => saber.deleteList(listId, alsoOnSaber),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: await runner.cancel(jobId) }),
    'jobs.dismiss': async ({ jobId }) => ({ dismissed: await runner.dismiss(jobId) }),
    'capture.start': (request) => capture.start(request),
    'leadLists.list': () => capture.listLeadLists(),
    'capture.startLeadList': (request) => capture.startLeadList(request),
    'saber.testConnection': () => saber.testConnection(),
    'saber.pull': () => saber.pull(),
    'saber.push': ({ listId }) => saber.push(listId),
  };
}
