import { captureRequestSchema, leadListCaptureSchema } from '../model/capture-request';
import type { LeadListSummary } from '../model/lead-lists';
import { RECORD_ID_MAX } from '../model/limits';
import { CONNECTIONS_CSV_MAX_CHARS } from '../model/list-sources';
import { AUTO_REFRESH } from '../model/refresh';
import type { ContactList } from '../model/schemas';
import { listNameSchema } from '../model/schemas';
import type { Settings } from '../model/settings';
import { z } from '../model/zod';

const id = z
  .string()
  .min(1, { message: 'Required' })
  .max(RECORD_ID_MAX, { message: `At most ${RECORD_ID_MAX} characters` });

/**
 * Every message a page may send the background: its request schema (checked on arrival; a
 * bad field is a 400 naming it) and, in `ResponseMap`, its answer. One map types both ends.
 * Long work answers at once with a `jobId`; its progress is read live from the `jobs` table.
 */
export const requestSchemas = {
  // Core
  ping: z.object({}),
  'lists.rename': z.object({ listId: id, name: listNameSchema }),
  /** `alsoOnSaber`: for a pushed list, delete it on Saber too (queued in the outbox). */
  'lists.delete': z.object({ listId: id, alsoOnSaber: z.boolean().default(false) }),
  /** Runs the list's source again; its items, count and history change only when it succeeds. */
  'lists.refresh': z.object({ listId: id }),
  'lists.setAutoRefresh': z.object({ listId: id, auto: z.enum(AUTO_REFRESH) }),
  /** The list's latest changes were seen. */
  'lists.markSeen': z.object({ listId: id }),
  /** Looks for where the people who left in the latest refresh went. */
  'lists.checkLeavers': z.object({ listId: id }),
  /** The fields to change; the background validates the whole result before anything is stored. */
  'settings.save': z.record(z.string(), z.unknown()),

  // Jobs
  'jobs.cancel': z.object({ jobId: id }),
  /** Removes a finished, failed or cancelled job from the jobs area, with the pages a failed one kept. */
  'jobs.dismiss': z.object({ jobId: id }),
  /** Runs a failed job again from the pages it kept. */
  'jobs.retry': z.object({ jobId: id }),
  /** "Save what was captured": a failed capture's pages become a list marked partial. */
  'jobs.savePartial': z.object({ jobId: id }),

  // LinkedIn's refusals
  /** LinkedIn work held after a cool-down may go on (at its end, if it still runs). */
  'linkedin.resume': z.object({}),
  /** Ends the cool-down now; the panel asks for confirmation first. */
  'linkedin.clearCoolDown': z.object({}),

  // Storage
  /** The browser's answer to `navigator.storage.persist()`, which only the panel can ask. */
  'storage.persistence': z.object({ granted: z.boolean() }),

  // Capture from Sales Navigator
  /** What the tab beside the panel offers: a company page to prefill, a search to replay. */
  'linkedin.readTab': z.object({ url: z.string().max(100_000) }),
  'capture.start': captureRequestSchema,
  'leadLists.list': z.object({}),
  'capture.startLeadList': leadListCaptureSchema,

  // Your network
  /** The first export makes the connections list; later ones refresh it, or with `onlyNew` add only the newest. */
  'network.exportConnections': z.object({ onlyNew: z.boolean().default(false) }),
  'network.exportAddressBook': z.object({}),
  /** A Connections.csv as the panel read it. */
  'network.importConnectionsCsv': z.object({
    fileName: z.string().trim().min(1, { message: 'Required' }).max(255),
    text: z.string().max(CONNECTIONS_CSV_MAX_CHARS, { message: `At most ${CONNECTIONS_CSV_MAX_CHARS} characters` }),
  }),

  // Saber sync
  'saber.testConnection': z.object({}),
  'saber.pull': z.object({}),
  'saber.push': z.object({ listId: id }),
  /** Sends the outbox again after a block (a rejected key): the user's Retry. */
  'saber.retry': z.object({}),
} as const;

export type SalesNavigatorConnectorStatus =
  'connected' | 'disconnected' | 'needs-authentication' | 'ready-to-connect' | 'error' | 'unknown';

/** The filters of a Sales Navigator search page, as far as the New list form can hold them. */
export interface TabSearch {
  filters: { companyLinkedInUrls: string[]; jobTitles: string[]; keywords?: string; countries: string[] };
  /** The page's Rest.li query, cleaned: replayed as is. */
  query: string;
  /** Filters the form cannot show ("Seniority level: Director"); they stay in `query`. */
  unmapped: string[];
}

export interface ResponseMap {
  ping: { version: string; now: string };
  'lists.rename': ContactList;
  'lists.delete': { deleted: true };
  'lists.refresh': { jobId: string };
  'lists.setAutoRefresh': ContactList;
  'lists.markSeen': { seen: true };
  'lists.checkLeavers': { jobId: string };
  'settings.save': Settings;
  'jobs.cancel': { cancelled: boolean };
  'jobs.dismiss': { dismissed: boolean };
  'jobs.retry': { jobId: string };
  'jobs.savePartial': { listId?: string };
  'linkedin.resume': { resumed: true };
  'linkedin.clearCoolDown': { cleared: true };
  'storage.persistence': { granted: boolean };
  'linkedin.readTab': { companyUrl?: string; search?: TabSearch };
  'capture.start': { jobId: string };
  'leadLists.list': { items: LeadListSummary[] };
  'capture.startLeadList': { jobId: string };
  'network.exportConnections': { jobId: string };
  'network.exportAddressBook': { jobId: string };
  'network.importConnectionsCsv': { jobId: string };
  'saber.testConnection': { salesNavigator: SalesNavigatorConnectorStatus };
  'saber.pull': { jobId: string };
  'saber.push': { jobId: string };
  /** The drain job started, when anything was queued. */
  'saber.retry': { jobId?: string };
}

export type MessageType = keyof typeof requestSchemas & keyof ResponseMap;
export type RequestOf<K extends MessageType> = z.input<(typeof requestSchemas)[K]>;
export type ParsedRequestOf<K extends MessageType> = z.output<(typeof requestSchemas)[K]>;
export type ResponseOf<K extends MessageType> = ResponseMap[K];

export const envelopeSchema = z.object({
  type: z.string(),
  payload: z.unknown(),
});
