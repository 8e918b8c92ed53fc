import { describe, expect, it } from 'vitest';
import { loadSettings, saveSettings, SETTINGS_STORAGE_KEY, type KeyValueArea } from '../../../lib/db/settings-store';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';

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
    await saveSettings(area, { saberApiKey: ' sk_live_abcDEF123456 ', saberBaseUrl: 'http://localhost:4010/' });
    expect(await loadSettings(area)).toMatchObject({
      saberApiKey: 'sk_live_abcDEF123456',
      saberBaseUrl: 'http://localhost:4010',
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
