/** The timer functions the keep-alive needs, injected so a test drives them with a fake clock. */
export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Chrome stops a service worker 30 s after its last event or extension API call; a ping every 20 s stays inside that. */
export const KEEP_ALIVE_PERIOD_MS = 20_000;

export interface PendingKeepAliveDeps {
  /** Any extension API call: it resets the worker's idle timer. */
  ping: () => Promise<unknown>;
  timers: IntervalTimers;
  periodMs?: number;
}

/**
 * Keeps the service worker alive while any tracked work is pending, not once before it: a
 * Saber create may take 90 s, and a pending `fetch` does not count as activity, so the worker
 * could be stopped mid-request. The first pending call pings at once and every `periodMs` after;
 * the last one to settle, however it settles, stops the pings.
 */
export function createPendingKeepAlive({ ping, timers, periodMs = KEEP_ALIVE_PERIOD_MS }: PendingKeepAliveDeps) {
  let pending = 0;
  let handle: unknown;
  // A ping that fails (the worker is going anyway) must not fail the work it was keeping alive.
  const pingQuietly = () => void ping().catch(() => undefined);
  return async function whilePending<T>(work: () => Promise<T>): Promise<T> {
    pending += 1;
    if (pending === 1) {
      pingQuietly();
      handle = timers.setInterval(pingQuietly, periodMs);
    }
    try {
      return await work();
    } finally {
      pending -= 1;
      if (pending === 0) timers.clearInterval(handle);
    }
  };
}
