import { describe, expect, it } from 'vitest';
import { isSameCountry } from '../../../lib/linkedin/geo';
import { salesNavigatorLeadUrl } from '../../../lib/linkedin/map-lead';
import { toSafeAvatarUrl } from '../../../lib/model/safe-urls';
import { emailKey, profileUrlKey } from '../../../lib/model/identity';
import {
  EPOCH_MS,
  EPOCH_RATES,
  fakeGeos,
  NumberedPopulation,
  numberedPerson,
  Population,
  POPULATION_START,
  regionIds,
  type FakePerson,
  type LeadCriteria,
} from '../../fake-linkedin/population';

const NONE: LeadCriteria = { companyIds: [], excludedCompanyIds: [], titles: [], excludedTitles: [], regionIds: [] };

function criteria(overrides: Partial<LeadCriteria>): LeadCriteria {
  return { ...NONE, ...overrides };
}

/** Everything a population shows, as JSON: equal snapshots mean the same LinkedIn. */
function snapshot(population: Population): string {
  const all = population.search(NONE);
  return JSON.stringify({
    date: population.date,
    people: population.activePeople(),
    ranked: all.page(0, all.total).map((person) => person.memberId),
    connections: population.connections().map(({ person, connectedAt }) => [person.memberId, connectedAt]),
    addressBook: population.addressBook(),
    leadLists: population.leadLists(),
  });
}

const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Han', 'Hangul', 'Thai', 'Devanagari'];

function scriptOf(name: string): string {
  return SCRIPTS.find((script) => new RegExp(`\\p{Script=${script}}`, 'u').test(name)) ?? 'other';
}

const base = new Population();

describe('the realistic population', () => {
  it('has 3,000 leads at eight companies, each with founders, juniors and seniors', () => {
    const companies = base.leadCompanies();
    expect(companies).toHaveLength(8);
    const staff = companies.map((company) => base.staffOf(company.id));
    expect(staff.reduce((sum, people) => sum + people.length, 0)).toBe(3000);
    for (const people of staff) {
      expect(people.length).toBeGreaterThan(150);
      expect(people.filter((person) => person.family === 'founder')).toHaveLength(2);
      expect(new Set(people.map((person) => person.positions[0]!.title)).size).toBeGreaterThan(12);
    }
    expect(companies.map((company) => company.slug)).toContain('stripe');
  });

  it('spreads people over thirty countries and a dozen scripts, each findable by its region', () => {
    const people = base.activePeople();
    const countries = new Set(people.map((person) => person.countryCode));
    expect(countries.size).toBeGreaterThanOrEqual(30);
    expect(new Set(people.map((person) => scriptOf(person.fullName))).size).toBeGreaterThanOrEqual(8);
    const { byCountry } = fakeGeos();
    for (const code of countries) {
      const geo = byCountry.get(code!)!;
      // The typeahead's name for the country must read back as that country in the extension.
      expect(isSameCountry(geo.displayValue, code!)).toBe(true);
      const found = base.search(criteria({ regionIds: [geo.id] }));
      expect(found.total).toBe(people.filter((person) => person.countryCode === code).length);
    }
  });

  it('gives every lead usable identifiers: unique member URNs, lead pages, profile URLs and photos', () => {
    const people = base.activePeople();
    expect(new Set(people.map((person) => person.memberId)).size).toBe(people.length);
    expect(new Set(people.map((person) => person.publicIdentifier)).size).toBe(people.length);
    for (const person of people) {
      const entityUrn = `urn:li:fs_salesProfile:(${person.salesProfileId},NAME_SEARCH,${person.salesAuthToken})`;
      expect(salesNavigatorLeadUrl(entityUrn)).toBeDefined();
      expect(person.profileId).toMatch(/^ACoAA[A-Za-z0-9_-]{34}$/);
      expect(profileUrlKey(`https://www.linkedin.com/in/${encodeURIComponent(person.publicIdentifier)}`)).toBeDefined();
      for (const artifact of person.photo?.artifacts ?? []) {
        expect(toSafeAvatarUrl(person.photo!.rootUrl + artifact.fileIdentifyingUrlPathSegment)).toBeDefined();
      }
    }
    const withPhoto = people.filter((person) => person.photo).length / people.length;
    expect(withPhoto).toBeGreaterThan(0.5);
    expect(withPhoto).toBeLessThan(0.7);
  });

  it('has 500 connections, newest first, 150 of them leads at the searched companies', () => {
    const connections = base.connections();
    expect(connections).toHaveLength(500);
    const companies = new Set(base.leadCompanies().map((company) => company.id));
    expect(connections.filter(({ person }) => companies.has(person.positions[0]!.companyId))).toHaveLength(150);
    for (let i = 1; i < connections.length; i += 1) {
      expect(connections[i]!.connectedAt).toBeLessThanOrEqual(connections[i - 1]!.connectedAt);
    }
    expect(connections[0]!.connectedAt).toBeLessThan(base.date);
    expect(connections.at(-1)!.connectedAt).toBeGreaterThan(base.date - 13 * 365 * 24 * 3600 * 1000);
    for (const { person } of connections) expect(base.relationOf(person).degree).toBe(1);
  });

  it('has an address book of 200: e-mails that are addresses, phones, thin entries and a repeated person', () => {
    const book = base.addressBook();
    expect(book).toHaveLength(200);
    for (const entry of book) {
      expect(entry.emailAddress || entry.phoneNumber?.number).toBeTruthy();
      if (entry.emailAddress) expect(emailKey(entry.emailAddress)).toBeDefined();
      if (entry.phoneNumber) expect(entry.phoneNumber.number).toMatch(/^\+?[\d ]{7,}$/);
    }
    expect(book.some((entry) => !entry.emailAddress)).toBe(true);
    expect(book.some((entry) => !entry.name)).toBe(true);
    const keys = book.filter((entry) => entry.emailAddress).map((entry) => emailKey(entry.emailAddress));
    expect(new Set(keys).size).toBeLessThan(keys.length);
  });

  it('keeps a few saved lead lists, one empty, whose members a LEAD_LIST search returns in list order', () => {
    const lists = base.leadLists();
    expect(lists.map((list) => list.entityCount)).toEqual([60, 40, 75, 30, 0]);
    for (const list of lists) {
      const members = base.search(criteria({ leadListId: list.id }));
      expect(members.total).toBe(list.entityCount);
      for (const person of members.page(0, 100)) expect(base.relationOf(person).listCount).toBeGreaterThan(0);
      expect(list.id).toMatch(/^\d{19}$/);
    }
  });
});

