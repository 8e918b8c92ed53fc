import { loadSettings, saveSettings, type KeyValueArea } from '../db/settings-store';
import { ApiError, failure } from '../model/errors';
import { needsHostPermission, originPatternFor, sameOrigin, settingsSchema, type Settings, type SettingsSchema } from '../model/settings';

export interface SettingsServiceDeps {
  area: KeyValueArea;
  /** `browser.permissions.contains` for one origin pattern. */
  hasHostPermission: (pattern: string) => Promise<boolean>;
  /** The build's rules (a release's by default): whether http to this machine is allowed. */
  schema?: SettingsSchema;
}

/**
 * Settings are written here, in the background, never by a page: the whole result is validated
 * first (a bad field is a 400 naming it, and nothing is stored), an unknown field is refused,
 * and a Saber origin other than the default must have been granted (the panel asks Chrome in
 * the click that saves it; only a page can show that prompt).
 *
 * The Saber key belongs to the address it was saved with: a save that moves the base URL to
 * another origin removes the key, unless the same save sets a new one, so a key is never sent
 * to an address its owner did not give it for (the form warns before such a save).
 */
export function createSettingsService({ area, hasHostPermission, schema = settingsSchema }: SettingsServiceDeps) {
  const fields: ReadonlySet<string> = new Set(Object.keys(schema.shape));
  return {
    async save(patch: Record<string, unknown>): Promise<Settings> {
      const unknown = Object.keys(patch).filter((field) => !fields.has(field));
      if (unknown.length > 0) {
        throw new ApiError({
          error: 'validation_error',
          message: `${unknown[0]}: Not a setting`,
          details: unknown.map((field) => ({ field, message: 'Not a setting' })),
        });
      }
      const parsed = schema.shape.saberBaseUrl.safeParse(patch.saberBaseUrl);
      if (parsed.success && needsHostPermission(parsed.data) && !(await hasHostPermission(originPatternFor(parsed.data)))) {
        throw failure(
          'forbidden',
          'saber.originNotGranted',
          { origin: new URL(parsed.data).origin },
          {
            details: [{ field: 'saberBaseUrl', message: 'Access to this origin was not granted' }],
          },
        );
      }
      const current = await loadSettings(area, schema);
      const movesOrigin = parsed.success && patch.saberBaseUrl !== undefined && !sameOrigin(parsed.data, current.saberBaseUrl);
      const setsNewKey = typeof patch.saberApiKey === 'string' && patch.saberApiKey.trim() !== current.saberApiKey;
      return saveSettings(area, movesOrigin && !setsNewKey ? { ...patch, saberApiKey: '' } : patch, schema);
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
