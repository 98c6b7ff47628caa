/**
 * The questionnaire track and the follow track of Geboortezorg 2026 (004_77e6806496974b03.txt)
 * through a whole season on the time-skipping server, on the rehearsal edition for 2056 (every
 * date two years on): kraamzorg questionnaire half May, deadline 1 July with reminders, staff
 * escalation after 5 working days, assessment with tier, offer early September, signing by
 * 7 November, publication from 12 November; a questionnaire never submitted; an integrated-care
 * organisation whose incomplete registration is sent back with what is missing.
 */
import { rehearsal as rehearsalOf } from '../helpers/editions';
import {
  recordAssessmentUpdate,
  recordDocumentsReceivedUpdate,
  recordSignatureUpdate,
  statusQuery,
  submitQuestionnaireUpdate,
} from '../../workflows/messages';
import { ams, createWorld, recordHistory, sampleProvider, type ProviderHandle, type World } from '../helpers/world';

const rehearsal = rehearsalOf('geboortezorg-2026', 2056);
let world: World;
beforeAll(async () => {
  world = await createWorld('questionnaire-track', [rehearsal]);
});
afterAll(() => world?.close());

/** An instant the workflow chose after the test moved the clock: the planned one, within a minute. */
function expectAbout(actual: string | undefined, local: string): void {
  const drift = Date.parse(actual ?? '') - ams(local).getTime();
  expect(drift).toBeGreaterThanOrEqual(0);
  expect(drift).toBeLessThan(60_000);
}

const kraamA = sampleProvider('geboortezorg-2026', '33012345', 30);
const kraamC = sampleProvider('geboortezorg-2026', '33034567', 30);
const igo = sampleProvider('geboortezorg-2026', '08090123', 30);
const midwife = sampleProvider('geboortezorg-2026', '08012345', 30);
let m: ProviderHandle;
let a: ProviderHandle;
let c: ProviderHandle;
let i: ProviderHandle;
const view = (h: ProviderHandle) => h.query(statusQuery);

test('004 s5: kraamzorg questionnaire from half May, reminders before 1 July, escalation, assessment, offer in early September, publication from 12 November', async () => {
  await world.sleepUntil('2055-05-01T09:00');
  a = await world.start(rehearsal, kraamA, 'kraamzorg');
  c = await world.start(rehearsal, kraamC, 'kraamzorg');
  m = await world.start(rehearsal, midwife, 'verloskunde');
  await world.settle(a, (v) => v.status === 'QUESTIONNAIRE_PLANNED');
  expect((await view(a)).planned.questionnaireDeadline).toBe('2055-07-01');

  // "Half mei 2025" (read as the 15th), thirty years on.
  await world.sleepUntil('2055-05-15T08:00');
  for (const h of [a, c]) await world.settle(h, (v) => v.history.some((e) => e.event === 'QUESTIONNAIRE_SENT'));
  const questionnaires = (await world.deps.portal.messages()).filter((m) => m.kind === 'questionnaire');
  expect(questionnaires.map((m) => m.agbCode).sort()).toEqual([kraamA.agbCode, kraamC.agbCode]);
  for (const m of questionnaires) {
    expectAbout(m.kind === 'questionnaire' ? m.sentAt : undefined, '2055-05-15T00:00');
    expect(m.kind === 'questionnaire' && m.details).toEqual({ deadline: '2055-07-01' });
  }

  // Thursday 10 June: submitted; the assessment waits.
  await world.sleepUntil('2055-06-10T10:00');
  expect((await a.executeUpdate(submitQuestionnaireUpdate, { args: [{ by: 'kraamzorg A' }] })).status).toBe('UNDER_ASSESSMENT');

  // Five working days later (Thursday 17 June) it has waited past the target: staff hear of it on the 18th.
  await world.sleepUntil('2055-06-17T23:30');
  expect(await world.deps.staff.messages()).toEqual([]);
  await world.sleepUntil('2055-06-18T08:00');
  const escalations = await world.deps.staff.messages();
  expect(escalations.map((e) => [e.kind, e.agbCode])).toEqual([['escalation', kraamA.agbCode]]);
  expectAbout(escalations[0]!.sentAt, '2055-06-18T00:00');

  // The provider that never submits is reminded 7 days and 1 day before 1 July, then expires.
  await world.sleepUntil('2055-07-02T08:00');
  const reminders = (await world.deps.portal.messages(kraamC.agbCode)).filter((m) => m.kind === 'reminder');
  expect(reminders.map((m) => (m.kind === 'reminder' ? [m.details?.day, m.details?.daysBefore] : []))).toEqual([
    ['2055-07-01', 7],
    ['2055-07-01', 1],
  ]);
  expectAbout(reminders[0]!.kind === 'reminder' ? reminders[0]!.sentAt : undefined, '2055-06-24T09:00');
  expectAbout(reminders[1]!.kind === 'reminder' ? reminders[1]!.sentAt : undefined, '2055-06-30T09:00');
  expect((await world.deps.portal.messages(kraamA.agbCode)).filter((m) => m.kind === 'reminder')).toEqual([]);
  const expired = await world.finalView(c);
  expect(expired.status).toBe('QUESTIONNAIRE_EXPIRED');
  expect(expired.history.at(-1)).toMatchObject({ event: 'QUESTIONNAIRE_DEADLINE_PASSED', at: ams('2055-07-02T00:00').toISOString() });

  // 004 s3: assessed positive with tier A; the offer waits for early September ("begin september").
  await world.sleepUntil('2055-07-05T11:00');
  // Kraamzorg has tiers A to C (004 s3): D is refused, naming the tiers there are.
  const wrongTier = await a.executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'positive', tier: 'D', by: 'inkoper' }] }).catch((e: Error) => (e.cause as Error).message);
  expect(wrongTier).toBe(`provider ${kraamA.agbCode} under ${rehearsal.id} cannot get tier D: its contract kind has tiers A, B, C`);
  const assessed = await a.executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'positive', tier: 'A', by: 'inkoper' }] });
  expect(assessed).toMatchObject({ status: 'OFFER_PLANNED', tier: 'A', planned: { offerDate: '2055-09-01' } });
  await world.sleepUntil('2055-09-01T08:00');
  const offered = await view(a);
  expect(offered).toMatchObject({ status: 'OFFERED', planned: { offeredOn: '2055-09-01', signingDeadline: '2055-11-07' } });
  const [offer] = (await world.deps.portal.messages(kraamA.agbCode)).filter((m) => m.kind === 'offer');
  expect(offer).toMatchObject({ tier: 'A', term: { fromYear: 2056, toYear: 2057 }, signingDeadline: '2055-11-07' });

  await world.sleepUntil('2055-09-20T10:00');
  await a.executeUpdate(recordSignatureUpdate, { args: [{ by: 'directeur' }] });

  // 004 s4: the running verloskunde contract gets its new tariff annex in October, not before.
  expect(await world.deps.portal.messages(midwife.agbCode)).toEqual([]);
  expect((await view(m)).status).toBe('RUNNING_CONTRACT');
  await world.sleepUntil('2055-10-01T08:00');
  await world.settle(m, (v) => v.history.some((e) => e.event === 'TARIFF_ANNEX_SENT'));
  const annex = (await world.deps.portal.messages(midwife.agbCode)).filter((x) => x.kind === 'tariff-annex');
  expect(annex).toHaveLength(1);
  expectAbout(annex[0]!.kind === 'tariff-annex' ? annex[0]!.sentAt : undefined, '2055-10-01T00:00');
  await world.sleepUntil('2055-11-12T08:00');
  expect((await view(a)).status).toBe('PUBLISHED');
  expect((await world.deps.directory.listings()).map((l) => [l.agbCode, l.publishedOn, l.contractYear])).toEqual([[kraamA.agbCode, '2055-11-12', 2056]]);
  await recordHistory(a, 'geboortezorg-2026-questionnaire-signed');
  await recordHistory(c, 'geboortezorg-2026-questionnaire-expired');
});