describe('determinism', () => {
  it('gives the same population for the same seed, and another for another seed', () => {
    expect(snapshot(new Population({ seed: 1 }))).toBe(snapshot(base));
    expect(snapshot(new Population({ seed: 2 }))).not.toBe(snapshot(base));
  });

  it('reaches the same epoch by construction or by advancing', () => {
    const advanced = new Population({ seed: 5 });
    advanced.advance();
    advanced.advance();
    expect(snapshot(new Population({ seed: 5, epoch: 2 }))).toBe(snapshot(advanced));
    expect(advanced.epoch).toBe(2);
    expect(advanced.date).toBe(POPULATION_START + 2 * EPOCH_MS);
  });
});

describe('advance()', () => {
  const population = new Population({ seed: 9 });
  const before = new Map(population.leadCompanies().map((company) => [company.id, population.staffOf(company.id)]));
  const titles = new Map(population.activePeople().map((person) => [person.memberId, person.positions[0]!.title]));
  const photos = new Map(population.activePeople().map((person) => [person.memberId, person.photo]));
  const connectionsBefore = population.connections().length;
  const changes = population.advance();

  it('moves 5 % of each company out, 5 % in, and retitles 5 % of those who stay', () => {
    for (const [companyId, staff] of before) {
      const expected = Math.round(staff.length * EPOCH_RATES.leave);
      const moved = changes.moved.filter((move) => move.from === companyId).length;
      const vanished = changes.vanished.filter((gone) => gone.from === companyId).length;
      expect(moved + vanished).toBe(expected);
      const joined = changes.joined.filter((join) => join.companyId === companyId);
      expect(joined).toHaveLength(Math.round(staff.length * EPOCH_RATES.join));
      const retitled = changes.retitled.filter((change) => change.companyId === companyId);
      expect(retitled).toHaveLength(Math.round(staff.length * EPOCH_RATES.retitle));
    }
    const leavers = changes.moved.length + changes.vanished.length;
    expect(changes.vanished.length / leavers).toBeGreaterThan(0.05);
    expect(changes.vanished.length / leavers).toBeLessThan(0.35);
  });

  it('finds a mover at the new company under the same member URN, with a new title, by name alone', () => {
    for (const move of changes.moved) {
      const person = population.person(move.memberId)!;
      expect(person.positions[0]).toMatchObject({ companyId: move.to, title: move.title });
      const byName = population.search(criteria({ keywords: `"${person.fullName}"` }));
      expect(byName.page(0, byName.total).map((found) => found.memberId)).toContain(move.memberId);
      const atOld = population.search(criteria({ companyIds: [move.from], keywords: `"${person.fullName}"` }));
      expect(atOld.page(0, atOld.total).map((found) => found.memberId)).not.toContain(move.memberId);
    }
  });

  it('finds a vanished member nowhere: not by name, not in connections, not in lead lists', () => {
    const connected = new Set(population.connections().map(({ person }) => person.memberId));
    const listed = new Set(
      population.leadLists().flatMap((list) => {
        const members = population.search(criteria({ leadListId: list.id }));
        return members.page(0, members.total).map((person) => person.memberId);
      }),
    );
    for (const gone of changes.vanished) {
      expect(population.person(gone.memberId)).toBeUndefined();
      expect(connected.has(gone.memberId)).toBe(false);
      expect(listed.has(gone.memberId)).toBe(false);
    }
  });

  it('changes the title of the retitled, at the same company, and nobody else’s who stayed', () => {
    const retitled = new Set(changes.retitled.map((change) => change.memberId));
    const moved = new Set(changes.moved.map((move) => move.memberId));
    for (const change of changes.retitled) {
      expect(change.to).not.toBe(change.from);
      expect(population.person(change.memberId)!.positions[0]).toMatchObject({ companyId: change.companyId, title: change.to });
    }
    for (const [memberId, title] of titles) {
      const person = population.person(memberId);
      if (person && !retitled.has(memberId) && !moved.has(memberId)) expect(person.positions[0]!.title).toBe(title);
    }
  });

  it('adds a few new connections, newest first, and signs photo URLs afresh', () => {
    const vanishedConnections = connectionsBefore + changes.connected.length - population.connections().length;
    expect(changes.connected).toHaveLength(5);
    expect(vanishedConnections).toBeGreaterThanOrEqual(0);
    const newest = population
      .connections()
      .slice(0, 5)
      .map(({ person }) => person.memberId);
    expect(newest.sort()).toEqual([...changes.connected].sort());
    const stayer = population.activePeople().find((person) => person.photo && photos.get(person.memberId));
    expect(stayer!.photo!.asset).toBe(photos.get(stayer!.memberId)!.asset);
    const segment = (photo: FakePerson['photo']) => photo!.artifacts[0]!.fileIdentifyingUrlPathSegment;
    expect(segment(stayer!.photo)).not.toBe(segment(photos.get(stayer!.memberId)));
  });
});

