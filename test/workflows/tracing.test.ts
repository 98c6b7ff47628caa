/**
 * A track on an in-process worker with tracing on (runtime/local-worker.ts `tracing`,
 * runtime/tracing.ts), its spans sent to an OTLP/HTTP receiver: the workflow run, its activities
 * under it, and an update from a traced client (as the console sends one) handled in the
 * workflow under the client's span. The track ends, so its workflow span is sent too.
 */
import { Client } from '@temporalio/client';
import { startTracing, type Tracing } from '../../runtime/tracing';
import { recordConversationOutcomeUpdate } from '../../workflows/messages';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver';
import { createWorld, zgInstitution, type World } from '../helpers/world';

const rehearsal = rehearsalOf('zg-2026', 2056);
let receiver: OtlpReceiver;
let tracing: Tracing;
let world: World;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tracing = startTracing({ to: 'otlp', url: receiver.url }, 'zorginkoop-test', (line) => process.stderr.write(`${line}\n`))!;
  world = await createWorld('tracing', [rehearsal], () => ({}), { tracing });
});
afterAll(async () => {
  await world?.close();
  await tracing?.shutdown();
  await receiver?.close();
});

test("a track's run, its activities and a traced client's update are spans of one workflow, sent to the collector", async () => {
  await world.sleepUntil('2055-09-01T09:00');
  const track = await world.start(rehearsal, { ...zgInstitution('01000004'), contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2055, toYear: 2055 }] });
  await world.settle(track, (v) => v.history.some((e) => e.event === 'INVITATION_SENT'));
  // As the console sends it: a client with the tracing's interceptors.
  const client = new Client({ connection: world.env.client.connection, interceptors: tracing.clientInterceptors });
  const view = await client.workflow.getHandle(track.workflowId).executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'negative', by: 'inkoper A. de Vries' }] });
  expect(view.status).toBe('CONVERSATION_NEGATIVE');
  expect((await world.finalView(track)).status).toBe('CONVERSATION_NEGATIVE');
  await world.stopWorker();
  await tracing.shutdown();

  const spans = receiver.spans;
  const of = (name: string) => spans.filter((s) => s.name === name);
  // The run (started untraced by the test's client: a trace of its own), sent when the track ended;
  // spans made in the workflow carry its workflowInfo, those of the worker and the client temporalWorkflowId.
  const [run] = of('RunWorkflow:providerContractingWorkflow');
  expect(run).toMatchObject({ service: 'zorginkoop-test', parentSpanId: undefined, attributes: expect.objectContaining({ workflowId: track.workflowId, workflowType: 'providerContractingWorkflow' }) });
  // Its first activity, scheduled in the workflow and run in the worker, under the run.
  const [schedule] = of('StartActivity:evaluateProvider');
  expect(schedule).toMatchObject({ traceId: run!.traceId, parentSpanId: run!.spanId });
  expect(of('RunActivity:evaluateProvider')).toEqual([expect.objectContaining({ traceId: run!.traceId, parentSpanId: schedule!.spanId, attributes: expect.objectContaining({ temporalWorkflowId: track.workflowId }) })]);
  expect(of('RunActivity:sendInvitation')).toEqual([expect.objectContaining({ traceId: run!.traceId })]);
  // The update: the client's span, and the workflow's handling of it under that span.
  const [update] = of('StartWorkflowUpdate:recordConversationOutcome');
  expect(update).toMatchObject({ attributes: expect.objectContaining({ temporalWorkflowId: track.workflowId }) });
  expect(of('HandleUpdate:recordConversationOutcome')).toEqual([expect.objectContaining({ traceId: update!.traceId, parentSpanId: update!.spanId })]);
});
