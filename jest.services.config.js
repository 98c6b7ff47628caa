/**
 * Jest for the tests that need servers from Debian's packages beside Temporal: PostgreSQL (the
 * server store of provider lists) and Chromium (the Web UI test). `npm run test:services`;
 * `scripts/ensure-services.ts` says what is missing and how to install it.
 */
const base = require('./jest.config');

// Two files at a time, as npm test: each file starts its own Chromium, PostgreSQL or cluster on
// free ports. On CI's two cores (no cluster built) 71 s instead of 85 s with one at a time.

module.exports = { ...base, roots: ['<rootDir>/test/services'], testPathIgnorePatterns: ['/node_modules/'], testTimeout: 300_000, maxWorkers: 2, reporters: ['default', ['<rootDir>/test/helpers/summary-reporter.js', { name: 'test-services' }]] };
