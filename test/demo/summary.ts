/** The tour's results: what each step did, the lists it made, the files it wrote. */

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepResult {
  /** 1-based, as in the screenshots' names. */
  number: number;
  id: string;
  title: string;
  status: StepStatus;
  ms: number;
  /** Why it failed, or which earlier step it needed. */
  error?: string;
}

/** A list as the extension stored it, read back at the end of the tour. */
export interface ListMade {
  name: string;
  contacts: number;
  /** The list's `source.kind` (`search`, `salesNavigatorQuery`, `leadList`, `saber`, …). */
  source: string;
  /** The list's `sync.state` with Saber (`local`, `synced`, …). */
  saber: string;
}

export interface FileWritten {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  bytes: number;
}

export interface TourSummary {
  ok: boolean;
  startedAt: string;
  ms: number;
  /** The month the demo population started at. */
  epoch: number;
  passed: number;
  failed: number;
  skipped: number;
  steps: StepResult[];
  lists: ListMade[];
  /** Contacts over all lists (a person in two lists counts twice, as the lists show them). */
  contacts: number;
  /** People the tour's refresh found joined, left or changed; `null` when that step did not run. */
  changesFound: number | null;
  files: FileWritten[];
}

/** `07-export-csv.png`: screenshots sort in the order the tour took them. */
export function stepFileName(number: number, id: string, detail?: string): string {
  return `${String(number).padStart(2, '0')}-${id}${detail ? `-${detail}` : ''}.png`;
}

/** Adds up the steps; the tour passes only when every step ran and passed. */
export function summarise(input: {
  startedAt: string;
  ms: number;
  epoch: number;
  steps: StepResult[];
  lists: ListMade[];
  changesFound: number | null;
  files: FileWritten[];
}): TourSummary {
  const count = (status: StepStatus) => input.steps.filter((step) => step.status === status).length;
  const passed = count('passed');
  const failed = count('failed');
  const skipped = count('skipped');
  return {
    ok: input.steps.length > 0 && passed === input.steps.length,
    startedAt: input.startedAt,
    ms: input.ms,
    epoch: input.epoch,
    passed,
    failed,
    skipped,
    steps: input.steps,
    lists: input.lists,
    contacts: input.lists.reduce((sum, list) => sum + list.contacts, 0),
    changesFound: input.changesFound,
    files: [...input.files].sort((a, b) => a.path.localeCompare(b.path, 'en')),
  };
}

/** `850 ms`, `12.3 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const SOURCE_WORDS: Readonly<Record<string, string>> = {
  search: 'Sales Navigator search',
  salesNavigatorQuery: 'Saved Sales Navigator search',
  leadList: 'Lead list',
  addressBook: 'LinkedIn address book',
  saber: 'Pulled from Saber',
  manual: 'Added in this browser',
};

const SABER_WORDS: Readonly<Record<string, string>> = {
  local: 'Local only',
  pending: 'Pending',
  synced: 'Synced',
  error: 'Error',
  deletedRemote: 'Deleted on Saber',
};

/** The lines of an error that say what went wrong: what comes before Playwright's call log, at most six. */
export function briefError(error: string): string[] {
  return error
    .split('Call log:')[0]!
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 6);
}

/** The summary as the terminal shows it; `outDir` is how the output folder is named there. */
export function formatSummary(summary: TourSummary, outDir: string): string {
  const lines = [
    `Listwright demo tour: ${summary.passed} of ${summary.steps.length} steps passed` +
      `, ${summary.failed} failed, ${summary.skipped} skipped, in ${formatDuration(summary.ms)} (the demo started at month ${summary.epoch})`,
    '',
  ];
  for (const step of summary.steps) {
    const mark = step.status === 'passed' ? 'ok  ' : step.status === 'failed' ? 'FAIL' : 'skip';
    lines.push(`  ${mark} ${String(step.number).padStart(2, '0')} ${step.title} (${formatDuration(step.ms)})`);
    if (step.error) lines.push(...briefError(step.error).map((line) => `         ${line}`));
  }
  lines.push('', `Lists made: ${summary.lists.length}, with ${summary.contacts.toLocaleString('en-US')} contacts`);
  const width = Math.max(0, ...summary.lists.map((list) => list.name.length));
  for (const list of summary.lists) {
    const source = SOURCE_WORDS[list.source] ?? list.source;
    const saber = SABER_WORDS[list.saber] ?? list.saber;
    lines.push(`  ${list.name.padEnd(width)}  ${String(list.contacts).padStart(5)} contacts  ${source}, Saber: ${saber}`);
  }
  lines.push(
    `Changes found: ${summary.changesFound === null ? 'none (the refresh step did not run)' : summary.changesFound}`,
    '',
    `Files written: ${summary.files.length}, in ${outDir}/`,
  );
  for (const file of summary.files) lines.push(`  ${file.path}  ${formatBytes(file.bytes)}`);
  lines.push('', summary.ok ? 'The tour passed.' : 'The tour failed: see the steps marked FAIL or skip above.');
  return lines.join('\n');
}
