/**
 * Stand-ins for provider tracks, for measuring and testing what the console reads from visibility
 * (scripts/bench-overview.ts, test/web/console-overview.test.ts): workflows that do nothing but
 * wait, started with the search attributes a track keeps (ZorgPolicy, ZorgStatus spread over every
 * public status, ZorgNextDeadline, ZorgAgbCode, ZorgContractKind), a tenth of them already closed.
 * A start costs the server what a track's start costs it; nothing of the product runs. A worker
 * of them (`startIdleWorker`) answers a query of the product's at once (with an error: it has none),
 * as the overview's study-time check asks a few of them.
 */
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { PUBLIC_STATUSES } from '../machines/statuses';
import { ZorgAgbCode, ZorgContractKind, ZorgNextDeadline, ZorgPolicy, ZorgStatus } from '../workflows/search-attributes';

export interface IdleTracks {
  policy: string;
  count: number;
  /** The workflow type started (a worker may run it, e.g. scripts/bench-workflows.ts `idleWorkflow`, or none). */
  workflowType: string;
  taskQueue: string;
  /** Starts at a time (default 50). */
  window?: number;
  /** Deadlines are spread from a week before this to 16 weeks after. */
  now?: Date;
  /** After each start (i: its number). */
  started?: (i: number) => void;
}

/** The workflow id of stand-in `i` of a policy. */
export const idleTrackId = (policy: string, i: number) => `idle/${policy}/${String(i).padStart(8, '0')}`;

/** Starts `count` stand-ins `window` at a time; every tenth is terminated once started (a closed track, as `workflow count` counts it). */
export async function startIdleTracks(client: Client, o: IdleTracks): Promise<void> {
  const now = (o.now ?? new Date()).getTime();
  const day = 86_400_000;
  let next = 0;
  const one = async (i: number) => {
    const handle = await client.workflow.start(o.workflowType, {
      taskQueue: o.taskQueue,
      workflowId: idleTrackId(o.policy, i),
      args: [],
      typedSearchAttributes: [
        { key: ZorgPolicy, value: o.policy },
        { key: ZorgStatus, value: PUBLIC_STATUSES[i % PUBLIC_STATUSES.length]! },
        { key: ZorgAgbCode, value: String(30_000_000 + i).padStart(8, '0') },
        { key: ZorgContractKind, value: i % 3 === 0 ? 'hulpmiddelen' : 'zg' },
        ...(i % 5 === 4 ? [] : [{ key: ZorgNextDeadline, value: new Date(now + (((i * 7) % 119) - 7) * day) }]),
      ],
    });
    if (i % 10 === 9) await handle.terminate('a closed track, for the counts');
    o.started?.(i);
  };
  await Promise.all(
    Array.from({ length: o.window ?? 50 }, async () => {
      while (next < o.count) await one(next++);
    }),
  );
}

/** A worker for the stand-ins (`idleWorkflow`, scripts/idle-workflow.ts, bundled here: a second or two). */
export async function startIdleWorker(connection: NativeConnection, taskQueue: string): Promise<{ stop(): Promise<void> }> {
  const worker = await Worker.create({ connection, taskQueue, workflowsPath: join(__dirname, '..', 'scripts', 'idle-workflow.ts'), maxCachedWorkflows: 200 });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}
