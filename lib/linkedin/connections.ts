import { profileUrlKey } from '../model/identity';
import { SCRAPED_TEXT_MAX } from '../model/limits';
import type { SnapshotContact } from '../model/snapshot';
import { z } from '../model/zod';
import { PUBLIC_PROFILE_URL } from './constants';
import { formatChanged } from './failures';
import { toSafeAvatarUrl } from '../model/safe-urls';
import { cleanScrapedText } from '../model/text';
import { clean, definedOnly } from './text';

/**
 * One page of the user's connections (`connectionsUrl`), in LinkedIn's normalized form:
 * `data['*elements']` lists the page's Connection URNs in order, `included[]` holds the
 * entities they point to, each named by its `$type`. A Connection (`urn:li:fsd_connection:…`)
 * carries the day it was made (`createdAt`) and the connected member's profile URN; the Profile
 * (`urn:li:fsd_profile:…`) carries the names, headline, vanity name and picture. Entities of
 * other types are ignored; a known entity in an unknown shape fails the page.
 */

const ENDPOINT = 'relationships/dash/connections';

/** The `$type`s the page is read from (public code that reads this endpoint tells entities apart by them). */
export const CONNECTION_TYPE = 'com.linkedin.voyager.dash.relationships.Connection';
export const PROFILE_TYPE = 'com.linkedin.voyager.dash.identity.profile.Profile';

// The last millisecond of 9999: a later `createdAt` has no `yyyy-mm-dd` day.
const LAST_DAY_MS = 253_402_300_799_999;

const text = z.string().nullish();

const vectorImageSchema = z.object({
  rootUrl: z.string(),
  artifacts: z.array(
    z.object({
      width: z.number().min(0),
      height: z.number().min(0),
      fileIdentifyingUrlPathSegment: z.string(),
    }),
  ),
});

export const connectionEntitySchema = z
  .object({
    $type: z.literal(CONNECTION_TYPE),
    entityUrn: z.string(),
    /** When the two became connected, epoch milliseconds. */
    createdAt: z.int().min(0).max(LAST_DAY_MS).nullish(),
    /** The connected member's profile URN; the decoration repeats it as `*connectedMemberResolutionResult`. */
    connectedMember: z.string().nullish(),
    '*connectedMemberResolutionResult': z.string().nullish(),
  })
  .refine((connection) => Boolean(connection.connectedMember ?? connection['*connectedMemberResolutionResult']), {
    message: 'A connection names its member',
    path: ['connectedMember'],
  });

export const profileEntitySchema = z.object({
  $type: z.literal(PROFILE_TYPE),
  entityUrn: z.string(),
  firstName: text,
  lastName: text,
  headline: text,
  /** The vanity name of `https://www.linkedin.com/in/<publicIdentifier>`. */
  publicIdentifier: text,
  profilePicture: z.object({ displayImageReference: z.object({ vectorImage: vectorImageSchema.nullish() }).nullish() }).nullish(),
});

export const connectionsPageSchema = z.object({
  data: z.object({
    '*elements': z.array(z.string()),
    /** No reliable total: a page shorter than the page size is the last. */
    paging: z.object({ start: z.int().min(0), count: z.int().min(0) }),
  }),
  included: z.array(z.looseObject({ $type: z.string() })),
});

/** Why a connection of the page was left out. Codes, not sentences: the run report stores them. */
export const CONNECTION_SKIP_CODES = [
  /** The page lists a connection it does not include. */
  'missing_connection',
  /** The connection's member has no Profile on the page. */
  'missing_profile',
  /** The profile has no vanity name, so no public profile URL to know the person by. */
  'missing_public_identifier',
  /** The profile has neither a first nor a last name. */
  'missing_name',
  /** The same person as an earlier connection of the page. */
  'duplicate',
] as const;
export type ConnectionSkipCode = (typeof CONNECTION_SKIP_CODES)[number];

export interface SkippedConnection {
  /** The connection's URN as `*elements` lists it. */
  urn: string;
  code: ConnectionSkipCode;
}

export interface ConnectionsPage {
  /** The page's connections as contacts, in LinkedIn's order (newest first). */
  contacts: SnapshotContact[];
  skipped: SkippedConnection[];
  /** How many connections the page listed: fewer than the page size means it was the last. */
  count: number;
}

type Connection = z.output<typeof connectionEntitySchema>;
type Profile = z.output<typeof profileEntitySchema>;

