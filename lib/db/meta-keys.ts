/** `db.meta` key of the LinkedIn gate's state (`gate-store.ts`). */
export const GATE_STATE_KEY = 'linkedin.gate';

/** `db.meta` key of the Saber outbox's block (`outbox-block.ts`). */
export const OUTBOX_BLOCK_KEY = 'saber.outboxBlocked';

/** `db.meta` key of the answer to `navigator.storage.persist()` (`storage-persistence.ts`). */
export const STORAGE_PERSISTENCE_KEY = 'storage.persistence';
