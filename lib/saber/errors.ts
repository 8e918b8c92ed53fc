import { failure, formatFieldPath, type ApiError, type ErrorCode } from '../model/errors';
import type { SaberAnswer } from '../model/outcomes';
import { parseRetryAfter } from '../model/retry';
import type { ErrorDetail } from '../model/schemas';
import { z } from '../model/zod';

/** The spec's `ErrorResponse`: `{error, message, details[{field, message}]}`. */
const specShape = z.object({
  error: z.string(),
  message: z.string(),
  details: z.array(z.object({ field: z.string().optional(), message: z.string().optional() })).optional(),
});

const fieldEntry = z.union([
  z.string().transform((message): { field?: string; message?: string } => ({ message })),
  z
    .object({
      field: z.string().optional(),
      name: z.string().optional(),
      path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).optional(),
      message: z.string().optional(),
    })
    .transform((entry) => ({
      field: entry.field ?? entry.name ?? (Array.isArray(entry.path) ? formatFieldPath(entry.path) : entry.path),
      message: entry.message,
    })),
]);

/** Saber's public docs: `{error: {type, code, message, requestId, fields[...]}}`. */
const nestedShape = z.object({
  error: z.object({
    type: z.string().optional(),
    code: z.string().optional(),
    message: z.string(),
    requestId: z.string().optional(),
    fields: z.array(fieldEntry).optional(),
  }),
});

/** The rate limiter's body: `{statusCode: 429, message, error, retryAfter}` (seconds). */
const statusCodeShape = z.object({
  statusCode: z.int(),
  message: z.union([z.string(), z.array(z.string())]),
  error: z.string().optional(),
  retryAfter: z.number().min(0).optional(),
});

interface SaberErrorBody {
  /** Whether the body was one of Saber's documented error shapes at all. */
  recognised?: boolean;
  code?: string;
  message?: string;
  details?: ErrorDetail[];
  /** Seconds, from the body (the rate limiter's shape). */
  retryAfterSeconds?: number;
}

/** Reads any of the three documented error shapes; anything else yields an empty reading. */
function readErrorBody(body: unknown): SaberErrorBody {
  // The rate limiter's shape also fits the spec's, so it is read first to keep `retryAfter`.
  const limited = statusCodeShape.safeParse(body);
  if (limited.success) {
    const { message, error, retryAfter } = limited.data;
    const messages = Array.isArray(message) ? message : [message];
    return {
      recognised: true,
      code: error,
      message: messages.join('; '),
      ...(messages.length > 1 ? { details: messages.map((text) => ({ message: text })) } : {}),
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    };
  }
  const spec = specShape.safeParse(body);
  if (spec.success) {
    return { recognised: true, code: spec.data.error, message: spec.data.message, details: spec.data.details };
  }
  const nested = nestedShape.safeParse(body);
  if (nested.success) {
    const { type, code, message, requestId, fields } = nested.data.error;
    const details = fields?.map(({ field, message: text }) => ({
      ...(field ? { field } : {}),
      ...(text ? { message: text } : {}),
    }));
    return {
      recognised: true,
      code: code ?? type,
      message: requestId ? `${message} (request ${requestId})` : message,
      ...(details?.length ? { details } : {}),
    };
  }
  return {};
}

const CONNECTOR_HINT = /connector|sales.?navigator/i;

/** Not-found codes across the shapes: `not_found`, `list_not_found`, "Not Found", `resource_missing`. */
const NOT_FOUND_CODE = /not[\s_-]?found|resource_missing/i;
/** The web framework's own answer for a path it has no route for ("Cannot GET /v2/…"). */
const NO_ROUTE_MESSAGE = /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \//;

/**
 * Only Saber itself, in one of its documented shapes with a not-found code, says a list is
 * gone. Any other 404 (an HTML page from a proxy, a base URL with a wrong path, the
 * framework's "no route" answer) says nothing about the list, and must not delete or mark it.
 */
function saberSaysNotFound(body: SaberErrorBody): boolean {
  return (
    body.recognised === true && body.code !== undefined && NOT_FOUND_CODE.test(body.code) && !NO_ROUTE_MESSAGE.test(body.message ?? '')
  );
}

