import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/test/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/load/**'],
    // Integration and browser tests start real servers and Chromium; 2 cores, so keep it modest.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    reporters: ['default', './tests/summary-line-reporter.ts'],
  },
});