test('004 s4 Integrale geboortezorg: an incomplete registration is sent back with what is missing; complete, it is assessed and offered', async () => {
  i = await world.start(rehearsal, igo, 'integrale-geboortezorg');
  await world.settle(i, (v) => v.status === 'DOCUMENTS_REQUESTED');
  // The status comes first; the request reaches the portal when its activity has run.
  const requests = async () => (await world.deps.portal.messages(igo.agbCode)).filter((m) => m.kind === 'documents-request');
  for (let n = 0; n < 200 && (await requests()).length === 0; n++) await new Promise((r) => setTimeout(r, 50));
  const [request] = await requests();
  const missing = (request?.kind === 'documents-request' && (request.details?.documents as string[])) || [];
  expect(missing).toHaveLength(2);
  expect(missing.join(' ')).toMatch(/ziekenhuisbudget|budget/i);

  await world.sleepUntil('2055-11-20T10:00');
  expect((await i.executeUpdate(recordDocumentsReceivedUpdate, { args: [{ documents: ['afspraken ziekenhuisbudget', 'aantal verzekerden tot 16 weken'], by: 'IGO' }] })).status).toBe('UNDER_ASSESSMENT');
  await world.sleepUntil('2055-11-22T10:00');
  const offered = await i.executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });
  await world.settle(i, (v) => v.planned.offeredOn !== undefined);
  const v = await view(i);
  expect(v.planned.offeredOn).toBe('2055-11-22');
  // After the fixed 7 November the offer gets four weeks (docs/decisions.md).
  expect(v.planned.signingDeadline).toBe('2055-12-20');
  expect(offered.status).toMatch(/OFFER_PLANNED|SENDING|OFFERED/);
  await i.executeUpdate(recordSignatureUpdate, { args: [{ by: 'IGO bestuur' }] });
  await world.settle(i, (x) => x.status === 'PUBLISHED');
  expect((await world.deps.directory.listings()).map((l) => [l.agbCode, l.contractKind, l.publishedOn])).toContainEqual([igo.agbCode, 'integrale-geboortezorg', '2055-11-22']);
  await recordHistory(i, 'geboortezorg-2026-follow-documents');
});
