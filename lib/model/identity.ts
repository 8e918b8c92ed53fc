/**
 * What identifies one person across sources, as a base-contact key (design.md, "One person
 * across sources"): the member URN for Sales Navigator leads, the normalised public profile URL
 * for connections and LinkedIn's Connections.csv, the normalised email for address-book
 * contacts, else their phone number. Keys are plain strings so that every source's contacts share one `baseContacts` table.
 */

const MEMBER_URN = /^urn:li:member:\d+$/;
const LINKEDIN_HOST = /^(?:[a-z]{2,3}\.|www\.)?linkedin\.com$/;

/** `urn:li:member:123` as given, or `undefined` for anything else. */
export function memberKey(urn: string): string | undefined {
  const text = urn.trim();
  return MEMBER_URN.test(text) ? text : undefined;
}

/**
 * A public profile URL in one canonical form, `https://www.linkedin.com/in/<vanity>`, or
 * `undefined` when it is not one. Accepts any scheme-less, `http:`, country-subdomain or
 * trailing-path form LinkedIn links take; the vanity name is decoded and lower-cased (LinkedIn
 * treats it case-insensitively), then encoded once.
 */
export function profileUrlKey(input: string): string | undefined {
  const text = input.trim();
  if (!text || /\s/.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.port) return undefined;
  if (!LINKEDIN_HOST.test(url.hostname.toLowerCase())) return undefined;
  const [first, second] = url.pathname.split('/').filter(Boolean);
  if (first !== 'in' || !second) return undefined;
  let vanity: string;
  try {
    vanity = decodeURIComponent(second).trim().toLowerCase();
  } catch {
    return undefined;
  }
  if (!vanity || /[\s/?#\p{Cc}]/u.test(vanity)) return undefined;
  return `https://www.linkedin.com/in/${encodeURIComponent(vanity)}`;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

/** An email address as a key, `mailto:<address>` lower-cased, or `undefined` when it is not one. */
export function emailKey(input: string): string | undefined {
  const text = input.trim().toLowerCase();
  return EMAIL.test(text) ? `mailto:${text}` : undefined;
}

// What people write between the digits of a phone number: spaces, dashes, dots, slashes, brackets.
const PHONE_SEPARATORS = /[\s()./-]/g;
// E.164 allows at most 15 digits; fewer than 5 is an extension or a short code, not a person.
const PHONE_DIGITS = /^\+?\d{5,15}$/;

/**
 * A phone number as a key, `tel:<digits>` with a leading `+` kept, or `undefined` when it is
 * not one. Only separators are dropped: a number with letters (`ext. 12`) or a `+` anywhere but
 * in front is not guessed at, and no country code is added (the same person written with and
 * without one gets two keys, which is safer than merging two people).
 */
export function phoneKey(input: string): string | undefined {
  const text = input.trim().replace(PHONE_SEPARATORS, '');
  return PHONE_DIGITS.test(text) ? `tel:${text}` : undefined;
}
