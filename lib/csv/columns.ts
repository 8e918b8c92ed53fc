import type { ContactList, ContactListItem, Position } from '../model/schemas';
import { neutraliseFormula } from './neutralise';

/** One CSV column: its header and how a contact of a list fills it (`undefined` = empty). */
export interface CsvColumn {
  header: string;
  cell: (item: ContactListItem, list: ContactList) => string | undefined;
}

/**
 * The export's columns, in their documented order (README, "Export to CSV"). The order is a
 * contract with whoever imports the file: add new columns at the end, never reorder.
 *
 * Every `ContactListItem` field of the Saber spec keeps its spec name and spec order; list
 * name and capture time come first so one file can hold several lists.
 */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { header: 'listName', cell: (_item, list) => list.name },
  { header: 'capturedAt', cell: (_item, list) => list.createdAt },
  { header: 'id', cell: (item) => item.id },
  { header: 'listId', cell: (item) => item.listId },
  { header: 'baseContactId', cell: (item) => item.baseContactId },
  { header: 'firstName', cell: (item) => item.firstName },
  { header: 'lastName', cell: (item) => item.lastName },
  { header: 'fullName', cell: (item) => item.fullName },
  { header: 'headline', cell: (item) => item.headline },
  { header: 'role', cell: (item) => item.role },
  { header: 'companyName', cell: (item) => item.companyName },
  { header: 'location', cell: (item) => item.location },
  { header: 'avatar', cell: (item) => item.avatar },
  { header: 'seniority', cell: (item) => item.seniority?.join(', ') },
  { header: 'positions', cell: (item) => (item.positions ? formatPositions(item.positions) : undefined) },
  { header: 'linkedInSalesNavigatorProfileUrl', cell: (item) => item.linkedInSalesNavigatorProfileUrl },
  { header: 'createdAt', cell: (item) => item.createdAt },
  { header: 'currentTitle', cell: (item) => currentPosition(item).title },
  { header: 'currentCompany', cell: (item) => currentPosition(item).companyName },
  { header: 'email', cell: (item) => item.email },
  { header: 'phone', cell: (item) => item.phone },
  { header: 'publicProfileUrl', cell: (item) => item.publicProfileUrl },
  { header: 'connectedOn', cell: (item) => item.connectedOn },
];

/** The header row, in column order. */
export const CSV_HEADERS: readonly string[] = CSV_COLUMNS.map((column) => column.header);

/**
 * The columns that say who a contact is, for files about people rather than a list's rows (the
 * changes of a refresh): the export's own columns, in the export's order, without the list's,
 * the item's, the position's and the photo's.
 */
export const PERSON_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.filter((column) =>
  [
    'baseContactId',
    'firstName',
    'lastName',
    'fullName',
    'headline',
    'location',
    'seniority',
    'linkedInSalesNavigatorProfileUrl',
    'email',
    'phone',
  ].includes(column.header),
);

/** Separates positions inside the `positions` cell; one line keeps the file easy to scan. */
export const POSITION_SEPARATOR = ' | ';

/**
 * A contact as one CSV row: every cell a string, formula triggers neutralised
 * ({@link neutraliseFormula}), missing values empty.
 */
export function toCsvRow(item: ContactListItem, list: ContactList): string[] {
  return CSV_COLUMNS.map((column) => {
    const value = column.cell(item, list);
    return value === undefined ? '' : neutraliseFormula(value);
  });
}

/**
 * The current position: the item's `role` and `companyName` when it has either (capture fills
 * them from one position, the one at the searched company), else the first of its history.
 * Taken as a pair so a title is never shown with the company of another position.
 */
export function currentPosition(item: ContactListItem): Pick<Position, 'title' | 'companyName'> {
  if (item.role !== undefined || item.companyName !== undefined) {
    return { title: item.role, companyName: item.companyName };
  }
  return item.positions?.[0] ?? {};
}

/**
 * A position history as one readable line, most recent first as stored:
 * `VP Sales at Stripe (San Francisco, 2 yr 3 mo, https://www.linkedin.com/company/stripe) | AE at Acme (11 mo)`.
 */
export function formatPositions(positions: readonly Position[]): string {
  return positions
    .map(formatPosition)
    .filter((text) => text !== '')
    .join(POSITION_SEPARATOR);
}

/** One position: "title at company (location, tenure, company URL)", leaving out what is missing. */
export function formatPosition(position: Position): string {
  const { title, companyName } = position;
  const head = title && companyName ? `${title} at ${companyName}` : (title ?? companyName ?? '');
  const details = [
    position.location,
    position.tenureInMonths === undefined ? undefined : formatTenure(position.tenureInMonths),
    position.companyUrl,
  ].filter((part): part is string => part !== undefined && part !== '');
  if (details.length === 0) return head;
  return head ? `${head} (${details.join(', ')})` : details.join(', ');
}

/** 27 → "2 yr 3 mo", 12 → "1 yr", 5 → "5 mo". */
export function formatTenure(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years <= 0) return `${months} mo`;
  return rest === 0 ? `${years} yr` : `${years} yr ${rest} mo`;
}
