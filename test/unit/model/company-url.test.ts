import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCompanyUrl } from '../../../lib/model/company-url';

describe('parseCompanyUrl', () => {
  it.each([
    ['https://www.linkedin.com/company/stripe', { kind: 'slug', slug: 'stripe', url: 'https://www.linkedin.com/company/stripe' }],
    ['https://www.linkedin.com/company/stripe/', { kind: 'slug', slug: 'stripe', url: 'https://www.linkedin.com/company/stripe' }],
    [
      'linkedin.com/company/stripe/people/?keywords=vp#top',
      { kind: 'slug', slug: 'stripe', url: 'https://www.linkedin.com/company/stripe' },
    ],
    [
      'www.linkedin.com/company/stripe?trk=public_profile',
      { kind: 'slug', slug: 'stripe', url: 'https://www.linkedin.com/company/stripe' },
    ],
    [
      'http://fr.linkedin.com/company/soci%C3%A9t%C3%A9-g%C3%A9n%C3%A9rale/',
      { kind: 'slug', slug: 'société-générale', url: 'https://www.linkedin.com/company/soci%C3%A9t%C3%A9-g%C3%A9n%C3%A9rale' },
    ],
    ['  HTTPS://WWW.LINKEDIN.COM/company/1035/  ', { kind: 'id', id: '1035', url: 'https://www.linkedin.com/company/1035' }],
    ['https://www.linkedin.com/company/1035/about/', { kind: 'id', id: '1035', url: 'https://www.linkedin.com/company/1035' }],
    ['https://www.linkedin.com/sales/company/1035', { kind: 'id', id: '1035', url: 'https://www.linkedin.com/company/1035' }],
    [
      'https://www.linkedin.com/sales/company/1035/people?_ntb=abc#x',
      { kind: 'id', id: '1035', url: 'https://www.linkedin.com/company/1035' },
    ],
  ])('reads %s', (input, expected) => {
    expect(parseCompanyUrl(input)).toEqual(expected);
  });

  it.each([
    ['https://www.linkedin.com/in/ada-lovelace'],
    ['https://www.linkedin.com/sales/lead/ACwAAA,NAME_SEARCH,abc'],
    ['https://www.linkedin.com/sales/company/stripe'],
    ['https://www.linkedin.com/school/stanford-university'],
    ['https://www.linkedin.com/company/'],
    ['https://www.linkedin.com/company/a%2Fb'],
    ['https://www.linkedin.com/company/a%00b'],
    ['https://www.linkedin.com/company/a%20b'],
    ['https://www.linkedin.com/company/%E0%A4%A'],
    ['https://linkedin.com.evil.example/company/stripe'],
    ['https://evil.example/company/stripe'],
    ['https://evil.example/www.linkedin.com/company/stripe'],
    ['https://www.linkedin.com@evil.example/company/stripe'],
    ['https://user:pass@www.linkedin.com/company/stripe'],
    ['https://www.linkedin.com:8443/company/stripe'],
    ['ftp://www.linkedin.com/company/stripe'],
    ['javascript:alert(1)//www.linkedin.com/company/stripe'],
    ['stripe'],
    ['https://www.linkedin.com/company/stripe and more'],
    [''],
  ])('rejects %j', (input) => {
    expect(parseCompanyUrl(input)).toBeUndefined();
  });

  it('rejects every URL on another host', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('https://', 'http://', ''),
        fc.domain(),
        fc.constantFrom('/company/stripe', '/company/1035/', '/sales/company/1035', '/linkedin.com/company/x'),
        (scheme, domain, path) => {
          fc.pre(!/^(?:(?:www|[a-z]{2})\.)?linkedin\.com$/i.test(domain));
          expect(parseCompanyUrl(`${scheme}${domain}${path}`)).toBeUndefined();
        },
      ),
    );
  });

  it('rejects every LinkedIn URL whose path is not a company page', () => {
    const segment = fc.oneof(
      fc.constantFrom('in', 'sales', 'lead', 'school', 'showcase', 'feed', 'company', 'companies', '1035', 'stripe'),
      // Empty, "." and ".." segments vanish from a URL path; they are not part of what is tested.
      fc
        .string({ minLength: 1, maxLength: 8 })
        .filter((text) => text !== '.' && text !== '..')
        .map(encodeURIComponent),
    );
    const path = fc
      .array(segment, { maxLength: 4 })
      .filter((segments) => segments[0] !== 'company' && !(segments[0] === 'sales' && segments[1] === 'company'));
    fc.assert(
      fc.property(path, (segments) => {
        expect(parseCompanyUrl(`https://www.linkedin.com/${segments.join('/')}`)).toBeUndefined();
      }),
    );
  });

  it('rejects arbitrary text that names no LinkedIn company', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        fc.pre(!/linkedin\.com\/(?:sales\/)?company\//i.test(text));
        expect(parseCompanyUrl(text)).toBeUndefined();
      }),
    );
  });

  it('turns whatever it accepts into a canonical https://www.linkedin.com/company/… URL that reads back the same', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.webSegment(), fc.string({ unit: 'binary', minLength: 1 })),
        fc.constantFrom('https://www.', 'http://', 'www.', '', 'https://de.'),
        fc.webPath(),
        (slug, prefix, tail) => {
          const ref = parseCompanyUrl(`${prefix}linkedin.com/company/${encodeURIComponent(slug)}${tail}`);
          if (!ref) return;
          const url = new URL(ref.url);
          expect(url.origin).toBe('https://www.linkedin.com');
          expect(url.pathname.split('/').slice(0, 2)).toEqual(['', 'company']);
          expect(parseCompanyUrl(ref.url)).toEqual(ref);
        },
      ),
    );
  });
});

describe('parseCompanyUrl on invisible characters', () => {
  it('refuses a company part with bidi controls, zero-width characters or half a surrogate pair', () => {
    for (const url of [
      'https://www.linkedin.com/company/\u202Eepirts',
      'https://www.linkedin.com/company/str\u200Bipe',
      'https://www.linkedin.com/company/stripe%E2%80%8B',
      'https://www.linkedin.com/company/%ED%A0%80',
      'https://www.linkedin.com/company/stripe\uD800',
    ]) {
      expect(parseCompanyUrl(url), JSON.stringify(url)).toBeUndefined();
    }
    expect(parseCompanyUrl('https://www.linkedin.com/company/株式会社')?.kind).toBe('slug');
  });
});
