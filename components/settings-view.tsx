import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { readStoredLinkedInStatus } from '../lib/db/linkedin-status';
import { readOutboxBlock } from '../lib/db/outbox-block';
import { loadSettings } from '../lib/db/settings-store';
import { ApiError, type SerializedApiError } from '../lib/model/errors';
import { createSettingsSchema, DEFAULT_SABER_BASE_URL, needsHostPermission, originPatternFor } from '../lib/model/settings';
import { useAnnounce } from './announcer';
import { ErrorNotice } from './error-notice';
import { describeConnector, describeError } from './outcome-text';
import { LinkedInPauseNotice } from './linkedin-pause-notice';
import { formatNumber } from './locale-format';
import { useServices } from './panel-services';
import {
  KEY_REMOVED_WARNING,
  keyWillBeRemoved,
  mapSettingsErrors,
  SETTINGS_FIELDS,
  toSettingsDraft,
  toSettingsInput,
  validateSettingsDraft,
  type SettingsDraft,
  type SettingsErrors,
  type SettingsField,
} from './settings-form-model';
import { TextField } from './text-field';
import { ViewHeading } from './view-heading';

const inputId = (field: SettingsField) => `settings-${field}`;

/** A masked input with a Show/Hide toggle, for keys and tokens. */
function SecretField(props: {
  field: SettingsField;
  label: string;
  value: string;
  error?: string;
  hint: string;
  onChange: (value: string) => void;
  onBlur: () => void;
}) {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      id={inputId(props.field)}
      label={props.label}
      // A masked text box rather than type=password: it stays a textbox for assistive
      // technology, and Chrome does not offer to save a key as a website password.
      className={visible ? undefined : 'field-secret'}
      value={props.value}
      error={props.error}
      hint={props.hint}
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => props.onChange(event.target.value)}
      onBlur={props.onBlur}
      addon={
        <button
          type="button"
          className="button button-small button-quiet"
          aria-pressed={visible}
          aria-label={`Show ${props.label}`}
          onClick={() => setVisible((shown) => !shown)}
        >
          {visible ? 'Hide' : 'Show'}
        </button>
      }
    />
  );
}

/**
 * Settings: the Saber key and address, the LinkedIn token, capture pacing and the daily page
 * budget. Saved to `chrome.storage.local` only; secrets never leave the inputs except to be stored.
 */
