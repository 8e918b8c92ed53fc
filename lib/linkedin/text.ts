/** Text as LinkedIn sent it, trimmed; `undefined` when nothing is left. */
export function clean(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

/** The object without its `undefined` properties: a stored contact carries only what is known. */
export function definedOnly<T extends object>(value: T): T {
  // A loop, not entries/fromEntries: this runs once per contact of a 30,000-row import.
  const out: Partial<T> = {};
  for (const key in value) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out as T;
}
