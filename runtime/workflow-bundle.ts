/**
 * The workflow bundle: the workflow code as the worker loads it.
 *
 * How it is bundled (`workflowBundlerOptions`): which modules are evaluated once per worker instead
 * of once per workflow. The SDK re-evaluates every module the workflow code imports for each
 * workflow it loads (its per-workflow module cache, in the reused V8 context); the modules below
 * are preloaded before any workflow exists, deep-frozen, and shared by all of them.
 *
 * Only modules without per-workflow state belong here: pure functions, immutable data, and caches
 * of pure computations (luxon's time-zone and formatter caches). The XState machine definition is
 * built once; its transitions are pure. xstate's one module counter (`x:N` actor session ids)
 * names actors that this project never keeps or sends anywhere. Workflow modules that call the SDK
 * (`workflows/*`) are not shared.
 *
 * Where it is kept (`prebuiltWorkflowBundle`): built once into `dist/workflows.js`, so that a worker
 * loads it instead of running webpack in its own process at every start: webpack left some 300 MiB
 * resident in the worker (`bench:memory`, docs/architecture.md, "What a worker costs"), and took
 * seconds. `worker.ts` asks for the bundle's path; it is built again first (in a process of its
 * own, `npm run build:workflows`) where it is missing or older than one of the sources it is built
 * from.
 *
 * Traced (ZORGINKOOP_OTEL_TRACES on, runtime/tracing.ts): a second bundle, `dist/workflows-traced.js`,
 * the same code with Temporal's OpenTelemetry workflow interceptors registered. A bundle fixes its
 * workflow interceptors when it is built (the SDK ignores `interceptors.workflowModules` beside a
 * prebuilt bundle), and the untraced bundle stays byte for byte what it was: nothing of
 * OpenTelemetry in it, and the workflows do what they did.
 *
 * `root`: the project folder (the worker passes its own folder; the in-process worker and the
 * CLI's bundle, one folder below it, pass the parent).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, Runtime, type WorkerOptions } from '@temporalio/worker';

/** The bundler's options: the modules evaluated once per worker (see above). */
export function workflowBundlerOptions(root: string): { preloadModules: string[] } {
  return {
    preloadModules: [
      '@temporalio/workflow',
      'xstate',
      'luxon',
      join(root, 'policies', 'calendar.ts'),
      join(root, 'policies', 'working-days.ts'),
      join(root, 'policies', 'plan-date.ts'),
      join(root, 'policies', 'offer-terms.ts'),
      join(root, 'policies', 'signing.ts'),
      join(root, 'policies', 'recorded-decision.ts'),
      join(root, 'machines', 'provider-contract.ts'),
      join(root, 'machines', 'public-status.ts'),
    ],
  };
}

/** Temporal's OpenTelemetry workflow interceptors (inbound, outbound, internals): the one module the traced bundle adds. */
export const tracingWorkflowModule = () => require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/** Where the bundle is kept (`traced`: the one with the OpenTelemetry workflow interceptors). */
export const bundlePath = (root: string, traced = false) => join(root, 'dist', traced ? 'workflows-traced.js' : 'workflows.js');

/** The files the bundle is built from: the workflow code and what it imports, the bundler's options, the locked packages. */
function inputs(root: string): string[] {
  const tree = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tree(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
      : [];
  return [...['workflows', 'machines', 'policies'].flatMap((d) => tree(join(root, d))), join(root, 'runtime', 'workflow-bundle.ts'), join(root, 'package-lock.json')];
}

/** True when the bundle is missing or older than one of its sources. */
export function bundleIsStale(root: string, traced = false): boolean {
  if (!existsSync(bundlePath(root, traced))) return true;
  const built = statSync(bundlePath(root, traced)).mtimeMs;
  return inputs(root).some((file) => !existsSync(file) || statSync(file).mtimeMs > built);
}

/** Builds the bundle into dist/ (written whole, then renamed: a worker never reads half a file). */
export async function buildWorkflowBundle(root: string, traced = false): Promise<{ path: string; bytes: number }> {
  const interceptors = traced ? { workflowInterceptorModules: [tracingWorkflowModule()] } : {};
  const { code } = await bundleWorkflowCode({ workflowsPath: join(root, 'workflows', 'index.ts'), ...workflowBundlerOptions(root), ...interceptors, logger: quiet });
  mkdirSync(join(root, 'dist'), { recursive: true });
  const path = bundlePath(root, traced);
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
export function prebuiltWorkflowBundle(root: string, warn: (line: string) => void, traced = false): { codePath: string } | undefined {
  if (bundleIsStale(root, traced)) {
    const built = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build-workflows.ts'), ...(traced ? ['--traced'] : [])], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0 || bundleIsStale(root, traced)) {
      warn(`the workflow bundle (${bundlePath(root, traced)}) could not be built (${(built.stderr || built.error?.message || `exit ${built.status}`).trim().split('\n').slice(-1)[0]}); bundling in this process`);
      return undefined;
    }
  }
  return { codePath: bundlePath(root, traced) };
}

/**
 * A worker's workflow code, one bundle for its Workers (the tracks' and the campaigns'): the
 * prebuilt one (`prebuiltWorkflowBundle`), or the workflows bundled in this process, once, where
 * it cannot be built; with the OpenTelemetry workflow interceptors where `traced`. `workflowsPath`:
 * other workflows than the product's, always bundled here.
 */
export async function workflowCode(root: string, warn: (line: string) => void, traced: boolean, workflowsPath?: string): Promise<Pick<WorkerOptions, 'workflowBundle'>> {
  const bundle = workflowsPath ? undefined : prebuiltWorkflowBundle(root, warn, traced);
  if (bundle) return { workflowBundle: bundle };
  return {
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: workflowsPath ?? join(root, 'workflows', 'index.ts'),
      ...workflowBundlerOptions(root),
      ...(traced ? { workflowInterceptorModules: [tracingWorkflowModule()] } : {}),
      logger: Runtime.instance().logger,
    }),
  };
}
