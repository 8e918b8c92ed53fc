import { Dexie, type DBCoreKeyRange, type DBCoreRangeType, type Table } from 'dexie';
import type { ContactListsApi } from '../model/contact-lists';
import { ApiError, parseOrThrow } from '../model/errors';
import { emailKey, memberKey, profileUrlKey } from '../model/identity';
import { randomId, systemClock, type Clock, type IdFactory } from '../model/runtime';
import {
  listContactsQuerySchema,
  listListsQuerySchema,
  updateContactListRequestSchema,
  type ContactList,
  type ContactListContactsResponse,
  type ContactListItem,
  type ContactListsResponse,
  type PageQuery,
  type UpdateContactListRequest,
} from '../model/schemas';
import { createSnapshotSchema, type CreateSnapshot, type SnapshotContact } from '../model/snapshot';
import type { ProspectDb } from './database';
import type { BaseContactRecord, ItemRecord } from './records';

export interface LocalStoreDeps {
  clock?: Clock;
  newId?: IdFactory;
}

/**
 * The spec's contact-list operations over IndexedDB, with the spec's semantics and errors.
 *
 * Writes are Dexie transactions; a caller that must write more in the same transaction (a job
 * marking itself done, an outbox entry) wraps the call in its own `db.transaction` over a
 * superset of the tables, and Dexie joins them into one.
 */
export class LocalContactLists implements ContactListsApi<CreateSnapshot> {
  private readonly clock: Clock;
  private readonly newId: IdFactory;

  constructor(
    private readonly db: ProspectDb,
    deps: LocalStoreDeps = {},
  ) {
    this.clock = deps.clock ?? systemClock;
    this.newId = deps.newId ?? randomId;
  }

  async listLists(query: PageQuery = {}): Promise<ContactListsResponse> {
    const { limit, offset } = parseOrThrow(listListsQuerySchema, query);
    return this.db.transaction('r', this.db.lists, async () => {
      const [total, items] = await Promise.all([
        this.db.lists.count(),
        this.db.lists.orderBy('[createdAt+id]').reverse().offset(offset).limit(limit).toArray(),
      ]);
      return { items, total, limit, offset, hasMore: offset + items.length < total };
    });
  }

  async getList(listId: string): Promise<ContactList> {
    const list = await this.db.lists.get(listId);
    if (!list) throw ApiError.notFound('Contact list', listId);
    return list;
  }

  /** Commits the list, its items and their base contacts atomically: all or nothing. */
  async createList(input: CreateSnapshot): Promise<ContactList> {
    const snapshot = parseOrThrow(createSnapshotSchema, input);
    const now = new Date(this.clock()).toISOString();
    const listId = this.newId();
    const list: ContactList = {
      id: listId,
      name: snapshot.name,
      filters: snapshot.filters,
      contactCount: snapshot.contacts.length,
      createdAt: now,
      updatedAt: now,
      source: snapshot.source ?? { kind: 'manual' },
      ...(snapshot.matchedCount === undefined ? {} : { matchedCount: snapshot.matchedCount }),
      sync: snapshot.sync ?? { state: 'local' },
      refresh: { version: 1, auto: 'off' },
      ...(snapshot.report ? { report: snapshot.report } : {}),
    };
    const { db } = this;
    await db.transaction('rw', [db.lists, db.items, db.baseContacts], async () => {
      await Promise.all([db.lists.add(list), addSnapshotItems(db, listId, snapshot.contacts, { now, newId: this.newId })]);
    });
    return list;
  }

  async renameList(listId: string, body: UpdateContactListRequest): Promise<ContactList> {
    const { name } = parseOrThrow(updateContactListRequestSchema, body);
    return this.db.transaction('rw', this.db.lists, async () => {
      const list = await this.getList(listId);
      const renamed: ContactList = { ...list, name, updatedAt: this.nextTimestamp(list.updatedAt) };
      await this.db.lists.put(renamed);
      return renamed;
    });
  }

