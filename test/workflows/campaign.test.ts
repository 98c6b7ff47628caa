/**
 * The campaign workflow: a provider list from the store, tracks started in batches with a bounded
 * window and continue-as-new, exactly one track per provider however often the campaign starts.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { rehearse } from '../../policies';
import * as zg from '../../policies/zg-2026';
import { ProviderSchema, type Provider } from '../../policies/provider';
import { campaignProgressQuery, campaignWorkflow, campaignWorkflowId, type CampaignProgress } from '../../workflows/campaign';
import { providerWorkflowId } from '../../workflows/ids';
import { createWorld, recordHistory, type World } from '../helpers/world';

// Hundreds of workflows on two cores: give the campaign room beyond the default per-test timeout.
jest.setTimeout(300_000);

const rehearsal = rehearse(zg, 2028);
const campaignId = rehearsal.policy.id;
let world: World;
beforeAll(async () => {
  world = await createWorld('campaign', [rehearsal]);
});
afterAll(() => world?.close());

const providers: Provider[] = Array.from({ length: 120 }, (_, i) => {
  const agbCode = String(1100000 + i).padStart(8, '0');
  return ProviderSchema.parse({
    agbCode,
    name: `ZG-instelling ${i + 1}`,
    locations: [{ agbCode, name: `Locatie ${i + 1}`, city: 'Utrecht' }],
    vektisRegistered: true,
    vecozoCertificate: true,
    contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2027, toYear: i % 5 === 0 ? 2029 : 2027 }],
  });
});

async function runCampaign(): Promise<CampaignProgress> {
  const handle = await world.env.client.workflow.start(campaignWorkflow, {
    taskQueue: world.taskQueue,
    workflowId: campaignWorkflowId(campaignId),
    args: [{ campaignId, policyId: campaignId, total: providers.length, batchSize: 25, window: 10, batchesPerRun: 2 }],
  });
  // Poll the progress (the handle follows continue-as-new); awaiting result() would skip time.
  for (let i = 0; i < 600; i++) {
    const progress = await handle.query(campaignProgressQuery).catch(() => undefined);
    if (progress?.done) return progress;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the campaign did not finish');
}

test('120 providers start in batches across continue-as-new runs, one track each', async () => {
  await world.sleepUntil('2027-09-01T09:00');
  await world.deps.providerLists.save(campaignId, providers);
  const progress = await runCampaign();
  expect(progress).toEqual({ total: 120, evaluated: 120, started: 120, alreadyStarted: 0, done: true });
  const runs = await world.env.client.workflow.getHandle(campaignWorkflowId(campaignId)).describe();
  expect(runs.runId).not.toBe(runs.raw.workflowExecutionInfo?.firstRunId); // it continued as new
  for (const p of [providers[0]!, providers[1]!, providers[119]!]) {
    const d = await world.env.client.workflow.getHandle(providerWorkflowId(campaignId, p.agbCode)).describe();
    expect(d.status.name).toBe('RUNNING');
  }
  await recordHistory(world.env.client.workflow.getHandle(campaignWorkflowId(campaignId)) as never, 'campaign-zg-2026-last-run');
});

test('the same campaign again starts no second track; twice at once is one campaign', async () => {
  const again = await runCampaign();
  expect(again).toMatchObject({ started: 0, alreadyStarted: 120, evaluated: 120 });
  const first = world.env.client.workflow.start(campaignWorkflow, {
    taskQueue: world.taskQueue,
    workflowId: campaignWorkflowId(campaignId),
    args: [{ campaignId, policyId: campaignId, total: providers.length }],
  });
  const second = world.env.client.workflow.start(campaignWorkflow, {
    taskQueue: world.taskQueue,
    workflowId: campaignWorkflowId(campaignId),
    args: [{ campaignId, policyId: campaignId, total: providers.length }],
  });
  const results = await Promise.allSettled([first, second]);
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(WorkflowExecutionAlreadyStartedError) });
});

