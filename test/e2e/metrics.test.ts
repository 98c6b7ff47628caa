/**
 * Metrics and logs through the real entry points (docs/operations.md, "Metrics and logs"): the
 * worker process (`tsx worker.ts`) with its product metrics, the Temporal SDK's exporter and JSON
 * logs; a small campaign started by the built CLI; the worker's `/metrics` read over HTTP shows
 * the tracks it started and the e-mails the relay sent, as the database has them. The console
 * process (`tsx scripts/console.ts`) counts a failed and a successful sign-in on its metrics port,
 * and its own port never serves metrics.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { onFreePorts, runBuiltCli, startProcess, stopProcesses } from '../helpers/process';
import { tryPassword } from '../web/console-http';


let env: TestWorkflowEnvironment;
let database: Database;
let dataDir: string;
let demo: Demo;
let processEnv: Record<string, string>;
let workerOutput: () => string;
const children: ChildProcess[] = [];
const ports: Record<'smtp' | 'worker' | 'sdk' | 'console' | 'consoleMetrics', number> = { smtp: 0, worker: 0, sdk: 0, console: 0, consoleMetrics: 0 };

const bin = (...argv: string[]) => runBuiltCli(argv, processEnv);

/** `curl http://127.0.0.1:<port>/metrics`. */
const scrape = async (port: number) => {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
};

/** A sample's value in an exposition text (`name{labels} value`), 0 where the series is absent. */
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

