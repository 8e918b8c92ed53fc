import type { BrowserContext, Route } from '@playwright/test';
import type { FakeReply, FakeRequest, FakeSaber } from './fake-saber';

/** The Saber origin the extension talks to unless Settings say otherwise. */
export const SABER_ORIGIN = 'https://api.saber.app';

/**
 * Answers a routed request from a transport-free fake (`handle()`), as the network would: a
 * dropped connection aborts, anything else is fulfilled with the fake's status, headers and body.
 */
export async function answerFromFake(route: Route, fake: { handle(request: FakeRequest): Promise<FakeReply> }): Promise<void> {
  const request = route.request();
  const body = request.postData();
  const reply = await fake.handle({
    method: request.method(),
    url: request.url(),
    headers: await request.allHeaders(),
    ...(body ? { body } : {}),
  });
  if ('drop' in reply) await route.abort('connectionfailed');
  else await route.fulfill({ status: reply.status, headers: reply.headers, ...(reply.body ? { body: reply.body } : {}) });
}

/**
 * Serves the in-memory Saber at its address with `context.route`, which also catches the
 * extension service worker's requests, so the production client runs as shipped.
 */
export async function routeFakeSaber(context: BrowserContext, fake: FakeSaber, origin = SABER_ORIGIN): Promise<void> {
  await context.route(`${origin}/**`, (route) => answerFromFake(route, fake));
}
