import type { MessageType, RequestOf, ResponseOf } from './protocol';

/** Sends `runtime.sendMessage`-shaped messages; injected so pages and tests share the client. */
export type Transport = (message: unknown) => Promise<unknown>;

/**
 * A typed client for the background. Rejects with `ApiError` when the background answers
 * with an error.
 */
export function createMessenger(transport: Transport) {
  return function send<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    // The reply reader (zod and the model's schemas) loads with the first message, not with the
    // panel: the Lists view shows the lists from IndexedDB before anything is sent.
    return Promise.all([transport({ type, payload }), import('./reply')]).then(([reply, { unwrapReply }]) =>
      unwrapReply<ResponseOf<K>>(reply),
    );
  };
}
export type Messenger = ReturnType<typeof createMessenger>;
