import { runReportSchema } from './refresh';
import { contactListFiltersSchema, contactListItemSchema, listNameSchema, listSourceSchema, syncStateSchema } from './schemas';
import { z } from './zod';

/** The most contacts one snapshot may hold (a full address book stays well below it). */
export const SNAPSHOT_MAX_CONTACTS = 100_000;

/** A contact as a capture, an import or a pull delivers it: the spec's item without its list fields. */
export const snapshotContactSchema = contactListItemSchema.omit({ id: true, listId: true, createdAt: true });
export type SnapshotContact = z.infer<typeof snapshotContactSchema>;

/** What the local store commits: a complete point-in-time snapshot. */
export const createSnapshotSchema = z.object({
  name: listNameSchema,
  filters: contactListFiltersSchema.default({}),
  contacts: z
    .array(snapshotContactSchema)
    .max(SNAPSHOT_MAX_CONTACTS, { message: `A list holds at most ${SNAPSHOT_MAX_CONTACTS} contacts` }),
  source: listSourceSchema.optional(),
  matchedCount: z.int().min(0).optional(),
  sync: syncStateSchema.optional(),
  report: runReportSchema.optional(),
});
export type CreateSnapshot = z.input<typeof createSnapshotSchema>;
