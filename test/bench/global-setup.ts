import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Builds the bench page before any bench runs, so a stale build is never measured. */
export default async function buildBenchPage(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('./vite.bench.config.ts', import.meta.url)) });
}
