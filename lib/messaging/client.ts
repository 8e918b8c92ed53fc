import type { MessageType, RequestOf, ResponseOf } from './protocol';
import { unwrapReply } from './reply';

/** Sends `runtime.sendMessage`-shaped messages; injected so pages and tests share the client. */
export type Transport = (message: unknown) => Promise<unknown>;

/**
 * A typed client for the background. Rejects with `ApiError` when the background answers
 * with an error.
 */
export function createMessenger(transport: Transport) {
  return function send<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    return transport({ type, payload }).then((reply) => unwrapReply<ResponseOf<K>>(reply));
  };
}
export type Messenger = ReturnType<typeof createMessenger>;
