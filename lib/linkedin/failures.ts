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

/** The `details` field under which an `upstream_error` carries LinkedIn's own HTTP status. */
export const LINKEDIN_STATUS_FIELD = 'linkedInStatus';

/** LinkedIn's HTTP status behind an `upstream_error`, when the client recorded it. */
export function linkedInStatusOf(error: ApiError): number | undefined {
  const detail = error.details?.find((item) => item.field === LINKEDIN_STATUS_FIELD);
  const text = detail?.message;
  return text && /^\d{3}$/.test(text) ? Number(text) : undefined;
}

/**
 * True when waiting and asking again may help: a network failure, a timeout, a 5xx or a 408.
 * Any other refusal (a 400 or 404 on a request the extension built) would only be refused
 * again, costing a request and a page of the daily budget each time.
 */
export function isTransientFailure(error: ApiError): boolean {
  if (error.error === 'network_error' || error.error === 'timeout') return true;
  if (error.error !== 'upstream_error') return false;
  const status = linkedInStatusOf(error);
  return status === undefined || status >= 500 || status === 408;
}

/**
 * The error for a non-2xx answer, by status:
 * - 0 (an opaque redirect, which is how a browser reports a 3xx under `redirect: 'manual'`),
 *   3xx, 401, 403 → `connector_error` (session expired, contract chooser, not allowed);
 * - 429 and 999 (LinkedIn's bot detection) → `rate_limited`, with `retryAt` from `Retry-After`;
 * - 5xx → `upstream_error`; any other status → `upstream_error` naming it.
 * Every `upstream_error` carries the status in `details` (`linkedInStatus`), so the retry
 * policy can tell a passing 5xx from a refusal that would repeat.
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
  const details = [{ field: LINKEDIN_STATUS_FIELD, message: String(status) }];
  if (status >= 500) {
    return new ApiError({
      error: 'upstream_error',
      message: `LinkedIn had a problem answering (error ${status}). Try again in a few minutes.`,
      details,
    });
  }
  return new ApiError({
    error: 'upstream_error',
    message: `LinkedIn rejected the request (error ${status}).`,
    details,
  });
}
