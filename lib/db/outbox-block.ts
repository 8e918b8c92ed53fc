import { ApiError, isErrorCode, reasonOf } from '../model/errors';
import { outcomeSchema } from '../model/outcome-schema';
import { z } from '../model/zod';
import type { ProspectDb } from './database';
import { OUTBOX_BLOCK_KEY } from './meta-keys';

/**
 * Why nothing is sent to Saber until the user acts: Saber rejected the key, the key is missing,
 * or Chrome withholds the address. Stored, so that the periodic alarm, a settings write that
 * changes neither key nor address, and a worker start send nothing and start no job; it goes
 * when the key or the base URL changes, or the user presses Retry. Codes only, no sentence.
 */
const storedBlockSchema = z.object({
  error: z.string().refine(isErrorCode, { message: 'Unknown error code' }),
  reason: outcomeSchema,
  since: z.iso.datetime(),
});

/** The outbox's block as read back: the error to show and to answer with, and since when. */
export interface OutboxBlock {
  error: ApiError;
  since: string;
}

/** The block, or undefined; a record this version cannot read counts as none (the next refusal stores it again). */
export async function readOutboxBlock(db: ProspectDb): Promise<OutboxBlock | undefined> {
  const record = await db.meta.get(OUTBOX_BLOCK_KEY);
  const parsed = storedBlockSchema.safeParse(record?.value);
  if (!parsed.success) return undefined;
  const { error, reason, since } = parsed.data;
  const { retryAt: _when, ...why } = reason;
  return { error: new ApiError({ error, reason: why }), since };
}

/** Blocks the outbox with `error`; inside the caller's transaction over `meta` when it writes more. */
export async function writeOutboxBlock(db: ProspectDb, error: ApiError, now: number): Promise<void> {
  const at = new Date(now).toISOString();
  await db.meta.put({ key: OUTBOX_BLOCK_KEY, value: { error: error.error, reason: reasonOf(error), since: at }, updatedAt: at });
}

/** Lifts the block: the key or address changed, or the user asked to try again. */
export async function clearOutboxBlock(db: ProspectDb): Promise<void> {
  await db.meta.delete(OUTBOX_BLOCK_KEY);
}
