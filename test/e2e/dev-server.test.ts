/**
 * End to end on the real Temporal dev server (the project's own CLI binary, SQLite, visibility):
 * the staff CLI starts the demo campaign of `npm start` (ZG 2026 moved to the contract year in
 * progress today, runtime/demo.ts) twice (one workflow per provider), the search
 * attributes find providers by status, both through the CLI and `temporal workflow list --query`,
 * and a conversation outcome and a signature reach the portal and the provider finder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { localDeps } from '../../activities';
import { editionStoreFor } from '../../activities/edition-store';
import { addWeeks, amsterdamDay, formatDay } from '../../policies/calendar';
import { DEMO_BASE, seasonProviders, writeDemo, writeSeasonCopy, type Demo } from '../../runtime/demo';
import { edition } from '../helpers/editions';
import type { Database } from '../../db/database';
import { databaseEnv, testDatabase } from '../helpers/database';
import { startDevServer } from '../../runtime/dev-server';
import { runCli } from '../helpers/cli';
import { startLocalWorker, type LocalWorker } from '../../runtime/local-worker';
import { resolveTemporalBinary, TEMPORAL_CLI } from '../../runtime/temporal-binaries';
import { eventually } from '../helpers/eventually';

const taskQueue = 'e2e-dev-server';
const cliBinary = resolveTemporalBinary(TEMPORAL_CLI);

let env: TestWorkflowEnvironment;
let worker: LocalWorker;
let dataDir: string;
let database: Database;
let address: string;
let cliEnv: Record<string, string>;
/** The demo as `npm start` writes it into the data folder, its policy id (e.g. zg-2027-demo) and contract year. */
let demo: Demo;
let policy: string;
let year: number;
/** Paramedisch 2027 copied the same way (its id and contract year), and its sample providers moved along. */
let paramedisch: string;
let paramedischYear: number;
let paramedischProviders: string;

const cli = (...argv: string[]) => runCli(argv, cliEnv);

beforeAll(async () => {
  ({ env, address } = await startDevServer());
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-'));
  demo = writeDemo(dataDir, edition(DEMO_BASE));
  policy = demo.edition.id;
  year = demo.edition.contractYear;
  const base = edition('paramedisch-2027');
  const copy = writeSeasonCopy(dataDir, base).edition;
  paramedisch = copy.id;
  paramedischYear = copy.contractYear;
  paramedischProviders = join(dataDir, 'paramedisch-providers.json');
  const samples = JSON.parse(readFileSync(resolve(__dirname, '../../data/samples/paramedisch-2027-providers.json'), 'utf8')) as object[];
  writeFileSync(paramedischProviders, JSON.stringify(seasonProviders(base, samples, paramedischYear)));
  database = await testDatabase('e2e-dev-server');
  cliEnv = { TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, ZORGINKOOP_DATA_DIR: dataDir, ...databaseEnv(database) };
  worker = await startLocalWorker(env, taskQueue, { ...localDeps(database), editions: editionStoreFor({ dataDir }) });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the demo campaign starts once, and providers are found by their state', async () => {
  expect(await cli('campaign', 'start', policy, '--providers', demo.providersFile)).toMatchObject({ code: 0, out: expect.stringMatching(/^5 started, 0 already started/) });
  expect(await cli('campaign', 'start', policy, '--providers', demo.providersFile)).toMatchObject({ code: 0, out: expect.stringMatching(/^0 started, 5 already started/) });

  const inConversation = await eventually(
    async () => JSON.parse((await cli('--json', 'list', '--policy', policy, '--status', 'IN_CONVERSATION')).out) as { agbCode: string }[],
    (rows) => rows.length === 3,
  );
  expect(inConversation.map((r) => r.agbCode)).toEqual(['01000001', '01000002', '01000003']);

  // The project's own Temporal CLI finds them by search attribute, as staff would in a terminal.
  const list = (query: string) =>
    JSON.parse(execFileSync(cliBinary!.path, ['workflow', 'list', '--address', address, '--query', query, '--output', 'json'], { encoding: 'utf8' }) || '[]') as {
      execution: { workflowId: string };
    }[];
  const running = await eventually(async () => list("ZorgStatus = 'RUNNING_CONTRACT'"), (rows) => rows.length === 1);
  expect(running.map((r) => r.execution.workflowId)).toEqual([`contracting/${policy}/01000004`]);
  expect(list(`ZorgPolicy = '${policy}' AND ZorgAgbCode = '01000005' AND ZorgStatus = 'NOT_APPROACHED'`)).toHaveLength(1);
});

