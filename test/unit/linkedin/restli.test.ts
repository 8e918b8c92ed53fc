import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeRestliString,
  parseRestli,
  restliRecord,
  RestliSyntaxError,
  serializeRestli,
  type RestliValue,
} from '../../../lib/linkedin/restli';

describe('encodeRestliString', () => {
  it.each([
    ['VP Sales', 'VP%20Sales'],
    [`R&D (EMEA), Sales: 'VP' "Head"`, 'R%26D%20%28EMEA%29%2C%20Sales%3A%20%27VP%27%20%22Head%22'],
    ['50% off!*', '50%25%20off%21%2A'],
    ['a=b+c#d?e/f', 'a%3Db%2Bc%23d%3Fe%2Ff'],
    ['مدير', '%D9%85%D8%AF%D9%8A%D8%B1'],
    ['销售总监', '%E9%94%80%E5%94%AE%E6%80%BB%E7%9B%91'],
    ['Zürich', 'Z%C3%BCrich'],
    ['🚀', '%F0%9F%9A%80'],
    ['urn:li:organization:1035', 'urn%3Ali%3Aorganization%3A1035'],
    ['already-safe_text.~', 'already-safe_text.~'],
    ['', "''"],
  ])('encodes %j as %s', (input, expected) => {
    expect(encodeRestliString(input)).toBe(expected);
  });

  it('replaces a lone surrogate, which has no UTF-8 form, instead of throwing', () => {
    expect(encodeRestliString('a\uD800b')).toBe('a%EF%BF%BDb');
    expect(encodeRestliString('\uDC00')).toBe('%EF%BF%BD');
  });
});

describe('serializeRestli', () => {
  it('writes records, lists and strings with literal structure', () => {
    const value = restliRecord({
      a: 'x y',
      b: ['1', restliRecord({ c: '' })],
      d: [],
      e: restliRecord({}),
      skipped: undefined,
    });
    expect(serializeRestli(value)).toBe("(a:x%20y,b:List(1,(c:'')),d:List(),e:())");
  });

  it('keeps numeric-looking keys in the order given', () => {
    expect(
      serializeRestli(
        new Map([
          ['b', '1'],
          ['10', '2'],
          ['2', '3'],
        ]),
      ),
    ).toBe('(b:1,10:2,2:3)');
  });
});

describe('parseRestli', () => {
  it('reads the structure and decodes values', () => {
    const value = parseRestli("(a:x%20y,b:List(1,(c:'')),d:List(),e:())");
    expect(value).toEqual(
      new Map<string, RestliValue>([
        ['a', 'x y'],
        ['b', ['1', new Map([['c', '']])]],
        ['d', []],
        ['e', new Map()],
      ]),
    );
  });

  it('accepts colons left unencoded inside a value, as pasted addresses have them', () => {
    expect(parseRestli('(id:urn:li:organization:1035,text:Acme)')).toEqual(
      new Map([
        ['id', 'urn:li:organization:1035'],
        ['text', 'Acme'],
      ]),
    );
  });

  it('keeps a malformed escape as written', () => {
    expect(parseRestli('(text:50%,b:%E9%94%80%ZZ)')).toEqual(
      new Map([
        ['text', '50%'],
        ['b', '销%ZZ'],
      ]),
    );
  });

  it.each([['(a:1'], ['(a:1))'], ['(a)'], ['(:1)'], ['List(1'], ['(a:b(c))'], ['(a:1,)'], ['(a:1;b:2)x'], ['x(']])('rejects %j', (text) => {
    expect(() => parseRestli(text)).toThrow(RestliSyntaxError);
  });

  it('rejects absurd nesting without overflowing the stack', () => {
    expect(() => parseRestli('List('.repeat(10_000))).toThrow(RestliSyntaxError);
  });

  const restliValue: fc.Arbitrary<RestliValue> = fc.letrec<{ value: RestliValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.string({ unit: 'binary' }),
      fc.array(tie('value'), { maxLength: 4 }),
      fc
        .uniqueArray(fc.tuple(fc.string({ unit: 'binary', minLength: 1 }), tie('value')), {
          maxLength: 4,
          selector: ([key]) => key,
        })
        .map((entries) => new Map(entries)),
    ),
  })).value;

  it('round-trips every value, whatever its strings contain', () => {
    fc.assert(
      fc.property(restliValue, (value) => {
        const text = serializeRestli(value);
        expect(parseRestli(text)).toEqual(value);
        expect(serializeRestli(parseRestli(text))).toBe(text);
      }),
    );
  });

  it('never lets a string add structure: an encoded value is one token', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(encodeRestliString(text)).toMatch(/^(?:''|[A-Za-z0-9\-_.~%]+)$/);
      }),
    );
  });
});
