import { expect } from 'vitest';
import { createLinkedInClient, type LinkedInClient } from '../../../lib/linkedin/client';
import { ApiError } from '../../../lib/model/errors';
import { z } from '../../../lib/model/zod';
import type { FakeLinkedIn } from '../../fake-linkedin/fake-linkedin';
import { fakeLinkedInFetch } from '../../fake-linkedin/fetch';
import { openGate } from '../linkedin/open-gate';

export const NOW = Date.parse('2026-11-22T10:00:00Z');

/** The extension's own LinkedIn client, signed in to `fake` with the fake's cookies. */
export function clientFor(fake: FakeLinkedIn): LinkedInClient {
  const jar = Object.fromEntries(fake.sessionCookies().map((cookie) => [cookie.name, cookie.value]));
  return createLinkedInClient({
    fetch: fakeLinkedInFetch(fake),
    readCookie: async (name) => jar[name],
    clock: () => NOW,
    gate: openGate(() => NOW),
  });
}

/** One request to the fake, as a browser page of the session would send it (csrf-token included). */
export async function call(
  fake: FakeLinkedIn,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; csrf?: string | null } = {},
): Promise<{ status: number; headers: Record<string, string>; text: string; json: () => unknown }> {
  const csrf = init.csrf === undefined ? fake.session : init.csrf;
  const reply = await fake.handle({
    method: init.method ?? 'GET',
    url,
    headers: {
      accept: 'application/json',
      'x-restli-protocol-version': '2.0.0',
      ...(csrf === null ? {} : { 'csrf-token': csrf }),
      ...init.headers,
    },
    ...(init.body ? { body: init.body } : {}),
  });
  if ('drop' in reply) throw new Error('The fake dropped the connection');
  const text = reply.body ?? '';
  return { status: reply.status, headers: reply.headers, text, json: () => JSON.parse(text) as unknown };
}

/** Awaits a promise that must reject with an ApiError, and returns the error. */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const CONNECTIONS_DECORATION = 'com.linkedin.voyager.dash.deco.web.mynetwork.ConnectionListWithProfile-16';

/** A page of the connections endpoint, as public code asks for it. */
export function connectionsUrl(start: number, count = 40, sortType = 'RECENTLY_ADDED'): string {
  return (
    'https://www.linkedin.com/voyager/api/relationships/dash/connections' +
    `?decorationId=${CONNECTIONS_DECORATION}&count=${count}&q=search&sortType=${sortType}&start=${start}`
  );
}

/**
 * The normalized connections page as public code reads it (docs/linkedin-notes.md part 5;
 * vkeerthivikram/linkedin-connections-bulk-delete research.md holds a captured answer). The
 * extension has no schema for it yet: this one states what the fake promises its parser.
 */
const vectorImageSchema = z.object({
  rootUrl: z.string().startsWith('https://media.licdn.com/'),
  artifacts: z
    .array(z.object({ width: z.int(), height: z.int(), fileIdentifyingUrlPathSegment: z.string(), expiresAt: z.number() }))
    .min(1),
});

export const profileEntitySchema = z.object({
  $type: z.literal('com.linkedin.voyager.dash.identity.profile.Profile'),
  entityUrn: z.string().regex(/^urn:li:fsd_profile:ACoAA[A-Za-z0-9_-]+$/),
  firstName: z.string(),
  lastName: z.string(),
  headline: z.string(),
  publicIdentifier: z.string().min(1),
  profilePicture: z.object({ displayImageReference: z.object({ vectorImage: vectorImageSchema }) }).optional(),
});

export const connectionEntitySchema = z.object({
  $type: z.literal('com.linkedin.voyager.dash.relationships.Connection'),
  entityUrn: z.string().regex(/^urn:li:fsd_connection:ACoAA[A-Za-z0-9_-]+$/),
  createdAt: z.number().int(),
  connectedMember: z.string().regex(/^urn:li:fsd_profile:/),
  '*connectedMemberResolutionResult': z.string(),
});

export const connectionsPageSchema = z.object({
  data: z.object({
    paging: z.strictObject({ start: z.int(), count: z.int(), links: z.array(z.unknown()) }),
    '*elements': z.array(z.string()),
  }),
  included: z.array(z.discriminatedUnion('$type', [profileEntitySchema, connectionEntitySchema])),
});

/** The Contacts API task answer (seed 004; docs/linkedin-notes.md part 2). */
export const exportTaskSchema = z.object({
  id: z.string().min(1),
  owner: z.string().regex(/^urn:li:person:/),
  status: z.string(),
  result: z.string().optional(),
  'result~': z
    .object({
      contacts: z.array(z.object({ emailAddress: z.string(), name: z.string(), phoneNumber: z.object({ number: z.string() }).optional() })),
      expiresAt: z.number().int(),
      id: z.string(),
    })
    .optional(),
});
