/**
 * OpenTelemetry tracing through the real entry points (ZORGINKOOP_OTEL_TRACES, runtime/tracing.ts;
 * docs/operations.md, "Traces"): the worker process (`tsx worker.ts`), the built CLI and the
 * console process send their spans to an OTLP/HTTP receiver in this test (POST /v1/traces, JSON
 * bodies, as a collector takes them). A small campaign started by the CLI is one trace: the CLI's
 * start, the campaign workflow, its page activity, the tracks it starts and their activities. The
 * console traces its calls of a track. The worker sends its spans only when it stops
 * (OTEL_BSP_SCHEDULE_DELAY far away): what arrives is what the shutdown flushed.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Database } from '../../db/database';
import { DEMO_BASE, writeDemo, type Demo } from '../../runtime/demo';
import { DEMO_PASSWORD } from '../../web/console/start';
import { freePort, startDevServer } from '../../runtime/dev-server';
import { databaseEnv, testDatabase } from '../helpers/database';
import { edition } from '../helpers/editions';
import { eventually } from '../helpers/eventually';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver';
import { runBuiltCli, startProcess, stopProcesses } from '../helpers/process';
import { call, signIn } from '../web/console-http';

let receiver: OtlpReceiver;
let env: TestWorkflowEnvironment;
let database: Database;
let dataDir: string;
let demo: Demo;
let processEnv: Record<string, string>;
let worker: ChildProcess;
let consoleProcess: ChildProcess;
let consolePort: number;

beforeAll(async () => {
  let address: string;
  ({ env, address } = await startDevServer());
  database = await testDatabase('e2e-tracing');
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-tracing-'));
  demo = writeDemo(dataDir, edition(DEMO_BASE));
  consolePort = await freePort();
  receiver = await startOtlpReceiver();
  processEnv = {
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: 'e2e-tracing',
    ZORGINKOOP_DATA_DIR: dataDir,
    // Nobody listens: e-mail is not what this test is about (the relay retries quietly).
    ZORGINKOOP_SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
    ZORGINKOOP_OTEL_TRACES: receiver.url,
    ...databaseEnv(database),
  };
  ({ child: worker } = await startProcess(['worker.ts'], { ...processEnv, OTEL_BSP_SCHEDULE_DELAY: '3600000' }, /polling task queue/));
  ({ child: consoleProcess } = await startProcess(['scripts/console.ts', '--demo-users'], { ...processEnv, ZORGINKOOP_CONSOLE_PORT: String(consolePort) }, /console: http:.*\n/));
});
afterAll(async () => {
  await stopProcesses([worker, consoleProcess].filter(Boolean));
  await env?.teardown();
  await database?.close();
  await receiver?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("a campaign started by the CLI is one trace down to the tracks' activities; the console traces its calls; the worker flushes its spans when it stops", async () => {
  const started = await runBuiltCli(['campaign', 'start', demo.edition.id, '--providers', demo.providersFile], processEnv);
  expect(started).toMatchObject({ code: 0, out: expect.stringMatching(/^\d+ started/) });

  // The CLI sent its spans before it exited: the start of the campaign workflow.
  const { spans } = receiver;
  const start = spans.find((s) => s.service === 'zorginkoop-cli' && s.name === 'StartWorkflow:campaignWorkflow');
  expect(start).toBeDefined();
  expect(receiver.contentTypes.every((t) => t === 'application/json')).toBe(true);

  // The tracks are started; some have put their first message in the portal (its key starts with the track's workflow id).
  const tracks = await eventually(
    async () => {
      const list: string[] = [];
      for await (const w of env.client.workflow.list({ query: "WorkflowType = 'providerContractingWorkflow'" })) list.push(w.workflowId);
      return list;
    },
    (list) => list.length === Number(/^(\d+) started/.exec(started.out)![1]),
  );
  const messages = await eventually(
    () => database.db.selectFrom('portal_messages').select(['idempotency_key']).execute(),
    (rows) => rows.length > 0,
  );
  const posted = [...new Set(messages.map((m) => tracks.find((t) => m.idempotency_key.startsWith(`${t}/`))))];
  expect(posted.length).toBeGreaterThan(0);
  expect(posted).not.toContain(undefined);

  // A console page of a track queries it: the console's span, handled in the workflow.
  const { cookie } = await signIn(`http://127.0.0.1:${consolePort}`, 'anna', DEMO_PASSWORD);
  const page = await call(`http://127.0.0.1:${consolePort}`, { url: `/aanbieder/${encodeURIComponent(tracks[0]!)}`, headers: { cookie } });
  expect(page.status).toBe(200);

  // Nothing from the worker yet: its batches wait an hour. Stopping it sends them.
  expect(spans.filter((s) => s.service === 'zorginkoop-worker')).toEqual([]);
  await stopProcesses([worker, consoleProcess]);
  const fromWorker = spans.filter((s) => s.service === 'zorginkoop-worker');
  const trace = spans.filter((s) => s.traceId === start!.traceId);

  // The campaign workflow ran under the CLI's start, and its page activity under the workflow's scheduling of it.
  const run = fromWorker.find((s) => s.name === 'RunWorkflow:campaignWorkflow');
  expect(run).toMatchObject({ traceId: start!.traceId, parentSpanId: start!.spanId });
  const schedule = trace.find((s) => s.name === 'StartActivity:startProviderPage');
  expect(schedule).toMatchObject({ service: 'zorginkoop-worker', parentSpanId: run!.spanId });
  const page1 = trace.find((s) => s.name === 'RunActivity:startProviderPage');
  expect(page1).toMatchObject({ parentSpanId: schedule!.spanId, attributes: expect.objectContaining({ temporalWorkflowId: `campaign/${demo.edition.id}` }) });
  // The page activity started the tracks with the worker's client: each start in the same trace, under it.
  const trackStarts = trace.filter((s) => s.name === 'StartWorkflow:providerContractingWorkflow');
  expect(trackStarts.length).toBe(tracks.length);
  for (const s of trackStarts) expect(s.parentSpanId).toBe(page1!.spanId);
  // And the tracks' activities ran in that trace too: every track that posted in the portal did so in it.
  const trackActivities = trace.filter((s) => s.name.startsWith('RunActivity:') && tracks.includes(s.attributes.temporalWorkflowId as string));
  for (const track of posted) expect(trackActivities).toContainEqual(expect.objectContaining({ service: 'zorginkoop-worker', attributes: expect.objectContaining({ temporalWorkflowId: track }) }));

  // The console traced its calls of the track (sent when it stopped). The workflow's side of a
  // query is not always traced by the SDK (test/workflows/tracing.test.ts has an update's).
  expect(spans).toContainEqual(expect.objectContaining({ service: 'zorginkoop-console', name: 'QueryWorkflow:status' }));
});
