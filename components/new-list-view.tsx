import { useState, type FormEvent } from 'react';
import { MAX_CAPTURE_SIZE } from '../lib/model/limits';
import { getCountryName, listCountries } from '../lib/model/countries';
import { ApiError, type SerializedApiError } from '../lib/model/errors';
import { useAnnounce } from './announcer';
import {
  applySearch,
  changeForm,
  commitDrafts,
  EMPTY_CAPTURE_FORM,
  fillTabCompany,
  mapErrorDetails,
  NO_DRAFTS,
  TAG_CHECKS,
  toCaptureRequest,
  validateCaptureForm,
  type CaptureErrors,
  type CaptureField,
  type CaptureFormPatch,
  type CaptureFormState,
  type Drafts,
  type TagField,
} from './capture-form-model';
import { ErrorNotice } from './error-notice';
import { formatNumber } from './locale-format';
import { LeadListsSection } from './lead-lists-section';
import { NetworkSection } from './network-section';
import { useServices } from './panel-services';
import { TagInput } from './tag-input';
import { TextField } from './text-field';
import { useLinkedInTab } from './use-linkedin-tab';
import { ViewHeading } from './view-heading';

const FIELD_ORDER: CaptureField[] = ['name', 'companies', 'jobTitles', 'keywords', 'countries', 'size', 'filters'];
const INPUT_OF: Record<CaptureField, string> = {
  name: 'capture-name',
  companies: 'capture-companies',
  jobTitles: 'capture-titles',
  keywords: 'capture-keywords',
  countries: 'capture-countries',
  size: 'capture-size',
  filters: 'capture-titles',
  form: 'capture-submit',
};

let countryOptions: { code: string; name: string }[] | undefined;

function showCompany(url: string): string {
  return url.replace(/^https:\/\/www\./, '');
}

