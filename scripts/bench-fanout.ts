/**
 * Benchmark: how long a campaign takes to start N provider tracks on the local dev server, against
 * starting N no-op workflows at the same concurrency on the same server in the same run.
 * Goal (issue 5): the campaign at most 1.3x the no-op starts.
 *
 * Three phases, one after the other, each waiting for the last one's work to be done:
 *   1. the campaign (store pages, evaluation, starts by activity, continue-as-new);
 *   2. the same number of provider tracks started straight from a client, no campaign: what the
 *      tracks' own first steps cost, so 1 / 2 is what the campaign machinery adds;
 *   3. N no-op workflows.
 * "started" is when the last start returned; "settled" is when the work the starts caused was
 * done too (every track's invitation in the portal, every no-op completed).
 *
 * The campaign is started the way operations start one: before its season. It runs a rehearsal
 * edition of ZG 2026 thirty years on (contract year 2056, as the time-skipping tests), so the
 * dated steps (the conversations by the end of September) lie ahead; a ZG track's first steps are
 * its evaluation and the invitation, sent at once.
 *
 *   npm run bench:fanout -- 10000      (default 10000; a figure, not a test)
 */
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { localDeps } from '../activities';
import { startPrivateDatabase } from '../db/embedded';
import { clientTrackStarter } from '../activities/track-starter';
import { rehearse } from '../policies';
import { EditionStore } from '../activities/edition-store';
import { ProviderSchema } from '../policies/provider';
import { campaignProgressQuery, campaignWorkflow } from '../workflows/campaign';
import { campaignTaskQueue } from '../config/task-queues';
import { importIdOf, listIdOf } from '../activities/provider-store';
import { startDevServer } from '../runtime/dev-server';
import { runScript, sleep } from './local-run';
import { startLocalWorker } from '../runtime/local-worker';

const count = Number(process.argv[2] ?? 10_000);
const WINDOW = 50;

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
  const { env } = await startDevServer();
  const db = await startPrivateDatabase();
  const deps = localDeps(db.database);
  const zg = new EditionStore().get('zg-2026');
  // Two editions, so that the direct starts (phase 2) get workflow ids of their own.
  const campaignShift = 30;
  const directShift = 31;
  const edition = rehearse(zg, zg.contractYear + campaignShift);
  const direct = rehearse(zg, zg.contractYear + directShift);
  const editions = new EditionStore({ extra: [edition, direct] });
  const taskQueue = 'bench-fanout';
  const worker = await startLocalWorker(env, taskQueue, { ...deps, editions }, { workflowsPath: require.resolve('./bench-workflows'), maxConcurrentWorkflowTaskExecutions: 100 });
  try {
    const providersFor = (shift: number) =>
      Array.from({ length: count }, (_, i) => {
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
    const campaignList = providersFor(campaignShift);
    const importId = importIdOf(campaignList);
    await deps.providerLists.save(listIdOf('bench', importId), campaignList);

    // Settled: every track of a policy has its invitation in the (local) portal.
    const invitations = async (policyId: string) => {
      const row = await db.database.db.selectFrom('portal_messages').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'invitation').where('policy_id', '=', policyId).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const until = async (done: () => Promise<boolean> | boolean) => {
      while (!(await done())) await sleep(250);
      return Date.now();
    };
    /** Runs `start(i)` for i < count, `WINDOW` at a time. */
    const startAll = async (start: (i: number) => Promise<unknown>) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: WINDOW }, async () => {
          while (next < count) await start(next++);
        }),
      );
    };

    // 1. The campaign.
    let t = Date.now();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue: campaignTaskQueue(taskQueue),
      workflowId: 'campaign/bench',
      args: [{ campaignId: 'bench', policyId: edition.id, total: count, window: WINDOW, importId, tracksTaskQueue: taskQueue }],
    });
    const campaignStarted = await until(async () => (await handle.query(campaignProgressQuery).catch(() => undefined))?.done === true);
    const campaign = { started: campaignStarted - t, settled: (await until(async () => (await invitations(edition.id)) >= count)) - t };

    // 2. The same tracks started straight from a client.
    const starter = clientTrackStarter(env.client);
    const directProviders = providersFor(directShift);
    t = Date.now();
    await startAll((i) => starter.start({ policyId: direct.id, taskQueue, provider: directProviders[i]! }));
    const directStarted = Date.now();
    const directRun = { started: directStarted - t, settled: (await until(async () => (await invitations(direct.id)) >= count)) - t };

    // 3. No-op workflows.
    t = Date.now();
    await startAll((i) => env.client.workflow.start('noopWorkflow', { taskQueue, workflowId: `noop/${i}`, args: [] }));
    const noopStarted = Date.now();
    const completed = async () => (await env.client.workflow.count(`WorkflowType = 'noopWorkflow' AND ExecutionStatus = 'Completed'`)).count >= count;
    const noop = { started: noopStarted - t, settled: (await until(completed)) - t };

    const line = (label: string, ms: { started: number; settled: number }, unit: string) =>
      `${label} started ${(ms.started / 1000).toFixed(1)} s (${Math.round(count / (ms.started / 1000))} ${unit}/s), settled ${(ms.settled / 1000).toFixed(1)} s`;
    process.stdout.write(
      [
        `providers: ${count}, window: ${WINDOW}, policies: ${edition.id} (campaign), ${direct.id} (direct starts)`,
        line('1. campaign fan-out:       ', campaign, 'tracks'),
        line('2. direct track starts:    ', directRun, 'tracks'),
        line('3. no-op starts:           ', noop, 'workflows'),
        `ratio campaign / no-op starts: ${(campaign.started / noop.started).toFixed(2)} (goal: at most 1.3); settled ${(campaign.settled / noop.settled).toFixed(2)}`,
        `ratio campaign / direct track starts: ${(campaign.started / directRun.started).toFixed(2)}; settled ${(campaign.settled / directRun.settled).toFixed(2)} (what the campaign machinery adds)`,
      ].join('\n') + '\n',
    );
  } finally {
    await worker.stop();
    await env.teardown();
    await db.stop();
  }
}

runScript(main);
