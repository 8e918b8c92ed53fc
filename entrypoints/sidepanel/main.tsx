import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { AppShell } from '../../components/app-shell';
import { ServicesProvider, type PanelServices } from '../../components/panel-services';
import { downloadAllListsCsv, downloadChangesCsv, downloadListCsv, downloadVersionCsv } from '../../lib/csv/download';
import { ProspectDb } from '../../lib/db/database';
import { askStoragePersistenceOnce } from '../../lib/db/storage-persistence';
import { createMessenger } from '../../lib/messaging/client';
import { systemClock } from '../../lib/model/runtime';
import './style.css';

// The panel reads IndexedDB directly (same extension origin) and asks the background to write.
const db = new ProspectDb();

const services: PanelServices = {
  db,
  send: createMessenger((message) => browser.runtime.sendMessage(message)),
  settingsArea: browser.storage.local,
  settingsRules: { allowLoopbackHttp: import.meta.env.DEV },
  clock: systemClock,
  readActiveTabUrl: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.url,
  watchActiveTab: (onChange) => {
    const onActivated = () => onChange();
    const onUpdated = (_tabId: number, change: { url?: string; status?: string }) => {
      if (change.url || change.status === 'complete') onChange();
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  },
  requestOrigins: (origins) => browser.permissions.request({ origins }),
  downloadListCsv: (listId, onProgress) => downloadListCsv(db, listId, { onProgress }),
  downloadAllListsCsv: (onProgress) => downloadAllListsCsv(db, { onProgress }),
  downloadChangesCsv: (listId) => downloadChangesCsv(db, listId),
  downloadVersionCsv: (listId, version, onProgress) => downloadVersionCsv(db, listId, version, { onProgress }),
};

// Only a page may ask the browser to keep the lists when the disk runs short; asked once, the answer kept by the background.
void askStoragePersistenceOnce({
  db,
  storage: navigator.storage,
  record: (granted) => services.send('storage.persistence', { granted }),
}).catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('The side panel page has no #root element');
createRoot(root).render(
  <StrictMode>
    <ServicesProvider services={services}>
      <AppShell />
    </ServicesProvider>
  </StrictMode>,
);
