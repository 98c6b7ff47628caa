/**
 * Paramedische zorg 2027 (001_c09c8bb5b9df1701.txt) tracks through a season and its contract year
 * on the time-skipping server, on the rehearsal edition for 2057 (every date thirty years on):
 * a running fysiotherapie contract with its new tariff annex and corrected evidence that raises
 * its tier; a behandelindex exception; a late application with its start date; a GLI follow
 * request; and a withdrawal after the offer.
 */
import { rehearsal as rehearsalOf } from '../helpers/editions';
import {
  recordApplicationUpdate,
  recordAssessmentUpdate,
  recordCorrectedEvidenceUpdate,
  recordDocumentsReceivedUpdate,
  recordSignatureUpdate,
  requestDocumentsUpdate,
  requestExceptionUpdate,
  statusQuery,
  withdrawUpdate,
} from '../../workflows/messages';
import { ams, createWorld, recordHistory, sampleProvider, type ProviderHandle, type World } from '../helpers/world';
import { WorkflowUpdateFailedError } from '@temporalio/client';

const rehearsal = rehearsalOf('paramedisch-2027', 2057);
let world: World;
beforeAll(async () => {
  world = await createWorld('paramedisch-tracks', [rehearsal]);
});
afterAll(() => world?.close());

const sample = (agb: string) => sampleProvider('paramedisch-2027', agb, 30);
const running = sample('04045678'); // fysiotherapie 2056-2057 runs on, tier D
const excluded = sample('04067890'); // behandelindex above 150
const applicant = sample('24012345'); // no contract in the last 3 years
const follower = sample('24023456'); // GLI follow request
const withdrawer = sample('90012345'); // huidtherapie direct offer
const h: Record<string, ProviderHandle> = {};
const view = (p: { agbCode: string }) => h[p.agbCode]!.query(statusQuery);
const messages = async (agb: string, kind: string) => (await world.deps.portal.messages(agb)).filter((m) => m.kind === kind) as unknown as Record<string, unknown>[];

test('001 s2.6: the running fysiotherapie contract gets its new tariff annex, and nothing to sign', async () => {
  await world.sleepUntil('2056-09-01T09:00');
  h[running.agbCode] = await world.start(rehearsal, running, 'fysiotherapie');
  h[excluded.agbCode] = await world.start(rehearsal, excluded, 'fysiotherapie');
  h[applicant.agbCode] = await world.start(rehearsal, applicant, 'dietetiek');
  h[follower.agbCode] = await world.start(rehearsal, follower, 'gli');
  h[withdrawer.agbCode] = await world.start(rehearsal, withdrawer, 'huidtherapie');
  await world.settle(h[running.agbCode]!, (v) => v.history.some((e) => e.event === 'TARIFF_ANNEX_SENT'));
  expect(await view(running)).toMatchObject({ status: 'RUNNING_CONTRACT', tier: 'D' });
  expect((await messages(running.agbCode, 'tariff-annex')).length).toBe(1);
  expect(await messages(running.agbCode, 'offer')).toEqual([]);
  // The new tariff annex is a document too (docs/contract-document.md).
  const [annex] = await messages(running.agbCode, 'tariff-annex');
  expect(annex!.document).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), kind: 'tariff-annex' });
});

test('001 s2.6: a withdrawal after the offer closes the offer and keeps the reason', async () => {
  await world.settle(h[withdrawer.agbCode]!, (v) => v.planned.offeredOn !== undefined);
  const v = await h[withdrawer.agbCode]!.executeUpdate(withdrawUpdate, { args: [{ reason: 'stopt met de praktijk', initiatedBy: 'provider', by: 'praktijkhouder' }] });
  expect(v.status).toBe('WITHDRAWN');
  expect(await messages(withdrawer.agbCode, 'offer-closed')).toEqual([expect.objectContaining({ reason: 'withdrawn' })]);
  expect((await world.finalView(h[withdrawer.agbCode]!)).history.find((e) => e.event === 'WITHDRAWN')).toMatchObject({ event: 'WITHDRAWN', by: 'praktijkhouder', text: 'withdrawn by the provider: stopt met de praktijk' });
  await recordHistory(h[withdrawer.agbCode]!, 'paramedisch-2027-withdrawn');
});

