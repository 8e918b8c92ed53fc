import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/model/errors';
import type { Position } from '../../../lib/model/schemas';
import {
  applyChangeSet,
  CHANGE_SET_FORMAT,
  changeSetByteSize,
  changeSetCounts,
  changeSetSchema,
  DIFF_FIELDS,
  diffSnapshots,
  makeChangeSet,
  rebuildVersion,
  versionedView,
  type ChangeSet,
  type DiffContext,
  type VersionItem,
} from '../../../lib/model/snapshot-diff';
import { ada, alan, FIRST_VERSION, grace, katherine, linus, radia, refreshed, versionOf } from '../../fixtures/history/people';

const UNCAPPED: DiffContext = { older: { count: 5, matched: 5 }, newer: { count: 5, matched: 5 } };
const older = versionOf(FIRST_VERSION);

/** Both versions, compared the way history promises to rebuild them. */
const views = (items: readonly VersionItem[]) => items.map(versionedView);

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;

/** The error `run` throws, which must be an `ApiError`. */
function errorOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('Expected an ApiError, nothing was thrown');
}

describe('diffSnapshots', () => {
  it('reports joins, leaves and changes of title, company and location, with old and new values', () => {
    const newer = versionOf([
      refreshed({ ...grace, role: 'VP Revenue Operations' }),
      radia,
      refreshed(ada),
      refreshed({ ...alan, companyName: 'Stripe', location: 'London, England, United Kingdom' }),
      linus,
    ]);

    const diff = diffSnapshots(older, newer, UNCAPPED);

    expect(diff.joined).toEqual([newer[1]]);
    expect(diff.left).toEqual([{ item: older[3], reason: 'noLongerMatches' }]);
    expect(diff.changed).toEqual([
      {
        item: newer[0],
        previous: older[1],
        changes: [{ field: 'role', before: 'Head of Revenue Operations', after: 'VP Revenue Operations' }],
      },
      {
        item: newer[3],
        previous: older[2],
        changes: [
          { field: 'companyName', before: 'Microsoft', after: 'Stripe' },
          { field: 'location', before: 'Manchester, England, United Kingdom', after: 'London, England, United Kingdom' },
        ],
      },
    ]);
    expect(diff.counts).toEqual({ joined: 1, left: 1, changed: 2 });
    expect(diff.duplicates).toEqual({ older: [], newer: [] });
  });

  it('reports a title that appears or disappears as a change from or to nothing', () => {
    const { role: _role, ...withoutRole } = linus;
    const diff = diffSnapshots(versionOf([withoutRole, grace]), versionOf([linus, { ...grace, role: undefined }]), UNCAPPED);
    expect(diff.changed.map((change) => change.changes)).toEqual([
      [{ field: 'role', before: undefined, after: 'Account Executive' }],
      [{ field: 'role', before: 'Head of Revenue Operations', after: undefined }],
    ]);
  });

  it('does not count a new place in the list, a new photo or a longer tenure as a change', () => {
    const newer = versionOf([linus, katherine, alan, grace, ada].map((item) => refreshed(item, 3)));
    expect(diffSnapshots(older, newer, UNCAPPED)).toEqual({
      joined: [],
      left: [],
      changed: [],
      counts: { joined: 0, left: 0, changed: 0 },
      duplicates: { older: [], newer: [] },
    });
  });

  it('lists joiners in newer order and leavers in older order', () => {
    const diff = diffSnapshots(versionOf([linus, grace, ada]), versionOf([radia, katherine, alan]), UNCAPPED);
    expect(diff.joined.map((item) => item.id)).toEqual(['item-radia', 'item-katherine', 'item-alan']);
    expect(diff.left.map((left) => left.item.id)).toEqual(['item-linus', 'item-grace', 'item-ada']);
  });

  it('lets the first occurrence of a person stand for them and reports the later ones', () => {
    const adaAgain = { ...ada, id: 'item-ada-2', role: 'Sales Manager' };
    const graceAgain = { ...grace, id: 'item-grace-2', companyName: 'Stripe' };
    const olderWithDuplicate = versionOf([ada, grace, adaAgain]);
    const newerWithDuplicate = versionOf([grace, graceAgain, ada]);

    const diff = diffSnapshots(olderWithDuplicate, newerWithDuplicate, UNCAPPED);

    expect(diff.counts).toEqual({ joined: 0, left: 0, changed: 0 });
    expect(diff.duplicates).toEqual({ older: [olderWithDuplicate[2]], newer: [newerWithDuplicate[1]] });
  });

  it('has everyone joining when the older snapshot is empty, and everyone leaving when the newer one is', () => {
    const context = { older: { count: 0 }, newer: { count: 5 } };
    expect(diffSnapshots([], older, context).joined).toEqual(older);
    const emptied = diffSnapshots(older, [], { older: { count: 5 }, newer: { count: 0 } });
    expect(emptied.left).toEqual(older.map((item) => ({ item, reason: 'noLongerMatches' })));
    expect(emptied.counts).toEqual({ joined: 0, left: 5, changed: 0 });
  });

  it.each<[string, DiffContext, string]>([
    [
      'the older search matched more than it holds',
      { older: { count: 5, matched: 812 }, newer: { count: 4, matched: 4 } },
      'mayHaveMovedPastSize',
    ],
    [
      'the newer search matched more than it holds',
      { older: { count: 5, matched: 5 }, newer: { count: 4, matched: 9 } },
      'mayHaveMovedPastSize',
    ],
    [
      'both searches matched exactly what they hold',
      { older: { count: 5, matched: 5 }, newer: { count: 4, matched: 4 } },
      'noLongerMatches',
    ],
    ['neither match count is known', { older: { count: 5 }, newer: { count: 4 } }, 'noLongerMatches'],
    ['a search matched fewer than it holds', { older: { count: 5, matched: 3 }, newer: { count: 4 } }, 'noLongerMatches'],
  ])('gives a leaver the reason for a list where %s', (_case, context, reason) => {
    const diff = diffSnapshots(older, versionOf([ada, grace, alan, katherine]), context);
    expect(diff.left).toEqual([{ item: older[4], reason }]);
  });
});

