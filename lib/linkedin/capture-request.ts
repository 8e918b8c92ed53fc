import { countryCodeSchema, listNameSchema } from '../model/schemas';
import { z } from '../model/zod';
import { parseCompanyUrl } from './company-url';
import { RestliSyntaxError } from './restli';
import { parseLeadSearchQuery } from './search-query';

/** Saber's default capture: 5 pages of 25. */
export const DEFAULT_CAPTURE_SIZE = 125;
/** LinkedIn answers no result past the 2,500th. */
export const MAX_CAPTURE_SIZE = 2500;

const companyUrlSchema = z.string().transform((value, ctx) => {
  const ref = parseCompanyUrl(value);
  if (!ref) {
    ctx.addIssue({
      code: 'custom',
      message: 'Must be a LinkedIn company URL such as https://www.linkedin.com/company/stripe',
    });
    return z.NEVER;
  }
  return ref.url;
});

const trimmedList = z.array(
  z.string().trim().min(1, { message: 'Must not be empty' }).max(200, { message: 'At most 200 characters' }),
);

/**
 * A request to create a list from a live Sales Navigator search, with Saber's rules for
 * `POST /v1/contacts/lists`: at least one company URL, and at least one of job titles,
 * keywords or countries. The side panel's form validates with the same schema.
 */
export const captureRequestSchema = z
  .object({
    name: listNameSchema,
    filters: z.object({
      companyLinkedInUrls: z
        .array(companyUrlSchema)
        .min(1, { message: 'Add at least one LinkedIn company URL' })
        .max(50, { message: 'At most 50 companies' }),
      jobTitles: trimmedList.optional(),
      keywords: z.string().trim().max(500).optional(),
      countries: z.array(countryCodeSchema).optional(),
    }),
    size: z
      .int({ message: 'Must be a whole number' })
      .min(1, { message: 'At least 1 contact' })
      .max(MAX_CAPTURE_SIZE, { message: `At most ${MAX_CAPTURE_SIZE.toLocaleString('en-US')} contacts` })
      .default(DEFAULT_CAPTURE_SIZE),
    /** The Rest.li query of a Sales Navigator search page, replayed as is ("Use this search"). */
    salesNavigatorQuery: z
      .string()
      .max(20_000)
      .refine(isLeadSearchQuery, {
        message: 'Must be the search of a Sales Navigator page; open the search again and use it from there',
      })
      .optional(),
  })
  .superRefine((request, ctx) => {
    const { jobTitles, keywords, countries } = request.filters;
    if (!jobTitles?.length && !keywords && !countries?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['filters'],
        message: 'Add at least one job title, keyword or country',
      });
    }
  });
function isLeadSearchQuery(text: string): boolean {
  try {
    parseLeadSearchQuery(text);
    return true;
  } catch (error) {
    if (error instanceof RestliSyntaxError) return false;
    throw error;
  }
}

export type CaptureRequest = z.output<typeof captureRequestSchema>;
export type CaptureRequestInput = z.input<typeof captureRequestSchema>;
