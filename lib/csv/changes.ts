import type { ProspectDb } from '../db/database';
import { readLatestChanges, type ChangeRow } from '../db/list-history';
import { ApiError } from '../model/errors';
import type { ContactList } from '../model/schemas';
import { currentPosition, PERSON_COLUMNS } from './columns';
import { csvFileName } from './file-name';
import { neutraliseFormula } from './neutralise';

/**
 * The columns of "Export changes", one row per person a refresh changed. The order is a contract
 * like the list export's: new columns go at the end.
 *
 * - `change`: `joined`, `left` or `changed`;
 * - the person columns of the list export ({@link PERSON_COLUMNS}): for a leaver, as they were;
 * - `previousTitle`, `previousCompany`: before the refresh (empty for someone who joined);
 * - `currentTitle`, `currentCompany`: after it; for a leaver, where "Check leavers" found them
 *   (empty when not found or not checked);
 * - `previousLocation`: before the refresh, since a change can be a move alone;
 * - `leaveReason`: for a leaver, `mayHaveMovedPastSize` or `noLongerMatches` (the panel's words
 *   for them are in the user guide);
 * - `leaverStatus`: for a leaver, `found`, `notFound`, or empty while not checked.
 */
export const CHANGES_CSV_HEADERS: readonly string[] = [
  'change',
  ...PERSON_COLUMNS.map((column) => column.header),
  'previousTitle',
  'previousCompany',
  'currentTitle',
  'currentCompany',
  'previousLocation',
  'leaveReason',
  'leaverStatus',
];

interface ChangeCells {
  previousTitle?: string | undefined;
  previousCompany?: string | undefined;
  currentTitle?: string | undefined;
  currentCompany?: string | undefined;
  previousLocation?: string | undefined;
  leaveReason?: string | undefined;
  leaverStatus?: string | undefined;
}

/** What a change row says before and after the refresh, by column. */
function changeCells(row: ChangeRow): ChangeCells {
  switch (row.change) {
    case 'joined': {
      const now = currentPosition(row.item);
      return { currentTitle: now.title, currentCompany: now.companyName };
    }
    case 'left': {
      const was = currentPosition(row.item);
      const found = row.leaver?.status === 'found' ? row.leaver : undefined;
      return {
        previousTitle: was.title,
        previousCompany: was.companyName,
        currentTitle: found?.role,
        currentCompany: found?.companyName,
        previousLocation: row.item.location,
        leaveReason: row.reason,
        leaverStatus: row.leaver?.status,
      };
    }
    case 'changed':
      return {
        previousTitle: row.previous.role,
        previousCompany: row.previous.companyName,
        currentTitle: row.item.role,
        currentCompany: row.item.companyName,
        previousLocation: row.previous.location,
      };
  }
}

/**
 * One change as a CSV row in {@link CHANGES_CSV_HEADERS} order: every cell a string, formula
 * triggers neutralised, missing values empty.
 */
export function toChangesCsvRow(row: ChangeRow, list: ContactList): string[] {
  const cells = changeCells(row);
  const values = [
    row.change,
    ...PERSON_COLUMNS.map((column) => column.cell(row.item, list)),
    cells.previousTitle,
    cells.previousCompany,
    cells.currentTitle,
    cells.currentCompany,
    cells.previousLocation,
    cells.leaveReason,
    cells.leaverStatus,
  ];
  return values.map((value) => (value === undefined ? '' : neutraliseFormula(value)));
}

/** What "Export changes" writes: the file name and the rows of the list's latest refresh. */
export interface ChangesExportPlan {
  fileName: string;
  list: ContactList;
  rows: ChangeRow[];
}

/**
 * The latest refresh's changes of a list, as `<list name> changes-<day of the refresh>.csv`.
 * Rejects with a 404 `ApiError` for an unknown list or one never refreshed.
 */
export async function planChangesExport(db: ProspectDb, listId: string): Promise<ChangesExportPlan> {
  const list = await db.lists.get(listId);
  if (!list) throw ApiError.notFound('Contact list', listId);
  const latest = await readLatestChanges(db, listId);
  if (!latest) throw ApiError.notFound('Refresh of the list', list.name);
  return { fileName: csvFileName(`${list.name} changes`, Date.parse(latest.record.at)), list, rows: latest.rows };
}
