import type { FakeSaber } from './fake-saber';

/**
 * The fake as a `fetch`, for unit tests that need no socket: a dropped connection rejects
 * the way a real `fetch` does when the network fails.
 */
export function fakeSaberFetch(fake: FakeSaber) {
  return async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    const reply = await fake.handle({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      ...(body ? { body } : {}),
    });
    if ('drop' in reply) throw new TypeError('fetch failed');
    return new Response(reply.body ?? null, { status: reply.status, headers: reply.headers });
  };
}
