import type { ConfigEnv, UserManifest } from 'wxt';
import { describe, expect, it } from 'vitest';
import { AVATAR_HOSTS } from '../../../lib/model/safe-urls';
import config from '../../../wxt.config';
import {
  EXPECTED_CSP,
  EXPECTED_HOST_PERMISSIONS,
  EXPECTED_OPTIONAL_HOST_PERMISSIONS,
  EXPECTED_PERMISSIONS,
} from '../../fixtures/manifest/expected';

/** The manifest wxt.config.ts gives WXT for a build in `mode`. */
async function manifestFor(mode: 'production' | 'development'): Promise<UserManifest> {
  const env: ConfigEnv = { mode, command: mode === 'production' ? 'build' : 'serve', browser: 'chrome', manifestVersion: 3 };
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('wxt.config.ts should build the manifest per mode');
  return manifest(env);
}

/** A CSP as its directives: `script-src 'self'` → `{ 'script-src': ["'self'"] }`. */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('the manifest', () => {
  it.each(['production', 'development'] as const)('asks for exactly the permissions the features use (%s)', async (mode) => {
    const manifest = await manifestFor(mode);
    expect(manifest.permissions).toEqual(EXPECTED_PERMISSIONS);
    expect(manifest.host_permissions).toEqual(EXPECTED_HOST_PERMISSIONS);
    expect(manifest.optional_host_permissions).toEqual(EXPECTED_OPTIONAL_HOST_PERMISSIONS[mode]);
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
  });

  it('a release asks for no plain-http origin at all', async () => {
    const manifest = await manifestFor('production');
    const origins = [...(manifest.host_permissions ?? []), ...(manifest.optional_host_permissions ?? [])];
    expect(origins.filter((origin) => !origin.startsWith('https://'))).toEqual([]);
  });

  it('has exactly the expected CSP, and it loads no remote code', async () => {
    const csp = (await manifestFor('production')).content_security_policy;
    expect(csp).toEqual({ extension_pages: EXPECTED_CSP });
    const parsed = directives(EXPECTED_CSP);
    // Scripts only from the package: no host, no eval, no inline code, no WebAssembly compiled from strings.
    expect(parsed['script-src']).toEqual(["'self'"]);
    expect(parsed['object-src']).toEqual(["'none'"]);
    expect(parsed['default-src']).toBeUndefined();
    expect(EXPECTED_CSP).not.toMatch(/unsafe-|wasm-|\*|http:/);
  });

  it("allows images from the extension, inline data and exactly the hosts the panel's avatar filter accepts", () => {
    expect(directives(EXPECTED_CSP)['img-src']).toEqual(["'self'", 'data:', ...AVATAR_HOSTS.map((host) => `https://${host}`)]);
  });
});
