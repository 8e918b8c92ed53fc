import { ApiError, type SerializedApiError } from '../model/errors';

/** What crosses `runtime.sendMessage`: data, or the typed error as plain JSON. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: SerializedApiError };

export function toReply<T>(run: () => Promise<T>): Promise<Reply<T>> {
  return run().then(
    (data) => ({ ok: true as const, data }),
    (error: unknown) => ({ ok: false as const, error: ApiError.from(error).toJSON() }),
  );
}

export function unwrapReply<T>(reply: unknown): T {
  if (reply && typeof reply === 'object' && 'ok' in reply) {
    const typed = reply as Reply<T>;
    if (typed.ok) return typed.data;
    throw ApiError.from(typed.error);
  }
  throw new ApiError({ error: 'internal_error', message: 'The background did not answer' });
}
