import { boundGateState, INITIAL_GATE_STATE, type GateState, type GateStore } from '../model/linkedin-gate';
import { z } from '../model/zod';
import type { ProspectDb } from './database';
import { GATE_STATE_KEY } from './meta-keys';

const count = z.number().min(0);
const gateStateSchema = z.object({
  nextRequestAt: count,
  coolDownUntil: count,
  refusals: z.int().min(0),
  pagesDay: z.string(),
  pagesUsed: z.int().min(0),
  // Written since cool-downs grow; a record from before reads as no run and no Resume owed.
  coolDowns: z.int().min(0).default(0),
  lastRefusalAt: count.default(0),
  resumeNeeded: z.boolean().default(false),
});

/**
 * The gate's state in `db.meta`. A record that does not parse (tampered, or written by a
 * version that no longer exists) reads as the initial state, except that a stored cool-down or
 * hold that can still be read is kept: forgetting one would let requests through early.
 */
export function readGateState(value: unknown): GateState {
  const parsed = gateStateSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const state: GateState = { ...INITIAL_GATE_STATE };
  if (typeof value !== 'object' || value === null) return state;
  // Field by field: one bad field must not wipe out a cool-down stored beside it.
  for (const [field, schema] of Object.entries(gateStateSchema.shape)) {
    const read = schema.safeParse((value as Record<string, unknown>)[field]);
    if (read.success) Object.assign(state, { [field]: read.data });
  }
  return state;
}

/**
 * The {@link GateStore} over `db.meta`: each update is one readwrite transaction. Holds are read
 * bounded to a day from now (`boundGateState`), and a bounded record is written back.
 */
export function createGateStore(db: ProspectDb, clock: () => number): GateStore {
  return {
    async read() {
      return boundGateState(readGateState((await db.meta.get(GATE_STATE_KEY))?.value), clock());
    },
    async update(change) {
      return db.transaction('rw', db.meta, async () => {
        const stored = readGateState((await db.meta.get(GATE_STATE_KEY))?.value);
        const { next, result } = change(boundGateState(stored, clock()));
        if (next !== stored) await db.meta.put({ key: GATE_STATE_KEY, value: next, updatedAt: new Date(clock()).toISOString() });
        return result;
      });
    },
  };
}
