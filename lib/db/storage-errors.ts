import { ApiError, failure } from '../model/errors';

/**
 * Whether `thrown` is IndexedDB refusing to store more: a `QuotaExceededError`, thrown as is
 * or, as Dexie reports it in some browsers, inside the `AbortError` of the aborted transaction.
 */
export function isQuotaError(thrown: unknown): boolean {
  if (!(thrown instanceof Error)) return false;
  if (thrown.name === 'QuotaExceededError') return true;
  const inner: unknown = (thrown as { inner?: unknown }).inner;
  return inner !== thrown && isQuotaError(inner);
}

/** The error a caught value stands for, a full disk being its own case (`storage_full`, `storage.full`). */
export function storageAwareError(thrown: unknown): ApiError {
  if (!(thrown instanceof ApiError) && isQuotaError(thrown)) return failure('storage_full', 'storage.full', {});
  return ApiError.from(thrown);
}
