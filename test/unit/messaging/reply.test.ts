import { describe, expect, it } from 'vitest';
import { readSerializedError, toReply, unwrapReply } from '../../../lib/messaging/reply';
import { ApiError } from '../../../lib/model/errors';

describe('reply', () => {
  it('carries a typed error across as JSON and rebuilds it with every field', async () => {
    const original = new ApiError({
      error: 'rate_limited',
      message: 'LinkedIn asked us to slow down',
      details: [{ field: 'size', message: 'Too many pages today' }],
      retryAt: Date.parse('2026-11-26T22:00:00.000Z'),
    });
    const reply = await toReply(() => Promise.reject(original));
    const rebuilt = (() => {
      try {
        return unwrapReply(JSON.parse(JSON.stringify(reply)));
      } catch (error) {
        return error;
      }
    })();
    expect(rebuilt).toBeInstanceOf(ApiError);
    expect((rebuilt as ApiError).toJSON()).toEqual(original.toJSON());
  });

  it.each([[{ error: 'not_found' }], [{ error: 'x', message: 'y', status: 42 }], ['a string'], [null]])(
    'reads an error it cannot describe (%j) as internal_error, never as something else',
    (value) => {
      expect(readSerializedError(value).toJSON()).toEqual({
        error: 'internal_error',
        message: 'The background answered with an error it could not describe',
        status: 500,
      });
    },
  );

  it('wraps a thrown value that is not a typed error as internal_error with its message', () => {
    expect(ApiError.from(new Error('boom')).toJSON()).toEqual({ error: 'internal_error', message: 'boom', status: 500 });
    const typed = ApiError.notFound('Contact list', 'x');
    expect(ApiError.from(typed)).toBe(typed);
  });
});
