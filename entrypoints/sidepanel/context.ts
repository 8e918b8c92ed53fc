import { browser } from 'wxt/browser';
import { ProspectDb } from '../../lib/db/database';
import { LocalContactLists } from '../../lib/db/local-contact-lists';
import { createMessenger } from '../../lib/messaging/client';

/** The panel reads IndexedDB directly (same extension origin) and asks the background to write. */
export const db = new ProspectDb();
export const store = new LocalContactLists(db);
export const send = createMessenger((message) => browser.runtime.sendMessage(message));
