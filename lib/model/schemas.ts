import { isCountryCode } from './countries';
import { NAME_MAX } from './limits';
import { outcomeSchema } from './outcome-schema';
import { refreshStateSchema, runReportSchema } from './refresh';
import { visibleTextSchema } from './text-schema';
import { z } from './zod';

/**
 * The Saber Platform API's data model (docs: ../shared/docs/saber-openapi.json), as zod schemas.
 * Spec fields keep the spec's names, types and bounds; everything this extension adds is an
 * optional field beside them (see `test/unit/model/contract.test.ts`, which holds both to the
 * spec file).
 */

export const LISTS_LIMIT_DEFAULT = 20;
export const CONTACTS_LIMIT_DEFAULT = 25;
export const PAGE_LIMIT_MAX = 100;

const dateTime = z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 date-time' });
const uri = z.url({ message: 'Must be an absolute URL' });

/** A list name as a person may send it: the text rule (`visibleTextSchema`), then 1..200 characters. */
export const listNameSchema = visibleTextSchema({ label: 'Name', max: NAME_MAX });

export const countryCodeSchema = z.string().refine(isCountryCode, { message: 'Must be an ISO 3166-1 alpha-2 country code such as "US"' });

export const contactListFiltersSchema = z.object({
  companyLinkedInUrls: z.array(uri).optional(),
  jobTitles: z.array(z.string()).optional(),
  keywords: z.string().optional(),
  countries: z.array(countryCodeSchema).optional(),
});
export type ContactListFilters = z.infer<typeof contactListFiltersSchema>;

/** Where a local list came from. Local addition. */
export const listSourceSchema = z.discriminatedUnion('kind', [
  /** `size`: how many contacts the capture asked for, so a refresh asks for as many. */
  z.object({ kind: z.literal('search'), size: z.int().min(1).optional() }),
  z.object({ kind: z.literal('salesNavigatorQuery'), query: z.string(), size: z.int().min(1).optional() }),
  z.object({ kind: z.literal('leadList'), leadListId: z.string(), leadListName: z.string() }),
  z.object({ kind: z.literal('addressBook') }),
  /** The user's 1st-degree connections, read through the session. */
  z.object({ kind: z.literal('connections') }),
  /** LinkedIn's "Get a copy of your data" Connections.csv. */
  z.object({ kind: z.literal('connectionsCsv'), fileName: z.string().max(255) }),
  z.object({ kind: z.literal('saber') }),
  z.object({ kind: z.literal('manual') }),
]);
export type ListSource = z.infer<typeof listSourceSchema>;

export const SYNC_STATES = ['local', 'pending', 'synced', 'error', 'deletedRemote'] as const;

/**
 * How a local list stands with Saber. Local addition; written by the sync engine (`lib/sync`) only.
 *
 * - `local`: never pushed; Saber knows nothing of it.
 * - `pending`: changes (create, rename) wait in `db.outbox`; `outcome` says why they have
 *   not gone yet when a try failed (Saber could not be reached, with `retryAt`).
 * - `synced`: Saber has it as `remoteId`, as of `syncedAt`.
 * - `error`: Saber refused a change (`outcome` says why: key rejected, connector not
 *   connected, invalid filters; `op` which change). A refused create leaves no `remoteId`;
 *   pushing again retries.
 * - `deletedRemote`: the list disappeared from Saber; kept here until the user deletes it.
 */
