import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type ChangeEvent } from 'react';
import { ACTIVE_JOB_STATUSES } from '../lib/db/records';
import { loadSettings } from '../lib/db/settings-store';
import { ApiError, failure, type SerializedApiError } from '../lib/model/errors';
import { CONNECTIONS_CSV_MAX_CHARS } from '../lib/model/list-sources';
import { useAnnounce } from './announcer';
import { ErrorNotice } from './error-notice';
import { describeJobResult, describeSkippedRows } from './job-text';
import { useServices } from './panel-services';
import { routeHref } from './route';

type Action = 'connections' | 'newConnections' | 'addressBook';

/** Whether Settings hold a LinkedIn access token; `undefined` while they load. */
function useHasToken(): boolean | undefined {
  const { settingsArea } = useServices();
  const [hasToken, setHasToken] = useState<boolean>();
  useEffect(() => {
    let live = true;
    loadSettings(settingsArea).then(
      (settings) => live && setHasToken(settings.linkedInAccessToken !== ''),
      () => live && setHasToken(false),
    );
    return () => {
      live = false;
    };
  }, [settingsArea]);
  return hasToken;
}

/** How the import the panel started is going, read live from its job. */
function ImportStatus({ jobId }: { jobId: string }) {
  const { db, clock } = useServices();
  const job = useLiveQuery(() => db.jobs.get(jobId), [db, jobId]);
  if (!job) return null;
  if (ACTIVE_JOB_STATUSES.includes(job.status)) {
    return (
      <p className="muted" role="status">
        Importing “{job.subject}”…
      </p>
    );
  }
  if (job.status === 'failed' && job.error) return <ErrorNotice error={job.error} />;
  const skipped = job.report?.skippedRows ?? [];
  const { duplicates = 0, unnamed = 0, invalid = 0 } = job.report?.dropped ?? {};
  return (
    <div className="notice notice-success" role="status">
      <p className="notice-title">{describeJobResult(job, clock())}</p>
      {skipped.length > 0 && <p className="notice-hint">{describeSkippedRows(skipped, duplicates + unnamed + invalid)}</p>}
      {job.status === 'done' && job.resultListId && <a href={routeHref({ view: 'list', listId: job.resultListId })}>Open the list</a>}
    </div>
  );
}

/**
 * "Your network": the user's connections read through the session (the first export makes the
 * connections list, later ones refresh it), the address book through LinkedIn's Contacts API
 * (which needs a token in Settings), and LinkedIn's own Connections.csv, read from a file.
 */