test('an outcome and a signature through the CLI reach the portal and the finder', async () => {
  const outcome = await cli('outcome', '01000001', 'positive', '--policy', policy, '--by', 'A. de Vries');
  expect(outcome.code).toBe(0);
  expect(outcome.out).toContain('Status: OFFERED');
  expect((await cli('sign', '01000001', '--policy', policy, '--by', 'directeur'))).toMatchObject({ code: 0 });

  // The demo publishes from 12 November of the year before its contract year, passed (runtime/demo.ts): published at once.
  const status = await eventually(async () => JSON.parse((await cli('--json', 'status', '01000001', '--policy', policy)).out), (v) => v.status === 'PUBLISHED');
  expect(status.status).toBe('PUBLISHED');
  const finder = JSON.parse((await cli('--json', 'finder')).out) as { locationAgbCode: string }[];
  expect(finder.map((l) => l.locationAgbCode)).toEqual(['01000101', '01000102']);
  // The finder export: signed contracts only, one line per location, AGB codes with their zeros.
  const csv = (await cli('directory', 'export', '--policy', policy)).out.trimEnd().split('\n');
  expect(csv).toEqual([
    '\uFEFFlocationAgbCode;locationName;city;agbCode;providerName;policyId;contractKind;contractYear;publishedOn',
    expect.stringMatching(new RegExp(`^"=""01000101""";Zicht Oost Apeldoorn;Apeldoorn;"=""01000001""";Stichting Zicht Oost;${policy};zg;${year};\\d{4}-\\d{2}-\\d{2}$`)),
    expect.stringMatching(/^"=""01000102""";Zicht Oost Zwolle;Zwolle;"=""01000001""";/),
  ]);
  // The contract register: what the CLI reads is what the worker wrote when the director signed.
  const contracts = JSON.parse((await cli('--json', 'contracts', 'list', '--policy', policy)).out) as { agbCode: string; signedBy: string; startDate: string }[];
  expect(contracts).toEqual([expect.objectContaining({ agbCode: '01000001', signedBy: 'directeur', startDate: `${year}-01-01` })]);
  const listed = await cli('contracts', 'list', '--agb', '01000001');
  // A table: the header row, then the contract with its days written out.
  const [header, row, ...rest] = listed.out.trimEnd().split('\n');
  expect(header).toMatch(/^AGB\s+PROVIDER\s+KIND\s+TIER\s+FROM\s+TO\s+WITHDRAWN\s+SIGNED\s+SIGNED BY\s+POLICY$/);
  expect(row).toMatch(new RegExp(`^01000001\\s+Stichting Zicht Oost\\s+zg\\s+-\\s+${formatDay(`${year}-01-01`)}\\s+${formatDay(`${year}-12-31`)}\\s+-\\s+\\w+ \\d+ \\w+ \\d{4}\\s+directeur\\s+${policy}$`));
  expect(rest).toEqual([]);
  const exported = (await cli('contracts', 'export', '--year', String(year))).out.split('\n');
  expect(exported[0]).toMatch(/^\uFEFFAGB-code;Zorgaanbieder;Contractsoort;/);
  expect(exported[1]).toMatch(/^"=""01000001""";Stichting Zicht Oost;zg;/);
  expect(await cli('contracts', 'list', '--year', '26')).toMatchObject({ code: 2, err: "zorginkoop: year '26': a year is four digits, e.g. 2028\n" });
  const published = await eventually(async () => JSON.parse((await cli('--json', 'providers', 'list', '--status', 'PUBLISHED')).out) as { agbCode: string }[], (rows) => rows.length === 1);
  expect(published.map((r) => r.agbCode)).toEqual(['01000001']);
  const portal = JSON.parse((await cli('--json', 'portal', '01000001')).out) as { kind: string }[];
  expect(portal.map((m) => m.kind)).toEqual(['invitation', 'offer']);
});

