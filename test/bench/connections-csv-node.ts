/**
 * How long `parseConnectionsCsv` takes on a 30,000-row export (LinkedIn's cap on connections),
 * in Node. Run by hand: `npx jiti test/bench/connections-csv-node.ts`. It prints the timings
 * and asserts nothing about them; the import's budget (parse + validate + IndexedDB commit in
 * Chromium) is 3 s.
 */
import { performance } from 'node:perf_hooks';
import { parseConnectionsCsv } from '../../lib/linkedin/connections-csv';

const ROWS = 30_000;
const ROUNDS = 7;
const FIRST = ['Ada', 'Grace', 'Jean-Luc', 'Мария', '美玲', 'فاطمة', 'José', 'Siobhán'];
const LAST = ['Lovelace', 'Hopper', "O'Brien", 'Иванова', '王', 'الزهراء', 'García', 'Ní Bhriain'];
const COMPANIES = ['Analytical Engines Ltd', '"Compilers, Inc."', 'Яндекс', '阿里巴巴', '"Acme ""Rockets"", Inc."'];
const POSITIONS = ['Head of Sales', '"VP Sales, EMEA"', 'Account Executive', '"Founder\r\n& CEO"'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function exportText(rows: number): string {
  const lines = [
    '\uFEFFNotes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  ];
  for (let i = 0; i < rows; i += 1) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const email = i % 4 === 0 ? `person.${i}@example.com` : '';
    const date = `${(i % 28) + 1} ${MONTHS[i % 12]} ${2010 + (i % 15)}`;
    const url = `https://www.linkedin.com/in/person-${i}-${i.toString(36)}`;
    lines.push([first, last, url, email, COMPANIES[i % 5], POSITIONS[i % 4], date].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const text = exportText(ROWS);
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