export const syncStateSchema = z.object({
  state: z.enum(SYNC_STATES),
  /** The list's id on Saber; the `sync.remoteId` index links pulled and pushed lists. */
  remoteId: z.string().optional(),
  /** When Saber last confirmed this list (a push, rename or pull). */
  syncedAt: dateTime.optional(),
  /** Saber's name as last seen: a different name on Saber means it was renamed there. */
  remoteName: z.string().optional(),
  /** Saber's `updatedAt` as last seen: a pull downloads again only when it (or the count) moved. */
  remoteUpdatedAt: dateTime.optional(),
  /** Saber's `contactCount`: for a pushed list, Saber's own capture, shown beside `contactCount`. */
  remoteContactCount: z.int().min(0).optional(),
  /** Why a change waits or failed, as data (worded by the panel). */
  outcome: outcomeSchema.optional(),
  /** The change `outcome` is about. */
  op: z.enum(['create', 'rename', 'delete']).optional(),
  /** Local names this list had before Saber's name replaced them, oldest first. */
  nameHistory: z.array(z.string()).optional(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

export const contactListSchema = z.object({
  id: z.string(),
  name: z.string(),
  filters: contactListFiltersSchema,
  contactCount: z.int().min(0),
  createdAt: dateTime,
  updatedAt: dateTime,
  source: listSourceSchema.optional(),
  /** The search's match count (`paging.total`), beside the stored `contactCount`. */
  matchedCount: z.int().min(0).optional(),
  sync: syncStateSchema.optional(),
  /** Version, schedule and unseen changes (`lib/model/refresh.ts`). Local addition. */
  refresh: refreshStateSchema.optional(),
  /** What the last capture, refresh or import read, kept and left out. Local addition. */
  report: runReportSchema.optional(),
});
export type ContactList = z.infer<typeof contactListSchema>;

export const positionSchema = z.object({
  title: z.string().optional(),
  companyName: z.string().optional(),
  companyUrl: uri.optional(),
  tenureInMonths: z.int().optional(),
  location: z.string().optional(),
});
export type Position = z.infer<typeof positionSchema>;

export const contactListItemSchema = z.object({
  id: z.string(),
  listId: z.string(),
  baseContactId: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  fullName: z.string().optional(),
  headline: z.string().optional(),
  role: z.string().optional(),
  companyName: z.string().optional(),
  location: z.string().optional(),
  avatar: uri.optional(),
  seniority: z.array(z.string()).optional(),
  positions: z.array(positionSchema).optional(),
  linkedInSalesNavigatorProfileUrl: uri.optional(),
  createdAt: dateTime,
  /** Address-book contacts carry these. Local additions. */
  email: z.string().optional(),
  phone: z.string().optional(),
  /** The public profile, `https://www.linkedin.com/in/<vanity>`: connections and Connections.csv. Local addition. */
  publicProfileUrl: uri.optional(),
  /** The day the user connected with this person (`yyyy-mm-dd`): connections and Connections.csv. Local addition. */
  connectedOn: z.iso.date({ message: 'Must be a date such as 2024-03-15' }).optional(),
  /** LinkedIn's network distance from the user (1 = a connection), as a search result gives it. Local addition. */
  degree: z.int().min(1).max(3).optional(),
});
export type ContactListItem = z.infer<typeof contactListItemSchema>;

export const errorDetailSchema = z.object({
  field: z.string().optional(),
  message: z.string().optional(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

export const errorResponseSchema = z.object({
  error: z.string(),
  message: z.string(),
  details: z.array(errorDetailSchema).optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const createContactListRequestSchema = z.object({
  name: listNameSchema,
  filters: contactListFiltersSchema,
});
export type CreateContactListRequest = z.infer<typeof createContactListRequestSchema>;

export const updateContactListRequestSchema = z.object({
  name: listNameSchema,
});
export type UpdateContactListRequest = z.infer<typeof updateContactListRequestSchema>;

function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.int(),
    limit: z.int(),
    offset: z.int(),
    hasMore: z.boolean(),
  });
}

export const contactListsResponseSchema = pageOf(contactListSchema);
export type ContactListsResponse = z.infer<typeof contactListsResponseSchema>;

export const contactListContactsResponseSchema = pageOf(contactListItemSchema);
export type ContactListContactsResponse = z.infer<typeof contactListContactsResponseSchema>;

function pageQuery(defaultLimit: number) {
  return z.object({
    limit: z.coerce
      .number({ message: 'limit must be a number' })
      .int({ message: 'limit must be a whole number' })
      .min(1, { message: 'limit must be at least 1' })
      .max(PAGE_LIMIT_MAX, { message: `limit must be at most ${PAGE_LIMIT_MAX}` })
      .default(defaultLimit),
    offset: z.coerce
      .number({ message: 'offset must be a number' })
      .int({ message: 'offset must be a whole number' })
      .min(0, { message: 'offset must be 0 or more' })
      .default(0),
  });
}

/** `GET /v1/contacts/lists` query: limit 1..100 (default 20), offset ≥ 0 (default 0). */
export const listListsQuerySchema = pageQuery(LISTS_LIMIT_DEFAULT);
/** `GET /v1/contacts/lists/{id}/contacts` query: limit 1..100 (default 25), offset ≥ 0. */
export const listContactsQuerySchema = pageQuery(CONTACTS_LIMIT_DEFAULT);
export type PageQuery = z.input<typeof listListsQuerySchema>;

/**
 * Every spec schema by its name in `components.schemas`, for the contract test and for
 * anything that needs to look one up by name.
 */
export const specSchemas = {
  ContactListsResponse: contactListsResponseSchema,
  ContactList: contactListSchema,
  ContactListFilters: contactListFiltersSchema,
  ErrorResponse: errorResponseSchema,
  CreateContactListRequest: createContactListRequestSchema,
  UpdateContactListRequest: updateContactListRequestSchema,
  ContactListContactsResponse: contactListContactsResponseSchema,
  ContactListItem: contactListItemSchema,
} as const;
