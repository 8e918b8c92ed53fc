import { MAX_CAPTURE_SIZE } from '../lib/model/limits';
import { outcomeOf, type ErrorReason, type StoredError } from '../lib/model/errors';
import type { Outcome, OutcomeParams, SaberAnswer, SyncOp } from '../lib/model/outcomes';
import type { SyncState } from '../lib/model/schemas';
import type { SalesNavigatorConnectorStatus } from '../lib/messaging/protocol';
import { formatCount, formatMoment, formatNumber } from './locale-format';

/**
 * The panel's one formatter of outcomes: every code of `lib/model/outcomes.ts` in words, with
 * numbers and times in the reader's locale. The `switch` is exhaustive (a new code does not
 * compile until it is worded here).
 */
export function describeOutcome(outcome: Outcome, now: number): string {
  const at = (when = outcome.retryAt) => (when === undefined ? '' : formatMoment(when, now));
  switch (outcome.code) {
    case 'linkedin.loggedOut':
      return 'You are not logged in to LinkedIn in this browser. Log in to Sales Navigator, then try again.';
    case 'linkedin.cookieUnreadable':
      return 'The extension could not read your LinkedIn session. Reload the extension, then try again.';
    case 'linkedin.noSeat':
      return 'This LinkedIn account has no active Sales Navigator seat. Capturing lists needs a Sales Navigator licence.';
    case 'linkedin.redirected':
      return 'LinkedIn asked you to log in again or to choose a Sales Navigator contract. Open Sales Navigator in a tab, finish that step, then try again.';
    case 'linkedin.sessionExpired':
      return 'Your LinkedIn session has expired. Log in to Sales Navigator in this browser, then try again.';
    case 'linkedin.refused':
      return 'LinkedIn refused the request: your Sales Navigator session may have expired, or this account has no Sales Navigator seat. Open Sales Navigator in a tab, then try again.';
    case 'linkedin.rateLimited':
      return refusal('LinkedIn asked us to slow down.', outcome.params, at());
    case 'linkedin.botDetected':
      return refusal('LinkedIn saw unusual activity and stopped answering for now.', outcome.params, at());
    case 'linkedin.serverError':
      return retrying(`LinkedIn had a problem answering (error ${outcome.params.status}).`, outcome.params, at());
    case 'linkedin.rejected':
      return `LinkedIn rejected the request (error ${outcome.params.status}).`;
    case 'linkedin.timeout':
      return retrying(`LinkedIn did not answer within ${formatNumber(outcome.params.seconds)} seconds.`, outcome.params, at());
    case 'linkedin.network':
      return retrying('Could not reach LinkedIn. Check your internet connection.', outcome.params, at());
    case 'linkedin.formatChanged':
      return 'LinkedIn changed the format of its answers, so the extension cannot read them safely. Nothing was saved from this answer; an update of the extension is needed.';
    case 'linkedin.companyNotFound':
      return `LinkedIn knows no company at ${outcome.params.url}.`;
    case 'linkedin.regionNotFound':
      return `LinkedIn has no region for ${countryName(outcome.params.country)} (${outcome.params.country}).`;
    case 'linkedin.coolingDown':
      return `LinkedIn refused requests, so LinkedIn work is paused until ${at()}. After that it waits for you to press Resume.`;
    case 'linkedin.budgetSpent':
      return `Today’s LinkedIn page budget (${formatCount(outcome.params.budget, 'page')}) is used up. It resets at midnight (${at()}); raise it in Settings to go on today.`;
    case 'linkedin.busy':
      return `Pausing between LinkedIn requests until ${at()}.`;
    case 'linkedin.resumeNeeded':
      return 'LinkedIn refused requests earlier, so LinkedIn work waits for you: press Resume under Jobs when you want it to go on.';

    case 'saber.keyMissing':
      return 'Add your Saber API key in Settings first.';
    case 'saber.keyRejected':
      return 'Saber rejected the API key.';
    case 'saber.forbidden':
      return 'Saber refused: this API key lacks permission for contact lists.';
    case 'saber.originNotGranted':
      return `Listwright may not reach ${outcome.params.origin} yet: save the Saber base URL in Settings again and allow access when Chrome asks.`;
    case 'saber.wrongAddress':
      return `Saber’s address answered ${outcome.params.status}: check the Saber base URL in Settings.`;
    case 'saber.connector':
      return saberSaid(
        'Saber could not run its Sales Navigator search: connect Sales Navigator in Saber, then push again.',
        outcome.params,
      );
    case 'saber.rateLimited':
      return saberSaid('Saber asked us to slow down.', outcome.params);
    case 'saber.timeout':
      return outcome.params.seconds !== undefined
        ? `Saber did not answer within ${formatNumber(outcome.params.seconds)} s.`
        : `Saber timed out (HTTP ${outcome.params.status ?? 504}).`;
    case 'saber.network':
      return 'Saber could not be reached. Check your connection.';
    case 'saber.serverError':
      return saberSaid(`Saber had a problem (HTTP ${outcome.params.status}).`, outcome.params);
    case 'saber.refused':
      return saberSaid(`Saber refused the request (HTTP ${outcome.params.status}).`, outcome.params);
    case 'saber.invalid':
      return outcome.params.saberMessage
        ? `Saber refused the request: ${outcome.params.saberMessage}`
        : 'Saber refused the request as invalid.';
    case 'saber.notFound':
      return saberSaid('Saber has no such list.', outcome.params);
    case 'saber.conflict':
      return saberSaid('Saber reported a conflict.', outcome.params);
    case 'saber.contract': {
      const where =
        outcome.params.field || outcome.params.problem
          ? ` (${outcome.params.field || 'body'}: ${outcome.params.problem ?? 'unexpected'})`
          : '';
      return `Saber’s ${SABER_ANSWERS[outcome.params.what]} did not match the API contract${where}.`;
    }
    case 'saber.notJson':
      return `Saber’s ${SABER_ANSWERS[outcome.params.what]} was not JSON.`;
    case 'saber.alreadyOnSaber':
      return `“${outcome.params.name}” is already on Saber; renames and deletions reach it on their own.`;

    case 'job.cancelled':
      return 'Cancelled; nothing was saved.';
    case 'job.unknownKind':
      return `This version cannot run “${outcome.params.kind}” jobs.`;
    case 'job.stateUnreadable':
      return 'Its saved progress could not be read. Start it again.';
    case 'job.invalidParams':
      return 'Its request could not be read. Start it again.';
    case 'job.interrupted':
      return `It was interrupted ${formatCount(outcome.params.tries, 'time')} at the same step (the browser or the extension stopped), so it stopped trying.`;
    case 'job.nothingCaptured':
      return 'This job read no page before it stopped, so there is nothing to save.';
    case 'storage.full':
      return 'There is not enough storage space left to save this. Free some disk space or delete lists you no longer need, then try again.';
    case 'capture.lookingUp':
      return `Looking up the companies and countries on LinkedIn (${formatNumber(outcome.params.done)} of ${formatNumber(outcome.params.total)})`;
    case 'capture.done':
      return `${formatCount(outcome.params.contacts, 'contact')} captured (${formatNumber(outcome.params.matched)} matched)`;
    case 'capture.savedPartial': {
      const { contacts, matched, pages, planned } = outcome.params;
      return `Partial: ${formatCount(contacts, 'contact')} saved from ${formatNumber(pages)} of ${formatCount(planned, 'page')} (${formatNumber(matched)} matched)`;
    }
    case 'leadList.done': {
      const { contacts, matched, leadListName } = outcome.params;
      return contacts < matched
        ? `${formatNumber(contacts)} of ${formatCount(matched, 'contact')} captured from “${leadListName}” (LinkedIn answers at most ${formatNumber(MAX_CAPTURE_SIZE)})`
        : `${formatCount(contacts, 'contact')} captured from “${leadListName}”`;
    }

    case 'refresh.done': {
      const { contacts, matched, joined, left, changed } = outcome.params;
      const what = joined + left + changed === 0 ? 'no change' : changeCounts({ joined, left, changed });
      return `${formatCount(contacts, 'contact')} (${formatNumber(matched)} matched): ${what}`;
    }
    case 'refresh.notRefreshable':
      return NOT_REFRESHABLE[outcome.params.source] ?? 'This list has no search to run again.';
    case 'refresh.alreadyRunning':
      return 'This list is already being refreshed.';
    case 'refresh.listGone':
      return 'The list was deleted while it was being refreshed.';
    case 'leavers.checking':
      return `Looking for the people who left (${formatNumber(outcome.params.done)} of ${formatNumber(outcome.params.total)})`;
    case 'leavers.done': {
      const { checked, found, notFound } = outcome.params;
      return `${formatCount(checked, 'leaver')} checked: ${formatNumber(found)} found elsewhere, ${formatNumber(notFound)} not found`;
    }
    case 'leavers.none':
      return 'Nobody left this list in its last refresh.';

    case 'linkedin.tokenMissing':
      return 'Add your LinkedIn access token in Settings first: the address-book export uses LinkedIn’s Contacts API, which needs one.';
    case 'linkedin.tokenInvalid':
      return 'The LinkedIn access token in Settings has characters a token cannot have (a space, a quote or a line break). Paste it again in Settings.';
    case 'linkedin.tokenRefused':
      return `LinkedIn refused the access token (HTTP ${outcome.params.status}). Check the token in Settings: it must be a member token of an app LinkedIn approved for the Contacts API, and not expired.`;
    case 'network.alreadyRunning':
      return 'This export is already running. Follow it under Jobs.';
    case 'addressBook.started':
      return 'LinkedIn is preparing your address book';
    case 'addressBook.polling':
      return `LinkedIn is still preparing your address book (checked ${formatCount(outcome.params.polls, 'time')}); next check at ${at()}`;
    case 'addressBook.done':
      return `${formatCount(outcome.params.contacts, 'contact')} exported from your LinkedIn address book`;
    case 'addressBook.failed':
      return 'LinkedIn could not prepare your address book. Try again later.';
    case 'addressBook.unknownStatus':
      return `LinkedIn answered with a status the extension does not know (“${outcome.params.status}”), so the export stopped.`;
    case 'addressBook.expired':
      return 'LinkedIn’s address book expired before it could be read, twice. Try again later.';
    case 'addressBook.noTaskId':
      return 'LinkedIn accepted the export but did not say which task to follow. Try again later.';
    case 'addressBook.deadline':
      return `LinkedIn did not finish preparing your address book within ${formatCount(outcome.params.minutes, 'minute')}. Try again later.`;
    case 'connections.reading': {
      const { read, perDay } = outcome.params;
      const pace =
        perDay === undefined
          ? ''
          : `. At ${formatNumber(perDay)} a day (your daily page budget), a large network takes days: 30,000 connections take about ${formatCount(Math.ceil(30_000 / perDay), 'day')}, and the export goes on by itself after midnight`;
      return `${formatCount(read, 'connection')} read${pace}`;
    }
    case 'connections.done': {
      const { contacts, added, removed } = outcome.params;
      return `${formatCount(contacts, 'connection')} (${formatNumber(added)} new, ${formatNumber(removed)} removed)`;
    }
    case 'connectionsCsv.done':
      return `${formatCount(outcome.params.contacts, 'connection')} imported${outcome.params.skipped ? `, ${formatCount(outcome.params.skipped, 'row')} skipped` : ''}`;
    case 'connectionsCsv.notAnExport':
      return `This is not LinkedIn’s Connections.csv: it has no ${outcome.params.missing} column. Nothing was imported.`;
    case 'connectionsCsv.notText':
      return 'This is not a text file: choose the Connections.csv inside the ZIP LinkedIn sent you. Nothing was imported.';
    case 'connectionsCsv.empty':
      return 'The file is empty. Nothing was imported.';
    case 'connectionsCsv.unclosedQuote':
      return `A quoted field that starts on line ${formatNumber(outcome.params.line)} is never closed, so the rest of the file cannot be read. Nothing was imported.`;
    case 'connectionsCsv.tooMany':
      return `The file has more than ${formatCount(outcome.params.max, 'connection')}, more than a list can hold. Nothing was imported.`;
    case 'connectionsCsv.tooLarge':
      return `The file is larger than ${formatNumber(outcome.params.megabytes)} MB: LinkedIn’s Connections.csv is far smaller. Nothing was imported.`;

    case 'outbox.progress':
      return `${formatNumber(outcome.params.sent)} sent, ${formatNumber(outcome.params.remaining)} to go`;
    case 'outbox.waiting':
      return `Waiting until ${at()}`;
    case 'outbox.done':
      return `${formatCount(outcome.params.sent, 'change')} sent to Saber`;
    case 'outbox.cancelled': {
      const { sent, remaining } = outcome.params;
      if (sent === 0) return 'Cancelled; nothing was sent, the changes stay queued.';
      const reached = `${formatCount(sent, 'change')} already reached Saber`;
      if (remaining === 0) return `Cancelled; ${reached}.`;
      return `Cancelled; ${reached}, ${formatNumber(remaining)} ${remaining === 1 ? 'is' : 'are'} still queued.`;
    }
    case 'pull.sendingFirst':
      return 'Sending queued changes first';
    case 'pull.waitingToSend':
      return 'Waiting to send queued changes before pulling';
    case 'pull.reading':
      return outcome.params.total === 0
        ? 'Reading your Saber lists'
        : `Read ${formatNumber(outcome.params.read)} of ${formatCount(outcome.params.total, 'Saber list')}`;
    case 'pull.planned':
      return `${formatNumber(outcome.params.download)} of ${formatCount(outcome.params.total, 'list')} to download`;
    case 'pull.downloading':
      return `Downloading “${outcome.params.name}”: ${formatNumber(outcome.params.done)} of ${formatCount(outcome.params.total, 'contact')}`;
    case 'pull.done': {
      const { total, imported, refreshed, renamed, deleted } = outcome.params;
      const parts = [`${formatCount(total, 'list')} on Saber`];
      if (imported) parts.push(`${formatNumber(imported)} new`);
      if (refreshed) parts.push(`${formatNumber(refreshed)} updated`);
      if (renamed) parts.push(`${formatNumber(renamed)} renamed`);
      if (deleted) parts.push(`${formatNumber(deleted)} deleted on Saber`);
      if (parts.length === 1) parts.push('everything already up to date');
      return parts.join(', ');
    }
    case 'pull.cancelled': {
      const { stored, planned, sent } = outcome.params;
      const reached = `${sent === 1 ? '1 queued change had' : `${formatNumber(sent)} queued changes had`} already reached Saber`;
      if (stored === 0) return `Cancelled before importing any list; ${reached}.`;
      const imported = `Cancelled after importing ${formatNumber(stored)} of ${formatCount(planned, 'list')}`;
      return sent === 0 ? `${imported}.` : `${imported}; ${reached}.`;
    }
    case 'sync.deletedOnSaber':
      return 'Deleted on Saber';
    case 'sync.unreadableChange':
      return 'A queued change could not be read and was dropped.';
    case 'sync.localOnly':
      return 'This list stays in this browser: Saber makes lists from search filters, and a list of your network has none.';

    case 'error.invalid':
      return outcome.params.field ? `${outcome.params.field} was not accepted.` : 'The request was not accepted.';
    case 'error.unexpected':
      return `Something went wrong (${outcome.params.errorCode}).`;
    case 'legacy.text':
      return outcome.params.text;
  }
}

