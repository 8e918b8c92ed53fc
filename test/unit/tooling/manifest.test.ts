import { describe, expect, it } from 'vitest';
import config from '../../../wxt.config';

describe('the manifest', () => {
  it('asks for the three origins the extension talks to, and nothing broader, up front', () => {
    const manifest = config.manifest as { host_permissions?: string[]; optional_host_permissions?: string[] };
    // LinkedIn's session, LinkedIn's Contacts API (the address book, with a token), Saber.
    expect(manifest.host_permissions).toEqual(['https://www.linkedin.com/*', 'https://api.linkedin.com/*', 'https://api.saber.app/*']);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
  });
});
