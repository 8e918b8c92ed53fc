import type { Page } from '@playwright/test';
import type { RefreshCommitImpl } from './page/refresh-commit-bench';
import { test } from './support/bench-page';
import { ratioResult, report } from './support/results';
import { alternate, summarise } from './support/stats';

const LIST_SIZE = 2_500;
const SHARE = 0.1;
const RATIO_LIMIT = 1.5;
/** Sizes shown beside the 2,500 target, to show how a refresh commit grows. */
const GROWTH_SIZES = [500, 10_000] as const;

const OURS_VS_RAW = { ours: 'commitRefresh', baseline: 'raw IDB' };

async function measure(page: Page, count: number, rounds: { warmUp: number; rounds: number }) {
  await page.evaluate((count) => window.bench.open(`refresh-${count}`), count);
  await page.evaluate(([count, share]) => window.bench.prepareRefreshCommit(count, share), [count, SHARE] as const);
  const runs = await alternate(['store', 'raw'] as const, rounds, async (impl: RefreshCommitImpl) => {
    const { ms: took } = await page.evaluate((impl) => window.bench.refreshCommit(impl), impl);
    return took;
  });
  return [summarise(runs.store), summarise(runs.raw)] as [ReturnType<typeof summarise>, ReturnType<typeof summarise>];
}

test('8: a refresh commit (items replaced, base contacts, history entry, list) against raw IndexedDB', async ({ benchPage }) => {
  await report(
    ratioResult(
      '8a',
      'Refresh commit of a 2,500-contact list with 10 % changes: read the old items, diff, change set, replace, history (one transaction)',
      await measure(benchPage, LIST_SIZE, { warmUp: 5, rounds: 30 }),
      OURS_VS_RAW,
      RATIO_LIMIT,
    ),
  );
  for (const [i, count] of GROWTH_SIZES.entries()) {
    await report(
      ratioResult(
        `8a.${i + 1}`,
        `8a for ${count.toLocaleString('en')} contacts`,
        await measure(benchPage, count, { warmUp: 3, rounds: 12 }),
        OURS_VS_RAW,
      ),
    );
  }
});
