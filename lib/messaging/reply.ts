import { ApiError, type SerializedApiError } from '../model/errors';
import { errorResponseSchema } from '../model/schemas';
import { z } from '../model/zod';

const serializedApiErrorSchema = errorResponseSchema.extend({
  status: z.int().min(100).max(999),
  retryAt: z.number().optional(),
});

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
    throw readSerializedError(typed.error);
  }
  throw new ApiError({ error: 'internal_error', message: 'The background did not answer' });
}

/** Rebuilds an error that crossed the messaging boundary as JSON; an unreadable one is `internal_error`. */
export function readSerializedError(value: unknown): ApiError {
  const parsed = serializedApiErrorSchema.safeParse(value);
  if (parsed.success) return new ApiError(parsed.data);
  return new ApiError({ error: 'internal_error', message: 'The background answered with an error it could not describe' });
}
