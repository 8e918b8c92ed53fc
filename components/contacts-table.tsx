import { useLiveQuery } from 'dexie-react-hooks';
import { useRef } from 'react';
import { countListsByContact, readItemsAt, readItemsPage, ROWS_PAGE_SIZE } from '../lib/db/panel-queries';
import type { ItemRecord } from '../lib/db/records';
import { toSafeLinkedInUrl } from '../lib/model/safe-urls';
import { Avatar } from './avatar';
import { contactName, formatSeniority } from './format';
import { useServices } from './panel-services';
import { useFixedRows } from './use-fixed-rows';
import { useRowKeyboard, type RowKeyDown } from './use-row-keyboard';

const ROW_HEIGHT = 76;
/** Rows read beyond the visible ones, so scrolling rarely meets an empty row. */
const READ_AHEAD = 40;

const COLUMNS = ['Name', 'Role', 'Company', 'Location', 'Seniority'] as const;

interface ContactsTableProps {
  listId: string;
  listName: string;
  /** Rows in the list. */
  contactCount: number;
  /** Positions matching a search, in order; `undefined` shows the whole list. */
  positions: number[] | undefined;
  /**
   * The rows themselves, for a version of the list that is not stored as items (an older one,
   * rebuilt from its history): shown instead of the stored rows, without "in N lists", which
   * counts today's lists.
   */
  items?: readonly ItemRecord[];
}

function ContactRow({ item, listCount, onKeyDown }: { item: ItemRecord; listCount: number | undefined; onKeyDown: RowKeyDown }) {
  const name = contactName(item);
  const salesNavigator = toSafeLinkedInUrl(item.linkedInSalesNavigatorProfileUrl);
  // A connection has no Sales Navigator page in the list, only their public profile.
  const href = toSafeLinkedInUrl(item.linkedInSalesNavigatorProfileUrl) ?? toSafeLinkedInUrl(item.publicProfileUrl);
  const seniority = formatSeniority(item.seniority);
  return (
    <>
      <div role="cell" className="cell cell-name">
        <Avatar name={name} url={item.avatar} />
        {href ? (
          <a
            className="contact-name row-link"
            href={href}
            target="_blank"
            rel="noopener noreferrer"
            data-row-focus=""
            onKeyDown={onKeyDown}
          >
            {name}
            <span className="visually-hidden">
              {salesNavigator ? ' (opens Sales Navigator in a new tab)' : ' (opens their LinkedIn profile in a new tab)'}
            </span>
          </a>
        ) : (
          // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- a name with no profile to open: not a control, only where the row keys put the focus (tabIndex -1), and they must move it on from here too
          <span className="contact-name" tabIndex={-1} data-row-focus="" onKeyDown={onKeyDown}>
            {name}
          </span>
        )}
        {item.degree === 1 && (
          <span className="badge badge-success" title="A 1st-degree connection of yours">
            1st
          </span>
        )}
        {listCount !== undefined && listCount > 1 && <span className="badge badge-info">in {listCount} lists</span>}
      </div>
      <div role="cell" className="cell cell-role" title={item.role}>
        {item.role}
      </div>
      <div role="cell" className="cell cell-company" title={item.companyName}>
        {item.companyName}
      </div>
      <div role="cell" className="cell cell-location" title={item.location}>
        {item.location}
      </div>
      <div role="cell" className="cell cell-seniority" title={seniority}>
        {seniority}
      </div>
    </>
  );
}

/**
 * A list's contacts as a table of five columns, virtualised: only the rows on screen are in the
 * page, read a page at a time by `[listId+position]`. "in N lists" is counted for those rows only.
 */
export function ContactsTable({ listId, listName, contactCount, positions, items }: ContactsTableProps) {
  const { db } = useServices();
  const rowsRef = useRef<HTMLDivElement>(null);
  const count = items ? items.length : positions ? positions.length : contactCount;
  const rows = useFixedRows(rowsRef, count, ROW_HEIGHT, 8);
  const onKeyDown = useRowKeyboard(rowsRef, rows, count);
  const visible = Array.from({ length: Math.max(0, rows.last - rows.first + 1) }, (_, i) => rows.first + i);

  // Rows are read in whole pages around what is visible, so small scrolls reuse the same read.
  const firstPage = Math.floor(Math.max(0, rows.first - READ_AHEAD) / ROWS_PAGE_SIZE);
  const lastPage = Math.floor(Math.max(0, rows.last + READ_AHEAD) / ROWS_PAGE_SIZE);
  const loaded = useLiveQuery(async () => {
    if (items) return undefined;
    const from = firstPage * ROWS_PAGE_SIZE;
    if (positions) {
      const rows = await readItemsAt(db, listId, positions.slice(from, (lastPage + 1) * ROWS_PAGE_SIZE));
      return { from, rows };
    }
    const pages = await Promise.all(Array.from({ length: lastPage - firstPage + 1 }, (_, i) => readItemsPage(db, listId, firstPage + i)));
    return { from, rows: pages.flat() };
  }, [db, listId, positions, firstPage, lastPage, items]);

  const rowAt = (index: number): ItemRecord | undefined => (items ? items[index] : loaded ? loaded.rows[index - loaded.from] : undefined);
  const onScreen = items ? [] : visible.flatMap((index) => rowAt(index)?.baseContactId ?? []);
  const onScreenKey = onScreen.join('\n');
  const listCounts = useLiveQuery(() => countListsByContact(db, onScreen), [db, onScreenKey]);

  return (
    <div className="rows-box">
      <div role="table" className="contacts-table" aria-label={`Contacts of ${listName}`} aria-rowcount={count + 1}>
        <div role="rowgroup" className="contacts-head">
          <div role="row" aria-rowindex={1} className="contacts-head-row">
            {COLUMNS.map((column) => (
              <span key={column} role="columnheader" className={`head head-${column.toLowerCase()}`}>
                {column}
              </span>
            ))}
          </div>
        </div>
        <div ref={rowsRef} role="rowgroup" className="virtual-rows" style={{ height: rows.totalHeight }}>
          {visible.map((index) => {
            const item = rowAt(index);
            return (
              <div
                key={index}
                role="row"
                aria-rowindex={index + 2}
                className={`contact-row${item ? '' : ' contact-row-loading'}`}
                data-index={index}
                style={{ height: ROW_HEIGHT, transform: `translateY(${index * ROW_HEIGHT}px)` }}
              >
                {item ? (
                  <ContactRow item={item} listCount={listCounts?.get(item.baseContactId)} onKeyDown={onKeyDown} />
                ) : (
                  <div role="cell" className="cell cell-name">
                    <span className="skeleton" />
                    <span className="visually-hidden">Loading…</span>
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
