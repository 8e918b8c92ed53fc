/**
 * What happened, as data: a code from one closed vocabulary and its parameters. Jobs, sync
 * states and errors store outcomes, never sentences; the panel turns them into text with one
 * formatter in the reader's locale (`components/outcome-text.ts`), so every time on screen is
 * formatted the same way and a `switch` over the codes is checked for completeness.
 *
 * Each entry below is a code and the parameters it carries. Names are stored: a code is never
 * renamed, and a code this version does not know reads as `unknown` (see {@link readOutcome}).
 */
export interface OutcomeParams {
  // LinkedIn, through the user's session
  'linkedin.loggedOut': Empty;
  'linkedin.cookieUnreadable': Empty;
  'linkedin.noSeat': Empty;
  /** A 3xx (or an opaque redirect): the login page or the contract chooser. */
  'linkedin.redirected': Empty;
  /** 401. */
  'linkedin.sessionExpired': Empty;
  /** 403 on a request other than the seat check. */
  'linkedin.refused': Empty;
  /** 429. `attempt` and `of` when a job will try again. */
  'linkedin.rateLimited': Retrying;
  /** 999, LinkedIn's bot detection. */
  'linkedin.botDetected': Retrying;
  'linkedin.serverError': { status: number } & Retrying;
  'linkedin.rejected': { status: number };
  'linkedin.timeout': { seconds: number } & Retrying;
  'linkedin.network': Retrying;
  /** An answer in a shape the extension does not know; `endpoint` names which. */
  'linkedin.formatChanged': { endpoint: string };
  'linkedin.companyNotFound': { url: string };
  'linkedin.regionNotFound': { country: string };
  /** New LinkedIn work is held after refusals, until `retryAt`. */
  'linkedin.coolingDown': Empty;
  /** Today's page budget is spent; `retryAt` is the next local midnight. */
  'linkedin.budgetSpent': { budget: number };
  /** Another LinkedIn request holds the line longer than a synchronous answer can wait. */
  'linkedin.busy': Empty;
  /** A cool-down started: LinkedIn work waits for the user's Resume (no `retryAt`: no time ends it). */
  'linkedin.resumeNeeded': Empty;

  // Saber
  'saber.keyMissing': Empty;
  'saber.keyRejected': Empty;
  'saber.forbidden': Empty;
  'saber.originNotGranted': { origin: string };
  /** A 404 that was not Saber speaking (a proxy's page, a wrong base URL). */
  'saber.wrongAddress': { status: number };
  'saber.connector': SaberSaid;
  'saber.rateLimited': SaberSaid;
  'saber.timeout': { seconds?: number; status?: number };
  'saber.network': Empty;
  'saber.serverError': { status: number } & SaberSaid;
  /** A 4xx the mapping has no meaning for (410, 413, …): asking again would be refused again. */
  'saber.refused': { status: number } & SaberSaid;
  'saber.invalid': SaberSaid;
  'saber.notFound': SaberSaid;
  'saber.conflict': SaberSaid;
  /** A response that broke the API contract; `field` and `problem` (zod's words) say where. */
  'saber.contract': { what: SaberAnswer; field?: string; problem?: string };
  /** A 2xx whose body was not JSON. */
  'saber.notJson': { what: SaberAnswer };
  'saber.alreadyOnSaber': { name: string };

  // Jobs
  'job.cancelled': Empty;
  'job.unknownKind': { kind: string };
  'job.stateUnreadable': Empty;
  'job.invalidParams': Empty;
  /** The same step was started `tries` times and never finished (the worker kept stopping mid-step). */
  'job.interrupted': { tries: number };
  /** "Save what was captured" of a job that staged nothing. */
  'job.nothingCaptured': Empty;
  /** The browser refused to store more: its disk or the extension's quota is full. */
  'storage.full': Empty;
  'capture.lookingUp': { done: number; total: number };
  'capture.done': { contacts: number; matched: number };
  /** "Save what was captured" of a failed capture: a list from `pages` of `planned` pages (its report lists the missing ones). */
  'capture.savedPartial': { contacts: number; matched: number; pages: number; planned: number };
  'leadList.done': { contacts: number; matched: number; leadListName: string };

  // Refresh
  'refresh.done': { contacts: number; matched: number; joined: number; left: number; changed: number };
  /** The list has no source to run again; `source` says which kind it is. */
  'refresh.notRefreshable': { source: string };
  'refresh.alreadyRunning': Empty;
  /** The list was deleted while its refresh ran. */
  'refresh.listGone': Empty;
  'leavers.checking': { done: number; total: number };
  'leavers.done': { checked: number; found: number; notFound: number };
  'leavers.none': Empty;

