import type { ErrorDetail } from '../lib/model/schemas';
import { sameOrigin, settingsSchema, type Settings, type SettingsInput, type SettingsSchema } from '../lib/model/settings';

/** The Settings form as typed (numbers as text, so a half-typed value can be corrected). */
export type SettingsDraft = Record<keyof Settings, string>;
export type SettingsField = keyof Settings;
export type SettingsErrors = Partial<Record<SettingsField | 'form', string>>;

/** In the order they appear, for focusing the first wrong one. */
export const SETTINGS_FIELDS: readonly SettingsField[] = [
  'saberApiKey',
  'saberBaseUrl',
  'linkedInAccessToken',
  'pacingMinSeconds',
  'pacingMaxSeconds',
  'dailyPageBudget',
  'historyKeep',
];

const NUMBER_FIELDS = new Set<SettingsField>(['pacingMinSeconds', 'pacingMaxSeconds', 'dailyPageBudget', 'historyKeep']);

/** Stored settings as the form shows them. */
export function toSettingsDraft(settings: Settings): SettingsDraft {
  return {
    saberApiKey: settings.saberApiKey,
    saberBaseUrl: settings.saberBaseUrl,
    linkedInAccessToken: settings.linkedInAccessToken,
    pacingMinSeconds: String(settings.pacingMinSeconds),
    pacingMaxSeconds: String(settings.pacingMaxSeconds),
    dailyPageBudget: String(settings.dailyPageBudget),
    historyKeep: String(settings.historyKeep),
  };
}

/** What `saveSettings` receives; blank numbers are reported by `validateSettingsDraft`. */
export function toSettingsInput(draft: SettingsDraft): SettingsInput {
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  return {
    saberApiKey: draft.saberApiKey.trim(),
    saberBaseUrl: draft.saberBaseUrl.trim(),
    linkedInAccessToken: draft.linkedInAccessToken.trim(),
    pacingMinSeconds: number(draft.pacingMinSeconds),
    pacingMaxSeconds: number(draft.pacingMaxSeconds),
    dailyPageBudget: number(draft.dailyPageBudget),
    historyKeep: number(draft.historyKeep),
  };
}

/** Error details (`saberApiKey`, `payload.dailyPageBudget`) as one message per field. */
export function mapSettingsErrors(details: readonly ErrorDetail[] | undefined): SettingsErrors {
  const errors: SettingsErrors = {};
  for (const detail of details ?? []) {
    const name = (detail.field ?? '').replace(/^payload\./, '');
    const field = (SETTINGS_FIELDS as readonly string[]).includes(name) ? (name as SettingsField) : 'form';
    errors[field] ??= detail.message ?? 'Invalid value';
  }
  return errors;
}

/** Every problem of the form by field, with the settings' own rules (the build's) and messages. */
export function validateSettingsDraft(draft: SettingsDraft, schema: SettingsSchema = settingsSchema): SettingsErrors {
  const blank: SettingsErrors = {};
  for (const field of NUMBER_FIELDS) {
    const text = draft[field].trim();
    if (text === '' || !Number.isFinite(Number(text))) blank[field] = 'Enter a number';
  }
  const parsed = schema.safeParse(toSettingsInput(draft));
  const fromSchema = parsed.success
    ? {}
    : mapSettingsErrors(parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message })));
  return { ...fromSchema, ...blank };
}

/** What the form says before a save that would remove the key (the background removes it on save). */
export const KEY_REMOVED_WARNING = 'The API key will be removed: enter it again for the new address';

/**
 * Whether saving `draft` moves the Saber base URL to another origin while keeping the saved key:
 * the background then removes the key, so the form says so first. A new key in the same save is kept.
 */
export function keyWillBeRemoved(saved: SettingsDraft, draft: SettingsDraft): boolean {
  const [from, to] = [saved.saberBaseUrl.trim(), draft.saberBaseUrl.trim()];
  if (!saved.saberApiKey || draft.saberApiKey.trim() !== saved.saberApiKey || !URL.canParse(from) || !URL.canParse(to)) return false;
  return !sameOrigin(from, to);
}
