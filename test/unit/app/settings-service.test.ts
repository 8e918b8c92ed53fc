import { describe, expect, it } from 'vitest';
import { createSettingsService } from '../../../lib/app/settings-service';
import { SETTINGS_STORAGE_KEY, type KeyValueArea } from '../../../lib/db/settings-store';
import { createSettingsSchema, DEFAULT_SETTINGS } from '../../../lib/model/settings';

/** `chrome.storage.local` as far as settings go, recording every write. */
function memoryArea(initial: Record<string, unknown> = {}) {
  const items: Record<string, unknown> = { ...initial };
  const writes: Record<string, unknown>[] = [];
  const area: KeyValueArea = {
    get: async (keys) => Object.fromEntries([keys].flat().map((key) => [key, items[key]])),
    set: async (next) => {
      writes.push(next);
      Object.assign(items, next);
    },
  };
  return { area, items, writes };
}

describe('settings saved through the background', () => {
  it('validates the whole result and stores it', async () => {
    const { area, items } = memoryArea();
    const service = createSettingsService({ area, hasHostPermission: async () => false });
    const saved = await service.save({ saberApiKey: 'sk_live_abcdefgh1234', dailyPageBudget: 40 });
    expect(saved).toEqual({ ...DEFAULT_SETTINGS, saberApiKey: 'sk_live_abcdefgh1234', dailyPageBudget: 40 });
    expect(items[SETTINGS_STORAGE_KEY]).toEqual(saved);
  });

  it('a bad field is refused naming it, and nothing is written', async () => {
    const { area, writes } = memoryArea();
    const service = createSettingsService({ area, hasHostPermission: async () => true });
    await expect(service.save({ pacingMinSeconds: 10, pacingMaxSeconds: 2 })).rejects.toMatchObject({
      error: 'validation_error',
      details: [expect.objectContaining({ field: 'pacingMaxSeconds' })],
    });
    await expect(service.save({ saberApiKey: 'not-a-key' })).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'saberApiKey' })],
    });
    await expect(service.save({ dailyPagebudget: 5 })).rejects.toMatchObject({
      details: [{ field: 'dailyPagebudget', message: 'Not a setting' }],
    });
    expect(writes).toEqual([]);
  });

  it('a Saber origin Chrome never granted is refused; the default origin needs no grant', async () => {
    const { area, writes } = memoryArea();
    const asked: string[] = [];
    const service = createSettingsService({
      area,
      hasHostPermission: async (pattern) => {
        asked.push(pattern);
        return pattern === 'https://granted.example/*';
      },
    });
    await expect(service.save({ saberBaseUrl: 'https://staging.saber.app' })).rejects.toMatchObject({
      error: 'forbidden',
      reason: { code: 'saber.originNotGranted', params: { origin: 'https://staging.saber.app' } },
      details: [expect.objectContaining({ field: 'saberBaseUrl' })],
    });
    expect(writes).toEqual([]);
    await expect(service.save({ saberBaseUrl: 'https://granted.example/' })).resolves.toMatchObject({
      saberBaseUrl: 'https://granted.example',
    });
    await expect(service.save({ saberBaseUrl: 'https://api.saber.app' })).resolves.toMatchObject({ saberBaseUrl: 'https://api.saber.app' });
    expect(asked).toEqual(['https://staging.saber.app/*', 'https://granted.example/*']);
  });
});

describe('the Saber key follows its base URL', () => {
  const KEY = 'sk_live_abcdefgh1234';
  async function savedWithKey() {
    const { area, items } = memoryArea();
    const service = createSettingsService({ area, hasHostPermission: async () => true });
    await service.save({ saberApiKey: KEY });
    return { service, items };
  }

  it('a save that moves the base URL to another origin removes the key', async () => {
    const { service, items } = await savedWithKey();
    // What the form sends: every field, the key unchanged.
    const saved = await service.save({ ...DEFAULT_SETTINGS, saberApiKey: KEY, saberBaseUrl: 'https://staging.saber.app' });
    expect(saved).toMatchObject({ saberApiKey: '', saberBaseUrl: 'https://staging.saber.app' });
    expect(items[SETTINGS_STORAGE_KEY]).toEqual(saved);
  });

  it('another port is another origin too', async () => {
    const { service } = await savedWithKey();
    await expect(service.save({ saberBaseUrl: 'https://api.saber.app:8443' })).resolves.toMatchObject({ saberApiKey: '' });
  });

  it('a new key in the same save is kept for the new address', async () => {
    const { service } = await savedWithKey();
    await expect(service.save({ saberApiKey: 'sk_live_stagingkey99', saberBaseUrl: 'https://staging.saber.app' })).resolves.toMatchObject({
      saberApiKey: 'sk_live_stagingkey99',
      saberBaseUrl: 'https://staging.saber.app',
    });
  });

  it('the same origin (another path, a trailing slash) keeps the key', async () => {
    const { service } = await savedWithKey();
    await expect(service.save({ saberBaseUrl: 'https://api.saber.app/' })).resolves.toMatchObject({ saberApiKey: KEY });
    await expect(service.save({ saberBaseUrl: 'https://api.saber.app/v1' })).resolves.toMatchObject({ saberApiKey: KEY });
    await expect(service.save({ dailyPageBudget: 10 })).resolves.toMatchObject({ saberApiKey: KEY });
  });

  it('a refused base URL changes nothing, the key included', async () => {
    const { service, items } = await savedWithKey();
    await expect(service.save({ saberBaseUrl: 'http://127.0.0.1:8787' })).rejects.toMatchObject({
      details: [{ field: 'saberBaseUrl', message: 'Must use https' }],
    });
    expect(items[SETTINGS_STORAGE_KEY]).toMatchObject({ saberApiKey: KEY, saberBaseUrl: 'https://api.saber.app' });
  });

  it('a development build takes http to this machine, and the key still does not follow it', async () => {
    const { area } = memoryArea();
    const service = createSettingsService({
      area,
      hasHostPermission: async () => true,
      schema: createSettingsSchema({ allowLoopbackHttp: true }),
    });
    await service.save({ saberApiKey: KEY });
    await expect(service.save({ saberBaseUrl: 'http://127.0.0.1:8787' })).resolves.toMatchObject({
      saberApiKey: '',
      saberBaseUrl: 'http://127.0.0.1:8787',
    });
  });
});