describe('search matching', () => {
  const someone = (filter: (person: FakePerson) => boolean) => base.activePeople().find(filter)!;

  it('matches a title filter as whole words in order, case and accents aside', () => {
    const found = base.search(criteria({ titles: ['vp sales'] }));
    const titles = new Set(found.page(0, found.total).flatMap((person) => person.positions.map((position) => position.title)));
    expect(titles).toContain('VP Sales, EMEA');
    expect(titles).toContain('VP Sales');
    expect([...titles].some((title) => /Sales Manager/.test(title))).toBe(false);
    expect(base.search(criteria({ titles: ['Sales VP'] })).total).toBe(0);
  });

  it('requires company and title of the same current position', () => {
    const advisor = someone((person) => person.positions.length > 1);
    const [main, side] = advisor.positions;
    const same = base.search(criteria({ companyIds: [main!.companyId], titles: [side!.title] }));
    expect(same.page(0, same.total).map((person) => person.memberId)).not.toContain(advisor.memberId);
    const side1 = base.search(criteria({ companyIds: [side!.companyId], titles: [side!.title] }));
    expect(side1.page(0, side1.total).map((person) => person.memberId)).toContain(advisor.memberId);
  });

  it('matches keywords in names, titles and summaries, all terms required', () => {
    const withSummary = someone((person) => person.summary?.startsWith('Zero trust networking') === true);
    const hits = base.search(criteria({ keywords: 'zero trust' }));
    expect(hits.page(0, hits.total).map((person) => person.memberId)).toContain(withSummary.memberId);
    expect(hits.page(0, hits.total).every((person) => /zero trust/i.test(`${person.summary}`))).toBe(true);
    expect(base.search(criteria({ keywords: 'zero trust payments' })).total).toBe(0);
  });

  it('matches a city region only for people of that city, a country region for the whole country', () => {
    const parisian = someone((person) => person.geoRegion === 'Paris, Île-de-France, France');
    const [country, city] = regionIds(parisian);
    const inParis = base.search(criteria({ regionIds: [city!] }));
    expect(inParis.page(0, inParis.total).every((person) => person.geoRegion === parisian.geoRegion)).toBe(true);
    expect(base.search(criteria({ regionIds: [country!] })).total).toBeGreaterThan(inParis.total);
  });
});