export function NetworkSection() {
  const { db, send } = useServices();
  const announce = useAnnounce();
  const hasToken = useHasToken();
  const connectionsList = useLiveQuery(
    async () => (await db.lists.toArray()).find((list) => list.source?.kind === 'connections') ?? null,
    [db],
  );
  const [starting, setStarting] = useState<Action | 'import'>();
  const [problem, setProblem] = useState<{ action: Action | 'import'; error: SerializedApiError }>();
  const [importJob, setImportJob] = useState<string>();

  async function start(action: Action) {
    setStarting(action);
    setProblem(undefined);
    try {
      if (action === 'addressBook') {
        await send('network.exportAddressBook', {});
        announce('Export of your address book started. Follow it under Jobs.');
      } else {
        await send('network.exportConnections', { onlyNew: action === 'newConnections' });
        announce('Export of your connections started. Follow it under Jobs.');
      }
    } catch (thrown) {
      setProblem({ action, error: ApiError.from(thrown).toJSON() });
    } finally {
      setStarting(undefined);
    }
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setProblem(undefined);
    setImportJob(undefined);
    // A file of N bytes decodes to at most N characters: what the message may carry is known before reading it.
    if (file.size > CONNECTIONS_CSV_MAX_CHARS) {
      const megabytes = CONNECTIONS_CSV_MAX_CHARS / (1024 * 1024);
      setProblem({ action: 'import', error: failure('validation_error', 'connectionsCsv.tooLarge', { megabytes }).toJSON() });
      input.value = '';
      return;
    }
    setStarting('import');
    try {
      const { jobId } = await send('network.importConnectionsCsv', { fileName: file.name, text: await file.text() });
      setImportJob(jobId);
      announce(`Import of “${file.name}” started.`);
    } catch (thrown) {
      setProblem({ action: 'import', error: ApiError.from(thrown).toJSON() });
    } finally {
      setStarting(undefined);
      // The same file chosen again (after fixing it) is a change again.
      input.value = '';
    }
  }

  const failureFor = (action: Action | 'import') => (problem?.action === action ? <ErrorNotice error={problem.error} /> : null);
  const busy = starting !== undefined;

  return (
    <section className="section" aria-labelledby="network-title">
      <div className="section-header">
        <h3 id="network-title" className="section-title">
          Your network
        </h3>
      </div>
      <p className="field-hint">
        Lists of the people you know on LinkedIn. They stay in this browser: Saber makes lists from search filters.
      </p>

      <div className="network-item">
        <div className="inline-actions">
          <button type="button" className="button button-small" disabled={busy} onClick={() => void start('connections')}>
            {starting === 'connections' ? 'Starting…' : 'Export connections'}
          </button>
          {connectionsList && (
            <button type="button" className="button button-small" disabled={busy} onClick={() => void start('newConnections')}>
              {starting === 'newConnections' ? 'Starting…' : 'Only new ones'}
            </button>
          )}
        </div>
        <p className="field-hint">
          {connectionsList
            ? `Updates “${connectionsList.name}” through your LinkedIn session: who is new and who is gone show in its history. Only new ones stops at the first page of people it already holds, and does not notice removed connections.`
            : 'Reads your 1st-degree connections through your LinkedIn session, newest first, 40 to a page. Each page counts against your daily LinkedIn page budget, so a large network takes days: the export waits for midnight and goes on by itself.'}
        </p>
        {failureFor('connections') ?? failureFor('newConnections')}
      </div>

      <div className="network-item">
        <div className="inline-actions">
          <button
            type="button"
            className="button button-small"
            disabled={busy || hasToken !== true}
            aria-describedby="address-book-hint"
            onClick={() => void start('addressBook')}
          >
            {starting === 'addressBook' ? 'Starting…' : 'Export address book'}
          </button>
        </div>
        {hasToken === false ? (
          <p id="address-book-hint" className="field-hint">
            The address book (your connections and the contacts you imported into LinkedIn, with their email addresses and phone numbers)
            comes from LinkedIn’s Contacts API, which needs a LinkedIn access token: a member token of an app LinkedIn approved for that
            API. None is saved yet. <a href={routeHref({ view: 'settings' })}>Add it in Settings</a>.
          </p>
        ) : (
          <p id="address-book-hint" className="field-hint">
            Your connections and imported contacts, with email addresses and phone numbers, through LinkedIn’s Contacts API and the token in
            Settings. LinkedIn prepares the export first; this can take minutes.
          </p>
        )}
        {failureFor('addressBook')}
      </div>

      <div className="network-item">
        <label className="field-label" htmlFor="connections-csv">
          Import Connections.csv
        </label>
        <input
          id="connections-csv"
          className="input"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="connections-csv-hint"
          disabled={busy}
          onChange={(event) => void importFile(event)}
        />
        <p id="connections-csv-hint" className="field-hint">
          The Connections.csv from LinkedIn’s “Get a copy of your data” (Settings &amp; Privacy › Data privacy): names, profile URLs,
          companies, positions, the day you connected and the emails people chose to share. Rows that cannot be read are skipped and listed
          by line.
        </p>
        {failureFor('import')}
        {importJob && <ImportStatus jobId={importJob} />}
      </div>
    </section>
  );
}