/**
 * The error for a 404 that is not about a list (the address is wrong): `not_available`, so
 * the outbox keeps the change and a job stops, instead of reading it as "the list is gone".
 */
export function wrongAddressError(status: number): ApiError {
  return failure(
    'not_available',
    'saber.wrongAddress',
    { status },
    {
      status,
      upstreamStatus: status,
      details: [{ field: 'saberBaseUrl', message: 'Saber did not answer at this address' }],
    },
  );
}

function codeFor(status: number, body: SaberErrorBody): ErrorCode {
  if (body.code && CONNECTOR_HINT.test(body.code)) return 'connector_error';
  if ((status === 400 || status === 412 || status === 424) && body.message && CONNECTOR_HINT.test(body.message)) {
    return 'connector_error';
  }
  switch (status) {
    case 400:
    case 422:
      return 'validation_error';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return saberSaysNotFound(body) ? 'not_found' : 'not_available';
    case 409:
      return 'conflict';
    case 412:
    case 424:
      return 'connector_error';
    case 429:
      return 'rate_limited';
    case 504:
      return 'timeout';
    default:
      return 'upstream_error';
  }
}

/**
 * Turns an error response into the one typed error. `status` stays Saber's HTTP status;
 * `error` is the extension's code for it, so every shape leads to the same handling, and the
 * reason carries Saber's own words. A status the mapping has no meaning for (410, 413, …) is
 * an `upstream_error` with that status: a verdict, never retried (only 5xx and 408 are).
 * When to try again comes from `Retry-After` (seconds or an HTTP date), else the rate
 * limiter's `retryAfter` seconds in the body, bounded either way.
 */
export function toSaberError(status: number, body: unknown, now: number, retryAfterHeader: string | null = null): ApiError {
  const reading = readErrorBody(body);
  const said = reading.message?.trim() || undefined;
  const retryAt =
    parseRetryAfter(retryAfterHeader, now) ??
    (reading.retryAfterSeconds === undefined ? undefined : parseRetryAfter(String(reading.retryAfterSeconds), now));
  const extra = {
    status,
    upstreamStatus: status,
    ...(reading.details?.length ? { details: reading.details } : {}),
    ...(retryAt === undefined ? {} : { retryAt }),
  };
  switch (codeFor(status, reading)) {
    case 'not_available':
      return wrongAddressError(status);
    case 'unauthorized':
      return failure(
        'unauthorized',
        'saber.keyRejected',
        {},
        {
          ...extra,
          details: [{ field: 'saberApiKey', message: said ?? 'Rejected by Saber' }],
        },
      );
    case 'forbidden':
      return failure('forbidden', 'saber.forbidden', {}, extra);
    case 'connector_error':
      return failure('connector_error', 'saber.connector', { saberMessage: said }, extra);
    case 'validation_error':
      return failure('validation_error', 'saber.invalid', { saberMessage: said }, extra);
    case 'not_found':
      return failure('not_found', 'saber.notFound', { saberMessage: said }, extra);
    case 'conflict':
      return failure('conflict', 'saber.conflict', { saberMessage: said }, extra);
    case 'rate_limited':
      return failure('rate_limited', 'saber.rateLimited', { saberMessage: said }, extra);
    case 'timeout':
      return failure('timeout', 'saber.timeout', { status }, extra);
    default:
      return status >= 500
        ? failure('upstream_error', 'saber.serverError', { status, saberMessage: said }, extra)
        : failure('upstream_error', 'saber.refused', { status, saberMessage: said }, extra);
  }
}

/**
 * A response that did not match the contract: the field path says what changed. No HTTP
 * status: the same answer would break the contract again, so it is never retried.
 */
export function contractError(error: z.ZodError, what: SaberAnswer): ApiError {
  const details = error.issues.map((issue) => ({ field: formatFieldPath(issue.path), message: issue.message }));
  const first = details[0];
  return failure('upstream_error', 'saber.contract', { what, field: first?.field || undefined, problem: first?.message }, { details });
}
