import { z } from './zod';

export const DEFAULT_SABER_BASE_URL = 'https://api.saber.app';

// The loopback hosts the manifest's optional_host_permissions cover; `[::1]` is left out
// because a permission could never be granted for it.
const isLoopback = (url: URL) => ['localhost', '127.0.0.1'].includes(url.hostname);

/** A Saber API key as the spec describes it: `sk_live_` followed by a random string. */
export const saberApiKeySchema = z
  .string()
  .trim()
  .regex(/^sk_live_[A-Za-z0-9_-]{8,}$/, { message: 'The key starts with sk_live_ followed by at least 8 letters or digits' });

export const saberBaseUrlSchema = z
  .url({ message: 'Must be a URL such as https://api.saber.app' })
  .refine(
    (value) => {
      // zod runs refinements after a failed URL check too; that failure is already reported.
      if (!URL.canParse(value)) return true;
      const url = new URL(value);
      return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url));
    },
    { message: 'Must use https (http only for localhost or 127.0.0.1)' },
  )
  .transform((value) => value.replace(/\/+$/, ''));

/** Everything the Settings view edits. Stored in `chrome.storage.local` only; never logged. */
export const settingsSchema = z
  .object({
    saberApiKey: z.union([saberApiKeySchema, z.literal('')]).default(''),
    saberBaseUrl: saberBaseUrlSchema.default(DEFAULT_SABER_BASE_URL),
    /** OAuth member token for LinkedIn's Contacts API (address-book export). */
    linkedInAccessToken: z
      .string()
      .trim()
      .max(4096, { message: 'The token is at most 4,096 characters' })
      // It goes into an Authorization header, which takes visible ASCII only.
      .regex(/^[\x21-\x7E]*$/, { message: 'The token has letters, digits and punctuation only: no spaces or line breaks' })
      .default(''),
    /** Seconds between two LinkedIn page requests, drawn at random in [min, max]. */
    pacingMinSeconds: z.number().min(0.5, { message: 'At least 0.5 seconds' }).max(60).default(1),
    pacingMaxSeconds: z.number().min(0.5, { message: 'At least 0.5 seconds' }).max(120).default(2.5),
    /** Most LinkedIn search pages all jobs together may fetch per calendar day. */
    dailyPageBudget: z.int().min(1, { message: 'At least 1 page' }).max(1000, { message: 'At most 1,000 pages' }).default(100),
    /** How many refreshes each list keeps in its history; older versions beyond them are let go. */
    historyKeep: z
      .int({ message: 'Must be a whole number' })
      .min(1, { message: 'At least 1 refresh' })
      .max(200, { message: 'At most 200 refreshes' })
      .default(20),
  })
  .refine((s) => s.pacingMaxSeconds >= s.pacingMinSeconds, {
    message: 'The longest pause must not be shorter than the shortest',
    path: ['pacingMaxSeconds'],
  });
export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/**
 * The host-permission match pattern that lets the extension reach `baseUrl`: its origin, e.g.
 * `https://staging.saber.app/*` or `http://127.0.0.1:8787/*`. Every such pattern falls inside
 * the manifest's `optional_host_permissions`: any https origin, and http on localhost or
 * 127.0.0.1 at any port.
 *
 * The panel asks for it with `browser.permissions.request({ origins: [pattern] })` in the
 * click handler that saves a non-default base URL: Chrome only shows the prompt during a
 * user gesture, so the background cannot ask; it only checks with `permissions.contains`.
 */
export function originPatternFor(baseUrl: string): string {
  return `${new URL(baseUrl).origin}/*`;
}

/** Whether `baseUrl` is outside the manifest's fixed host permissions and must be asked for. */
export function needsHostPermission(baseUrl: string): boolean {
  return new URL(baseUrl).origin !== new URL(DEFAULT_SABER_BASE_URL).origin;
}
