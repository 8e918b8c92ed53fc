import { ApiError, formatFieldPath, type ErrorCode } from '../model/errors';
import type { ErrorDetail } from '../model/schemas';
import { z } from '../model/zod';

/** The message every 401 from Saber carries, whatever Saber's own text says. */
const KEY_REJECTED_MESSAGE = 'Saber rejected the API key';

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
      field:
        entry.field ?? entry.name ?? (Array.isArray(entry.path) ? formatFieldPath(entry.path) : entry.path),
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

/** What a 404 that is not Saber saying "no such list" tells the user. */
const WRONG_ADDRESS_MESSAGE = "Saber's address answered 404: check the Saber base URL in Settings.";

/**
 * Only Saber itself, in one of its documented shapes with a not-found code, says a list is
 * gone. Any other 404 (an HTML page from a proxy, a base URL with a wrong path, the
 * framework's "no route" answer) says nothing about the list, and must not delete or mark it.
 */
function saberSaysNotFound(body: SaberErrorBody): boolean {
  return (
    body.recognised === true &&
    body.code !== undefined &&
    NOT_FOUND_CODE.test(body.code) &&
    !NO_ROUTE_MESSAGE.test(body.message ?? '')
  );
}

/**
 * The error for a 404 that is not about a list (the address is wrong): `not_available`, so
 * the outbox keeps the change and a job stops, instead of reading it as "the list is gone".
 */
export function wrongAddressError(status: number): ApiError {
  return new ApiError({
    error: 'not_available',
    message: WRONG_ADDRESS_MESSAGE,
    status,
    details: [{ field: 'saberBaseUrl', message: 'Saber did not answer at this address' }],
  });
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

function messageFor(code: ErrorCode, status: number, body: SaberErrorBody): string {
  const said = body.message?.trim();
  switch (code) {
    case 'unauthorized':
      return KEY_REJECTED_MESSAGE;
    case 'connector_error':
      return (
        'Saber could not run its Sales Navigator search: connect Sales Navigator in Saber, then push again.' +
        (said ? ` Saber said: ${said}` : '')
      );
    case 'rate_limited':
      return `Saber asked us to slow down.${said ? ` Saber said: ${said}` : ''}`;
    case 'timeout':
      return `Saber timed out (HTTP ${status}).${said ? ` Saber said: ${said}` : ''}`;
    case 'upstream_error':
      return `Saber had a problem (HTTP ${status}).${said ? ` Saber said: ${said}` : ''}`;
    default:
      return said || `Saber refused the request (HTTP ${status})`;
  }
}

/**
 * Turns an error response into the one typed error. `status` stays Saber's HTTP status;
 * `error` is the extension's code for it, so the panel reacts the same way to every shape.
 */
export function toSaberError(
  status: number,
  body: unknown,
  timing?: { retryAfterHeader: string | null; now: number },
): ApiError {
  const reading = readErrorBody(body);
  const retryAt = timing && readRetryAfter(timing.retryAfterHeader, reading.retryAfterSeconds, timing.now);
  const code = codeFor(status, reading);
  if (code === 'not_available') return wrongAddressError(status);
  const details =
    code === 'unauthorized'
      ? [{ field: 'saberApiKey', message: reading.message?.trim() || 'Rejected by Saber' }]
      : reading.details;
  return new ApiError({
    error: code,
    message: messageFor(code, status, reading),
    status,
    ...(details?.length ? { details } : {}),
    ...(retryAt === undefined ? {} : { retryAt }),
  });
}

/**
 * When to try again, from `Retry-After` (seconds or an HTTP date), else the body's
 * `retryAfter` seconds. Epoch ms, or undefined when neither says.
 */
export function readRetryAfter(header: string | null, bodySeconds: number | undefined, now: number): number | undefined {
  if (header) {
    const trimmed = header.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return now + Math.ceil(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.max(now, date);
  }
  return bodySeconds === undefined ? undefined : now + Math.ceil(bodySeconds * 1000);
}

/** A response that did not match the contract: the field path says what changed. */
export function contractError(error: z.ZodError, what: string): ApiError {
  const details = error.issues.map((issue) => ({ field: formatFieldPath(issue.path), message: issue.message }));
  const first = details[0];
  return new ApiError({
    error: 'upstream_error',
    message: `Saber's ${what} did not match the API contract${first ? ` (${first.field || 'body'}: ${first.message})` : ''}`,
    details,
  });
}
