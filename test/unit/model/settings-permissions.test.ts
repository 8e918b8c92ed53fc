import { describe, expect, it } from 'vitest';
import { needsHostPermission, originPatternFor } from '../../../lib/model/settings';

describe('host permissions for a custom Saber base URL', () => {
  it("builds the match pattern of the base URL's origin, port included", () => {
    expect(originPatternFor('https://staging.saber.app')).toBe('https://staging.saber.app/*');
    expect(originPatternFor('https://saber.example.com:8443/api')).toBe('https://saber.example.com:8443/*');
    expect(originPatternFor('http://localhost:8787')).toBe('http://localhost:8787/*');
    expect(originPatternFor('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787/*');
  });

  it('asks only for origins the manifest does not already grant', () => {
    expect(needsHostPermission('https://api.saber.app')).toBe(false);
    expect(needsHostPermission('https://api.saber.app/')).toBe(false);
    expect(needsHostPermission('https://staging.saber.app')).toBe(true);
    expect(needsHostPermission('http://127.0.0.1:8787')).toBe(true);
  });
});
