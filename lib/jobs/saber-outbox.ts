import type { JobRecord } from '../db/records';
import { outcomeOf } from '../model/errors';
import type { JobKindName } from '../model/job-kinds';
import { outcome, type Outcome } from '../model/outcomes';
import { z } from '../model/zod';
import { drainOne, type DrainDeps } from '../sync/outbox';
import type { JobKind, StepResult } from './runner';

/** The job that sends the outbox to Saber, one change per step. */
export const OUTBOX_JOB_KIND = 'saber.outbox' satisfies JobKindName;

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

/** A cancelled drain keeps what Saber already acknowledged; the rest stays queued for the next one. */
function cancelledDrain(state: OutboxJobState | undefined): Outcome {
  return outcome('outbox.cancelled', { sent: state?.sent ?? 0, remaining: state?.remaining ?? 0 });
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
      const drained = await drainOne({ ...deps, db: ctx.db });
      switch (drained.kind) {
        case 'progress':
          return {
            patch: {
              phase: 'sending',
              state: { sent: sent + 1, remaining: drained.remaining } satisfies OutboxJobState,
              progress: { done: sent + 1, total: sent + 1 + drained.remaining, contacts: 0 },
              outcome: outcome('outbox.progress', { sent: sent + 1, remaining: drained.remaining }),
            },
          };
        case 'wait':
          return {
            notBefore: drained.until,
            patch: {
              phase: 'waiting',
              state: { sent, remaining: await ctx.db.outbox.count() } satisfies OutboxJobState,
              outcome: drained.error ? outcomeOf(drained.error, drained.until) : outcome('outbox.waiting', {}, drained.until),
            },
          };
        case 'blocked':
          throw drained.error;
        case 'empty':
          try {
            await ctx.complete([ctx.db.outbox], async () => {
              if ((await ctx.db.outbox.count()) > 0) throw new MoreToSend();
              return { outcome: outcome('outbox.done', { sent }) };
            });
          } catch (thrown) {
            if (thrown instanceof MoreToSend) return { patch: { phase: 'sending' } };
            throw thrown;
          }
          return { done: true };
      }
    },
    cancelOutcome: (job) => cancelledDrain(readState(job)),
  };
}
