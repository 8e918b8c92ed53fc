import type { LocalContactLists } from '../db/local-contact-lists';
import type { JobRunner } from '../jobs/runner';
import { ApiError } from '../model/errors';
import type { Clock } from '../model/runtime';
import type { Handlers } from './router';

export interface HandlerDeps {
  store: LocalContactLists;
  runner: JobRunner;
  clock: Clock;
  version: string;
}

function notAvailable(what: string): () => Promise<never> {
  return () => Promise.reject(new ApiError({ error: 'not_available', message: `${what} is not available yet` }));
}

/** The background's answers to every message in the protocol. */
export function createHandlers({ store, runner, clock, version }: HandlerDeps): Handlers {
  return {
    ping: async () => ({ version, now: new Date(clock()).toISOString() }),
    'lists.create': (snapshot) => store.createList(snapshot),
    'lists.rename': ({ listId, name }) => store.renameList(listId, { name }),
    'lists.delete': async ({ listId }) => {
      await store.deleteList(listId);
      return { deleted: true };
    },
    'jobs.cancel': async ({ jobId }) => ({ cancelled: await runner.cancel(jobId) }),
    'jobs.dismiss': async ({ jobId }) => ({ dismissed: await runner.dismiss(jobId) }),
    'capture.start': notAvailable('Capturing from Sales Navigator'),
    'leadLists.list': notAvailable('Listing saved lead lists'),
    'capture.startLeadList': notAvailable('Importing a saved lead list'),
    'saber.testConnection': notAvailable('Testing the Saber connection'),
    'saber.pull': notAvailable('Pulling from Saber'),
    'saber.push': notAvailable('Pushing to Saber'),
  };
}