  async deleteList(listId: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', listTables(db), async () => {
      // The requests go out at once; an unknown id throws, and the throw aborts the
      // transaction, which undoes the deletes.
      const [list] = await Promise.all([db.lists.get(listId), deleteListRecords(db, listId), db.lists.delete(listId)]);
      if (!list) throw ApiError.notFound('Contact list', listId);
    });
  }

  async listContacts(listId: string, query: PageQuery = {}): Promise<ContactListContactsResponse> {
    const { limit, offset } = parseOrThrow(listContactsQuerySchema, query);
    const { db } = this;
    return db.transaction('r', [db.lists, db.items], async () => {
      const list = await this.getList(listId);
      const rows = await db.items
        .where('[listId+position]')
        .between([listId, offset], [listId, offset + limit], true, false)
        .toArray();
      const total = list.contactCount;
      return { items: rows.map(toContactListItem), total, limit, offset, hasMore: offset + rows.length < total };
    });
  }

  /** Now, or one millisecond after `previous` when the clock has not moved past it. */
  private nextTimestamp(previous: string): string {
    return new Date(Math.max(this.clock(), Date.parse(previous) + 1)).toISOString();
  }
}

/** Every item of a list, as a primary-key range (one range delete, no index walk). */
export function itemsOf(db: ProspectDb, listId: string) {
  return db.items.where('[listId+position]').between([listId, Dexie.minKey], [listId, Dexie.maxKey]);
}

/**
 * Deletes every item of a list with one key-range `delete`, inside the caller's readwrite
 * transaction over `items`.
 *
 * `itemsOf(...).delete()` would do the same after counting the range first (Dexie's
 * `Collection.delete` returns the count), and IndexedDB counts by walking the range: that walk
 * made deleting a 2,500-contact list 1.56× slower than raw IndexedDB. Going through the table's
 * DBCore keeps Dexie's middleware, so live queries still see the change.
 */
export function deleteItemsOf(db: ProspectDb, listId: string): Promise<void> {
  // Not `async`: one more native await between the caller's transaction scope and DBCore's
  // native promise was enough for a scope that returns its promise to commit early.
  return deleteRangeOf(db.items, listId);
}

/** The tables a list's own records live in: the list, its items, its history and its leavers. */
export function listTables(db: ProspectDb) {
  return [db.lists, db.items, db.versions, db.leavers];
}

/**
 * Deletes a list's items, history and leavers (every table keyed `[listId+…]`), inside the
 * caller's readwrite transaction over {@link listTables}. The list record is the caller's.
 */
export async function deleteListRecords(db: ProspectDb, listId: string): Promise<void> {
  await Promise.all([deleteRangeOf(db.items, listId), deleteRangeOf(db.versions, listId), deleteRangeOf(db.leavers, listId)]);
}

/** One uncounted DBCore `deleteRange` over the keys `[listId, …]` of a table keyed by list first. */
async function deleteRangeOf(table: Pick<Table, 'name' | 'core'>, listId: string): Promise<void> {
  const tx = Dexie.currentTransaction;
  if (!tx || !tx.storeNames.includes(table.name) || tx.mode !== 'readwrite') {
    throw new Error(`deleting a list's ${table.name} runs inside a readwrite transaction over ${table.name}`);
  }
  const range: DBCoreKeyRange = { type: RANGE, lower: [listId, Dexie.minKey], upper: [listId, Dexie.maxKey] };
  const { failures } = await table.core.mutate({ trans: tx.idbtrans, type: 'deleteRange', range });
  // One entry per failed operation (`numFailures` counts them); the first says what went wrong.
  const [failure] = Object.values(failures);
  if (failure) throw failure;
}

/** `DBCoreRangeType.Range`, spelt out: Dexie declares the enum `const`, which isolated modules cannot read. */
const RANGE: DBCoreRangeType.Range = 2;

