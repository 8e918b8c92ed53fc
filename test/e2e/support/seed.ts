import type { BrowserContext, Page } from '@playwright/test';
import { putRecords, seedLists } from './extension';
import type { CreateSnapshot, SnapshotContact } from '../../../lib/model/snapshot';
import type { JobRecord } from '../../../lib/db/records';
import {
  ENGINEERING_ROLES,
  FINTECH_COMPANIES,
  FOUNDER_ROLES,
  GO_TO_MARKET_ROLES,
  NAME_POOLS,
  PRODUCT_ROLES,
  type RoleSpec,
} from '../../fixtures/panel/people';
import { routeLinkedInMedia } from '../../fake-linkedin/playwright';

/** A small seeded PRNG (mulberry32): the same fixtures on every run. */
function random(seed: number) {
  // Mix the seed first: nearby seeds (consecutive member numbers) must not start alike.
  let state = Math.imul(seed ^ (seed >>> 16), 0x85ebca6b);
  state = Math.imul(state ^ (state >>> 13), 0xc2b2ae35);
  state = (state ^ (state >>> 16)) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T };
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function token(rng: ReturnType<typeof random>, length: number): string {
  return Array.from({ length }, () => rng.pick([...ID_ALPHABET])).join('');
}

export interface PeopleOptions {
  count: number;
  seed: number;
  /** Company name, or several to draw from. */
  company: string | readonly string[];
  roles: readonly RoleSpec[];
  /** Member numbers start here: lists that share a range share base contacts. */
  firstMember: number;
  /** Draw names only from pools every machine has fonts for (the rows in the screenshots). */
  commonFontsOnly?: boolean;
}

/** People as a Sales Navigator capture stores them: names in many scripts, roles, seniority, links. */
export function buildPeople({ count, seed, company, roles, firstMember, commonFontsOnly }: PeopleOptions): SnapshotContact[] {
  const pools = commonFontsOnly ? NAME_POOLS.filter((pool) => pool.commonFonts) : NAME_POOLS;
  return Array.from({ length: count }, (_, i) => {
    const member = firstMember + i;
    // Each person's fields derive from their member number, so a shared member reads the same in every list.
    const rng = random(member * 7919 + 17);
    const pool = rng.pick(pools);
    const firstName = rng.pick(pool.first);
    const lastName = rng.pick(pool.last);
    const role = rng.pick(roles);
    const companyName = typeof company === 'string' ? company : random(seed + i).pick(company);
    const profileId = `ACwAAA${token(rng, 14)}`;
    const hasPhoto = rng.next() < 0.55;
    return {
      baseContactId: `urn:li:member:${member}`,
      firstName,
      lastName,
      fullName: pool.familyFirst ? `${lastName}${firstName}` : `${firstName} ${lastName}`,
      role: role.title,
      companyName,
      location: rng.pick(pool.locations),
      headline: `${role.title} at ${companyName}`,
      seniority: [role.seniority],
      positions: [{ title: role.title, companyName, tenureInMonths: 3 + Math.floor(rng.next() * 90) }],
      linkedInSalesNavigatorProfileUrl: `https://www.linkedin.com/sales/lead/${profileId},NAME_SEARCH,${token(rng, 4)}`,
      ...(hasPhoto
        ? {
            avatar: `https://media.licdn.com/dms/image/v2/D4E03AQ${token(rng, 12)}/profile-displayphoto-shrink_100_100/0/1731${member}?e=1767225600&v=beta&t=${token(rng, 20)}`,
          }
        : {}),
    };
  });
}

/** Keys of the seeded lists, oldest first (the panel shows them newest first). */
export const FIXTURE_KEYS = ['partners', 'datadog', 'figma', 'fintech', 'stripe', 'cloudflare', 'snowflake'] as const;
export type FixtureKey = (typeof FIXTURE_KEYS)[number];

const STRIPE_FIRST_MEMBER = 310_000;

