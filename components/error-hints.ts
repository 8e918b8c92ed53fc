import type { SerializedApiError } from '../lib/model/errors';
import { formatMoment } from './format';

/** Which service an error came from, when the same code means different things. */
export type ErrorSource = 'linkedin' | 'saber';

const BY_SOURCE: Record<ErrorSource, Record<string, string>> = {
  linkedin: {
    unauthorized: 'Log in to LinkedIn in this browser, then start again.',
    forbidden: 'This LinkedIn account has no Sales Navigator seat.',
  },
  saber: {
    unauthorized: 'Check your Saber API key in Settings, then try again.',
    forbidden: 'This Saber API key lacks permission for contact lists. Create one that has it in Saber.',
    connector_error: 'Connect Sales Navigator in your Saber account, then try again.',
  },
};

/** What a person can do about each error, in plain words. */
const HINTS: Record<string, string> = {
  connector_error: 'Open Sales Navigator in this browser and log in, then start again.',
  unauthorized: 'Log in to LinkedIn in this browser, or check your Saber API key in Settings.',
  forbidden: 'Your account lacks access: check your Sales Navigator seat or your Saber key’s permissions.',
  daily_budget_exhausted: 'Today’s LinkedIn page budget is used up. It resets at midnight, or raise it in Settings.',
  linkedin_format_changed: 'LinkedIn changed its pages; nothing was saved. Update the extension and try again.',
  upstream_error: 'The service had a problem. Try again in a few minutes.',
  network_error: 'Check your internet connection, then try again.',
  timeout: 'The service took too long to answer. Try again in a moment.',
  validation_error: 'Correct the highlighted fields, then try again.',
  not_found: 'It no longer exists. It may have been deleted in another window.',
  conflict: 'Something changed at the same time. Try again.',
  internal_error: 'Try again. If it keeps failing, reload the panel.',
};

/** The hint for an error, with the retry time when it has one; `source` picks the service's words. */
export function hintFor(error: Pick<SerializedApiError, 'error' | 'retryAt'>, now: number, source?: ErrorSource): string | undefined {
  // A cancel needs no advice; "not available" says all there is to say in its message.
  if (error.error === 'cancelled' || error.error === 'not_available') return undefined;
  if (error.error === 'rate_limited') {
    return error.retryAt && error.retryAt > now
      ? `LinkedIn asked to slow down. Wait until ${formatMoment(error.retryAt, now)}, then try again.`
      : 'LinkedIn asked to slow down. Wait a few minutes, then try again.';
  }
  return (source && BY_SOURCE[source][error.error]) ?? HINTS[error.error] ?? HINTS.internal_error;
}
