/**
 * What identifies one person across sources, as a base-contact key (design.md, "One person
 * across sources"): the member URN for Sales Navigator leads, the normalised public profile URL
 * for connections and LinkedIn's Connections.csv, the normalised email for address-book
 * contacts. Keys are plain strings so that every source's contacts share one `baseContacts` table.
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
