/**
 * Every kind of job, with what the panel needs to know about it: which service it talks to
 * (so a failure gets that service's advice) and what one step of its progress is.
 */
export const JOB_KINDS = {
  /** A capture from filters or a replayed Sales Navigator search. */
  'capture.search': { service: 'linkedin', unit: 'page', savesAtEnd: true },
  /** A capture of a saved Sales Navigator lead list. */
  'capture.leadList': { service: 'linkedin', unit: 'page', savesAtEnd: true },
  /** Sending the outbox to Saber: each change Saber acknowledged stays sent. */
  'saber.outbox': { service: 'saber', unit: 'step', savesAtEnd: false },
  /** "Pull from Saber": each downloaded list is stored on its own. */
  'saber.pull': { service: 'saber', unit: 'step', savesAtEnd: false },
  /** A list's source run again; the list changes only at the end, with its history. */
  'refresh.list': { service: 'linkedin', unit: 'page', savesAtEnd: true },
  /** "Check leavers": one name search per leaver; each answer is kept as it comes. */
  'refresh.leavers': { service: 'linkedin', unit: 'step', savesAtEnd: false },
  /** The address book through LinkedIn's Contacts API (a task, polled). */
  'network.addressBook': { service: 'linkedin', unit: 'step', savesAtEnd: true },
  /** The user's connections, page by page, through the session. */
  'network.connections': { service: 'linkedin', unit: 'page', savesAtEnd: true },
  /** LinkedIn's Connections.csv, read and stored. */
  'network.connectionsCsv': { service: 'local', unit: 'step', savesAtEnd: true },
} as const satisfies Record<string, JobKindInfo>;

/** `savesAtEnd`: the job writes its result in one final commit, so a failure or a cancel leaves nothing. */
interface JobKindInfo {
  service: 'linkedin' | 'saber' | 'local';
  unit: 'page' | 'step';
  savesAtEnd: boolean;
}

export type JobKindName = keyof typeof JOB_KINDS;
export type JobService = (typeof JOB_KINDS)[JobKindName]['service'];

/** What the panel knows of a stored kind; `undefined` for a kind this version does not run. */
export function describeJobKind(kind: string): (typeof JOB_KINDS)[JobKindName] | undefined {
  return Object.hasOwn(JOB_KINDS, kind) ? JOB_KINDS[kind as JobKindName] : undefined;
}

/**
 * Whether a failed job of `kind` can be run again from where it stopped (Retry). Saber's jobs
 * are not: a new push or pull starts them again, one at a time.
 */
export function isRetryableKind(kind: string): boolean {
  return describeJobKind(kind)?.service !== 'saber';
}

/**
 * Whether a job that failed with `error` keeps what it staged: not when its own input was
 * refused or what it works on is gone (a file that is not an export, a deleted list), since
 * a Retry would meet the same verdict and nothing partial is worth saving.
 */
export function failureKeepsWork(error: { error: string } | undefined): boolean {
  return error?.error !== 'validation_error' && error?.error !== 'not_found';
}

/** Kinds whose failed job can commit the pages it fetched as a list marked partial ("Save what was captured"). */
const PARTIAL_SAVE_KINDS: ReadonlySet<string> = new Set<JobKindName>(['capture.search', 'capture.leadList']);

/** Whether a failed job of `kind` offers "Save what was captured". */
export function canSavePartial(kind: string): boolean {
  return PARTIAL_SAVE_KINDS.has(kind);
}
