/**
 * Which URLs from scraped data the panel may put into the page. Everything in a snapshot came
 * from LinkedIn's responses (or a Saber pull) and is untrusted: a profile link is rendered
 * only when it is an `https:` URL on `www.linkedin.com`, an avatar only when it is served by
 * one of LinkedIn's media hosts. Callers render the returned, normalised `href`, never the
 * raw input, so what the browser would follow is exactly what was checked.
 */

const PROFILE_HOSTS: ReadonlySet<string> = new Set(['www.linkedin.com']);

// Only the pages a contact or company link should open: a URL from a Saber pull is merely a
// valid URL, and www.linkedin.com also serves `/redir/redirect?url=…` (an open redirect) and
// `/m/logout/`, which a click must never reach.
const PAGE_PATH = /^\/(?:sales\/lead|sales\/people|sales\/company|in|company)\/[^/]/;

/**
 * The hosts a photo may come from: LinkedIn serves member photos from media.licdn.com and its
 * default "ghost" pictures from static.licdn.com. The manifest's CSP (`img-src`, wxt.config.ts)
 * allows exactly these, so the filter and the browser agree. The numbered media-expN mirrors of
 * older responses are left out: their URLs expired long ago (`e=`), and a CSP source cannot
 * name them without allowing every licdn.com host.
 */
export const AVATAR_HOSTS: readonly string[] = ['media.licdn.com', 'static.licdn.com'];

function parseHttps(value: unknown): URL | undefined {
  if (typeof value !== 'string' || value.length > 4096) return undefined;
  // Only absolute URLs: a relative one would resolve against the extension's own origin.
  if (!/^https:\/\//i.test(value.trim())) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return undefined;
  return url;
}

/** A LinkedIn profile or company page link, normalised, or `undefined`. */
export function toSafeLinkedInUrl(value: unknown): string | undefined {
  const url = parseHttps(value);
  return url && PROFILE_HOSTS.has(url.hostname) && PAGE_PATH.test(url.pathname) ? url.href : undefined;
}

/** A profile-photo URL on LinkedIn's media hosts, normalised, or `undefined`. */
export function toSafeAvatarUrl(value: unknown): string | undefined {
  const url = parseHttps(value);
  return url && AVATAR_HOSTS.includes(url.hostname) ? url.href : undefined;
}
