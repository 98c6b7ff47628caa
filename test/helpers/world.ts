/**
 * A time-skipping world for workflow tests: the test server, a worker with the portal outbox,
 * finder and staff inbox in a database schema of its own, and helpers to move the clock by the Amsterdam
 * calendar. One per test file.
 */
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
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
 * Not `result()` anywhere: awaiting it lets the test server skip time to the next timer of any
 * workflow, which would move the whole season on. Tests wait in real time instead.
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
  const settle: World['settle'] = async (handle, until) => {
    for (let i = 0; i < 200; i++) {
      const view = await settlingView(handle, i === 199);
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
    async finalView(handle) {
      for (let i = 0; i < 200 && (await handle.describe()).status.name === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 50));
      return handle.query(statusQuery);
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

/**
 * A track's view while it settles. A query that reaches the time-skipping test server while the
 * track has a workflow task in flight comes to the worker as a "legacy query" on that task; once
 * in a CI run (stop 20, contract-register.test.ts, under the load of the whole suite) the worker's
 * replay for such a query failed with "[TMPRL1100] Nondeterminism error: Non-deprecated patch
 * marker encountered for change sending-status, but there is no corresponding change command!".
 * The same history replays cleanly (test/replay), and the track went on; the test server's legacy
 * queries are its own (sdk-java issue 1428), a real server answers queries apart from workflow
 * tasks. So such a failed query counts as "not settled yet" and is asked again, except the last.
 */
async function settlingView(handle: ProviderHandle, last: boolean): Promise<ProviderStatusView | undefined> {
  try {
    return await handle.query(statusQuery);
  } catch (err) {
    if (last || !/TMPRL1100/.test((err as Error).message)) throw err;
    process.stderr.write(`settle: a legacy query failed during replay, asked again: ${(err as Error).message}\n`);
    return undefined;
  }
}
