import { describe, expect, it } from 'vitest';
import {
  KEY_REMOVED_WARNING,
  keyWillBeRemoved,
  mapSettingsErrors,
  toSettingsDraft,
  toSettingsInput,
  validateSettingsDraft,
} from '../../../components/settings-form-model';
import { createSettingsSchema, DEFAULT_SETTINGS, settingsSchema } from '../../../lib/model/settings';

const DRAFT = toSettingsDraft(DEFAULT_SETTINGS);

describe('the settings form', () => {
  it('shows stored settings as text and reads them back unchanged', () => {
    expect(DRAFT).toEqual({
      saberApiKey: '',
      saberBaseUrl: 'https://api.saber.app',
      linkedInAccessToken: '',
      pacingMinSeconds: '1',
      pacingMaxSeconds: '2.5',
      dailyPageBudget: '100',
      historyKeep: '20',
    });
    expect(settingsSchema.parse(toSettingsInput(DRAFT))).toEqual(DEFAULT_SETTINGS);
    expect(validateSettingsDraft(DRAFT)).toEqual({});
  });

  it('trims what was typed', () => {
    expect(toSettingsInput({ ...DRAFT, saberApiKey: '  sk_live_abcdefgh12 ', saberBaseUrl: ' https://api.saber.app/ ' })).toMatchObject({
      saberApiKey: 'sk_live_abcdefgh12',
      saberBaseUrl: 'https://api.saber.app/',
    });
  });

  it('names each wrong field with the settings’ own message', () => {
    expect(
      validateSettingsDraft({
        ...DRAFT,
        saberApiKey: 'abc',
        saberBaseUrl: 'http://api.saber.app',
        pacingMinSeconds: '5',
        pacingMaxSeconds: '2',
        dailyPageBudget: '5000',
      }),
    ).toEqual({
      saberApiKey: 'The key starts with sk_live_ followed by at least 8 letters or digits',
      saberBaseUrl: 'Must use https',
      pacingMaxSeconds: 'The longest pause must not be shorter than the shortest',
      dailyPageBudget: 'At most 1,000 pages',
    });
    expect(validateSettingsDraft({ ...DRAFT, pacingMinSeconds: '5', pacingMaxSeconds: '2' })).toEqual({
      pacingMaxSeconds: 'The longest pause must not be shorter than the shortest',
    });
  });

  it('allows http to this machine only under a development build’s rules', () => {
    const local = { ...DRAFT, saberBaseUrl: 'http://127.0.0.1:8787' };
    expect(validateSettingsDraft(local)).toEqual({ saberBaseUrl: 'Must use https' });
    const development = createSettingsSchema({ allowLoopbackHttp: true });
    expect(validateSettingsDraft(local, development)).toEqual({});
    expect(validateSettingsDraft({ ...DRAFT, saberBaseUrl: 'http://api.saber.app' }, development)).toEqual({
      saberBaseUrl: 'Must use https (http only for localhost or 127.0.0.1)',
    });
  });

  it('warns before a save that moves the key to another origin, unless a new key goes with it', () => {
    const saved = { ...DRAFT, saberApiKey: 'sk_live_abcdefgh12' };
    expect(keyWillBeRemoved(saved, { ...saved, saberBaseUrl: 'https://staging.saber.app' })).toBe(true);
    expect(keyWillBeRemoved(saved, { ...saved, saberBaseUrl: 'https://api.saber.app:8443' })).toBe(true);
    // The same origin, another path or a trailing slash: the key stays.
    expect(keyWillBeRemoved(saved, { ...saved, saberBaseUrl: 'https://api.saber.app/v2/' })).toBe(false);
    expect(keyWillBeRemoved(saved, { ...saved, saberBaseUrl: 'https://staging.saber.app', saberApiKey: 'sk_live_newkey1234' })).toBe(false);
    expect(keyWillBeRemoved(DRAFT, { ...DRAFT, saberBaseUrl: 'https://staging.saber.app' })).toBe(false);
    expect(keyWillBeRemoved(saved, { ...saved, saberBaseUrl: 'not a url' })).toBe(false);
    expect(KEY_REMOVED_WARNING).toBe('The API key will be removed: enter it again for the new address');
  });

  it('asks for a number where one is blank or not a number', () => {
    expect(validateSettingsDraft({ ...DRAFT, pacingMinSeconds: '', dailyPageBudget: 'lots' })).toMatchObject({
      pacingMinSeconds: 'Enter a number',
      dailyPageBudget: 'Enter a number',
    });
  });

  it('maps error details from the store or the background to fields', () => {
    expect(
      mapSettingsErrors([
        { field: 'saberApiKey', message: 'Required' },
        { field: 'payload.dailyPageBudget', message: 'Too many' },
        { field: 'saberApiKey', message: 'Ignored: the first one wins' },
        { field: 'somethingElse', message: 'Whole form' },
      ]),
    ).toEqual({ saberApiKey: 'Required', dailyPageBudget: 'Too many', form: 'Whole form' });
  });
});
