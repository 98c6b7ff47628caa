/**
 * Benchmark: how long a campaign takes to start N provider tracks on the local dev server, against
 * starting N no-op workflows at the same concurrency on the same server in the same run.
 * Goal (issue 5): the campaign at most 1.3x the no-op starts.
 *
 * The campaign is started the way operations start one: before its season. It runs a rehearsal
 * edition of ZG 2026 two years on, so every track's first dated step (the invitations in the
 * second half of September) lies ahead and the figure is the fan-out itself; a campaign started
 * after its dates also sends every invitation at once, which is the season's work, not the start's.
 *
 *   npm run bench:fanout -- 10000      (default 10000; a figure, not a test)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, makeTelemetryFilterString, Runtime, Worker } from '@temporalio/worker';
import { createActivities, localDeps } from '../activities';
import { clientTrackStarter } from '../activities/track-starter';
import { getPolicy, POLICIES, rehearse } from '../policies';
import { ProviderSchema } from '../policies/provider';
import { campaignProgressQuery, campaignWorkflow } from '../workflows/campaign';
import { runScript, startDevServer } from './local-run';

const count = Number(process.argv[2] ?? 10_000);
const WINDOW = 50;

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
  const { env } = await startDevServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-fanout-'));
  const deps = localDeps(dataDir);
  const zg = getPolicy('zg-2026');
  const shift = 2;
  const edition = rehearse(zg, zg.policy.contractYear + shift);
  const policies = new Map([...POLICIES, [edition.policy.id, edition]]);
  const taskQueue = 'bench-fanout';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('./bench-workflows'),
    activities: createActivities({ ...deps, policies, starter: clientTrackStarter(env.client) }),
    maxConcurrentWorkflowTaskExecutions: 100,
  });
  const running = worker.run();
  try {
    const providers = Array.from({ length: count }, (_, i) => {
      const agbCode = String(20_000_000 + i).padStart(8, '0');
      return ProviderSchema.parse({
        agbCode,
        name: `Bench ${i}`,
        locations: [{ agbCode, name: `Bench ${i}`, city: 'Utrecht' }],
        vektisRegistered: true,
        vecozoCertificate: true,
        contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2025 + shift, toYear: 2025 + shift }],
      });
    });
    await deps.providerLists.save('bench', providers);

    let t = Date.now();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: 'campaign/bench',
      args: [{ campaignId: 'bench', policyId: edition.policy.id, total: count, window: WINDOW }],
    });
    for (;;) {
      const p = await handle.query(campaignProgressQuery).catch(() => undefined);
      if (p?.done) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const campaignMs = Date.now() - t;

    t = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: WINDOW }, async () => {
        while (next < count) {
          const i = next++;
          await env.client.workflow.start('noopWorkflow', { taskQueue, workflowId: `noop/${i}`, args: [] });
        }
      }),
    );
    const noopMs = Date.now() - t;

    process.stdout.write(
      [
        `providers: ${count}, window: ${WINDOW}, policy: ${edition.policy.id}`,
        `campaign fan-out: ${(campaignMs / 1000).toFixed(1)} s (${Math.round(count / (campaignMs / 1000))} tracks/s)`,
        `no-op starts:     ${(noopMs / 1000).toFixed(1)} s (${Math.round(count / (noopMs / 1000))} workflows/s)`,
        `ratio: ${(campaignMs / noopMs).toFixed(2)} (goal: at most 1.3)`,
      ].join('\n') + '\n',
    );
  } finally {
    worker.shutdown();
    await running;
    await env.teardown();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runScript(main);
