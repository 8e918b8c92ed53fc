import { captureRequestSchema, type CaptureRequestInput } from '../lib/model/capture-request';
import { DEFAULT_CAPTURE_SIZE } from '../lib/model/limits';
import { ApiError } from '../lib/model/errors';
import type { ErrorDetail } from '../lib/model/schemas';
import { toCountryCode } from '../lib/model/countries';

/** What the New list form holds while someone types. */
export interface CaptureFormState {
  name: string;
  companies: string[];
  jobTitles: string[];
  countries: string[];
  keywords: string;
  /** As typed, so a half-typed number can be shown and corrected. */
  size: string;
  /** Set by "Use this search": the Sales Navigator query replayed as is. */
  salesNavigatorQuery?: string;
}

export const EMPTY_CAPTURE_FORM: CaptureFormState = {
  name: '',
  companies: [],
  jobTitles: [],
  countries: [],
  keywords: '',
  size: String(DEFAULT_CAPTURE_SIZE),
};

/** The inputs of the form an error can point at; `filters` is the group, `form` the whole. */
export type CaptureField = 'name' | 'companies' | 'jobTitles' | 'keywords' | 'countries' | 'size' | 'filters' | 'form';
export type CaptureErrors = Partial<Record<CaptureField, string>>;

const FIELD_BY_PATH: Record<string, CaptureField> = {
  name: 'name',
  'filters.companyLinkedInUrls': 'companies',
  'filters.jobTitles': 'jobTitles',
  'filters.keywords': 'keywords',
  'filters.countries': 'countries',
  filters: 'filters',
  size: 'size',
};

/** `filters.companyLinkedInUrls[1]` → `companies`; the request's fields map to the form's inputs. */
export function fieldOfPath(path: string | undefined): CaptureField {
  const base = (path ?? '').replace(/^payload\.?/, '').replace(/\[\d+\]$/, '');
  return FIELD_BY_PATH[base] ?? 'form';
}

