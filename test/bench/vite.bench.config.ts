import { defineConfig } from 'vite';
import { BENCH_PAGE_DIR, BENCH_PAGE_SRC } from './support/paths.ts';

/** The bench page: `lib/db` (Dexie), the raw-IndexedDB baseline and the CSV writers, minified like the extension. */
export default defineConfig({
  root: BENCH_PAGE_SRC,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: BENCH_PAGE_DIR,
    emptyOutDir: true,
    target: 'esnext',
  },
});
