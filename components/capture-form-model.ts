import { captureRequestSchema, DEFAULT_CAPTURE_SIZE, type CaptureRequestInput } from '../lib/linkedin/capture-request';
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

/** Pasted text as separate values: commas and new lines separate, blanks are dropped. */
export function splitValues(text: string): string[] {
  return text
    .split(/[,\n\r;\t]+/)
    .map((value) => value.trim())
    .filter(Boolean);
}

/** What a tag input does with one typed value: keep it (normalised) or explain why not. */
export type EntryCheck = { value: string } | { error: string };

const companyUrlSchema = captureRequestSchema.shape.filters.shape.companyLinkedInUrls.element;

/** A company URL as the store keeps it (`https://www.linkedin.com/company/<slug>`), or the store's message. */
export function checkCompany(text: string): EntryCheck {
  const parsed = companyUrlSchema.safeParse(text);
  return parsed.success ? { value: parsed.data } : { error: parsed.error.issues[0]?.message ?? 'Not a LinkedIn company URL' };
}

/** A country name or code as its ISO alpha-2 code. */
export function checkCountry(text: string): EntryCheck {
  const code = toCountryCode(text);
  return code ? { value: code } : { error: `“${text.trim()}” is not a country. Type a name such as France or a code such as FR.` };
}

/** A job title, trimmed; at most 200 characters as the store requires. */
export function checkJobTitle(text: string): EntryCheck {
  const parsed = captureRequestSchema.shape.filters.shape.jobTitles.unwrap().element.safeParse(text);
  return parsed.success ? { value: parsed.data } : { error: parsed.error.issues[0]?.message ?? 'Invalid job title' };
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
