import type { BrowserContext } from '@playwright/test';
import { answerFromFake } from '../fake-saber/playwright';
import { API_HOST, linkedInMediaReply, MEDIA_HOST, sessionCookies, WWW_HOST, type FakeLinkedIn } from './fake-linkedin';

/**
 * Serves a `FakeLinkedIn` at LinkedIn's real origins with `context.route` (which also catches
 * the extension service worker's requests): Sales Navigator and Voyager on www.linkedin.com,
 * the Contacts API on api.linkedin.com, member photos on media.licdn.com.
 */
export async function routeFakeLinkedIn(context: BrowserContext, fake: FakeLinkedIn): Promise<void> {
  for (const host of [WWW_HOST, API_HOST, MEDIA_HOST]) {
    await context.route(`https://${host}/**`, (route) => answerFromFake(route, fake));
  }
}

/** Generated member photos on media.licdn.com alone, for tests that need no LinkedIn fake. */
export async function routeLinkedInMedia(context: BrowserContext): Promise<void> {
  await context.route(`https://${MEDIA_HOST}/**`, (route) => route.fulfill(linkedInMediaReply(route.request().url())));
}

/**
 * Signs the browser in, as far as cookies go: `JSESSIONID` (whose value the fake expects back
 * as `csrf-token`), `li_at`, and `li_a` when the account has a Sales Navigator seat. Without a
 * fake, the default session with a seat.
 */
export async function signIn(context: BrowserContext, fake?: Pick<FakeLinkedIn, 'sessionCookies'>): Promise<void> {
  const cookies = fake?.sessionCookies() ?? sessionCookies();
  // Persistent, as a logged-in browser keeps its LinkedIn login across a restart.
  const expires = Math.floor(Date.now() / 1000) + 365 * 24 * 3600;
  await context.addCookies(
    cookies.map((cookie) => ({ ...cookie, domain: '.linkedin.com', path: '/', secure: true, sameSite: 'None' as const, expires })),
  );
}
