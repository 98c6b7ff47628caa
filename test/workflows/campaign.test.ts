/**
 * The campaign workflow: a provider list from the store, tracks started in batches with a bounded
 * window and continue-as-new, exactly one track per provider however often the campaign starts;
 * on a task queue of its own, passing each track its decision.
 */
import { WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import { ProviderSchema, type Provider } from '../../policies/provider';
import { campaignProgressQuery, campaignWorkflow, campaignWorkflowId, type CampaignInput, type CampaignProgress } from '../../workflows/campaign';
import { providerWorkflowId } from '../../policies/ids';
import { DatabaseProviderListStore, importIdOf, listIdOf } from '../../activities/provider-store';
import { campaignTaskQueue } from '../../config/task-queues';
import { startCampaign } from '../../operations/campaigns';
import { statusQuery } from '../../workflows/messages';
import { createWorld, recordHistory, type World } from '../helpers/world';

// Hundreds of workflows on two cores: give the campaign room beyond the default per-test timeout.
jest.setTimeout(300_000);

const rehearsal = rehearsalOf('zg-2026', 2056);
const campaignId = rehearsal.id;
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
    contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2055, toYear: i % 5 === 0 ? 2057 : 2055 }],
  });
});

async function runCampaign(options: Partial<CampaignInput> = {}): Promise<CampaignProgress> {
  const handle = await world.env.client.workflow.start(campaignWorkflow, {
    taskQueue: campaignTaskQueue(world.taskQueue),
    workflowId: campaignWorkflowId(campaignId),
    args: [{ campaignId, policyId: campaignId, total: providers.length, batchSize: 25, window: 10, batchesPerRun: 2, tracksTaskQueue: world.taskQueue, ...options }],
  });
  return finished(handle);
}

