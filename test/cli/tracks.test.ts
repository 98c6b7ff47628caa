/**
 * On the real dev server (visibility): `--kind` is inferred where the provider has one track under
 * the policy (several: a usage error naming the kinds), and a track whose workflow has completed
 * is reported as closed, with its final status and the day it closed, not as "no contracting track".
 * Paramedisch 2027 moved to the contract year in progress (runtime/demo.ts), its sample providers
 * with it, so that the tracks stand as in the real season on any day.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { localDeps } from '../../activities';
import type { Database } from '../../db/database';
import { databaseEnv, testDatabase } from '../helpers/database';
import { eventually } from '../helpers/eventually';
import { startDevServer } from '../../runtime/dev-server';
import { runCli } from '../helpers/cli';
import { startLocalWorker, type LocalWorker } from '../../runtime/local-worker';
import { editionStoreFor } from '../../activities/edition-store';
import { seasonProviders, writeSeasonCopy } from '../../runtime/demo';
import { edition } from '../helpers/editions';

const taskQueue = 'cli-tracks';
const BASE = 'paramedisch-2027';
/** The copy's id, e.g. paramedisch-2027-demo. */
let POLICY: string;
let env: TestWorkflowEnvironment;
let worker: LocalWorker | undefined;
let dir: string;
let database: Database;
let cliEnv: Record<string, string>;
const cli = (...argv: string[]) => runCli(argv, cliEnv);

beforeAll(async () => {
  let address: string;
  ({ env, address } = await startDevServer());
  dir = mkdtempSync(join(tmpdir(), 'cli-tracks-'));
  database = await testDatabase('cli-tracks');
  cliEnv = { TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, ZORGINKOOP_DATA_DIR: dir, ...databaseEnv(database) };
  const base = edition(BASE);
  const { edition: copy } = writeSeasonCopy(dir, base);
  POLICY = copy.id;
  worker = await startLocalWorker(env, taskQueue, { ...localDeps(database), editions: editionStoreFor({ dataDir: dir }) });
  // 04012345: fysiotherapie and valpreventie; 04023456: fysiotherapie only; 24012345: dietetiek, not approached (its track ends at once).
  const sample = JSON.parse(readFileSync(join(__dirname, '..', '..', 'data', 'samples', `${BASE}-providers.json`), 'utf8')) as { agbCode: string }[];
  writeFileSync(join(dir, 'providers.json'), JSON.stringify(seasonProviders(base, sample, copy.contractYear).filter((p) => ['04012345', '04023456', '24012345'].includes(p.agbCode))));
  expect(await cli('campaign', 'start', POLICY, '--providers', join(dir, 'providers.json'))).toMatchObject({ code: 0, out: expect.stringMatching(/^4 started/) });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('one track under the policy: found without --kind', async () => {
  const status = await eventually(() => cli('status', '04023456', '--policy', POLICY), (r) => r.code === 0);
  expect(status).toMatchObject({ code: 0, err: '' });
  expect(status.out).toContain(`(AGB 04023456), ${POLICY}`);
  expect(status.out).toContain('Track: running-contract');
});

test('several tracks: a usage error naming the kinds; --kind picks one', async () => {
  const several = await eventually(() => cli('status', '04012345', '--policy', POLICY), (r) => r.code === 2);
  expect(several.err).toBe(`zorginkoop: AGB 04012345 has 2 tracks under ${POLICY}: name one with --kind (fysiotherapie, valpreventie)\n`);
  expect(await cli('status', '04012345', '--policy', POLICY, '--kind', 'valpreventie')).toMatchObject({ code: 0 });
  expect(await cli('status', '04099999', '--policy', POLICY)).toMatchObject({ code: 1, err: expect.stringContaining(`no contracting track for AGB 04099999 under ${POLICY}`) });
});

test('a closed track is reported as closed, with its final status and when it closed', async () => {
  await eventually(() => cli('status', '24012345', '--policy', POLICY), (r) => r.code === 0);
  const withdrawn = await cli('withdraw', '24012345', '--policy', POLICY, '--reason', 'moved away', '--initiated-by', 'provider', '--by', 'staff');
  expect(withdrawn.code).toBe(0);
  const closedLine = /\nTrack closed: its final status is (\w+), since (maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d+ \w+ \d{4} \d\d:\d\d \(workflow completed\)$/m;
  const status = await eventually(() => cli('status', '24012345', '--policy', POLICY), (r) => closedLine.test(r.out));
  expect(status.out).toMatch(closedLine);
  const final = closedLine.exec(status.out)![1];
  const again = await cli('withdraw', '24012345', '--policy', POLICY, '--reason', 'moved away', '--initiated-by', 'provider', '--by', 'staff');
  expect(again.code).toBe(1);
  expect(again.err).toMatch(new RegExp(`^zorginkoop: the track of AGB 24012345 under ${POLICY} is closed: its final status is ${final}, since \\w+ \\d+ \\w+ \\d{4} \\d\\d:\\d\\d \\(workflow completed\\)\\n$`));
  expect(again.err).not.toContain('no contracting track');
});

test('a command of the catalogue through the built CLI (bin/zorginkoop.js): a question is recorded, the track stays where it was', async () => {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'pipe' });
  const before = await eventually(() => cli('status', '04023456', '--policy', POLICY, '--json'), (r) => r.code === 0);
  const status = (JSON.parse(before.out) as { status: string }).status;
  const run = (...argv: string[]) =>
    new Promise<{ code: number; out: string; err: string }>((done) => {
      execFile(process.execPath, [join(root, 'bin', 'zorginkoop.js'), ...argv], { env: { ...process.env, ...cliEnv } }, (err, out, errText) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out, err: errText }));
    });
  const asked = await run('question', '04023456', '--policy', POLICY, '--subject', 'AGB 04023456 fysiotherapie: wanneer komt het aanbod?', '--by', 'inkoper', '--json');
  expect(asked).toMatchObject({ code: 0 });
  const view = JSON.parse(asked.out) as { status: string; history: { event: string; text: string }[] };
  expect(view.status).toBe(status);
  expect(view.history.at(-1)).toMatchObject({ event: 'QUESTION_ASKED', text: expect.stringContaining('wanneer komt het aanbod?') });
  // Bad input is refused before anything is sent, naming the field (exit 2).
  expect(await run('question', '04023456', '--policy', POLICY, '--subject', ' ', '--by', 'inkoper')).toMatchObject({ code: 2, err: expect.stringContaining('subject: say what the provider asked') });
});
