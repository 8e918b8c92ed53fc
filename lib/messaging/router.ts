import { ApiError, parseOrThrow } from '../model/errors';
import { envelopeSchema, requestSchemas, type MessageType, type ParsedRequestOf, type ResponseOf } from './protocol';
import { toReply, type Reply } from './reply';

export type Handlers = {
  [K in MessageType]: (payload: ParsedRequestOf<K>) => Promise<ResponseOf<K>>;
};

/** Who sent a message, as `runtime.onMessage` describes it (`MessageSender`'s fields the check reads). */
export interface MessageSender {
  id?: string;
  url?: string;
}

/** The extension itself: its id, and the URL prefix of its pages (`chrome-extension://<id>/`). */
export interface OwnExtension {
  id: string;
  pagesUrl: string;
}

/**
 * Whether `sender` is one of the extension's own pages: the same extension id AND a page URL
 * under the extension's origin. A content script carries the extension's id but the web page's
 * URL, and another extension another id; neither may drive the background.
 */
export function isOwnPage(sender: MessageSender, self: OwnExtension): boolean {
  return sender.id === self.id && typeof sender.url === 'string' && sender.url.startsWith(self.pagesUrl);
}

/**
 * Builds the background's message dispatcher as a plain async function, so tests call it
 * directly. A message from anywhere but the extension's own pages is refused before it is read;
 * unknown types and bad payloads are 400s naming the field; every failure is returned as the
 * typed error, never thrown across the channel.
 */
export function createRouter(handlers: Handlers, self: OwnExtension) {
  return (message: unknown, sender: MessageSender): Promise<Reply<unknown>> =>
    toReply(async () => {
      if (!isOwnPage(sender, self)) {
        throw new ApiError({ error: 'forbidden', message: "Only Listwright's own pages may send it messages" });
      }
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
