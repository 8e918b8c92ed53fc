import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/model/errors';
import { classifyFailure, MAX_WAIT_MS } from '../../../lib/model/retry';
import { toSaberError } from '../../../lib/saber/errors';

const NOW = Date.parse('2026-11-22T09:00:00.000Z');

describe('toSaberError reads all three documented shapes', () => {
  it("the spec's {error, message, details}", () => {
    const error = toSaberError(
      400,
      { error: 'validation_error', message: 'Bad filters', details: [{ field: 'filters.countries[0]', message: 'Not ISO' }] },
      NOW,
    );
    expect(error.toJSON()).toEqual({
      error: 'validation_error',
      message: 'saber.invalid',
      reason: { code: 'saber.invalid', params: { saberMessage: 'Bad filters' } },
      details: [{ field: 'filters.countries[0]', message: 'Not ISO' }],
      status: 400,
      upstreamStatus: 400,
    });
  });

  it("Saber's docs' {error: {type, code, message, requestId, fields}}", () => {
    const error = toSaberError(
      400,
      {
        error: {
          type: 'invalid_request_error',
          code: 'invalid_filters',
          message: 'Bad filters',
          requestId: 'req_42',
          fields: [{ field: 'name', message: 'Too long' }, 'keywords is odd'],
        },
      },
      NOW,
    );
    expect(error).toMatchObject({
      error: 'validation_error',
      status: 400,
      reason: { params: { saberMessage: 'Bad filters (request req_42)' } },
    });
    expect(error.details).toEqual([{ field: 'name', message: 'Too long' }, { message: 'keywords is odd' }]);
  });

  it("the rate limiter's {statusCode, message, error, retryAfter}", () => {
    const error = toSaberError(429, { statusCode: 429, message: 'ThrottlerException', error: 'Too Many Requests', retryAfter: 30 }, NOW);
    expect(error).toMatchObject({
      error: 'rate_limited',
      status: 429,
      retryAt: NOW + 30_000,
      reason: { code: 'saber.rateLimited', params: { saberMessage: 'ThrottlerException' } },
    });
  });

  it('a Retry-After header wins over the body, and no ask holds longer than a day', () => {
    expect(toSaberError(429, { statusCode: 429, message: 'x', retryAfter: 30 }, NOW, '5').retryAt).toBe(NOW + 5_000);
    expect(toSaberError(429, { statusCode: 429, message: 'x', retryAfter: 1e12 }, NOW).retryAt).toBe(NOW + MAX_WAIT_MS);
  });

  it('a connector failure becomes connector_error whatever the shape', () => {
    expect(toSaberError(400, { error: 'connector_error', message: 'x' }, NOW).error).toBe('connector_error');
    expect(toSaberError(400, { error: { type: 'connector', code: 'sales_navigator_disconnected', message: 'x' } }, NOW).error).toBe(
      'connector_error',
    );
    expect(toSaberError(424, { error: 'failed_dependency', message: 'LinkedIn Sales Navigator is not connected' }, NOW).error).toBe(
      'connector_error',
    );
  });

  it('every status maps to a code, and a 401 is always the rejected key', () => {
    const codes = [400, 401, 403, 404, 409, 410, 413, 422, 429, 500, 502, 503, 504].map((status) => [
      status,
      toSaberError(status, undefined, NOW).error,
    ]);
    expect(Object.fromEntries(codes)).toEqual({
      400: 'validation_error',
      401: 'unauthorized',
      403: 'forbidden',
      404: 'not_available',
      409: 'conflict',
      410: 'upstream_error',
      413: 'upstream_error',
      422: 'validation_error',
      429: 'rate_limited',
      500: 'upstream_error',
      502: 'upstream_error',
      503: 'upstream_error',
      504: 'timeout',
    });
    expect(toSaberError(401, { error: 'unauthorized', message: 'Key revoked' }, NOW)).toMatchObject({
      reason: { code: 'saber.keyRejected' },
      details: [{ field: 'saberApiKey', message: 'Key revoked' }],
    });
  });

  it('a status the mapping has no meaning for is a verdict, never retried', () => {
    for (const status of [410, 413, 418, 451]) {
      const error = toSaberError(status, { error: 'gone', message: 'This list was archived' }, NOW);
      expect(error).toMatchObject({
        error: 'upstream_error',
        upstreamStatus: status,
        reason: { code: 'saber.refused', params: { status } },
      });
      expect(classifyFailure(error)).toBe('permanent');
    }
    expect(classifyFailure(toSaberError(503, undefined, NOW))).toBe('transient');
  });

  it('any body at all gives the typed error with the HTTP status and a reason, never a throw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), fc.jsonValue(), (status, body) => {
        const error = toSaberError(status, body, NOW);
        expect(error).toBeInstanceOf(ApiError);
        expect(error.status).toBe(status);
        expect(error.reason?.code).toMatch(/^saber\./);
      }),
    );
  });
});

describe('a 404 means "no such list" only when Saber says so', () => {
  it("Saber's own shapes with a not-found code", () => {
    const bodies = [
      { error: 'not_found', message: 'Contact list "cl_1" was not found' },
      { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such list' } },
      { error: { type: 'not_found', message: 'No such list', requestId: 'req_1' } },
      { statusCode: 404, message: 'Contact list "cl_1" was not found', error: 'Not Found' },
    ];
    for (const body of bodies)
      expect(toSaberError(404, body, NOW), JSON.stringify(body)).toMatchObject({ error: 'not_found', status: 404 });
  });

  it('anything else is the wrong address, pointing at the base URL setting', () => {
    const bodies = [
      undefined,
      '<html>Not Found</html>',
      { message: 'Not Found' },
      { error: 'bad_request', message: 'Unknown list' },
      // The web framework's answer for a path it has no route for: the base URL's path is wrong.
      { statusCode: 404, message: 'Cannot GET /v2/v1/contacts/lists', error: 'Not Found' },
    ];
    for (const body of bodies) {
      expect(toSaberError(404, body, NOW).toJSON(), JSON.stringify(body)).toEqual({
        error: 'not_available',
        message: 'saber.wrongAddress',
        reason: { code: 'saber.wrongAddress', params: { status: 404 } },
        details: [{ field: 'saberBaseUrl', message: 'Saber did not answer at this address' }],
        status: 404,
        upstreamStatus: 404,
      });
    }
  });
});
