/**
 * How long `parseConnectionsCsv` takes on a 30,000-row export (LinkedIn's cap on connections),
 * in Node. Run by hand: `npx jiti test/bench/connections-csv-node.ts`. It prints the timings
 * and asserts nothing about them; the import's budget (parse + validate + IndexedDB commit in
 * Chromium) is held in `network.perf.ts`.
 */
import { performance } from 'node:perf_hooks';
import { parseConnectionsCsv } from '../../lib/linkedin/connections-csv';
import { connectionsExport } from './page/connections-export';

const ROWS = 30_000;
const ROUNDS = 7;

const text = connectionsExport(ROWS);
const times: number[] = [];
let contacts = 0;
for (let round = 0; round < ROUNDS; round += 1) {
  const started = performance.now();
  contacts = parseConnectionsCsv(text).contacts.length;
  times.push(performance.now() - started);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(
  `${ROWS} rows, ${(text.length / 1e6).toFixed(1)} M chars → ${contacts} contacts; ` +
    `parse + validate: first ${times[0]!.toFixed(0)} ms, median ${sorted[Math.floor(ROUNDS / 2)]!.toFixed(0)} ms, ` +
    `best ${sorted[0]!.toFixed(0)} ms (${ROUNDS} rounds)`,
);
