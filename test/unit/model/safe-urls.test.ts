import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSafeAvatarUrl, toSafeLinkedInUrl } from '../../../lib/model/safe-urls';

describe('toSafeLinkedInUrl', () => {
  it.each([
    ['https://www.linkedin.com/sales/lead/ACwAAA123,NAME_SEARCH,abcd', 'https://www.linkedin.com/sales/lead/ACwAAA123,NAME_SEARCH,abcd'],
    ['https://www.linkedin.com/company/stripe/', 'https://www.linkedin.com/company/stripe/'],
    ['HTTPS://WWW.LINKEDIN.COM/in/ada', 'https://www.linkedin.com/in/ada'],
    ['  https://www.linkedin.com/in/ada  ', 'https://www.linkedin.com/in/ada'],
    ['https://www.linkedin.com/sales/people/ACwAAA123,NAME_SEARCH', 'https://www.linkedin.com/sales/people/ACwAAA123,NAME_SEARCH'],
    ['https://www.linkedin.com/sales/company/1035?x=1#y', 'https://www.linkedin.com/sales/company/1035?x=1#y'],
  ])('keeps %s as %s', (input, expected) => {
    expect(toSafeLinkedInUrl(input)).toBe(expected);
  });

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(document.domain)'],
    ['java\nscript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['http://www.linkedin.com/in/ada'],
    // LinkedIn's open redirect, logout, and pages that are not a person or a company.
    ['https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fevil.example'],
    ['https://www.linkedin.com/m/logout/'],
    ['https://www.linkedin.com/'],
    ['https://www.linkedin.com/in/'],
    ['https://www.linkedin.com/feed/'],
    // The WHATWG parser reads a backslash as a path separator: host linkedin, path `/@evil…`.
    ['https://www.linkedin.com\\@evil.example/x'],
    ['https://www.linkedin.com.evil.com/in/ada'],
    ['https://evil.com/?next=https://www.linkedin.com/'],
    ['https://www.linkedin.com@evil.com/'],
    ['https://user:pass@www.linkedin.com/in/ada'],
    ['https://evil.com@www.linkedin.com/in/ada'],
    ['https://www.linkedin.com:8443/in/ada'],
    ['https://www.linkedin.com./in/ada'],
    ['https://linkedin.com/in/ada'],
    ['https://fr.linkedin.com/in/ada'],
    ['https://www.xn--lnkedin-hya.com/in/ada'],
    ['//www.linkedin.com/in/ada'],
    ['/sales/lead/ACw'],
    ['www.linkedin.com/in/ada'],
    ['chrome-extension://abc/sidepanel.html'],
    [''],
  ])('rejects %j', (input) => {
    expect(toSafeLinkedInUrl(input)).toBeUndefined();
  });

  it('rejects values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, ['https://www.linkedin.com/in/ada']]) {
      expect(toSafeLinkedInUrl(value)).toBeUndefined();
    }
  });

  it('never returns anything but an https URL on www.linkedin.com', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })), (input) => {
        const out = toSafeLinkedInUrl(input);
        if (out === undefined) return;
        const url = new URL(out);
        expect(url.protocol).toBe('https:');
        expect(url.hostname).toBe('www.linkedin.com');
        expect(url.username + url.password + url.port).toBe('');
      }),
    );
  });

  it('accepts any profile or company page, with any query and fragment', () => {
    const page = fc.constantFrom('/sales/lead/', '/sales/people/', '/sales/company/', '/in/', '/company/');
    // A "." or ".." segment (also as %2e) is no page: the URL parser folds it into its parent.
    const segment = fc.webSegment().filter((value) => !/^(?:\.|%2e){0,2}$/i.test(value));
    fc.assert(
      fc.property(page, segment, fc.webQueryParameters(), fc.webFragments(), (prefix, rest, query, fragment) => {
        const input = `https://www.linkedin.com${prefix}${rest}?${query}#${fragment}`;
        expect(toSafeLinkedInUrl(input)).toBe(new URL(input).href);
      }),
    );
  });
});

describe('toSafeAvatarUrl', () => {
  it.each([
    ['https://media.licdn.com/dms/image/v2/C4D03AQ/profile-displayphoto-shrink_200_200/0/1?e=1&v=beta&t=x'],
    ['https://static.licdn.com/aero-v1/sc/h/9c8pery4andzj6ohjkjp54ma2'],
  ])('keeps %s', (input) => {
    expect(toSafeAvatarUrl(input)).toBe(input);
  });

  it.each([
    ['http://media.licdn.com/dms/image/x'],
    ['https://media.licdn.com.evil.com/x.png'],
    ['https://evil.com/media.licdn.com/x.png'],
    ['https://media.licdn.com@evil.com/x.png'],
    ['https://x@media.licdn.com/x.png'],
    ['https://media.licdn.com:444/x.png'],
    ['https://evilmedia.licdn.com/x.png'],
    ['https://media-expx.licdn.com/x.png'],
    // Expired mirrors of older responses, which the CSP's img-src does not allow either.
    ['https://media-exp1.licdn.com/dms/image/C4E03AQ/profile-displayphoto-shrink_100_100/0/1'],
    ['https://www.linkedin.com/in/ada/photo.png'],
    ['javascript:alert(1)'],
    ['data:image/svg+xml,<svg onload=alert(1)>'],
    ['//media.licdn.com/x.png'],
  ])('rejects %j', (input) => {
    expect(toSafeAvatarUrl(input)).toBeUndefined();
  });

  it('never returns anything but an https URL on a LinkedIn media host', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl()), (input) => {
        const out = toSafeAvatarUrl(input);
        if (out === undefined) return;
        const url = new URL(out);
        expect(url.protocol).toBe('https:');
        expect(url.hostname).toMatch(/\.licdn\.com$/);
      }),
    );
  });
});