/**
 * Reads one page of connections. Throws `linkedin_format_changed` when the page's structure,
 * or a Connection or Profile in it, is not as described above, and when the page lists
 * connections of which not one could be joined to its profile: that is LinkedIn having
 * renamed something, not a page of people without profiles.
 */
export function parseConnectionsPage(body: unknown): ConnectionsPage {
  const parsed = connectionsPageSchema.safeParse(body);
  if (!parsed.success) throw formatChanged(ENDPOINT, parsed.error.issues);
  const { data, included } = parsed.data;

  const connections = new Map<string, Connection>();
  const profiles = new Map<string, Profile>();
  included.forEach((entity, index) => {
    if (entity.$type === CONNECTION_TYPE) {
      const connection = parseEntity(connectionEntitySchema, entity, index);
      connections.set(connection.entityUrn, connection);
    } else if (entity.$type === PROFILE_TYPE) {
      const profile = parseEntity(profileEntitySchema, entity, index);
      profiles.set(profile.entityUrn, profile);
    }
  });

  const elements = data['*elements'];
  const contacts: SnapshotContact[] = [];
  const skipped: SkippedConnection[] = [];
  const seen = new Set<string>();
  let joined = 0;
  for (const urn of elements) {
    const connection = connections.get(urn);
    const member = connection && (connection.connectedMember ?? connection['*connectedMemberResolutionResult']);
    const profile = member ? profiles.get(member) : undefined;
    if (!connection || !profile) {
      skipped.push({ urn, code: connection ? 'missing_profile' : 'missing_connection' });
      continue;
    }
    joined += 1;
    const contact = readContact(connection, profile);
    if (typeof contact === 'string' || seen.has(contact.baseContactId)) {
      skipped.push({ urn, code: typeof contact === 'string' ? contact : 'duplicate' });
      continue;
    }
    seen.add(contact.baseContactId);
    contacts.push(contact);
  }
  if (elements.length > 0 && joined === 0) throw formatChanged(ENDPOINT);
  return { contacts, skipped, count: elements.length };
}

function parseEntity<T extends z.ZodType>(schema: T, entity: unknown, index: number): z.output<T> {
  const parsed = schema.safeParse(entity);
  if (!parsed.success) {
    throw formatChanged(
      ENDPOINT,
      parsed.error.issues.map((issue) => ({ ...issue, path: ['included', index, ...issue.path] })),
    );
  }
  return parsed.data;
}

function readContact(connection: Connection, profile: Profile): SnapshotContact | ConnectionSkipCode {
  const publicProfileUrl = profileUrlOf(profile.publicIdentifier);
  if (!publicProfileUrl) return 'missing_public_identifier';
  const firstName = cleanScrapedText(profile.firstName, SCRAPED_TEXT_MAX.personName);
  const lastName = cleanScrapedText(profile.lastName, SCRAPED_TEXT_MAX.personName);
  if (!firstName && !lastName) return 'missing_name';
  return definedOnly({
    baseContactId: publicProfileUrl,
    firstName,
    lastName,
    fullName: cleanScrapedText([firstName, lastName].filter(Boolean).join(' '), SCRAPED_TEXT_MAX.personName),
    headline: cleanScrapedText(profile.headline, SCRAPED_TEXT_MAX.headline),
    avatar: largestPicture(profile),
    publicProfileUrl,
    connectedOn: connection.createdAt == null ? undefined : new Date(connection.createdAt).toISOString().slice(0, 10),
    degree: 1,
  });
}

/** `https://www.linkedin.com/in/<publicIdentifier>` in its key form, or `undefined` when that is not a profile URL. */
function profileUrlOf(publicIdentifier: string | null | undefined): string | undefined {
  const vanity = clean(publicIdentifier);
  // A lone surrogate cannot be percent-encoded; encoding keeps `?`, `#` and `/` inside the name.
  if (!vanity?.isWellFormed()) return undefined;
  return profileUrlKey(`${PUBLIC_PROFILE_URL}${encodeURIComponent(vanity)}`);
}

function largestPicture(profile: Profile): string | undefined {
  const image = profile.profilePicture?.displayImageReference?.vectorImage;
  if (!image) return undefined;
  const largest = [...image.artifacts].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  return largest ? toSafeAvatarUrl(`${image.rootUrl}${largest.fileIdentifyingUrlPathSegment}`) : undefined;
}