describe('the numbered population of the end-to-end tests', () => {
  it('matches every search with the first `total` leads, in number order', () => {
    const numbered = new NumberedPopulation({ total: 1234 });
    const found = numbered.search(criteria({ titles: ['Nobody has this title'] }));
    expect(found.total).toBe(1234);
    expect(found.page(1230, 25).map((person) => person.memberId)).toEqual([701230, 701231, 701232, 701233]);
    expect(found.page(0, 2).map((person) => person.fullName)).toEqual(['Ada0 Lovelace0', 'Ada1 Lovelace1']);
  });

  it('moves on when told: leavers stop matching, new leads match last, retitled leads carry their new title', () => {
    const numbered = new NumberedPopulation({ total: 6, leadLists: [{ id: '7034185', name: 'Q4 targets', members: 3 }] });
    numbered.evolve({ left: [1, 4], joined: 2, retitled: { 2: 'Chief Revenue Officer' } });
    const found = numbered.search(criteria({}));
    expect(found.total).toBe(6);
    expect(found.page(0, 25).map((person) => person.memberId - 700000)).toEqual([0, 2, 3, 5, 6, 7]);
    expect(found.page(1, 1)[0]).toMatchObject({
      fullName: 'Ada2 Lovelace2',
      headline: 'Chief Revenue Officer at Stripe',
      positions: [{ title: 'Chief Revenue Officer', companyName: 'Stripe' }],
    });
    expect(found.page(0, 1)[0]).toEqual(numberedPerson(0));
    numbered.evolve({ joined: 1 });
    expect(
      numbered
        .search(criteria({}))
        .page(6, 1)
        .map((person) => person.memberId),
    ).toEqual([700008]);
    expect(numbered.search(criteria({ leadListId: '7034185' })).total).toBe(3);
  });

  it('gives a lead list its first `members` leads', () => {
    const numbered = new NumberedPopulation({ total: 10, leadLists: [{ id: '7034185', name: 'Q4 targets', members: 60 }] });
    const members = numbered.search(criteria({ leadListId: '7034185' }));
    expect(members.total).toBe(60);
    expect(members.page(50, 25)).toHaveLength(10);
    expect(numbered.search(criteria({ leadListId: 'unknown' })).total).toBe(0);
    expect(numbered.leadLists()).toEqual([
      {
        id: '7034185',
        name: 'Q4 targets',
        entityCount: 60,
        lastModifiedAt: Date.parse('2026-11-20T09:00:00Z'),
        listSource: 'MANUAL',
      },
    ]);
  });

  it('numbers its leads as the specs expect', () => {
    expect(numberedPerson(1)).toMatchObject({
      memberId: 700001,
      salesProfileId: 'ACwAAA1xYz',
      salesAuthToken: 'k1',
      fullName: 'Ada1 Lovelace1',
      summary: 'Building revenue teams #1',
      positions: [{ title: 'VP Sales', companyId: '2135371', companyName: 'Stripe' }],
    });
    expect(numberedPerson(3).summary).toBeUndefined();
    expect(numberedPerson(2).positions[0]!.title).toBe('Head of Revenue Operations');
  });
});
