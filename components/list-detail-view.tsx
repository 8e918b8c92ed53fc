import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { readActiveJobKinds, searchListPositions } from '../lib/db/panel-queries';
import type { ListRecord } from '../lib/db/records';
import { getCountryName } from '../lib/model/countries';
import { isLocalOnly } from '../lib/model/list-sources';
import { ApiError, type SerializedApiError } from '../lib/model/errors';
import type { JobKindName } from '../lib/model/job-kinds';
import { refreshRefusal } from '../lib/model/refreshable';
import { useAnnounce } from './announcer';
import { ChangesSection } from './changes-section';
import { ContactsTable } from './contacts-table';
import { DeleteListDialog } from './delete-list-dialog';
import { ErrorNotice } from './error-notice';
import { describeCompany, describeLocalNames, describePartial, describeSaberCapture, describeSource, describeSync } from './format';
import { HistorySection } from './history-section';
import { formatCount, formatDateTime, formatNumber } from './locale-format';
import { describeError } from './outcome-text';
import { useServices } from './panel-services';
import { RefreshSchedule } from './refresh-schedule';
import { describeRunReport, describeRunSubject } from './refresh-text';
import { RenameForm } from './rename-form';
import { routeHref, useNavigate } from './route';
import { useNavigationFocus, ViewHeading } from './view-heading';

interface ListSearch {
  /** Positions of the matches; `undefined` when not searching. */
  positions: number[] | undefined;
  searching: boolean;
  failed: boolean;
}

/** Searches one list as the query changes; a newer query abandons the older search. */
function useListSearch(listId: string, query: string): ListSearch {
  const { db } = useServices();
  const [result, setResult] = useState<{ query: string; positions: number[]; failed: boolean }>();
  const active = query.trim() !== '';
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    searchListPositions(db, listId, query, { signal: controller.signal }).then(
      (positions) => setResult({ query, positions, failed: false }),
      () => {
        if (!controller.signal.aborted) setResult({ query, positions: [], failed: true });
      },
    );
    return () => controller.abort();
  }, [db, listId, query, active]);
  if (!active) return { positions: undefined, searching: false, failed: false };
  return { positions: result?.positions, searching: result?.query !== query, failed: result?.failed ?? false };
}

/** Where the list came from and when, and whether it was saved without some of its pages. */
function Provenance({ list }: { list: ListRecord }) {
  const partial = describePartial(list.report);
  return (
    <p className="provenance">
      {partial && (
        <>
          <span className="badge badge-warning">{partial}</span>
          <span className="meta-sep" aria-hidden="true">
            ·
          </span>
        </>
      )}
      <span>{describeSource(list.source)}</span>
      <span className="meta-sep" aria-hidden="true">
        ·
      </span>
      <span>
        Captured <time dateTime={list.createdAt}>{formatDateTime(list.createdAt)}</time>
      </span>
    </p>
  );
}

/**
 * How the list stands with Saber: its state, when Saber last confirmed it or why a change waits
 * or failed, Saber's own count beside this browser's, and local names Saber's name replaced.
 */
function SyncFacts({ list }: { list: ListRecord }) {
  const { clock } = useServices();
  const sync = describeSync(list.sync, clock());
  const saberCapture = describeSaberCapture(list);
  const localNames = describeLocalNames(list.sync);
  return (
    <div className="sync-facts">
      <p className="sync-line">
        <span className={`badge badge-${sync.tone}`}>{sync.label}</span>{' '}
        {sync.syncedAt && (
          <span>
            Last synced{' '}
            <time dateTime={sync.syncedAt} title={sync.syncedAt}>
              {formatDateTime(sync.syncedAt)}
            </time>
          </span>
        )}
        {sync.message && <span>{sync.message}</span>}
        {list.sync?.state === 'deletedRemote' && (
          <span>Saber no longer has this list. It stays here until you delete it; Push to Saber creates it again.</span>
        )}
      </p>
      {saberCapture && (
        <p>
          <span className="sync-count">{saberCapture}</span> <span className="fact-note">(Saber runs its own search.)</span>
        </p>
      )}
      {localNames && <p>{localNames}</p>}
    </div>
  );
}

