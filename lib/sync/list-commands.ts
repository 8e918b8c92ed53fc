import type { ProspectDb } from '../db/database';
import { listTables, type LocalContactLists } from '../db/local-contact-lists';
import { failure, parseOrThrow } from '../model/errors';
import { pushRefusal } from '../model/list-sources';
import type { Clock, IdFactory } from '../model/runtime';
import type { ContactList } from '../model/schemas';
import { saberCreateRequestSchema } from '../saber/api';
import { linkedRemoteId, pendingChanges, queueChange } from './outbox';

/**
 * The list commands of the sync engine: a local change and, for a list that is on Saber (or
 * on its way there), its outbox row, written in ONE transaction. A list that never saw Saber
 * is renamed or deleted by the store alone and queues nothing. Each command says whether it
 * queued a change, so the caller can start sending.
 */
export interface ListCommandDeps {
  db: ProspectDb;
  store: LocalContactLists;
  clock: Clock;
  /** The `Idempotency-Key` of a queued create, kept for every try of it. */
  newIdempotencyKey: IdFactory;
}

export function createListCommands({ db, store, clock, newIdempotencyKey }: ListCommandDeps) {
  const awaitingCreate = async (listId: string) => (await pendingChanges(db, listId)).some((row) => row.op === 'create');

  return {
    /**
     * Queues the creation of `listId` on Saber from its name and filters. A list Saber would
     * refuse (no company URL, no filter) fails here, naming the field, and nothing is queued;
     * so does a list of your network, which stays local; a list already on Saber is a
     * conflict. Queuing twice queues one create.
     */
    async push(listId: string): Promise<{ queued: boolean }> {
      return db.transaction('rw', [db.lists, db.outbox], async () => {
        const list = await store.getList(listId);
        const localOnly = pushRefusal(list);
        if (localOnly) throw localOnly;
        if (await awaitingCreate(listId)) return { queued: false };
        if (linkedRemoteId(list)) throw failure('conflict', 'saber.alreadyOnSaber', { name: list.name });
        const request = parseOrThrow(saberCreateRequestSchema, { name: list.name, filters: list.filters });
        await queueChange(
          db,
          listId,
          { op: 'create', payload: { name: request.name, filters: request.filters, idempotencyKey: newIdempotencyKey() } },
          clock(),
        );
        // A list Saber deleted can be pushed again: it becomes a new Saber list.
        const { nameHistory } = list.sync ?? {};
        await db.lists.put({ ...list, sync: { state: 'pending', ...(nameHistory ? { nameHistory } : {}) } });
        return { queued: true };
      });
    },

    /** Renames locally and, for a list on Saber (or on its way there), queues the rename. */
    async rename(listId: string, name: string): Promise<{ list: ContactList; queued: boolean }> {
      return db.transaction('rw', [db.lists, db.outbox], async () => {
        const before = await store.getList(listId);
        const updated = await store.renameList(listId, { name });
        const remoteId = linkedRemoteId(before);
        if (updated.name === before.name || (!remoteId && !(await awaitingCreate(listId)))) return { list: updated, queued: false };
        await queueChange(db, listId, { op: 'rename', payload: { name: updated.name, ...(remoteId ? { remoteId } : {}) } }, clock());
        const pending: ContactList = { ...updated, sync: { ...updated.sync, state: 'pending', outcome: undefined, op: undefined } };
        await db.lists.put(pending);
        return { list: pending, queued: true };
      });
    },

    /**
     * Deletes locally. With `alsoOnSaber`, a list on Saber (or on its way there) is deleted
     * there too, through the outbox; without it, Saber keeps its list.
     */
    async delete(listId: string, alsoOnSaber: boolean): Promise<{ queued: boolean }> {
      return db.transaction('rw', [...listTables(db), db.outbox], async () => {
        const list = await store.getList(listId);
        const remoteId = linkedRemoteId(list);
        const onItsWay = await awaitingCreate(listId);
        await store.deleteList(listId);
        if (!alsoOnSaber || (!remoteId && !onItsWay)) return { queued: false };
        await queueChange(db, listId, { op: 'delete', payload: remoteId ? { remoteId } : {} }, clock());
        return { queued: true };
      });
    },
  };
}
export type ListCommands = ReturnType<typeof createListCommands>;
