import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commitDrafts,
  EMPTY_CAPTURE_FORM,
  splitEntries,
  TAG_CHECKS,
  toCaptureRequest,
  validateCaptureForm,
  type CaptureField,
  type CaptureFormState,
  type TagField,
} from '../../../components/capture-form-model';
import {
  SETTINGS_FIELDS,
  toSettingsDraft,
  toSettingsInput,
  validateSettingsDraft,
  type SettingsDraft,
} from '../../../components/settings-form-model';
import { captureRequestSchema } from '../../../lib/model/capture-request';
import { listNameSchema } from '../../../lib/model/schemas';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../lib/model/settings';
import { HOSTILE_STRINGS, HOSTILE_URLS } from '../../fixtures/hostile/strings';
import { ruleText } from '../model/text-arbitraries';

/**
 * Fuzz over every input of the panel's forms: whatever is typed or pasted, the form model either
 * accepts it (and the store then reads it back unchanged) or names the input that is wrong; it
 * never throws.
 */

const CAPTURE_FIELDS: readonly CaptureField[] = ['name', 'companies', 'jobTitles', 'keywords', 'countries', 'size', 'filters', 'form'];

/** Text a person might type in one input: ordinary values, hostile ones, and the rule's edge cases. */
const typed = fc.oneof(
  { weight: 3, arbitrary: ruleText(30) },
  { weight: 1, arbitrary: fc.constantFrom(...Object.values(HOSTILE_STRINGS), ...HOSTILE_URLS) },
  { weight: 2, arbitrary: fc.constantFrom('VP Sales', 'CTO', 'France', 'fr', 'USA', 'Virgin Islands, U.S.', 'Q4 targets') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'https://www.linkedin.com/company/stripe',
      'linkedin.com/company/1035/',
      'https://www.linkedin.com/sales/company/2135371',
      'https://www.linkedin.com/company/\u202Eepirts',
      `https://www.linkedin.com/company/${'a'.repeat(101)}`,
    ),
  },
);
/** Mostly values the form takes (some needing normalising), sometimes anything: both outcomes are reached. */
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: other });
const names = fc.constantFrom('Q4 targets', ' \u202EQ4\u202C ', 'Zoe\u0308 leads', '李 团队', '👩🏽‍💻 builders', '<b>bold</b>', '=SUM(A1)');
const companyUrls = fc.constantFrom(
  'https://www.linkedin.com/company/stripe',
  'linkedin.com/company/1035/',
  'www.linkedin.com/company/株式会社',
);
const titles = fc.constantFrom('VP Sales', ' CTO ', '\u2067مدير\u2069', 'Head of <Ops>');

const formState: fc.Arbitrary<CaptureFormState> = fc.record({
  name: mostly(names, typed),
  companies: fc.array(mostly(companyUrls, typed), { maxLength: 4 }),
  jobTitles: fc.array(mostly(titles, typed), { maxLength: 4 }),
  countries: fc.array(mostly(fc.constantFrom('FR', 'US', 'JP'), typed), { maxLength: 3 }),
  keywords: mostly(fc.constantFrom('', 'cloud', ' \u200B '), typed),
  size: mostly(fc.constantFrom('125', '1', '2500', ' 7 '), fc.oneof(fc.constantFrom('', '0', '2501', '1e3', '-1', 'NaN', '2.5'), typed)),
});

