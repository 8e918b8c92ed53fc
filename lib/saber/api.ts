import { MAX_POSITIONS, MAX_SENIORITIES, NAME_MAX, SCRAPED_TEXT_MAX } from '../model/limits';
import {
  contactListFiltersSchema,
  contactListItemSchema,
  contactListSchema,
  listNameSchema,
  PAGE_LIMIT_MAX,
  positionSchema,
} from '../model/schemas';
import { cleanScrapedName, cleanScrapedText } from '../model/text';
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

/**
 * A list as Saber sends it: the spec's fields only, never the extension's local additions. Its
 * name is made a valid list name by the lenient text rule (cut to 200, `Saber list <id>` when
 * nothing visible is left), never refused: one odd name must not fail a pull, nor make the
 * list look deleted on Saber. The rule leaves a clean name as it is, so a name read again
 * (staged pages, Saber's answer to a rename) reads the same.
 */
export const remoteListSchema = contactListSchema
  .pick({
    id: true,
    name: true,
    filters: true,
    contactCount: true,
    createdAt: true,
    updatedAt: true,
  })
  .transform((list) => ({ ...list, name: cleanScrapedName(list.name, `Saber list ${list.id}`, NAME_MAX) }));
export type RemoteList = z.output<typeof remoteListSchema>;

/** Optional text Saber sends, under the lenient text rule: cut to `max`, left out when nothing visible remains. */
function scraped(max: number) {
  return z
    .string()
    .optional()
    .transform((text) => cleanScrapedText(text, max));
}

const remotePositionSchema = positionSchema
  .extend({
    title: scraped(SCRAPED_TEXT_MAX.title),
    companyName: scraped(SCRAPED_TEXT_MAX.companyName),
    location: scraped(SCRAPED_TEXT_MAX.location),
  })
  .transform(definedOnly);

/**
 * A contact as Saber sends it: the spec's `ContactListItem`, without local additions. Its text
 * is taken under the lenient text rule (`cleanScrapedText`), at most `MAX_POSITIONS` positions
 * and `MAX_SENIORITIES` seniorities; a field left with nothing visible is left out.
 */
export const remoteItemSchema = contactListItemSchema
  .omit({ email: true, phone: true })
  .extend({
    firstName: scraped(SCRAPED_TEXT_MAX.personName),
    lastName: scraped(SCRAPED_TEXT_MAX.personName),
    fullName: scraped(SCRAPED_TEXT_MAX.personName),
    headline: scraped(SCRAPED_TEXT_MAX.headline),
    role: scraped(SCRAPED_TEXT_MAX.title),
    companyName: scraped(SCRAPED_TEXT_MAX.companyName),
    location: scraped(SCRAPED_TEXT_MAX.location),
    seniority: z
      .array(z.string())
      .optional()
      .transform((labels) => {
        const kept = labels?.flatMap((label) => cleanScrapedText(label, SCRAPED_TEXT_MAX.seniority) ?? []).slice(0, MAX_SENIORITIES);
        return kept?.length ? kept : undefined;
      }),
    positions: z
      .array(remotePositionSchema)
      .optional()
      .transform((positions) => positions?.slice(0, MAX_POSITIONS)),
  })
  .transform(definedOnly);
export type RemoteItem = z.output<typeof remoteItemSchema>;

/** The object without its `undefined` properties: a stored contact carries only what is known. */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

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
