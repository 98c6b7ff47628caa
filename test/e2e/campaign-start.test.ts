/**
 * `campaign start` on the real dev server, against the defects a probe found: two starts at once
 * with different files (probe defect 2) must never swap one file's providers for the other's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { localDeps } from '../../activities';
import type { Database } from '../../db/database';
import { databaseEnv, testDatabase } from '../helpers/database';
import { startDevServer } from '../../runtime/dev-server';
import { runCli } from '../helpers/cli';
import { startLocalWorker, type LocalWorker } from '../../runtime/local-worker';
import { providerWorkflowId } from '../../policies/ids';

const taskQueue = 'e2e-campaign-start';
let env: TestWorkflowEnvironment;
let worker: LocalWorker | undefined;
let dataDir: string;
let database: Database;
let cliEnv: Record<string, string>;

beforeAll(async () => {
  let address: string;
  ({ env, address } = await startDevServer());
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-campaign-'));
  database = await testDatabase('e2e-campaign');
  cliEnv = { TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, ZORGINKOOP_DATA_DIR: dataDir, ...databaseEnv(database) };
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A ZG provider file of `n` providers whose AGB codes start at `first`. */
function providerFile(name: string, first: number, n: number): { file: string; agbCodes: string[] } {
  const agbCodes = Array.from({ length: n }, (_, i) => String(first + i).padStart(8, '0'));
  const file = join(dataDir, name);
  writeFileSync(
    file,
    JSON.stringify(
      agbCodes.map((agbCode) => ({
        agbCode,
        name: `Instelling ${agbCode}`,
        locations: [{ agbCode, name: 'Hoofdlocatie', city: 'Utrecht' }],
        vektisRegistered: true,
        vecozoCertificate: true,
        contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2025, toYear: 2025 }],
      })),
    ),
  );
  return { file, agbCodes };
}

async function exists(workflowId: string): Promise<boolean> {
  return env.client.workflow.getHandle(workflowId).describe().then(
    () => true,
    () => false,
  );
}

test('defect 2: two campaign starts at once with different files: each file starts its own providers or is refused, never swapped', async () => {
  const a = providerFile('A.json', 1200000, 20);
  const b = providerFile('B.json', 1300000, 20);
  // Both starts race while no worker polls: both pass the "is a campaign running?" check first.
  const first = runCli(['campaign', 'start', 'zg-2026', '--providers', a.file], cliEnv);
  await new Promise((r) => setTimeout(r, 20));
  const second = runCli(['campaign', 'start', 'zg-2026', '--providers', b.file], cliEnv);
  await new Promise((r) => setTimeout(r, 1000));
  worker = await startLocalWorker(env, taskQueue, localDeps(database));
  const results = await Promise.all([first, second]);

  for (const [i, { agbCodes }] of [a, b].entries()) {
    const result = results[i]!;
    const started = await Promise.all(agbCodes.map((agb) => exists(providerWorkflowId('zg-2026', agb))));
    if (result.code === 0) {
      // A start that says it started its file's providers did start exactly those.
      expect(result.out).toMatch(/^20 started/);
      expect(started.every(Boolean)).toBe(true);
    } else {
      // A start that was refused says why, names the other list, and started none of its own.
      expect(result.err).toMatch(/already running with another provider list/);
      expect(started.some(Boolean)).toBe(false);
    }
  }
  expect(results.filter((r) => r.code === 0)).toHaveLength(1);
});

test('defect 5: a campaign that cannot progress says so: campaign start and campaign status exit 1 with the failure', async () => {
  await worker?.stop();
  // A worker whose provider-list store is unreachable: every page read fails and is retried.
  const broken = { ...localDeps(database), providerLists: { save: async () => ({ count: 0 }), page: async () => [], read: async () => Promise.reject(new Error('ECONNREFUSED 10.0.0.9:5432')) } };
  worker = await startLocalWorker(env, taskQueue, broken as never);
  const c = providerFile('C.json', 1400000, 5);
  const started = await runCli(['campaign', 'start', 'geboortezorg-2026', '--providers', c.file], cliEnv);
  expect(started.code).toBe(1);
  expect(started.err).toMatch(/campaign geboortezorg-2026 is not progressing: .*ECONNREFUSED 10\.0\.0\.9:5432/);
  const status = await runCli(['campaign', 'status', 'geboortezorg-2026'], cliEnv);
  expect(status.code).toBe(1);
  expect(status.out).toMatch(/not progressing: .*ECONNREFUSED/);
  await env.client.workflow.getHandle('campaign/geboortezorg-2026').terminate('test over');
  await worker.stop();
  worker = await startLocalWorker(env, taskQueue, localDeps(database));
}, 180_000);
