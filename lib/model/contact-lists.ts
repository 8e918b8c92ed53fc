import type {
  ContactList,
  ContactListContactsResponse,
  ContactListsResponse,
  CreateContactListRequest,
  PageQuery,
  UpdateContactListRequest,
} from './schemas';

/**
 * The spec's contact-list operations as one interface (design.md, "One interface, two
 * implementations"). The local Dexie store and the Saber HTTP client both implement it; they
 * differ only in what `createList` takes: the local store commits a complete snapshot, Saber
 * runs its own search from name and filters.
 *
 * Every method rejects with `ApiError`: 400 for bad input (naming the field), 404 for an
 * unknown id.
 */
export interface ContactListsApi<TCreate = CreateContactListRequest> {
  /** Newest first; limit 1..100 (default 20), offset ≥ 0. */
  listLists(query?: PageQuery): Promise<ContactListsResponse>;
  getList(listId: string): Promise<ContactList>;
  createList(input: TCreate): Promise<ContactList>;
  /** Trims the name, 1..200 characters; moves `updatedAt`. */
  renameList(listId: string, body: UpdateContactListRequest): Promise<ContactList>;
  /** Removes the list and its items; base contacts stay. */
  deleteList(listId: string): Promise<void>;
  /** In stored order; limit 1..100 (default 25), offset ≥ 0. */
  listContacts(listId: string, query?: PageQuery): Promise<ContactListContactsResponse>;
}
