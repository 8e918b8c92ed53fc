import { ApiError } from '../model/errors';
import type { ConnectorStatus } from './api';
import type { SaberClient } from './client';

/** The answer to `saber.testConnection`: the key works, and how Saber's Sales Navigator connector stands. */
export interface ConnectionReport {
  salesNavigator: ConnectorStatus | 'unknown';
}

/**
 * Checks the key and reads the Sales Navigator connector (`GET /v1/connectors`). A Saber
 * without the connectors endpoint still gets its key checked with a one-list read.
 * A rejected key rejects with `saber.keyRejected`.
 */
export async function testConnection(client: SaberClient): Promise<ConnectionReport> {
  try {
    return { salesNavigator: await client.getSalesNavigatorStatus() };
  } catch (thrown) {
    if (!(thrown instanceof ApiError) || thrown.status !== 404) throw thrown;
    await client.listLists({ limit: 1 });
    return { salesNavigator: 'unknown' };
  }
}
