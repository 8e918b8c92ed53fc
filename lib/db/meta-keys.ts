/** `db.meta` key of the LinkedIn gate's state (`gate-store.ts`). */
export const GATE_STATE_KEY = 'linkedin.gate';
