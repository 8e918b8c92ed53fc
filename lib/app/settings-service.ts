import { saveSettings, type KeyValueArea } from '../db/settings-store';
import { ApiError, failure } from '../model/errors';
import { needsHostPermission, originPatternFor, settingsSchema, type Settings } from '../model/settings';

export interface SettingsServiceDeps {
  area: KeyValueArea;
  /** `browser.permissions.contains` for one origin pattern. */
  hasHostPermission: (pattern: string) => Promise<boolean>;
}

const FIELDS: ReadonlySet<string> = new Set(Object.keys(settingsSchema.shape));

/**
 * Settings are written here, in the background, never by a page: the whole result is validated
 * first (a bad field is a 400 naming it, and nothing is stored), an unknown field is refused,
 * and a Saber origin other than the default must have been granted (the panel asks Chrome in
 * the click that saves it; only a page can show that prompt).
 */
export function createSettingsService({ area, hasHostPermission }: SettingsServiceDeps) {
  return {
    async save(patch: Record<string, unknown>): Promise<Settings> {
      const unknown = Object.keys(patch).filter((field) => !FIELDS.has(field));
      if (unknown.length > 0) {
        throw new ApiError({
          error: 'validation_error',
          message: `${unknown[0]}: Not a setting`,
          details: unknown.map((field) => ({ field, message: 'Not a setting' })),
        });
      }
      const parsed = settingsSchema.shape.saberBaseUrl.safeParse(patch.saberBaseUrl);
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
      return saveSettings(area, patch);
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
