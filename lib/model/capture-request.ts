import { DEFAULT_CAPTURE_SIZE, MAX_CAPTURE_SIZE } from './capture-limits';
import { parseCompanyUrl } from './company-url';
import { countryCodeSchema, listNameSchema } from './schemas';
import { z } from './zod';

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

const trimmedList = z.array(z.string().trim().min(1, { message: 'Must not be empty' }).max(200, { message: 'At most 200 characters' }));

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
  leadListId: z.string().min(1, { message: 'Required' }),
  leadListName: z.string(),
  name: listNameSchema,
});
export type LeadListCapture = z.output<typeof leadListCaptureSchema>;

export type CaptureRequest = z.output<typeof captureRequestSchema>;
export type CaptureRequestInput = z.input<typeof captureRequestSchema>;
