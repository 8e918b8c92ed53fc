import {
  COMPANY_SLUG_MAX,
  COMPANY_URL_INPUT_MAX,
  DEFAULT_CAPTURE_SIZE,
  JOB_TITLE_MAX,
  KEYWORDS_MAX,
  LEAD_LIST_ID_MAX,
  MAX_CAPTURE_SIZE,
  MAX_COMPANIES,
  MAX_COUNTRIES,
  MAX_JOB_TITLES,
  NAME_MAX,
  SEARCH_QUERY_MAX,
} from './limits';
import { parseCompanyUrl } from './company-url';
import { countryCodeSchema, listNameSchema } from './schemas';
import { visibleTextSchema } from './text-schema';
import { z } from './zod';

const companyUrlSchema = z
  .string({ message: 'Must be a LinkedIn company URL' })
  .max(COMPANY_URL_INPUT_MAX, { message: `A company URL is at most ${COMPANY_URL_INPUT_MAX.toLocaleString('en-US')} characters` })
  .transform((value, ctx) => {
    const ref = parseCompanyUrl(value);
    if (!ref) {
      ctx.addIssue({
        code: 'custom',
        message: 'Must be a LinkedIn company URL such as https://www.linkedin.com/company/stripe',
      });
      return z.NEVER;
    }
    if (ref.kind === 'slug' && ref.slug.length > COMPANY_SLUG_MAX) {
      ctx.addIssue({ code: 'custom', message: `The company part of the URL must be at most ${COMPANY_SLUG_MAX} characters` });
      return z.NEVER;
    }
    return ref.url;
  });

const jobTitleSchema = visibleTextSchema({ label: 'Job title', max: JOB_TITLE_MAX });

/** A lead list's id as LinkedIn gives it: a number, here as text; letters, `-` and `_` are let through. */
const leadListIdSchema = z
  .string({ message: 'Required' })
  .min(1, { message: 'Required' })
  .max(LEAD_LIST_ID_MAX, { message: `At most ${LEAD_LIST_ID_MAX} characters` })
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'Must be the id of one of your lead lists' });

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
        .max(MAX_COMPANIES, { message: `At most ${MAX_COMPANIES} companies` }),
      jobTitles: z
        .array(jobTitleSchema)
        .max(MAX_JOB_TITLES, { message: `At most ${MAX_JOB_TITLES} job titles` })
        .optional(),
      keywords: visibleTextSchema({ label: 'Keywords', max: KEYWORDS_MAX, allowEmpty: true }).optional(),
      countries: z
        .array(countryCodeSchema)
        .max(MAX_COUNTRIES, { message: `At most ${MAX_COUNTRIES} countries` })
        .optional(),
    }),
    size: z
      .int({ message: 'Must be a whole number' })
      .min(1, { message: 'At least 1 contact' })
      .max(MAX_CAPTURE_SIZE, { message: `At most ${MAX_CAPTURE_SIZE.toLocaleString('en-US')} contacts` })
      .default(DEFAULT_CAPTURE_SIZE),
    /** The Rest.li query of a Sales Navigator search page, replayed as is ("Use this search"). */
    salesNavigatorQuery: z
      .string()
      .max(SEARCH_QUERY_MAX, { message: 'This search has too many filters for LinkedIn; remove some and use it again' })
      .refine(isRestliRecordShape, {
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

/** Rest.li's URL form: unreserved characters, percent-escapes, and its own `( ) , : '`. */
const RESTLI_CHARS = /^[A-Za-z0-9\-_.~%(),:']+$/;

/**
 * Whether `text` has the shape of a Rest.li record: its characters, one balanced `( … )`
 * around the whole. The search is parsed for real (`lib/linkedin/search-query.ts`) before a
 * capture is queued; this check keeps anything else out at every boundary that has only the
 * model to hand (the panel's form, the message protocol).
 */
function isRestliRecordShape(text: string): boolean {
  if (!RESTLI_CHARS.test(text) || !text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')') depth -= 1;
    // The outer record closes at the last character, not before.
    if (depth <= 0 && i < text.length - 1) return false;
  }
  return depth === 0;
}

/** What a capture of a saved lead list is asked to do. */
export const leadListCaptureSchema = z.object({
  leadListId: leadListIdSchema,
  leadListName: visibleTextSchema({ label: 'Lead list name', max: NAME_MAX }),
  name: listNameSchema,
});
export type LeadListCapture = z.output<typeof leadListCaptureSchema>;

export type CaptureRequest = z.output<typeof captureRequestSchema>;
export type CaptureRequestInput = z.input<typeof captureRequestSchema>;
