import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError, parseOrThrow } from '../../../lib/model/errors';
import {
  cleanScrapedName,
  cleanScrapedText,
  codePointLength,
  cutText,
  findTextProblem,
  hasVisibleText,
  normaliseText,
} from '../../../lib/model/text';
import { visibleTextSchema } from '../../../lib/model/text-schema';
import { z } from '../../../lib/model/zod';
import { HOSTILE_STRINGS } from '../../fixtures/hostile/strings';
import { ruleText, smallMax } from './text-arbitraries';

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

const nameSchema = visibleTextSchema({ label: 'Name', max: 200 });
const parseName = (text: unknown) => nameSchema.safeParse(text);
const refusal = (text: unknown, schema: z.ZodType = nameSchema) => {
  const result = schema.safeParse(text);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message);
};

describe('visibleTextSchema (what a person types)', () => {
  it('removes bidi controls, composes (NFC) and trims', () => {
    expect(nameSchema.parse('  \u202EAda\u202C Lovelace\u200F ')).toBe('Ada Lovelace');
    expect(nameSchema.parse('Zoe\u0308')).toBe('Zoë');
    expect(nameSchema.parse('\u200BAda\u2060')).toBe('Ada');
    expect(nameSchema.parse(HOSTILE_STRINGS.emojiSequences)).toBe(HOSTILE_STRINGS.emojiSequences);
  });

  it('refuses control characters, line breaks and tabs with one message naming the field', () => {
    for (const text of ['VP\nSales', 'VP\tSales', 'VP\r\nSales', 'a\u0000b', 'a\u009Bb', 'a\u2028b', HOSTILE_STRINGS.controls]) {
      expect(refusal(text), JSON.stringify(text)).toEqual(['Name must not contain line breaks, tabs or other control characters']);
    }
  });

  it('refuses half a surrogate pair', () => {
    expect(refusal(HOSTILE_STRINGS.loneHighSurrogate)).toEqual(['Name has a broken character in it; type it again']);
    expect(refusal(HOSTILE_STRINGS.loneLowSurrogate)).toEqual(['Name has a broken character in it; type it again']);
  });

  it('refuses a name with nothing visible in it', () => {
    expect(refusal('   ')).toEqual(['Name must not be empty']);
    expect(refusal(HOSTILE_STRINGS.zeroWidthOnly)).toEqual(['Name must not be empty']);
    for (const text of [
      '\u00AD',
      HOSTILE_STRINGS.hangulFillerOnly,
      HOSTILE_STRINGS.brailleBlankOnly,
      '\u0301',
      '\u202E\u2066\u2069\u00AD',
    ]) {
      expect(refusal(text), JSON.stringify(text)).toEqual([expect.stringMatching(/^Name (must have a letter|must not be empty)/)]);
    }
  });

  it('counts the limit after normalising, and names it', () => {
    expect(parseName(`${'a'.repeat(200)}\u202E`).success).toBe(true);
    expect(refusal('a'.repeat(201))).toEqual(['Name must be at most 200 characters']);
    expect(refusal(42)).toEqual(['Name must be text']);
  });

  it('accepts empty text only when asked to', () => {
    const keywords = visibleTextSchema({ label: 'Keywords', max: 10, allowEmpty: true });
    expect(keywords.parse(' \u200B ')).toBe('');
    expect(refusal('\u2800', keywords)).toEqual(['Keywords must have a letter, digit or symbol in it']);
  });

  it('names the field of a nested input through ApiError', () => {
    const schema = z.object({ filters: z.object({ jobTitles: z.array(visibleTextSchema({ label: 'Job title', max: 200 })) }) });
    expect(() => parseOrThrow(schema, { filters: { jobTitles: ['CTO', 'VP\nSales'] } })).toThrow(
      expect.objectContaining({
        details: [{ field: 'filters.jobTitles[1]', message: 'Job title must not contain line breaks, tabs or other control characters' }],
      }),
    );
  });

  it('is a string of maxLength in JSON Schema, as the spec contract test reads it', () => {
    expect(z.toJSONSchema(nameSchema, { io: 'input', unrepresentable: 'any' })).toMatchObject({ type: 'string', maxLength: 200 });
  });

  it('on any text: accepts a normalised, visible, short enough string, or refuses with one message naming the field', () => {
    fc.assert(
      fc.property(ruleText(), smallMax, (text, max) => {
        const schema = visibleTextSchema({ label: 'Field', max });
        const result = schema.safeParse(text);
        if (!result.success) {
          expect(result.error.issues).toHaveLength(1);
          expect(result.error.issues[0]?.message).toMatch(/^Field /);
          return;
        }
        const value = result.data;
        expect(findTextProblem(text)).toBeUndefined();
        expect(value.length).toBeGreaterThan(0);
        expect(codePointLength(value)).toBeLessThanOrEqual(max);
        expect(hasVisibleText(value)).toBe(true);
        expect(BIDI.test(value)).toBe(false);
        expect(value).toBe(value.normalize('NFC'));
        expect(value).toBe(normaliseText(value));
        // Read back unchanged: accepting it again, or reading it as scraped text, keeps it.
        expect(schema.parse(value)).toBe(value);
        expect(cleanScrapedText(value, max)).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cleanScrapedText (what LinkedIn and Saber send)', () => {
  it('keeps ordinary text as it is', () => {
    expect(cleanScrapedText('  Ada Lovelace ', 200)).toBe('Ada Lovelace');
    expect(cleanScrapedText(HOSTILE_STRINGS.scriptTag, 200)).toBe(HOSTILE_STRINGS.scriptTag);
    expect(cleanScrapedText(HOSTILE_STRINGS.emojiSequences, 200)).toBe(HOSTILE_STRINGS.emojiSequences);
  });

  it('makes line breaks and tabs a space, drops other controls and bidi controls, mends half pairs', () => {
    expect(cleanScrapedText(HOSTILE_STRINGS.lineBreaks, 200)).toBe('VP Sales and Marketing EMEA');
    expect(cleanScrapedText(HOSTILE_STRINGS.controls, 200)).toBe('Ada[31m Lovelace');
    expect(cleanScrapedText(HOSTILE_STRINGS.rtlOverride, 200)).toBe('gnp.exe Ada');
    expect(cleanScrapedText(HOSTILE_STRINGS.loneHighSurrogate, 200)).toBe('Ada \uFFFD Lovelace');
    expect(cleanScrapedText(HOSTILE_STRINGS.decomposed, 200)).toBe('Zoë Café');
  });

  it('leaves the field out when nothing visible is left', () => {
    for (const text of [null, undefined, '', ' \n\t ', HOSTILE_STRINGS.zeroWidthOnly, HOSTILE_STRINGS.hangulFillerOnly, '\u202E\u202C']) {
      expect(cleanScrapedText(text, 200), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('cuts a 10,000-character field to the limit with an ellipsis, never inside a character', () => {
    expect(cleanScrapedText(HOSTILE_STRINGS.long, 300)).toBe(`${'Long name '.repeat(29)}Long name…`);
    const cjk = cleanScrapedText(HOSTILE_STRINGS.longCjk, 200)!;
    expect(cjk).toBe(`${'李'.repeat(199)}…`);
    // Each is 4 code points (woman, skin tone, joiner, computer): 49 whole ones fit in 199.
    const emoji = cleanScrapedText(HOSTILE_STRINGS.longEmoji, 200)!;
    expect(emoji).toBe(`${'👩🏽‍💻'.repeat(49)}…`);
    expect(emoji.isWellFormed()).toBe(true);
  });

  it('gives a name that must be there its fallback', () => {
    expect(cleanScrapedName(HOSTILE_STRINGS.zeroWidthOnly, 'Lead list 42', 200)).toBe('Lead list 42');
    expect(cleanScrapedName(' Q4 ', 'Lead list 42', 200)).toBe('Q4');
  });

  it('on any text: never throws, and gives text the strict rule takes as it is, once and for all', () => {
    fc.assert(
      fc.property(fc.option(ruleText(60), { nil: undefined }), smallMax, (text, max) => {
        const cleaned = cleanScrapedText(text, max);
        if (cleaned === undefined) return;
        expect(codePointLength(cleaned)).toBeLessThanOrEqual(max);
        expect(cleaned.isWellFormed()).toBe(true);
        expect(CONTROL.test(cleaned)).toBe(false);
        expect(BIDI.test(cleaned)).toBe(false);
        expect(hasVisibleText(cleaned)).toBe(true);
        expect(cleanScrapedText(cleaned, max)).toBe(cleaned);
        expect(visibleTextSchema({ label: 'Field', max }).parse(cleaned)).toBe(cleaned);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cutText', () => {
  it('cuts between user-perceived characters, never a flag, an emoji sequence or a letter from its accent', () => {
    expect(cutText('ab🇯🇵cd', 4)).toBe('ab…');
    expect(cutText('e\u0301e\u0301e\u0301', 5)).toBe('e\u0301e\u0301…');
    // One letter with 600 marks is one character: cut between its code points.
    expect(cutText(HOSTILE_STRINGS.zalgo, 10)).toBe(`Z${'\u0301\u0316\u0337'.repeat(2)}\u0301\u0316…`);
    expect(cutText('short', 5)).toBe('short');
  });

  it('on any text: fits the limit, keeps a prefix, and splits no surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), smallMax, (text, max) => {
        const cut = cutText(text, max);
        expect(codePointLength(cut)).toBeLessThanOrEqual(max);
        expect(cut.isWellFormed()).toBe(true);
        if (cut !== text) {
          expect(cut.endsWith('…')).toBe(true);
          expect(text.startsWith(cut.slice(0, -1).trimEnd())).toBe(true);
        }
      }),
    );
  });
});

describe('the hostile corpus', () => {
  it('is refused or read back normalised by the strict rule, and shown or left out by the lenient one', () => {
    for (const [key, text] of Object.entries(HOSTILE_STRINGS)) {
      const strict = parseName(text);
      const lenient = cleanScrapedText(text, 200);
      if (strict.success) expect(strict.data, key).toBe(lenient);
      else expect(strict.error.issues, key).toHaveLength(1);
      if (lenient !== undefined) expect(parseName(lenient).success, key).toBe(true);
    }
  });

  it('never throws out of ApiError.fromZod', () => {
    for (const text of Object.values(HOSTILE_STRINGS)) {
      const result = z.object({ name: nameSchema }).safeParse({ name: text });
      if (!result.success) expect(ApiError.fromZod(result.error).details?.[0]?.field).toBe('name');
    }
  });
});