export function SettingsView() {
  const { db, send, settingsArea, settingsRules, clock, requestOrigins } = useServices();
  const settingsSchema = useMemo(() => createSettingsSchema(settingsRules), [settingsRules]);
  const announce = useAnnounce();
  const [saved, setSaved] = useState<SettingsDraft>();
  const [draft, setDraft] = useState<SettingsDraft>();
  const [touched, setTouched] = useState<ReadonlySet<SettingsField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<SettingsErrors>({});
  const [busy, setBusy] = useState<'save' | 'test' | 'pull' | 'retry'>();
  const [failure, setFailure] = useState<SerializedApiError>();
  const [connection, setConnection] = useState<string>();
  const status = useLiveQuery(() => readStoredLinkedInStatus(db, clock()), [db, clock]);
  const outboxBlock = useLiveQuery(() => readOutboxBlock(db), [db]);

  useEffect(() => {
    let live = true;
    loadSettings(settingsArea, settingsSchema).then(
      (settings) => {
        if (!live) return;
        setSaved(toSettingsDraft(settings));
        setDraft(toSettingsDraft(settings));
      },
      (thrown: unknown) => live && setFailure(ApiError.from(thrown).toJSON()),
    );
    return () => {
      live = false;
    };
  }, [settingsArea, settingsSchema]);

  if (!draft) {
    return (
      <div className="view">
        <ViewHeading title="Settings" />
        {failure ? <ErrorNotice error={failure} /> : <p className="muted">Loading settings…</p>}
      </div>
    );
  }

  const liveErrors = validateSettingsDraft(draft, settingsSchema);
  const keyGoes = saved !== undefined && keyWillBeRemoved(saved, draft);
  const errorFor = (field: SettingsField) => serverErrors[field] ?? (submitted || touched.has(field) ? liveErrors[field] : undefined);
  const dirty = SETTINGS_FIELDS.some((field) => draft[field] !== saved?.[field]);
  const touch = (field: SettingsField) => setTouched((current) => new Set(current).add(field));
  const change = (field: SettingsField) => (value: string) => {
    setDraft({ ...draft, [field]: value });
    setServerErrors(({ [field]: _cleared, ...rest }) => rest);
  };

  /** Validates and stores the form; false (with the errors shown) when something is wrong. */
  async function save(): Promise<boolean> {
    if (!draft) return false;
    setSubmitted(true);
    setFailure(undefined);
    const errors = validateSettingsDraft(draft, settingsSchema);
    const first = SETTINGS_FIELDS.find((field) => errors[field]);
    if (first) {
      document.getElementById(inputId(first))?.focus();
      return false;
    }
    const input = toSettingsInput(draft);
    const baseUrl = String(input.saberBaseUrl);
    try {
      // Chrome grants a new origin only from a click, so this comes before anything else awaits. It may
      // also refuse the request outright (a rejection, shown like any other failure).
      if (needsHostPermission(baseUrl) && !(await requestOrigins([originPatternFor(baseUrl)]))) {
        const origin = new URL(baseUrl).origin;
        setServerErrors({ saberBaseUrl: `Chrome did not allow access to ${origin}. Allow it to use this Saber address.` });
        document.getElementById(inputId('saberBaseUrl'))?.focus();
        return false;
      }
      // Written by the background, which validates the whole result again before storing it.
      const stored = toSettingsDraft(await send('settings.save', input));
      setSaved(stored);
      setDraft(stored);
      setServerErrors({});
      setSubmitted(false);
      setTouched(new Set());
      return true;
    } catch (thrown) {
      const error = ApiError.from(thrown);
      const byField = mapSettingsErrors(error.details);
      if (Object.keys(byField).some((field) => field !== 'form')) setServerErrors(byField);
      else setFailure(error.toJSON());
      return false;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy('save');
    if (await save()) announce('Settings saved.');
    setBusy(undefined);
  }

  async function testConnection() {
    setBusy('test');
    setConnection(undefined);
    setFailure(undefined);
    try {
      if (dirty && !(await save())) return;
      const result = await send('saber.testConnection', {});
      setConnection(describeConnector(result.salesNavigator));
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
    } finally {
      setBusy(undefined);
    }
  }

  async function retrySending() {
    setBusy('retry');
    setFailure(undefined);
    try {
      const { jobId } = await send('saber.retry', {});
      announce(jobId ? 'Sending your changes to Saber again. Follow it under Jobs.' : 'Nothing is waiting to be sent to Saber.');
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
    } finally {
      setBusy(undefined);
    }
  }

  async function pull() {
    setBusy('pull');
    setFailure(undefined);
    try {
      await send('saber.pull', {});
      announce('Pulling your lists from Saber. Follow it under Jobs.');
    } catch (thrown) {
      setFailure(ApiError.from(thrown).toJSON());
    } finally {
      setBusy(undefined);
    }
  }

  const budget = Number(saved?.dailyPageBudget);
  const now = clock();
  return (
    <div className="view view-form">
      <ViewHeading title="Settings" subtitle="Stored only in this browser. Keys and tokens are never logged." />
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <fieldset className="fieldset">
          <legend className="fieldset-legend">Saber</legend>
          <SecretField
            field="saberApiKey"
            label="Saber API key"
            value={draft.saberApiKey}
            error={errorFor('saberApiKey')}
            hint="Starts with sk_live_. Needed to push lists to Saber and pull them back."
            onChange={change('saberApiKey')}
            onBlur={() => touch('saberApiKey')}
          />
          <TextField
            id={inputId('saberBaseUrl')}
            label="Saber base URL"
            type="url"
            value={draft.saberBaseUrl}
            error={errorFor('saberBaseUrl')}
            hint={
              keyGoes ? (
                <span className="field-warning">{KEY_REMOVED_WARNING}.</span>
              ) : (
                `Leave ${DEFAULT_SABER_BASE_URL} unless Saber gave you another address.`
              )
            }
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => change('saberBaseUrl')(event.target.value)}
            onBlur={() => touch('saberBaseUrl')}
          />
          <div className="inline-actions">
            <button type="button" className="button button-small" onClick={() => void testConnection()} disabled={busy !== undefined}>
              {busy === 'test' ? 'Testing…' : 'Test connection'}
            </button>
            <button type="button" className="button button-small" onClick={() => void pull()} disabled={busy !== undefined}>
              {busy === 'pull' ? 'Starting…' : 'Pull from Saber'}
            </button>
          </div>
          {connection && (
            <p className="notice notice-success" role="status">
              {connection}
            </p>
          )}
          {outboxBlock && (
            <div className="notice notice-warning" role="status">
              <p className="notice-title">Sending to Saber is stopped: {describeError(outboxBlock.error.toJSON(), now)}</p>
              <p className="notice-hint">Nothing is sent until you change the key or the address, or retry.</p>
              <button type="button" className="button button-small" onClick={() => void retrySending()} disabled={busy !== undefined}>
                {busy === 'retry' ? 'Retrying…' : 'Retry sending'}
              </button>
            </div>
          )}
        </fieldset>

        <fieldset className="fieldset">
          <legend className="fieldset-legend">LinkedIn</legend>
          <SecretField
            field="linkedInAccessToken"
            label="LinkedIn access token"
            value={draft.linkedInAccessToken}
            error={errorFor('linkedInAccessToken')}
            hint="Only for exporting your address book through LinkedIn’s Contacts API. Captures use your browser session."
            onChange={change('linkedInAccessToken')}
            onBlur={() => touch('linkedInAccessToken')}
          />
          <div className="field-pair">
            <TextField
              id={inputId('pacingMinSeconds')}
              label="Shortest pause (seconds)"
              type="number"
              inputMode="decimal"
              min={0.5}
              step={0.5}
              value={draft.pacingMinSeconds}
              error={errorFor('pacingMinSeconds')}
              onChange={(event) => change('pacingMinSeconds')(event.target.value)}
              onBlur={() => touch('pacingMinSeconds')}
            />
            <TextField
              id={inputId('pacingMaxSeconds')}
              label="Longest pause (seconds)"
              type="number"
              inputMode="decimal"
              min={0.5}
              step={0.5}
              value={draft.pacingMaxSeconds}
              error={errorFor('pacingMaxSeconds')}
              onChange={(event) => change('pacingMaxSeconds')(event.target.value)}
              onBlur={() => touch('pacingMaxSeconds')}
            />
          </div>
          <p className="field-hint">
            Every LinkedIn request waits a random time between these two after the one before it, across all jobs.
          </p>
          <TextField
            id={inputId('dailyPageBudget')}
            label="LinkedIn pages per day"
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            step={1}
            className="field-narrow"
            value={draft.dailyPageBudget}
            error={errorFor('dailyPageBudget')}
            hint={
              status
                ? `Used today: ${formatNumber(status.pagesUsedToday)} of ${formatNumber(budget)} pages. Resets at midnight.`
                : undefined
            }
            onChange={(event) => change('dailyPageBudget')(event.target.value)}
            onBlur={() => touch('dailyPageBudget')}
          />
          <LinkedInPauseNotice id="settings-linkedin-pause" />
        </fieldset>

        <fieldset className="fieldset">
          <legend className="fieldset-legend">History</legend>
          <TextField
            id={inputId('historyKeep')}
            label="Refreshes kept per list"
            type="number"
            inputMode="numeric"
            min={1}
            max={200}
            step={1}
            className="field-narrow"
            value={draft.historyKeep}
            error={errorFor('historyKeep')}
            hint="Each list keeps this many refreshes in its history; older versions are let go."
            onChange={(event) => change('historyKeep')(event.target.value)}
            onBlur={() => touch('historyKeep')}
          />
        </fieldset>

        {serverErrors.form && <p className="field-error">{serverErrors.form}</p>}
        {failure && <ErrorNotice error={failure} />}
        <div className="form-actions form-actions-sticky">
          <button type="submit" className="button button-primary" disabled={busy !== undefined}>
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
          {dirty && <span className="muted">Unsaved changes</span>}
        </div>
      </form>
    </div>
  );
}
