import type { LinkedInGate } from '../linkedin/gate';
import { nextLocalMidnight } from '../model/dates';
import { failure } from '../model/errors';
import type { Clock } from '../model/runtime';
import type { Settings } from '../model/settings';

/**
 * The checks that hold before any new LinkedIn work is queued: no cool-down after LinkedIn
 * refused requests, no Resume owed after one, and some of today's page budget left. Throws the error a person can act on,
 * with when to try again.
 */
export async function assertMayUseLinkedIn(
  gate: Pick<LinkedInGate, 'status'>,
  readSettings: () => Promise<Settings>,
  clock: Clock,
): Promise<void> {
  const now = clock();
  const [settings, status] = await Promise.all([readSettings(), gate.status()]);
  if (status.coolDownUntil) throw failure('rate_limited', 'linkedin.coolingDown', {}, { retryAt: status.coolDownUntil });
  if (status.resumeNeeded) throw failure('rate_limited', 'linkedin.resumeNeeded', {});
  if (status.pagesUsedToday >= settings.dailyPageBudget) {
    throw failure(
      'daily_budget_exhausted',
      'linkedin.budgetSpent',
      { budget: settings.dailyPageBudget },
      { retryAt: nextLocalMidnight(now) },
    );
  }
}
