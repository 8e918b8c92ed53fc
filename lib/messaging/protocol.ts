import { createSnapshotSchema } from '../db/local-contact-lists';
import type { ContactList } from '../model/schemas';
import { listNameSchema } from '../model/schemas';
import { z } from '../model/zod';

/**
 * Every message a page may send the background: its request schema (checked on arrival, a
 * bad field is a 400 naming it) and its response type. One map, so both ends are typed from
 * it. Features add their messages in their own section.
 */
export const requestSchemas = {
  // Core
  ping: z.object({}),
  'lists.create': createSnapshotSchema,
  'lists.rename': z.object({ listId: z.string().min(1), name: listNameSchema }),
  'lists.delete': z.object({ listId: z.string().min(1) }),
} as const;

export interface ResponseMap {
  ping: { version: string; now: string };
  'lists.create': ContactList;
  'lists.rename': ContactList;
  'lists.delete': { deleted: true };
}

export type MessageType = keyof typeof requestSchemas & keyof ResponseMap;
export type RequestOf<K extends MessageType> = z.input<(typeof requestSchemas)[K]>;
export type ParsedRequestOf<K extends MessageType> = z.output<(typeof requestSchemas)[K]>;
export type ResponseOf<K extends MessageType> = ResponseMap[K];

export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  payload: RequestOf<K>;
}

export const envelopeSchema = z.object({
  type: z.string(),
  payload: z.unknown(),
});
