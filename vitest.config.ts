import { defineConfig } from 'vitest/config';

// Four projects: pure unit tests, integration tests on a real database
// (PostgreSQL when DATABASE_URL is set, else PGlite), and browser tests.
// `npm test` runs unit + integration; `npm run test:e2e` runs e2e;
// `npm run test:worker` runs the Worker in workerd.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          pool: 'threads',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          // test/security/: the standing attack suite (issue 13), same database harness.
          include: ['test/integration/**/*.test.{ts,tsx}', 'test/security/**/*.test.{ts,tsx}'],
          globalSetup: ['test/helpers/global-setup.ts'],
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.{ts,tsx}'],
          globalSetup: ['test/helpers/global-setup.ts'],
          pool: 'forks',
          maxWorkers: 1,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          // The Worker built by wrangler and served by workerd against PostgreSQL (npm run test:worker).
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          pool: 'forks',
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