/** The 0-based entry an indexed path points at (`…[1]` → 1). */
function entryIndex(path: string | undefined): number | undefined {
  const match = /\[(\d+)\]$/.exec(path ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * An error's details as one message per input, first one wins. A message about one entry of a
 * tag input names the entry, so people see which chip is wrong.
 */
export function mapErrorDetails(details: readonly ErrorDetail[] | undefined, state?: CaptureFormState): CaptureErrors {
  const errors: CaptureErrors = {};
  for (const detail of details ?? []) {
    const field = fieldOfPath(detail.field);
    if (errors[field]) continue;
    const index = entryIndex(detail.field);
    const entry = index === undefined || !state ? undefined : entryOf(state, field, index);
    const message = detail.message ?? 'Invalid value';
    errors[field] = entry === undefined ? message : `“${entry}”: ${message}`;
  }
  return errors;
}

function entryOf(state: CaptureFormState, field: CaptureField, index: number): string | undefined {
  if (field === 'companies' || field === 'jobTitles' || field === 'countries') return state[field][index];
  return undefined;
}

/** The request the form sends; empty optional filters are left out. */
export function toCaptureRequest(state: CaptureFormState): CaptureRequestInput {
  const keywords = state.keywords.trim();
  const size = state.size.trim();
  return {
    name: state.name,
    filters: {
      companyLinkedInUrls: state.companies,
      ...(state.jobTitles.length ? { jobTitles: state.jobTitles } : {}),
      ...(keywords ? { keywords } : {}),
      ...(state.countries.length ? { countries: state.countries } : {}),
    },
    size: size === '' ? Number.NaN : Number(size),
    ...(state.salesNavigatorQuery ? { salesNavigatorQuery: state.salesNavigatorQuery } : {}),
  };
}

let filterRuleMessage: string | undefined;

/**
 * The store's message for "no filter at all". The schema checks that rule only once every
 * other field is valid; the form shows it beside the other errors, with the store's words.
 */
function noFilterMessage(): string {
  filterRuleMessage ??= captureRequestSchema
    .safeParse({ name: 'probe', filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/probe'] } })
    .error?.issues.find((issue) => issue.path.join('.') === 'filters')?.message;
  return filterRuleMessage ?? 'Add at least one filter';
}

/** Every problem of the form, by input, with the same rules and messages as the store. */
export function validateCaptureForm(state: CaptureFormState): CaptureErrors {
  const request = toCaptureRequest(state);
  const parsed = captureRequestSchema.safeParse(request);
  const errors = parsed.success ? {} : mapErrorDetails(ApiError.fromZod(parsed.error).details, state);
  const { jobTitles, keywords, countries } = request.filters;
  if (!errors.filters && !jobTitles?.length && !keywords && !countries?.length) errors.filters = noFilterMessage();
  return errors;
}

/** What a tag input does with one typed value: keep it (normalised) or explain why not. */
export type EntryCheck = { value: string } | { error: string };

const companyUrlSchema = captureRequestSchema.shape.filters.shape.companyLinkedInUrls.element;

/** A company URL as the store keeps it (`https://www.linkedin.com/company/<slug>`), or the store's message. */
export function checkCompany(text: string): EntryCheck {
  // No company address has a comma or semicolon in it (slugs are letters, digits and hyphens),
  // yet the parser would read "…/company/a/,…/company/b" as company a with a longer path and
  // drop b; such text is two entries, not one. It is refused as no URL at all is, so the
  // message stays the store's.
  const parsed = companyUrlSchema.safeParse(/[,;]/.test(text) ? '' : text);
  return parsed.success ? { value: parsed.data } : { error: parsed.error.issues[0]?.message ?? 'Not a LinkedIn company URL' };
}

/** A country name or code as its ISO alpha-2 code. */
export function checkCountry(text: string): EntryCheck {
  const code = toCountryCode(text);
  return code ? { value: code } : { error: `“${text.trim()}” is not a country. Type a name such as France or a code such as FR.` };
}

/**
 * A job title, trimmed; at most 200 characters as the store requires. A comma, semicolon or
 * tab separates titles (the form's rule for every tag input), so text holding one is never a
 * single title: "VP Sales, CRO" is two.
 */
export function checkJobTitle(text: string): EntryCheck {
  if (/[,;\t]/.test(text)) return { error: 'One title at a time: a comma separates titles' };
  const parsed = captureRequestSchema.shape.filters.shape.jobTitles.unwrap().element.safeParse(text);
  return parsed.success ? { value: parsed.data } : { error: parsed.error.issues[0]?.message ?? 'Invalid job title' };
}

/** Any separator: what makes a paste more than one entry. */
export const ENTRY_SEPARATOR = /[,;\t\n\r]/;
/**
 * The most comma-separated pieces one value is looked for in. ISO names have at most two
 * ("Virgin Islands, U.S."); a cap keeps a long pasted line from costing n² checks.
 */
const MAX_PIECES_PER_VALUE = 4;

/**
 * Typed or pasted text as the entries of one tag input; Enter, paste and submit all use this
 * rule. A new line always separates. Within a line a comma (or semicolon, tab) separates only
 * where the text around it is not itself one valid value, as `check` decides: "Virgin
 * Islands, U.S." is one country (not a US chip), while "France, Germany" is two countries
 * and "VP Sales, CRO" two job titles. Where a line is not one value, neighbouring pieces are
 * still taken together when that makes a value one of them is not on its own, so "Virgin
 * Islands, U.S., France" gives two countries. Company URLs and job titles always separate on
 * commas, as `checkCompany` and `checkJobTitle` refuse any text with one. Blanks are dropped.
 */
export function splitEntries(text: string, check: (text: string) => EntryCheck): string[] {
  return text.split(/\r\n|\r|\n/).flatMap((line) => splitLine(line.trim(), check));
}

interface Piece {
  start: number;
  end: number;
  valid: boolean;
}

function splitLine(line: string, check: (text: string) => EntryCheck): string[] {
  if (!line) return [];
  if ('value' in check(line)) return [line];
  const pieces: Piece[] = [...line.matchAll(/[^,;\t]+/g)]
    .filter((match) => match[0].trim())
    .map((match) => ({ start: match.index, end: match.index + match[0].length, valid: 'value' in check(match[0]) }));
  const textOf = (run: readonly Piece[]) => line.slice(run[0]?.start ?? 0, run[run.length - 1]?.end ?? 0).trim();
  const entries: string[] = [];
  // In a line that is not one value, pieces that each are one stay apart: in a 300-character
  // line of titles, "VP Sales" and "CRO" are two.
  const isOneValue = (run: readonly Piece[]) => run.some((piece) => !piece.valid) && 'value' in check(textOf(run));
  while (pieces.length) {
    let size = Math.min(pieces.length, MAX_PIECES_PER_VALUE);
    while (size > 1 && !isOneValue(pieces.slice(0, size))) size--;
    entries.push(textOf(pieces.splice(0, size)));
  }
  return entries;
}

/** A tag input of the form. */
export type TagField = 'companies' | 'jobTitles' | 'countries';
/** What is typed in each tag input but not added yet. */
export type Drafts = Record<TagField, string>;

export const NO_DRAFTS: Drafts = { companies: '', jobTitles: '', countries: '' };

/** How each tag input checks and normalises one entry. */
export const TAG_CHECKS: Record<TagField, (text: string) => EntryCheck> = {
  companies: checkCompany,
  jobTitles: checkJobTitle,
  countries: checkCountry,
};

/** A change typed into the form; only "Use this search" sets the replayed query. */
export type CaptureFormPatch = Partial<Omit<CaptureFormState, 'salesNavigatorQuery'>>;

/** The filters a Sales Navigator search also sets; changing one means the form decides. */
const FILTER_FIELDS = ['companies', 'jobTitles', 'keywords', 'countries'] as const;

/**
 * The form with `patch` applied. When a filter ends up different, the replayed Sales
 * Navigator search is dropped: it would ignore the form's filters, so the list would be saved
 * with filters that were never searched. Every path that changes a filter goes through here.
 */
export function changeForm(state: CaptureFormState, patch: CaptureFormPatch): CaptureFormState {
  const next = { ...state, ...patch };
  if (FILTER_FIELDS.every((field) => sameValue(next[field], state[field]))) return next;
  const { salesNavigatorQuery: _replaced, ...rest } = next;
  return rest;
}

function sameValue(a: string | readonly string[], b: string | readonly string[]): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * Adds what is still typed in the tag inputs, as Enter would, so submit never loses a value.
 * Entries that fail their check stay typed (`remaining`) with the first reason (`errors`).
 */
export function commitDrafts(
  state: CaptureFormState,
  drafts: Drafts,
): { next: CaptureFormState; errors: CaptureErrors; remaining: Drafts } {
  const added: Pick<CaptureFormState, TagField> = { companies: state.companies, jobTitles: state.jobTitles, countries: state.countries };
  const errors: CaptureErrors = {};
  const remaining = { ...NO_DRAFTS };
  for (const field of Object.keys(TAG_CHECKS) as TagField[]) {
    const rejected: string[] = [];
    for (const entry of splitEntries(drafts[field], TAG_CHECKS[field])) {
      const checked = TAG_CHECKS[field](entry);
      if ('value' in checked) {
        if (!added[field].includes(checked.value)) added[field] = [...added[field], checked.value];
      } else {
        rejected.push(entry);
        errors[field] ??= checked.error;
      }
    }
    remaining[field] = rejected.join(', ');
  }
  return { next: changeForm(state, added), errors, remaining };
}

/**
 * The form once the active tab shows the company page `tabCompany`: it fills an empty company
 * field, and follows the person from one company page to the next (`prefilled` is the one it
 * put there) until they change the field themselves. The same form when nothing changes.
 */
export function fillTabCompany(state: CaptureFormState, tabCompany: string, prefilled: string | undefined): CaptureFormState {
  const untouched = state.companies.length === 0 || (state.companies.length === 1 && state.companies[0] === prefilled);
  if (!untouched || state.companies[0] === tabCompany) return state;
  return changeForm(state, { companies: [tabCompany] });
}

/** What "Use this search" reads from a Sales Navigator search page. */
export interface SearchPrefill {
  filters: { companyLinkedInUrls: string[]; jobTitles: string[]; keywords?: string; countries: string[] };
  query: string;
}

/** The form filled from a Sales Navigator search; the name and size the person chose stay. */
export function applySearch(state: CaptureFormState, search: SearchPrefill): CaptureFormState {
  const companies = search.filters.companyLinkedInUrls.flatMap((url) => {
    const checked = checkCompany(url);
    return 'value' in checked ? [checked.value] : [];
  });
  const countries = search.filters.countries.flatMap((code) => {
    const checked = checkCountry(code);
    return 'value' in checked ? [checked.value] : [];
  });
  return {
    ...state,
    companies: unique(companies),
    jobTitles: unique(search.filters.jobTitles.map((title) => title.trim()).filter(Boolean)),
    keywords: search.filters.keywords?.trim() ?? '',
    countries: unique(countries),
    salesNavigatorQuery: search.query,
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
