import { drainOne, type DrainDeps } from '../saber/outbox';
import type { JobKind, StepResult } from './runner';

/** The job that sends the outbox to Saber, one change per step. */
export const OUTBOX_JOB_KIND = 'saber.outbox';
export const OUTBOX_JOB_TITLE = 'Sending changes to Saber';

/** Thrown inside the final transaction when a change arrived after the last check. */
class MoreToSend extends Error {}

interface OutboxJobState {
  sent: number;
}

/**
 * Drains the outbox one change per step. Waiting for Saber (offline, rate limit) is a stored
 * `notBefore` and an alarm, never a sleep; a rejected key ends the job with the error and
 * leaves the changes queued for the next try.
 */
export function createOutboxJobKind(deps: Omit<DrainDeps, 'db'>): JobKind {
  return {
    kind: OUTBOX_JOB_KIND,
    async step(job, ctx): Promise<StepResult> {
      const sent = (job.state as OutboxJobState | undefined)?.sent ?? 0;
      const outcome = await drainOne({ ...deps, db: ctx.db });
      switch (outcome.kind) {
        case 'progress':
          return {
            patch: {
              phase: 'sending',
              state: { sent: sent + 1 } satisfies OutboxJobState,
              progress: { done: sent + 1, total: sent + 1 + outcome.remaining, contacts: 0 },
              message: `${sent + 1} sent, ${outcome.remaining} to go`,
            },
          };
        case 'wait':
          return {
            notBefore: outcome.until,
            patch: {
              phase: 'waiting',
              message: outcome.error
                ? `${outcome.error.message} Trying again at ${new Date(outcome.until).toLocaleTimeString('en-GB')}.`
                : `Waiting until ${new Date(outcome.until).toLocaleTimeString('en-GB')}`,
            },
          };
        case 'blocked':
          throw outcome.error;
        case 'empty':
          try {
            await ctx.complete([ctx.db.outbox], async () => {
              if ((await ctx.db.outbox.count()) > 0) throw new MoreToSend();
              return { message: sent === 1 ? '1 change sent to Saber' : `${sent} changes sent to Saber` };
            });
          } catch (thrown) {
            if (thrown instanceof MoreToSend) return { patch: { phase: 'sending' } };
            throw thrown;
          }
          return { done: true };
      }
    },
  };
}
