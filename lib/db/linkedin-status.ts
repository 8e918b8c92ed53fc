import { readLinkedInStatus, type LinkedInStatus } from '../model/linkedin-gate';
import type { ProspectDb } from './database';
import { readGateState } from './gate-store';
import { GATE_STATE_KEY } from './meta-keys';

/** Today's LinkedIn pages and any cool-down, as the gate last stored them: for the Settings view. */
export async function readStoredLinkedInStatus(db: ProspectDb, now: number): Promise<LinkedInStatus> {
  return readLinkedInStatus(readGateState((await db.meta.get(GATE_STATE_KEY))?.value), now);
}
