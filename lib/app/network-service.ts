import type { ProspectDb } from '../db/database';
import { ACTIVE_JOB_STATUSES } from '../db/records';
import { ADDRESS_BOOK_KIND } from '../jobs/address-book';
import { CONNECTIONS_KIND, CONNECTIONS_LIST_NAME, type ConnectionsParams } from '../jobs/connections';
import { CONNECTIONS_CSV_KIND } from '../jobs/connections-csv';
import type { JobRunner } from '../jobs/runner';
import { checkAccessToken } from '../linkedin/client';
import type { LinkedInGate } from '../linkedin/gate';
import { failure } from '../model/errors';
import type { JobKindName } from '../model/job-kinds';
import type { Clock } from '../model/runtime';
import type { Settings } from '../model/settings';
import { assertMayUseLinkedIn } from './linkedin-checks';

export interface NetworkServiceDeps {
  db: ProspectDb;
  runner: Pick<JobRunner, 'enqueue'>;
  gate: Pick<LinkedInGate, 'status'>;
  readSettings: () => Promise<Settings>;
  clock: Clock;
}

/**
 * What the background's "Your network" messages do: export the connections (a new list, or a
 * refresh of the connections list), export the address book with the Contacts API token, and
 * import a Connections.csv. Each answers with the job's id at once.
 */
export function createNetworkService({ db, runner, gate, readSettings, clock }: NetworkServiceDeps) {
  async function activeJobs(kind: JobKindName) {
    const active = await db.jobs
      .where('status')
      .anyOf([...ACTIVE_JOB_STATUSES])
      .toArray();
    return active.filter((job) => job.kind === kind);
  }

  return {
    /**
     * Reads the connections through the session. The first export makes the connections list;
     * every later one refreshes it (who is new, who is gone), or, with `onlyNew`, adds the newest
     * and stops at the first page of people it already holds.
     */
    async exportConnections({ onlyNew }: { onlyNew: boolean }): Promise<{ jobId: string }> {
      if ((await activeJobs(CONNECTIONS_KIND)).length > 0) throw failure('conflict', 'network.alreadyRunning', {});
      await assertMayUseLinkedIn(gate, readSettings, clock);
      const list = await connectionsList(db);
      const params: ConnectionsParams = list ? { listId: list.id, onlyNew } : { onlyNew: false };
      const job = await runner.enqueue({ kind: CONNECTIONS_KIND, subject: list?.name ?? CONNECTIONS_LIST_NAME, params });
      return { jobId: job.id };
    },

    /** Starts the address-book export; refused at once without a token that can be one. */
    async exportAddressBook(): Promise<{ jobId: string }> {
      checkAccessToken((await readSettings()).linkedInAccessToken);
      if ((await activeJobs(ADDRESS_BOOK_KIND)).length > 0) throw failure('conflict', 'network.alreadyRunning', {});
      const { coolDownUntil } = await gate.status();
      if (coolDownUntil) throw failure('rate_limited', 'linkedin.coolingDown', {}, { retryAt: coolDownUntil });
      const job = await runner.enqueue({ kind: ADDRESS_BOOK_KIND, subject: 'LinkedIn address book', params: {} });
      return { jobId: job.id };
    },

    /** Imports a Connections.csv the panel read: the text waits as the job's staged page until the job reads it. */
    async importConnectionsCsv({ fileName, text }: { fileName: string; text: string }): Promise<{ jobId: string }> {
      const job = await runner.enqueue({ kind: CONNECTIONS_CSV_KIND, subject: fileName, params: { fileName }, stage: { text } });
      return { jobId: job.id };
    },
  };
}
export type NetworkService = ReturnType<typeof createNetworkService>;

/** The connections list: the newest list read from the connections, if any. */
async function connectionsList(db: ProspectDb) {
  const lists = await db.lists.orderBy('[createdAt+id]').reverse().toArray();
  return lists.find((list) => list.source?.kind === 'connections');
}
