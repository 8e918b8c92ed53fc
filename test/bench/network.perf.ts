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
const ROUNDS = { warmUp: 1, rounds: 7 };

const OURS_VS_RAW = { ours: 'ours', baseline: 'raw IDB' };

/**
 * Each run starts from empty databases (or seeded ones, for a newer file over an older one), so
 * every import writes into the same history; the file's people are new to each round.
 */
async function measure(page: Page, rows: number, impls: readonly ImportImpl[], seeded = false): Promise<Record<ImportImpl, Summary>> {
  const runs = await alternate(impls, ROUNDS, async (impl, round) => {
    const { contacts } = await page.evaluate(([rows, tag]) => window.bench.prepareImport(rows, tag), [rows, `r${round + 1}`] as const);
    await page.evaluate((seeded) => window.bench.openImport(seeded), seeded);
    const { ms, value } = await page.evaluate((impl) => window.bench.timeImport(impl), impl);
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
    limitResult('7a', `Import a ${rowsOf(TARGET_ROWS)}-row Connections.csv (parse, validate, commit)`, target.import, IMPORT_LIMIT_MS),
  );
  await report(
    shareResult('7a.1', 'of which parse and validation (readCsvImport, papaparse + zod)', target.parse, target.import, 'the import'),
  );
  await report(
    ratioResult(
      '7b',
      `Commit the ${rowsOf(TARGET_ROWS)} connections (list + items + base contacts with keys, one transaction)`,
      [target.commit, target.raw],
      OURS_VS_RAW,
      RATIO_LIMIT,
    ),
  );

  for (const [i, rows] of GROWTH_ROWS.entries()) {
    const figures = await measure(benchPage, rows, ['import', 'commit', 'raw']);
    await report(limitResult(`7c.${i + 1}`, `Import a ${rowsOf(rows)}-row Connections.csv`, figures.import, IMPORT_LIMIT_MS));
    await report(ratioResult(`7d.${i + 1}`, `Commit ${rowsOf(rows)} connections`, [figures.commit, figures.raw], OURS_VS_RAW));
  }

  // A newer export over the older one: every person is found by key and merged, the raw baseline overwrites blindly.
  const again = await measure(benchPage, TARGET_ROWS, ['commit', 'raw'], true);
  await report(
    ratioResult(
      '7e',
      `Commit ${rowsOf(TARGET_ROWS)} connections over the same people already stored (merge)`,
      [again.commit, again.raw],
      OURS_VS_RAW,
    ),
  );
});
