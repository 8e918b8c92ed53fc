import countries from 'i18n-iso-countries';
import type { ContactListFilters, ContactListItem } from '../../lib/model/schemas';

/**
 * The fake's stand-in for Saber's Sales Navigator search: the same filters always give the
 * same people, so a test can predict a pushed list's remote snapshot.
 */

const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia'];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
  'Dijkstra',
  'Perlman',
];
const SENIORITY = ['MANAGER', 'DIRECTOR', 'VP', 'CXO', 'SENIOR'];

/** FNV-1a, 32 bits: a small stable hash for seeding. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Saber captures up to ~125 contacts (5 pages of 25); the fake picks 5..125 from the filters. */
export function contactCountFor(filters: ContactListFilters): number {
  return 5 + (hash(JSON.stringify(filters)) % 121);
}

function companyNameOf(url: string | undefined): string {
  const slug = url?.match(/\/company\/([^/?#]+)/)?.[1] ?? 'acme';
  const name = decodeURIComponent(slug).replace(/[-_]+/g, ' ');
  return name.replace(/\b\w/g, (letter) => letter.toUpperCase());
}

/** `count` deterministic contacts matching `filters`, as Saber would store them for `listId`. */
export function fakeContacts(listId: string, filters: ContactListFilters, count: number, createdAt: string): ContactListItem[] {
  const seed = hash(JSON.stringify(filters));
  const companies = filters.companyLinkedInUrls?.length ? filters.companyLinkedInUrls : [undefined];
  const titles = filters.jobTitles?.length ? filters.jobTitles : [filters.keywords ? `${filters.keywords} Lead` : 'Account Executive'];
  const codes = filters.countries?.length ? filters.countries : ['US'];
  return Array.from({ length: count }, (_, i) => {
    const person = hash(`${seed}:${i}`);
    const firstName = FIRST[person % FIRST.length]!;
    const lastName = LAST[(person >>> 8) % LAST.length]!;
    const companyUrl = companies[i % companies.length];
    const companyName = companyNameOf(companyUrl);
    const role = titles[i % titles.length]!;
    const code = codes[i % codes.length]!;
    const location = countries.getName(code, 'en') ?? code;
    const memberId = `ACwAA${person.toString(36).toUpperCase()}${i}`;
    return {
      id: `${listId}_item_${i}`,
      listId,
      baseContactId: `bc_${person.toString(36)}_${i}`,
      firstName,
      lastName,
      fullName: `${firstName} ${lastName}`,
      headline: `${role} at ${companyName}`,
      role,
      companyName,
      location,
      seniority: [SENIORITY[person % SENIORITY.length]!],
      positions: [
        {
          title: role,
          companyName,
          ...(companyUrl ? { companyUrl } : {}),
          tenureInMonths: 1 + (person % 96),
          location,
        },
      ],
      linkedInSalesNavigatorProfileUrl: `https://www.linkedin.com/sales/lead/${memberId},NAME_SEARCH,fake`,
      createdAt,
    };
  });
}
