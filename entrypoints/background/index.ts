import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ProspectDb } from '../../lib/db/database';
import { LocalContactLists } from '../../lib/db/local-contact-lists';
import { createHandlers } from '../../lib/messaging/handlers';
import { createRouter } from '../../lib/messaging/router';
import { systemClock } from '../../lib/model/runtime';

export default defineBackground({
  type: 'module',
  main() {
    const db = new ProspectDb();
    const store = new LocalContactLists(db);
    const route = createRouter(
      createHandlers({ store, clock: systemClock, version: browser.runtime.getManifest().version }),
    );

    void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });

    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      // Only the extension's own pages may drive it.
      if (sender.id !== browser.runtime.id) return false;
      route(message).then(sendResponse);
      return true;
    });
  },
});
