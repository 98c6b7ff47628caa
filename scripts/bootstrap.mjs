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
  // `npm ci` only: the committed lock holds every platform's optional packages, so a fresh
  // clone installs exactly what was tested and leaves the lock as it is. A refusal is an error
  // to fix in the lock (run `npm install` and commit it), never something to paper over here.
  run(existsSync(lock) ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund');
}
