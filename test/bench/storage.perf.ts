import type { Page } from '@playwright/test';
import type { CommitImpl, ReadImpl, RemoveImpl } from './page/bench-api';
import { test } from './support/bench-page';
import { limitResult, ratioResult, report, shareResult } from './support/results';
import { alternate, summarise } from './support/stats';

const LIST_SIZE = 2_500;
const RATIO_LIMIT = 1.5;
const PAGE_LIMIT_MS = 15;
const PAGE_SIZE = 100;
const SEED_LISTS = 10;
const SEED_LIST_SIZE = 25_000;
const WARM_UP = 3;
const ROUNDS = 30;
const DELETE_SETTLE_MS = 400;

const OURS_VS_RAW = { ours: 'ours', baseline: 'raw IDB' };

function commit(page: Page, impl: CommitImpl, count: number, tag: string) {
  return page.evaluate(([impl, count, tag]) => window.bench.commit(impl, count, tag), [impl, count, tag] as const);
}

function readAll(page: Page, impl: ReadImpl, listId: string) {
  return page.evaluate(([impl, listId]) => window.bench.readAll(impl, listId), [impl, listId] as const);
}

function remove(page: Page, impl: RemoveImpl, listId: string) {
  return page.evaluate(([impl, listId]) => window.bench.remove(impl, listId), [impl, listId] as const);
}

test('1: commit, read back and delete a 2,500-contact list, against raw IndexedDB', async ({ benchPage }) => {
  await benchPage.evaluate(() => window.bench.open('commit'));
  const rounds = { warmUp: WARM_UP, rounds: ROUNDS };

  // The diagnostic variants ride along so that a gap between ours and raw can be explained.
  const commitImpls = ['store', 'raw', 'dexie-bulk', 'dexie-bulk-get', 'dexie-bulk-together', 'validate'] as const;
  const listIds: Record<RemoveImpl, string[]> = { store: [], raw: [], 'dexie-range': [] };
  const commits = await alternate(commitImpls, rounds, async (impl, round) => {
    const { ms: took, value } = await commit(benchPage, impl, LIST_SIZE, `${impl}-${round + WARM_UP}`);
    if (impl === 'store' || impl === 'raw') listIds[impl].push(value);
    // Same records, written by Dexie's bulk calls alone: deleted later by `dexie-range`.
    else if (impl === 'dexie-bulk') listIds['dexie-range'].push(value);
    // Gone at once, unmeasured, so that every round starts from the same database.
    else if (impl !== 'validate') await remove(benchPage, 'dexie-range', value);
    return took;
  });

  // Round r reads, then deletes, the lists committed in round r.
  const listOf = (impl: RemoveImpl, round: number) => listIds[impl][round + WARM_UP] ?? '';
  const reads = await alternate(['store', 'raw'] as const, rounds, async (impl, round) => {
    const { ms: took, value } = await readAll(benchPage, impl, listOf(impl, round));
    if (value !== LIST_SIZE) throw new Error(`${impl} read back ${value} items, not ${LIST_SIZE}`);
    return took;
  });
  const deletes = await alternate(['store', 'raw', 'dexie-range'] as const, rounds, async (impl, round) => {
    // Deleting 2,500 records sets off LevelDB compaction in the background, for every database
    // of the origin; a delete that starts while the previous one's is running measures that
    // instead (medians swung from ×1.0 to ×1.7 run to run). Each delete starts from quiet.
    await benchPage.waitForTimeout(DELETE_SETTLE_MS);
    const { ms: took } = await remove(benchPage, impl, listOf(impl, round));
    return took;
  });

  const commitRaw = summarise(commits.raw);
  const deleteRaw = summarise(deletes.raw);
  await report(
    ratioResult(
      '1a',
      'Commit 2,500 contacts (list + items + base contacts, one transaction)',
      [summarise(commits.store), commitRaw],
      OURS_VS_RAW,
      RATIO_LIMIT,
    ),
  );
  await report(shareResult('1a.1', 'zod validation (createSnapshotSchema)', summarise(commits.validate), commitRaw, 'raw commit'));
  await report(
    shareResult(
      '1a.2',
      'the same records through Dexie bulkAdd/bulkPut alone, no validation',
      summarise(commits['dexie-bulk']),
      commitRaw,
      'raw commit',
    ),
  );
  await report(
    shareResult(
      '1a.3',
      '1a.2 plus a bulkGet of every base contact (the merge read createList avoids with its detailed index)',
      summarise(commits['dexie-bulk-get']),
      commitRaw,
      'raw commit',
    ),
  );
  await report(
    shareResult(
      '1a.4',
      '1a.2 with its three writes issued together (Promise.all), not one after another',
      summarise(commits['dexie-bulk-together']),
      commitRaw,
      'raw commit',
    ),
  );
  await report(
    ratioResult('1b', 'Read back 2,500 items in order', [summarise(reads.store), summarise(reads.raw)], OURS_VS_RAW, RATIO_LIMIT),
  );
  await report(ratioResult('1c', 'Delete a 2,500-contact list', [summarise(deletes.store), deleteRaw], OURS_VS_RAW, RATIO_LIMIT));
  await report(
    shareResult(
      '1c.1',
      'plain Dexie, in the diagnostics database: Collection.delete (count + deleteRange), then the list',
      summarise(deletes['dexie-range']),
      deleteRaw,
      'raw delete',
    ),
  );
});

test('2: a page of 100 contacts with 250,000 items stored', async ({ benchPage }) => {
  await benchPage.evaluate(() => window.bench.open('pages'));

  const lists: Record<ReadImpl, string[]> = { store: [], raw: [] };
  const seeds = await alternate(['store', 'raw'] as const, { warmUp: 0, rounds: SEED_LISTS }, async (impl, round) => {
    const { ms: took, value } = await commit(benchPage, impl, SEED_LIST_SIZE, `seed-${round}`);
    lists[impl].push(value);
    return took;
  });
  const stored = await benchPage.evaluate(() => window.bench.countItems());
  const expected = SEED_LISTS * SEED_LIST_SIZE;
  if (stored.store !== expected || stored.raw !== expected) {
    throw new Error(`Seeded ${JSON.stringify(stored)} items, not ${expected} in each database`);
  }

  // Pages from every list, from anywhere in it (the last page included), the same for both.
  const pageCount = SEED_LIST_SIZE / PAGE_SIZE;
  const offsetOf = (round: number) => (((round + 10) * 7919) % pageCount) * PAGE_SIZE;
  const pages = await alternate(['store', 'raw'] as const, { warmUp: 10, rounds: 60 }, async (impl, round) => {
    const listId = lists[impl][(round + 10) % SEED_LISTS] ?? '';
    const { ms: took } = await benchPage.evaluate(([impl, listId, offset, limit]) => window.bench.readPage(impl, listId, offset, limit), [
      impl,
      listId,
      offsetOf(round),
      PAGE_SIZE,
    ] as const);
    return took;
  });

  const pageOurs = summarise(pages.store);
  await report(limitResult('2', 'A page of 100 contacts (listContacts), 250,000 items in 10 lists', pageOurs, PAGE_LIMIT_MS));
  await report(
    ratioResult('2.1', 'the same pages, raw IDB (get the list + getAll over the key range)', [pageOurs, summarise(pages.raw)], OURS_VS_RAW),
  );
  await report(
    ratioResult(
      '2.2',
      `seeding: commit ${SEED_LIST_SIZE.toLocaleString('en')} contacts into a growing store`,
      [summarise(seeds.store), summarise(seeds.raw)],
      OURS_VS_RAW,
    ),
  );
});