test('001 s2.3: a practice excluded on its behandelindex asks for an exception; approved, it is offered and published', async () => {
  const asked = await h[excluded.agbCode]!.executeUpdate(requestExceptionUpdate, { args: [{ reason: 'complexe populatie (palliatief)', by: 'praktijkhouder' }] });
  expect(asked.status).toBe('UNDER_ASSESSMENT');
  await world.sleepUntil('2056-09-12T10:00');
  await h[excluded.agbCode]!.executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'positive', by: 'adviseur' }] });
  await world.settle(h[excluded.agbCode]!, (v) => v.planned.offeredOn !== undefined);
  expect((await view(excluded)).planned).toMatchObject({ offeredOn: '2056-09-12', signingDeadline: '2056-11-08' });
  // 001 s2.3, s2.4.2, s2.6: the approved exception gets the fysiotherapie contract in full: its tier
  // from the factors, the term 2056-2057, and no retroactive start (asked in September: 1 January).
  const offer = (await world.deps.portal.messages(excluded.agbCode)).find((m) => m.kind === 'offer');
  expect(offer).toMatchObject({ kind: 'offer', contractKind: 'fysiotherapie', tier: 'D', term: { fromYear: 2056, toYear: 2057 }, startDate: '2057-01-01' });
  expect((await view(excluded)).offer).toEqual({ tier: 'D', term: { fromYear: 2056, toYear: 2057 }, startDate: '2057-01-01' });
  // Asked on Friday 1 September 2056; five working days later (Friday 8 September) staff were told.
  const escalation = (await world.deps.staff.messages()).find((e) => e.agbCode === excluded.agbCode);
  expect(escalation).toMatchObject({ kind: 'escalation', details: { waitingSince: expect.stringMatching(/^2056-09-01T07:00/) } });
  expect(Date.parse(escalation!.sentAt) - ams('2056-09-09T00:00').getTime()).toBeLessThan(60_000);
  await h[excluded.agbCode]!.executeUpdate(recordSignatureUpdate, { args: [{ by: 'praktijkhouder' }] });
  await world.sleepUntil('2056-11-12T08:00');
  expect((await view(excluded)).status).toBe('PUBLISHED');
  await recordHistory(h[excluded.agbCode]!, 'paramedisch-2027-behandelindex-exception');
});

test('001 s2.6 Volgbeleid GLI: the follow request is assessed and offered', async () => {
  expect((await view(follower)).status).toBe('UNDER_ASSESSMENT');
  await world.sleepUntil('2056-11-14T10:00');
  await h[follower.agbCode]!.executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });
  await world.settle(h[follower.agbCode]!, (v) => v.planned.offeredOn !== undefined);
  // After 8 November the offer gets four weeks.
  expect((await view(follower)).planned).toMatchObject({ offeredOn: '2056-11-14', signingDeadline: '2056-12-12' });
});