/** A stored item as the spec's `ContactListItem` (without the local `position`). */
export function toContactListItem(row: ItemRecord): ContactListItem {
  const { position: _position, ...item } = row;
  return item;
}

/** A contact to store as an item: a snapshot's, or a pulled one that keeps its own `createdAt`. */
export type SnapshotItemInput = SnapshotContact & { createdAt?: string };

/**
 * Adds a list's items at positions 0..n-1 and merges their base contacts (one per person,
 * shared by every list and every source: newer facts win, facts this snapshot lacks are kept).
 * Runs inside the caller's readwrite transaction over `items` and `baseContacts`, so it is all or
 * nothing with whatever else the caller writes.
 *
 * Merging needs the stored record only when it may hold a fact the incoming one lacks. A
 * capture always lacks email and phone, so reading every stored record would be the rule, and
 * that read cost a third on top of raw IndexedDB's commit. Instead the records that carry
 * email, phone or more keys than their id are marked in a sparse index (`detailed`): one
 * key-only read of that index, then only the records that can lose something are fetched.
 */
export async function addSnapshotItems(
  db: ProspectDb,
  listId: string,
  contacts: readonly SnapshotItemInput[],
  stamp: { now: string; newId: IdFactory },
): Promise<void> {
  const resolved = await resolveBaseContacts(db, contacts);
  const items = resolved.contacts.map((contact, position): ItemRecord => ({
    createdAt: stamp.now,
    ...contact,
    id: stamp.newId(),
    listId,
    position,
  }));
  await storeItems(db, items, stamp.now, resolved.found);
}

/** Every key a contact is known by (`lib/model/identity.ts`): its base-contact id, its public profile URL, its email. */
export function identityKeys(contact: Pick<SnapshotContact, 'baseContactId' | 'publicProfileUrl' | 'email'>): string[] {
  const keys = [contact.baseContactId];
  const url = contact.publicProfileUrl === undefined ? undefined : profileUrlKey(contact.publicProfileUrl);
  if (url !== undefined && url !== contact.baseContactId) keys.push(url);
  const mail = contact.email === undefined ? undefined : emailKey(contact.email);
  if (mail !== undefined && !keys.includes(mail)) keys.push(mail);
  return keys;
}

/** Contacts with the base contact each one is, and the stored base contacts that decided it. */
export interface ResolvedContacts<T> {
  contacts: T[];
  /** Ids of stored base contacts found by one of the contacts' keys: a merge must read them first. */
  found: ReadonlySet<string>;
}

/**
 * One person across sources (design.md): each contact takes the id of the stored base contact
 * that shares one of its keys (`keys` index), so a connection read through the session, the same
 * person's row of a Connections.csv and their address-book entry are one base contact, whichever
 * came first. A key matches the record whose id it is before any other record holding it.
 *
 * A contact whose keys belong to two stored records (an address-book entry known by email and
 * a connection known by profile URL, then the CSV row that has both) proves them one person:
 * with `merge`, inside the caller's readwrite transaction over `items` and `baseContacts`, the
 * later-found record is folded into the first, and every list's items of it follow. Without
 * it nothing is written, for a caller that only asks who is known.
 *
 * A member URN names exactly one person: a Sales Navigator lead keeps it as its id (its email,
 * when it has one, joins that record's keys), two member records are never folded together, and
 * member URNs are not looked up, since no other source carries one. Two contacts of one snapshot
 * never become one: the second keeps its own id.
 */
