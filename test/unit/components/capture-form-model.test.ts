import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applySearch,
  checkCompany,
  checkCountry,
  checkJobTitle,
  EMPTY_CAPTURE_FORM,
  fieldOfPath,
  mapErrorDetails,
  splitValues,
  toCaptureRequest,
  validateCaptureForm,
  type CaptureFormState,
} from '../../../components/capture-form-model';
import { captureRequestSchema } from '../../../lib/linkedin/capture-request';

const VALID: CaptureFormState = {
  ...EMPTY_CAPTURE_FORM,
  name: 'Revenue leaders at Stripe',
  companies: ['https://www.linkedin.com/company/stripe'],
  jobTitles: ['VP Sales'],
};

describe('the capture form', () => {
  it('starts with 125 contacts, as Saber does', () => {
    expect(toCaptureRequest({ ...VALID, size: EMPTY_CAPTURE_FORM.size }).size).toBe(125);
  });

  it('sends only the filters that are set, and the replayed search when there is one', () => {
    expect(toCaptureRequest({ ...VALID, keywords: '  ', size: '50' })).toEqual({
      name: 'Revenue leaders at Stripe',
      filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'], jobTitles: ['VP Sales'] },
      size: 50,
    });
    expect(toCaptureRequest({ ...VALID, keywords: ' ops ', countries: ['FR'], salesNavigatorQuery: '(keywords:ops)' })).toMatchObject({
      filters: { keywords: 'ops', countries: ['FR'] },
      salesNavigatorQuery: '(keywords:ops)',
    });
  });

  it('finds nothing wrong with a valid form, which the store then accepts', () => {
    expect(validateCaptureForm(VALID)).toEqual({});
    expect(captureRequestSchema.safeParse(toCaptureRequest(VALID)).success).toBe(true);
  });

  it('names every problem of an empty form at once, in the store’s words', () => {
    expect(validateCaptureForm(EMPTY_CAPTURE_FORM)).toEqual({
      name: 'Name must not be empty',
      companies: 'Add at least one LinkedIn company URL',
      filters: 'Add at least one job title, keyword or country',
    });
  });

  it('checks the name and the number of contacts with the store’s bounds', () => {
    expect(validateCaptureForm({ ...VALID, name: 'x'.repeat(201) }).name).toBe('Name must be at most 200 characters');
    expect(validateCaptureForm({ ...VALID, name: 'x'.repeat(200) }).name).toBeUndefined();
    expect(validateCaptureForm({ ...VALID, size: '2501' }).size).toBe('At most 2,500 contacts');
    expect(validateCaptureForm({ ...VALID, size: '0' }).size).toBe('At least 1 contact');
    expect(validateCaptureForm({ ...VALID, size: '' }).size).toBe('Must be a whole number');
    expect(validateCaptureForm({ ...VALID, size: '12.5' }).size).toBe('Must be a whole number');
    expect(validateCaptureForm({ ...VALID, size: '2500' })).toEqual({});
  });

  it('takes a keyword or a country as the one filter', () => {
    expect(validateCaptureForm({ ...VALID, jobTitles: [], keywords: 'payments' })).toEqual({});
    expect(validateCaptureForm({ ...VALID, jobTitles: [], countries: ['DE'] })).toEqual({});
  });
});

describe('error details', () => {
  it('map request paths to the inputs', () => {
    expect(fieldOfPath('name')).toBe('name');
    expect(fieldOfPath('payload.name')).toBe('name');
    expect(fieldOfPath('filters.companyLinkedInUrls')).toBe('companies');
    expect(fieldOfPath('payload.filters.companyLinkedInUrls[3]')).toBe('companies');
    expect(fieldOfPath('filters.jobTitles[0]')).toBe('jobTitles');
    expect(fieldOfPath('filters.keywords')).toBe('keywords');
    expect(fieldOfPath('filters.countries[1]')).toBe('countries');
    expect(fieldOfPath('filters')).toBe('filters');
    expect(fieldOfPath('size')).toBe('size');
    expect(fieldOfPath('salesNavigatorQuery')).toBe('form');
    expect(fieldOfPath(undefined)).toBe('form');
  });

  it('name the entry a message is about, and keep the first message per input', () => {
    const state = { ...VALID, companies: ['https://www.linkedin.com/company/a', 'https://www.linkedin.com/company/b'] };
    expect(
      mapErrorDetails(
        [
          { field: 'payload.filters.companyLinkedInUrls[1]', message: 'No such company on LinkedIn' },
          { field: 'payload.filters.companyLinkedInUrls[0]', message: 'Second message' },
          { field: 'payload.name', message: 'Taken' },
          { message: 'Something else' },
        ],
        state,
      ),
    ).toEqual({
      companies: '“https://www.linkedin.com/company/b”: No such company on LinkedIn',
      name: 'Taken',
      form: 'Something else',
    });
  });
});

describe('entries of the tag inputs', () => {
  it('split pasted text on commas and new lines, dropping blanks', () => {
    expect(splitValues('a, b\nc\r\n\n, ,d;e\tf')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(splitValues('   ')).toEqual([]);
  });

  it('give back every value pasted as a list, whichever separator', () => {
    const value = fc.string({ minLength: 1, maxLength: 20 }).filter((text) => !/[,\n\r;\t]/.test(text) && text.trim() === text && text !== '');
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 8 }), fc.constantFrom(', ', '\n', ',', '\r\n'), (values, separator) => {
        expect(splitValues(values.join(separator))).toEqual(values);
      }),
    );
  });

  it('keep company URLs in the store’s canonical form, or say why not', () => {
    expect(checkCompany('linkedin.com/company/stripe/about/')).toEqual({ value: 'https://www.linkedin.com/company/stripe' });
    expect(checkCompany('https://www.linkedin.com/sales/company/1035')).toEqual({ value: 'https://www.linkedin.com/company/1035' });
    expect(checkCompany('stripe.com')).toEqual({
      error: 'Must be a LinkedIn company URL such as https://www.linkedin.com/company/stripe',
    });
  });

  it('read countries by code or English name', () => {
    expect(checkCountry('fr')).toEqual({ value: 'FR' });
    expect(checkCountry('United Kingdom')).toEqual({ value: 'GB' });
    expect(checkCountry(' germany ')).toEqual({ value: 'DE' });
    expect(checkCountry('Atlantis')).toEqual({ error: '“Atlantis” is not a country. Type a name such as France or a code such as FR.' });
  });

  it('trim job titles and hold them to 200 characters', () => {
    expect(checkJobTitle('  VP Sales ')).toEqual({ value: 'VP Sales' });
    expect(checkJobTitle('x'.repeat(201))).toHaveProperty('error');
  });
});

describe('"Use this search"', () => {
  it('fills the filters from the search and keeps the name and size chosen', () => {
    const filled = applySearch(
      { ...EMPTY_CAPTURE_FORM, name: 'Mine', size: '300', jobTitles: ['Old title'] },
      {
        filters: {
          companyLinkedInUrls: ['https://www.linkedin.com/company/1035', 'https://www.linkedin.com/company/1035', 'not a url'],
          jobTitles: [' VP Sales ', 'VP Sales', ''],
          keywords: ' revenue ops ',
          countries: ['FR', 'XX'],
        },
        query: '(keywords:revenue%20ops)',
      },
    );
    expect(filled).toEqual({
      name: 'Mine',
      size: '300',
      companies: ['https://www.linkedin.com/company/1035'],
      jobTitles: ['VP Sales'],
      keywords: 'revenue ops',
      countries: ['FR'],
      salesNavigatorQuery: '(keywords:revenue%20ops)',
    });
  });
});
