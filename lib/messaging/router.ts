import { ApiError, parseOrThrow } from '../model/errors';
import { envelopeSchema, requestSchemas, type MessageType, type ParsedRequestOf, type ResponseOf } from './protocol';
import { toReply, type Reply } from './reply';

export type Handlers = {
  [K in MessageType]: (payload: ParsedRequestOf<K>) => Promise<ResponseOf<K>>;
};

/**
 * Builds the background's message dispatcher as a plain async function, so tests call it
 * directly. Unknown types and bad payloads are 400s naming the field; every failure is
 * returned as the typed error, never thrown across the channel.
 */
export function createRouter(handlers: Handlers) {
  return (message: unknown): Promise<Reply<unknown>> =>
    toReply(async () => {
      const { type, payload } = parseOrThrow(envelopeSchema, message);
      if (!Object.hasOwn(requestSchemas, type)) {
        throw new ApiError({
          error: 'validation_error',
          message: `Unknown message type "${type}"`,
          details: [{ field: 'type', message: 'Unknown message type' }],
        });
      }
      const key = type as MessageType;
      const parsed: unknown = parseOrThrow(requestSchemas[key], payload ?? {}, 'payload');
      const handler = handlers[key] as (p: unknown) => Promise<unknown>;
      return handler(parsed);
    });
}
