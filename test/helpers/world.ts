/**
 * A time-skipping world for workflow tests: the test server, a worker with the portal outbox,
 * finder and staff inbox in a database schema of its own, and helpers to move the clock by the Amsterdam
 * calendar. One per test file.
 */
import { join } from 'node:path';
import { WorkflowClient, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { localDeps, type ActivityDeps } from '../../activities';
import type { Database } from '../../db/database';
import { testDatabase } from './database';
import { EditionStore } from '../../activities/edition-store';
import type { Edition } from '../../policies';
import { rehearseProvider, type ProviderInput } from '../../policies/provider';
import { startLocalWorker } from '../../runtime/local-worker';
import { providerWorkflowId } from '../../policies/ids';
import { statusQuery, type ProviderStatusView } from '../../workflows/messages';
import { providerContractingWorkflow } from '../../workflows/provider-contracting';
import { createTimeSkippingEnv } from './temporal';

/** An Amsterdam wall-clock time ("2055-09-01T09:00") as an instant. */
export const ams = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Amsterdam' }).toJSDate();

export type ProviderHandle = WorkflowHandle<typeof providerContractingWorkflow>;

/** Everything a workflow test needs. */
export interface World {
  env: TestWorkflowEnvironment;
  database: Database;
  deps: ReturnType<typeof localDeps>;
  taskQueue: string;
  /** Moves the test clock to an Amsterdam wall-clock time, firing every timer on the way. */
  sleepUntil(local: string): Promise<void>;
  /** Starts a provider's track under an edition (one contract kind where it has several), as a campaign does; `revision`: the edition revision it decides with (absent: the current one). */
  start(edition: Edition, provider: ProviderInput, contractKind?: string, options?: { revision?: string }): Promise<ProviderHandle>;
  /** Waits, in real time, until the workflow has run what it can (no time skipped). */
  settle(handle: ProviderHandle, until: (view: ProviderStatusView) => boolean): Promise<void>;
  /** The view now, asked again when a query goes unanswered (see `settlingView`). */
  view(handle: ProviderHandle): Promise<ProviderStatusView>;
  /** The final view of a workflow that has closed or is about to, without skipping time. */
  finalView(handle: ProviderHandle): Promise<ProviderStatusView>;
  /**
   * Stops the worker (as a crash or a deployment would): nothing runs until `startWorker`. Give the
   * world `maxCachedWorkflows: 0` for this: the time-skipping server never hands a cached
   * workflow's next task from the stopped worker's sticky queue to a new worker.
   */
  stopWorker(): Promise<void>;
  /** Starts a new worker on the same task queue and stores. */
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Not the time-skipping client's `result()` anywhere: awaiting it lets the test server skip time to
 * the next timer of any workflow, which would move the whole season on. Tests wait in real time
 * instead, and read a closed track's result with a plain client.
 */
export async function createWorld(
  name: string,
  editions: Edition[],
  /** Stores of a test's own in place of the world's (built on the world's database). */
  overrides: (database: Database) => Partial<Pick<ActivityDeps, 'portal' | 'directory' | 'staff'>> = () => ({}),
  workerOptions: Parameters<typeof startLocalWorker>[3] = {},
): Promise<World> {
  const env = await createTimeSkippingEnv();
  const database = await testDatabase(name);
  const deps = localDeps(database);
  const taskQueue = name;
  const workerDeps = { ...deps, ...overrides(database), editions: new EditionStore({ extra: editions }) };
  let worker: Awaited<ReturnType<typeof startLocalWorker>> | undefined = await startLocalWorker(env, taskQueue, workerDeps, workerOptions);
  // A plain client on the same server: its result() reads a closed run's result without letting
  // the clock skip (the time-skipping client's result() unlocks it while it waits).
  const plain = new WorkflowClient({ connection: env.connection, namespace: env.namespace ?? 'default' });
  /** A completed track's view: its result, read from the server's history (no query, no replay). */
  const completedView = async (handle: ProviderHandle): Promise<ProviderStatusView | undefined> => {
    if ((await handle.describe()).status.name !== 'COMPLETED') return undefined;
    return plain.getHandle<typeof providerContractingWorkflow>(handle.workflowId).result();
  };
  const settle: World['settle'] = async (handle, until) => {
    for (let i = 0; i < 200; i++) {
      const view = await settlingView(env, handle, completedView, i === 199);
      if (view && until(view)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    env,
    database,
    deps,
    taskQueue,
    async sleepUntil(local) {
      const target = ams(local).getTime();
      const now = await env.currentTimeMs();
      if (target <= now) throw new Error(`sleepUntil ${local}: the test clock is already past it`);
      await env.sleep(target - now);
    },
    async start(edition, provider, contractKind, options = {}) {
      const id = providerWorkflowId(edition.id, provider.agbCode, contractKind);
      return env.client.workflow.start(providerContractingWorkflow, {
        taskQueue,
        workflowId: id,
        args: [{ policyId: edition.id, provider, ...(contractKind ? { contractKind } : {}), ...(options.revision ? { revision: options.revision } : {}) }],
      });
    },
    settle,
    async view(handle) {
      for (let i = 0; ; i++) {
        const view = await settlingView(env, handle, completedView, i === 9);
        if (view) return view;
      }
    },
    async finalView(handle) {
      for (let i = 0; i < 200 && (await handle.describe()).status.name === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 50));
      return (await completedView(handle)) ?? handle.query(statusQuery);
    },
    async stopWorker() {
      await worker?.stop();
      worker = undefined;
    },
    async startWorker() {
      worker ??= await startLocalWorker(env, taskQueue, workerDeps, workerOptions);
    },
    async close() {
      await worker?.stop();
      await env.teardown();
      await database.close();
    },
  };
}

/** A ZG institution with one location and a ZG contract for 2055: approached (the year before) by a ZG rehearsal for 2056. */
export const zgInstitution = (agbCode: string) => ({
  agbCode,
  name: `Instelling ${agbCode}`,
  locations: [{ agbCode, name: 'Hoofdlocatie', city: 'Utrecht' }],
  vektisRegistered: true,
  vecozoCertificate: true,
  contracts: [{ careType: 'zg' as const, kind: 'zg', fromYear: 2055, toYear: 2055 }],
});

/** A sample provider (data/samples/<policy>-providers.json) by AGB code, with every year moved on. */
export function sampleProvider(policyId: string, agbCode: string, years: number): ProviderInput {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const records = require(`../../data/samples/${policyId}-providers.json`) as ProviderInput[];
  const record = records.find((r) => r.agbCode === agbCode);
  if (!record) throw new Error(`no sample provider ${agbCode} in ${policyId}`);
  return rehearseProvider(record, years);
}

/**
 * Keeps a run's history for the replay tests when `npm run record-histories` asks for it. A history
 * already committed is kept as it is: it is the record of how that track ran on the code of its
 * day, which the replay tests hold today's code to (`ZORGINKOOP_RECORD_HISTORIES=overwrite` replaces it).
 */
export async function recordHistory(handle: ProviderHandle, name: string): Promise<void> {
  const mode = process.env.ZORGINKOOP_RECORD_HISTORIES;
  if (!mode) return;
  const { existsSync, writeFileSync } = await import('node:fs');
  const file = join(__dirname, '..', 'replay', 'histories', `${name}.json`);
  if (existsSync(file) && mode !== 'overwrite') return;
  const { historyToJSON } = await import('@temporalio/common/lib/proto-utils');
  writeFileSync(file, `${historyToJSON(await handle.fetchHistory())}\n`);
}

/** How long a query while a track settles may take before it is asked again (see `settlingView`). */
const QUERY_DEADLINE_MS = 5_000;

/**
 * A track's view while it settles. The time-skipping test server sends a query to the worker as a
 * "legacy query", a workflow task of its own (sdk-java issue 1428; a real server answers queries
 * apart from workflow tasks). One that reaches the worker while it evicts the run (a track that
 * just closed, or any task with `maxCachedWorkflows: 0`) is dropped by the SDK's core ("There
 * were leftover buffered tasks when evicting run", sdk-core workflow_stream.rs: "query tasks
 * remaining in the buffer ... are now invalidated"): the test server never hears back, and the
 * query waited until the connection was closed, 87 s in the import test, longer than a test's
 * time once in deadline-race. Such a query met a replay failure too ("[TMPRL1100] Nondeterminism
 * error: Non-deprecated patch marker encountered for change sending-status", in
 * contract-register.test.ts and deadline-moves.test.ts under the load of a whole run, while the
 * same histories replay cleanly in test/replay). So: a closed track's view is its result, never
 * a query; a query gets a deadline, and one that runs out or meets a replay failure counts as
 * "not settled yet" and is asked again, except the last.
 */
async function settlingView(
  env: TestWorkflowEnvironment,
  handle: ProviderHandle,
  completedView: (handle: ProviderHandle) => Promise<ProviderStatusView | undefined>,
  last: boolean,
): Promise<ProviderStatusView | undefined> {
  try {
    return await env.client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.query(statusQuery));
  } catch (err) {
    const completed = await completedView(handle);
    if (completed) return completed;
    const message = (err as Error).message;
    if (last || !/TMPRL1100|DEADLINE_EXCEEDED|deadline exceeded/i.test(message)) throw err;
    process.stderr.write(`settle: a query was not answered (${message}); asked again\n`);
    return undefined;
  }
}
