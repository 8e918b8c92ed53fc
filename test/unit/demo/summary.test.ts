import { describe, expect, it } from 'vitest';
import { briefError, formatDuration, formatSummary, stepFileName, summarise, type StepResult } from '../../demo/summary';

function step(number: number, status: StepResult['status'], error?: string): StepResult {
  return { number, id: `step-${number}`, title: `Step ${number}`, status, ms: 1200, ...(error ? { error } : {}) };
}

const BASE = {
  startedAt: '2026-12-02T09:00:00.000Z',
  ms: 63_400,
  epoch: 0,
  lists: [
    { name: 'Go-to-market at Stripe', contacts: 84, source: 'search', saber: 'synced' },
    { name: 'Security buyers', contacts: 75, source: 'leadList', saber: 'local' },
  ],
  changesFound: null,
  files: [
    { path: 'screenshots/02-lists.png', bytes: 2048 },
    { path: 'csv/All lists-2026-12-02.csv', bytes: 512 },
  ],
};

describe('summarise', () => {
  it('passes only when every step passed', () => {
    expect(summarise({ ...BASE, steps: [step(1, 'passed'), step(2, 'passed')] })).toMatchObject({
      ok: true,
      passed: 2,
      failed: 0,
      skipped: 0,
    });
    expect(summarise({ ...BASE, steps: [step(1, 'passed'), step(2, 'failed', 'boom')] })).toMatchObject({
      ok: false,
      passed: 1,
      failed: 1,
    });
    expect(summarise({ ...BASE, steps: [step(1, 'passed'), step(2, 'skipped')] })).toMatchObject({ ok: false, skipped: 1 });
  });

  it('does not pass a tour that ran no step', () => {
    expect(summarise({ ...BASE, steps: [] }).ok).toBe(false);
  });

  it('adds up the contacts of every list and sorts the files by path', () => {
    const summary = summarise({ ...BASE, steps: [step(1, 'passed')] });
    expect(summary.contacts).toBe(159);
    expect(summary.files.map((file) => file.path)).toEqual(['csv/All lists-2026-12-02.csv', 'screenshots/02-lists.png']);
  });
});

describe('formatSummary', () => {
  it('says the counts, each step, the lists, the files and the verdict', () => {
    const text = formatSummary(
      summarise({ ...BASE, steps: [step(1, 'passed'), step(2, 'failed', 'Timed out\nCall log:\n- x')] }),
      'demo-output',
    );
    expect(text).toContain('1 of 2 steps passed, 1 failed, 0 skipped, in 1 min 3 s');
    expect(text).toContain('ok   01 Step 1 (1.2 s)');
    expect(text).toContain('FAIL 02 Step 2 (1.2 s)');
    expect(text).toContain('         Timed out');
    expect(text).not.toContain('Call log');
    expect(text).toContain('Lists made: 2, with 159 contacts');
    expect(text).toMatch(/Go-to-market at Stripe\s+84 contacts {2}Sales Navigator search, Saber: Synced/);
    expect(text).toMatch(/Security buyers\s+75 contacts {2}Lead list, Saber: Local only/);
    expect(text).toContain('Changes found: none (the refresh step did not run)');
    expect(text).toContain('Files written: 2, in demo-output/');
    expect(text).toContain('screenshots/02-lists.png  2.0 kB');
    expect(text.trim().endsWith('The tour failed: see the steps marked FAIL or skip above.')).toBe(true);
  });

  it('ends with a pass when every step passed, and counts changes once a refresh finds some', () => {
    const text = formatSummary(summarise({ ...BASE, changesFound: 12, steps: [step(1, 'passed')] }), 'out');
    expect(text).toContain('Changes found: 12');
    expect(text.trim().endsWith('The tour passed.')).toBe(true);
  });
});

describe('briefError', () => {
  it('keeps at most six lines before the call log, trimmed', () => {
    expect(briefError('  a\n\nb\nc\nd\ne\nf\ng\nCall log:\n- h')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(briefError('only\nCall log:\n  - waiting')).toEqual(['only']);
  });
});

describe('formatDuration and stepFileName', () => {
  it('words durations in ms, seconds, then minutes', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('numbers screenshots with two digits so they sort in tour order', () => {
    expect(stepFileName(7, 'export-csv')).toBe('07-export-csv.png');
    expect(stepFileName(3, 'capture-filters', 'form')).toBe('03-capture-filters-form.png');
    expect(stepFileName(12, 'pull')).toBe('12-pull.png');
  });
});
