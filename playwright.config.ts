import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive Debian's Chromium against the real preview host (built renderer, real
 * services, real encrypted database in a fresh temporary directory). Playwright never downloads a
 * browser: the executable is given.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  // Each test has its own preview host and data folder, so two run side by side: most of a test's
  // time is waiting on Chromium and the host, and two cores keep both busy.
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
    trace: 'off',
    launchOptions: {
      executablePath: process.env.PLANWELL_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    },
  },
});