/**
 * An error in words: its reason when it has one (when it will be tried again included), else
 * the words it came with (a validation message naming the field), else what its code says.
 */
export function describeError(
  error: Pick<StoredError, 'error' | 'reason' | 'retryAt' | 'details'> & { message?: string },
  now: number,
): string {
  if (!error.reason && error.message) return error.message;
  return describeOutcome(outcomeOf(error, error.retryAt), now);
}

const SYNC_OPS: Record<SyncOp, string> = { create: 'create the list', rename: 'rename the list', delete: 'delete the list' };

/** Why a list's change waits (`pending`) or failed (`error`), as its line under the sync badge. */
export function describeSyncOutcome(state: SyncState['state'], outcome: Outcome, op: SyncOp | undefined, now: number): string {
  const said = describeOutcome(outcome, now);
  if (state === 'pending' && outcome.retryAt !== undefined) {
    return `Not sent yet: ${said} Listwright will try again at ${formatMoment(outcome.retryAt, now)}.`;
  }
  if (state === 'error' && op && outcome.code.startsWith('saber.') && outcome.code !== 'saber.keyRejected') {
    return `Saber could not ${SYNC_OPS[op]}: ${said}`;
  }
  return said;
}

/** The words of an error's reason, for a field it names. */
export function describeReason(reason: ErrorReason, now: number): string {
  return describeOutcome(reason, now);
}

