import { useLiveQuery } from 'dexie-react-hooks';
import { readVersions } from '../lib/db/list-history';
import type { ListRecord } from '../lib/db/records';
import { describeHistory } from './refresh-text';
import { useServices } from './panel-services';
import { routeHref } from './route';

/**
 * Every version of the list its history keeps, newest first: when it was made, how many
 * contacts it held and what changed. An older one opens read-only, with its own CSV export.
 */
export function HistorySection({ list }: { list: ListRecord }) {
  const { db } = useServices();
  const records = useLiveQuery(() => readVersions(db, list.id), [db, list.id, list.refresh?.version]);
  if (!records) return null;
  const rows = describeHistory(list, records);
  return (
    <section className="section" aria-labelledby="history-title">
      <h3 id="history-title" className="section-title">
        History
      </h3>
      <p className="field-hint">
        Each refresh is kept as what it changed. Settings say how many refreshes each list keeps; older versions then go.
      </p>
      <ol className="history-rows">
        {rows.map((row) => (
          <li key={row.version} className="history-row">
            <div className="history-text">
              <p className="history-title">{row.title}</p>
              <p className="history-facts">
                <time dateTime={row.at}>{row.made}</time>
                <span aria-hidden="true"> · </span>
                <span>{row.contacts}</span>
                {row.changes && (
                  <>
                    <span aria-hidden="true"> · </span>
                    <span>{row.changes}</span>
                  </>
                )}
              </p>
            </div>
            {!row.current && (
              <a className="button button-small" href={routeHref({ view: 'version', listId: list.id, version: row.version })}>
                Open<span className="visually-hidden"> {row.title}</span>
              </a>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
