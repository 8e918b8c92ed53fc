import type { Page } from '@playwright/test';
import type { ImportImpl } from './page/import-bench';
import { test } from './support/bench-page';
import { limitResult, ratioResult, report, shareResult } from './support/results';
import { alternate, summarise, type Summary } from './support/stats';

/** LinkedIn caps a network at 30,000 connections: the size the targets hold; the smaller ones show how the cost grows. */
const TARGET_ROWS = 30_000;
const GROWTH_ROWS = [7_500, 15_000] as const;
const IMPORT_LIMIT_MS = 3_000;
const RATIO_LIMIT = 1.5;
const ROUNDS = { warmUp: 1, rounds: 5 };

const OURS_VS_RAW = { ours: 'ours', baseline: 'raw IDB' };

/**
 * Runs of each implementation over files of `rows` new people each (so every write is of people
 * its database does not hold), into databases emptied once at the start; with `again`, each run
 * first writes the same people, unmeasured, so the run measured merges with them.
 */
async function measure(page: Page, rows: number, impls: readonly ImportImpl[], again = false): Promise<Record<ImportImpl, Summary>> {
  await page.evaluate(() => window.bench.openImport());
  const runs = await alternate(impls, ROUNDS, async (impl, round) => {
    const tag = `${impl}${round + ROUNDS.warmUp}`;
    const { contacts } = await page.evaluate(([rows, tag]) => window.bench.prepareImport(rows, tag), [rows, tag] as const);
    const { ms, value } = await page.evaluate(([impl, again]) => window.bench.timeImport(impl, again), [impl, again] as const);
    if (value !== contacts) throw new Error(`${impl} handled ${value} contacts, not ${contacts}`);
    return ms;
  });
  return Object.fromEntries(impls.map((impl) => [impl, summarise(runs[impl])])) as Record<ImportImpl, Summary>;
}

const rowsOf = (rows: number) => rows.toLocaleString('en');

test('7: import a Connections.csv of 30,000 rows (parse, validate, commit), and its commit against raw IndexedDB', async ({
  benchPage,
}) => {
  const target = await measure(benchPage, TARGET_ROWS, ['import', 'commit', 'raw', 'parse']);
  await report(
    limitResult('9a', `Import a ${rowsOf(TARGET_ROWS)}-row Connections.csv (parse, validate, commit)`, target.import, IMPORT_LIMIT_MS),
  );
  await report(
    shareResult('9a.1', 'of which parse and validation (readCsvImport: papaparse, zod)', target.parse, target.import, 'the import'),
  );
  await report(
    ratioResult(
      '9b',
      `Commit the ${rowsOf(TARGET_ROWS)} connections (list + items + base contacts with keys, one transaction)`,
      [target.commit, target.raw],
      OURS_VS_RAW,
      RATIO_LIMIT,
    ),
  );
});

test('9c: how the import grows: 7,500 and 15,000 rows', async ({ benchPage }) => {
  for (const [i, rows] of GROWTH_ROWS.entries()) {
    const figures = await measure(benchPage, rows, ['import', 'commit', 'raw']);
    await report(limitResult(`9c.${i + 1}`, `Import a ${rowsOf(rows)}-row Connections.csv`, figures.import, IMPORT_LIMIT_MS));
    await report(
      ratioResult(`9c.${i + 1}.1`, `Commit ${rowsOf(rows)} connections`, [figures.commit, figures.raw], OURS_VS_RAW, RATIO_LIMIT),
    );
  }
});

test('9d: a newer export over the older one', async ({ benchPage }) => {
  // Every person is found by key and merged; the raw baseline overwrites without reading.
  const again = await measure(benchPage, TARGET_ROWS, ['commit', 'raw'], true);
  await report(
    ratioResult(
      '9d',
      `Commit ${rowsOf(TARGET_ROWS)} connections over the same people already stored (merge)`,
      [again.commit, again.raw],
      OURS_VS_RAW,
    ),
  );
});