describe('the New list form, on any input', () => {
  it('either accepts the form, and the store reads the request back unchanged, or names the inputs at fault', () => {
    fc.assert(
      fc.property(formState, (state) => {
        const errors = validateCaptureForm(state);
        for (const [field, message] of Object.entries(errors)) {
          expect(CAPTURE_FIELDS).toContain(field);
          expect(typeof message === 'string' && message.length > 0).toBe(true);
        }
        const parsed = captureRequestSchema.safeParse(toCaptureRequest(state));
        if (Object.keys(errors).length > 0) {
          expect(parsed.success).toBe(false);
          return;
        }
        expect(parsed.success).toBe(true);
        if (!parsed.success) return;
        expect(captureRequestSchema.parse(parsed.data)).toEqual(parsed.data);
        expect(listNameSchema.parse(parsed.data.name)).toBe(parsed.data.name);
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps a tag entry only as the value its check gives, which the check gives again', () => {
    const field = fc.constantFrom<TagField>('companies', 'jobTitles', 'countries');
    fc.assert(
      fc.property(field, typed, (tag, text) => {
        const checked = TAG_CHECKS[tag](text);
        if ('error' in checked) {
          expect(checked.error.length).toBeGreaterThan(0);
          return;
        }
        expect(TAG_CHECKS[tag](checked.value)).toEqual({ value: checked.value });
      }),
      { numRuns: 1500 },
    );
  });

  it('splits any paste into trimmed entries and adds only those that pass, keeping the rest typed with a reason', () => {
    const pasted = fc
      .array(fc.oneof(typed, fc.constantFrom(',', ';', '\t', '\n', '\r\n', ', ')), { maxLength: 8 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.record({ companies: pasted, jobTitles: pasted, countries: pasted }), (drafts) => {
        for (const tag of Object.keys(TAG_CHECKS) as TagField[]) {
          for (const entry of splitEntries(drafts[tag], TAG_CHECKS[tag])) expect(entry).toBe(entry.trim());
        }
        const { next, errors, remaining } = commitDrafts(EMPTY_CAPTURE_FORM, drafts);
        for (const tag of Object.keys(TAG_CHECKS) as TagField[]) {
          for (const value of next[tag]) expect(TAG_CHECKS[tag](value)).toEqual({ value });
          expect(new Set(next[tag]).size).toBe(next[tag].length);
          expect(Boolean(errors[tag])).toBe(remaining[tag] !== '');
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the Settings form, on any input', () => {
  const draft: fc.Arbitrary<SettingsDraft> = fc.record({
    saberApiKey: mostly(
      fc.constantFrom('', 'sk_live_0123456789abcdef', ' sk_live_0123456789abcdef '),
      fc.oneof(typed, fc.constantFrom('sk_live_\u200Babcdefgh')),
    ),
    saberBaseUrl: mostly(
      fc.constantFrom('https://api.saber.app', 'http://localhost:8787', 'https://staging.saber.app/'),
      fc.oneof(typed, fc.constantFrom('javascript:alert(1)', 'https://x\u202E.example', 'http://evil.example')),
    ),
    linkedInAccessToken: mostly(
      fc.constantFrom('', 'AQVtoken-123', ' AQVtoken '),
      fc.oneof(typed, fc.constantFrom('AQV token', 'AQV\ntoken')),
    ),
    pacingMinSeconds: mostly(fc.constantFrom('1', '0.5', ' 2 '), fc.oneof(typed, fc.constantFrom('0', '61', ''))),
    pacingMaxSeconds: mostly(fc.constantFrom('2.5', '60', '120'), fc.oneof(typed, fc.constantFrom('121', 'Infinity', '0.1'))),
    dailyPageBudget: mostly(fc.constantFrom('100', '1', '1000'), fc.oneof(typed, fc.constantFrom('0', '1001', '1.5'))),
    historyKeep: mostly(fc.constantFrom('20', '1', '200'), fc.oneof(typed, fc.constantFrom('0', '201', '2e1'))),
  });

  it('either accepts the draft, and the stored settings show as the same draft, or names the fields at fault', () => {
    fc.assert(
      fc.property(draft, (input) => {
        const errors = validateSettingsDraft(input);
        for (const field of Object.keys(errors)) expect([...SETTINGS_FIELDS, 'form']).toContain(field);
        const parsed = settingsSchema.safeParse(toSettingsInput(input));
        if (Object.keys(errors).length > 0) {
          expect(parsed.success).toBe(false);
          return;
        }
        expect(parsed.success).toBe(true);
        if (!parsed.success) return;
        expect(settingsSchema.parse(parsed.data)).toEqual(parsed.data);
        expect(validateSettingsDraft(toSettingsDraft(parsed.data))).toEqual({});
        expect(parsed.data.linkedInAccessToken).toMatch(/^[\x21-\x7E]*$/);
      }),
      { numRuns: 1500 },
    );
  });

  it('shows the defaults as a draft it accepts', () => {
    expect(validateSettingsDraft(toSettingsDraft(DEFAULT_SETTINGS))).toEqual({});
  });
});
