import type { ApiError } from '../model/errors';
import type { ConnectorStatus } from './api';
import type { SaberClient } from './client';

/** The answer to `saber.testConnection`. */
export interface ConnectionReport {
  salesNavigator: ConnectorStatus | 'unknown';
  message: string;
}

const NOT_CONNECTED: Record<Exclude<ConnectorStatus, 'connected'>, string> = {
  disconnected: 'is not connected',
  'needs-authentication': 'needs you to sign in to LinkedIn again',
  'ready-to-connect': 'is ready but not connected yet',
  error: 'reports an error',
};

/** What the Settings view says after "Test connection". */
export function describeConnector(status: ConnectorStatus | 'unknown'): string {
  if (status === 'connected') {
    return 'Connected to Saber. Sales Navigator is connected on your Saber account, so pushed lists can run Saber’s search.';
  }
  if (status === 'unknown') {
    return (
      'Connected to Saber. Saber did not report a Sales Navigator connector, so pushes may fail with ' +
      'Saber’s connector error; pulling works either way.'
    );
  }
  return (
    `Connected to Saber, but Saber’s Sales Navigator connector ${NOT_CONNECTED[status]}. Pulling works; ` +
    'pushing a list will fail with Saber’s connector error until you connect Sales Navigator in Saber.'
  );
}

/**
 * Checks the key and reads the Sales Navigator connector (`GET /v1/connectors`). A Saber
 * without the connectors endpoint still gets its key checked with a one-list read.
 * A rejected key rejects with "Saber rejected the API key".
 */
export async function testConnection(client: SaberClient): Promise<ConnectionReport> {
  let status: ConnectorStatus | 'unknown';
  try {
    status = await client.getSalesNavigatorStatus();
  } catch (thrown) {
    if ((thrown as ApiError).status !== 404) throw thrown;
    await client.listLists({ limit: 1 });
    status = 'unknown';
  }
  return { salesNavigator: status, message: describeConnector(status) };
}
