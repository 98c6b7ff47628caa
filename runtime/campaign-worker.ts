/**
 * The campaign's own Worker, beside the tracks' Worker in every worker process (worker.ts, and
 * runtime/local-worker.ts for the tests, rehearsals and benchmarks).
 *
 * A campaign and its page activities poll `campaignTaskQueue(taskQueue)`: its next page does not
 * wait behind the workflow tasks and activities of the tracks it has just started on the tracks'
 * queue, and its workflow tasks get a workflow thread of their own. The tracks' Worker keeps the
 * campaign workflow and its activities too (the same bundle, the same activities): a campaign
 * started on the tracks' queue before this Worker existed finishes there (docs/architecture.md).
 */
import type { Worker, WorkerOptions } from '@temporalio/worker';
import type { Activities } from '../activities';

/** What a campaign runs: its page activities, and the ones runs started before them still ask for. */
export function campaignActivities(activities: Activities): Pick<Activities, 'startProviderPage' | 'startProviderTracks' | 'loadProviderPage' | 'contractKindsFor'> {
  const { startProviderPage, startProviderTracks, loadProviderPage, contractKindsFor } = activities;
  return { startProviderPage, startProviderTracks, loadProviderPage, contractKindsFor };
}

/**
 * The campaign Worker's limits: a handful of campaigns at a time (one per policy), each running
 * one page activity at a time. Its cache is small; a test's `maxCachedWorkflows` (0, so that a
 * stopped worker leaves nothing on a sticky queue) applies to it as to the tracks' Worker.
 */
export function campaignWorkerLimits(maxCachedWorkflows?: number): Pick<WorkerOptions, 'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentLocalActivityExecutions'> {
  return { maxCachedWorkflows: maxCachedWorkflows ?? 20, maxConcurrentWorkflowTaskExecutions: 10, maxConcurrentActivityTaskExecutions: 10, maxConcurrentLocalActivityExecutions: 10 };
}

/**
 * Runs the Workers of one process until all have stopped: when one stops or fails, the others are
 * shut down (a process that polls only half its queues would look alive and do half the work).
 * The first failure is rethrown once all have drained.
 */
export async function runWorkers(workers: Worker[]): Promise<void> {
  const stopOthers = () => {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  };
  const results = await Promise.allSettled(workers.map((w) => w.run().finally(stopOthers)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
