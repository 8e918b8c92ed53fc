// Types only from zod: this module is on the side panel's startup path, which must not load zod
// and the model's schemas (36 kB gzip) just to show the lists. Parsing a serialized error, which
// does need them, lives at the boundary that receives one (`lib/messaging/reply.ts`).
import type { Outcome, OutcomeCode, OutcomeParams } from './outcomes';
import type { ErrorDetail, ErrorResponse } from './schemas';
import type { z } from './zod';

/** Machine-readable error codes used across the extension, with their HTTP-like status. */
export const ERROR_STATUS = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  connector_error: 424,
  rate_limited: 429,
  daily_budget_exhausted: 429,
  cancelled: 499,
  internal_error: 500,
  not_available: 501,
  linkedin_format_changed: 502,
  upstream_error: 502,
  network_error: 503,
  timeout: 504,
  /** The browser refused to store more (IndexedDB's `QuotaExceededError`). */
  storage_full: 507,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Whether `code` is one of the extension's error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}

/**
 * Why an error happened, as an outcome without its time: the panel words it. One member per code,
 * as `Outcome` has (`Omit` of the union would merge them), so a code still decides its params.
 */
export type ErrorReason = { [K in OutcomeCode]: { code: K; params: OutcomeParams[K] } }[OutcomeCode];

export interface ApiErrorInit {
  /** Error code, as in the spec's `ErrorResponse.error`. */
  error: ErrorCode;
  /**
   * For a developer or a log; the panel shows `reason` when there is one. Defaults to the
   * reason's code. Validation errors carry the schema's own words.
   */
  message?: string;
  reason?: ErrorReason;
  details?: ErrorDetail[];
  /** HTTP-like status; defaults from the code. */
  status?: number;
  /** When the caller may try again, for rate limits and cool-downs (epoch ms). */
  retryAt?: number;
  /** The HTTP status LinkedIn or Saber answered with, when one did. */
  upstreamStatus?: number;
}

/**
 * The one error type of the extension, shaped like the spec's `ErrorResponse` plus a status,
 * a structured reason and the upstream status. It crosses the messaging boundary as plain JSON
 * (`toJSON`) and is rebuilt with `new ApiError(json)`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly error: ErrorCode;
  readonly reason: ErrorReason | undefined;
  readonly details: ErrorDetail[] | undefined;
  readonly retryAt: number | undefined;
  readonly upstreamStatus: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message ?? init.reason?.code ?? init.error);
    this.name = 'ApiError';
    this.error = init.error;
    this.status = init.status ?? ERROR_STATUS[init.error];
    this.reason = init.reason;
    this.details = init.details;
    this.retryAt = init.retryAt;
    this.upstreamStatus = init.upstreamStatus;
  }

  /** The same error with some fields replaced (a later `retryAt`, the field it is about). */
  with(patch: Partial<ApiErrorInit>): ApiError {
    return new ApiError({ ...this.toJSON(), ...patch });
  }

  /** The spec's `ErrorResponse` body plus `status`, and the reason, `retryAt` and upstream status when set. */
  toJSON(): SerializedApiError {
    return {
      error: this.error,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      status: this.status,
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.retryAt === undefined ? {} : { retryAt: this.retryAt }),
      ...(this.upstreamStatus === undefined ? {} : { upstreamStatus: this.upstreamStatus }),
    };
  }

  /** The error a caught value stands for: itself, or `internal_error` with its message. */
  static from(value: unknown): ApiError {
    if (value instanceof ApiError) return value;
    const message = value instanceof Error ? value.message : 'Something went wrong';
    return new ApiError({ error: 'internal_error', message });
  }

  /** A 400 naming every offending field, from a zod error. `prefix` scopes nested input. */
  static fromZod(zodError: z.ZodError, prefix?: string): ApiError {
    const details = zodError.issues.map((issue) => ({
      field: formatFieldPath([...(prefix ? [prefix] : []), ...issue.path]),
      message: issue.message,
    }));
    const first = details[0];
    return new ApiError({
      error: 'validation_error',
      message: first ? `${first.field || 'input'}: ${first.message}` : 'Invalid input',
      details,
    });
  }

  static notFound(what: string, id: string): ApiError {
    return new ApiError({ error: 'not_found', message: `${what} "${id}" was not found` });
  }
}

/** An error with a reason: the code, what it is about and, optionally, what else to carry. */
export function failure<K extends OutcomeCode>(
  error: ErrorCode,
  code: K,
  params: OutcomeParams[K],
  extra: Omit<ApiErrorInit, 'error' | 'reason'> = {},
): ApiError {
  const defined = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
  return new ApiError({ ...extra, error, reason: { code, params: defined } as ErrorReason });
}

export type SerializedApiError = ErrorResponse & {
  error: ErrorCode;
  status: number;
  reason?: ErrorReason;
  retryAt?: number;
  upstreamStatus?: number;
};

/**
 * An error as a job or a sync state keeps it: the serialized error without its message, so no
 * sentence is stored (validation details keep the schema's words, naming the field).
 */
export type StoredError = Omit<SerializedApiError, 'message'>;

/** `error` for storage. */
export function toStoredError(error: ApiError): StoredError {
  const { message: _message, ...stored } = error.toJSON();
  return stored;
}

/** Why an error happened, for storing and wording: its own reason, else what its code and fields say. */
export function reasonOf(error: Pick<StoredError, 'error' | 'reason' | 'details'>): ErrorReason {
  if (error.reason) return error.reason;
  if (error.error === 'validation_error') return { code: 'error.invalid', params: { field: error.details?.[0]?.field ?? '' } };
  return { code: 'error.unexpected', params: { errorCode: error.error } };
}

/** The outcome that records an error: its reason, and when it will be tried again if it will. */
export function outcomeOf(error: Pick<StoredError, 'error' | 'reason' | 'details'>, retryAt?: number): Outcome {
  return { ...reasonOf(error), ...(retryAt === undefined ? {} : { retryAt }) };
}

/** `['filters', 'companyLinkedInUrls', 0]` → `filters.companyLinkedInUrls[0]`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Parses `input` or throws a 400 `ApiError` naming each bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, prefix?: string): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw ApiError.fromZod(result.error, prefix);
  return result.data;
}

/**
 * Work that may not happen yet: not a failure but a time to come back (a pacing hold, a
 * cool-down, a spent daily budget). The job runner turns it into a stored wait without counting
 * an attempt; a synchronous caller turns it into an error with `retryAt`.
 */
export class NotYet extends Error {
  constructor(
    readonly until: number,
    readonly why: Outcome,
  ) {
    super(why.code);
    this.name = 'NotYet';
  }
}

/** A wait as the error a synchronous caller answers with: what holds the work, and until when. */
export function notYetAsError(wait: NotYet): ApiError {
  const { retryAt: _at, ...reason } = wait.why;
  return new ApiError({
    error: wait.why.code === 'linkedin.budgetSpent' ? 'daily_budget_exhausted' : 'rate_limited',
    reason,
    retryAt: wait.until,
  });
}
