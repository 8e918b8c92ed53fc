import type { StoredError } from '../model/errors';
import type { Outcome } from '../model/outcomes';
import type { RunReport } from '../model/refresh';
import type { ContactList, ContactListItem } from '../model/schemas';
import type { ChangeSet, SnapshotSize } from '../model/snapshot-diff';

/** A stored list is the spec's `ContactList` with its local additions. */
export type ListRecord = ContactList;

/**
 * A stored list item: the spec's snapshot plus its 0-based `position` in the list. Items are
 * keyed by `[listId+position]`, so a page is one key-range read and a delete one range delete.
 */
export type ItemRecord = ContactListItem & { position: number };

/** One per person, shared by every list holding them, across sources. */
export interface BaseContactRecord {
  id: string;
  /**
   * Every key that identifies this person (`lib/model/identity.ts`): member URN, profile URL,
   * email. A contact from another source with one of these keys is the same person.
   */
  keys?: string[];
  firstName?: string;
  lastName?: string;
  fullName?: string;
  linkedInSalesNavigatorProfileUrl?: string;
  email?: string;
  phone?: string;
  updatedAt: string;
  /** 1 when the record holds an email, a phone or a key besides its id (what a merge could lose); absent otherwise, so the index stays sparse. */
  detailed?: 1;
}

export const JOB_STATUSES = ['queued', 'running', 'waiting', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'waiting'];
export const ENDED_JOB_STATUSES: readonly JobStatus[] = ['done', 'failed', 'cancelled'];

/**
 * A persisted unit of long work (capture, lead-list import, address-book export, refresh,
 * sync), advanced in short idempotent steps so a restarted service worker resumes it.
 */
export interface JobRecord {
  id: string;
  kind: string;
  /** What the job is about, e.g. the list's name; the panel words the title from it and the kind. */
  subject?: string;
  status: JobStatus;
  /** What the job was asked to do; each job kind parses its own shape. */
  params: unknown;
  /** Where the job is within its kind's steps, e.g. "connector", "pages", "commit". */
  phase: string;
  /** Kind-specific resumable state (cursor, counters). */
  state?: unknown;
  progress: { done: number; total: number; contacts: number };
  attempts: number;
  /**
   * Starts of the current step whose outcome was never recorded (the worker stopped mid-step),
   * counted before the step runs; absent once a step's outcome is recorded.
   */
  tries?: number;
  /** Epoch ms before which the job must not be stepped (backoff, pacing, cool-down). */
  notBefore?: number;
  /** The failure that ended the job, or the last one it is waiting to retry after. */
  error?: StoredError;
  cancelRequested?: boolean;
  /** The list the job created, when done. */
  resultListId?: string;
  /** What the run read, kept and left out (captures, refreshes, imports). */
  report?: RunReport;
  /** What the job did (done, cancelled) or what it waits for, as data for the panel to word. */
  outcome?: Outcome;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

/**
 * A page a job fetched and parsed, waiting for the job's final commit. A failed job keeps its
 * pages (for Retry, or to save what was captured) until it is retried to the end, saved,
 * dismissed or pruned.
 */
export interface StagedPageRecord {
  jobId: string;
  page: number;
  /** Parsed payload; the job kind knows its shape. */
  data: unknown;
  fetchedAt: string;
}

/** A local change that must reach Saber, queued in the same transaction as the change. */
export interface OutboxRecord {
  seq?: number;
  listId: string;
  op: 'create' | 'rename' | 'delete';
  payload: unknown;
  createdAt: string;
  attempts: number;
  notBefore?: number;
  /** Why the last try failed; a rate limit here means a user action must not cut the wait short. */
  lastFailure?: StoredError;
}

/** Small keyed facts: lookup caches, the LinkedIn gate's state. */
export interface MetaRecord {
  key: string;
  value: unknown;
  updatedAt: string;
}

/**
 * One refresh of a list: the version it made, and the change set that turns that version's
 * items back into the previous version's (`lib/model/snapshot-diff.ts`). The newest version is
 * the list's items; older ones are rebuilt by applying change sets newest first. Keyed by
 * `[listId+version]`; version 1 (the capture) has no record.
 */
export interface VersionRecord {
  listId: string;
  /** The version this refresh made (≥ 2). */
  version: number;
  /** When the refresh committed. */
  at: string;
  /** The sizes of the version before and this one, which decide each leaver's reason. */
  older: SnapshotSize;
  newer: SnapshotSize;
  counts: { joined: number; left: number; changed: number };
  changeSet: ChangeSet;
  report?: RunReport;
}

/** Where a person who left a list went, as "Check leavers" found out. Keyed by `[listId+baseContactId]`. */
export interface LeaverRecord {
  listId: string;
  baseContactId: string;
  /** The refresh (version) the person left in. */
  version: number;
  /** `found`: the same member, now at `companyName` as `role`; `notFound`: no match by member id. */
  status: 'found' | 'notFound';
  role?: string;
  companyName?: string;
  checkedAt: string;
}
