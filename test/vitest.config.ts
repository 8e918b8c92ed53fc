import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// The config lives in test/ (the top level holds only what the project's layout names); paths
// below are from the repository root, whatever directory vitest is started in.
const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  plugins: [WxtVitest({ root })],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['test/unit/setup.ts'],
    environment: 'node',
    // Property tests are CPU-bound: on two shared cores vitest's 5 s default failed them under load, not for a fault.
    testTimeout: 15_000,
    reporters: process.env.CI_REPORT_DIR ? ['default', ['json', { outputFile: `${process.env.CI_REPORT_DIR}/vitest.json` }]] : ['default'],
  },
});
