/**
 * The rehearsal draft "Paramedische zorg 2028" (editions/paramedisch-2028.yaml: made with
 * `policy draft paramedisch 2028 --from paramedisch-2027` and edits to its data file only, status
 * draft) runs a whole season on the time-skipping server with no code of its own: questionnaires in
 * September 2055 and their deadline on the draft's Friday 22 October, direct offers, running
 * contracts with their tariff annex, signatures by Monday 8 November 2055, publication from
 * 12 November 2055, and the end of the contract year 2056.
 */
import { edition, rehearsal } from '../helpers/editions';
import { recordAssessmentUpdate, recordSignatureUpdate, statusQuery, submitQuestionnaireUpdate } from '../../workflows/messages';
import { ams, createWorld, sampleProvider, type ProviderHandle, type World } from '../helpers/world';

const source = edition('paramedisch-2028');
// Its season 28 years on (the same weekdays), because the test server's clock starts today.
const draft = rehearsal('paramedisch-2028', 2056);
let world: World;
beforeAll(async () => {
  world = await createWorld('paramedisch-2028-draft', [draft]);
});
afterAll(() => world?.close());

// The 2027 sample practices, every year on their records moved 29 on.
const sample = (agb: string) => sampleProvider('paramedisch-2027', agb, 29);
const logopedie = sample('05012345'); // questionnaire, tier A
const oefentherapie = sample('07012345'); // questionnaire, never submitted
const dietetiek = sample('04045678'); // direct offer (and a running fysiotherapie contract)
const huid = sample('90012345'); // direct offer, never signed
const h: Record<string, ProviderHandle> = {};
const key = (p: { agbCode: string }, kind: string) => `${p.agbCode}/${kind}`;
const view = (p: { agbCode: string }, kind: string) => h[key(p, kind)]!.query(statusQuery);
const messages = async (agb: string, kind: string) => (await world.deps.portal.messages(agb)).filter((m) => m.kind === kind);

test('the draft is a draft of 2028 with the 2027 rules: not published, dates one year on', () => {
  expect(source).toMatchObject({ id: 'paramedisch-2028', status: 'draft', contractYear: 2028 });
  expect(source.calendar.find((s) => s.step === 'questionnaire-deadline')?.date).toEqual({ kind: 'on', date: '2027-10-22' });
});

test('September 2055: questionnaires and direct offers go out, running contracts get their tariff annex', async () => {
  await world.sleepUntil('2055-09-01T09:00');
  for (const [p, kind] of [[logopedie, 'logopedie'], [oefentherapie, 'oefentherapie'], [dietetiek, 'dietetiek'], [dietetiek, 'fysiotherapie'], [huid, 'huidtherapie']] as const) {
    h[key(p, kind)] = await world.start(draft, p, kind);
  }
  await world.settle(h[key(logopedie, 'logopedie')]!, (v) => v.status === 'QUESTIONNAIRE_OPEN');
  expect((await view(logopedie, 'logopedie')).planned.questionnaireDeadline).toBe('2055-10-22');
  await world.settle(h[key(dietetiek, 'dietetiek')]!, (v) => v.status === 'OFFERED');
  const offer = (await messages(dietetiek.agbCode, 'offer'))[0];
  expect(offer).toMatchObject({ kind: 'offer', contractKind: 'dietetiek', offeredOn: '2055-09-01', signingDeadline: '2055-11-08', term: { fromYear: 2056, toYear: 2057 } });
  await world.settle(h[key(dietetiek, 'fysiotherapie')]!, (v) => v.history.some((e) => e.event === 'TARIFF_ANNEX_SENT'));
  expect(await view(dietetiek, 'fysiotherapie')).toMatchObject({ status: 'RUNNING_CONTRACT', tier: 'D', edition: { id: draft.id, revision: draft.revision } });
});

test('October 2055: a questionnaire submitted and assessed is offered with its tier; one not submitted expires after the draft\'s Friday 22 October', async () => {
  await world.sleepUntil('2055-10-04T10:00');
  await h[key(logopedie, 'logopedie')]!.executeUpdate(submitQuestionnaireUpdate, { args: [{ by: 'praktijkhouder' }] });
  await world.sleepUntil('2055-10-06T10:00');
  await h[key(logopedie, 'logopedie')]!.executeUpdate(recordAssessmentUpdate, { args: [{ outcome: 'positive', tier: 'A', by: 'inkoper' }] });
  await world.settle(h[key(logopedie, 'logopedie')]!, (v) => v.status === 'OFFERED');
  expect((await messages(logopedie.agbCode, 'offer'))[0]).toMatchObject({ tier: 'A', term: { fromYear: 2056, toYear: 2057 }, signingDeadline: '2055-11-08' });
  await world.sleepUntil('2055-10-22T23:00');
  expect((await view(oefentherapie, 'oefentherapie')).status).toBe('QUESTIONNAIRE_OPEN');
  await world.sleepUntil('2055-10-23T09:00');
  const expired = await world.finalView(h[key(oefentherapie, 'oefentherapie')]!);
  expect(expired.status).toBe('QUESTIONNAIRE_EXPIRED');
  expect(expired.history.find((e) => e.event === 'QUESTIONNAIRE_DEADLINE_PASSED')?.at).toBe(ams('2055-10-23T00:00').toISOString());
});

test('November 2055: signed offers are published from 12 November; an offer not signed by Monday 8 November expires', async () => {
  await world.sleepUntil('2055-11-02T10:00');
  for (const [p, kind] of [[logopedie, 'logopedie'], [dietetiek, 'dietetiek']] as const) await h[key(p, kind)]!.executeUpdate(recordSignatureUpdate, { args: [{ by: 'praktijkhouder' }] });
  await world.sleepUntil('2055-11-09T09:00');
  expect((await world.finalView(h[key(huid, 'huidtherapie')]!)).status).toBe('EXPIRED');
  await world.sleepUntil('2055-11-12T09:00');
  for (const [p, kind] of [[logopedie, 'logopedie'], [dietetiek, 'dietetiek']] as const) await world.settle(h[key(p, kind)]!, (v) => v.status === 'PUBLISHED');
  const listed = (await world.deps.directory.listings()).filter((l) => l.policyId === draft.id);
  expect(listed.map((l) => [l.agbCode, l.contractKind, l.contractYear, l.publishedOn]).sort()).toEqual([
    [dietetiek.agbCode, 'dietetiek', 2056, '2055-11-12'],
    [logopedie.agbCode, 'logopedie', 2056, '2055-11-12'],
  ]);
});

test('the contract year 2056 ends: every open track closes', async () => {
  await world.sleepUntil('2057-01-01T09:00');
  for (const [p, kind, status] of [[logopedie, 'logopedie', 'PUBLISHED'], [dietetiek, 'dietetiek', 'PUBLISHED'], [dietetiek, 'fysiotherapie', 'RUNNING_CONTRACT']] as const) {
    const v = await world.finalView(h[key(p, kind)]!);
    expect([kind, v.status, v.history.at(-1)?.event]).toEqual([kind, status, 'CONTRACT_YEAR_ENDED']);
  }
});
