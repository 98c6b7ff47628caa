/**
 * ZG 2026 (000_4af25b5be7b4daf8.txt, s4 and s5) walked through a whole season on the
 * time-skipping server: signed, not signed in time, refused, negative conversation, running
 * contract, not approached, and an offer whose four weeks cross the end of summer time.
 *
 * The server's clock starts today, after the real 2025 dates, so the season runs on the
 * rehearsal edition for contract year 2028: every date of the policy one... two years on
 * (campaign year 2027, publication from 12 November 2027, summer time ends 31 October 2027).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { createActivities } from '../../activities';
import { LocalProviderDirectory } from '../../activities/directory';
import { LocalContractPortal } from '../../activities/portal';
import type { ProviderInput } from '../../policies/provider';
import { rehearse } from '../../policies';
import * as zg2026 from '../../policies/zg-2026';
import { providerWorkflowId } from '../../workflows/ids';
import {
  recordConversationOutcomeUpdate,
  recordRefusalUpdate,
  recordSignatureUpdate,
  statusQuery,
} from '../../workflows/messages';
import { providerContractingWorkflow } from '../../workflows/provider-contracting';
import { createTimeSkippingEnv } from '../helpers/temporal';

const rehearsal = rehearse(zg2026, 2028);
const { policy } = rehearsal;
const taskQueue = 'zg-season';

function provider(agbCode: string, name: string, contracts: ProviderInput['contracts']): ProviderInput {
  return {
    agbCode,
    name,
    locations: [{ agbCode, name: `${name} hoofdlocatie`, city: 'Utrecht' }],
    vektisRegistered: true,
    vecozoCertificate: true,
    contracts,
  };
}
const lastYear = [{ careType: 'zg' as const, kind: 'zg', fromYear: 2027, toYear: 2027 }];

const signs = provider('01000001', 'Visio Signs', lastYear);
const lets = provider('01000002', 'Kentalis Lets It Lapse', lastYear);
const refuses = provider('01000003', 'Bartimeus Refuses', lastYear);
const negative = provider('01000004', 'Auris Negative', lastYear);
const running = provider('01000005', 'Royal Running', [{ careType: 'zg', kind: 'zg', fromYear: 2026, toYear: 2029 }]);
const newcomer = provider('01000006', 'Newcomer Without Contract', []);
const late = provider('01000007', 'Late Offer Over Summer Time', lastYear);
const all = [signs, lets, refuses, negative, running, newcomer, late];

let env: TestWorkflowEnvironment;
let worker: Worker;
let workerRun: Promise<void>;
let dataDir: string;
let portal: LocalContractPortal;
let directory: LocalProviderDirectory;
const handles = new Map<string, WorkflowHandle<typeof providerContractingWorkflow>>();

/** An Amsterdam wall-clock time as an instant. */
const ams = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Amsterdam' }).toJSDate();

async function sleepUntil(local: string): Promise<void> {
  const target = ams(local).getTime();
  const now = await env.currentTimeMs();
  if (target <= now) throw new Error(`sleepUntil ${local}: the test clock is already past it`);
  await env.sleep(target - now);
}

/** An instant the test caused (not a timer): equal to the planned one within a minute of real time. */
function expectAbout(actual: string, local: string): void {
  const drift = Date.parse(actual) - ams(local).getTime();
  expect(drift).toBeGreaterThanOrEqual(0);
  expect(drift).toBeLessThan(60_000);
}

const handle = (p: ProviderInput) => handles.get(p.agbCode)!;
const status = async (p: ProviderInput) => (await handle(p).query(statusQuery)).status;

/**
 * The final view of a workflow that has finished or is about to. Not `result()`: awaiting it lets
 * the test server skip time to the next timer of any workflow, which would move the whole season
 * on. So wait in real time until the workflow has closed, then ask it.
 */
