import { contactListFiltersSchema, contactListItemSchema, contactListSchema, listNameSchema, PAGE_LIMIT_MAX } from '../model/schemas';
import { z } from '../model/zod';

/**
 * Everything this extension knows about the Saber Platform API's wire format
 * (docs: shared/docs/saber-openapi.json and linkedin-notes.md part 4) lives in `lib/saber`.
 * Paths are relative to the base URL from Settings.
 */
export const SABER_PATHS = {
  lists: 'v1/contacts/lists',
  list: (listId: string) => `v1/contacts/lists/${encodeURIComponent(listId)}`,
  contacts: (listId: string) => `v1/contacts/lists/${encodeURIComponent(listId)}/contacts`,
  connectors: 'v1/connectors',
} as const;

/** Header names Saber reads and sends. */
export const SABER_HEADERS = {
  authorization: 'Authorization',
  idempotencyKey: 'Idempotency-Key',
  retryAfter: 'Retry-After',
  rateLimitLimit: 'X-Ratelimit-Limit',
  rateLimitRemaining: 'X-Ratelimit-Remaining',
  /** Unix seconds at which the window resets. */
  rateLimitReset: 'X-Ratelimit-Reset',
} as const;

/** Sync pages through Saber at the spec's largest page. */
export const SABER_PAGE_SIZE = PAGE_LIMIT_MAX;

/** A list as Saber sends it: the spec's fields only, never the extension's local additions. */
export const remoteListSchema = contactListSchema.pick({
  id: true,
  name: true,
  filters: true,
  contactCount: true,
  createdAt: true,
  updatedAt: true,
});
export type RemoteList = z.infer<typeof remoteListSchema>;

/** A contact as Saber sends it: the spec's `ContactListItem`, without local additions. */
export const remoteItemSchema = contactListItemSchema.omit({ email: true, phone: true });
export type RemoteItem = z.infer<typeof remoteItemSchema>;

function remotePage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.int().min(0),
    limit: z.int(),
    offset: z.int().min(0),
    hasMore: z.boolean(),
  });
}
/** `GET /v1/contacts/lists`. */
export const remoteListsPageSchema = remotePage(remoteListSchema);
export type RemoteListsPage = z.infer<typeof remoteListsPageSchema>;
/** `GET /v1/contacts/lists/{listId}/contacts`. */
export const remoteContactsPageSchema = remotePage(remoteItemSchema);
export type RemoteContactsPage = z.infer<typeof remoteContactsPageSchema>;

/** The Sales Navigator connector's statuses Saber documents. */
export const CONNECTOR_STATUSES = ['connected', 'disconnected', 'needs-authentication', 'ready-to-connect', 'error'] as const;
export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

/** `GET /v1/connectors`. A status this version does not know is kept as text, not rejected. */
export const connectorsResponseSchema = z.object({
  connectors: z.array(z.object({ source: z.string(), status: z.string() })),
});
/** `source` of the Sales Navigator connector in `GET /v1/connectors`. */
export const SALES_NAVIGATOR_SOURCE = 'salesNavigator';

const companyUrlsMessage = 'Saber needs at least one LinkedIn company URL to run its search';

/**
 * `POST /v1/contacts/lists` as Saber accepts it: a name, at least one company URL and at
 * least one of job titles, keywords or countries. Checked before a push is queued so a list
 * Saber would refuse (an address-book export has no filters) fails at once, naming the field.
 */
export const saberCreateRequestSchema = z
  .object({
    name: listNameSchema,
    filters: contactListFiltersSchema.extend({
      companyLinkedInUrls: z.array(z.url(), { message: companyUrlsMessage }).min(1, { message: companyUrlsMessage }),
    }),
  })
  .superRefine((request, ctx) => {
    const { jobTitles, keywords, countries } = request.filters;
    if (!jobTitles?.length && !keywords?.trim() && !countries?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['filters'],
        message: 'Saber needs at least one job title, keyword or country to run its search',
      });
    }
  });
