/**
 * `npm run bench:cli -- [runs]`: the CLI's start-up time. Builds the bundle (dist/cli.js) first,
 * then runs the built `zorginkoop --version` (bin/zorginkoop.js, as `npx zorginkoop` and
 * `npm run zorginkoop` do, without npm's own start-up) several times and prints the median wall
 * time; exits 1 when it is 0.5 s or more (issue 13: under half a second).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const BIN = join(root, 'bin', 'zorginkoop.js');
const GOAL_MS = 500;

/** Wall milliseconds of one `node bin/zorginkoop.js <args>`, and what it printed. */
export function timeOnce(args: string[]): { ms: number; stdout: string; status: number | null } {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8' });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, stdout: run.stdout, status: run.status };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function main(): void {
  const runs = Number(process.argv[2] ?? 11);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs '${process.argv[2]}': a whole number, e.g. 11`);
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
  timeOnce(['--version']); // warm the file cache
  const times: number[] = [];
  let version = '';
  for (let i = 0; i < runs; i++) {
    const run = timeOnce(['--version']);
    if (run.status !== 0) throw new Error(`zorginkoop --version exited ${run.status}`);
    version = run.stdout.trim();
    times.push(run.ms);
  }
  const node = median(Array.from({ length: Math.min(runs, 5) }, () => {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    return Number(process.hrtime.bigint() - start) / 1e6;
  }));
  const m = median(times);
  process.stdout.write(
    [
      `zorginkoop --version (${version}), ${runs} runs of node bin/zorginkoop.js:`,
      `  median ${m.toFixed(0)} ms, fastest ${Math.min(...times).toFixed(0)} ms, slowest ${Math.max(...times).toFixed(0)} ms (goal: under ${GOAL_MS} ms)`,
      `  node itself (node -e 0): median ${node.toFixed(0)} ms`,
      '',
    ].join('\n'),
  );
  if (m >= GOAL_MS) process.exitCode = 1;
}

if (require.main === module) main();
