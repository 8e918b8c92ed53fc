import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { readVersionItems } from '../lib/db/list-history';
import type { ItemRecord, ListRecord } from '../lib/db/records';
import { ApiError, type SerializedApiError } from '../lib/model/errors';
import { ContactsTable } from './contacts-table';
import { ErrorNotice } from './error-notice';
import { formatCount, formatDateTime, formatNumber } from './locale-format';
import { useServices } from './panel-services';
import { routeHref } from './route';
import { useNavigationFocus, ViewHeading } from './view-heading';

/** The list and its version as rebuilt (with when it was made), or why it could not be. */
type Read =
  | { list: null }
  | { list: ListRecord; version: { items: ItemRecord[]; at: string | undefined } }
  | { list: ListRecord; error: SerializedApiError };

/**
 * An older version of a list, rebuilt from its history and shown read-only: its contacts in the
 * list's own table, and an Export CSV of just that version.
 */
export function VersionView({ listId, version }: { listId: string; version: number }) {
  const { db, downloadVersionCsv } = useServices();
  const [exporting, setExporting] = useState<string>();
  const [failure, setFailure] = useState<SerializedApiError>();
  const problemRef = useRef<HTMLHeadingElement>(null);
  useNavigationFocus(problemRef);
  // Read live: a refresh meanwhile rebuilds the same version from the new items and history.
  const read = useLiveQuery(async (): Promise<Read> => {
    const list = await db.lists.get(listId);
    if (!list) return { list: null };
    try {
      const items = await readVersionItems(db, listId, version);
      const at = version === 1 ? list.createdAt : (await db.versions.get([listId, version]))?.at;
      return { list, version: { items, at } };
    } catch (thrown) {
      return { list, error: ApiError.from(thrown).toJSON() };
    }
  }, [db, listId, version]);

  if (read === undefined) return <p className="muted">Loading the version…</p>;
  const { list } = read;
  const back = (
    <a className="back-link" href={routeHref(list ? { view: 'list', listId } : { view: 'lists' })}>
      {list ? 'Back to the list' : 'Back to lists'}
    </a>
  );
  if (!('version' in read)) {
    return (
      <div className="view">
        {back}
        <div className="empty">
          <h2 ref={problemRef} className="empty-title" tabIndex={-1}>
            {list ? `Version ${formatNumber(version)} is no longer kept` : 'This list no longer exists'}
          </h2>
          {'error' in read ? <ErrorNotice error={read.error} /> : <p>It was deleted, perhaps in another window.</p>}
        </div>
      </div>
    );
  }

  async function exportCsv() {
    setExporting('Exporting…');
    setFailure(undefined);
    try {
      await downloadVersionCsv(listId, version, ({ rows, totalRows }) =>
        setExporting(`Exporting ${formatNumber(rows)} of ${formatNumber(totalRows)}…`),
      );
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
    } finally {
      setExporting(undefined);
    }
  }

  const { items, at } = read.version;
  const current = version === (read.list.refresh?.version ?? 1);
  const made = at ? `${version === 1 ? 'captured' : 'refreshed'} ${formatDateTime(at)}` : undefined;
  const subtitle = [`Version ${formatNumber(version)}${current ? ' (current)' : ''}`, made, formatCount(items.length, 'contact')]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="view">
      {back}
      <ViewHeading title={read.list.name} subtitle={subtitle} />
      <p className="notice notice-info">
        {current
          ? 'This is the list as it is now.'
          : `Read-only: the list as it was${made ? ` when ${made}` : ''}. Only the current version changes.`}
      </p>
      <div className="actions" role="group" aria-label="Version actions">
        <button type="button" className="button button-small" onClick={() => void exportCsv()} disabled={exporting !== undefined}>
          {exporting ?? 'Export CSV'}
        </button>
      </div>
      {failure && <ErrorNotice error={failure} />}
      <ContactsTable
        listId={listId}
        listName={`${read.list.name}, version ${formatNumber(version)}`}
        contactCount={items.length}
        positions={undefined}
        items={items}
      />
    </div>
  );
}