// Waits for the campaign's last run to complete (the handle follows continue-as-new), then asks it
// for its progress. Awaiting result() would skip time; and a query while a run is busy waits for
// the run's next workflow task, which on the time-skipping server took over 80 s.
async function finished(handle: WorkflowHandle): Promise<CampaignProgress> {
  for (let i = 0; i < 1200; i++) {
    const { status } = await handle.describe();
    if (status.name === 'COMPLETED') return handle.query(campaignProgressQuery);
    if (status.name !== 'RUNNING' && status.name !== 'CONTINUED_AS_NEW') throw new Error(`the campaign ended ${status.name}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the campaign did not finish');
}

test('120 providers start in batches across continue-as-new runs, one track each', async () => {
  await world.sleepUntil('2055-09-01T09:00');
  await world.deps.providerLists.save(campaignId, providers);
  const progress = await runCampaign();
  expect(progress).toEqual({ total: 120, evaluated: 120, started: 120, alreadyStarted: 0, failed: 0, problems: [], done: true });
  const runs = await world.env.client.workflow.getHandle(campaignWorkflowId(campaignId)).describe();
  expect(runs.runId).not.toBe(runs.raw.workflowExecutionInfo?.firstRunId); // it continued as new
  for (const p of [providers[0]!, providers[1]!, providers[119]!]) {
    const d = await world.env.client.workflow.getHandle(providerWorkflowId(campaignId, p.agbCode)).describe();
    expect(d.status.name).toBe('RUNNING');
  }
  await recordHistory(world.env.client.workflow.getHandle(campaignWorkflowId(campaignId)) as never, 'campaign-zg-2026-pages-by-activity');
});

test('the same campaign again starts no second track; twice at once is one campaign', async () => {
  const again = await runCampaign();
  expect(again).toMatchObject({ started: 0, alreadyStarted: 120, evaluated: 120 });
  const first = world.env.client.workflow.start(campaignWorkflow, {
    taskQueue: campaignTaskQueue(world.taskQueue),
    workflowId: campaignWorkflowId(campaignId),
    args: [{ campaignId, policyId: campaignId, total: providers.length, tracksTaskQueue: world.taskQueue }],
  });
  const second = world.env.client.workflow.start(campaignWorkflow, {
    taskQueue: campaignTaskQueue(world.taskQueue),
    workflowId: campaignWorkflowId(campaignId),
    args: [{ campaignId, policyId: campaignId, total: providers.length, tracksTaskQueue: world.taskQueue }],
  });
  const results = await Promise.allSettled([first, second]);
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(WorkflowExecutionAlreadyStartedError) });
});

test('a list shorter than announced ends the campaign at its first empty page', async () => {
  await finished(world.env.client.workflow.getHandle(campaignWorkflowId(campaignId))); // the run the last test started
  const progress = await runCampaign({ total: 300, batchesPerRun: 20 });
  expect(progress).toEqual({ total: 300, evaluated: 120, started: 0, alreadyStarted: 120, failed: 0, problems: [], done: true });
  // Pages at 0 to 125 read (the last one empty), not the 12 pages announced.
  const history = await world.env.client.workflow.getHandle(campaignWorkflowId(campaignId)).fetchHistory();
  const reads = history.events!.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'startProviderPage');
  expect(reads).toHaveLength(6);
});

test('defect 6: a broken record in the campaign\'s provider list is named and skipped; the other providers start', async () => {
  await finished(world.env.client.workflow.getHandle(campaignWorkflowId(campaignId))).catch(() => undefined); // an earlier test's run, if any
  const more: Provider[] = Array.from({ length: 60 }, (_, i) => ({ ...providers[0]!, agbCode: String(1200000 + i).padStart(8, '0'), name: `Nieuw ${i + 1}` }));
  const importId = importIdOf(more);
  await world.deps.providerLists.save(listIdOf(campaignId, importId), more);
  // Position 29 (the 30th provider): a record without its name and locations, as a hand edit leaves it.
  await world.database.db.updateTable('campaign_providers').set({ provider: JSON.stringify({ agbCode: more[29]!.agbCode }) }).where('campaign_id', '=', listIdOf(campaignId, importId)).where('position', '=', 29).execute();
  const progress = await runCampaign({ total: 60, importId });
  expect(progress).toMatchObject({ total: 60, evaluated: 60, started: 59, failed: 1, done: true });
  expect(progress.problems).toEqual([{ where: `list '${listIdOf(campaignId, importId)}' position 29`, problem: expect.stringMatching(/^not a valid provider record: name: /) }]);
});

/** Providers of a list of their own (AGB codes no other test uses). */
const listOf = (from: number, count: number): Provider[] => Array.from({ length: count }, (_, i) => ({ ...providers[1]!, agbCode: String(from + i).padStart(8, '0'), name: `Lijst ${from + i}` }));

/** A workflow's history: the task queue it started on, its local activities (a track's: its evaluations), its patches. */
async function historyOf(workflowId: string) {
  const events = (await world.env.client.workflow.getHandle(workflowId).fetchHistory()).events!;
  const markers = (name: string) => events.filter((e) => e.markerRecordedEventAttributes?.markerName === name);
  return {
    events,
    taskQueue: events[0]!.workflowExecutionStartedEventAttributes?.taskQueue?.name,
    evaluations: markers('core_local_activity').length,
    patches: markers('core_patch').map((e) => JSON.parse(Buffer.from(e.markerRecordedEventAttributes!.details!['patch-data']!.payloads![0]!.data!).toString()).id as string),
  };
}

test('campaign start runs the campaign and its pages on the campaigns\' task queue, the tracks on the tracks\' queue, each track with its decision', async () => {
  await finished(world.env.client.workflow.getHandle(campaignWorkflowId(campaignId))).catch(() => undefined); // an earlier test's run, if any
  const list = listOf(1300000, 30);
  const revision = rehearsal.revision!; // the revision the world's store holds the rehearsal under
  // As `campaign start` and the console start one (operations/campaigns.ts), with the tracks' queue.
  const { handle } = await startCampaign(world.env.client, new DatabaseProviderListStore(world.database), { campaignId, policyId: campaignId, revision, taskQueue: world.taskQueue, providers: list, source: 'test' });
  expect(await finished(handle)).toMatchObject({ total: 30, started: 30, failed: 0, done: true });
  const campaign = await historyOf(campaignWorkflowId(campaignId));
  expect(campaign.taskQueue).toBe(campaignTaskQueue(world.taskQueue));
  const pages = campaign.events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'startProviderPage');
  expect(pages.length).toBeGreaterThan(0);
  expect(pages.map((e) => e.activityTaskScheduledEventAttributes!.taskQueue!.name)).toEqual(pages.map(() => campaignTaskQueue(world.taskQueue)));

  // Each track on the tracks' queue, with the decision the page made: it evaluated nothing itself.
  for (const p of [list[0]!, list[29]!]) {
    const id = providerWorkflowId(campaignId, p.agbCode);
    const track$ = world.env.client.workflow.getHandle(id);
    await world.settle(track$, (v) => v.status !== 'EVALUATING' && v.status !== 'SENDING');
    expect(await track$.query(statusQuery)).toMatchObject({ agbCode: p.agbCode, track: 'negotiation', edition: { id: campaignId, revision } });
    const track = await historyOf(id);
    expect(track).toMatchObject({ taskQueue: world.taskQueue, evaluations: 0 });
    expect(track.patches).toEqual(expect.arrayContaining(['tracks-v2', 'decision-from-campaign']));
  }
  await recordHistory(world.env.client.workflow.getHandle(providerWorkflowId(campaignId, list[0]!.agbCode)) as never, 'zg-2026-decision-from-campaign');

  // A track started without a decision (`track start`) evaluates, once.
  const alone = listOf(1400000, 1)[0]!;
  const started = await world.start(rehearsal, alone);
  await world.settle(started, (v) => v.status !== 'EVALUATING' && v.status !== 'SENDING');
  expect(await historyOf(started.workflowId)).toMatchObject({ taskQueue: world.taskQueue, evaluations: 1 });
});

test('a campaign started on the tracks\' queue before campaigns had their own finishes there, its tracks there too', async () => {
  const list = listOf(1500000, 12);
  const importId = importIdOf(list);
  await world.deps.providerLists.save(listIdOf(campaignId, importId), list);
  // As it was started before: on the tracks' queue, naming no tracks' queue.
  const handle = await world.env.client.workflow.start(campaignWorkflow, {
    taskQueue: world.taskQueue,
    workflowId: campaignWorkflowId(campaignId),
    args: [{ campaignId, policyId: campaignId, total: list.length, importId }],
  });
  expect(await finished(handle)).toMatchObject({ total: 12, started: 12, failed: 0, done: true });
  expect((await historyOf(campaignWorkflowId(campaignId))).taskQueue).toBe(world.taskQueue);
  expect((await historyOf(providerWorkflowId(campaignId, list[11]!.agbCode))).taskQueue).toBe(world.taskQueue);
});
