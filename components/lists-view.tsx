import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { filterListsByName, readListsNewestFirst } from '../lib/db/panel-queries';
import type { ListRecord } from '../lib/db/records';
import { ApiError, type SerializedApiError } from '../lib/model/errors';
import { ErrorNotice } from './error-notice';
import { describeSource, describeSync } from './format';
import { formatCount, formatDateTime, formatDay, formatNumber, formatRecent } from './locale-format';
import { useServices } from './panel-services';
import { routeHref } from './route';
import { useFixedRows } from './use-fixed-rows';
import { useRowKeyboard, type RowKeyDown } from './use-row-keyboard';
import { ViewHeading } from './view-heading';

// Three lines: the name, the facts, and how the list stands with Saber.
const ROW_HEIGHT = 80;

/** How the list stands with Saber: a badge, then the last sync's time or why a change waits or failed. */
function SyncLine({ list }: { list: ListRecord }) {
  const { clock } = useServices();
  const sync = describeSync(list.sync, clock());
  return (
    <p className="list-row-sync">
      <span className="visually-hidden">Saber: </span>
      <span className={`badge badge-${sync.tone}`}>{sync.short}</span>{' '}
      {sync.syncedAt && (
        <time className="list-row-sync-text" dateTime={sync.syncedAt} title={formatDateTime(sync.syncedAt)}>
          {formatRecent(sync.syncedAt)}
        </time>
      )}
      {sync.message && (
        <span className="list-row-sync-text" title={sync.message}>
          {sync.message}
        </span>
      )}
    </p>
  );
}

function ListRow({ list, onKeyDown }: { list: ListRecord; onKeyDown: RowKeyDown }) {
  return (
    <>
      <p className="list-row-title">
        <a className="list-row-name row-link" href={routeHref({ view: 'list', listId: list.id })} data-row-focus="" onKeyDown={onKeyDown}>
          {list.name}
        </a>
        {list.refresh?.unseen && <span className="badge badge-info">New changes</span>}
      </p>
      <p className="list-row-meta">
        <span className="list-row-count">{formatCount(list.contactCount, 'contact')}</span>
        <span className="meta-sep" aria-hidden="true">
          ·
        </span>
        <span>
          <span className="visually-hidden">Captured </span>
          <time dateTime={list.createdAt}>{formatDay(list.createdAt)}</time>
        </span>
        <span className="meta-sep" aria-hidden="true">
          ·
        </span>
        <span className="list-row-source">{describeSource(list.source)}</span>
      </p>
      <SyncLine list={list} />
    </>
  );
}

function VirtualLists({ lists, total }: { lists: ListRecord[]; total: number }) {
  const rowsRef = useRef<HTMLUListElement>(null);
  const rows = useFixedRows(rowsRef, lists.length, ROW_HEIGHT);
  const onKeyDown = useRowKeyboard(rowsRef, rows, lists.length);
  const shown: ListRecord[] = lists.slice(rows.first, rows.last + 1);
  return (
    <div className="rows-box">
      <ul
        ref={rowsRef}
        className="virtual-rows"
        aria-label={`Lists, ${formatCount(lists.length, 'list')}${lists.length < total ? ` of ${formatNumber(total)}` : ''}`}
        style={{ height: rows.totalHeight }}
      >
        {shown.map((list, offset) => {
          const index = rows.first + offset;
          return (
            <li
              key={list.id}
              className="list-row"
              data-index={index}
              aria-setsize={lists.length}
              aria-posinset={index + 1}
              style={{ height: ROW_HEIGHT, transform: `translateY(${index * ROW_HEIGHT}px)` }}
            >
              <ListRow list={list} onKeyDown={onKeyDown} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function EmptyState() {
  return (
    <div className="empty">
      <h3 className="empty-title">No lists yet</h3>
      <p>
        Open a company’s page on LinkedIn, then choose <strong>New list</strong>: the company is filled in for you. Add a job title, a
        keyword or a country, and capture the people who match. Your lists stay in this browser.
      </p>
      <a className="button button-primary" href={routeHref({ view: 'new' })}>
        Create your first list
      </a>
    </div>
  );
}

/** Every list, newest first, filterable by name; virtualised so a thousand lists stay quick. */
export function ListsView() {
  const { db, downloadAllListsCsv } = useServices();
  const lists = useLiveQuery(() => readListsNewestFirst(db), [db]);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const shown = useMemo(() => (lists ? filterListsByName(lists, deferredQuery) : []), [lists, deferredQuery]);
  const [exporting, setExporting] = useState<string>();
  const [failure, setFailure] = useState<SerializedApiError>();

  async function exportAll() {
    setExporting('Exporting…');
    setFailure(undefined);
    try {
      await downloadAllListsCsv(({ rows, totalRows }) => setExporting(`Exporting ${formatNumber(rows)} of ${formatNumber(totalRows)}…`));
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
    } finally {
      setExporting(undefined);
    }
  }

  const subtitle = lists === undefined ? 'Loading…' : formatCount(lists.length, 'list');
  return (
    <div className="view">
      <ViewHeading title="Lists" subtitle={subtitle}>
        {lists && lists.length > 0 && (
          <button type="button" className="button button-small" onClick={() => void exportAll()} disabled={exporting !== undefined}>
            {exporting ?? 'Export all'}
          </button>
        )}
      </ViewHeading>
      {failure && <ErrorNotice error={failure} />}
      {lists === undefined ? (
        <p className="muted">Loading your lists…</p>
      ) : lists.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          <div className="sticky-bar toolbar" role="search">
            <label htmlFor="lists-filter" className="visually-hidden">
              Filter lists by name
            </label>
            <input
              id="lists-filter"
              className="input input-search"
              type="search"
              placeholder="Filter by name"
              autoComplete="off"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          {shown.length === 0 ? (
            <div className="empty empty-small">
              <p>No list name contains “{deferredQuery.trim()}”.</p>
              <button type="button" className="button button-small" onClick={() => setQuery('')}>
                Clear filter
              </button>
            </div>
          ) : (
            <VirtualLists lists={shown} total={lists.length} />
          )}
        </>
      )}
    </div>
  );
}
