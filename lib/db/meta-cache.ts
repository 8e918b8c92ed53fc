import type { Clock } from '../model/runtime';
import type { ProspectDb } from './database';

/**
 * A string cache over `db.meta`, for LinkedIn lookups (country geo ids, company ids). Keys are
 * stored as given; `lib/linkedin` namespaces them (`linkedin.geo.<CC>`, `linkedin.company.<slug>`).
 */
export function createMetaCache(db: ProspectDb, clock: Clock) {
  return {
    async get(key: string): Promise<string | undefined> {
      const value = (await db.meta.get(key))?.value;
      return typeof value === 'string' ? value : undefined;
    },
    async set(key: string, value: string): Promise<void> {
      await db.meta.put({ key, value, updatedAt: new Date(clock()).toISOString() });
    },
  };
}
