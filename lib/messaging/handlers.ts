import type { LocalContactLists } from '../db/local-contact-lists';
import type { Clock } from '../model/runtime';
import type { Handlers } from './router';

export interface HandlerDeps {
  store: LocalContactLists;
  clock: Clock;
  version: string;
}

/** The background's answers to every message in the protocol. */
export function createHandlers({ store, clock, version }: HandlerDeps): Handlers {
  return {
    ping: async () => ({ version, now: new Date(clock()).toISOString() }),
    'lists.create': (snapshot) => store.createList(snapshot),
    'lists.rename': ({ listId, name }) => store.renameList(listId, { name }),
    'lists.delete': async ({ listId }) => {
      await store.deleteList(listId);
      return { deleted: true };
    },
  };
}
