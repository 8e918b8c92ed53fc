import { failure, parseOrThrow } from '../model/errors';
import {
  DEFAULT_SETTINGS,
  settingsSchema as releaseSchema,
  type Settings,
  type SettingsInput,
  type SettingsSchema,
} from '../model/settings';
import { z } from '../model/zod';

const KEY = 'settings';

/** A stored record read field by field, whatever each field holds. */
const storedFieldsSchema = z.record(z.string(), z.unknown());

/** The slice of `chrome.storage.local` settings need; injected so tests pass a fake. */
export interface KeyValueArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * Reads the settings under `schema`'s rules (a release's unless the build says otherwise). A
 * stored value that no longer parses (an older or tampered record) falls back field by field to
 * defaults rather than failing the whole panel.
 */
export async function loadSettings(area: KeyValueArea, schema: SettingsSchema = releaseSchema): Promise<Settings> {
  return parseStoredSettings((await area.get(KEY))[KEY], schema);
}

/**
 * A stored settings record (what `chrome.storage.onChanged` reports too) as settings, field by
 * field as {@link loadSettings} reads it. A key is kept only with the address it was saved for:
 * when the stored base URL is refused (http in a release, a URL with a password), the key goes
 * too, so it is never sent to the default address instead.
 */
export function parseStoredSettings(stored: unknown, schema: SettingsSchema = releaseSchema): Settings {
  if (stored === undefined) return DEFAULT_SETTINGS;
  const whole = schema.safeParse(stored);
  if (whole.success) return whole.data;
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const fields = storedFieldsSchema.safeParse(stored);
  if (fields.success) {
    const { saberApiKey, ...others } = fields.data;
    for (const [field, value] of Object.entries(others)) {
      const candidate = schema.safeParse({ ...merged, [field]: value });
      if (candidate.success) merged[field] = value;
    }
    const addressKept = fields.data.saberBaseUrl === undefined || merged.saberBaseUrl === fields.data.saberBaseUrl;
    if (addressKept && schema.safeParse({ ...merged, saberApiKey }).success) merged.saberApiKey = saberApiKey;
  }
  return schema.parse(merged);
}

/** Validates the whole result before writing: a bad field is a 400 naming it, nothing is saved. */
export async function saveSettings(
  area: KeyValueArea,
  patch: Partial<SettingsInput>,
  schema: SettingsSchema = releaseSchema,
): Promise<Settings> {
  const current = await loadSettings(area, schema);
  const next = parseOrThrow(schema, { ...current, ...patch });
  await area.set({ [KEY]: next });
  return next;
}

/** Throws a clear error when Saber is not configured. */
export function requireSaberKey(settings: Settings): string {
  if (!settings.saberApiKey) {
    throw failure('unauthorized', 'saber.keyMissing', {}, { details: [{ field: 'saberApiKey', message: 'Required' }] });
  }
  return settings.saberApiKey;
}

export const SETTINGS_STORAGE_KEY = KEY;
