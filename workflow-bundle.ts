/**
 * How the worker bundles the workflow code: which modules are evaluated once per worker instead
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
 * `root`: the project folder (the worker passes its own folder; the in-process worker and the
 * CLI's bundle, one folder below it, pass the parent).
 */
import { join } from 'node:path';

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