test('001 s2.6 Geen aanbod ontvangen: an application in March 2057 is assessed and offered from 1 April 2057, never retroactive', async () => {
  expect((await view(applicant)).status).toBe('NOT_APPROACHED');
  await world.sleepUntil('2057-03-12T10:00');
  const applied = await h[applicant.agbCode]!.executeUpdate(recordApplicationUpdate, { args: [{ receivedOn: '2057-03-10', kinds: ['dietetiek'], by: 'zorginkoop mailbox' }] });
  expect(applied.track).toBe('application');
  expect(applied.startDate).toBe('2057-04-01');
  await world.settle(h[applicant.agbCode]!, (v) => v.status === 'UNDER_ASSESSMENT' || v.status === 'DOCUMENTS_REQUESTED');
  if ((await view(applicant)).status === 'UNDER_ASSESSMENT') {
    await h[applicant.agbCode]!.executeUpdate(requestDocumentsUpdate, { args: [{ documents: ['praktijkbeschrijving', 'AGB-registratie diëtist'], by: 'inkoper' }] });
  }
  // The status comes first; the request reaches the portal when its activity has run.
  for (let n = 0; n < 200 && (await messages(applicant.agbCode, 'documents-request')).length === 0; n++) await new Promise((r) => setTimeout(r, 50));
  expect((await messages(applicant.agbCode, 'documents-request')).length).toBeGreaterThan(0);
  await world.sleepUntil('2057-03-20T10:00');
  await h[applicant.agbCode]!.executeUpdate(recordDocumentsReceivedUpdate, { args: [{ documents: ['praktijkbeschrijving', 'AGB-registratie diëtist'], by: 'zorginkoop mailbox' }] });
  await world.sleepUntil('2057-03-22T10:00');
  await h[applicant.agbCode]!.executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'positive', by: 'inkoper' }] });
  await world.settle(h[applicant.agbCode]!, (v) => v.planned.offeredOn !== undefined);
  const [offer] = await messages(applicant.agbCode, 'offer');
  expect(offer).toMatchObject({ offeredOn: '2057-03-22', signingDeadline: '2057-04-19', startDate: '2057-04-01' });
  await recordHistory(h[applicant.agbCode]!, 'paramedisch-2027-late-application');
});

test('001 s2.4.2: corrected SKF evidence received on 15 March 2057 raises the tier from 1 April 2057; a worse tier is refused', async () => {
  await world.sleepUntil('2057-03-25T10:00');
  const worse = await h[running.agbCode]!
    .executeUpdate(recordCorrectedEvidenceUpdate, { args: [{ tier: 'D', receivedOn: '2057-03-15', by: 'inkoper' }] })
    .catch((e: WorkflowUpdateFailedError) => (e.cause as Error).message);
  expect(worse).toBe(`provider ${running.agbCode} under ${rehearsal.id} tier D is not better than its tier D`);
  const v = await h[running.agbCode]!.executeUpdate(recordCorrectedEvidenceUpdate, { args: [{ tier: 'B', receivedOn: '2057-03-15', by: 'inkoper', note: 'SKF Keurmerk certificaat' }] });
  expect(v).toMatchObject({ tier: 'B', amendments: [{ tier: 'B', receivedOn: '2057-03-15', effectiveFrom: '2057-04-01' }] });
  expect(await messages(running.agbCode, 'contract-amendment')).toEqual([expect.objectContaining({ details: { tier: 'B', effectiveFrom: '2057-04-01' } })]);
  // The register keeps the amendment; the running contract was signed before the register, so it stands without one.
  expect(await world.deps.contracts.amendmentsWithoutContract({ agbCode: running.agbCode })).toEqual([
    expect.objectContaining({ kind: 'evidence-corrected', effectiveDate: '2057-04-01', details: { tier: 'B' }, policyId: rehearsal.id }),
  ]);
  // The amendment is a document, named by the notice and kept with the amendment.
  const [amendment] = await messages(running.agbCode, 'contract-amendment');
  expect(amendment!.document).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), kind: 'amendment' });
  expect((await world.deps.contracts.amendmentsWithoutContract({ agbCode: running.agbCode }))[0]!.documentSha256).toBe((amendment!.document as { sha256: string }).sha256);
  await recordHistory(h[running.agbCode]!, 'paramedisch-2027-running-corrected-evidence');
});

test('the contract year 2057 ends: every open track closes', async () => {
  await world.sleepUntil('2058-01-01T00:05');
  for (const p of [running, excluded]) {
    const v = await world.finalView(h[p.agbCode]!);
    expect(v.history.at(-1)).toMatchObject({ event: 'CONTRACT_YEAR_ENDED', at: ams('2058-01-01T00:00').toISOString() });
  }
  // The follow offer was not signed by 12 December 2056.
  const follow = await world.finalView(h[follower.agbCode]!);
  expect(follow.status).toBe('EXPIRED');
  expect(follow.history.find((e) => e.event === 'SIGNING_DEADLINE_PASSED')).toMatchObject({ event: 'SIGNING_DEADLINE_PASSED', at: ams('2056-12-13T00:00').toISOString() });
});