/** The lists of the panel's end-to-end tests and screenshots, as the snapshots a capture commits. */
export function buildFixtureLists(): Record<FixtureKey, CreateSnapshot> {
  // The first screenful is drawn from scripts every CI machine can render, so the README's
  // pictures show names, not missing-glyph boxes; the rest spans every script.
  const stripe = [
    ...buildPeople({
      count: 30,
      seed: 4,
      company: 'Stripe',
      roles: GO_TO_MARKET_ROLES,
      firstMember: STRIPE_FIRST_MEMBER,
      commonFontsOnly: true,
    }),
    ...buildPeople({ count: 2470, seed: 4, company: 'Stripe', roles: GO_TO_MARKET_ROLES, firstMember: STRIPE_FIRST_MEMBER + 30 }),
  ];
  // Founders overlap the first Stripe people (base contacts are shared), some also in Datadog's list.
  const fintech = [
    ...stripe.slice(0, 12),
    ...buildPeople({ count: 28, seed: 3, company: FINTECH_COMPANIES, roles: FOUNDER_ROLES, firstMember: 520_000 }),
  ];
  const datadog = [
    ...stripe.slice(0, 4),
    ...buildPeople({ count: 176, seed: 1, company: 'Datadog', roles: GO_TO_MARKET_ROLES, firstMember: 100_000 }),
  ];
  return {
    datadog: {
      name: 'EMEA revenue leaders at Datadog',
      filters: {
        companyLinkedInUrls: ['https://www.linkedin.com/company/datadog'],
        jobTitles: ['VP Sales', 'Head of Sales', 'Sales Director'],
        countries: ['GB', 'FR', 'DE', 'IE'],
      },
      contacts: datadog,
      source: { kind: 'search' },
      matchedCount: 180,
      // Pushed: Saber ran its own search and found more than this browser's capture.
      sync: {
        state: 'synced',
        remoteId: 'cl_8f2a61d0',
        syncedAt: '2026-11-20T08:15:00.000Z',
        remoteName: 'EMEA revenue leaders at Datadog',
        remoteContactCount: 212,
      },
    },
    figma: {
      name: 'Design leaders — Figma',
      filters: { companyLinkedInUrls: ['https://www.linkedin.com/company/figma'] },
      contacts: buildPeople({ count: 64, seed: 2, company: 'Figma', roles: PRODUCT_ROLES, firstMember: 200_000 }),
      source: { kind: 'leadList', leadListId: '7012345678901234567', leadListName: 'Design leaders Q4' },
      // Pushed once; then someone deleted it on Saber.
      sync: {
        state: 'deletedRemote',
        remoteId: 'cl_0f1d2e3c',
        syncedAt: '2026-11-18T10:00:00.000Z',
        outcome: { code: 'sync.deletedOnSaber', params: {} },
      },
    },
    fintech: {
      name: 'Fintech founders',
      filters: {},
      contacts: fintech,
      source: { kind: 'addressBook' },
    },
    stripe: {
      name: 'Go-to-market at Stripe',
      filters: {
        companyLinkedInUrls: ['https://www.linkedin.com/company/stripe'],
        jobTitles: ['VP Sales', 'Head of Sales', 'Account Executive'],
        keywords: 'enterprise',
        countries: ['US', 'GB', 'IE', 'FR', 'DE'],
      },
      contacts: stripe,
      source: { kind: 'salesNavigatorQuery', query: '(spellCorrectionEnabled:true,keywords:enterprise)' },
      matchedCount: 3480,
      // What the outbox writes when a push could not reach Saber and waits for its next try.
      sync: {
        state: 'pending',
        // Today at 14:05, so the screenshot shows a time rather than a date.
        outcome: { code: 'saber.network', params: {}, retryAt: new Date().setHours(14, 5, 12, 0) },
        op: 'create',
      },
    },
    cloudflare: {
      name: 'Security engineers at Cloudflare',
      filters: {
        companyLinkedInUrls: ['https://www.linkedin.com/company/cloudflare'],
        keywords: 'zero trust',
      },
      contacts: buildPeople({ count: 95, seed: 5, company: 'Cloudflare', roles: ENGINEERING_ROLES, firstMember: 400_000 }),
      source: { kind: 'search' },
      sync: {
        state: 'error',
        outcome: { code: 'saber.connector', params: { saberMessage: 'Sales Navigator is not connected on Saber.' } },
        op: 'create',
      },
    },
    snowflake: {
      name: 'Data leaders at Snowflake',
      filters: {
        companyLinkedInUrls: ['https://www.linkedin.com/company/snowflake-computing'],
        jobTitles: ['Head of Data', 'VP Engineering'],
      },
      contacts: buildPeople({ count: 42, seed: 6, company: 'Snowflake', roles: ENGINEERING_ROLES, firstMember: 600_000 }),
      source: { kind: 'saber' },
      // Renamed here and on Saber before the rename went: Saber's name won, the local one is kept.
      sync: {
        state: 'synced',
        remoteId: 'cl_51c0ffee',
        syncedAt: '2026-11-21T17:40:00.000Z',
        remoteName: 'Data leaders at Snowflake',
        remoteContactCount: 42,
        nameHistory: ['Snowflake data team'],
      },
    },
    // What a hostile profile could put in a snapshot: the panel must show it as text and link nothing.
    partners: {
      name: 'Partner contacts <b>imported</b>',
      filters: {},
      contacts: [
        {
          baseContactId: 'urn:li:member:990001',
          fullName: '<img src=x onerror="document.title=\'pwned\'">Mallory',
          role: '<script>document.title="pwned"</script>Head of Partnerships',
          companyName: 'Evil Corp',
          linkedInSalesNavigatorProfileUrl: 'https://www.linkedin.com.evil.example/sales/lead/x',
          avatar: 'https://evil.example/track.png',
        },
        {
          baseContactId: 'urn:li:member:990002',
          fullName: 'Trudy Javascript',
          role: 'Partner Manager',
          companyName: 'Evil Corp',
          linkedInSalesNavigatorProfileUrl: 'https://www.linkedin.com/sales/lead/ACwAAAsafe,NAME_SEARCH,ok',
        },
      ],
      source: { kind: 'manual' },
    },
  };
}

