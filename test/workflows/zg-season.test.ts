/**
 * ZG 2026 (000_4af25b5be7b4daf8.txt, s4 and s5) walked through a whole season on the
 * time-skipping server: signed, not signed in time, refused, negative conversation, running
 * contract, not approached, and an offer whose four weeks cross the end of summer time.
 *
 * The server's clock starts today, after the real 2025 dates, so the season runs on the
 * rehearsal edition for contract year 2056: every date of the policy thirty years on
 * (campaign year 2055, publication from 12 November 2055, summer time ends 31 October 2055).
 */
import type { ProviderInput } from '../../policies/provider';
import { rehearsal as rehearsalOf } from '../helpers/editions';
import {
  recordConversationOutcomeUpdate,
  recordRefusalUpdate,
  recordSignatureUpdate,
  statusQuery,
} from '../../workflows/messages';
import { ams, createWorld, recordHistory, type ProviderHandle, type World } from '../helpers/world';

const rehearsal = rehearsalOf('zg-2026', 2056);

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
const lastYear = [{ careType: 'zg' as const, kind: 'zg', fromYear: 2055, toYear: 2055 }];

const signs = provider('01000001', 'Visio Signs', lastYear);
const lets = provider('01000002', 'Kentalis Lets It Lapse', lastYear);
const refuses = provider('01000003', 'Bartimeus Refuses', lastYear);
const negative = provider('01000004', 'Auris Negative', lastYear);
const running = provider('01000005', 'Royal Running', [{ careType: 'zg', kind: 'zg', fromYear: 2054, toYear: 2057 }]);
const newcomer = provider('01000006', 'Newcomer Without Contract', []);
const late = provider('01000007', 'Late Offer Over Summer Time', lastYear);
const all = [signs, lets, refuses, negative, running, newcomer, late];

let world: World;
const handles = new Map<string, ProviderHandle>();
const handle = (p: ProviderInput) => handles.get(p.agbCode)!;
const status = async (p: ProviderInput) => (await handle(p).query(statusQuery)).status;
const finalView = (p: ProviderInput) => world.finalView(handle(p));
/** The view of a workflow that stays open (running contract, not approached, published), once it shows `status`. */
async function openView(p: ProviderInput, expected: string) {
  await world.settle(handle(p), (v) => v.status === expected);
  return handle(p).query(statusQuery);
}
const sleepUntil = (local: string) => world.sleepUntil(local);

/** An instant the test caused (not a timer): equal to the planned one within a minute of real time. */
function expectAbout(actual: string, local: string): void {
  const drift = Date.parse(actual) - ams(local).getTime();
  expect(drift).toBeGreaterThanOrEqual(0);
  expect(drift).toBeLessThan(60_000);
}

beforeAll(async () => {
  world = await createWorld('zg-season', [rehearsal]);
  portal = world.deps.portal;
  directory = world.deps.directory;
});
afterAll(() => world?.close());

let portal: World['deps']['portal'];
let directory: World['deps']['directory'];

