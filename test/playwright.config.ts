import { defineConfig } from '@playwright/test';

const reportDir = process.env.CI_REPORT_DIR;

export default defineConfig({
  // Relative to this file, in test/.
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Each test launches its own Chromium with the extension; two cores fit two at once.
  workers: 2,
  fullyParallel: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: reportDir ? [['list'], ['json', { outputFile: `${reportDir}/playwright.json` }]] : [['list']],
  use: { trace: 'retain-on-failure' },
});
