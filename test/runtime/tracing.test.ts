/**
 * Tracing off costs nothing, and switching it on is safe for tracks that are running
 * (runtime/tracing.ts, runtime/workflow-bundle.ts; docs/operations.md, "Traces"):
 * - off, the worker and the console load no OpenTelemetry SDK, exporter or interceptor package,
 *   and the workflow bundle holds nothing of OpenTelemetry;
 * - on, the worker loads a bundle of its own with the SDK's workflow interceptors, and every
 *   committed history (test/replay, recorded without them) replays on it.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { bundlePath, prebuiltWorkflowBundle } from '../../runtime/workflow-bundle';
import { startTracing } from '../../runtime/tracing';

const root = join(__dirname, '..', '..');

/** What a module loads: the OpenTelemetry files in Node's module cache after requiring it (jest's registry is not Node's). */
function openTelemetryLoadedBy(modules: string[], env: Record<string, string> = {}): string[] {
  const script = `${modules.map((m) => `require(${JSON.stringify(join(root, m))});`).join('')}
    const { startTracing } = require(${JSON.stringify(join(root, 'runtime', 'tracing.ts'))});
    const { loadConfig } = require(${JSON.stringify(join(root, 'config', 'config.ts'))});
    const tracing = startTracing(loadConfig(process.env).observability.traces, 'test', () => {});
    process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => /opentelemetry/.test(f))));
    void tracing?.shutdown();`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as string[]).map((f) => f.slice(f.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/').slice(0, 2).join('/'));
}

test('off: the worker and the console load no OpenTelemetry SDK, exporter or interceptors (prom-client brings the bare API, as before)', () => {
  const off = new Set(openTelemetryLoadedBy(['worker.ts', 'web/console/start.ts']));
  expect([...off].filter((p) => p !== '@opentelemetry/api')).toEqual([]);
  expect(startTracing({ to: 'off' }, 'test', () => {})).toBeUndefined();
  // And on, they are what is loaded (the check can see them).
  const on = new Set(openTelemetryLoadedBy(['worker.ts'], { ZORGINKOOP_OTEL_TRACES: 'http://127.0.0.1:1/v1/traces' }));
  for (const p of ['@opentelemetry/sdk-trace-node', '@opentelemetry/exporter-trace-otlp-http', '@temporalio/interceptors-opentelemetry']) expect(on).toContain(p);
}, 60_000);

test('the untraced bundle holds nothing of OpenTelemetry; the traced one registers the SDK\'s workflow interceptors', () => {
  const traced = prebuiltWorkflowBundle(root, (line) => console.warn(line), true);
  expect(traced).toEqual({ codePath: bundlePath(root, true) });
  const plain = prebuiltWorkflowBundle(root, (line) => console.warn(line));
  expect(plain).toEqual({ codePath: bundlePath(root) });
  // (The SDK itself names its OpenTelemetry flags in any bundle: the packages are what is looked for.)
  const packages = (path: string) => ['@opentelemetry/', 'interceptors-opentelemetry/'].filter((p) => readFileSync(path, 'utf8').includes(p));
  expect(packages(plain!.codePath)).toEqual([]);
  expect(packages(traced!.codePath)).toEqual(['@opentelemetry/', 'interceptors-opentelemetry/']);
  expect(readFileSync(traced!.codePath, 'utf8')).toContain('new workflow_1.OpenTelemetryInboundInterceptor()');
}, 120_000);

test('every committed history replays on the traced bundle: tracing can be switched on while tracks run', async () => {
  const dir = join(__dirname, '..', 'replay', 'histories');
  const histories = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ workflowId: f, history: historyFromJSON(JSON.parse(readFileSync(join(dir, f), 'utf8'))) }));
  expect(histories.length).toBeGreaterThan(30);
  const bundle = prebuiltWorkflowBundle(root, (line) => console.warn(line), true);
  const failures: string[] = [];
  const sinks = { exporter: { export: { fn: () => {} } } };
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle!, sinks }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
}, 120_000);

test('console: one JSON line a span on stderr, nothing on stdout (the CLI\'s output, the worker\'s log)', () => {
  const script = `const { startTracing } = require(${JSON.stringify(join(root, 'runtime', 'tracing.ts'))});
    const tracing = startTracing({ to: 'console' }, 'zorginkoop-cli', () => {});
    require('@opentelemetry/api').trace.getTracer('test').startSpan('StartWorkflow:campaignWorkflow', { attributes: { temporalWorkflowId: 'campaign/zg-2027' } }).end();
    void tracing.shutdown();`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines).toEqual([expect.objectContaining({ span: 'StartWorkflow:campaignWorkflow', service: 'zorginkoop-cli', traceId: expect.stringMatching(/^[0-9a-f]{32}$/), attributes: { temporalWorkflowId: 'campaign/zg-2027' } })]);
});
