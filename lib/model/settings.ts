import { z } from './zod';

export const DEFAULT_SABER_BASE_URL = 'https://api.saber.app';

// The loopback hosts a development build's optional_host_permissions cover; `[::1]` is left out
// because a permission could never be granted for it.
const isLoopback = (url: URL) => ['localhost', '127.0.0.1'].includes(url.hostname);

/**
 * What the build allows: plain http to a Saber on this machine (`npm run fake-saber`) only in a
 * development build. The entry points pass `import.meta.env.DEV`; the model never reads the build itself.
 */
export interface SettingsRules {
  allowLoopbackHttp: boolean;
}

/** A release's rules: https only. */
export const RELEASE_RULES: SettingsRules = { allowLoopbackHttp: false };

/** A Saber API key as the spec describes it: `sk_live_` followed by a random string. */
export const saberApiKeySchema = z
  .string()
  .trim()
  .regex(/^sk_live_[A-Za-z0-9_-]{8,}$/, { message: 'The key starts with sk_live_ followed by at least 8 letters or digits' });

/** `value` as a URL, or undefined; zod runs refinements after a failed URL check too, and that failure is already reported. */
const parsedUrl = (value: string) => (URL.canParse(value) ? new URL(value) : undefined);

/**
 * Where the key is sent. A user name or password in it would be sent along with every request,
 * and a query or fragment would be cut off or repeated by every path joined to it, so each is
 * refused with its own message.
 */
function saberBaseUrlSchemaFor(rules: SettingsRules) {
  return z
    .url({ message: 'Must be a URL such as https://api.saber.app' })
    .refine(
      (value) => {
        const url = parsedUrl(value);
        return !url || url.protocol === 'https:' || (rules.allowLoopbackHttp && url.protocol === 'http:' && isLoopback(url));
      },
      { message: rules.allowLoopbackHttp ? 'Must use https (http only for localhost or 127.0.0.1)' : 'Must use https' },
    )
    .refine((value) => !parsedUrl(value)?.username && !parsedUrl(value)?.password, {
      message: 'Must not contain a user name or password',
    })
    .refine((value) => !value.includes('?'), { message: 'Must not contain a query (?…)' })
    .refine((value) => !value.includes('#'), { message: 'Must not contain a fragment (#…)' })
    .transform((value) => value.replace(/\/+$/, ''));
}

/** The settings' schema under a build's rules (see {@link SettingsRules}). */
export function createSettingsSchema(rules: SettingsRules) {
  return z
    .object({
      saberApiKey: z.union([saberApiKeySchema, z.literal('')]).default(''),
      saberBaseUrl: saberBaseUrlSchemaFor(rules).default(DEFAULT_SABER_BASE_URL),
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
}
export type SettingsSchema = ReturnType<typeof createSettingsSchema>;

/** Everything the Settings view edits, under a release's rules. Stored in `chrome.storage.local` only; never logged. */
export const settingsSchema: SettingsSchema = createSettingsSchema(RELEASE_RULES);
export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/**
 * The host-permission match pattern that lets the extension reach `baseUrl`: its origin, e.g.
 * `https://staging.saber.app/*` or `http://127.0.0.1:8787/*`. Every such pattern falls inside
 * the manifest's `optional_host_permissions`: any https origin, and, in a development build
 * only, http on localhost or 127.0.0.1 at any port.
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
  return !sameOrigin(baseUrl, DEFAULT_SABER_BASE_URL);
}

/** Whether two base URLs send to the same origin (scheme, host and port): the key is only ever sent to the one it was saved for. */
export function sameOrigin(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin;
}
