/** A measurement taken inside the page: how long it took, and what it produced. */
export interface Timed<T> {
  ms: number;
  value: T;
}

/** Runs `op` after a garbage collection (when exposed) and measures it with `performance.now()`. */
export async function timed<T>(op: () => Promise<T>): Promise<Timed<T>> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  const value = await op();
  return { ms: performance.now() - start, value };
}
