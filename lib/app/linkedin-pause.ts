import type { JobRecord } from '../db/records';
import type { JobRunner } from '../jobs/runner';
import type { LinkedInGate } from '../linkedin/gate';

export interface LinkedInPauseDeps {
  gate: Pick<LinkedInGate, 'resume' | 'clearCoolDown'>;
  runner: Pick<JobRunner, 'wake'>;
}

/** The jobs a cool-down holds, or that wait for the user's Resume after one. */
function waitsForLinkedIn(job: Pick<JobRecord, 'outcome'>): boolean {
  return job.outcome?.code === 'linkedin.resumeNeeded' || job.outcome?.code === 'linkedin.coolingDown';
}

/**
 * What the panel's Resume and "Clear cool-down" do: tell the gate, then wake the jobs it held,
 * which ask the gate again (and wait again, sending nothing, if a cool-down still runs).
 */
export function createLinkedInPause({ gate, runner }: LinkedInPauseDeps) {
  return {
    /** LinkedIn work may go on: now, or when the running cool-down ends. */
    async resume(): Promise<{ resumed: true }> {
      await gate.resume();
      await runner.wake(waitsForLinkedIn);
      return { resumed: true };
    },
    /** The cool-down ends now (the user confirmed it), and LinkedIn work goes on. */
    async clearCoolDown(): Promise<{ cleared: true }> {
      await gate.clearCoolDown();
      await runner.wake(waitsForLinkedIn);
      return { cleared: true };
    },
  };
}
export type LinkedInPause = ReturnType<typeof createLinkedInPause>;
