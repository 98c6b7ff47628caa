// `npm test`: the type check, eslint and dependency-cruiser run beside jest instead of before it
// (issue 25, part 7: the checks took two of CI's minutes in front of it; jest's two workers,
// jest.config.js, spend much of their time waiting on their Temporal test servers). The checks
// run one after the other at a lower priority, so the tests' timings see as little of them as can
// be; their output is printed when each ends, and a closing line gives every step's time. The exit code is 1 when any step failed. Arguments go to jest
// (`npm test -- test/cli`).
// Plain Node on purpose, as bootstrap.mjs.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const CHECKS = [
  ['typecheck', 'tsc', ['-p', '.']],
  ['eslint', 'eslint', ['.']],
  ['dependency-cruiser', 'depcruise', ['--config', '.dependency-cruiser.cjs', '--output-type', 'err-long', '.']],
];

const steps = [];
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(0);

function run(command, args, options) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, ...options });
    child.on('error', (err) => done({ code: 1, error: err }));
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 1 : 0) }));
    if (options.nice) {
      try {
        setPriority(child.pid, 10);
      } catch {
        // Not allowed here: the checks run at the tests' priority.
      }
    }
    if (options.collect) {
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', () => options.collect(out));
    }
  });
}

async function checks() {
  for (const [name, command, args] of CHECKS) {
    const began = Date.now();
    let output = '';
    const { code, error } = await run(bin(command), args, { stdio: ['ignore', 'pipe', 'pipe'], nice: true, collect: (o) => (output = o) });
    const ok = code === 0;
    steps.push({ name, seconds: seconds(began), ok });
    process.stdout.write(`\n${name}: ${ok ? 'ok' : 'FAILED'} (${seconds(began)} s)\n${ok ? '' : `${output}${error ? `${error.message}\n` : ''}`}`);
  }
}

async function jest() {
  const began = Date.now();
  const { code } = await run(bin('jest'), process.argv.slice(2), { stdio: 'inherit' });
  steps.push({ name: 'jest', seconds: seconds(began), ok: code === 0 });
}

const began = Date.now();
await Promise.all([checks(), jest()]);
const failed = steps.filter((s) => !s.ok);
process.stdout.write(`npm test: ${steps.map((s) => `${s.name} ${s.seconds} s${s.ok ? '' : ' FAILED'}`).join(', ')}; ${seconds(began)} s in all\n`);
process.exit(failed.length > 0 ? 1 : 0);
