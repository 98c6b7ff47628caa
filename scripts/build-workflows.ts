/**
 * The workflow bundle, built once and kept in `dist/workflows.js`, so that a worker loads it instead
 * of running webpack in its own process at every start: webpack left some 300 MiB resident in the
 * worker (`bench:memory`, docs/architecture.md, "What a worker costs"), and took seconds.
 *
 * `prebuiltWorkflowBundle(root)` is what `worker.ts` asks: the bundle's path, built again first (in
 * a process of its own) where it is missing or older than one of the sources it is built from.
 *
 *   npm run build:workflows
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundlerOptions } from '../workflow-bundle';

/** Where the bundle is kept. */
export const bundlePath = (root: string) => join(root, 'dist', 'workflows.js');

/** The files the bundle is built from: the workflow code and what it imports, the bundler's options, the locked packages. */
function inputs(root: string): string[] {
  const tree = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tree(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
      : [];
  return [...['workflows', 'machines', 'policies'].flatMap((d) => tree(join(root, d))), join(root, 'workflow-bundle.ts'), join(root, 'package-lock.json')];
}

/** True when the bundle is missing or older than one of its sources. */
export function bundleIsStale(root: string): boolean {
  if (!existsSync(bundlePath(root))) return true;
  const built = statSync(bundlePath(root)).mtimeMs;
  return inputs(root).some((file) => !existsSync(file) || statSync(file).mtimeMs > built);
}

/** Builds the bundle into dist/ (written whole, then renamed: a worker never reads half a file). */
export async function buildWorkflowBundle(root: string): Promise<{ path: string; bytes: number }> {
  const { code } = await bundleWorkflowCode({ workflowsPath: join(root, 'workflows', 'index.ts'), ...workflowBundlerOptions(root), logger: quiet });
  mkdirSync(join(root, 'dist'), { recursive: true });
  const path = bundlePath(root);
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, path);
  return { path, bytes: code.length };
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * The bundle for a worker: its path, built first where stale, in a child process (webpack's memory
 * stays there). Undefined where it cannot be built: the worker then bundles in-process, as before.
 */
export function prebuiltWorkflowBundle(root: string, warn: (line: string) => void): { codePath: string } | undefined {
  if (bundleIsStale(root)) {
    const built = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build-workflows.ts')], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0 || bundleIsStale(root)) {
      warn(`the workflow bundle (${bundlePath(root)}) could not be built (${(built.stderr || built.error?.message || `exit ${built.status}`).trim().split('\n').slice(-1)[0]}); bundling in this process`);
      return undefined;
    }
  }
  return { codePath: bundlePath(root) };
}

if (require.main === module) {
  buildWorkflowBundle(join(__dirname, '..')).then(
    ({ path, bytes }) => process.stdout.write(`${path}: ${(bytes / 1024 / 1024).toFixed(2)} MB\n`),
    (err: Error) => {
      process.stderr.write(`${err.stack}\n`);
      process.exit(1);
    },
  );
}
