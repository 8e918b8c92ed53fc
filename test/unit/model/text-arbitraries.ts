import fc from 'fast-check';
import { HOSTILE_STRINGS } from '../../fixtures/hostile/strings';

/**
 * Text for properties over the text rule: ordinary letters of several scripts mixed with what
 * the rule is about (controls, bidi and zero-width characters, half surrogate pairs, combining
 * marks, emoji sequences, white space) and pieces of the hostile corpus.
 */
const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'Z', '7', 'é', 'ß', '李', 'Ж', 'م', 'א', 'ñ', '…', '"', '<', '=', '-', '.') },
  { weight: 2, arbitrary: fc.constantFrom(' ', '  ', '\u00A0', '\u3000', '\t', '\n', '\r\n', '\u2028', '\u0085') },
  { weight: 2, arbitrary: fc.constantFrom('\u0000', '\u0007', '\u001B', '\u007F', '\u009B') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u3164', '\u2800', '\u00AD', '\uFE0F') },
  { weight: 1, arbitrary: fc.constantFrom('\uD83D', '\uDE00', '\uDBFF', '\uDC00') },
  { weight: 2, arbitrary: fc.constantFrom('e\u0301', '\u0301', '\u0308', '👩🏽‍💻', '🇯🇵', '😀', '𝔘', '\u{20000}', '🏴󠁧󠁢󠁳󠁣󠁴󠁿') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(...Object.values(HOSTILE_STRINGS).map((text) => text.slice(0, 40))) },
);

/** Any text, biased towards what the text rule handles. */
export const ruleText = (maxLength = 40) => fc.string({ unit, maxLength });

/** A length limit small enough for `ruleText` to go over it often. */
export const smallMax = fc.integer({ min: 1, max: 30 });