export async function resolveBaseContacts<T extends SnapshotContact>(
  db: ProspectDb,
  contacts: readonly T[],
  { merge = true }: { merge?: boolean } = {},
): Promise<ResolvedContacts<T>> {
  const keysOf = contacts.map(identityKeys);
  const wanted = new Set<string>();
  for (const keys of keysOf) for (const key of keys) if (memberKey(key) === undefined) wanted.add(key);
  /** Every record holding each key, the record whose id it is first. */
  const holders = new Map<string, string[]>();
  if (wanted.size > 0) {
    await db.baseContacts
      .where('keys')
      .anyOf([...wanted])
      .eachKey((key, cursor) => {
        if (typeof key !== 'string') return;
        const id = String(cursor.primaryKey);
        const ids = holders.get(key) ?? [];
        if (id === key) ids.unshift(id);
        else ids.push(id);
        holders.set(key, ids);
      });
  }
  if (holders.size === 0) return { contacts: [...contacts], found: new Set() };

  const folded = merge ? await foldBridgedRecords(db, contacts, keysOf, holders) : new Map<string, string>();
  const current = (id: string) => folded.get(id) ?? id;
  const ownerOf = (i: number) => keysOf[i]!.map((key) => holders.get(key)?.[0]).find((id) => id !== undefined);
  const owners = contacts.map((_, i) => {
    const owner = ownerOf(i);
    return owner === undefined ? undefined : current(owner);
  });
  const taken = new Set<string>();
  const keepsOwnId = contacts.map((contact, i) => {
    const owner = owners[i];
    if (owner !== undefined && owner !== contact.baseContactId && memberKey(contact.baseContactId) === undefined) return false;
    taken.add(contact.baseContactId);
    return true;
  });
  const resolved = contacts.map((contact, i): T => {
    const owner = owners[i];
    if (keepsOwnId[i] || owner === undefined || taken.has(owner)) return contact;
    taken.add(owner);
    return { ...contact, baseContactId: owner };
  });
  const found = new Set<string>();
  for (const ids of holders.values()) for (const id of ids) found.add(current(id));
  return { contacts: resolved, found };
}

/**
 * Folds together the stored records one contact's keys prove to be one person: the record the
 * contact would take keeps its id, the others' facts fill what it lacks, their keys join its
 * keys, every item of theirs points to it, and they go. Answers each folded id's new id.
 */
async function foldBridgedRecords(
  db: ProspectDb,
  contacts: readonly SnapshotContact[],
  keysOf: readonly string[][],
  holders: ReadonlyMap<string, string[]>,
): Promise<Map<string, string>> {
  const into = new Map<string, string>();
  const find = (id: string): string => {
    const next = into.get(id);
    return next === undefined ? id : find(next);
  };
  contacts.forEach((contact, i) => {
    const records = [...new Set(keysOf[i]!.flatMap((key) => holders.get(key) ?? []).map(find))];
    // A lead's own record, when the contact is one, is the one the others fold into.
    const own = memberKey(contact.baseContactId) === undefined ? undefined : contact.baseContactId;
    const target = own && records.includes(own) ? own : records[0];
    if (target === undefined) return;
    for (const other of records) {
      if (other !== target && memberKey(other) === undefined) into.set(other, target);
    }
  });
  if (into.size === 0) return new Map();

  const resolved = new Map([...into.keys()].map((id) => [id, find(id)]));
  const ids = [...new Set([...resolved.keys(), ...resolved.values()])];
  const records = new Map((await db.baseContacts.bulkGet(ids)).flatMap((record) => (record ? [[record.id, record] as const] : [])));
  const merged = new Map<string, BaseContactRecord>();
  for (const [from, to] of resolved) {
    const target = merged.get(to) ?? records.get(to);
    const source = records.get(from);
    if (!target || !source) continue;
    const keys = [...new Set([...(target.keys ?? [target.id]), ...(source.keys ?? [source.id])])];
    merged.set(to, { ...source, ...definedFacts(target), id: to, keys, detailed: DETAILED });
  }
  await Promise.all([
    db.baseContacts.bulkPut([...merged.values()]),
    db.baseContacts.bulkDelete([...resolved.keys()]),
    ...[...resolved].map(([from, to]) => db.items.where('baseContactId').equals(from).modify({ baseContactId: to })),
  ]);
  return resolved;
}

