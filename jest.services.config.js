/**
 * Jest for the tests that need servers from Debian's packages beside Temporal: PostgreSQL (the
 * server store of provider lists) and Chromium (the Web UI test). `npm run test:services`;
 * `scripts/ensure-services.ts` says what is missing and how to install it.
 */
const base = require('./jest.config');

// One file at a time here (not npm test's two): Chromium, PostgreSQL servers and the real cluster
// side by side have not been tried on CI's two cores.

module.exports = { ...base, roots: ['<rootDir>/test/services'], testPathIgnorePatterns: ['/node_modules/'], testTimeout: 300_000, maxWorkers: 1, reporters: ['default', ['<rootDir>/test/helpers/summary-reporter.js', { name: 'test-services' }]] };
