import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { readLatestChanges, type ChangeRow, type LatestChanges } from '../lib/db/list-history';
import type { ListRecord } from '../lib/db/records';
import { ApiError, type SerializedApiError } from '../lib/model/errors';
import { toSafeLinkedInUrl } from '../lib/model/safe-urls';
import { useAnnounce } from './announcer';
import { ErrorNotice } from './error-notice';
import { contactName } from './format';
import { formatDateTime, formatNumber } from './locale-format';
import { useServices } from './panel-services';
import {
  CHANGE_FIELDS,
  CHANGE_FILTERS,
  describeChange,
  describeChangeTotals,
  describeLeaveReason,
  describeLeaver,
  describePosition,
  type ChangeFilter,
} from './refresh-text';

/** Rows shown at first, and added by each "Show more": a refresh can change thousands of people. */
const ROWS_STEP = 25;

const BADGE_TONES: Record<ChangeRow['change'], string> = { joined: 'success', left: 'warning', changed: 'info' };

type Read = { ok: true; latest: LatestChanges | undefined } | { ok: false; error: SerializedApiError };

/** A person's name, linked to their Sales Navigator page when it is a LinkedIn address. */
function PersonName({ item }: { item: ChangeRow['item'] }) {
  const name = contactName(item);
  const href = toSafeLinkedInUrl(item.linkedInSalesNavigatorProfileUrl);
  if (!href) return <span className="change-name">{name}</span>;
  return (
    <a className="change-name" href={href} target="_blank" rel="noopener noreferrer">
      {name}
      <span className="visually-hidden"> (opens Sales Navigator in a new tab)</span>
    </a>
  );
}

