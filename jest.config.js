/** Jest: TypeScript through SWC (fast, no type check; `npm run typecheck` does that). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/services needs PostgreSQL and Chromium from Debian: `npm run test:services`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/services/'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // Workflow tests start a Temporal test server and bundle workflow code: give them room.
  testTimeout: 120_000,
  // Two test files at a time, also on two cores (jest's default there is one, cores - 1): most of a
  // workflow test's time is spent waiting on its Temporal test server, so two overlap well. Each
  // file has its own test server, its own database (a copy of the run's template) and free ports.
  maxWorkers: 2,
  // The known slow files first, also on a fresh clone without jest's timings.
  testSequencer: '<rootDir>/test/helpers/sequencer.js',
  // One embedded database for the run (every test world gets a copy of a migrated template in it)
  // and the workflow bundle built once.
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/database-teardown.ts',
  // The summary reporter keeps each file's time and a failing run's failures in test-results/jest/.
  reporters: ['default', ['<rootDir>/test/helpers/summary-reporter.js', { name: 'npm-test' }]],
};
