import { ApiError, parseOrThrow } from './errors';
import { contactListItemSchema, positionSchema, type ContactListItem, type Position } from './schemas';
import { z } from './zod';

/**
 * What changed between two versions of a list, and the history of a list as change sets.
 *
 * A refresh re-runs a list's search. The panel shows who joined, left or changed, by person
 * (`baseContactId`): {@link diffSnapshots}. The newest version is stored whole; each older one
 * is rebuilt on demand by applying change sets backwards ({@link makeChangeSet},
 * {@link applyChangeSet}, {@link rebuildVersion}), so a refresh that changes k of n contacts
 * stores O(k), not a second copy of the list.
 *
 * Volatile fields are not versioned. A LinkedIn photo URL (`avatar`) carries an expiring token
 * and differs on every run, and `positions[].tenureInMonths` counts up every month: keeping
 * their old values would put every kept person into every change set, making each refresh
 * O(n) (bench line "7a.1" measures what that would cost). So a rebuilt older version
 * shows the newer photo and tenure for people who stayed; a leaver keeps their own, since
 * their whole item is kept. Every other field is rebuilt exactly: {@link versionedView}
 * defines "exactly".
 */

/** A contact of one list version: the stored item and its 0-based place (`ItemRecord` in `lib/db`). */
export type VersionItem = ContactListItem & { position: number };

// ---------------------------------------------------------------------------------------------
// The diff the panel shows

