/**
 * Jest's order of test files, with the known slow ones first. Jest starts the files it has timings
 * for longest first, and the rest by size; a fresh clone (CI) has no timings, so a short file that
 * runs long (the fault run: 20 lines, 17 to 84 s) started last, alone, while the other worker had
 * nothing left (maxWorkers, jest.config.js). The list comes from test-results/jest/npm-test-times.txt;
 * after these, jest's own order.
 */
const Sequencer = require('@jest/test-sequencer').default;

const SLOW_FIRST = [
  'test/scripts/fault-worker-restart.test.ts',
  'test/web/console-security.test.ts',
  'test/web/console-access.test.ts',
  'test/rehearsal/rehearse.test.ts',
  'test/activities/embedded-database.test.ts',
  'test/web/console-process.test.ts',
];

class SlowFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const i = SLOW_FIRST.findIndex((file) => test.path.replace(/\\/g, '/').endsWith(file));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    // Array.prototype.sort is stable: jest's order stays among the rest.
    return super.sort(tests).sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirst;
