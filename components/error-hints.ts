import type { StoredError } from '../lib/model/errors';
import { formatMoment } from './locale-format';

/** What a person can do about each error code when its reason says nothing more specific. */
const BY_CODE: Record<string, string> = {
  connector_error: 'Open Sales Navigator in this browser and log in, then start again.',
  unauthorized: 'Check your Saber API key in Settings, then try again.',
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

/** Advice for reasons whose service changes what to do. */
const BY_REASON: Record<string, string> = {
  'linkedin.noSeat': 'Capturing lists needs a Sales Navigator licence on this LinkedIn account.',
  'linkedin.companyNotFound': 'Check the company URL: open the company’s LinkedIn page and copy its address.',
  'linkedin.regionNotFound': 'Remove that country, or choose a neighbouring one LinkedIn knows.',
  // Asked again the same way, LinkedIn refuses again: "try again later" would be bad advice.
  'linkedin.rejected': 'LinkedIn refuses this request as it is asked. If Retry is refused too, the extension needs an update.',
  'saber.keyMissing': 'Add your Saber API key in Settings, then try again.',
  'saber.keyRejected': 'Check your Saber API key in Settings, then try again.',
  'saber.forbidden': 'This Saber API key lacks permission for contact lists. Create one that has it in Saber.',
  'saber.connector': 'Connect Sales Navigator in your Saber account, then try again.',
  'job.interrupted': 'Retry goes on from where it stopped, without reading again the pages it already has.',
};

/** Reasons whose own words already say what to do. */
const SELF_EXPLAINED = new Set([
  'saber.originNotGranted',
  'saber.wrongAddress',
  'saber.alreadyOnSaber',
  'linkedin.budgetSpent',
  'linkedin.tokenMissing',
  'linkedin.tokenInvalid',
  'linkedin.tokenRefused',
  'network.alreadyRunning',
  'sync.localOnly',
  'addressBook.failed',
  'addressBook.unknownStatus',
  'addressBook.expired',
  'addressBook.noTaskId',
  'addressBook.deadline',
  'connectionsCsv.notAnExport',
  'connectionsCsv.notText',
  'connectionsCsv.empty',
  'connectionsCsv.unclosedQuote',
  'connectionsCsv.tooMany',
  'connectionsCsv.tooLarge',
  'linkedin.resumeNeeded',
  'job.nothingCaptured',
  'storage.full',
]);

/**
 * The hint for an error, in plain words, with the retry time when it has one. The reason names
 * the service, so a Saber rate limit gets Saber's advice and a LinkedIn one LinkedIn's.
 */
export function hintFor(error: Pick<StoredError, 'error' | 'reason' | 'retryAt'>, now: number): string | undefined {
  // A cancel needs no advice; "not available" says all there is to say in its message.
  if (error.error === 'cancelled' || error.error === 'not_available') return undefined;
  const code = error.reason?.code;
  if (code && SELF_EXPLAINED.has(code)) return undefined;
  if (error.error === 'rate_limited') {
    const params: Record<string, unknown> = error.reason?.params ?? {};
    if (params.coolDown === true) {
      return error.retryAt && error.retryAt > now
        ? `LinkedIn work is paused until ${formatMoment(error.retryAt, now)}. Then press Resume under Jobs, and Retry this job.`
        : 'Press Resume under Jobs when you want LinkedIn work to go on, then Retry this job.';
    }
    const who = code?.startsWith('saber.') ? 'Saber' : 'LinkedIn';
    return error.retryAt && error.retryAt > now
      ? `${who} asked to slow down. Wait until ${formatMoment(error.retryAt, now)}, then try again.`
      : `${who} asked to slow down. Wait a few minutes, then try again.`;
  }
  return (code && BY_REASON[code]) ?? BY_CODE[error.error] ?? BY_CODE.internal_error;
}
