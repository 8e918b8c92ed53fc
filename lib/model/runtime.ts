/** Time source, injected so tests control it. Returns epoch milliseconds. */
export type Clock = () => number;

/** Id source, injected so tests get stable ids. */
export type IdFactory = () => string;

export const systemClock: Clock = () => Date.now();

export const randomId: IdFactory = () => crypto.randomUUID();
