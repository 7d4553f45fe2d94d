import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'tests/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.{ts,tsx}'],
    testTimeout: 120_000,
    // Servers and browsers start slowly on a loaded 2-core machine: hooks get as long as tests.
    hookTimeout: 300_000,
    // Sandbox tests start their own worker pools; on a 2-core machine two files at a time is plenty.
    maxWorkers: 2,
  },
});