  // Your network
  'linkedin.tokenMissing': Empty;
  /** The saved token has characters no token (or HTTP header) can have. */
  'linkedin.tokenInvalid': Empty;
  /** The Contacts API refused the access token (401, 403). */
  'linkedin.tokenRefused': { status: number };
  /** Another job of the same kind (an export, an import) is under way. */
  'network.alreadyRunning': Empty;
  'addressBook.started': Empty;
  'addressBook.polling': { polls: number };
  'addressBook.done': { contacts: number };
  'addressBook.failed': Empty;
  'addressBook.unknownStatus': { status: string };
  /** The result expired before it was read, twice. */
  'addressBook.expired': Empty;
  /** A 201 without the task id in `x-linkedin-id`. */
  'addressBook.noTaskId': Empty;
  /** The task did not finish within the deadline. */
  'addressBook.deadline': { minutes: number };
  /** `perDay`: how many connections today's page budget reads a day, for a network that takes days. */
  'connections.reading': { read: number; perDay?: number };
  'connections.done': { contacts: number; added: number; removed: number };
  'connectionsCsv.done': { contacts: number; skipped: number };
  /** A file that is not LinkedIn's Connections.csv; `missing` names the columns it lacks. */
  'connectionsCsv.notAnExport': { missing: string };
  /** A binary file (a ZIP, a spreadsheet) rather than text. */
  'connectionsCsv.notText': Empty;
  'connectionsCsv.empty': Empty;
  /** A quoted field that opens on `line` and never closes. */
  'connectionsCsv.unclosedQuote': { line: number };
  /** More connections than a list can hold. */
  'connectionsCsv.tooMany': { max: number };
  /** A file larger than the panel sends to the background. */
  'connectionsCsv.tooLarge': { megabytes: number };

  // Saber sync
  'outbox.progress': { sent: number; remaining: number };
  'outbox.waiting': Empty;
  'outbox.done': { sent: number };
  'outbox.cancelled': { sent: number; remaining: number };
  'pull.sendingFirst': Empty;
  'pull.waitingToSend': Empty;
  'pull.reading': { read: number; total: number };
  'pull.planned': { download: number; total: number };
  'pull.downloading': { name: string; done: number; total: number };
  'pull.done': { total: number; imported: number; refreshed: number; renamed: number; deleted: number };
  'pull.cancelled': { stored: number; planned: number; sent: number };
  'sync.deletedOnSaber': Empty;
  'sync.unreadableChange': Empty;
  /** A list of your network (`source` its kind) stays local: Saber makes lists from search filters. */
  'sync.localOnly': { source: string };

  // Errors that carry no reason of their own
  /** Input a schema refused; `field` names it (the schema's words are not stored). */
  'error.invalid': { field: string };
  /** A failure nothing foresaw (a bug); `errorCode` is the error's code. */
  'error.unexpected': { errorCode: string };

  /** A sentence a version before outcomes existed stored (a job's or a sync state's), kept as it was. */
  'legacy.text': { text: string };
}

type Empty = Record<never, never>;
/** A refusal a job will try again after: which try this was, of how many. */
type Retrying = {
  attempt?: number;
  of?: number;
  /** This refusal started a cool-down: the work stops. */
  coolDown?: boolean;
  /** The work stopped after this many tries. */
  gaveUpAfter?: number;
};
/** Saber's own words about a refusal, shown as a quote. */
type SaberSaid = { saberMessage?: string };
/** Which of Saber's answers a contract failure was in. */
export type SaberAnswer = 'lists' | 'list' | 'newList' | 'renamedList' | 'contacts' | 'connectors';

export type OutcomeCode = keyof OutcomeParams;

/** An outcome: a code, its parameters and, for anything that waits, when it tries again. */
export type Outcome = {
  [K in OutcomeCode]: { code: K; params: OutcomeParams[K]; retryAt?: number };
}[OutcomeCode];

/** The operation a sync outcome is about, for the list's own line ("Saber could not create the list"). */
export type SyncOp = 'create' | 'rename' | 'delete';

/** Builds an outcome with its parameters type-checked against the code. */
export function outcome<K extends OutcomeCode>(code: K, params: OutcomeParams[K], retryAt?: number): Outcome {
  // Optional parameters left undefined are dropped: what is stored holds values only.
  const defined = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
  return { code, params: defined, ...(retryAt === undefined ? {} : { retryAt }) } as Outcome;
}

