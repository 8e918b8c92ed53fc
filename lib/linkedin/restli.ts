/**
 * Rest.li 2.0 URL encoding of structured values, as Sales Navigator puts them in its `query`
 * parameter: records `(key:value,…)`, lists `List(a,b)`, and strings whose reserved characters
 * are percent-encoded. Parentheses, commas and colons of the structure stay literal; only
 * keys and string values are encoded.
 */

/** A record keeps its keys in order (a `Map`, so numeric-looking keys are not reordered). */
export type RestliRecord = ReadonlyMap<string, RestliValue>;
export type RestliList = readonly RestliValue[];
export type RestliValue = string | RestliList | RestliRecord;

/** Builds a record from an object literal, skipping `undefined` entries. */
export function restliRecord(entries: Record<string, RestliValue | undefined>): RestliRecord {
  const record = new Map<string, RestliValue>();
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) record.set(key, value);
  return record;
}

/** True for a record `(…)`. */
export function isRestliRecord(value: RestliValue | undefined): value is RestliRecord {
  return value instanceof Map;
}

/** True for a list `List(…)`. */
export function isRestliList(value: RestliValue | undefined): value is RestliList {
  return Array.isArray(value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Percent-encodes a key or string value: everything but RFC 3986's unreserved characters,
 * so `( ) , : '` (Rest.li's syntax) and `& = + # %` (the URL's) can never leak into the
 * structure. A lone surrogate, which has no UTF-8 form, becomes U+FFFD. The empty string is
 * Rest.li's `''`.
 */
export function encodeRestliString(value: string): string {
  if (value === '') return "''";
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD')).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Serialises a value in Rest.li 2.0 URL form. */
export function serializeRestli(value: RestliValue): string {
  if (typeof value === 'string') return encodeRestliString(value);
  if (isRestliList(value)) return `List(${value.map(serializeRestli).join(',')})`;
  const parts: string[] = [];
  for (const [key, item] of value) parts.push(`${encodeRestliString(key)}:${serializeRestli(item)}`);
  return `(${parts.join(',')})`;
}

/** Thrown by `parseRestli` on text that is not Rest.li; callers turn it into their own error. */
export class RestliSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at character ${position + 1}`);
    this.name = 'RestliSyntaxError';
  }
}

/** Deepest nesting accepted: real queries nest 5 levels; this bounds the recursion. */
const MAX_DEPTH = 32;

/**
 * Parses Rest.li 2.0 URL form into values with decoded strings. Lenient where pasted
 * addresses are: colons may appear unencoded inside a value (`id:urn:li:organization:1`),
 * and a `%` that starts no valid escape is kept as typed.
 */
export function parseRestli(text: string): RestliValue {
  let pos = 0;

  const fail = (message: string): never => {
    throw new RestliSyntaxError(message, pos);
  };

  const readToken = (stops: string): string => {
    const start = pos;
    while (pos < text.length && !stops.includes(text[pos] as string)) pos += 1;
    return text.slice(start, pos);
  };

  const readValue = (depth: number): RestliValue => {
    if (depth > MAX_DEPTH) fail('Nested too deeply');
    if (text[pos] === '(') return readRecord(depth);
    if (text.startsWith('List(', pos)) return readList(depth);
    const token = readToken(',)(');
    if (text[pos] === '(') fail('Unexpected "("');
    return decodeToken(token);
  };

  const readList = (depth: number): RestliList => {
    pos += 'List('.length;
    const items: RestliValue[] = [];
    if (text[pos] === ')') {
      pos += 1;
      return items;
    }
    for (;;) {
      items.push(readValue(depth + 1));
      const next = text[pos];
      pos += 1;
      if (next === ')') return items;
      if (next !== ',') fail('Expected "," or ")" in a list');
    }
  };

  const readRecord = (depth: number): RestliRecord => {
    pos += 1;
    const record = new Map<string, RestliValue>();
    if (text[pos] === ')') {
      pos += 1;
      return record;
    }
    for (;;) {
      const key = readToken(':,()');
      if (!key) fail('Expected a key');
      if (text[pos] !== ':') fail('Expected ":" after a key');
      pos += 1;
      record.set(decodeToken(key), readValue(depth + 1));
      const next = text[pos];
      pos += 1;
      if (next === ')') return record;
      if (next !== ',') fail('Expected "," or ")" in a record');
    }
  };

  const value = readValue(0);
  if (pos !== text.length) fail('Unexpected text after the value');
  return value;
}

function decodeToken(token: string): string {
  if (token === "''") return '';
  return decodeLeniently(token);
}

/** Decodes percent-escapes; a malformed escape sequence is left as it was written. */
export function decodeLeniently(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}