test('000 s4/s5: a ZG season, from invitation to publication, on the planned dates', async () => {
  await sleepUntil('2055-09-01T09:00');
  for (const p of all) handles.set(p.agbCode, await world.start(rehearsal, p));

  // 000 s4 "Doorlopende zorgovereenkomst": a running multi-year contract gets nothing.
  const runningResult = await openView(running, 'RUNNING_CONTRACT');
  expect(runningResult.status).toBe('RUNNING_CONTRACT');
  expect(runningResult.reasons.map((r) => r.ruleId)).toEqual(['zg.s4.running-contract']);
  // 000 s4: only providers contracted the year before are approached.
  const newcomerResult = await openView(newcomer, 'NOT_APPROACHED');
  expect(newcomerResult.status).toBe('NOT_APPROACHED');
  expect(newcomerResult.reasons.find((r) => !r.met)?.ruleId).toBe('zg.s4.contract-previous-year');

  // 000 s5: invitations to the purchase conversation, by mid-September (here: 1 September).
  for (const p of [signs, lets, refuses, negative, late]) {
    // IN_CONVERSATION comes as the invitation goes out; wait until the portal has it.
    await world.settle(handle(p), (v) => v.history.some((e) => e.event === 'INVITATION_SENT'));
    expect(await status(p)).toBe('IN_CONVERSATION');
  }
  const invitations = (await portal.messages()).filter((m) => m.kind === 'invitation');
  expect(invitations.map((m) => m.agbCode).sort()).toEqual([signs, lets, refuses, negative, late].map((p) => p.agbCode).sort());
  for (const m of invitations) {
    expectAbout(m.sentAt, '2055-09-01T09:00');
    expect(m.kind === 'invitation' && m.invitationBy).toBe('2055-09-15');
  }
  expect((await portal.messages(running.agbCode)).length).toBe(0);
  expect((await portal.messages(newcomer.agbCode)).length).toBe(0);

  // 000 s4: after a positive conversation the final offer; s5: sign within 4 weeks.
  await sleepUntil('2055-09-10T10:00');
  for (const p of [signs, lets, refuses]) {
    const view = await handle(p).executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper A. de Vries' }] });
    expect(view.status).toBe('OFFERED');
    expect(view.planned).toMatchObject({ offeredOn: '2055-09-10', signingDeadline: '2055-10-08' });
  }
  const negativeView = await handle(negative).executeUpdate(recordConversationOutcomeUpdate, {
    args: [{ outcome: 'negative', by: 'inkoper A. de Vries', note: 'waiting times not published' }],
  });
  expect(negativeView.status).toBe('CONVERSATION_NEGATIVE');
  expect((await finalView(negative)).status).toBe('CONVERSATION_NEGATIVE');

  await sleepUntil('2055-09-20T14:00');
  expect((await handle(signs).executeUpdate(recordSignatureUpdate, { args: [{ by: 'J. Jansen, bestuurder' }] })).status).toBe('SIGNED');
  const signedView = await handle(signs).query(statusQuery);
  // 000 s5: publication not before 12 November.
  expect(signedView.planned.publicationFrom).toBe('2055-11-12');
  expect(signedView.nextDeadline).toBeUndefined(); // signed: no deadline of the provider's left

  await sleepUntil('2055-09-25T11:00');
  expect((await handle(refuses).executeUpdate(recordRefusalUpdate, { args: [{ by: 'provider', reason: 'tariff too low' }] })).status).toBe('REFUSED');
  expect((await finalView(refuses)).status).toBe('REFUSED');

  // The deadline day is the provider's whole: still open at 23:59 on 8 October, closed after.
  await sleepUntil('2055-10-08T23:59');
  expect(await status(lets)).toBe('OFFERED');
  await sleepUntil('2055-10-09T00:01');
  expect(await status(lets)).toBe('EXPIRED');
  const expired = await finalView(lets);
  expect(expired.history.find((e) => e.event === 'SIGNING_DEADLINE_PASSED')).toMatchObject({ event: 'SIGNING_DEADLINE_PASSED', at: ams('2055-10-09T00:00').toISOString() });

  // Four weeks after 15 October 2055 cross the end of summer time (31 October): same weekday,
  // 12 November, whose end is 28 days and 1 hour after the offer's day began.
  await sleepUntil('2055-10-15T10:00');
  const lateView = await handle(late).executeUpdate(recordConversationOutcomeUpdate, { args: [{ outcome: 'positive', by: 'inkoper B. Bakker' }] });
  expect(lateView.planned).toMatchObject({ offeredOn: '2055-10-15', signingDeadline: '2055-11-12' });
  expect(lateView.nextDeadline?.at).toBe('2055-11-12T23:00:00.000Z');

  // 12 November 2055: the signed provider is published at the start of the day.
  await sleepUntil('2055-11-12T00:01');
  expect((await openView(signs, 'PUBLISHED')).status).toBe('PUBLISHED');

  // Signed on its deadline day, after the publication date: published at once.
  await sleepUntil('2055-11-12T23:30');
  expect((await handle(late).executeUpdate(recordSignatureUpdate, { args: [{ by: 'M. Smit' }] })).status).toMatch(/SIGNED|PUBLISHED/);
  expect((await openView(late, 'PUBLISHED')).status).toBe('PUBLISHED');

  // What the portal and the finder received, and when.
  const offers = (await portal.messages()).filter((m) => m.kind === 'offer');
  expect(offers.map((o) => o.agbCode).sort()).toEqual([signs, lets, refuses, late].map((p) => p.agbCode).sort());
  const closed = (await portal.messages()).filter((m) => m.kind === 'offer-closed');
  expect(closed.map((m) => [m.agbCode, m.kind === 'offer-closed' && m.reason]).sort()).toEqual([
    [lets.agbCode, 'expired'],
    [refuses.agbCode, 'refused'],
  ]);
  const closedAt = (p: ProviderInput) => (closed.find((m) => m.agbCode === p.agbCode) as { closedAt: string }).closedAt;
  expectAbout(closedAt(lets), '2055-10-09T00:00');
  expectAbout(closedAt(refuses), '2055-09-25T11:00');
  const listings = await directory.listings();
  expect(listings.map((l) => [l.agbCode, l.publishedOn, l.contractYear])).toEqual([
    [signs.agbCode, '2055-11-12', 2056],
    [late.agbCode, '2055-11-12', 2056],
  ]);

  // Reminders 7 days and 1 day before a signing deadline, at 09:00, to those still unsigned.
  const reminders = (await portal.messages()).filter((m) => m.kind === 'reminder') as { agbCode: string; sentAt: string; details?: { day: string; daysBefore: number } }[];
  expect(reminders.map((r) => [r.agbCode, r.details?.day, r.details?.daysBefore])).toEqual([
    [lets.agbCode, '2055-10-08', 7],
    [lets.agbCode, '2055-10-08', 1],
    [late.agbCode, '2055-11-12', 7],
    [late.agbCode, '2055-11-12', 1],
  ]);
  ['2055-10-01T09:00', '2055-10-07T09:00', '2055-11-05T09:00', '2055-11-11T09:00'].forEach((t, i) => expectAbout(reminders[i]!.sentAt, t));

  // The contract year 2056 ends: the open tracks close, keeping their status.
  await sleepUntil('2057-01-01T00:01');
  for (const [p, expected] of [[signs, 'PUBLISHED'], [late, 'PUBLISHED'], [running, 'RUNNING_CONTRACT'], [newcomer, 'NOT_APPROACHED']] as const) {
    const view = await finalView(p);
    expect(view.status).toBe(expected);
    expect(view.history.at(-1)).toMatchObject({ event: 'CONTRACT_YEAR_ENDED', at: ams('2057-01-01T00:00').toISOString() });
  }

  // `npm run record-histories` keeps these runs as the replay tests' histories (test/replay/).
  const names: [ProviderInput, string][] = [
    [signs, 'signed-published'], [lets, 'not-signed-in-time'], [refuses, 'refused'], [negative, 'negative-conversation'],
    [running, 'running-contract'], [newcomer, 'not-approached'], [late, 'signed-on-deadline-day-across-dst'],
  ];
  for (const [p, name] of names) await recordHistory(handle(p), `zg-2026-${name}`);
});
