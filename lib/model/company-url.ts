/** A company named by a LinkedIn URL: either its numeric organization id or its URL slug. */
export type CompanyRef = { kind: 'id'; id: string; url: string } | { kind: 'slug'; slug: string; url: string };

const HOST = /^(?:(?:www|[a-z]{2})\.)?linkedin\.com$/i;

/**
 * Reads a LinkedIn company URL: `linkedin.com/company/<slug>`, `/company/<numeric id>` or a
 * Sales Navigator `/sales/company/<id>`, with or without scheme or `www.`, with trailing
 * paths, query or fragment. Returns `undefined` for anything else (other hosts, `/in/`
 * profiles, junk, a company part with invisible characters). `url` is the canonical
 * `https://www.linkedin.com/company/<slug or id>`.
 */
export function parseCompanyUrl(input: string): CompanyRef | undefined {
  const text = input.trim();
  if (!text || /\s/.test(text) || !text.isWellFormed()) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || url.port || !HOST.test(url.hostname)) return undefined;

  const segments = url.pathname.split('/').filter(Boolean);
  const [first, second, third] = segments;
  if (first === 'sales' && second === 'company' && third && /^\d+$/.test(third)) {
    return { kind: 'id', id: third, url: canonical(third) };
  }
  if (first !== 'company' || !second) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(second).trim();
  } catch {
    return undefined;
  }
  // Format characters (zero-width, bidi controls) would make two slugs that look the same.
  if (!name || /[\s/?#\p{Cc}\p{Cf}]/u.test(name) || !name.isWellFormed()) return undefined;
  if (/^\d+$/.test(name)) return { kind: 'id', id: name, url: canonical(name) };
  return { kind: 'slug', slug: name, url: canonical(name) };
}

function canonical(slugOrId: string): string {
  return `https://www.linkedin.com/company/${encodeURIComponent(slugOrId)}`;
}
