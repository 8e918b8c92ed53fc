import { test } from '@playwright/test';
import type { Summary } from './stats';

export const RESULT_ATTACHMENT = 'bench-result';
export const BROWSER_ATTACHMENT = 'bench-browser';

/** PASS or FAIL against a target; INFO explains a figure and is held to nothing. */
export type Verdict = 'PASS' | 'FAIL' | 'INFO';

/** One line of the benchmark table. `id` orders the table ("1a", "1a.2", "2", ...). */
export interface BenchResult {
  id: string;
  target: string;
  measured: string;
  check: string;
  verdict: Verdict;
}

/** Hands a line to the bench reporter, which prints the table and sets the exit code. */
export async function report(result: BenchResult): Promise<void> {
  await test.info().attach(RESULT_ATTACHMENT, { body: JSON.stringify(result), contentType: 'application/json' });
}

/** Names the browser the figures come from, e.g. `HeadlessChrome/156.0.8078.79`. */
export async function reportBrowser(product: string): Promise<void> {
  await test.info().attach(BROWSER_ATTACHMENT, { body: product, contentType: 'text/plain' });
}

/**
 * `ours` against `baseline`, on medians: held to `ours / baseline ≤ limit`, or only shown
 * (INFO) without a limit.
 */
export function ratioResult(
  id: string,
  target: string,
  [ours, baseline]: [Summary, Summary],
  names: { ours: string; baseline: string },
  limit?: number,
): BenchResult {
  const ratio = ours.median / baseline.median;
  return {
    id,
    target,
    measured: `${names.ours} ${ms(ours)} vs ${names.baseline} ${ms(baseline)}`,
    check: limit === undefined ? `×${ratio.toFixed(2)}` : `×${ratio.toFixed(2)} (limit ×${limit})`,
    verdict: limit === undefined ? 'INFO' : ratio <= limit ? 'PASS' : 'FAIL',
  };
}

/** An explanatory line: a variant's figure and what share of `baseline` it is. */
export function shareResult(id: string, target: string, variant: Summary, baseline: Summary, baselineName: string): BenchResult {
  return {
    id,
    target,
    measured: ms(variant),
    check: `×${(variant.median / baseline.median).toFixed(2)} of ${baselineName}`,
    verdict: 'INFO',
  };
}

/** A duration held to `median ≤ limitMs`. */
export function limitResult(id: string, target: string, measured: Summary, limitMs: number): BenchResult {
  return {
    id,
    target,
    measured: ms(measured),
    check: `≤ ${limitMs.toLocaleString('en')} ms`,
    verdict: measured.median <= limitMs ? 'PASS' : 'FAIL',
  };
}

/** `41.2 ms (p90 45.0, n=20)` */
export function ms(summary: Summary): string {
  return `${summary.median.toFixed(1)} ms (p90 ${summary.p90.toFixed(1)}, n=${summary.runs})`;
}