/** "3 joined, 2 left, 4 changed", leaving out the zeros. */
export function changeCounts(counts: { joined: number; left: number; changed: number }): string {
  const parts = [
    counts.joined ? `${formatNumber(counts.joined)} joined` : '',
    counts.left ? `${formatNumber(counts.left)} left` : '',
    counts.changed ? `${formatNumber(counts.changed)} changed` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no change';
}

const NOT_REFRESHABLE: Record<string, string> = {
  saber: 'A list pulled from Saber holds Saber’s own capture: refresh it on Saber, then pull again.',
  addressBook: 'An address-book export has no search to run again: export the address book again for a new list.',
  connectionsCsv: 'An imported Connections.csv has no search to run again: import a newer file for a new list.',
  manual: 'This list was not made from a search, so there is nothing to run again.',
};

const SABER_ANSWERS: Record<SaberAnswer, string> = {
  lists: 'list of contact lists',
  list: 'contact list',
  newList: 'new contact list',
  renamedList: 'renamed contact list',
  contacts: 'page of contacts',
  connectors: 'connector list',
};

type Retrying = OutcomeParams['linkedin.network'];

/** A refusal's words, with what the extension does about it: try again, cool down, or give up. */
function refusal(said: string, params: Retrying, when: string): string {
  if (params.coolDown) return `${said} LinkedIn work is paused until ${when}; after that it waits for you to press Resume.`;
  return retrying(said, params, when);
}

function retrying(said: string, params: Retrying, when: string): string {
  if (params.gaveUpAfter !== undefined) return `${said} Gave up after ${formatCount(params.gaveUpAfter, 'attempt')}.`;
  if (params.attempt !== undefined && params.of !== undefined && when) {
    return `${said} Trying again at ${when} (retry ${formatNumber(params.attempt)} of ${formatNumber(params.of)}).`;
  }
  return said;
}

function saberSaid(said: string, params: { saberMessage?: string }): string {
  return params.saberMessage ? `${said} Saber said: ${params.saberMessage}` : said;
}

let regionNames: Intl.DisplayNames | undefined;

/** A country's name in the reader's language, from the browser (no country table on the panel's startup path). */
function countryName(code: string): string {
  try {
    regionNames ??= new Intl.DisplayNames(undefined, { type: 'region' });
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

const NOT_CONNECTED: Record<Exclude<SalesNavigatorConnectorStatus, 'connected' | 'unknown'>, string> = {
  disconnected: 'is not connected',
  'needs-authentication': 'needs you to sign in to LinkedIn again',
  'ready-to-connect': 'is ready but not connected yet',
  error: 'reports an error',
};

/** What Settings says after "Test connection": the key works, and what pushes can expect. */
export function describeConnector(status: SalesNavigatorConnectorStatus): string {
  if (status === 'connected') {
    return 'Connected to Saber. Sales Navigator is connected on your Saber account, so pushed lists can run Saber’s search.';
  }
  if (status === 'unknown') {
    return 'Connected to Saber. Saber did not report a Sales Navigator connector, so pushes may fail with Saber’s connector error; pulling works either way.';
  }
  return `Connected to Saber, but Saber’s Sales Navigator connector ${NOT_CONNECTED[status]}. Pulling works; pushing a list will fail with Saber’s connector error until you connect Sales Navigator in Saber.`;
}