/** The filters the list was captured with. */
function Filters({ list }: { list: ListRecord }) {
  const { filters } = list;
  const chips = (values: string[]) => (
    <ul className="chips chips-static">
      {values.map((value) => (
        <li key={value} className="chip">
          <span className="chip-text">{value}</span>
        </li>
      ))}
    </ul>
  );
  const rows: [string, ReactNode][] = [];
  if (filters.companyLinkedInUrls?.length) rows.push(['Companies', chips(filters.companyLinkedInUrls.map(describeCompany))]);
  if (filters.jobTitles?.length) rows.push(['Job titles', chips(filters.jobTitles)]);
  if (filters.keywords) rows.push(['Keywords', filters.keywords]);
  if (filters.countries?.length) rows.push(['Countries', chips(filters.countries.map(getCountryName))]);
  if (rows.length === 0) return null;
  return (
    <dl className="facts">
      {rows.map(([term, value]) => (
        <div key={term} className="fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What the list's last capture or refresh read, kept and left out. */
function RunReportSection({ list }: { list: ListRecord }) {
  if (!list.report) return null;
  return (
    <section className="section" aria-labelledby="report-title">
      <div className="section-header">
        <h3 id="report-title" className="section-title">
          Run report
        </h3>
        <span className="field-hint">{describeRunSubject(list)}</span>
      </div>
      <dl className="facts">
        {describeRunReport(list.report).map(({ term, value }) => (
          <div key={term} className="fact">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const REFRESH_JOB: JobKindName = 'refresh.list';
const LEAVERS_JOB: JobKindName = 'refresh.leavers';

/**
 * Tells the background, once per opening and refresh, that the list's changes were seen, so the
 * Lists view stops marking it. Failing is harmless: the mark stays and the next opening tries again.
 */
function useMarkSeen(list: ListRecord | null | undefined): void {
  const { send } = useServices();
  const marked = useRef<number>(undefined);
  const unseenVersion = list?.refresh?.unseen ? list.refresh.version : undefined;
  const listId = list?.id;
  useEffect(() => {
    if (listId === undefined || unseenVersion === undefined || marked.current === unseenVersion) return;
    marked.current = unseenVersion;
    send('lists.markSeen', { listId }).catch(() => undefined);
  }, [send, listId, unseenVersion]);
}

/**
 * One list: its name, size and filters, the actions on it, its refresh (schedule, run report,
 * changes, history), and its contacts (searchable, virtualised). Read live, so a deletion in
 * another window, or a refresh ending, shows here at once.
 */
export function ListDetailView({ listId }: { listId: string }) {
  const { db, send, clock, downloadListCsv } = useServices();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const list = useLiveQuery(async () => (await db.lists.get(listId)) ?? null, [db, listId]);
  const activeJobs = useLiveQuery(() => readActiveJobKinds(db, listId), [db, listId]);
  useMarkSeen(list);
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState<'export' | 'push' | 'refresh'>();
  const [exportProgress, setExportProgress] = useState<string>();
  const [failure, setFailure] = useState<SerializedApiError>();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const { positions, searching, failed: searchFailed } = useListSearch(listId, deferredQuery);
  const renameRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const goneRef = useRef<HTMLHeadingElement>(null);
  useNavigationFocus(goneRef);

  /** Closes the rename form or the delete dialog and gives the focus back to the button that opened it. */
  function closeAndRefocus(close: () => void, button: RefObject<HTMLButtonElement | null>) {
    // Rendered at once, so the button is enabled and the form or dialog gone before it takes the focus.
    flushSync(close);
    button.current?.focus();
  }

  if (list === undefined) return <p className="muted">Loading the list…</p>;
  if (list === null) {
    return (
      <div className="view">
        <a className="back-link" href={routeHref({ view: 'lists' })}>
          Back to lists
        </a>
        <div className="empty">
          <h2 ref={goneRef} className="empty-title" tabIndex={-1}>
            This list no longer exists
          </h2>
          <p>It was deleted, perhaps in another window. Its contacts that are in other lists are still there.</p>
        </div>
      </div>
    );
  }

  async function run(kind: 'export' | 'push' | 'refresh', action: () => Promise<string | undefined>) {
    setBusy(kind);
    setFailure(undefined);
    try {
      const message = await action();
      if (message) announce(message);
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
    } finally {
      setBusy(undefined);
      setExportProgress(undefined);
    }
  }

  const exportCsv = () =>
    run('export', async () => {
      await downloadListCsv(listId, ({ rows, totalRows }) =>
        setExportProgress(`Exporting ${formatNumber(rows)} of ${formatNumber(totalRows)}…`),
      );
      return undefined;
    });

  const refresh = () =>
    run('refresh', async () => {
      await send('lists.refresh', { listId });
      return `Refreshing “${list.name}”. Follow it under Jobs.`;
    });

  const push = () =>
    run('push', async () => {
      await send('saber.push', { listId });
      return `Pushing “${list.name}” to Saber. Follow it under Jobs.`;
    });

  const matched =
    list.matchedCount !== undefined && list.matchedCount > list.contactCount ? ` of ${formatNumber(list.matchedCount)} found` : '';
  const total = formatCount(list.contactCount, 'contact');
  const refusal = refreshRefusal(list);
  const refreshing = activeJobs?.has(REFRESH_JOB) ?? false;
  const refreshed = (list.refresh?.version ?? 1) >= 2;
  return (
    <div className="view">
      <a className="back-link" href={routeHref({ view: 'lists' })}>
        Back to lists
      </a>
      {renaming ? (
        <RenameForm
          list={list}
          onDone={(newName) => {
            closeAndRefocus(() => setRenaming(false), renameRef);
            if (newName) announce(`Renamed to “${newName}”.`);
          }}
        />
      ) : (
        <ViewHeading title={list.name} subtitle={`${total}${matched}`} />
      )}
      <Provenance list={list} />
      <SyncFacts list={list} />
      <Filters list={list} />

      <div className="actions" role="group" aria-label="List actions">
        <button ref={renameRef} type="button" className="button button-small" onClick={() => setRenaming(true)} disabled={renaming}>
          Rename
        </button>
        <button ref={deleteRef} type="button" className="button button-small" onClick={() => setDeleting(true)}>
          Delete
        </button>
        <button
          type="button"
          className="button button-small"
          aria-disabled={refusal || refreshing ? 'true' : undefined}
          aria-describedby={refusal ? 'refresh-note' : undefined}
          disabled={busy !== undefined}
          onClick={refusal || refreshing ? undefined : () => void refresh()}
        >
          {refreshing ? 'Refreshing…' : busy === 'refresh' ? 'Starting…' : 'Refresh'}
        </button>
        <button type="button" className="button button-small" onClick={() => void exportCsv()} disabled={busy !== undefined}>
          {busy === 'export' ? (exportProgress ?? 'Exporting…') : 'Export CSV'}
        </button>
        {!isLocalOnly(list.source) && (
          <button type="button" className="button button-small" onClick={() => void push()} disabled={busy !== undefined}>
            {busy === 'push' ? 'Pushing…' : 'Push to Saber'}
          </button>
        )}
      </div>
      {isLocalOnly(list.source) && <p className="field-hint">Local only: Saber makes lists from search filters.</p>}
      {refusal && (
        <p id="refresh-note" className="field-hint">
          {describeError(refusal.toJSON(), clock())}
        </p>
      )}
      {failure && <ErrorNotice error={failure} />}
      {!refusal && <RefreshSchedule list={list} />}
      <RunReportSection list={list} />
      {refreshed && <ChangesSection list={list} checkingLeavers={activeJobs?.has(LEAVERS_JOB) ?? false} />}
      {refreshed && <HistorySection list={list} />}

      <h3 className="section-title contacts-title">Contacts</h3>

      <div className="sticky-bar">
        <div className="toolbar" role="search">
          <label htmlFor="contacts-search" className="visually-hidden">
            Search contacts
          </label>
          <input
            id="contacts-search"
            className="input input-search"
            type="search"
            placeholder="Search name, role, company, location…"
            autoComplete="off"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <p className="results-status" role="status">
          {searchFailed
            ? 'The search could not read this list. Reload the panel and try again.'
            : positions === undefined
              ? searching
                ? 'Searching…'
                : ''
              : `${formatNumber(positions.length)} of ${total} match${searching ? ' (searching…)' : ''}`}
        </p>
      </div>
      {positions !== undefined && positions.length === 0 && !searching && !searchFailed ? (
        <div className="empty empty-small">
          <p>No contact in this list matches “{deferredQuery.trim()}”.</p>
          <button type="button" className="button button-small" onClick={() => setQuery('')}>
            Clear search
          </button>
        </div>
      ) : (
        <ContactsTable listId={list.id} listName={list.name} contactCount={list.contactCount} positions={positions} />
      )}

      {deleting && (
        <DeleteListDialog
          list={list}
          onClose={() => closeAndRefocus(() => setDeleting(false), deleteRef)}
          onDeleted={() => {
            setDeleting(false);
            announce(`Deleted “${list.name}”.`);
            navigate({ view: 'lists' });
          }}
        />
      )}
    </div>
  );
}
