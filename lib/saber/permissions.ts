import { DEFAULT_SABER_BASE_URL } from '../model/settings';

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