test('bad input gets a clear message and a non-zero exit, and changes nothing', async () => {
  expect(await cli('sign', '01999999', '--policy', policy, '--by', 'x')).toMatchObject({
    code: 1,
    err: expect.stringContaining('no contracting track for AGB 01999999') as unknown as string,
  });
  expect((await cli('sign', '01000004', '--policy', policy, '--by', 'x')).err).toContain('is RUNNING_CONTRACT (a multi-year contract runs on: no new offer this year), not waiting for a signature');
  const notWaiting = await cli('sign', '01000002', '--policy', policy, '--by', 'x');
  expect(notWaiting.code).toBe(1);
  expect(notWaiting.err).toBe(`zorginkoop: refused: provider 01000002 under ${policy} is IN_CONVERSATION (invited to the purchase conversation; waiting for its outcome), not waiting for a signature\n`);
  expect((await cli('status', '1234', '--policy', policy)).err).toBe("zorginkoop: AGB code '1234': an AGB code is exactly 8 digits, e.g. 01234567\n");
  expect((await cli('status', '01000002', '--policy', 'zg-1999')).code).toBe(2);
  expect((await cli('outcome', '01000002', 'maybe', '--policy', policy, '--by', 'x')).code).toBe(2);
  cliEnv = { ...cliEnv, TEMPORAL_ADDRESS: 'nohost' };
  expect(await cli('status', '01000002', '--policy', policy)).toMatchObject({ code: 2, err: expect.stringContaining('TEMPORAL_ADDRESS="nohost": expected host:port') });
  cliEnv = { ...cliEnv, TEMPORAL_ADDRESS: address };
  expect(JSON.parse((await cli('--json', 'status', '01000002', '--policy', policy)).out).history).toHaveLength(2);
});

test('a policy with several contract kinds starts one track per provider and kind; a deadline moves for all open ones', async () => {
  const started = await cli('--json', 'campaign', 'start', paramedisch, '--providers', paramedischProviders);
  expect(started.code).toBe(0);
  // 20 providers, 24 tracks: one per provider and contract kind the policy considers it for.
  expect(JSON.parse(started.out)).toMatchObject({ total: 20, evaluated: 20, started: 24, alreadyStarted: 0, done: true });
  expect(JSON.parse((await cli('--json', 'status', '04012345', '--policy', paramedisch, '--kind', 'valpreventie')).out)).toMatchObject({ contractKind: 'valpreventie' });
  const campaignStatus = JSON.parse((await cli('--json', 'campaign', 'status', paramedisch)).out);
  expect(campaignStatus.progress).toMatchObject({ done: true, started: 24 });
  // The copy's dates: offers "uiterlijk 30 september" of the year before go out at once.
  const offered = await eventually(
    async () => JSON.parse((await cli('--json', 'list', '--policy', paramedisch, '--status', 'OFFERED')).out) as { agbCode: string; contractKind: string }[],
    (rows) => rows.length >= 5,
  );
  expect(offered.map((r) => `${r.agbCode}/${r.contractKind}`)).toContain('04045678/dietetiek');
  const oneNeedsKind = await cli('status', '04045678', '--policy', paramedisch);
  expect(oneNeedsKind).toMatchObject({ code: 2, err: expect.stringContaining('name one with --kind') });
  // A day ahead, in the contract year.
  const ahead = addWeeks(amsterdamDay(Date.now()), 4);
  const movedTo = ahead < `${paramedischYear}-12-31` ? ahead : `${paramedischYear}-12-31`;
  const moved = await cli('--json', 'deadline', 'move', 'signing-deadline', '--policy', paramedisch, '--all', '--to', movedTo, '--reason', 'test', '--by', 'teamleider');
  expect(moved.code).toBe(0);
  const report = JSON.parse(moved.out) as { moved: string[]; refused: { reason: string }[] };
  expect(report.moved).toContain(`contracting/${paramedisch}/04045678/dietetiek`);
  // Refused: tracks past that deadline, and questionnaires that closed at once (their deadline is past).
  expect(report.refused.filter((r) => !/cannot move its signing-deadline|already completed|aborted by closing workflow/.test(r.reason))).toEqual([]);
  const status = JSON.parse((await cli('--json', 'status', '04045678', '--policy', paramedisch, '--kind', 'dietetiek')).out);
  expect(status.planned.signingDeadline).toBe(movedTo);
});
