import type { Page } from '@playwright/test';
import type { ChangeSetOp, DiffImpl, RefreshFigures } from './page/history-bench';
import { test } from './support/bench-page';
import { limitResult, report, type BenchResult } from './support/results';
import { alternate, summarise, type Summary } from './support/stats';

const DIFF_SIZE = 2_500;
const DIFF_SHARE = 0.1;
const DIFF_LIMIT_MS = 50;
/** Sizes shown beside the 2,500 target, to show how the diff grows. */
const GROWTH_SIZES = [250, 10_000] as const;
/** Runs per sample, so that each sample lasts well above `performance.now()`'s 0.1 ms steps. */
const runsPerSample = (count: number) => Math.ceil(25_000 / count);

const HISTORY_SIZE = 2_500;
const HISTORY_SHARE = 0.05;
const HISTORY_LIMIT = 0.1;
const INFO_SHARES = [0.01, 0.2] as const;

const ROUNDS = { warmUp: 5, rounds: 30 };

function prepare(page: Page, count: number, share: number): Promise<RefreshFigures> {
  return page.evaluate(([count, share]) => window.bench.prepareRefresh(count, share), [count, share] as const);
}

async function timeDiffs(page: Page, count: number) {
  const reps = runsPerSample(count);
  const runs = await alternate(['diff', 'maps'] as const, ROUNDS, async (impl: DiffImpl) => {
    const { ms: took } = await page.evaluate(([impl, reps]) => window.bench.timeDiff(impl, reps), [impl, reps] as const);
    return took;
  });
  return [summarise(runs.diff), summarise(runs.maps)] as const;
}

/** `ms` with three decimals below a millisecond: a 250-contact diff takes tens of microseconds. */
const fine = ({ median, p90, runs }: Summary) => {
  const digits = median < 1 ? 3 : 1;
  return `${median.toFixed(digits)} ms (p90 ${p90.toFixed(digits)}, n=${runs})`;
};

/** `diffSnapshots` beside its floor, shown and held to nothing. */
function diffVsMaps(id: string, target: string, [diff, maps]: readonly [Summary, Summary]): BenchResult {
  return {
    id,
    target,
    measured: `diffSnapshots ${fine(diff)} vs a Map of each ${fine(maps)}`,
    check: `×${(diff.median / maps.median).toFixed(2)}`,
    verdict: 'INFO',
  };
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
const kilobytes = (bytes: number) => `${(bytes / 1_000).toLocaleString('en', { maximumFractionDigits: 1 })} kB`;

function sizeResult(id: string, share: number, figures: RefreshFigures, limit?: number): BenchResult {
  const { changeSetBytes, listBytes, counts } = figures;
  const ratio = changeSetBytes / listBytes;
  return {
    id,
    target:
      `Change set of a ${Math.round(share * 100)} % refresh of ${HISTORY_SIZE.toLocaleString('en')} contacts ` +
      "vs the list's items " +
      `(${counts.left} left, ${counts.joined} joined, ${counts.changed} changed, ${counts.moved} moved)`,
    measured: `${kilobytes(changeSetBytes)} vs ${kilobytes(listBytes)} of JSON`,
    check:
      limit === undefined
        ? percent(changeSetBytes, listBytes)
        : `${percent(changeSetBytes, listBytes)} (limit ${Math.round(limit * 100)} %)`,
    verdict: limit === undefined ? 'INFO' : ratio <= limit ? 'PASS' : 'FAIL',
  };
}

test('6: diff of two snapshots by person, against building a Map of each', async ({ benchPage }) => {
  await prepare(benchPage, DIFF_SIZE, DIFF_SHARE);
  // The page's first diff, before anything has warmed it: what the panel pays once.
  const { ms: firstCall } = await benchPage.evaluate(() => window.bench.timeDiff('diff', 1));
  const [diff, maps] = await timeDiffs(benchPage, DIFF_SIZE);

  await report(limitResult('6a', 'Diff of two 2,500-contact snapshots with 10 % changes (diffSnapshots)', diff, DIFF_LIMIT_MS));
  await report(diffVsMaps('6a.1', 'the same, against building a Map by baseContactId of each snapshot', [diff, maps]));
  await report({
    id: '6a.2',
    target: 'the same, the first diff on a fresh page (one run, not warmed up)',
    measured: `${firstCall.toFixed(1)} ms`,
    check: `not held to ${DIFF_LIMIT_MS} ms (6a is)`,
    verdict: 'INFO',
  });
  for (const [i, count] of GROWTH_SIZES.entries()) {
    await prepare(benchPage, count, DIFF_SHARE);
    await report(diffVsMaps(`6a.${i + 3}`, `6a.1 for ${count.toLocaleString('en')} contacts`, await timeDiffs(benchPage, count)));
  }
});

test('7: history as change sets: size against the list, and the time to make and apply one', async ({ benchPage }) => {
  const figures = await prepare(benchPage, HISTORY_SIZE, HISTORY_SHARE);
  await report(sizeResult('7a', HISTORY_SHARE, figures, HISTORY_LIMIT));
  await report({
    id: '7a.1',
    target: '7a if photos (avatar) and tenures were versioned too: every kept person would change on every refresh',
    measured: kilobytes(figures.withVolatileBytes),
    check: `${percent(figures.withVolatileBytes, figures.listBytes)} of the list`,
    verdict: 'INFO',
  });

  // Times at the 5 % refresh, the pair still prepared.
  const reps = runsPerSample(HISTORY_SIZE);
  const runs = await alternate(['make', 'apply'] as const, ROUNDS, async (op: ChangeSetOp) => {
    const { ms: took } = await benchPage.evaluate(([op, reps]) => window.bench.timeChangeSet(op, reps), [op, reps] as const);
    return took;
  });
  await report({
    id: '7b',
    target: 'makeChangeSet for 7a (pairing, order, field diffs and the zod parse of the entries)',
    measured: fine(summarise(runs.make)),
    check: 'no limit',
    verdict: 'INFO',
  });
  await report({
    id: '7b.1',
    target: 'applyChangeSet for 7a (rebuilding the version before)',
    measured: fine(summarise(runs.apply)),
    check: 'no limit',
    verdict: 'INFO',
  });

  for (const [i, share] of INFO_SHARES.entries()) {
    await report(sizeResult(`7a.${i + 2}`, share, await prepare(benchPage, HISTORY_SIZE, share)));
  }
});
