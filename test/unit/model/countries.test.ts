import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCountryName, isCountryCode, listCountries, toCountryCode } from '../../../lib/model/countries';

describe('countries', () => {
  it.each([
    ['FR', 'FR'],
    ['fr', 'FR'],
    [' France ', 'FR'],
    ['united kingdom', 'GB'],
    ['USA', 'US'],
    ['United States of America', 'US'],
    ['Côte d’Ivoire', 'CI'],
    ['Cote d Ivoire', 'CI'],
    ['DEU', 'DE'],
    ['UK', 'GB'],
    ['uk', 'GB'],
  ])('reads %j as %s', (input, code) => {
    expect(toCountryCode(input)).toBe(code);
  });

  it.each(['XX', 'Narnia', '', '12', 'Europe'])('names no country: %j', (input) => {
    expect(toCountryCode(input)).toBeUndefined();
  });

  it('names every listed country and reads its name back to its code', () => {
    const all = listCountries();
    expect(all.length).toBeGreaterThan(240);
    for (const { code, name } of all) {
      expect(isCountryCode(code)).toBe(true);
      expect(getCountryName(code)).toBe(name);
      expect(toCountryCode(name)).toBe(code);
    }
  });

  it('only upper-case assigned codes are codes (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 3 }), (text) => {
        if (isCountryCode(text)) expect(text).toMatch(/^[A-Z]{2}$/);
      }),
    );
  });
});
