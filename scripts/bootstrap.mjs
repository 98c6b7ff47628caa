// Installs the npm dependencies when they are missing or older than package-lock.json, so that
// `npm start` and `npm test` work on a fresh clone with nothing run first.
// Plain Node on purpose: it runs before any dependency exists.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const installed = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

const stale = !existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs);
if (stale) {
  const run = (command) => execSync(command, { cwd: root, stdio: 'inherit' });
  process.stderr.write('Installing npm dependencies ...\n');
  try {
    run(existsSync(lock) ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund');
  } catch {
    // Some npm 11 releases write no lock entries for other platforms' optional packages and
    // then refuse `npm ci` on that same lock; `npm install` still installs the locked versions.
    process.stderr.write('npm ci refused the lock file; installing with npm install instead ...\n');
    run('npm install --no-audit --no-fund');
  }
}
