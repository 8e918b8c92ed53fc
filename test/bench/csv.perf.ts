import { test } from './support/bench-page';
import { limitResult, ms, ratioResult, report, shareResult } from './support/results';
import { alternate, summarise } from './support/stats';

const ROWS = 100_000;
const LIMIT_MS = 1_500;
/** "No slower than papaparse", with room for the run-to-run noise of two equal implementations. */
const PAPAPARSE_LIMIT = 1.05;
const SEED_LISTS = 4;

const millions = (chars: number | undefined) => `${((chars ?? 0) / 1e6).toFixed(1)} M chars`;

test('3: CSV of 100,000 rows, against papaparse', async ({ benchPage }) => {
  await benchPage.evaluate((rows) => window.bench.prepareCsv(rows), ROWS);

  const impls = ['pipeline', 'serialise', 'papaparse-rows', 'papaparse-items'] as const;
  const lengths = new Map<string, number>();
  const runs = await alternate(impls, { warmUp: 2, rounds: 15 }, async (impl) => {
    const { ms: took, value } = await benchPage.evaluate((impl) => window.bench.serialiseCsv(impl), impl);
    lengths.set(impl, value);
    return took;
  });
  const pipeline = summarise(runs.pipeline);
  const papaItems = summarise(runs['papaparse-items']);

  await report(limitResult('3a', 'CSV text of 100,000 contacts in memory (toCsvRow + serialiseRecords per 2,000)', pipeline, LIMIT_MS));
  await report(
    ratioResult(
      '3b',
      'serialiseRecords per 2,000 of the 100,000 built rows vs one Papa.unparse of them',
      [summarise(runs.serialise), summarise(runs['papaparse-rows'])],
      { ours: 'ours', baseline: 'papaparse' },
      PAPAPARSE_LIMIT,
    ),
  );
  await report({
    id: '3b.1',
    target: '3a vs one Papa.unparse of the stored contacts as they are (fewer, unformatted columns)',
    measured: `ours ${ms(pipeline)} vs papaparse ${ms(papaItems)}`,
    check:
      `×${(pipeline.median / papaItems.median).toFixed(2)}; ` +
      `${millions(lengths.get('pipeline'))} vs ${millions(lengths.get('papaparse-items'))}`,
    verdict: 'INFO',
  });

  // The same number of rows through the real export: read from IndexedDB, serialised, one Blob.
  await benchPage.evaluate(() => window.bench.open('csv'));
  for (let list = 0; list < SEED_LISTS; list += 1) {
    await benchPage.evaluate(([count, tag]) => window.bench.commit('store', count, tag), [ROWS / SEED_LISTS, `csv-${list}`] as const);
  }
  let bytes = 0;
  const variants = ['yields', 'no-yields', 'raw-read'] as const;
  const exports = await alternate(variants, { warmUp: 1, rounds: 10 }, async (variant) => {
    const { ms: took, value } = await benchPage.evaluate(
      (variant) => (variant === 'raw-read' ? window.bench.readStoredChunksRaw() : window.bench.exportAllCsv(variant === 'yields')),
      variant,
    );
    if (variant === 'raw-read' && value !== ROWS) throw new Error(`Read ${value} stored items, not ${ROWS}`);
    if (variant === 'yields') bytes = value;
    return took;
  });
  const exported = summarise(exports.yields);
  await report({
    id: '3c',
    target: `The whole export of 100,000 stored rows (${SEED_LISTS} lists) to a Blob`,
    measured: ms(exported),
    check: `${(bytes / 1e6).toFixed(1)} MB; not held to ${LIMIT_MS.toLocaleString('en')} ms (3a is)`,
    verdict: 'INFO',
  });
  await report(shareResult('3c.1', '3c without the 0 ms timeouts between parts', summarise(exports['no-yields']), exported, '3c'));
  await report(
    shareResult(
      '3c.2',
      'the floor: reading the same 100,000 items with raw IDB, getAll per 2,000',
      summarise(exports['raw-read']),
      exported,
      '3c',
    ),
  );
});
