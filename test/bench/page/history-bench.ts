import {
  applyChangeSet,
  changeSetByteSize,
  changeSetCounts,
  diffSnapshots,
  makeChangeSet,
  versionedView,
  type ChangeSet,
  type ChangeSetCounts,
  type VersionItem,
} from '../../../lib/model/snapshot-diff';
import type { Timed } from './timed';
import { makeContacts } from './contacts';

/** `diff` is `diffSnapshots`; `maps` the floor any diff pays: a `Map` of each snapshot by `baseContactId`. */
export type DiffImpl = 'diff' | 'maps';
/** `make` is `makeChangeSet(older, newer)`, `apply` is `applyChangeSet(newer, changeSet)`. */
export type ChangeSetOp = 'make' | 'apply';

/** What one prepared refresh weighs, in JSON bytes (UTF-8). */
export interface RefreshFigures {
  /** The newer version's items: the list's own stored size. */
  listBytes: number;
  changeSetBytes: number;
  counts: ChangeSetCounts;
  /** The same change set if photos and tenures were versioned too (the decision not to, measured). */
  withVolatileBytes: number;
}

/** The history bench's part of `window.bench`; every duration is taken inside the page. */
export interface HistoryBenchApi {
  /**
   * Builds a `count`-contact version and a refresh of it in which `share` of the people differ
   * (see {@link makeRefresh}), keeps both for the timed calls below and weighs its change set.
   */
  prepareRefresh(count: number, share: number): Promise<RefreshFigures>;
  /** `reps` back-to-back runs of `impl` over the prepared pair; `ms` is per run, `value` a checksum. */
  timeDiff(impl: DiffImpl, reps: number): Promise<Timed<number>>;
  /** As {@link HistoryBenchApi.timeDiff}, for making and applying the prepared pair's change set. */
  timeChangeSet(op: ChangeSetOp, reps: number): Promise<Timed<number>>;
}

const LIST_ID = 'bench-history';
const CAPTURED_AT = '2026-03-02T09:15:00.000Z';
const REFRESHED_AT = '2026-04-06T09:20:00.000Z';

interface Prepared {
  older: VersionItem[];
  newer: VersionItem[];
  changeSet: ChangeSet;
}

export function createHistoryBench(): HistoryBenchApi {
  let prepared: Prepared | undefined;
  const current = () => {
    if (!prepared) throw new Error('Call bench.prepareRefresh(count, share) first');
    return prepared;
  };

  return {
    async prepareRefresh(count, share) {
      const older = makeVersion(count, `history-${count}`);
      const newer = makeRefresh(older, share, count);
      const changeSet = makeChangeSet(older, newer);
      assertRebuilds(newer, changeSet, older);
      prepared = { older, newer, changeSet };
      return {
        listBytes: jsonBytes(newer),
        changeSetBytes: changeSetByteSize(changeSet),
        counts: changeSetCounts(changeSet),
        withVolatileBytes: jsonBytes(withVolatileVersioned(changeSet, older, newer)),
      };
    },

    async timeDiff(impl, reps) {
      const { older, newer } = current();
      const context = { older: { count: older.length }, newer: { count: newer.length } };
      return repeated(reps, () => {
        if (impl === 'maps') return byPerson(older).size + byPerson(newer).size;
        const { counts } = diffSnapshots(older, newer, context);
        return counts.joined + counts.left + counts.changed;
      });
    },

    async timeChangeSet(op, reps) {
      const { older, newer, changeSet } = current();
      return repeated(reps, () =>
        op === 'make' ? changeSetCounts(makeChangeSet(older, newer)).entries : applyChangeSet(newer, changeSet).length,
      );
    },
  };
}

function byPerson(items: readonly VersionItem[]): Map<string, VersionItem> {
  return new Map(items.map((item) => [item.baseContactId, item]));
}

/** Runs `op` `reps` times after a garbage collection (when exposed); `ms` is the time of one run. */
async function repeated(reps: number, op: () => number): Promise<Timed<number>> {
  (globalThis as { gc?: () => void }).gc?.();
  let value = 0;
  const start = performance.now();
  for (let rep = 0; rep < reps; rep += 1) value += op();
  return { ms: (performance.now() - start) / reps, value };
}

/** `count` contacts as a version of one list, at positions 0..n-1. */
export function makeVersion(count: number, tag: string): VersionItem[] {
  return makeContacts(count, tag).map((contact, position) => ({
    ...contact,
    id: crypto.randomUUID(),
    listId: LIST_ID,
    createdAt: CAPTURED_AT,
    position,
  }));
}

