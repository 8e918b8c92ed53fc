import { defineConfig } from '@playwright/test';

/**
 * The benchmark (`npm run bench`), apart from `npm test`: the suite's config only looks in
 * `test/e2e`. Bench files end in `.perf.ts` because `*.bench.ts` is vitest's bench pattern.
 * One worker, so no two measurements share the two cores.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.perf.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 20 * 60_000,
  retries: 0,
  forbidOnly: true,
  globalSetup: './global-setup.ts',
  reporter: [['list'], ['./bench-reporter.ts']],
});
