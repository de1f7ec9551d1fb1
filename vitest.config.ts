import { defineConfig } from 'vitest/config';

// One suite for the whole repository. PGlite by default; TEST_DATABASE_URL runs the
// same files against a real PostgreSQL server (see server/src/kernel/db/testing.ts).
export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'tools/verify/**/*.test.ts', 'web/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    globalSetup: ['server/src/kernel/db/test-global-setup.ts'],
  },
});
