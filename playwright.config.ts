import { defineConfig } from '@playwright/test';
import { chromiumLaunchArgs, resolveChromium } from './tests/e2e/support/chromium';

/**
 * E2E: the built renderer in Chromium against a real `ff serve` (started once by the global setup with a
 * temp data dir). `npm test` builds first; this config builds nothing. Screenshots land in test-results/.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: process.env.FF_E2E_OUTPUT_DIR ?? 'test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: resolveChromium(), args: chromiumLaunchArgs },
  },
});
