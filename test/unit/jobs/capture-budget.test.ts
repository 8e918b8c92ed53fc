import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { GATE_STATE_KEY } from '../../../lib/db/meta-keys';
import type { JobRecord } from '../../../lib/db/records';
import { localDay } from '../../../lib/model/dates';
import { INITIAL_GATE_STATE } from '../../../lib/model/linkedin-gate';
import { closeAll, createHarness, leads, STRIPE_REQUEST } from './capture-harness';

afterEach(closeAll);

describe('daily page budget (property)', () => {
  it('no day ever sees more search pages than the budget, and every capture still completes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 11 }),
        fc.array(fc.integer({ min: 1, max: 150 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 200 }),
        // Any hour of the day, so some runs cross midnight early.
        fc.integer({ min: 0, max: 23 * 60 }),
        async (budget, usedBefore, sizes, total, minuteOfDay) => {
          const start = new Date(2026, 10, 22, 0, minuteOfDay).getTime();
          const h = createHarness({ start, settings: { dailyPageBudget: budget }, script: { results: leads(total) } });
          const alreadyUsed = Math.min(usedBefore, budget - 1);
          await h.db.meta.put({
            key: GATE_STATE_KEY,
            value: { ...INITIAL_GATE_STATE, pagesDay: localDay(start), pagesUsed: alreadyUsed },
            updatedAt: new Date(start).toISOString(),
          });

          const jobIds: string[] = [];
          for (const [i, size] of sizes.entries()) {
            jobIds.push(await h.startCapture({ ...STRIPE_REQUEST, name: `Capture ${i}`, size }));
          }
          const jobs: JobRecord[] = [];
          for (const jobId of jobIds) jobs.push(await h.settle(jobId));

          const perDay = new Map<string, number>();
          for (const call of h.linkedIn.searches) perDay.set(localDay(call.at), (perDay.get(localDay(call.at)) ?? 0) + 1);
          perDay.set(localDay(start), (perDay.get(localDay(start)) ?? 0) + alreadyUsed);
          for (const used of perDay.values()) expect(used).toBeLessThanOrEqual(budget);

          const lists = await h.db.lists.toArray();
          expect(jobs.map((job) => job.status)).toEqual(sizes.map(() => 'done'));
          for (const [i, size] of sizes.entries()) {
            const list = lists.find((candidate) => candidate.id === jobs[i]!.resultListId);
            expect(list?.contactCount).toBe(Math.min(size, total));
          }
          await closeAll();
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
