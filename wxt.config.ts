import { defineConfig } from 'wxt';
import { AVATAR_HOSTS } from './lib/model/safe-urls';

// Permissions are the minimum the features use; each is justified in docs/user-guide.md (Permissions) and docs/store-listing.md.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  // Parallel local runs build into separate folders; CI and the README use the default.
  outDir: process.env.LISTWRIGHT_OUT_DIR ?? '.output',
  // `npm run zip`: the Chrome Web Store package, `listwright-<package.json version>-chrome.zip` in the output folder.
  zip: { artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip' },
  manifest: ({ mode }) => ({
    name: 'Listwright',
    description: 'Build prospect lists from Sales Navigator searches into snapshots you keep, export and sync with Saber.',
    permissions: ['sidePanel', 'storage', 'unlimitedStorage', 'alarms', 'cookies'],
    // api.linkedin.com: the Contacts API (address-book export), with the user's token, never cookies.
    host_permissions: ['https://www.linkedin.com/*', 'https://api.linkedin.com/*', 'https://api.saber.app/*'],
    // A self-hosted or staging Saber origin is requested at run time, never granted up front; plain http
    // only to a Saber on this machine, and only in a development build (lib/model/settings.ts refuses it otherwise).
    optional_host_permissions: ['https://*/*', ...(mode === 'development' ? ['http://localhost/*', 'http://127.0.0.1/*'] : [])],
    action: { default_title: 'Open Listwright' },
    content_security_policy: {
      // No remote code; images only from the extension, inline data and LinkedIn's photo hosts (lib/model/safe-urls.ts).
      extension_pages: [
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        `img-src 'self' data: ${AVATAR_HOSTS.map((host) => `https://${host}`).join(' ')}`,
      ].join('; '),
    },
  }),
});