/** The fields whose change the panel shows: title, company, location. */
export const DIFF_FIELDS = ['role', 'companyName', 'location'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

/** What a diff reads of a contact; a version's items and a capture's contacts both qualify. */
export type DiffItem = Pick<ContactListItem, 'baseContactId' | DiffField>;

/**
 * Why a person is no longer in the list, as a code the panel renders:
 * - `mayHaveMovedPastSize`: a search matched more people than its snapshot holds, so the
 *   person may still match, beyond the list's size;
 * - `noLongerMatches`: both snapshots hold every match, so the person no longer matches.
 */
export const LEAVE_REASONS = ['mayHaveMovedPastSize', 'noLongerMatches'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

/** How many contacts a snapshot holds and how many its search matched (absent: unknown, not capped). */
export interface SnapshotSize {
  count: number;
  matched?: number | undefined;
}

/** The two snapshots' sizes, which decide each leaver's reason. */
export interface DiffContext {
  older: SnapshotSize;
  newer: SnapshotSize;
}

/** One changed field, old and new value side by side. */
export interface FieldChange {
  field: DiffField;
  before: string | undefined;
  after: string | undefined;
}

export interface LeftContact<T> {
  /** The person's item in the older snapshot. */
  item: T;
  reason: LeaveReason;
}

export interface ChangedContact<T> {
  /** The person's item in the newer snapshot. */
  item: T;
  /** The person's item in the older snapshot. */
  previous: T;
  /** In {@link DIFF_FIELDS} order; never empty. */
  changes: FieldChange[];
}

export interface SnapshotDiff<T> {
  /** In the newer snapshot only, in newer order. */
  joined: T[];
  /** In the older snapshot only, in older order. */
  left: LeftContact<T>[];
  /** In both, with a different title, company or location, in newer order. */
  changed: ChangedContact<T>[];
  counts: { joined: number; left: number; changed: number };
  /**
   * Later occurrences of a person already met earlier in the same snapshot, in snapshot order.
   * A stored snapshot has none; when one does, the first occurrence stands for the person and
   * these take no part in the diff.
   */
  duplicates: { older: T[]; newer: T[] };
}

/**
 * Who joined, left or changed title, company or location between two snapshots of a list, by
 * person (`baseContactId`). O(n): one map per snapshot and one pass over each.
 */
export function diffSnapshots<T extends DiffItem>(older: readonly T[], newer: readonly T[], context: DiffContext): SnapshotDiff<T> {
  const before = byPerson(older);
  const after = byPerson(newer);

  const joined: T[] = [];
  const changed: ChangedContact<T>[] = [];
  for (const [person, item] of after.first) {
    const previous = before.first.get(person);
    if (previous === undefined) {
      joined.push(item);
      continue;
    }
    const changes = fieldChanges(previous, item);
    if (changes.length > 0) changed.push({ item, previous, changes });
  }

  const reason: LeaveReason = isCapped(context.older) || isCapped(context.newer) ? 'mayHaveMovedPastSize' : 'noLongerMatches';
  const left: LeftContact<T>[] = [];
  for (const [person, item] of before.first) {
    if (!after.first.has(person)) left.push({ item, reason });
  }

  return {
    joined,
    left,
    changed,
    counts: { joined: joined.length, left: left.length, changed: changed.length },
    duplicates: { older: before.later, newer: after.later },
  };
}

function isCapped(size: SnapshotSize): boolean {
  return size.matched !== undefined && size.matched > size.count;
}

/** Each person's first item (in snapshot order, as a `Map` iterates) and every later one. */
function byPerson<T extends { baseContactId: string }>(items: readonly T[]): { first: Map<string, T>; later: T[] } {
  const first = new Map<string, T>();
  const later: T[] = [];
  for (const item of items) {
    if (first.has(item.baseContactId)) later.push(item);
    else first.set(item.baseContactId, item);
  }
  return { first, later };
}

function fieldChanges(previous: DiffItem, item: DiffItem): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of DIFF_FIELDS) {
    if (previous[field] !== item[field]) changes.push({ field, before: previous[field], after: item[field] });
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------
// History as change sets

/** Bumped when the stored shape of a change set changes, so an old record is never misread. */
export const CHANGE_SET_FORMAT = 1;

/** Fields an item may lack; the only ones a change set may remove. */
const optionalFieldSchema = contactListItemSchema.keyof().exclude(['id', 'listId', 'baseContactId', 'createdAt']);

// Strict throughout: a stored change set holds only fields this version knows, and a record
// with anything else is refused whole rather than read back with a field silently dropped.
const strictItemShape = { ...contactListItemSchema.shape, positions: z.array(z.strictObject(positionSchema.shape)).optional() };

/** A whole stored item with its place, as a change set keeps a leaver's. */
export const versionItemSchema = z.strictObject({ ...strictItemShape, position: z.int().min(0) });

const itemPatchSchema = z.strictObject({
  /** The item in the newer version. */
  id: z.string(),
  /** Old values of the fields that differ. */
  set: z.strictObject(strictItemShape).partial().optional(),
  /** Fields the older item lacked. */
  unset: z.array(optionalFieldSchema).min(1).optional(),
});
export type ItemPatch = z.infer<typeof itemPatchSchema>;

/**
 * What turns a newer version of a list back into the version before it, exactly (under
 * {@link versionedView}). Each part is proportional to what changed, never to the list's size:
 *
 * - `left`: items of the older version with no counterpart in the newer one, whole, with their
 *   old `position` (they can be rebuilt from nothing else);
 * - `joined`: ids of the newer version's items with no counterpart in the older one (the
 *   newer version holds the rest of them);
 * - `moved`: kept items that did not keep their order relative to the others, by newer id, with
 *   their old position. The kept items that did keep it are a longest increasing subsequence of
 *   their new places read in old order; they fill the positions no other entry claims, in the
 *   order they have in the newer version. One person moving costs one entry; people joining or
 *   leaving before others shift positions but cost nothing here;
 * - `changed`: kept items whose versioned fields differ, by newer id: `set` holds the old
 *   values (a whole field, e.g. the whole `positions` array), `unset` the fields the older item
 *   lacked.
 *
 * Items are paired by id and person first (a kept person keeps their item's id), then by person
 * alone (a version written without carrying ids over), each person's items in order. So a
 * person listed twice, which a stored snapshot never is, is still rebuilt exactly.
 * `olderCount` and `newerCount` let {@link applyChangeSet} refuse a change set applied to a
 * version it was not made from.
 */
export const changeSetSchema = z.strictObject({
  format: z.literal(CHANGE_SET_FORMAT),
  olderCount: z.int().min(0),
  newerCount: z.int().min(0),
  left: z.array(versionItemSchema),
  joined: z.array(z.string()),
  moved: z.array(z.strictObject({ id: z.string(), position: z.int().min(0) })),
  changed: z.array(itemPatchSchema),
});
export type ChangeSet = z.infer<typeof changeSetSchema>;

/** The projection of an item that history rebuilds exactly: no `avatar`, no `positions[].tenureInMonths`. */
export type VersionedView = Omit<VersionItem, 'avatar' | 'positions'> & {
  positions?: Omit<Position, 'tenureInMonths'>[];
};

/**
 * An item as history keeps it: without its photo URL and tenures, and without fields set to
 * `undefined` (the same as absent, as in JSON). `applyChangeSet` rebuilds this exactly.
 */
export function versionedView(item: VersionItem): VersionedView {
  const { avatar: _avatar, positions, ...rest } = item;
  const view: VersionedView = withoutUndefined(rest);
  if (positions !== undefined) {
    view.positions = positions.map(({ tenureInMonths: _tenure, ...position }) => withoutUndefined(position));
  }
  return view;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/**
 * The change set that turns `newer` back into `older`. Both are whole versions in position
 * order (`position` 0..n-1); `newer`'s item ids are distinct (the change set names its items by
 * id). O(n log n). The result is parsed with {@link changeSetSchema} before it is returned (O(k):
 * only the entries), so what is stored is what a read accepts; a 400 `ApiError` names the part
 * that is not. Neither input is modified.
 */
export function makeChangeSet(older: readonly VersionItem[], newer: readonly VersionItem[]): ChangeSet {
  assertPositions(older, 'older');
  assertPositions(newer, 'newer');
  const newerById = indexById(newer, 'newer');
  const { olderPartner, newerPartner } = pairItems(older, newer, newerById);

  const left: VersionItem[] = [];
  const kept: { older: number; newer: number }[] = [];
  older.forEach((item, i) => {
    const j = olderPartner[i] ?? NONE;
    if (j === NONE) left.push(item);
    else kept.push({ older: i, newer: j });
  });

  const inOrder = markLongestIncreasing(kept.map((pair) => pair.newer));
  const moved = kept.filter((_, k) => inOrder[k] !== 1).map((pair) => ({ id: itemAt(newer, pair.newer).id, position: pair.older }));

  const joined: string[] = [];
  const changed: RawPatch[] = [];
  newer.forEach((item, j) => {
    const i = newerPartner[j] ?? NONE;
    if (i === NONE) {
      joined.push(item.id);
      return;
    }
    const patch = patchOf(itemAt(older, i), item);
    if (patch !== undefined) changed.push(patch);
  });

  const draft = { format: CHANGE_SET_FORMAT, olderCount: older.length, newerCount: newer.length, left, joined, moved, changed };
  return parseOrThrow(changeSetSchema, draft, 'changeSet');
}

/**
 * The version `changeSet` was made from, rebuilt from the `newer` version it was made against:
 * equal to it under {@link versionedView}, `position` 0..n-1. O(n). Throws a 400 `ApiError`
 * naming the offending part of the change set when it does not fit `newer` (a change set
 * applied to the wrong version, or a damaged record), rather than rebuilding something else.
 */
export function applyChangeSet(newer: readonly VersionItem[], changeSet: ChangeSet): VersionItem[] {
  if (newer.length !== changeSet.newerCount) {
    throw mismatch('changeSet.newerCount', `Made against ${changeSet.newerCount} items, applied to ${newer.length}`);
  }
  const newerById = indexById(newer, 'newer');
  const find = (id: string, field: string): number => {
    const j = newerById.get(id);
    if (j === undefined) throw mismatch(field, `No item "${id}" in the newer version`);
    return j;
  };

  const role = new Uint8Array(newer.length);
  changeSet.joined.forEach((id, k) => {
    const field = `changeSet.joined[${k}]`;
    const j = find(id, field);
    if (role[j] !== KEPT) throw mismatch(field, `Item "${id}" is listed twice`);
    role[j] = JOINED;
  });
  const patches = new Map<number, ItemPatch>();
  changeSet.changed.forEach((patch, k) => {
    const field = `changeSet.changed[${k}].id`;
    const j = find(patch.id, field);
    if (role[j] === JOINED || patches.has(j)) throw mismatch(field, `Item "${patch.id}" is already listed`);
    patches.set(j, patch);
  });

  const pinned = new Map<number, VersionItem>();
  const pin = (position: number, field: string, item: VersionItem) => {
    if (position >= changeSet.olderCount) throw mismatch(field, `Position ${position} is past the older version's end`);
    if (pinned.has(position)) throw mismatch(field, `Position ${position} is taken twice`);
    pinned.set(position, item);
  };
  changeSet.left.forEach((item, k) => pin(item.position, `changeSet.left[${k}].position`, { ...item }));
  changeSet.moved.forEach(({ id, position }, k) => {
    const field = `changeSet.moved[${k}].id`;
    const j = find(id, field);
    if (role[j] !== KEPT) throw mismatch(field, `Item "${id}" is already listed`);
    role[j] = MOVED;
    pin(position, `changeSet.moved[${k}].position`, restore(itemAt(newer, j), patches.get(j), position));
  });

  // The items that kept their relative order fill every position nothing else claimed.
  const inOrder = newer.entries();
  const nextInOrder = (): [number, VersionItem] | undefined => {
    for (let next = inOrder.next(); !next.done; next = inOrder.next()) {
      if (role[next.value[0]] === KEPT) return next.value;
    }
    return undefined;
  };
  const older: VersionItem[] = [];
  for (let position = 0; position < changeSet.olderCount; position += 1) {
    const item = pinned.get(position);
    if (item !== undefined) {
      older.push(item);
      continue;
    }
    const kept = nextInOrder();
    if (kept === undefined) throw countMismatch(changeSet);
    older.push(restore(kept[1], patches.get(kept[0]), position));
  }
  if (nextInOrder() !== undefined) throw countMismatch(changeSet);
  return older;
}

/**
 * Version i of a list, from the newest version and the change sets that lead back to it,
 * newest first: `changeSets[0]` turns the newest version into the one before it, and so on.
 */
export function rebuildVersion(newest: readonly VersionItem[], changeSets: readonly ChangeSet[]): readonly VersionItem[] {
  let version = newest;
  for (const changeSet of changeSets) version = applyChangeSet(version, changeSet);
  return version;
}

/** How many entries of each kind a change set holds, for the History list. */
export interface ChangeSetCounts {
  joined: number;
  left: number;
  changed: number;
  moved: number;
  /** All four together: the measure of a change set's size that the O(k) bound is stated in. */
  entries: number;
}

/** The entries of each kind in `changeSet`; a History row shows joined, left and changed. */
export function changeSetCounts(changeSet: ChangeSet): ChangeSetCounts {
  const { joined, left, changed, moved } = changeSet;
  return {
    joined: joined.length,
    left: left.length,
    changed: changed.length,
    moved: moved.length,
    entries: joined.length + left.length + changed.length + moved.length,
  };
}

/** Bytes of a change set's JSON in UTF-8: what it adds to a list's stored size. */
export function changeSetByteSize(changeSet: ChangeSet): number {
  return new TextEncoder().encode(JSON.stringify(changeSet)).byteLength;
}

const NONE = -1;
const KEPT = 0;
const JOINED = 1;
const MOVED = 2;

/** Fields no change set records (see the module's comment); `position` is a place, not a field. */
const UNVERSIONED = new Set(['position', 'avatar']);

function mismatch(field: string, message: string): ApiError {
  return new ApiError({ error: 'validation_error', message: `${field}: ${message}`, details: [{ field, message }] });
}

function countMismatch(changeSet: ChangeSet): ApiError {
  const { olderCount, newerCount, joined, left } = changeSet;
  return mismatch(
    'changeSet.olderCount',
    `${newerCount} items, less ${joined.length} joined, plus ${left.length} left, are not ${olderCount}`,
  );
}

function itemAt(items: readonly VersionItem[], index: number): VersionItem {
  const item = items[index];
  if (item === undefined) throw new RangeError(`No item at ${index}`);
  return item;
}

function assertPositions(items: readonly VersionItem[], name: string): void {
  items.forEach((item, i) => {
    if (item.position !== i) throw mismatch(`${name}[${i}].position`, `Must be ${i}: a version is in position order from 0`);
  });
}

function indexById(items: readonly VersionItem[], name: string): Map<string, number> {
  const byId = new Map<string, number>();
  items.forEach((item, i) => {
    if (byId.has(item.id)) throw mismatch(`${name}[${i}].id`, `Item id "${item.id}" appears twice in one version`);
    byId.set(item.id, i);
  });
  return byId;
}

/**
 * Pairs each older item with at most one newer item of the same person: the item with the same
 * id first, then, among the rest, each person's items in order.
 */
function pairItems(
  older: readonly VersionItem[],
  newer: readonly VersionItem[],
  newerById: ReadonlyMap<string, number>,
): { olderPartner: Int32Array; newerPartner: Int32Array } {
  const olderPartner = new Int32Array(older.length).fill(NONE);
  const newerPartner = new Int32Array(newer.length).fill(NONE);
  const pair = (i: number, j: number) => {
    olderPartner[i] = j;
    newerPartner[j] = i;
  };

  older.forEach((item, i) => {
    const j = newerById.get(item.id);
    if (j !== undefined && newerPartner[j] === NONE && itemAt(newer, j).baseContactId === item.baseContactId) pair(i, j);
  });

  const unpairedNewer = new Map<string, number[]>();
  newer.forEach((item, j) => {
    if (newerPartner[j] !== NONE) return;
    const queue = unpairedNewer.get(item.baseContactId);
    if (queue === undefined) unpairedNewer.set(item.baseContactId, [j]);
    else queue.push(j);
  });
  const taken = new Map<string, number>();
  older.forEach((item, i) => {
    if (olderPartner[i] !== NONE) return;
    const queue = unpairedNewer.get(item.baseContactId);
    const next = taken.get(item.baseContactId) ?? 0;
    const j = queue?.[next];
    if (j === undefined) return;
    taken.set(item.baseContactId, next + 1);
    pair(i, j);
  });
  return { olderPartner, newerPartner };
}

/**
 * Marks (with 1) one longest strictly increasing subsequence of `values`, which are distinct:
 * patience sorting, O(n log n).
 */
function markLongestIncreasing(values: readonly number[]): Uint8Array {
  // tailValue[t] is the smallest value an increasing run of length t + 1 found so far ends
  // with, and tailAt[t] where it is; previous[i] links each value to the run it extends.
  const tailValue: number[] = [];
  const tailAt: number[] = [];
  const previous = new Int32Array(values.length).fill(NONE);
  values.forEach((value, i) => {
    let low = 0;
    let high = tailValue.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((tailValue[middle] ?? Infinity) < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[i] = tailAt[low - 1] ?? NONE;
    tailValue[low] = value;
    tailAt[low] = i;
  });
  const marks = new Uint8Array(values.length);
  for (let i = tailAt[tailAt.length - 1] ?? NONE; i !== NONE; i = previous[i] ?? NONE) marks[i] = 1;
  return marks;
}

/** A patch before {@link changeSetSchema} has checked it. */
interface RawPatch {
  id: string;
  set?: Record<string, unknown>;
  unset?: string[];
}

/** The old values of `old`'s versioned fields that `now` does not have, or `undefined` when none differ. */
function patchOf(old: VersionItem, now: VersionItem): RawPatch | undefined {
  const before: Readonly<Record<string, unknown>> = old;
  const after: Readonly<Record<string, unknown>> = now;
  let set: Record<string, unknown> | undefined;
  let unset: string[] | undefined;
  for (const [field, value] of Object.entries(before)) {
    if (value === undefined || UNVERSIONED.has(field)) continue;
    const same = field === 'positions' ? samePositions(old.positions, now.positions) : sameValue(value, after[field]);
    if (!same) (set ??= {})[field] = value;
  }
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined || UNVERSIONED.has(field) || before[field] !== undefined) continue;
    (unset ??= []).push(field);
  }
  if (set === undefined && unset === undefined) return undefined;
  return { id: now.id, ...(set === undefined ? {} : { set }), ...(unset === undefined ? {} : { unset }) };
}

/** Equal positions, tenures aside. */
function samePositions(a: readonly Position[] | undefined, b: readonly Position[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((position, i) => sameObject(position, b[i], 'tenureInMonths'));
}

/** Deep equality of JSON-like values, where a field set to `undefined` is the same as an absent one. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((value, i) => sameValue(value, b[i]));
  return sameObject(a, b);
}

function sameObject(a: unknown, b: unknown, skip?: string): boolean {
  if (!isRecord(a) || !isRecord(b) || Array.isArray(b)) return false;
  const definedKeys = (value: Record<string, unknown>) => Object.keys(value).filter((key) => key !== skip && value[key] !== undefined);
  const keys = definedKeys(a);
  return keys.length === definedKeys(b).length && keys.every((key) => sameValue(a[key], b[key]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** `item` with a patch's old values put back, at `position`. */
function restore(item: VersionItem, patch: ItemPatch | undefined, position: number): VersionItem {
  const restored: VersionItem = { ...item, ...patch?.set, position };
  for (const field of patch?.unset ?? []) delete restored[field];
  return restored;
}
