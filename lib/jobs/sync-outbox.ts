import type { JobRecord } from '../db/records';
import { z } from '../model/zod';
import { drainOne, type DrainDeps } from '../saber/outbox';
import type { JobKind, StepResult } from './runner';

/** The job that sends the outbox to Saber, one change per step. */
export const OUTBOX_JOB_KIND = 'saber.outbox';
export const OUTBOX_JOB_TITLE = 'Sending changes to Saber';

/** Thrown inside the final transaction when a change arrived after the last check. */
class MoreToSend extends Error {}

/** Counts for the progress line and the cancel message; the changes themselves are in the outbox. */
const outboxJobStateSchema = z.object({ sent: z.int().min(0), remaining: z.int().min(0) });
type OutboxJobState = z.infer<typeof outboxJobStateSchema>;

/** A job just enqueued has sent nothing; a record this version cannot read only loses its counts. */
function readState(job: JobRecord): OutboxJobState | undefined {
  const parsed = outboxJobStateSchema.safeParse(job.state);
  return parsed.success ? parsed.data : undefined;
}

function changes(count: number): string {
  return count === 1 ? '1 change' : `${count} changes`;
}

/** A cancelled drain keeps what Saber already acknowledged; the rest stays queued for the next one. */
function cancelledDrain(state: OutboxJobState | undefined): string {
  if (!state || state.sent === 0) return 'Cancelled; nothing was sent, the changes stay queued.';
  const reached = `${changes(state.sent)} already reached Saber`;
  if (state.remaining === 0) return `Cancelled; ${reached}.`;
  return `Cancelled; ${reached}, ${state.remaining} ${state.remaining === 1 ? 'is' : 'are'} still queued.`;
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
      const sent = readState(job)?.sent ?? 0;
      const outcome = await drainOne({ ...deps, db: ctx.db });
      switch (outcome.kind) {
        case 'progress':
          return {
            patch: {
              phase: 'sending',
              state: { sent: sent + 1, remaining: outcome.remaining } satisfies OutboxJobState,
              progress: { done: sent + 1, total: sent + 1 + outcome.remaining, contacts: 0 },
              message: `${sent + 1} sent, ${outcome.remaining} to go`,
            },
          };
        case 'wait':
          return {
            notBefore: outcome.until,
            patch: {
              phase: 'waiting',
              state: { sent, remaining: await ctx.db.outbox.count() } satisfies OutboxJobState,
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
    cancelMessage: (job) => cancelledDrain(readState(job)),
  };
}
