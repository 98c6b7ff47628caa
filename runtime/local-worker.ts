/**
 * The product's workflows and activities in a worker in this process, on a test or dev server:
 * what the tests, the e2e tests and the benchmarks run beside their server. As the product's
 * worker (worker.ts): one Worker on the tracks' task queue and one on the campaigns'
 * (runtime/campaign-worker.ts). Campaigns start their tracks with a client on the same server.
 */
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { clientTrackStarter } from '../activities/track-starter';
import { campaignTaskQueue } from '../config/task-queues';
import { campaignActivities, campaignWorkerLimits, runWorkers } from './campaign-worker';
import { workflowCode } from './workflow-bundle';
import type { Tracing } from './tracing';

/** The environment variable the patched SDK reads in a workflow thread: `off`, no promise hook (patches/@temporalio+worker+*.patch). */
export const STACK_TRACES_SWITCH = 'ZORGINKOOP_WORKFLOW_STACK_TRACES';

/** A running in-process worker (the tracks' Worker and the campaigns'); `stop()` shuts both down and waits until they have drained. */
export interface LocalWorker {
  worker: Worker;
  campaignWorker: Worker;
  stop(): Promise<void>;
}

/**
 * Starts a worker on `env`'s server for `taskQueue` (and its campaigns' queue), with the activities built from `deps` (tracks
 * started with `starterClient`, default `env.client`). `deps.metrics` counts what its activities
 * do (activities/metrics.ts; `serveMetrics` serves it); the SDK's own metrics exporter is the
 * process's runtime's, which the test environment has installed, so an in-process worker has none.
 * `tracing`: the worker traced as the product's is where ZORGINKOOP_OTEL_TRACES is on (runtime/tracing.ts).
 */
export async function startLocalWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  deps: Omit<ActivityDeps, 'starter'>,
  options: Partial<Pick<WorkerOptions, 'workflowsPath' | 'maxConcurrentWorkflowTaskExecutions' | 'maxCachedWorkflows'>> & { starterClient?: Client; stackTraces?: boolean; tracing?: Tracing } = {},
): Promise<LocalWorker> {
  const { starterClient = env.client, stackTraces = true, tracing, workflowsPath, ...limits } = options;
  // The project folder, from this file or from the CLI's bundle in dist/ (both one folder below it).
  const root = join(__dirname, '..');
  // The product's workflows as the product's worker loads them (worker.ts): the bundle built once
  // into dist/, not webpack again for every worker (seconds each, in every test file that starts
  // one). Where it cannot be built, or for other workflows (`workflowsPath`), bundled here.
  // One bundle for both Workers (traced: with the OpenTelemetry workflow interceptors).
  const code = await workflowCode(root, () => undefined, Boolean(tracing), workflowsPath);
  const activities = createActivities({ ...deps, starter: clientTrackStarter(starterClient) });
  const traced = tracing ? tracing.workerOptions : {};
  // Without stack traces the SDK (as patched, patches/) installs no promise hook in the workflow
  // threads: it takes a stack trace, mapped through the source map, for every promise workflow code
  // makes. The threads read the switch from the environment when Worker.create starts them.
  const before = process.env[STACK_TRACES_SWITCH];
  if (!stackTraces) process.env[STACK_TRACES_SWITCH] = 'off';
  const [worker, campaignWorker] = await Promise.all([
    Worker.create({ connection: env.nativeConnection, taskQueue, ...code, ...traced, activities, ...limits }),
    Worker.create({ connection: env.nativeConnection, taskQueue: campaignTaskQueue(taskQueue), ...code, ...traced, activities: campaignActivities(activities), ...campaignWorkerLimits(limits.maxCachedWorkflows) }),
  ]).finally(() => {
    if (before === undefined) delete process.env[STACK_TRACES_SWITCH];
    else process.env[STACK_TRACES_SWITCH] = before;
  });
  const running = runWorkers([worker, campaignWorker]);
  return {
    worker,
    campaignWorker,
    async stop() {
      for (const w of [worker, campaignWorker]) if (w.getState() === 'RUNNING') w.shutdown();
      await running;
    },
  };
}