/** The New list view: the capture form, "Use this search" and the saved lead lists. */
export function NewListView() {
  const { send } = useServices();
  const announce = useAnnounce();
  const [form, setForm] = useState<CaptureFormState>(EMPTY_CAPTURE_FORM);
  const [drafts, setDrafts] = useState<Drafts>(NO_DRAFTS);
  const [touched, setTouched] = useState<ReadonlySet<CaptureField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<CaptureErrors>({});
  const [draftErrors, setDraftErrors] = useState<CaptureErrors>({});
  const [failure, setFailure] = useState<SerializedApiError>();
  const [busy, setBusy] = useState(false);
  const countries = (countryOptions ??= listCountries());

  const { companyUrl: tabCompany, search: tabSearch } = useLinkedInTab();
  // The company the form last took from the tab, and the tab company this render has seen.
  const [prefilled, setPrefilled] = useState<string>();
  const [seenTabCompany, setSeenTabCompany] = useState<string>();

  // The company of the page beside the panel fills an empty company field, and follows the
  // person to another company page until they change the field themselves. Adjusted while
  // rendering, as React advises for state that follows a changed value, not in an effect.
  if (tabCompany !== seenTabCompany) {
    setSeenTabCompany(tabCompany);
    const next = tabCompany ? fillTabCompany(form, tabCompany, prefilled) : form;
    if (next !== form) {
      setForm(next);
      setPrefilled(tabCompany);
    }
  }

  const liveErrors = validateCaptureForm(form);
  const errorFor = (field: CaptureField): string | undefined =>
    draftErrors[field] ?? serverErrors[field] ?? (submitted || touched.has(field) ? liveErrors[field] : undefined);

  function update(patch: CaptureFormPatch, field: CaptureField) {
    setForm((current) => changeForm(current, patch));
    setServerErrors(({ [field]: _cleared, form: _form, ...rest }) => rest);
    setDraftErrors(({ [field]: _cleared, ...rest }) => rest);
    setFailure(undefined);
  }

  const touch = (field: CaptureField) => setTouched((current) => (current.has(field) ? current : new Set(current).add(field)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { next, errors: pending, remaining } = commitDrafts(form, drafts);
    setForm(next);
    setDrafts(remaining);
    setDraftErrors(pending);
    setSubmitted(true);
    setFailure(undefined);
    const errors = { ...validateCaptureForm(next), ...pending };
    const first = FIELD_ORDER.find((field) => errors[field]);
    if (first) {
      document.getElementById(INPUT_OF[first])?.focus();
      return;
    }
    setBusy(true);
    try {
      await send('capture.start', toCaptureRequest(next));
      announce(`Capture of “${next.name.trim()}” started. Follow it under Jobs.`);
      setForm({ ...EMPTY_CAPTURE_FORM, companies: tabCompany ? [tabCompany] : [] });
      setPrefilled(tabCompany);
      setTouched(new Set());
      setSubmitted(false);
    } catch (thrown) {
      const error = ApiError.from(thrown);
      const byField = error.error === 'validation_error' ? mapErrorDetails(error.details, next) : {};
      const first = FIELD_ORDER.find((field) => byField[field]);
      if (first) {
        setServerErrors(byField);
        document.getElementById(INPUT_OF[first])?.focus();
      } else {
        setFailure(error.toJSON());
      }
    } finally {
      setBusy(false);
    }
  }

  function applyTabSearch() {
    if (!tabSearch) return;
    setForm((current) => applySearch(current, tabSearch));
    setDrafts(NO_DRAFTS);
    setServerErrors({});
    setDraftErrors({});
    announce('Filled in from your Sales Navigator search.');
  }

  const filtersError = errorFor('filters');
  const tagProps = (field: TagField) => ({
    values: form[field],
    onChange: (values: string[]) => update({ [field]: values }, field),
    draft: drafts[field],
    onDraftChange: (draft: string) => {
      setDrafts((current) => ({ ...current, [field]: draft }));
      setDraftErrors(({ [field]: _cleared, ...rest }) => rest);
    },
    check: TAG_CHECKS[field],
    error: errorFor(field),
  });

  return (
    <div className="view view-form">
      <ViewHeading title="New list" subtitle="Capture the people at a company who match your filters." />

      {tabSearch && (
        <section className="callout" aria-labelledby="search-callout-title">
          <h3 id="search-callout-title" className="callout-title">
            Sales Navigator search on this tab
          </h3>
          <p>Take its companies, job titles, keywords and countries for this list.</p>
          {tabSearch.unmapped.length > 0 && (
            <>
              <p className="muted">Filters the form has no field for are kept when the search is replayed:</p>
              <ul className="unmapped">
                {tabSearch.unmapped.map((filter) => (
                  <li key={filter}>{filter}</li>
                ))}
              </ul>
            </>
          )}
          <button type="button" className="button" onClick={applyTabSearch}>
            Use this search
          </button>
        </section>
      )}

      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-describedby={failure ? 'capture-failure' : undefined}>
        <TextField
          id="capture-name"
          label="List name"
          value={form.name}
          error={errorFor('name')}
          autoComplete="off"
          placeholder="e.g. Revenue leaders at Stripe"
          onChange={(event) => update({ name: event.target.value }, 'name')}
          onBlur={() => touch('name')}
        />

        <TagInput
          id="capture-companies"
          label="Company LinkedIn URLs"
          hint={
            prefilled && form.companies.includes(prefilled)
              ? 'Filled in from the company page you are on. Press Enter after each URL.'
              : 'Paste a company page address, e.g. linkedin.com/company/stripe. Press Enter after each.'
          }
          display={showCompany}
          placeholder="https://www.linkedin.com/company/…"
          {...tagProps('companies')}
        />

        <fieldset className="fieldset" aria-describedby={filtersError ? 'capture-filters-error' : 'capture-filters-hint'}>
          <legend className="fieldset-legend">Filters</legend>
          <p id="capture-filters-hint" className="field-hint">
            At least one: job titles, keywords or countries.
          </p>
          <TagInput
            id="capture-titles"
            label="Job titles"
            hint="Press Enter after each, or paste several separated by commas or new lines."
            placeholder="e.g. VP Sales"
            {...tagProps('jobTitles')}
          />
          <TextField
            id="capture-keywords"
            label="Keywords"
            value={form.keywords}
            error={errorFor('keywords')}
            maxLength={500}
            autoComplete="off"
            placeholder="e.g. revenue operations"
            onChange={(event) => update({ keywords: event.target.value }, 'keywords')}
            onBlur={() => touch('keywords')}
          />
          <TagInput
            id="capture-countries"
            label="Countries"
            hint="An English name or a two-letter code, e.g. France or FR."
            display={getCountryName}
            placeholder="e.g. France or FR"
            suggestions="capture-country-names"
            {...tagProps('countries')}
          />
          <datalist id="capture-country-names">
            {countries.map((country) => (
              <option key={country.code} value={country.name} />
            ))}
          </datalist>
          {filtersError && (
            <p id="capture-filters-error" className="field-error">
              {filtersError}
            </p>
          )}
        </fieldset>

        <TextField
          id="capture-size"
          label="Number of contacts"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_CAPTURE_SIZE}
          step={1}
          value={form.size}
          error={errorFor('size')}
          hint={`Up to ${formatNumber(MAX_CAPTURE_SIZE)}. Every 25 contacts is one LinkedIn page of your daily budget.`}
          className="field-narrow"
          onChange={(event) => update({ size: event.target.value }, 'size')}
          onBlur={() => touch('size')}
        />

        {form.salesNavigatorQuery && (
          <p className="notice notice-info">Capturing replays your Sales Navigator search. Changing a filter here uses the form instead.</p>
        )}
        {failure && <ErrorNotice id="capture-failure" error={failure} />}

        <div className="form-actions form-actions-sticky">
          <button id="capture-submit" type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Starting…' : 'Capture contacts'}
          </button>
        </div>
      </form>

      <LeadListsSection />
      <NetworkSection />
    </div>
  );
}
