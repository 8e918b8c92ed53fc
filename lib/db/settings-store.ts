import { failure, parseOrThrow } from '../model/errors';
import { DEFAULT_SETTINGS, settingsSchema, type Settings, type SettingsInput } from '../model/settings';
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
 * Reads the settings. A stored value that no longer parses (an older or tampered record)
 * falls back field by field to defaults rather than failing the whole panel.
 */
export async function loadSettings(area: KeyValueArea): Promise<Settings> {
  const stored = (await area.get(KEY))[KEY];
  if (stored === undefined) return DEFAULT_SETTINGS;
  const whole = settingsSchema.safeParse(stored);
  if (whole.success) return whole.data;
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const fields = storedFieldsSchema.safeParse(stored);
  if (fields.success) {
    for (const [field, value] of Object.entries(fields.data)) {
      const candidate = settingsSchema.safeParse({ ...merged, [field]: value });
      if (candidate.success) merged[field] = value;
    }
  }
  return settingsSchema.parse(merged);
}

/** Validates the whole result before writing: a bad field is a 400 naming it, nothing is saved. */
export async function saveSettings(area: KeyValueArea, patch: Partial<SettingsInput>): Promise<Settings> {
  const current = await loadSettings(area);
  const next = parseOrThrow(settingsSchema, { ...current, ...patch });
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
