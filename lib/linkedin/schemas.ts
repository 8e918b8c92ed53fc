import { z } from '../model/zod';

/**
 * zod schemas of the LinkedIn responses the extension reads. Only the fields it uses are
 * declared (the rest are dropped); optional fields accept `null` as LinkedIn sends it. A
 * response that does not match is a `linkedin_format_changed` error, never stored.
 */

const text = z.string().nullish();
const count = z.int().min(0).nullish();

const pagingSchema = z.object({
  start: z.int().min(0),
  count: z.int().min(0),
  total: z.int().min(0),
});

const tenureSchema = z.object({ numYears: count, numMonths: count });

export const leadPositionSchema = z.object({
  title: text,
  companyName: text,
  /** `urn:li:fs_salesCompany:1035` */
  companyUrn: text,
  companyUrnResolutionResult: z.object({ entityUrn: text, name: text, industry: text, location: text }).nullish(),
  current: z.boolean().nullish(),
  location: text,
  tenureAtPosition: tenureSchema.nullish(),
  tenureAtCompany: tenureSchema.nullish(),
  startedOn: z.object({ month: z.int().nullish(), year: z.int().nullish() }).nullish(),
});
export type LeadPosition = z.output<typeof leadPositionSchema>;

const artifactSchema = z.object({
  width: z.number().min(0),
  height: z.number().min(0),
  fileIdentifyingUrlPathSegment: z.string(),
});

/** One element of `salesApiLeadSearch`'s `elements[]` (decoration `LeadSearchResult-14`). */
export const leadSchema = z.object({
  /** `urn:li:member:123456789`: the person, stable across searches. */
  objectUrn: z.string().regex(/^urn:li:member:\S+$/, { message: 'Must be a member URN' }),
  /** `urn:li:fs_salesProfile:(ACwAAA…,NAME_SEARCH,abcd)`: the Sales Navigator profile. */
  entityUrn: text,
  firstName: text,
  lastName: text,
  fullName: text,
  geoRegion: text,
  summary: text,
  /** 1 when the lead is one of the user's connections. */
  degree: z.int().nullish(),
  /** A deceased member's profile kept in memory: never a prospect. */
  memorialized: z.boolean().nullish(),
  profilePictureDisplayImage: z.object({ rootUrl: z.string(), artifacts: z.array(artifactSchema) }).nullish(),
  currentPositions: z.array(leadPositionSchema).nullish(),
});
export type Lead = z.output<typeof leadSchema>;

/**
 * A page of a lead search. Each element is checked on its own (`leadSchema`): one malformed
 * lead is left out and counted, never the reason a whole capture fails; a page whose own shape
 * is wrong still fails.
 */
export const leadSearchResponseSchema = z.object({
  elements: z.array(z.unknown()),
  paging: pagingSchema,
});

/** One page of a lead search: the leads in LinkedIn's order, the search's match count, what was left out. */
export interface LeadSearchPage {
  leads: Lead[];
  total: number;
  /** Elements of this page that did not match `leadSchema` (left out). */
  invalid: number;
}

/** `salesApiIdentity?q=findLicensesByCurrentMember`: one element per Sales Navigator licence. */
export const identityResponseSchema = z.object({
  elements: z.array(z.object({ name: text, active: z.boolean().nullish(), revoked: z.boolean().nullish() })),
});

/** `voyager/api/organization/companies?q=universalName`. */
export const companyLookupResponseSchema = z.object({
  elements: z.array(
    z.object({
      /** `urn:li:fs_normalized_company:1035` */
      entityUrn: text,
      name: text,
      trackingInfo: z.object({ objectUrn: text }).nullish(),
    }),
  ),
});

/** `salesApiFacetTypeahead`. */
export const typeaheadResponseSchema = z.object({
  elements: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      displayValue: z.string(),
    }),
  ),
});

/** `salesApiLists?q=listType&listType=LEAD`. */
export const leadListsResponseSchema = z.object({
  elements: z.array(
    z.object({
      id: z.union([z.string().min(1), z.int()]).transform(String),
      name: z.string(),
      entityCount: count,
      /** Epoch milliseconds. */
      lastModifiedAt: z.number().nullish(),
      listSource: text,
    }),
  ),
  paging: pagingSchema.nullish(),
});
