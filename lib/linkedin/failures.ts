import { ApiError, formatFieldPath } from '../model/errors';
import type { z } from '../model/zod';

/**
 * How a LinkedIn failure becomes an `ApiError`. The client only classifies; whether to wait,
 * retry or stop is the job layer's decision. Messages are written for the salesperson using
 * the extension, not for a developer.
 */

/** No `JSESSIONID` or `li_at` cookie. */
export function loggedOut(): ApiError {
  return new ApiError({
    error: 'connector_error',
    message: 'You are not logged in to LinkedIn in this browser. Log in to Sales Navigator, then try again.',
  });
}

/** The identity call answered 403/404, or with no active, unrevoked licence. */
export function noSeat(): ApiError {
  return new ApiError({
    error: 'connector_error',
    message:
      'This LinkedIn account has no active Sales Navigator seat. Capturing lists needs a Sales Navigator licence.',
  });
}

/** No complete answer within the client's timeout. */
export function timedOut(timeoutMs: number): ApiError {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return new ApiError({
    error: 'timeout',
    message: `LinkedIn did not answer within ${seconds} seconds. Try again in a moment.`,
  });
}

/** `fetch` itself failed: offline, DNS, connection reset, blocked request. */
export function networkFailure(): ApiError {
  return new ApiError({
    error: 'network_error',
    message: 'Could not reach LinkedIn. Check your internet connection, then try again.',
  });
}

/** A response LinkedIn sent in a shape the extension does not know: never stored. */
export function formatChanged(endpoint: string, issues: readonly z.core.$ZodIssue[] = []): ApiError {
  return new ApiError({
    error: 'linkedin_format_changed',
    message:
      'LinkedIn changed the format of its answers, so the extension cannot read them safely. Nothing was saved from this answer; an update of the extension is needed.',
    details: [
      { field: endpoint, message: 'The response did not match the expected format' },
      ...issues.slice(0, 5).map((issue) => ({
        field: `${endpoint}${issue.path.length ? `.${formatFieldPath(issue.path)}` : ''}`,
        message: issue.message,
      })),
    ],
  });
}

/**
 * `Retry-After` as epoch ms: a number of seconds after `now`, or an HTTP date. `undefined`
 * when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return now + Number(text) * 1000;
  // Every HTTP-date form starts with the day's name; `Date.parse` would read "-5" as a year.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(date, now);
}

/**
 * The error for a non-2xx answer, by status:
 * - 0 (an opaque redirect, which is how a browser reports a 3xx under `redirect: 'manual'`),
 *   3xx, 401, 403 → `connector_error` (session expired, contract chooser, not allowed);
 * - 429 and 999 (LinkedIn's bot detection) → `rate_limited`, with `retryAt` from `Retry-After`;
 * - 5xx → `upstream_error`; any other status → `upstream_error` naming it.
 */
export function failureForStatus(status: number, headers: Headers, now: number): ApiError {
  if (status === 0 || (status >= 300 && status < 400)) {
    return new ApiError({
      error: 'connector_error',
      message:
        'LinkedIn asked you to log in again or to choose a Sales Navigator contract. Open Sales Navigator in a tab, finish that step, then try again.',
    });
  }
  if (status === 401) {
    return new ApiError({
      error: 'connector_error',
      message: 'Your LinkedIn session has expired. Log in to Sales Navigator in this browser, then try again.',
    });
  }
  if (status === 403) {
    return new ApiError({
      error: 'connector_error',
      message:
        'LinkedIn refused the request: your Sales Navigator session may have expired, or this account has no Sales Navigator seat. Open Sales Navigator in a tab, then try again.',
    });
  }
  if (status === 429 || status === 999) {
    const retryAt = parseRetryAfter(headers.get('retry-after'), now);
    return new ApiError({
      error: 'rate_limited',
      message:
        status === 999
          ? 'LinkedIn saw unusual activity and stopped answering for now. Pausing is the safest thing to do.'
          : 'LinkedIn asked us to slow down.',
      ...(retryAt === undefined ? {} : { retryAt }),
    });
  }
  if (status >= 500) {
    return new ApiError({
      error: 'upstream_error',
      message: `LinkedIn had a problem answering (error ${status}). Try again in a few minutes.`,
    });
  }
  return new ApiError({
    error: 'upstream_error',
    message: `LinkedIn rejected the request (error ${status}).`,
  });
}
