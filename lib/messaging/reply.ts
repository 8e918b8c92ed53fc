import { ApiError, isErrorCode, type ErrorReason, type SerializedApiError } from '../model/errors';
import { readOutcome } from '../model/outcomes';
import { errorResponseSchema } from '../model/schemas';
import { z } from '../model/zod';

const serializedApiErrorSchema = errorResponseSchema.extend({
  error: z.string().refine(isErrorCode, { message: 'Unknown error code' }),
  status: z.int().min(100).max(999),
  reason: z.unknown().optional(),
  retryAt: z.number().optional(),
  upstreamStatus: z.int().optional(),
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
  if (!parsed.success) {
    return new ApiError({ error: 'internal_error', message: 'The background answered with an error it could not describe' });
  }
  const { reason, error, ...rest } = parsed.data;
  // A reason this version cannot word is dropped; the error's code and message still say what happened.
  const known = readOutcome(reason);
  return new ApiError({
    ...rest,
    error,
    ...(known ? { reason: { code: known.code, params: known.params } as ErrorReason } : {}),
  });
}