/**
 * Every code, as data. Kept beside {@link OutcomeParams} (types vanish at run time); the check
 * below fails to compile when the two disagree.
 */
export const OUTCOME_CODES = [
  'linkedin.loggedOut',
  'linkedin.cookieUnreadable',
  'linkedin.noSeat',
  'linkedin.redirected',
  'linkedin.sessionExpired',
  'linkedin.refused',
  'linkedin.rateLimited',
  'linkedin.botDetected',
  'linkedin.serverError',
  'linkedin.rejected',
  'linkedin.timeout',
  'linkedin.network',
  'linkedin.formatChanged',
  'linkedin.companyNotFound',
  'linkedin.regionNotFound',
  'linkedin.coolingDown',
  'linkedin.budgetSpent',
  'linkedin.busy',
  'linkedin.resumeNeeded',
  'saber.keyMissing',
  'saber.keyRejected',
  'saber.forbidden',
  'saber.originNotGranted',
  'saber.wrongAddress',
  'saber.connector',
  'saber.rateLimited',
  'saber.timeout',
  'saber.network',
  'saber.serverError',
  'saber.refused',
  'saber.invalid',
  'saber.notFound',
  'saber.conflict',
  'saber.contract',
  'saber.notJson',
  'saber.alreadyOnSaber',
  'job.cancelled',
  'job.unknownKind',
  'job.stateUnreadable',
  'job.invalidParams',
  'job.interrupted',
  'job.nothingCaptured',
  'storage.full',
  'capture.lookingUp',
  'capture.done',
  'capture.savedPartial',
  'leadList.done',
  'refresh.done',
  'refresh.notRefreshable',
  'refresh.alreadyRunning',
  'refresh.listGone',
  'leavers.checking',
  'leavers.done',
  'leavers.none',
  'linkedin.tokenMissing',
  'linkedin.tokenInvalid',
  'linkedin.tokenRefused',
  'network.alreadyRunning',
  'addressBook.started',
  'addressBook.polling',
  'addressBook.done',
  'addressBook.failed',
  'addressBook.unknownStatus',
  'addressBook.expired',
  'addressBook.noTaskId',
  'addressBook.deadline',
  'connections.reading',
  'connections.done',
  'connectionsCsv.done',
  'connectionsCsv.notAnExport',
  'connectionsCsv.notText',
  'connectionsCsv.empty',
  'connectionsCsv.unclosedQuote',
  'connectionsCsv.tooMany',
  'connectionsCsv.tooLarge',
  'outbox.progress',
  'outbox.waiting',
  'outbox.done',
  'outbox.cancelled',
  'pull.sendingFirst',
  'pull.waitingToSend',
  'pull.reading',
  'pull.planned',
  'pull.downloading',
  'pull.done',
  'pull.cancelled',
  'sync.deletedOnSaber',
  'sync.unreadableChange',
  'sync.localOnly',
  'error.invalid',
  'error.unexpected',
  'legacy.text',
] as const satisfies readonly OutcomeCode[];

type Missing = Exclude<OutcomeCode, (typeof OUTCOME_CODES)[number]>;
/** Compiles only while every code of {@link OutcomeParams} is listed in {@link OUTCOME_CODES}. */
export const EVERY_CODE_LISTED: [Missing] extends [never] ? true : Missing = true;

const CODES: ReadonlySet<string> = new Set<string>(OUTCOME_CODES);

/** Whether `code` is one of this version's outcome codes. */
export function isOutcomeCode(code: string): code is OutcomeCode {
  return CODES.has(code);
}

/**
 * An outcome read from storage, or `undefined` when it is not one or its code is not this
 * version's (an older or newer record), so callers show a neutral line instead. Checked by
 * hand rather than with zod: the panel's jobs area reads outcomes on its startup path, which
 * must not load zod (see `errors.ts`).
 */
export function readOutcome(value: unknown): Outcome | undefined {
  if (!isRecord(value) || typeof value.code !== 'string' || !isOutcomeCode(value.code)) return undefined;
  const params = value.params ?? {};
  if (!isRecord(params) || !Object.values(params).every(isParamValue)) return undefined;
  if (value.retryAt !== undefined && !Number.isFinite(value.retryAt)) return undefined;
  return { code: value.code, params, ...(typeof value.retryAt === 'number' ? { retryAt: value.retryAt } : {}) } as Outcome;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isParamValue(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
