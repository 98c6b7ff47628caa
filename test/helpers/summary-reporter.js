// Prints one plain closing line, "jest: N passed, N failed", that any CI log reader understands,
// and keeps what the next person needs under test-results/jest/ (the folder is not committed):
//   - <name>-times.txt: every test file's time, slowest first, and the 30 slowest tests (where a
//     run's minutes go);
//   - <name>-failures.txt: after a failing run, each failed test by file and full name, with its
//     message, so a failure that does not come back (a flake) is still named.
// `name` is the reporter's option (jest.config.js: npm-test, jest.services.config.js: test-services).
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

// eslint-disable-next-line no-control-regex -- the escape that starts a colour
const plain = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

class SummaryReporter {
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig.rootDir;
    this.name = options.name ?? 'jest';
    this.folder = join(globalConfig.rootDir, 'test-results', 'jest');
  }

  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const files = results.testResults.map((r) => ({
      file: relative(this.rootDir, r.testFilePath),
      seconds: (r.perfStats.end - r.perfStats.start) / 1000,
      tests: r.numPassingTests + r.numFailingTests + r.numPendingTests,
      failed: r.numFailingTests > 0 || Boolean(r.testExecError),
    }));
    files.sort((a, b) => b.seconds - a.seconds);
    const tests = results.testResults
      .flatMap((r) => r.testResults.map((t) => ({ file: relative(this.rootDir, r.testFilePath), name: t.fullName, ms: t.duration ?? 0 })))
      .sort((a, b) => b.ms - a.ms);
    const wall = (Date.now() - results.startTime) / 1000;
    const failuresFile = join(this.folder, `${this.name}-failures.txt`);
    try {
      mkdirSync(this.folder, { recursive: true });
      writeFileSync(
        join(this.folder, `${this.name}-times.txt`),
        `${new Date().toISOString()}: ${files.length} files, ${wall.toFixed(0)} s wall, ${files.reduce((s, f) => s + f.seconds, 0).toFixed(0)} s in files\n` +
          files.map((f) => `${f.seconds.toFixed(1).padStart(7)} s  ${String(f.tests).padStart(3)} tests  ${f.file}${f.failed ? '  FAILED' : ''}`).join('\n') +
          '\n\nThe slowest tests:\n' +
          tests.slice(0, 30).map((t) => `${(t.ms / 1000).toFixed(1).padStart(7)} s  ${t.file} > ${t.name}`).join('\n') +
          '\n',
      );
      rmSync(failuresFile, { force: true });
      if (results.numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0) {
        const lines = [`${new Date().toISOString()}: ${results.numFailedTests} failed, ${results.numRuntimeErrorTestSuites} files did not run`];
        for (const r of results.testResults) {
          const file = relative(this.rootDir, r.testFilePath);
          if (r.testExecError) lines.push('', `${file}: the file did not run`, plain(r.failureMessage ?? r.testExecError.message ?? ''));
          for (const t of r.testResults.filter((t) => t.status === 'failed')) {
            lines.push('', `${file} > ${t.fullName} (${t.duration ?? '?'} ms)`, ...t.failureMessages.map(plain));
          }
        }
        writeFileSync(failuresFile, `${lines.join('\n')}\n`);
      }
    } catch (err) {
      process.stderr.write(`summary reporter: could not write ${this.folder}: ${err.message}\n`);
    }
    process.stdout.write(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
    if (results.numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0) process.stdout.write(`jest: the failures are kept in ${relative(process.cwd(), failuresFile)}\n`);
  }
}
module.exports = SummaryReporter;
