import { createLinkedInGate, type LinkedInGate } from '../../../lib/linkedin/gate';
import { INITIAL_GATE_STATE, type GateState } from '../../../lib/model/linkedin-gate';

/**
 * A gate that lets every request through at once (no pause, no budget to speak of), for tests
 * of what the client sends and reads; the gate's own rules are tested in `gate.test.ts`.
 */
export function openGate(clock: () => number = Date.now): LinkedInGate {
  let state: GateState = INITIAL_GATE_STATE;
  return createLinkedInGate({
    store: {
      read: async () => state,
      update: async (change) => {
        const { next, result } = change(state);
        state = next;
        return result;
      },
    },
    readLimits: async () => ({ pacingMinSeconds: 0, pacingMaxSeconds: 0, dailyPageBudget: Number.MAX_SAFE_INTEGER }),
    clock,
    random: () => 0,
    sleep: async () => undefined,
  });
}