export type SeededLists = Record<FixtureKey, { id: string; name: string; contacts: SnapshotContact[] }>;

/**
 * Stores the fixture lists in the extension's IndexedDB with the records its store writes
 * (`seedLists`), oldest first. Returns their ids. Pages already open show them after a reload.
 */
export async function seedFixtureLists(page: Page): Promise<SeededLists> {
  const lists = buildFixtureLists();
  const created = await seedLists(
    page,
    FIXTURE_KEYS.map((key) => lists[key]),
  );
  const seeded = {} as SeededLists;
  FIXTURE_KEYS.forEach((key, i) => {
    seeded[key] = { id: created[i]!.id, name: lists[key].name, contacts: lists[key].contacts };
  });
  return seeded;
}

/** Writes job records straight into the extension's IndexedDB (`listwright`, store `jobs`). */
export async function insertJobs(page: Page, jobs: JobRecord[]): Promise<void> {
  await putRecords(page, 'jobs', jobs);
}

/** A job record as the runner writes it, for the jobs area. */
export function fixtureJob(overrides: Partial<JobRecord> & Pick<JobRecord, 'id' | 'status'>): JobRecord {
  const at = new Date().toISOString();
  return {
    // Its params are no capture's: if the background ever steps it, it fails at once, sending nothing.
    kind: 'capture.search',
    params: {},
    phase: 'pages',
    progress: { done: 0, total: 0, contacts: 0 },
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** Serves contact photos from LinkedIn's media host: generated, so screenshots show faces without the network. */
export async function fakeLinkedInMedia(context: BrowserContext): Promise<void> {
  await routeLinkedInMedia(context);
}
