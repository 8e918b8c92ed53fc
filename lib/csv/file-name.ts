import { localDay } from '../model/dates';

/** The most UTF-8 bytes kept from a list name: room for the date, the extension and " (12)". */
export const FILE_STEM_MAX_BYTES = 120;

/** What a name that sanitises to nothing becomes. */
export const FALLBACK_FILE_STEM = 'list';

/** The file stem of "Export all". */
export const ALL_LISTS_FILE_STEM = 'All lists';

// Forbidden on Windows (<>:"/\|?*), ":" also on macOS, "/" everywhere; C0, DEL and C1 controls (exactly `\p{Cc}`).
const FORBIDDEN = /[<>:"/\\|?*\p{Cc}]/gu;
// Bidirectional overrides and isolates let "gpj.exe" pose as "exe.jpg" in a file manager.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Device names Windows will not open as files, even with an extension ("CON.x.csv").
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])\s*$/i;

const encoder = new TextEncoder();

/**
 * `<list name>-<yyyy-mm-dd>.csv`, with the name made safe for Windows, macOS, Linux and
 * ChromeOS: forbidden and control characters become `_`, bidi controls go, whitespace runs
 * become one space, leading dots and spaces (hidden files) and trailing dots and spaces go,
 * Windows device names get a `_` prefix, and the name is cut at a whole grapheme to at most
 * {@link FILE_STEM_MAX_BYTES} UTF-8 bytes. The date is the user's local date at `now`.
 */
export function csvFileName(listName: string, now: number): string {
  return `${safeFileStem(listName)}-${localDay(now)}.csv`;
}

/** A list name as a file stem that every OS accepts (see {@link csvFileName}). */
export function safeFileStem(name: string): string {
  let stem = name.normalize('NFC').replace(BIDI_CONTROLS, '').replace(FORBIDDEN, '_').replace(/\s+/gu, ' ');
  stem = truncateUtf8(stem, FILE_STEM_MAX_BYTES).replace(/^[\s.]+|[\s.]+$/gu, '');
  if (stem === '') return FALLBACK_FILE_STEM;
  // The date follows the stem, so only a part before a dot can be a whole device name.
  const dot = stem.indexOf('.');
  return dot >= 0 && WINDOWS_RESERVED.test(stem.slice(0, dot)) ? `_${stem}` : stem;
}

/** The longest prefix of whole graphemes (an emoji, a letter with its accents) within `maxBytes`. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    bytes += encoder.encode(segment).length;
    if (bytes > maxBytes) break;
    out += segment;
  }
  return out;
}
