import type { Transaction } from 'dexie';
import { isErrorCode, type StoredError } from '../model/errors';
import { INITIAL_GATE_STATE, type GateState } from '../model/linkedin-gate';
import { outcome } from '../model/outcomes';
import { GATE_STATE_KEY } from './meta-keys';
import type { JobRecord, ListRecord, MetaRecord, OutboxRecord } from './records';

/** What version 3 stored where version 4 stores outcomes. */
interface V3Job {
  title?: unknown;
  message?: unknown;
  error?: { error?: unknown; message?: unknown; status?: unknown; retryAt?: unknown; details?: unknown };
}
interface V3List {
  sync?: { message?: unknown };
}
interface V3Outbox {
  lastError?: unknown;
}

/** The meta keys version 3 kept the LinkedIn gate's state under. */
const V3_PAGES_KEY = 'linkedin.pagesToday';
const V3_COOL_DOWN_KEY = 'linkedin.coolDownUntil';
const V3_NEXT_REQUEST_KEY = 'linkedin.nextRequestAt';

/**
 * Version 3 → 4: sentences become data. A job's title becomes its subject (the list name it
 * quoted), its message and its error's message go (an old failure keeps its words as a
 * `legacy.text` reason, so the panel can still say why); a list's sync message becomes a
 * `legacy.text` outcome unless it only repeated the state; an outbox row's `"code: message"`
 * becomes a stored error; the gate's three meta records become one.
 */
export async function upgradeToOutcomes(tx: Transaction): Promise<void> {
  await tx
    .table<JobRecord & V3Job, string>('jobs')
    .toCollection()
    .modify((job) => {
      const title = typeof job.title === 'string' ? job.title : undefined;
      const subject = title?.match(/^[^"]*"(.*)"$/)?.[1];
      if (subject !== undefined) job.subject = subject;
      if (job.error) job.error = legacyError(job.error);
      delete job.title;
      delete job.message;
    });
  await tx
    .table<ListRecord & V3List, string>('lists')
    .toCollection()
    .modify(({ sync }) => {
      if (!sync || sync.message === undefined) return;
      const text = typeof sync.message === 'string' ? sync.message.trim() : '';
      delete sync.message;
      if (text && sync.state !== 'deletedRemote' && sync.state !== 'synced') sync.outcome = outcome('legacy.text', { text });
    });
  await tx
    .table<OutboxRecord & V3Outbox, number>('outbox')
    .toCollection()
    .modify((row) => {
      if (typeof row.lastError === 'string') {
        const [code = '', ...rest] = row.lastError.split(': ');
        row.lastFailure = legacyError({ error: code, message: rest.join(': ') });
      }
      delete row.lastError;
    });
  const meta = tx.table<MetaRecord, string>('meta');
  const [pages, coolDown, nextRequest] = await meta.bulkGet([V3_PAGES_KEY, V3_COOL_DOWN_KEY, V3_NEXT_REQUEST_KEY]);
  const state: GateState = { ...INITIAL_GATE_STATE };
  const used = pages?.value as { day?: unknown; used?: unknown } | undefined;
  if (typeof used?.day === 'string' && Number.isInteger(used.used)) {
    state.pagesDay = used.day;
    state.pagesUsed = used.used as number;
  }
  if (typeof coolDown?.value === 'number') state.coolDownUntil = coolDown.value;
  if (typeof nextRequest?.value === 'number') state.nextRequestAt = nextRequest.value;
  if (pages || coolDown || nextRequest) {
    await meta.put({ key: GATE_STATE_KEY, value: state, updatedAt: new Date().toISOString() });
    await meta.bulkDelete([V3_PAGES_KEY, V3_COOL_DOWN_KEY, V3_NEXT_REQUEST_KEY]);
  }
}

function legacyError(error: NonNullable<V3Job['error']>): StoredError {
  const code = typeof error.error === 'string' && isErrorCode(error.error) ? error.error : 'internal_error';
  const text = typeof error.message === 'string' ? error.message.trim() : '';
  return {
    error: code,
    status: typeof error.status === 'number' ? error.status : 500,
    ...(text ? { reason: { code: 'legacy.text', params: { text } } } : {}),
    ...(typeof error.retryAt === 'number' ? { retryAt: error.retryAt } : {}),
  };
}