/** Before and now side by side: title, company and location, the ones that moved in bold. */
function BeforeAndNow({ row }: { row: Extract<ChangeRow, { change: 'changed' }> }) {
  return (
    <table className="change-table">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Field</span>
          </th>
          <th scope="col">Before</th>
          <th scope="col">Now</th>
        </tr>
      </thead>
      <tbody>
        {CHANGE_FIELDS.map(({ field, label }) => {
          const before = row.previous[field];
          const now = row.item[field];
          return (
            <tr key={field} className={before === now ? undefined : 'change-moved'}>
              <th scope="row">{label}</th>
              <td>{before}</td>
              <td>{now}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ChangeRowView({ row }: { row: ChangeRow }) {
  const { item } = row;
  const place = [describePosition(item.role, item.companyName), item.location].filter(Boolean).join(' · ');
  return (
    <>
      <p className="change-head">
        <span className={`badge badge-${BADGE_TONES[row.change]}`}>{describeChange(row.change)}</span> <PersonName item={item} />
      </p>
      {row.change === 'joined' && place && <p className="change-line">{place}</p>}
      {row.change === 'left' && (
        <>
          {place && <p className="change-line">Was {place}</p>}
          <p className="change-line">{describeLeaveReason(row.reason)}</p>
          {row.leaver && <p className="change-line change-leaver">{describeLeaver(row.leaver)}</p>}
        </>
      )}
      {row.change === 'changed' && <BeforeAndNow row={row} />}
    </>
  );
}

/**
 * What the list's latest refresh changed: counts as text, a filter (All, Joined, Left, Changed),
 * one row per person, "Check leavers" when someone left, and "Export changes". Read live, so a
 * leaver's result shows as "Check leavers" finds it.
 */
export function ChangesSection({ list, checkingLeavers }: { list: ListRecord; checkingLeavers: boolean }) {
  const { db, send, downloadChangesCsv } = useServices();
  const announce = useAnnounce();
  const [filter, setFilter] = useState<ChangeFilter>('all');
  const [shown, setShown] = useState(ROWS_STEP);
  const [busy, setBusy] = useState<'leavers' | 'export'>();
  const [failure, setFailure] = useState<SerializedApiError>();
  const read = useLiveQuery(
    (): Promise<Read> =>
      readLatestChanges(db, list.id).then(
        (latest) => ({ ok: true, latest }),
        (thrown: unknown) => ({ ok: false, error: ApiError.from(thrown).toJSON() }),
      ),
    [db, list.id, list.refresh?.version],
  );
  if (!read) return null;

  async function act(kind: 'leavers' | 'export', action: () => Promise<void>) {
    setBusy(kind);
    setFailure(undefined);
    try {
      await action();
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
    } finally {
      setBusy(undefined);
    }
  }

  const checkLeavers = () =>
    act('leavers', async () => {
      await send('lists.checkLeavers', { listId: list.id });
      announce('Looking for where the people who left went. Follow it under Jobs.');
    });
  const exportChanges = () => act('export', () => downloadChangesCsv(list.id));

  const heading = (
    <h3 id="changes-title" className="section-title">
      Changes
    </h3>
  );
  if (!read.ok) {
    return (
      <section className="section" aria-labelledby="changes-title">
        {heading}
        <ErrorNotice error={read.error} />
      </section>
    );
  }
  if (!read.latest) return null;
  const { record, rows } = read.latest;
  const counts: Record<ChangeFilter, number> = {
    all: rows.length,
    joined: rows.filter((row) => row.change === 'joined').length,
    left: rows.filter((row) => row.change === 'left').length,
    changed: rows.filter((row) => row.change === 'changed').length,
  };
  const matching = filter === 'all' ? rows : rows.filter((row) => row.change === filter);
  const visible = matching.slice(0, shown);
  const more = Math.min(ROWS_STEP, matching.length - visible.length);
  const filterLabel = CHANGE_FILTERS.find((option) => option.value === filter)?.label ?? '';

  return (
    <section className="section" aria-labelledby="changes-title">
      <div className="section-header">
        {heading}
        <div className="actions">
          {counts.left > 0 && (
            <button
              type="button"
              className="button button-small"
              aria-disabled={checkingLeavers ? 'true' : undefined}
              disabled={busy !== undefined}
              onClick={checkingLeavers ? undefined : () => void checkLeavers()}
            >
              {checkingLeavers ? 'Checking leavers…' : 'Check leavers'}
            </button>
          )}
          {rows.length > 0 && (
            <button type="button" className="button button-small" disabled={busy !== undefined} onClick={() => void exportChanges()}>
              {busy === 'export' ? 'Exporting…' : 'Export changes'}
            </button>
          )}
        </div>
      </div>
      <p className="changes-totals">{describeChangeTotals(record.counts)}</p>
      <p className="field-hint">
        In the refresh of <time dateTime={record.at}>{formatDateTime(record.at)}</time>, against the version before.
      </p>
      {failure && <ErrorNotice error={failure} />}
      {rows.length > 0 && (
        <>
          <fieldset className="segmented">
            <legend className="visually-hidden">Show</legend>
            {CHANGE_FILTERS.map((option) => (
              <label key={option.value} className="segment">
                <input
                  type="radio"
                  name={`changes-filter-${list.id}`}
                  value={option.value}
                  checked={filter === option.value}
                  onChange={() => {
                    setFilter(option.value);
                    setShown(ROWS_STEP);
                  }}
                />
                <span>
                  {option.label} <span className="segment-count">{formatNumber(counts[option.value])}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {matching.length === 0 ? (
            <p className="muted">Nobody in “{filterLabel}”.</p>
          ) : (
            <ul className="change-rows" aria-label={`Changes: ${filterLabel}`}>
              {visible.map((row) => (
                <li key={`${row.change}:${row.item.baseContactId}`} className="change-row" data-change={row.change}>
                  <ChangeRowView row={row} />
                </li>
              ))}
            </ul>
          )}
          {more > 0 && (
            <div className="inline-actions">
              <button type="button" className="button button-small" onClick={() => setShown((count) => count + ROWS_STEP)}>
                Show {formatNumber(more)} more
              </button>
              <span className="muted">
                {formatNumber(visible.length)} of {formatNumber(matching.length)} shown
              </span>
            </div>
          )}
        </>
      )}
    </section>
  );
}
