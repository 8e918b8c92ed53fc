// Types only: this module is on the side panel's startup path, which must not load zod and the
// model's schemas (36 kB gzip) just to show the lists. Parsing a serialized error, which does
// need them, lives at the boundary that receives one (`lib/messaging/reply.ts`).
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
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ApiErrorInit {
  /** Error code, as in the spec's `ErrorResponse.error`. */
  error: string;
  message: string;
  details?: ErrorDetail[];
  /** HTTP-like status; defaults from the code. */
  status?: number;
  /** When the caller may try again, for rate limits and cool-downs (epoch ms). */
  retryAt?: number;
}

/**
 * The one error type of the extension, shaped like the spec's `ErrorResponse` plus a status.
 * It crosses the messaging boundary as plain JSON (`toJSON`) and is rebuilt with `from`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly error: string;
  readonly details: ErrorDetail[] | undefined;
  readonly retryAt: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.error = init.error;
    this.status = init.status ?? ERROR_STATUS[init.error as ErrorCode] ?? 500;
    this.details = init.details;
    this.retryAt = init.retryAt;
  }

  /** The spec's `ErrorResponse` body plus `status` (and `retryAt` when set). */
  toJSON(): SerializedApiError {
    return {
      error: this.error,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      status: this.status,
      ...(this.retryAt === undefined ? {} : { retryAt: this.retryAt }),
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

export type SerializedApiError = ErrorResponse & { status: number; retryAt?: number };

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
