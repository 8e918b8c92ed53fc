/**
 * Text folding for comparison, one rule for the whole extension: canonical decomposition,
 * accents dropped, lower case, white space collapsed. "Zoë" matches "zoe" and "ZOË".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * {@link foldText}, then every run of characters that are neither letters nor digits (in any
 * script) becomes one space: for matching words, such as a job title's or a country's name.
 */
export function foldWords(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// The text rule of every name-like field (docs/architecture.md, "Text and limits")
// ---------------------------------------------------------------------------------------------

/**
 * Bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069),
 * the left-to-right, right-to-left and Arabic letter marks. They can make "gpj.exe" read as
 * "exe.jpg"; a name never needs them, and the panel isolates every name instead.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** C0 and C1 controls (tabs and line breaks included) and the Unicode line and paragraph separators. */
const CONTROLS = /[\p{Cc}\u2028\u2029]/u;
/** The controls that break a line or space words apart: a scraped value keeps a space for them. */
const SPACING_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
const OTHER_CONTROLS = /\p{Cc}/gu;
/** With the `u` flag, `\p{Cs}` matches only a surrogate that is not half of a pair. */
const LONE_SURROGATE = /\p{Cs}/u;
/** White space, and the zero-width characters that mean nothing at either end of a name. */
const EDGES = /^[\s\u200B-\u200D\u2060]+|[\s\u200B-\u200D\u2060]+$/g;
const TRAILING = /[\s\u200B-\u200D\u2060]+$/;
/**
 * A character that shows: a letter, digit, punctuation mark or symbol that is not ignorable
 * (Hangul fillers are letters that show nothing) and not the blank braille pattern.
 */
const VISIBLE = /(?![\p{Default_Ignorable_Code_Point}\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

/** What is wrong with text a person typed, before it is normalised. */
export type TextProblem = 'control' | 'loneSurrogate';

/** Why typed text cannot be a name as it is: a control character, or half of a surrogate pair. */
export function findTextProblem(text: string): TextProblem | undefined {
  if (LONE_SURROGATE.test(text)) return 'loneSurrogate';
  if (CONTROLS.test(text)) return 'control';
  return undefined;
}

/** Bidi controls removed, NFC, trimmed of white space and zero-width characters at either end. */
export function normaliseText(text: string): string {
  return trimText(text.replace(BIDI_CONTROLS, '').normalize('NFC'));
}

function trimText(text: string): string {
  return text.replace(EDGES, '');
}

/** Whether `text` has at least one character that shows (a name of zero-width spaces has none). */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}

let segmenter: Intl.Segmenter | undefined;

/** Code points in `text`: what zod's `max` and the spec's `maxLength` count. */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _codePoint of text) count += 1;
  return count;
}

/**
 * `text` cut to at most `max` code points, with "…" for what was cut. It is cut between
 * user-perceived characters (a flag, an emoji with skin tone, a letter with its accents stay
 * whole; a surrogate pair is never split). A single character longer than the room left is cut
 * between its code points.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max || codePointLength(text) <= max) return text;
  const room = Math.max(0, max - 1);
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let head = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = codePointLength(segment);
    if (used + size <= room) {
      head += segment;
      used += size;
      continue;
    }
    if (head === '') head = [...segment].slice(0, room).join('');
    break;
  }
  // Only the end: what is kept stays a prefix of the text.
  return `${head.replace(TRAILING, '')}…`;
}

/**
 * Text LinkedIn or Saber sent, made fit to show and store, never refused: half surrogate pairs
 * become U+FFFD, line breaks and tabs a space, other controls and bidi controls are removed;
 * then NFC, trimmed, and cut to `max` with "…". `undefined` when nothing visible is left, so
 * the field is left out rather than a page failed. Text that `visibleTextSchema` accepts comes
 * back unchanged, and what this returns that schema accepts unchanged.
 */
export function cleanScrapedText(value: string | null | undefined, max: number): string | undefined {
  if (value == null) return undefined;
  const text = normaliseText(value.toWellFormed().replace(SPACING_CONTROLS, ' ').replace(OTHER_CONTROLS, ''));
  if (!hasVisibleText(text)) return undefined;
  return cutText(text, max);
}

/**
 * A name that must be there (a list's): `value` under `cleanScrapedText`, else `fallback`
 * (such as `Lead list 123`) under the same rule. `fallback` must have a letter in it.
 */
export function cleanScrapedName(value: string | null | undefined, fallback: string, max: number): string {
  const name = cleanScrapedText(value, max) ?? cleanScrapedText(fallback, max);
  if (name === undefined) throw new Error('A fallback name must have something visible in it');
  return name;
}
