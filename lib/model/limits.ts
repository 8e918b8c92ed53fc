/**
 * Every count and length limit of the extension, in one place (docs/architecture.md, "Text and
 * limits", says why each is what it is). What a person types over a limit is refused, naming
 * the field; what LinkedIn or Saber sends over a length limit is cut at a character boundary
 * with "…" (`cleanScrapedText` in `text.ts`); over a count limit, the rest is left out.
 * Lengths count code points, as zod's `max` and the spec's `maxLength` do (an emoji with a skin
 * tone is 2, a woman technologist with one 4).
 */

/** Saber's default capture: 5 pages of 25. */
export const DEFAULT_CAPTURE_SIZE = 125;
/** LinkedIn answers no result past the 2,500th. */
export const MAX_CAPTURE_SIZE = 2500;

/** A list's name: the spec's `maxLength` for `name`. */
export const NAME_MAX = 200;

/** Company URLs of one capture: each is a lookup, paced like a search page. */
export const MAX_COMPANIES = 50;
/** Job titles of one capture. */
export const MAX_JOB_TITLES = 50;
/** Countries of one capture: each may be a lookup. */
export const MAX_COUNTRIES = 50;
/** One job title as a filter. */
export const JOB_TITLE_MAX = 200;
/** The keywords of a capture. */
export const KEYWORDS_MAX = 500;
/** A company URL as typed or pasted, before it is read. */
export const COMPANY_URL_INPUT_MAX = 2048;
/** The company part of `linkedin.com/company/<slug>`, decoded. */
export const COMPANY_SLUG_MAX = 100;
/** A saved lead list's id (LinkedIn's are numbers of about 19 digits). */
export const LEAD_LIST_ID_MAX = 100;
/** A local list, job or other record id in a message. */
export const RECORD_ID_MAX = 100;

/**
 * The Rest.li lead-search query as sent in the URL (percent-escaped): a search past it is
 * refused before anything is sent. It is far above what Sales Navigator's own pages build and
 * below the 8 KiB request line that common front-end servers accept.
 */
export const SEARCH_QUERY_MAX = 8000;

/** Text LinkedIn or Saber send, cut to these lengths (LinkedIn's own limits are lower). */
export const SCRAPED_TEXT_MAX = {
  /** First, last and full names. */
  personName: 200,
  /** A headline, or a lead's summary standing in for one (LinkedIn's headline limit is 220). */
  headline: 300,
  /** A job title (role, position title). */
  title: 200,
  companyName: 200,
  location: 200,
  /** One seniority label. */
  seniority: 50,
} as const;

/** Positions kept per contact; LinkedIn lists a handful of current ones. */
export const MAX_POSITIONS = 20;
/** Seniority labels kept per contact. */
export const MAX_SENIORITIES = 10;