describe('makeChangeSet and applyChangeSet', () => {
  it('stores leavers whole, joiners by id, old values of changed fields and only the moved person', () => {
    const newer = versionOf([
      refreshed(linus),
      refreshed(ada),
      refreshed({ ...grace, role: 'VP Revenue Operations', email: 'grace@example.com' }),
      radia,
      refreshed({ ...katherine, positions: [{ title: 'CRO', companyName: 'Stripe', tenureInMonths: 1 }] }),
    ]);

    const changeSet = makeChangeSet(older, newer);

    expect(changeSet).toEqual({
      format: CHANGE_SET_FORMAT,
      olderCount: 5,
      newerCount: 5,
      left: [older[2]],
      joined: ['item-radia'],
      moved: [{ id: 'item-linus', position: 4 }],
      changed: [
        { id: 'item-grace', set: { role: 'Head of Revenue Operations' }, unset: ['email'] },
        { id: 'item-katherine', set: { positions: katherine.positions } },
      ],
    });
    expect(changeSetCounts(changeSet)).toEqual({ joined: 1, left: 1, changed: 2, moved: 1, entries: 5 });
    expect(views(applyChangeSet(newer, changeSet))).toEqual(views(older));
  });

  it('versions neither photos nor tenures: an older version shows the newer ones for people who stayed', () => {
    const newer = versionOf(FIRST_VERSION.slice(0, 4).map((item) => refreshed(item, 2)));
    const changeSet = makeChangeSet(older, newer);

    expect(changeSetCounts(changeSet)).toEqual({ joined: 0, left: 1, changed: 0, moved: 0, entries: 1 });
    const rebuilt = applyChangeSet(newer, changeSet);
    expect(rebuilt[0]?.avatar).toBe(newer[0]?.avatar);
    expect(rebuilt[0]?.positions?.[0]?.tenureInMonths).toBe(18);
    // The leaver is kept whole, with their own photo.
    expect(rebuilt[4]).toEqual(older[4]);
    expect(views(rebuilt)).toEqual(views(older));
  });

  it('costs nothing for the people a join or a leave shifts, and one entry for one person moving far', () => {
    const shifted = makeChangeSet(older, versionOf([radia, ...FIRST_VERSION.slice(1)]));
    expect(changeSetCounts(shifted)).toEqual({ joined: 1, left: 1, changed: 0, moved: 0, entries: 2 });

    const newer = versionOf([grace, alan, katherine, linus, ada]);
    const moved = makeChangeSet(older, newer);
    expect(moved.moved).toEqual([{ id: 'item-ada', position: 0 }]);
    expect(applyChangeSet(newer, moved)).toEqual(older);
  });

  it('rebuilds a reversed list exactly', () => {
    const newer = versionOf([...FIRST_VERSION].reverse());
    const changeSet = makeChangeSet(older, newer);
    expect(changeSet.moved).toHaveLength(4);
    expect(applyChangeSet(newer, changeSet)).toEqual(older);
  });

  it('pairs people by person when a version was written without carrying their item ids over', () => {
    const newer = versionOf(FIRST_VERSION.map((item) => ({ ...item, id: `new-${item.id}` })));
    const changeSet = makeChangeSet(older, newer);
    expect(changeSetCounts(changeSet)).toMatchObject({ joined: 0, left: 0, changed: 5 });
    expect(changeSet.changed[0]).toEqual({ id: 'new-item-ada', set: { id: 'item-ada' } });
    expect(applyChangeSet(newer, changeSet)).toEqual(older);
  });

  it('rebuilds a version that listed a person twice', () => {
    const withDuplicates = versionOf([ada, grace, { ...ada, id: 'item-ada-2', role: 'Sales Manager' }, alan]);
    const newer = versionOf([grace, { ...grace, id: 'item-grace-2' }, refreshed(ada)]);
    expect(views(applyChangeSet(newer, makeChangeSet(withDuplicates, newer)))).toEqual(views(withDuplicates));
  });

  it('rebuilds an empty version, and a version from an empty one', () => {
    const toEmpty = makeChangeSet([], older);
    expect(toEmpty).toMatchObject({ olderCount: 0, left: [], joined: older.map((item) => item.id) });
    expect(applyChangeSet(older, toEmpty)).toEqual([]);
    const fromEmpty = makeChangeSet(older, []);
    expect(fromEmpty.left).toEqual(older);
    expect(applyChangeSet([], fromEmpty)).toEqual(older);
  });

  it('treats a field set to undefined as an absent one', () => {
    const newer = versionOf([{ ...ada, degree: undefined }, grace]);
    const { degree: _degree, ...adaWithoutDegree } = ada;
    const changeSet = makeChangeSet(versionOf([adaWithoutDegree, grace]), newer);
    expect(changeSet.changed).toEqual([]);
  });

  it('survives being stored as JSON and read back through its schema', () => {
    const newer = versionOf([refreshed({ ...ada, companyName: 'Stripe' }), radia, grace]);
    const changeSet = makeChangeSet(older, newer);
    const readBack = changeSetSchema.parse(JSON.parse(JSON.stringify(changeSet)));
    expect(readBack).toEqual(changeSet);
    expect(views(applyChangeSet(newer, readBack))).toEqual(views(older));
    expect(changeSetByteSize(changeSet)).toBe(jsonBytes(changeSet));
  });

  it('refuses a stored change set of another format or with a field it does not know', () => {
    const changeSet = makeChangeSet(older, versionOf([ada]));
    expect(changeSetSchema.safeParse({ ...changeSet, format: 2 }).success).toBe(false);
    const unknownField = { ...changeSet, left: [{ ...changeSet.left[0], industry: 'Software' }] };
    expect(changeSetSchema.safeParse(unknownField).error?.issues[0]?.path).toEqual(['left', 0]);
    const unknownUnset = { ...changeSet, changed: [{ id: 'item-ada', unset: ['baseContactId'] }] };
    expect(changeSetSchema.safeParse(unknownUnset).error?.issues[0]?.path).toEqual(['changed', 0, 'unset', 0]);
  });

  it('refuses versions out of position order, and a newer version with an item id twice', () => {
    const shuffled = [older[1], older[0]].filter((item) => item !== undefined);
    expect(errorOf(() => makeChangeSet(shuffled, older)).details).toEqual([
      { field: 'older[0].position', message: 'Must be 0: a version is in position order from 0' },
    ]);
    const twice = versionOf([ada, { ...grace, id: 'item-ada' }]);
    expect(errorOf(() => makeChangeSet(older, twice)).details?.[0]?.field).toBe('newer[1].id');
  });

  describe('refuses a change set that does not fit the version it is applied to', () => {
    const newer = versionOf([refreshed({ ...grace, role: 'VP Revenue Operations' }), radia, ada, katherine, linus]);
    const changeSet = makeChangeSet(older, newer);

    it.each<[string, (changeSet: ChangeSet) => [readonly VersionItem[], ChangeSet], string]>([
      ['another version of the list', (set) => [newer.slice(0, 4), set], 'changeSet.newerCount'],
      ['a joiner the version lacks', (set) => [newer, { ...set, joined: ['item-nobody'] }], 'changeSet.joined[0]'],
      ['a joiner listed twice', (set) => [newer, { ...set, joined: ['item-radia', 'item-radia'] }], 'changeSet.joined[1]'],
      [
        'a joiner that changed',
        (set) => [newer, { ...set, changed: [{ id: 'item-radia', set: { role: 'AE' } }] }],
        'changeSet.changed[0].id',
      ],
      ['a move of a joiner', (set) => [newer, { ...set, moved: [{ id: 'item-radia', position: 0 }] }], 'changeSet.moved[0].id'],
      ['a move past the end', (set) => [newer, { ...set, moved: [{ id: 'item-ada', position: 5 }] }], 'changeSet.moved[0].position'],
      [
        'a position taken twice',
        (set) => [newer, { ...set, moved: [{ id: 'item-ada', position: set.left[0]?.position ?? 0 }] }],
        'changeSet.moved[0].position',
      ],
      ['an older count that does not add up', (set) => [newer, { ...set, olderCount: 4 }], 'changeSet.olderCount'],
      ['an older count too large', (set) => [newer, { ...set, olderCount: 6 }], 'changeSet.olderCount'],
    ])('%s', (_case, damage, field) => {
      const [version, damaged] = damage(changeSet);
      const error = errorOf(() => applyChangeSet(version, damaged));
      expect(error.status).toBe(400);
      expect(error.details?.[0]?.field).toBe(field);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over generated versions

const ROLES = ['VP Sales', 'Head of Revenue Operations', 'Sales Director', 'Account Executive', 'Chief Revenue Officer'];
const COMPANIES = ['Microsoft', 'Stripe', 'Datadog', 'Snowflake'];
const LOCATIONS = ['Paris, Île-de-France, France', 'Berlin, Germany', 'San Francisco Bay Area'];
const SENIORITY = ['VP', 'DIRECTOR', 'CXO', 'MANAGER'];

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const positionArb: fc.Arbitrary<Position> = fc.record(
  {
    title: fc.constantFrom(...ROLES),
    companyName: fc.constantFrom(...COMPANIES),
    companyUrl: fc.constantFrom('https://www.linkedin.com/company/1035', 'https://www.linkedin.com/company/stripe'),
    tenureInMonths: fc.integer({ min: 0, max: 240 }),
    location: fc.constantFrom(...LOCATIONS),
  },
  { requiredKeys: [] },
);

/** The fields a person's item may have besides identity; `undefined` values stand for "absent" too. */
const fieldsArb = fc.record(
  {
    firstName: optional(fc.constantFrom('Ada', 'Grace', 'Élodie', 'Jürgen')),
    headline: optional(fc.constantFrom('Building revenue teams', 'Scaling GTM', '')),
    role: optional(fc.constantFrom(...ROLES)),
    companyName: optional(fc.constantFrom(...COMPANIES)),
    location: optional(fc.constantFrom(...LOCATIONS)),
    seniority: optional(fc.subarray(SENIORITY)),
    positions: optional(fc.array(positionArb, { maxLength: 2 })),
    email: optional(fc.constantFrom('a@example.com', 'b@example.org')),
    connectedOn: optional(fc.constantFrom('2024-03-15', '2025-11-02')),
    degree: optional(fc.integer({ min: 1, max: 3 })),
  },
  { requiredKeys: [] },
);
type Fields = typeof fieldsArb extends fc.Arbitrary<infer F> ? F : never;

/** One change to a version of a list; indices are taken modulo the list's length when applied. */
type Op =
  | { kind: 'leave'; at: number }
  | { kind: 'join'; at: number; fields: Fields }
  | { kind: 'edit'; at: number; fields: Fields }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'duplicate'; of: number; at: number; fields: Fields };

/** Reorders a whole stretch at once: not one person's change, so kept out of the size bound. */
type Shuffle = { kind: 'reverse'; from: number; to: number };

const index = fc.nat({ max: 1_000 });
const onePersonOps: fc.Arbitrary<Op>[] = [
  fc.record({ kind: fc.constant('leave' as const), at: index }),
  fc.record({ kind: fc.constant('join' as const), at: index, fields: fieldsArb }),
  fc.record({ kind: fc.constant('edit' as const), at: index, fields: fieldsArb }),
  fc.record({ kind: fc.constant('move' as const), from: index, to: index }),
];
const duplicateOp: fc.Arbitrary<Op> = fc.record({
  kind: fc.constant('duplicate' as const),
  of: index,
  at: index,
  fields: fieldsArb,
});
/** Changes to one person each (a duplicate insertion is one item too). */
const opArb: fc.Arbitrary<Op> = fc.oneof(...onePersonOps, duplicateOp);
/** Every kind of change, a stretch reversed at once included. */
const anyOpArb: fc.Arbitrary<Op | Shuffle> = fc.oneof(
  { arbitrary: opArb, weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('reverse' as const), from: index, to: index }), weight: 1 },
);
/** Every kind of change that keeps each person listed once. */
const onceOpArb: fc.Arbitrary<Op | Shuffle> = fc.oneof(
  ...onePersonOps,
  fc.record({ kind: fc.constant('reverse' as const), from: index, to: index }),
);

type Draft = Omit<VersionItem, 'position'>;

/** Makes new people and items, each with an id and person key no one had before. */
class World {
  private next = 0;

  person(fields: Fields, createdAt = '2026-03-02T09:15:00.000Z'): Draft {
    this.next += 1;
    return this.item(`urn:li:member:${100_000 + this.next}`, fields, createdAt);
  }

  item(baseContactId: string, fields: Fields, createdAt = '2026-04-06T09:20:00.000Z'): Draft {
    this.next += 1;
    return {
      id: `item-${this.next}`,
      listId: 'list-1',
      baseContactId,
      createdAt,
      avatar: `https://media.licdn.com/dms/image/v2/D4E${this.next}/shrink_100_100/0?e=1767225600&t=first`,
      ...fields,
    };
  }
}

/**
 * Applies `ops` to a copy of `version`, then gives every item what every refresh gives: a new
 * photo token and longer tenures (`run` months more). Returns the new version and how many ops
 * did anything.
 */
function refresh(world: World, version: readonly Draft[], ops: readonly (Op | Shuffle)[], run: number) {
  const items = [...version];
  let applied = 0;
  for (const op of ops) {
    if (op.kind === 'join') {
      items.splice(op.at % (items.length + 1), 0, world.person(op.fields, '2026-04-06T09:20:00.000Z'));
      applied += 1;
      continue;
    }
    if (items.length === 0) continue;
    const at = (n: number) => n % items.length;
    const target = (n: number) => items[at(n)] as Draft;
    switch (op.kind) {
      case 'leave':
        items.splice(at(op.at), 1);
        break;
      case 'edit':
        items[at(op.at)] = { ...target(op.at), ...op.fields };
        break;
      case 'move': {
        const [moved] = items.splice(at(op.from), 1);
        if (moved) items.splice(op.to % (items.length + 1), 0, moved);
        break;
      }
      case 'duplicate':
        items.splice(op.at % (items.length + 1), 0, world.item(target(op.of).baseContactId, op.fields));
        break;
      case 'reverse': {
        const [from, to] = [at(op.from), at(op.to)].sort((a, b) => a - b) as [number, number];
        items.splice(from, to - from + 1, ...items.slice(from, to + 1).reverse());
        break;
      }
    }
    applied += 1;
  }
  return { version: items.map((item) => refreshed(item, run)), applied };
}

/** A version as the functions receive it: positions 0..n-1, and frozen all the way down, so any write to an input throws. */
function finish(drafts: readonly Draft[]): VersionItem[] {
  return deepFreeze(drafts.map((item, position) => ({ ...item, position })));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const field of Object.values(value)) deepFreeze(field);
    Object.freeze(value);
  }
  return value;
}

/** A first version (people, some listed twice unless `once`) and the world that made it. */
const versionArb = ({ once }: { once: boolean }) =>
  fc
    .record({
      people: fc.array(fieldsArb, { maxLength: 25 }),
      duplicates: fc.array(fc.tuple(index, index, fieldsArb), { maxLength: once ? 0 : 3 }),
    })
    .map(({ people, duplicates }) => {
      const world = new World();
      const drafts = people.map((fields) => world.person(fields));
      for (const [of, at, fields] of duplicates) {
        const original = drafts[of % Math.max(drafts.length, 1)];
        if (original) drafts.splice(at % (drafts.length + 1), 0, world.item(original.baseContactId, fields));
      }
      return { world, drafts };
    });
const firstVersionArb = versionArb({ once: false });

/** Each person's first item, in order: the people a snapshot holds. */
function firstOccurrences(items: readonly VersionItem[]): Map<string, VersionItem> {
  const first = new Map<string, VersionItem>();
  for (const item of items) if (!first.has(item.baseContactId)) first.set(item.baseContactId, item);
  return first;
}

const hasDuplicates = (items: readonly VersionItem[]) => firstOccurrences(items).size !== items.length;

describe('properties', () => {
  it('applyChangeSet(newer, makeChangeSet(older, newer)) rebuilds older, also after a JSON round trip', () => {
    fc.assert(
      fc.property(firstVersionArb, fc.array(anyOpArb, { maxLength: 20 }), fc.boolean(), ({ world, drafts }, ops, newIds) => {
        const olderVersion = finish(drafts);
        const { version } = refresh(world, drafts, ops, 1);
        const newerVersion = finish(newIds ? version.map((item) => ({ ...item, id: `reissued-${item.id}` })) : version);

        const changeSet = makeChangeSet(olderVersion, newerVersion);
        const rebuilt = applyChangeSet(newerVersion, changeSet);
        expect(views(rebuilt)).toEqual(views(olderVersion));
        expect(rebuilt.map((item) => item.position)).toEqual(olderVersion.map((_, i) => i));

        const readBack = changeSetSchema.parse(JSON.parse(JSON.stringify(changeSet)));
        expect(views(applyChangeSet(newerVersion, readBack))).toEqual(views(olderVersion));
      }),
    );
  });

  it('rebuilds every version of a chain from the newest through the change sets after it', () => {
    const refreshesArb = fc.array(fc.array(anyOpArb, { maxLength: 12 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(firstVersionArb, refreshesArb, (first, refreshes) => {
        const { world, drafts } = first;
        const versions = [finish(drafts)];
        let current: readonly Draft[] = drafts;
        refreshes.forEach((ops, run) => {
          current = refresh(world, current, ops, run + 1).version;
          versions.push(finish(current));
        });
        // changeSets[i] turns version i + 1 back into version i; the newest is stored whole.
        const changeSets = versions.slice(1).map((version, i) => makeChangeSet(versions[i] ?? [], version));
        const newest = versions[versions.length - 1] ?? [];

        versions.forEach((version, i) => {
          const backwards = changeSets.slice(i).reverse();
          expect(views(rebuildVersion(newest, backwards))).toEqual(views(version));
        });
      }),
    );
  });

  it('diffSnapshots: counts are the set differences; exactly those whose title, company or location differ changed', () => {
    const matchedArb = optional(fc.integer({ min: -2, max: 3 }));
    const opsArb = fc.array(anyOpArb, { maxLength: 20 });
    fc.assert(
      fc.property(firstVersionArb, opsArb, matchedArb, matchedArb, (first, ops, olderExtra, newerExtra) => {
        const { world, drafts } = first;
        const olderVersion = finish(drafts);
        const newerVersion = finish(refresh(world, drafts, ops, 1).version);
        const before = firstOccurrences(olderVersion);
        const after = firstOccurrences(newerVersion);
        const size = (count: number, extra: number | undefined) => ({
          count,
          matched: extra === undefined ? undefined : Math.max(0, count + extra),
        });
        const context = { older: size(olderVersion.length, olderExtra), newer: size(newerVersion.length, newerExtra) };

        const diff = diffSnapshots(olderVersion, newerVersion, context);

        const joined = [...after.values()].filter((item) => !before.has(item.baseContactId));
        const left = [...before.values()].filter((item) => !after.has(item.baseContactId));
        expect(diff.joined).toEqual(joined);
        expect(diff.left.map((entry) => entry.item)).toEqual(left);
        expect(diff.counts).toEqual({ joined: joined.length, left: left.length, changed: diff.changed.length });

        const capped = [context.older, context.newer].some((s) => s.matched !== undefined && s.matched > s.count);
        for (const entry of diff.left) expect(entry.reason).toBe(capped ? 'mayHaveMovedPastSize' : 'noLongerMatches');

        const reallyChanged = [...after.values()].filter((item) => {
          const previous = before.get(item.baseContactId);
          return previous !== undefined && DIFF_FIELDS.some((field) => previous[field] !== item[field]);
        });
        expect(diff.changed.map((entry) => entry.item)).toEqual(reallyChanged);
        for (const { item, previous, changes } of diff.changed) {
          expect(previous).toBe(before.get(item.baseContactId));
          const differing = DIFF_FIELDS.filter((field) => previous[field] !== item[field]);
          expect(changes).toEqual(differing.map((field) => ({ field, before: previous[field], after: item[field] })));
        }

        const later = (items: readonly VersionItem[], firsts: Map<string, VersionItem>) =>
          items.filter((item) => firsts.get(item.baseContactId) !== item);
        expect(diff.duplicates).toEqual({ older: later(olderVersion, before), newer: later(newerVersion, after) });
      }),
    );
  });

  it('a change set agrees with the diff on who joined and left, for snapshots that list each person once', () => {
    fc.assert(
      fc.property(versionArb({ once: true }), fc.array(onceOpArb, { maxLength: 20 }), ({ world, drafts }, ops) => {
        const olderVersion = finish(drafts);
        const newerVersion = finish(refresh(world, drafts, ops, 1).version);
        expect(hasDuplicates(olderVersion) || hasDuplicates(newerVersion)).toBe(false);

        const diff = diffSnapshots(olderVersion, newerVersion, UNCAPPED);
        const changeSet = makeChangeSet(olderVersion, newerVersion);

        expect(changeSet.joined).toEqual(diff.joined.map((item) => item.id));
        expect(changeSet.left).toEqual(diff.left.map((entry) => entry.item));
        const patched = new Set(changeSet.changed.map((patch) => patch.id));
        for (const { item } of diff.changed) expect(patched.has(item.id)).toBe(true);
      }),
    );
  });

  it('a change set is O(k): at most one entry per person-sized change, and each entry at most two items in bytes', () => {
    fc.assert(
      fc.property(firstVersionArb, fc.array(opArb, { maxLength: 30 }), ({ world, drafts }, ops) => {
        const olderVersion = finish(drafts);
        const { version, applied } = refresh(world, drafts, ops, 1);
        const newerVersion = finish(version);

        const changeSet = makeChangeSet(olderVersion, newerVersion);
        const { entries } = changeSetCounts(changeSet);
        // k = the joins, leaves, edits, moves and duplicate insertions applied; every kept
        // person's photo and tenures changed too, and cost nothing.
        expect(entries).toBeLessThanOrEqual(applied);

        const largest = Math.max(0, ...[...olderVersion, ...newerVersion].map(jsonBytes));
        const frame = changeSetByteSize({ ...changeSet, left: [], joined: [], moved: [], changed: [] });
        expect(changeSetByteSize(changeSet)).toBeLessThanOrEqual(frame + entries * (2 * largest + 64));
      }),
    );
  });
});