async function finalView(p: ProviderInput) {
  for (let i = 0; i < 200 && (await handle(p).describe()).status.name === 'RUNNING'; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  expect((await handle(p).describe()).status.name).toBe('COMPLETED');
  return handle(p).query(statusQuery);
}

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  dataDir = mkdtempSync(join(tmpdir(), 'zg-season-'));
  portal = new LocalContractPortal(dataDir);
  directory = new LocalProviderDirectory(dataDir);
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: createActivities({ portal, directory, policies: new Map([[policy.id, rehearsal]]) }),
  });
  workerRun = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await env?.teardown();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('000 s4/s5: a ZG season, from invitation to publication, on the planned dates', async () => {
  await sleepUntil('2027-09-01T09:00');
  for (const p of all) {
    handles.set(
      p.agbCode,
      await env.client.workflow.start(providerContractingWorkflow, {
        taskQueue,
        workflowId: providerWorkflowId(policy.id, p.agbCode),
        args: [{ policyId: policy.id, provider: p }],
      }),
    );
  }

  // 000 s4 "Doorlopende zorgovereenkomst": a running multi-year contract gets nothing.
  const runningResult = await finalView(running);
  expect(runningResult.status).toBe('RUNNING_CONTRACT');
  expect(runningResult.reasons.map((r) => r.ruleId)).toEqual(['zg.s4.running-contract']);
  // 000 s4: only providers contracted the year before are approached.
  const newcomerResult = await finalView(newcomer);
  expect(newcomerResult.status).toBe('NOT_APPROACHED');
  expect(newcomerResult.reasons.find((r) => !r.met)?.ruleId).toBe('zg.s4.contract-previous-year');

  // 000 s5: invitations to the purchase conversation, by mid-September (here: 1 September).
  for (const p of [signs, lets, refuses, negative, late]) expect(await status(p)).toBe('IN_CONVERSATION');
  const invitations = (await portal.messages()).filter((m) => m.kind === 'invitation');
  expect(invitations.map((m) => m.agbCode).sort()).toEqual([signs, lets, refuses, negative, late].map((p) => p.agbCode).sort());
  for (const m of invitations) {
    expectAbout(m.sentAt, '2027-09-01T09:00');
    expect(m.kind === 'invitation' && m.invitationBy).toBe('2027-09-15');
  }
  expect((await portal.messages(running.agbCode)).length).toBe(0);
  expect((await portal.messages(newcomer.agbCode)).length).toBe(0);

  // 000 s4: after a positive conversation the final offer; s5: sign within 4 weeks.
  await sleepUntil('2027-09-10T10:00');
  for (const p of [signs, lets, refuses]) {
    const view = await handle(p).executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper A. de Vries' }] });
    expect(view.status).toBe('OFFERED');
    expect(view.planned).toMatchObject({ offeredOn: '2027-09-10', signingDeadline: '2027-10-08' });
  }
  const negativeView = await handle(negative).executeUpdate(recordConversationOutcomeUpdate, {
    args: [{ outcome: 'negative', by: 'inkoper A. de Vries', note: 'waiting times not published' }],
  });
  expect(negativeView.status).toBe('CONVERSATION_NEGATIVE');
  expect((await finalView(negative)).status).toBe('CONVERSATION_NEGATIVE');

  await sleepUntil('2027-09-20T14:00');
  expect((await handle(signs).executeUpdate(recordSignatureUpdate, { args: [{ by: 'J. Jansen, bestuurder' }] })).status).toBe('SIGNED');
  const signedView = await handle(signs).query(statusQuery);
  // 000 s5: publication not before 12 November.
  expect(signedView.nextDeadline).toEqual({
    event: 'PUBLICATION_DATE_REACHED',
    day: '2027-11-12',
    at: ams('2027-11-12T00:00').toISOString(),
  });

  await sleepUntil('2027-09-25T11:00');
  expect((await handle(refuses).executeUpdate(recordRefusalUpdate, { args: [{ by: 'provider', reason: 'tariff too low' }] })).status).toBe('REFUSED');
  expect((await finalView(refuses)).status).toBe('REFUSED');

  // The deadline day is the provider's whole: still open at 23:59 on 8 October, closed after.
  await sleepUntil('2027-10-08T23:59');
  expect(await status(lets)).toBe('OFFERED');
  await sleepUntil('2027-10-09T00:01');
  expect(await status(lets)).toBe('EXPIRED');
  const expired = await finalView(lets);
  expect(expired.history.at(-1)).toMatchObject({ event: 'SIGNING_DEADLINE_PASSED', at: ams('2027-10-09T00:00').toISOString() });

  // Four weeks after 15 October 2027 cross the end of summer time (31 October): same weekday,
  // 12 November, whose end is 28 days and 1 hour after the offer's day began.
  await sleepUntil('2027-10-15T10:00');
  const lateView = await handle(late).executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper B. Bakker' }] });
  expect(lateView.planned).toMatchObject({ offeredOn: '2027-10-15', signingDeadline: '2027-11-12' });
  expect(lateView.nextDeadline?.at).toBe('2027-11-12T23:00:00.000Z');

  // 12 November 2027: the signed provider is published at the start of the day.
  await sleepUntil('2027-11-12T00:01');
  expect((await finalView(signs)).status).toBe('PUBLISHED');

  // Signed on its deadline day, after the publication date: published at once.
  await sleepUntil('2027-11-12T23:30');
  expect((await handle(late).executeUpdate(recordSignatureUpdate, { args: [{ by: 'M. Smit' }] })).status).toMatch(/SIGNED|PUBLISHED/);
  expect((await finalView(late)).status).toBe('PUBLISHED');

  // What the portal and the finder received, and when.
  const offers = (await portal.messages()).filter((m) => m.kind === 'offer');
  expect(offers.map((o) => o.agbCode).sort()).toEqual([signs, lets, refuses, late].map((p) => p.agbCode).sort());
  const closed = (await portal.messages()).filter((m) => m.kind === 'offer-closed');
  expect(closed.map((m) => [m.agbCode, m.kind === 'offer-closed' && m.reason]).sort()).toEqual([
    [lets.agbCode, 'expired'],
    [refuses.agbCode, 'refused'],
  ]);
  const closedAt = (p: ProviderInput) => (closed.find((m) => m.agbCode === p.agbCode) as { closedAt: string }).closedAt;
  expectAbout(closedAt(lets), '2027-10-09T00:00');
  expectAbout(closedAt(refuses), '2027-09-25T11:00');
  const listings = await directory.listings();
  expect(listings.map((l) => [l.agbCode, l.publishedOn, l.contractYear])).toEqual([
    [signs.agbCode, '2027-11-12', 2028],
    [late.agbCode, '2027-11-12', 2028],
  ]);

  // `npm run record-histories` keeps these runs as the replay tests' histories (test/replay/).
  if (process.env.ZORGINKOOP_RECORD_HISTORIES) {
    const names: [ProviderInput, string][] = [
      [signs, 'signed-published'], [lets, 'not-signed-in-time'], [refuses, 'refused'], [negative, 'negative-conversation'],
      [running, 'running-contract'], [newcomer, 'not-approached'], [late, 'signed-on-deadline-day-across-dst'],
    ];
    for (const [p, name] of names) {
      const file = join(__dirname, '..', 'replay', 'histories', `zg-2026-${name}.json`);
      writeFileSync(file, `${historyToJSON(await handle(p).fetchHistory())}\n`);
    }
  }
});
