import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { BROWSER_ATTACHMENT, RESULT_ATTACHMENT, type BenchResult } from './support/results';

const RESULTS_DIR = new URL('./.dist/', import.meta.url);

/**
 * Collects every bench's results, prints them as one table (Markdown, so it pastes into the
 * README), saves it to `test/bench/.dist/results.md`, and fails the run when a target is missed.
 */
export default class BenchReporter implements Reporter {
  private readonly results: BenchResult[] = [];
  private browser = 'unknown browser';
  private loadAtStart = 0;

  onBegin(): void {
    this.loadAtStart = loadavg()[0] ?? 0;
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    for (const attachment of result.attachments) {
      if (!attachment.body) continue;
      if (attachment.name === RESULT_ATTACHMENT) {
        this.results.push(JSON.parse(attachment.body.toString()) as BenchResult);
      }
      if (attachment.name === BROWSER_ATTACHMENT) this.browser = attachment.body.toString();
    }
  }

  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] }> {
    if (this.results.length === 0) {
      console.log('Nothing was measured.');
      return { status: result.status };
    }
    const rows = [...this.results].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    const missed = rows.filter((row) => row.verdict === 'FAIL');
    const table = [
      `Measured on ${this.browser}, ${cpus().length} cores, Node ${process.version}; 1-minute load average ` +
        `${this.loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end. ` +
        'Medians; p90 and runs in brackets.',
      '',
      '| # | Target | Measured | Ratio / limit | Verdict |',
      '|---|---|---|---|---|',
      ...rows.map((row) => `| ${row.id} | ${row.target} | ${row.measured} | ${row.check} | ${row.verdict} |`),
    ].join('\n');
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(new URL('results.md', RESULTS_DIR), `${table}\n`);
    writeFileSync(new URL('results.json', RESULTS_DIR), `${JSON.stringify(rows, null, 2)}\n`);
    console.log(`\n${table}\n`);
    if (result.status !== 'passed') {
      console.log('The benchmark did not run to the end: see the errors above.');
      return { status: result.status };
    }
    if (missed.length > 0) {
      console.log(`Missed ${missed.length} target(s): ${missed.map((row) => row.id).join(', ')}.`);
      return { status: 'failed' };
    }
    console.log('Every measured target is met.');
    return { status: 'passed' };
  }

  printsToStdio(): boolean {
    return true;
  }
}
