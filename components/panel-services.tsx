import { createContext, useContext, type ReactNode } from 'react';
import type { CsvExportProgress as CsvProgress } from '../lib/csv/export';
import type { ProspectDb } from '../lib/db/database';
import type { KeyValueArea } from '../lib/db/settings-store';
import type { Messenger } from '../lib/messaging/client';
import type { Clock } from '../lib/model/runtime';
import type { SettingsRules } from '../lib/model/settings';

/**
 * Everything the panel's components need from the outside world, injected once by the entry
 * file so component tests can pass fakes.
 */
export interface PanelServices {
  /** Read side: the panel reads IndexedDB directly with live queries. */
  db: ProspectDb;
  /** Write side: every change goes through the background. */
  send: Messenger;
  /** Where settings (and their secrets) live: `chrome.storage.local`. */
  settingsArea: KeyValueArea;
  /**
   * The settings' rules in this build (http to this machine only in development). Rules, not
   * the schema: building it needs zod, which the panel loads with the Settings view, not at startup.
   */
  settingsRules: SettingsRules;
  clock: Clock;
  /** The active tab's URL in this window, when Chrome lets the extension see it. */
  readActiveTabUrl: () => Promise<string | undefined>;
  /** Calls `onChange` when the active tab changes or navigates; returns the unsubscribe. */
  watchActiveTab: (onChange: () => void) => () => void;
  /** Asks Chrome for access to extra origins (a self-hosted Saber); must run inside a click. */
  requestOrigins: (origins: string[]) => Promise<boolean>;
  /** Builds the CSV in the page and saves it; `onProgress` gets the rows written so far. */
  downloadListCsv: (listId: string, onProgress?: (progress: CsvProgress) => void) => Promise<void>;
  downloadAllListsCsv: (onProgress?: (progress: CsvProgress) => void) => Promise<void>;
  /** Saves the changes of the list's latest refresh. */
  downloadChangesCsv: (listId: string) => Promise<void>;
  /** Saves an older version of the list, rebuilt from its history, with the list export's columns. */
  downloadVersionCsv: (listId: string, version: number, onProgress?: (progress: CsvProgress) => void) => Promise<void>;
}

const ServicesContext = createContext<PanelServices | undefined>(undefined);

/** Makes `services` available to every component below. */
export function ServicesProvider({ services, children }: { services: PanelServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

/** The injected services; throws when a component is rendered outside `ServicesProvider`. */
export function useServices(): PanelServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() needs a <ServicesProvider> above it');
  return services;
}