beforeAll(async () => {
  let address: string;
  ({ env, address } = await startDevServer());
  database = await testDatabase('e2e-metrics');
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-metrics-'));
  demo = writeDemo(dataDir, edition(DEMO_BASE));
  // Each process's ports picked just before it starts, and again where one was taken meanwhile.
  let catcher!: Awaited<ReturnType<typeof startProcess>>;
  await onFreePorts(async () => {
    ports.smtp = await freePort();
    processEnv = { TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: 'e2e-metrics', ZORGINKOOP_DATA_DIR: dataDir, ZORGINKOOP_SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`, ...databaseEnv(database) };
    catcher = await startProcess(['scripts/mail-catcher.ts'], processEnv, /goes to the purchasing mailbox/);
  });
  const worker = await onFreePorts(async () => {
    [ports.worker, ports.sdk] = [await freePort(), await freePort()];
    return startProcess(['worker.ts'], { ...processEnv, ZORGINKOOP_WORKER_METRICS: `127.0.0.1:${ports.worker}`, ZORGINKOOP_SDK_METRICS: `127.0.0.1:${ports.sdk}`, ZORGINKOOP_LOG_FORMAT: 'json' }, /polling task queue/);
  });
  const consoleProcess = await onFreePorts(async () => {
    [ports.console, ports.consoleMetrics] = [await freePort(), await freePort()];
    return startProcess(['scripts/console.ts', '--demo-users'], { ...processEnv, ZORGINKOOP_CONSOLE_PORT: String(ports.console), ZORGINKOOP_CONSOLE_METRICS: `127.0.0.1:${ports.consoleMetrics}` }, /console: metrics on .*\n/);
  });
  children.push(catcher.child, worker.child, consoleProcess.child);
  workerOutput = worker.output;
});
afterAll(async () => {
  await stopProcesses(children);
  await env?.teardown();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("a small campaign: the worker's metrics endpoint counts its tracks and e-mails as the database has them; the SDK's own metrics beside it", async () => {
  const providers = JSON.parse(readFileSync(demo.providersFile, 'utf8')) as unknown[];
  const started = await bin('campaign', 'start', demo.edition.id, '--providers', demo.providersFile);
  expect(started).toMatchObject({ code: 0, out: expect.stringMatching(new RegExp(`^${providers.length} started`)) });

  // Every track invites or notifies by e-mail; wait until the relay has sent what was queued.
  const tracks = `zorginkoop_tracks_started_total{policy="${demo.edition.id}"}`;
  const text = await eventually(
    () => scrape(ports.worker),
    (t) => value(t, tracks) === providers.length && value(t, 'zorginkoop_emails{status="sent"}') > 0 && value(t, 'zorginkoop_emails{status="pending"}') === 0,
  );
  expect(value(text, tracks)).toBe(providers.length);
  const outbox = await database.db.selectFrom('email_outbox').select(['status']).execute();
  const sent = outbox.filter((r) => r.status === 'sent').length;
  expect(value(text, 'zorginkoop_emails{status="sent"}')).toBe(sent);
  expect(value(text, 'zorginkoop_email_sends_total{outcome="sent"}')).toBe(sent);
  expect(value(text, 'zorginkoop_emails{status="no-address"}')).toBe(outbox.filter((r) => r.status === 'no-address').length);
  expect(value(text, 'zorginkoop_email_outbox_oldest_seconds')).toBe(0);
  expect(value(text, 'zorginkoop_tracks_needs_attention')).toBe(0);
  // Each portal message is an effect that was done; none refused.
  // (a retried effect that the portal had already taken counts again: at least one per message).
  const messages = await database.db.selectFrom('portal_messages').select(['idempotency_key']).execute();
  const done = ['sendInvitation', 'sendNotice', 'sendOffer'].reduce((sum, effect) => sum + value(text, `zorginkoop_effects_total{effect="${effect}",outcome="done"}`), 0);
  expect(messages.length).toBeGreaterThan(0);
  expect(done).toBeGreaterThanOrEqual(messages.length);
  expect(text).not.toMatch(/outcome="refused"/);
  expect(text).toMatch(/^process_cpu_seconds_total /m);

  const sdk = await scrape(ports.sdk);
  expect(sdk).toMatch(/^temporal_worker_task_slots_available\{.*task_queue="e2e-metrics".*\} \d+/m);
  // The ones docs/operations.md names for the on-call questions: saturation, waiting, latency, cache.
  for (const name of ['temporal_worker_task_slots_used', 'temporal_workflow_task_schedule_to_start_latency_bucket', 'temporal_workflow_task_execution_latency_bucket', 'temporal_sticky_cache_size']) expect(sdk).toMatch(new RegExp(`^${name}\\{`, 'm'));

  // The worker's lines are JSON (pino): the start line with its fields, no e-mail address of a provider.
  const lines = workerOutput()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines).toContainEqual(expect.objectContaining({ level: 'info', part: 'worker', taskQueue: 'e2e-metrics', msg: expect.stringContaining("polling task queue 'e2e-metrics'") }));
  expect(lines).toContainEqual(expect.objectContaining({ part: 'worker', msg: `metrics on http://127.0.0.1:${ports.worker}/metrics` }));
  const addresses = (providers as { email?: string }[]).map((p) => p.email).filter((e): e is string => Boolean(e));
  expect(addresses.length).toBeGreaterThan(0);
  for (const address of addresses) expect(workerOutput()).not.toContain(address);
});

test("an import applied from the CLI (the built bin, a process of its own) is counted on the worker's metrics endpoint", async () => {
  const file = join(dataDir, 'weigeringen.csv');
  // Two rows without a track: both errors, and the import is still applied and kept.
  writeFileSync(file, `AGB-code;Beleid;Reden\n33999991;${demo.edition.id};te duur\n33999992;${demo.edition.id};te duur\n`);
  const series = 'zorginkoop_import_rows{kind="refusals",outcome="error"}';
  expect(value(await scrape(ports.worker), series)).toBe(0);
  expect(await bin('import', 'refusals', file, '--by', 'coordinator', '--apply')).toMatchObject({ code: 1, err: expect.stringContaining('2 row(s) with an error') });
  expect(value(await eventually(() => scrape(ports.worker), (t) => value(t, series) === 2), series)).toBe(2);
});

test("the console counts a failed and a successful sign-in on its metrics port; its own port never serves metrics", async () => {
  const base = `http://127.0.0.1:${ports.console}`;
  const anonymous = await fetch(`${base}/metrics`, { redirect: 'manual' });
  expect(anonymous.status).toBe(404);
  expect(await anonymous.text()).not.toContain('zorginkoop_');

  const before = await scrape(ports.consoleMetrics);
  expect((await tryPassword(base, 'anna', 'niet-het-wachtwoord')).location).toMatch(/^\/inloggen/);
  expect((await tryPassword(base, 'anna', DEMO_PASSWORD, { terug: '/seizoen' })).location).toBe('/seizoen');
  const after = await scrape(ports.consoleMetrics);
  const failed = 'zorginkoop_sign_ins_total{outcome="failed",via="password"}';
  const signedIn = 'zorginkoop_sign_ins_total{outcome="signed-in",via="password"}';
  expect(value(after, failed) - value(before, failed)).toBe(1);
  expect(value(after, signedIn) - value(before, signedIn)).toBe(1);
  // The metrics port answers /metrics only.
  expect((await fetch(`http://127.0.0.1:${ports.consoleMetrics}/seizoen`)).status).toBe(404);
});
