import { fileURLToPath } from 'node:url';

/** Where the bench page is built (git-ignored). */
export const BENCH_PAGE_DIR = fileURLToPath(new URL('../.dist/page', import.meta.url));

/** The bench page's sources. */
export const BENCH_PAGE_SRC = fileURLToPath(new URL('../page', import.meta.url));
