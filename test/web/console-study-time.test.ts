/**
 * NZa, Regeling transparantie zorginkoopproces Zvw (TH/NR-021), article 4 item 1: the terms for
 * both sides in each phase, the provider's study time of an offer among them. During the season
 * the console's overview lists the open offers whose study time (offer day to signing deadline)
 * fell below the edition's own promise: on the real dev server (its visibility is what the
 * overview reads) with a worker, ZG 2026 moved to the season in progress (runtime/demo.ts), two
 * offers of four weeks, one of whose deadlines is moved earlier.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { localDeps } from '../../activities';
import { editionStoreFor } from '../../activities/edition-store';
import type { Database } from '../../db/database';
import { addWeeks, amsterdamDay } from '../../policies/calendar';
import { DEMO_BASE, writeDemo } from '../../runtime/demo';
import { startDevServer } from '../../runtime/dev-server';
import { startLocalWorker, type LocalWorker } from '../../runtime/local-worker';
import { statusQuery } from '../../workflows/messages';
import { runCli } from '../helpers/cli';
import { databaseEnv, testDatabase } from '../helpers/database';
import { edition } from '../helpers/editions';
import { eventually } from '../helpers/eventually';
import { call, signIn, startConsole, type TestConsole } from './console-http';

const taskQueue = 'console-study-time';
let env: TestWorkflowEnvironment;
let worker: LocalWorker | undefined;
let database: Database;
let dir: string;
let policy: string;
let cliEnv: Record<string, string>;
let consoleApp: TestConsole | undefined;
const cli = (...argv: string[]) => runCli(argv, cliEnv);

beforeAll(async () => {
  let address: string;
  ({ env, address } = await startDevServer());
  dir = mkdtempSync(join(tmpdir(), 'console-study-time-'));
  database = await testDatabase('console_study_time');
  cliEnv = { TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, ZORGINKOOP_DATA_DIR: dir, ...databaseEnv(database) };
  const demo = writeDemo(dir, edition(DEMO_BASE));
  policy = demo.edition.id;
  worker = await startLocalWorker(env, taskQueue, { ...localDeps(database), editions: editionStoreFor({ dataDir: dir }) });
  // Two providers in a purchase conversation (negotiation): 01000001 and 01000003.
  const providers = (JSON.parse(readFileSync(demo.providersFile, 'utf8')) as { agbCode: string }[]).filter((p) => ['01000001', '01000003'].includes(p.agbCode));
  writeFileSync(join(dir, 'providers.json'), JSON.stringify(providers));
  expect(await cli('campaign', 'start', policy, '--providers', join(dir, 'providers.json'))).toMatchObject({ code: 0, out: expect.stringMatching(/^2 started/) });
  consoleApp = await startConsole('console_study_time_web', { client: env.client, database, editions: editionStoreFor({ dataDir: dir }), overviewFreshness: { freshMs: 0, staleMs: 0 } });
}, 180_000);

afterAll(async () => {
  await consoleApp?.close();
  await worker?.stop();
  await env?.teardown();
  await database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an offer whose signing deadline moved earlier than the four weeks ZG 2026 promises (000 s5) is on the season overview; the other offer is not', async () => {
  for (const agb of ['01000001', '01000003']) {
    await eventually(() => env.client.workflow.getHandle(`contracting/${policy}/${agb}`).query(statusQuery), (v) => v.status === 'IN_CONVERSATION');
    expect(await cli('outcome', agb, 'positive', '--policy', policy, '--by', 'anna')).toMatchObject({ code: 0 });
  }
  const offered = await eventually(() => env.client.workflow.getHandle(`contracting/${policy}/01000001`).query(statusQuery), (v) => v.status === 'OFFERED');
  const offeredOn = offered.planned.offeredOn!;
  expect(offered.planned.signingDeadline).toBe(addWeeks(offeredOn, 4));
  // Ten days after the offer instead of four weeks (a deadline moved earlier).
  const earlier = addDays(offeredOn, 10);
  expect(await cli('deadline', 'move', 'signing-deadline', '--policy', policy, '--agb', '01000001', '--to', earlier, '--reason', 'eerder sluiten', '--by', 'bram')).toMatchObject({ code: 0 });

  const { cookie } = await signIn(consoleApp!.base, 'viewer');
  const row = /<tr data-agb="(\d{8})">[\s\S]*?<td class="num" data-days>(\d+)<\/td>\s*<td class="num" data-promised>(\d+)<\/td>/g;
  const page = await eventually(
    () => call(consoleApp!.base, { url: `/seizoen?beleid=${policy}`, headers: { cookie } }),
    (p) => p.body.includes('data-agb="01000001"'),
  );
  expect(page.status).toBe(200);
  const section = page.body.slice(page.body.indexOf('data-testid="short-study-time"'));
  expect(section).toContain('Aanbiedingen met minder bedenktijd dan beloofd');
  expect(section).toContain('1 open aanbod heeft minder tijd tussen aanbod en uiterste tekendatum dan het beleid belooft');
  expect([...section.matchAll(row)].map((m) => [m[1], Number(m[2]), Number(m[3])])).toEqual([['01000001', 10, 28]]);
  expect(amsterdamDay(Date.now()) <= earlier).toBe(true);
}, 180_000);

/** `days` calendar days after a day (YYYY-MM-DD). */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
