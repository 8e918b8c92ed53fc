import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { foldWords } from './text';

countries.registerLocale(english);

const ALPHA2 = /^[A-Za-z]{2}$/;

/** True when `code` is an assigned ISO 3166-1 alpha-2 code, upper case as the spec stores it. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

/** English short name of an alpha-2 code ("FR" → "France"), or the code itself when unknown. */
export function getCountryName(code: string): string {
  return countries.getName(code.toUpperCase(), 'en', { select: 'official' }) ?? code;
}

/**
 * Turns what a person typed ("fr", "FR", "France", "united kingdom", "USA") into an alpha-2
 * code, or `undefined` when it names no country.
 */
export function toCountryCode(input: string): string | undefined {
  const value = input.trim();
  // Two letters that are not a code may still be a name people use ("UK" for GB).
  if (ALPHA2.test(value) && countries.isValid(value.toUpperCase())) return value.toUpperCase();
  if (/^[A-Za-z]{3}$/.test(value)) {
    const code = countries.alpha3ToAlpha2(value.toUpperCase());
    if (code) return code;
  }
  return countries.getAlpha2Code(value, 'en') ?? findByAlias(value);
}

let aliases: Map<string, string> | undefined;

function findByAlias(value: string): string | undefined {
  if (!aliases) {
    aliases = new Map();
    for (const [code, names] of Object.entries(countries.getNames('en', { select: 'all' }))) {
      for (const name of names) aliases.set(foldWords(name), code);
    }
  }
  return aliases.get(foldWords(value));
}

/**
 * English names of an alpha-2 code from the library: its common name (`alias`), its official
 * one, or all it knows. Callers use these rather than the library, which needs the English
 * locale registered first (done above).
 */
export function englishCountryNames(code: string): { common?: string; official?: string; all: string[] } {
  const upper = code.toUpperCase();
  return {
    common: countries.getName(upper, 'en', { select: 'alias' }),
    official: countries.getName(upper, 'en', { select: 'official' }),
    all: countries.getName(upper, 'en', { select: 'all' }) ?? [],
  };
}

/** Every country as `{ code, name }`, sorted by name, for pickers. */
export function listCountries(): { code: string; name: string }[] {
  return Object.entries(countries.getNames('en', { select: 'official' }))
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