/** The record without its `undefined` fields, so spreading it over another keeps that one's facts. */
function definedFacts(record: BaseContactRecord): BaseContactRecord {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as BaseContactRecord;
}

/**
 * Adds items already numbered and stamped (a refresh keeps the ids and `createdAt` of people
 * who stay) and merges their base contacts, as {@link addSnapshotItems} does. `found` are the
 * stored records {@link resolveBaseContacts} matched by key: every record holds its own id as a
 * key, so a looked-up id it did not find has no record yet and nothing to read (a first import
 * of 30,000 connections reads none). Member URNs are not looked up: their records are read as
 * before, when they may hold a fact the snapshot lacks.
 */
export async function storeItems(db: ProspectDb, items: readonly ItemRecord[], now: string, found: ReadonlySet<string>): Promise<void> {
  const incoming = collectBaseContacts(items, now);
  const lead = (base: BaseContactRecord) => memberKey(base.id) !== undefined;
  const [detailedIds] = await Promise.all([
    incoming.some((base) => lead(base) && !lacksIdentity(base)) ? db.baseContacts.where('detailed').equals(DETAILED).primaryKeys() : [],
    db.items.bulkAdd(items),
  ]);
  const detailed = new Set(detailedIds);
  const toMerge = incoming.filter((base) => found.has(base.id) || (lead(base) && (lacksIdentity(base) || detailed.has(base.id))));
  const stored = toMerge.length === 0 ? [] : await db.baseContacts.bulkGet(toMerge.map((base) => base.id));
  const previous = new Map(toMerge.map((base, i) => [base.id, stored[i]]));
  await db.baseContacts.bulkPut(incoming.map((base) => mergeBaseContact(previous.get(base.id), base)));
}

/** The value of `BaseContactRecord.detailed`: the record holds an email, a phone, or a key besides its id. */
const DETAILED = 1;

/** Facts every LinkedIn source gives; a record without one of them may be about to lose it. */
const lacksIdentity = (base: BaseContactRecord) =>
  base.firstName === undefined ||
  base.lastName === undefined ||
  base.fullName === undefined ||
  base.linkedInSalesNavigatorProfileUrl === undefined;

function collectBaseContacts(contacts: readonly SnapshotContact[], now: string): BaseContactRecord[] {
  const byId = new Map<string, BaseContactRecord>();
  for (const contact of contacts) {
    const earlier = byId.get(contact.baseContactId);
    const base: BaseContactRecord = {
      ...earlier,
      id: contact.baseContactId,
      keys: earlier?.keys ? [...new Set([...earlier.keys, ...identityKeys(contact)])] : identityKeys(contact),
      updatedAt: now,
    };
    if (contact.firstName !== undefined) base.firstName = contact.firstName;
    if (contact.lastName !== undefined) base.lastName = contact.lastName;
    if (contact.fullName !== undefined) base.fullName = contact.fullName;
    if (contact.linkedInSalesNavigatorProfileUrl !== undefined) {
      base.linkedInSalesNavigatorProfileUrl = contact.linkedInSalesNavigatorProfileUrl;
    }
    if (contact.email !== undefined) base.email = contact.email;
    if (contact.phone !== undefined) base.phone = contact.phone;
    byId.set(contact.baseContactId, base);
  }
  return [...byId.values()];
}

/** Newer facts win; facts the new snapshot lacks (an address book's email) and every key known before are kept. */
function mergeBaseContact(previous: BaseContactRecord | undefined, next: BaseContactRecord): BaseContactRecord {
  const merged = previous
    ? { ...previous, ...next, keys: [...new Set([...(previous.keys ?? [previous.id]), ...(next.keys ?? [])])] }
    : next;
  if (merged.email !== undefined || merged.phone !== undefined || (merged.keys?.length ?? 0) > 1) merged.detailed = DETAILED;
  return merged;
}