/**
 * A refresh of `older` in which `share` of its size are changes: 30 % of them people who left,
 * 30 % people who joined (at random places), 10 % people who moved to a random place and the
 * rest a new title, company or location. Every kept person also gets what every real refresh
 * brings: a new photo token and a month more tenure. Kept people keep their item's id and
 * `createdAt`. Seeded, so every run measures the same refresh.
 */
export function makeRefresh(older: readonly VersionItem[], share: number, seed: number): VersionItem[] {
  const random = mulberry32(seed);
  const changes = Math.round(older.length * share);
  const leaving = Math.round(changes * 0.3);
  const joining = Math.round(changes * 0.3);
  const moving = Math.round(changes * 0.1);
  const changing = changes - leaving - joining - moving;

  const picked = shuffled(
    older.map((item) => item.position),
    random,
  );
  const leavers = new Set(picked.slice(0, leaving));
  const changers = new Set(picked.slice(leaving, leaving + changing));
  const movers = picked.slice(leaving + changing, leaving + changing + moving);

  const items = older
    .filter((item) => !leavers.has(item.position))
    .map((item) => churn(changers.has(item.position) ? changeJob(item, item.position % 3) : item));
  for (const position of movers) {
    const [mover] = items.splice(
      items.findIndex((item) => item.position === position),
      1,
    );
    if (mover) items.splice(Math.floor(random() * (items.length + 1)), 0, mover);
  }
  const joiners = makeVersion(joining, `joined-${seed}`);
  for (const joiner of joiners) {
    items.splice(Math.floor(random() * (items.length + 1)), 0, { ...joiner, createdAt: REFRESHED_AT });
  }
  return items.map((item, position) => ({ ...item, position }));
}

/** A new title (0), company (1) or location (2), as LinkedIn shows a job change or a move. */
function changeJob(item: VersionItem, kind: number): VersionItem {
  const [current, ...earlier] = item.positions ?? [];
  if (kind === 0) {
    const role = `Senior ${item.role ?? 'Account Executive'}`;
    return { ...item, role, positions: [{ ...current, title: role, tenureInMonths: 0 }, ...earlier] };
  }
  if (kind === 1) {
    const companyName = 'Ramp';
    const companyUrl = 'https://www.linkedin.com/company/ramp';
    const joined = { title: item.role, companyName, companyUrl, tenureInMonths: 0, location: item.location };
    return { ...item, companyName, positions: [joined, ...(current ? [current] : []), ...earlier] };
  }
  return { ...item, location: 'Amsterdam, North Holland, Netherlands' };
}

/** A new photo token and a month more tenure in every position. */
function churn(item: VersionItem): VersionItem {
  return {
    ...item,
    ...(item.avatar === undefined ? {} : { avatar: item.avatar.replace(/t=[^&]*$/, `t=Rf${item.position}`) }),
    ...(item.positions === undefined
      ? {}
      : {
          positions: item.positions.map((position) =>
            position.tenureInMonths === undefined ? position : { ...position, tenureInMonths: position.tenureInMonths + 1 },
          ),
        }),
  };
}

/**
 * `changeSet` as it would be if photos and tenures were versioned: every kept person whose photo
 * or tenure moved (all of them, on a real refresh) gets their old `avatar` and `positions`.
 */
function withVolatileVersioned(changeSet: ChangeSet, older: readonly VersionItem[], newer: readonly VersionItem[]) {
  const olderById = new Map(older.map((item) => [item.id, item]));
  const patches = new Map(changeSet.changed.map((patch) => [patch.id, patch]));
  const changed = newer.flatMap((item) => {
    const old = olderById.get(item.id);
    const patch = patches.get(item.id);
    if (old === undefined) return [];
    const set = { ...patch?.set };
    if (old.avatar !== item.avatar) set.avatar = old.avatar;
    if (JSON.stringify(old.positions) !== JSON.stringify(item.positions)) set.positions = old.positions;
    if (Object.keys(set).length === 0 && patch === undefined) return [];
    return [{ ...patch, id: item.id, set }];
  });
  return { ...changeSet, changed };
}

/** A figure of a change set that does not rebuild its version is no figure. */
function assertRebuilds(newer: readonly VersionItem[], changeSet: ChangeSet, older: readonly VersionItem[]): void {
  const rebuilt = canonicalJson(applyChangeSet(newer, changeSet).map(versionedView));
  if (rebuilt !== canonicalJson(older.map(versionedView))) throw new Error('The change set does not rebuild the older version');
}

/** JSON with every object's keys sorted: a parsed item keeps its schema's key order, not the original's. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    typeof field === 'object' && field !== null && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : 1)))
      : field,
  );
}

function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).byteLength;
}

function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A small seeded generator (mulberry32): the same refresh on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
