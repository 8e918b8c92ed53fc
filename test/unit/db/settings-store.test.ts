import { describe, expect, it } from 'vitest';
import { loadSettings, parseStoredSettings, saveSettings, SETTINGS_STORAGE_KEY, type KeyValueArea } from '../../../lib/db/settings-store';
import { createSettingsSchema, DEFAULT_SETTINGS } from '../../../lib/model/settings';

const DEVELOPMENT = createSettingsSchema({ allowLoopbackHttp: true });

function memoryArea(initial: Record<string, unknown> = {}): KeyValueArea & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    async get(keys) {
      const wanted = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(wanted.filter((k) => k in data).map((k) => [k, data[k]]));
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
  };
}

describe('settings store', () => {
  it('starts from the defaults', async () => {
    expect(await loadSettings(memoryArea())).toEqual({
      saberApiKey: '',
      saberBaseUrl: 'https://api.saber.app',
      linkedInAccessToken: '',
      pacingMinSeconds: 1,
      pacingMaxSeconds: 2.5,
      dailyPageBudget: 100,
      historyKeep: 20,
    });
  });

  it('saves valid changes and reads them back', async () => {
    const area = memoryArea();
    await saveSettings(area, { saberApiKey: ' sk_live_abcDEF123456 ', saberBaseUrl: 'https://saber.example.com/api/' });
    expect(await loadSettings(area)).toMatchObject({
      saberApiKey: 'sk_live_abcDEF123456',
      saberBaseUrl: 'https://saber.example.com/api',
    });
  });

  it('takes http to this machine only under a development build’s rules', async () => {
    const area = memoryArea();
    await expect(saveSettings(area, { saberBaseUrl: 'http://localhost:4010/' })).rejects.toMatchObject({
      details: [{ field: 'saberBaseUrl', message: 'Must use https' }],
    });
    await saveSettings(area, { saberApiKey: 'sk_live_abcDEF123456', saberBaseUrl: 'http://localhost:4010/' }, DEVELOPMENT);
    expect(await loadSettings(area, DEVELOPMENT)).toMatchObject({
      saberApiKey: 'sk_live_abcDEF123456',
      saberBaseUrl: 'http://localhost:4010',
    });
    // A release reading what a development build stored: neither the address nor the key that went with it.
    expect(await loadSettings(area)).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['https://user@api.saber.app', 'Must not contain a user name or password'],
    ['https://user:secret@api.saber.app', 'Must not contain a user name or password'],
    ['https://:secret@api.saber.app', 'Must not contain a user name or password'],
    ['https://api.saber.app/?tenant=1', 'Must not contain a query (?…)'],
    ['https://api.saber.app?', 'Must not contain a query (?…)'],
    ['https://api.saber.app/#v1', 'Must not contain a fragment (#…)'],
    ['https://api.saber.app#', 'Must not contain a fragment (#…)'],
  ])('refuses the base URL %s naming the field, under either rules', async (saberBaseUrl, message) => {
    for (const schema of [undefined, DEVELOPMENT]) {
      const area = memoryArea();
      await expect(saveSettings(area, { saberBaseUrl }, schema)).rejects.toMatchObject({
        status: 400,
        details: [{ field: 'saberBaseUrl', message }],
      });
      expect(area.data).toEqual({});
    }
  });

  it('a stored key whose address is refused is not kept for the default address', () => {
    const stored = { saberApiKey: 'sk_live_kept12345', saberBaseUrl: 'https://user:pw@saber.example.com', dailyPageBudget: 7 };
    expect(parseStoredSettings(stored)).toEqual({ ...DEFAULT_SETTINGS, dailyPageBudget: 7 });
    expect(
      parseStoredSettings({ saberApiKey: 'sk_live_kept12345', saberBaseUrl: 'https://saber.example.com/', dailyPageBudget: -1 }),
    ).toEqual({
      ...DEFAULT_SETTINGS,
      saberApiKey: 'sk_live_kept12345',
      saberBaseUrl: 'https://saber.example.com',
    });
  });

  it.each([
    [{ saberApiKey: 'pk_test_123' }, 'saberApiKey'],
    [{ saberBaseUrl: 'http://api.saber.app' }, 'saberBaseUrl'],
    [{ saberBaseUrl: 'not a url' }, 'saberBaseUrl'],
    [{ saberBaseUrl: 'http://[::1]:8787' }, 'saberBaseUrl'],
    [{ pacingMinSeconds: 0.1 }, 'pacingMinSeconds'],
    [{ pacingMinSeconds: 5, pacingMaxSeconds: 2 }, 'pacingMaxSeconds'],
    [{ dailyPageBudget: 0 }, 'dailyPageBudget'],
  ])('rejects %j naming %s and saves nothing', async (patch, field) => {
    const area = memoryArea();
    await expect(saveSettings(area, patch)).rejects.toMatchObject({ status: 400, details: [{ field }] });
    expect(area.data).toEqual({});
  });

  it('a stored record that no longer parses keeps its good fields', async () => {
    const area = memoryArea({ [SETTINGS_STORAGE_KEY]: { saberApiKey: 'sk_live_kept12345', dailyPageBudget: -4 } });
    expect(await loadSettings(area)).toEqual({ ...DEFAULT_SETTINGS, saberApiKey: 'sk_live_kept12345' });
  });
});
