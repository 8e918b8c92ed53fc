import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phoneKey } from '../../../lib/model/identity';

describe('phoneKey', () => {
  it('keeps the digits and a leading +, dropping the separators people write', () => {
    expect(phoneKey('1234445555')).toBe('tel:1234445555');
    expect(phoneKey(' +44 20 7946 0958 ')).toBe('tel:+442079460958');
    expect(phoneKey('(555) 123-4567')).toBe('tel:5551234567');
    expect(phoneKey('+1 (202) 555.0101')).toBe('tel:+12025550101');
    expect(phoneKey('030/1234\u00a05678')).toBe('tel:03012345678');
    expect(phoneKey('(+33) 1 23 45 67 89')).toBe('tel:+33123456789');
  });

  it('refuses what is not a phone number rather than guessing at it', () => {
    const tooShortOrLong = ['', '   ', '+', '1234', '1234567890123456'];
    for (const input of [...tooShortOrLong, 'ext. 12', '555-1234 ext. 5', '12+34567', '++441234567', 'call me']) {
      expect(phoneKey(input), input).toBeUndefined();
    }
    // Only ASCII digits: other scripts' digits are not read as numbers.
    expect(phoneKey('١٢٣٤٥٦٧')).toBeUndefined();
  });

  it('gives one key to one number however it is spaced or bracketed', () => {
    const digits = fc.stringMatching(/^\+?\d{5,15}$/);
    const separator = fc.constantFrom(' ', '-', '.', '/', '(', ')', '\u00a0');
    fc.assert(
      fc.property(digits, fc.array(fc.tuple(fc.nat(), separator), { maxLength: 6 }), (number, inserts) => {
        let spaced = number;
        for (const [at, sep] of inserts) {
          const position = at % (spaced.length + 1);
          spaced = `${spaced.slice(0, position)}${sep}${spaced.slice(position)}`;
        }
        expect(phoneKey(spaced)).toBe(`tel:${number}`);
      }),
    );
  });
});
