import type { FakeLinkedIn } from './fake-linkedin';

/**
 * The fake as a browser's `fetch`, for unit tests that run the extension's own clients against
 * it. Where Node's `Response` differs from Chrome's, it answers as Chrome does: a redirect asked
 * not to be followed (`redirect: 'manual'`) is an opaque response with status 0, a status Node
 * refuses to construct (LinkedIn's 999) is still the status read, and a dropped connection
 * rejects with a `TypeError`.
 */
export function fakeLinkedInFetch(fake: Pick<FakeLinkedIn, 'handle'>): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    const reply = await fake.handle({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      ...(body ? { body } : {}),
    });
    if ('drop' in reply) throw new TypeError('fetch failed');
    if (reply.status >= 300 && reply.status < 400 && request.redirect === 'manual') {
      return answerAs(new Response(null, { status: 200 }), 0, 'opaqueredirect');
    }
    const bodyless = reply.status === 204 || reply.status === 304 || (reply.status >= 300 && reply.status < 400);
    if (reply.status < 200 || reply.status > 599) {
      return answerAs(new Response(reply.body ?? null, { status: 200, headers: reply.headers }), reply.status, 'basic');
    }
    return new Response(bodyless ? null : (reply.body ?? null), { status: reply.status, headers: reply.headers });
  };
}

/** A real `Response` whose status and type are what Chrome would report. */
function answerAs(response: Response, status: number, type: ResponseType): Response {
  Object.defineProperties(response, {
    status: { value: status },
    ok: { value: status >= 200 && status <= 299 },
    type: { value: type },
  });
  return response;
}
