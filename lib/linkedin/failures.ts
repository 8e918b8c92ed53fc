import { failure, formatFieldPath, type ApiError } from '../model/errors';
import { parseRetryAfter } from '../model/retry';
import type { z } from '../model/zod';

/**
 * How a LinkedIn failure becomes an `ApiError`: a code the job layer acts on and a reason the
 * panel words. The client only classifies; whether to wait, retry or stop is decided by the gate
 * and the jobs with `lib/model/retry.ts`.
 */

/** No `JSESSIONID` or `li_at` cookie. */
export function loggedOut(): ApiError {
  return failure('connector_error', 'linkedin.loggedOut', {});
}

/** `chrome.cookies` itself failed. */
export function cookieUnreadable(): ApiError {
  return failure('connector_error', 'linkedin.cookieUnreadable', {});
}

/** The identity call answered 403/404, or with no active, unrevoked licence. */
export function noSeat(): ApiError {
  return failure('connector_error', 'linkedin.noSeat', {});
}

/** No complete answer within the client's timeout. */
export function timedOut(timeoutMs: number): ApiError {
  return failure('timeout', 'linkedin.timeout', { seconds: Math.round(timeoutMs / 100) / 10 });
}

/** `fetch` itself failed: offline, DNS, connection reset, blocked request. */
export function networkFailure(): ApiError {
  return failure('network_error', 'linkedin.network', {});
}

/** A response LinkedIn sent in a shape the extension does not know: never stored. */
export function formatChanged(endpoint: string, issues: readonly z.core.$ZodIssue[] = []): ApiError {
  return failure(
    'linkedin_format_changed',
    'linkedin.formatChanged',
    { endpoint },
    {
      details: [
        { field: endpoint, message: 'The response did not match the expected format' },
        ...issues.slice(0, 5).map((issue) => ({
          field: `${endpoint}${issue.path.length ? `.${formatFieldPath(issue.path)}` : ''}`,
          message: issue.message,
        })),
      ],
    },
  );
}

/** LinkedIn refusing to answer: a 429, or a 999 (bot detection). The gate counts these. */
export function isRefusal(status: number): boolean {
  return status === 429 || status === 999;
}

/**
 * The error for a non-2xx answer, by status:
 * - 0 (an opaque redirect, which is how a browser reports a 3xx under `redirect: 'manual'`),
 *   3xx, 401, 403 → `connector_error` (session expired, contract chooser, not allowed);
 * - 429 and 999 (LinkedIn's bot detection) → `rate_limited`, with `retryAt` from a bounded `Retry-After`;
 * - 5xx → `upstream_error` (transient); any other status → `upstream_error` (a verdict).
 * Every `upstream_error` carries LinkedIn's status in `upstreamStatus`, so the retry policy can
 * tell a passing 5xx from a refusal that would repeat.
 */
export function failureForStatus(status: number, headers: Headers, now: number): ApiError {
  const upstreamStatus = status;
  if (status === 0 || (status >= 300 && status < 400)) return failure('connector_error', 'linkedin.redirected', {}, { upstreamStatus });
  if (status === 401) return failure('connector_error', 'linkedin.sessionExpired', {}, { upstreamStatus });
  if (status === 403) return failure('connector_error', 'linkedin.refused', {}, { upstreamStatus });
  if (isRefusal(status)) {
    const retryAt = parseRetryAfter(headers.get('retry-after'), now);
    return failure(
      'rate_limited',
      status === 999 ? 'linkedin.botDetected' : 'linkedin.rateLimited',
      {},
      {
        upstreamStatus,
        ...(retryAt === undefined ? {} : { retryAt }),
      },
    );
  }
  if (status >= 500) return failure('upstream_error', 'linkedin.serverError', { status }, { upstreamStatus });
  return failure('upstream_error', 'linkedin.rejected', { status }, { upstreamStatus });
}

/** No LinkedIn access token in Settings: the Contacts API needs one. */
export function tokenMissing(): ApiError {
  return failure('validation_error', 'linkedin.tokenMissing', {}, { details: [{ field: 'linkedInAccessToken' }] });
}

/** A token with characters no header can carry: pasted with spaces, quotes or a line break inside. */
export function tokenInvalid(): ApiError {
  return failure('validation_error', 'linkedin.tokenInvalid', {}, { details: [{ field: 'linkedInAccessToken' }] });
}

/**
 * The error for a non-2xx answer of the Contacts API (api.linkedin.com, OAuth): 401 and 403
 * are the token refused (expired, revoked, or an app LinkedIn has not approved for the API),
 * which only the user can mend; a redirect is no login page here but a refusal; rate limits
 * and server errors read as for the session's endpoints.
 */
export function contactsApiFailure(status: number, headers: Headers, now: number): ApiError {
  if (status === 401 || status === 403) return failure('unauthorized', 'linkedin.tokenRefused', { status }, { upstreamStatus: status });
  if (status === 0 || (status >= 300 && status < 400))
    return failure('upstream_error', 'linkedin.rejected', { status }, { upstreamStatus: status });
  return failureForStatus(status, headers, now);
}
