import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applySearch,
  changeForm,
  checkCompany,
  checkCountry,
  checkJobTitle,
  commitDrafts,
  EMPTY_CAPTURE_FORM,
  fieldOfPath,
  fillTabCompany,
  mapErrorDetails,
  NO_DRAFTS,
  splitEntries,
  TAG_CHECKS,
  toCaptureRequest,
  validateCaptureForm,
  type CaptureFormState,
} from '../../../components/capture-form-model';
import { captureRequestSchema } from '../../../lib/model/capture-request';
import { listCountries } from '../../../lib/model/countries';

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
  it.each([
    ['France, Germany', ['France', 'Germany']],
    ['Virgin Islands, U.S.', ['Virgin Islands, U.S.']],
    ['Moldova, Republic of', ['Moldova, Republic of']],
    ['Taiwan, Province of China', ['Taiwan, Province of China']],
    ['Bonaire, Sint Eustatius and Saba', ['Bonaire, Sint Eustatius and Saba']],
    ['Korea, Republic of', ['Korea, Republic of']],
    ['Virgin Islands, U.S., France', ['Virgin Islands, U.S.', 'France']],
    ['FR; Virgin Islands, British, US', ['FR', 'Virgin Islands, British', 'US']],
    ['France, Moldova, Republic of', ['France', 'Moldova, Republic of']],
    ['Virgin Islands\nU.S.', ['Virgin Islands', 'U.S.']],
    ['Narnia, Atlantis', ['Narnia', 'Atlantis']],
    [' de ,, ,\r\n\n jp\t', ['de', 'jp']],
    ['   ', []],
  ])('separate countries: %j → %j', (text, entries) => {
    expect(splitEntries(text, checkCountry)).toEqual(entries);
  });

  it.each([
    ['VP Sales, CRO', ['VP Sales', 'CRO']],
    ['Director; Revenue Operations\nHead of Sales', ['Director', 'Revenue Operations', 'Head of Sales']],
    [`${'x'.repeat(150)}, ${'y'.repeat(150)}`, ['x'.repeat(150), 'y'.repeat(150)]],
  ])('separate job titles at every comma, semicolon, tab and new line: %j', (text, entries) => {
    expect(splitEntries(text, checkJobTitle)).toEqual(entries);
  });

  it.each([
    [
      'https://www.linkedin.com/company/stripe/, linkedin.com/company/1035',
      ['https://www.linkedin.com/company/stripe/', 'linkedin.com/company/1035'],
    ],
    // Without the space the URL parser alone would read one company with a longer path.
    ['linkedin.com/company/stripe/,linkedin.com/company/1035', ['linkedin.com/company/stripe/', 'linkedin.com/company/1035']],
    ['linkedin.com/company/stripe;linkedin.com/company/1035', ['linkedin.com/company/stripe', 'linkedin.com/company/1035']],
  ])('separate company URLs on every comma: %j', (text, entries) => {
    expect(splitEntries(text, checkCompany)).toEqual(entries);
  });

  it('give back every country of a list, by name or code, whichever separator', () => {
    const country = fc
      .constantFrom(...listCountries())
      .chain(({ code, name }) => fc.constantFrom({ code, text: name }, { code, text: code }));
    fc.assert(
      fc.property(
        fc.uniqueArray(country, { minLength: 1, maxLength: 6, selector: (picked) => picked.code }),
        fc.constantFrom(', ', ',', '; ', '\n', '\r\n', '\t'),
        (picked, separator) => {
          const entries = splitEntries(picked.map((entry) => entry.text).join(separator), checkCountry);
          expect(entries.map(checkCountry)).toEqual(picked.map((entry) => ({ value: entry.code })));
        },
      ),
    );
  });

  it('give back every company URL of a list, whichever separator', () => {
    const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/);
    fc.assert(
      fc.property(
        fc.array(slug, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(', ', ',', ';', '\n', '\r\n', '\t'),
        (slugs, separator) => {
          const urls = slugs.map((name) => `https://www.linkedin.com/company/${name}`);
          expect(splitEntries(urls.join(separator), checkCompany)).toEqual(urls);
        },
      ),
    );
  });

  it('take each entry they give as one entry again, so Enter, paste and submit agree', () => {
    const text = fc.string({
      maxLength: 60,
      unit: fc.constantFrom('a', 'b', 'U', '.', ' ', ',', ';', '\t', '\n', 'S', 'fr', 'Moldova', 'Republic of'),
    });
    fc.assert(
      fc.property(text, fc.constantFrom(...Object.values(TAG_CHECKS)), (typed, check) => {
        for (const entry of splitEntries(typed, check)) expect(splitEntries(entry, check)).toEqual([entry]);
      }),
    );
  });

  it('keep a job title without a separator in it as one title, as Enter does', () => {
    const title = fc.string({ minLength: 1, maxLength: 200 }).filter((typed) => !/[\n\r,;\t]/.test(typed) && typed.trim() !== '');
    fc.assert(
      fc.property(title, (typed) => {
        expect(splitEntries(typed, checkJobTitle)).toEqual([typed.trim()]);
      }),
    );
  });

  it('keep company URLs in the store’s canonical form, or say why not', () => {
    expect(checkCompany('linkedin.com/company/stripe/about/')).toEqual({ value: 'https://www.linkedin.com/company/stripe' });
    expect(checkCompany('https://www.linkedin.com/sales/company/1035')).toEqual({ value: 'https://www.linkedin.com/company/1035' });
    expect(checkCompany('stripe.com')).toEqual({
      error: 'Must be a LinkedIn company URL such as https://www.linkedin.com/company/stripe',
    });
    expect(checkCompany('linkedin.com/company/stripe,linkedin.com/company/1035')).toEqual({
      error: 'Must be a LinkedIn company URL such as https://www.linkedin.com/company/stripe',
    });
  });

  it('read countries by code or English name', () => {
    expect(checkCountry('fr')).toEqual({ value: 'FR' });
    expect(checkCountry('United Kingdom')).toEqual({ value: 'GB' });
    expect(checkCountry(' germany ')).toEqual({ value: 'DE' });
    expect(checkCountry('Virgin Islands, U.S.')).toEqual({ value: 'VI' });
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

describe('changing a filter after "Use this search"', () => {
  const REPLAYING: CaptureFormState = { ...VALID, keywords: 'payments', countries: ['US'], salesNavigatorQuery: '(keywords:payments)' };

  it('drops the replayed search whichever filter changes', () => {
    for (const patch of [
      { companies: ['https://www.linkedin.com/company/1035'] },
      { jobTitles: ['VP Sales', 'CRO'] },
      { jobTitles: [] },
      { keywords: 'payments ops' },
      { countries: ['US', 'FR'] },
    ]) {
      expect(changeForm(REPLAYING, patch)).not.toHaveProperty('salesNavigatorQuery');
      expect(changeForm(REPLAYING, patch)).toMatchObject(patch);
    }
  });

  it('keeps it when only the name or size changes, or a filter is set to what it was', () => {
    expect(changeForm(REPLAYING, { name: 'Other', size: '50' }).salesNavigatorQuery).toBe('(keywords:payments)');
    expect(changeForm(REPLAYING, { countries: ['US'], keywords: 'payments' }).salesNavigatorQuery).toBe('(keywords:payments)');
  });

  it('drops it when submit adds a value still typed in a tag input, and keeps it when nothing was typed', () => {
    const committed = commitDrafts(REPLAYING, { ...NO_DRAFTS, jobTitles: 'CRO' });
    expect(committed.next.jobTitles).toEqual(['VP Sales', 'CRO']);
    expect(committed.next).not.toHaveProperty('salesNavigatorQuery');
    expect(toCaptureRequest(committed.next)).not.toHaveProperty('salesNavigatorQuery');
    expect(commitDrafts(REPLAYING, NO_DRAFTS).next.salesNavigatorQuery).toBe('(keywords:payments)');
    expect(commitDrafts(REPLAYING, { ...NO_DRAFTS, countries: 'united states' }).next.salesNavigatorQuery).toBe('(keywords:payments)');
  });

  it('keeps what submit could not add typed, with the first reason', () => {
    const committed = commitDrafts(REPLAYING, {
      ...NO_DRAFTS,
      countries: 'Narnia, Virgin Islands, U.S., Atlantis',
      companies: 'stripe.com',
    });
    expect(committed.next.countries).toEqual(['US', 'VI']);
    expect(committed.remaining).toEqual({ ...NO_DRAFTS, countries: 'Narnia, Atlantis', companies: 'stripe.com' });
    expect(committed.errors.countries).toBe('“Narnia” is not a country. Type a name such as France or a code such as FR.');
    expect(committed.errors.companies).toBe('Must be a LinkedIn company URL such as https://www.linkedin.com/company/stripe');
  });

  it('drops it when the company page beside the panel fills the company field', () => {
    const fromSearch = { ...REPLAYING, companies: [] };
    const filled = fillTabCompany(fromSearch, 'https://www.linkedin.com/company/stripe', undefined);
    expect(filled.companies).toEqual(['https://www.linkedin.com/company/stripe']);
    expect(filled).not.toHaveProperty('salesNavigatorQuery');
  });

  it('fills the company field only while the person has not changed it', () => {
    const stripe = 'https://www.linkedin.com/company/stripe';
    const monzo = 'https://www.linkedin.com/company/monzo';
    expect(fillTabCompany({ ...VALID, companies: [stripe] }, monzo, stripe).companies).toEqual([monzo]);
    const chosen = { ...REPLAYING, companies: [stripe] };
    expect(fillTabCompany(chosen, monzo, undefined)).toBe(chosen);
    const same = { ...REPLAYING, companies: [stripe] };
    expect(fillTabCompany(same, stripe, stripe)).toBe(same);
  });
});
