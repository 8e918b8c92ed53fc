import { emailKey, phoneKey } from '../model/identity';
import { SCRAPED_TEXT_MAX } from '../model/limits';
import type { SnapshotContact } from '../model/snapshot';
import { cleanScrapedText } from '../model/text';
import { z } from '../model/zod';
import { TASK_ID_HEADER } from './constants';
import { formatChanged } from './failures';
import { clean, definedOnly } from './text';

/**
 * The pure parts of LinkedIn's Contacts API (the address-book export, OAuth): reading the task
 * id a POST to `CONTACT_EXPORTER_TASKS_URL` answers with, and reading the task a GET of
 * `contactExporterTaskUrl(id)` answers with. Shape as documented by LinkedIn
 * (learn.microsoft.com/linkedin/shared/integrations/people/contacts-api): `status` is
 * `IN_PROGRESS`, `SUCCEEDED` or `FAILED`; a succeeded task's `result~` holds every contact
 * (`emailAddress`, `name`, `phoneNumber.number`) in one answer and `expiresAt`, after which the
 * result is gone and a new task is needed.
 */

const ENDPOINT = 'contactExporterTasks';
/** A status LinkedIn does not document is reported, cut to this length, never looped on. */
const RAW_STATUS_MAX = 64;

/** The task id from the POST's answer (`x-linkedin-id`); `undefined` when absent or blank. */
export function readTaskId(headers: Headers): string | undefined {
  return clean(headers.get(TASK_ID_HEADER));
}

const text = z.string().nullish();

export const addressBookContactSchema = z.object({
  emailAddress: text,
  name: text,
  phoneNumber: z.object({ number: text }).nullish(),
});

export const contactExporterTaskSchema = z
  .object({
    id: text,
    /** `urn:li:person:…`, the member whose address book it is. */
    owner: text,
    status: z.string(),
    /** `urn:li:contactExporterTaskResult:(…)`, decorated as `result~` by the projection. */
    result: text,
    'result~': z
      .object({
        contacts: z.array(addressBookContactSchema),
        /** When the result stops being available, epoch milliseconds. */
        expiresAt: z.int().min(0),
      })
      .nullish(),
  })
  .refine((task) => task.status !== 'SUCCEEDED' || Boolean(task['result~']), {
    message: 'A succeeded task carries its result',
    path: ['result~'],
  });

/** Why an address-book contact was left out. Codes, not sentences: the run report stores them. */
export const ADDRESS_BOOK_SKIP_CODES = [
  /** Neither a valid email address nor a phone number to tell the person by. */
  'missing_key',
  /** The same email address (else phone number) as an earlier contact. */
  'duplicate',
] as const;
export type AddressBookSkipCode = (typeof ADDRESS_BOOK_SKIP_CODES)[number];

export interface SkippedAddressBookContact {
  /** Position in the result's `contacts`, from 0. */
  index: number;
  code: AddressBookSkipCode;
}

/** A task as the job needs it: wait, read the contacts, give up, or give up on a status nobody documented. */
export type ContactExporterTask =
  | { status: 'IN_PROGRESS' }
  | {
      status: 'SUCCEEDED';
      contacts: SnapshotContact[];
      skipped: SkippedAddressBookContact[];
      /** Epoch ms; a task whose result has expired must be started again. */
      expiresAt: number;
    }
  | { status: 'FAILED' }
  | { status: 'UNKNOWN'; raw: string };

/** Reads a task; throws `linkedin_format_changed` when the body is not a task (or a succeeded one without its result). */
export function parseTask(body: unknown): ContactExporterTask {
  const parsed = contactExporterTaskSchema.safeParse(body);
  if (!parsed.success) throw formatChanged(ENDPOINT, parsed.error.issues);
  const task = parsed.data;
  const result = task['result~'];
  if (task.status === 'SUCCEEDED' && result) {
    const contacts: SnapshotContact[] = [];
    const skipped: SkippedAddressBookContact[] = [];
    const seen = new Set<string>();
    result.contacts.forEach((entry, index) => {
      const contact = readContact(entry);
      if (!contact || seen.has(contact.baseContactId)) {
        skipped.push({ index, code: contact ? 'duplicate' : 'missing_key' });
        return;
      }
      seen.add(contact.baseContactId);
      contacts.push(contact);
    });
    return { status: 'SUCCEEDED', contacts, skipped, expiresAt: result.expiresAt };
  }
  if (task.status === 'IN_PROGRESS' || task.status === 'FAILED') return { status: task.status };
  return { status: 'UNKNOWN', raw: task.status.slice(0, RAW_STATUS_MAX) };
}

function readContact(entry: z.output<typeof addressBookContactSchema>): SnapshotContact | undefined {
  const address = clean(entry.emailAddress);
  const mailKey = address === undefined ? undefined : emailKey(address);
  const phone = clean(entry.phoneNumber?.number);
  const baseContactId = mailKey ?? (phone === undefined ? undefined : phoneKey(phone));
  if (!baseContactId) return undefined;
  const fullName = cleanScrapedText(entry.name, SCRAPED_TEXT_MAX.personName);
  return definedOnly({
    baseContactId,
    ...(fullName ? splitName(fullName) : {}),
    fullName,
    email: mailKey ? address : undefined,
    phone,
  });
}

// A word of a Latin-script name: Latin letters and their accents, apostrophes, hyphens, dots.
const LATIN_WORD = /^(?=.*\p{Script=Latin})[\p{Script=Latin}\p{M}'’.-]+$/u;

/**
 * First and last name from a full name, when a guess is safe: `Last, First` when there is
 * exactly one comma and one word before it (`Lovelace, Ada`, not `Ada Lovelace, PhD`); else a
 * split on the last space when every word is in Latin script. Anything else (one word, other
 * scripts, some of them written without spaces, or family name first) keeps only the full name.
 */
function splitName(fullName: string): { firstName?: string; lastName?: string } {
  const commaParts = fullName.split(',');
  if (commaParts.length === 2) {
    const last = commaParts[0]!.trim();
    const first = clean(commaParts[1]);
    return first && last && !/\s/.test(last) ? { firstName: first, lastName: last } : {};
  }
  if (commaParts.length > 2) return {};
  const words = fullName.trim().split(/\s+/);
  if (words.length < 2 || !words.every((word) => LATIN_WORD.test(word))) return {};
  return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1) };
}
