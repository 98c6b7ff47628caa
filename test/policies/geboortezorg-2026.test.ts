import samples from '../../data/samples/geboortezorg-2026-providers.json';
import { documentsOf, evaluate, kraamzorgKindFor, trainingFactorMet, type GeboortezorgEdition } from '../../policies/care-types/geboortezorg';
import type { Decision } from '../../policies/decision';
import { parseEdition } from '../../policies/edition';
import { planFor } from '../../policies/policy';
import { ProviderSchema, type ProviderInput } from '../../policies/provider';
import { edition, rehearsal } from '../helpers/editions';

const FILE = '004_77e6806496974b03.txt';
const policy = edition('geboortezorg-2026') as GeboortezorgEdition;
const IGO_DOCUMENTS = documentsOf(policy, 'integrated-care');
/** A changed copy of the edition, validated as the edition store validates a file. */
const definePolicy = (data: object) => parseEdition(data, 'geboortezorg-2026', 'test');
/** The calendar as data again (without the dates its words resolve to), to change a copy. */
const calendarData = () => policy.calendar.map(({ date: _date, ...st }) => st);

const kraamzorg: ProviderInput = {
  agbCode: '33012345',
  name: 'Kraamzorg De Ooievaar',
  organisation: 'maternity-care',
  locations: [{ agbCode: '33012345', name: 'De Ooievaar Amersfoort', city: 'Amersfoort' }],
  qualityMarks: ['KSV'],
  certificates: [{ name: 'HKZ Zorg en Welzijn' }],
  vektisRegistered: true,
  vecozoCertificate: true,
  training: { places: 3, fte: 52 },
  employedShare: 85,
};

const midwife: ProviderInput = {
  agbCode: '08012345',
  name: 'Verloskundigenpraktijk De Wieg',
  organisation: 'midwifery-practice',
  locations: [{ agbCode: '08012345', name: 'De Wieg', city: 'Utrecht' }],
  vektisRegistered: true,
  vecozoCertificate: true,
  contracts: [{ careType: 'geboortezorg', kind: 'verloskunde', fromYear: 2025, toYear: 2026 }],
};

const igo: ProviderInput = {
  agbCode: '08089012',
  name: 'IGO Twente',
  organisation: 'integrated-care-organisation',
  locations: [{ agbCode: '08089012', name: 'IGO Twente', city: 'Enschede' }],
  vektisRegistered: true,
  vecozoCertificate: true,
  submissions: [{ kind: 'integrale-geboortezorg', receivedOn: '2025-09-22', documents: IGO_DOCUMENTS.map((d) => d.id) }],
};

const run = (base: ProviderInput, overrides: Partial<ProviderInput> = {}): Decision[] => evaluate(policy, ProviderSchema.parse({ ...base, ...overrides }));
const one = (base: ProviderInput, kind: string, overrides: Partial<ProviderInput> = {}): Decision => {
  const d = run(base, overrides).find((x) => x.contractKind === kind);
  if (!d) throw new Error(`no decision for ${kind}`);
  return d;
};
const failed = (d: Decision) => d.reasons.filter((r) => !r.met).map((r) => r.ruleId);
const toeslag = (submission: { receivedOn: string; preferentAgreedOn?: string; documents?: string[] }, overrides: Partial<ProviderInput> = {}) =>
  one(midwife, 'toeslag-verminderde-bereikbaarheid', { submissions: [{ kind: 'toeslag-verminderde-bereikbaarheid', documents: ['aanvullende-afspraken'], ...submission }], ...overrides });

describe('Geboortezorg 2026 (004_77e6806496974b03.txt)', () => {
  test('004 s5: the planning dates resolve: questionnaire 15 May, deadline 1 July, offer 1-10 September, sign 7 November, publish from 12 November 2025', () => {
    const plan = planFor(policy, 'questionnaire', 'kraamzorg');
    expect(plan['questionnaire-open']?.date).toEqual({ kind: 'on', date: '2025-05-15' });
    expect(plan['questionnaire-deadline']?.date).toEqual({ kind: 'on', date: '2025-07-01' });
    expect(plan.offer?.date).toEqual({ kind: 'window', from: '2025-09-01', to: '2025-09-10' });
    expect(plan['signing-deadline']?.date).toEqual({ kind: 'on', date: '2025-11-07' });
    expect(plan.publication?.date).toEqual({ kind: 'from', date: '2025-11-12' });
    const d = one(kraamzorg, 'kraamzorg');
    expect(d.plan).toMatchObject({ invitationBy: '2025-05-15', publicationFrom: '2025-11-12', signing: { kind: 'fixed', date: '2025-11-07' } });
    expect(d.plan.steps.every((st) => st.source.file === FILE)).toBe(true);
  });

  test('004 s5: the mediation contract follows the same kraamzorg calendar', () => {
    const plan = planFor(policy, 'questionnaire', 'kraamzorg-bemiddeling');
    expect(plan['questionnaire-open']?.when).toBe('half mei 2025');
    expect(plan['signing-deadline']?.date).toEqual({ kind: 'on', date: '2025-11-07' });
  });

  test('004 s5: integrale geboortezorg and the toeslag start once the application is complete; IGO registers by 1 October 2025', () => {
    const igoPlan = planFor(policy, 'follow', 'integrale-geboortezorg');
    expect(igoPlan['application-deadline']?.date).toEqual({ kind: 'by', date: '2025-10-01' });
    expect(igoPlan.offer?.date).toEqual({ kind: 'upon', event: 'application-complete' });
    expect(igoPlan['signing-deadline']?.date).toEqual({ kind: 'after', weeks: 4, event: 'offer' });
    const toeslagPlan = planFor(policy, 'follow', 'toeslag-verminderde-bereikbaarheid');
    expect(toeslagPlan.offer?.date).toEqual({ kind: 'upon', event: 'application-complete' });
    expect(toeslagPlan['application-deadline']).toBeUndefined();
  });

  test('004 s4 Doorlopende zorgovereenkomst: verloskunde, echoscopie and geboortecentra run on, with a tariff annex in October 2025', () => {
    for (const id of ['verloskunde', 'echoscopie', 'geboortecentrum']) {
      const kind = policy.contractKinds.find((k) => k.id === id)!;
      expect(kind).toMatchObject({ tariffAnnex: true, runsOn: { fromYear: 2025, toYear: 2026 } });
      expect(planFor(policy, 'running-contract', id)['tariff-annex']?.date).toEqual({ kind: 'window', from: '2025-10-01', to: '2025-10-31' });
    }
    const d = one(midwife, 'verloskunde');
    expect(d.track).toBe('running-contract');
    expect(d.term).toBeUndefined();
    expect(d.reasons.map((r) => [r.ruleId, r.met])).toEqual([
      ['geboortezorg.s4.running-contract', false],
      ['geboortezorg.s4.tariff-annex', true],
    ]);
    expect(d.reasons[1]!.text).toContain('oktober 2025');
    const echo = one({ ...midwife, organisation: 'ultrasound-centre', contracts: [{ careType: 'geboortezorg', kind: 'echoscopie', fromYear: 2025, toYear: 2026 }] }, 'echoscopie');
    expect(echo.track).toBe('running-contract');
  });

  test('004 s4 Doorlopende zorgovereenkomst: no running contract and no application: not approached, pointed at the application form', () => {
    const d = one(midwife, 'verloskunde', { contracts: [] });
    expect(d.track).toBe('not-approached');
    expect(failed(d)).toEqual(['geboortezorg.s4.no-running-contract']);
  });

  test('004 s4 Geen aanbod ontvangen: a late application starts on the first of the month after the application month, never before 1 January', () => {
    const d = one(midwife, 'verloskunde', { contracts: [], application: { receivedOn: '2026-02-14', kinds: ['verloskunde'] } });
    expect(d.track).toBe('application');
    expect(d.startDate).toBe('2026-03-01');
    expect(d.plan.signing).toMatchObject({ kind: 'weeks-after-offer', weeks: 4 });
    expect(one(midwife, 'verloskunde', { contracts: [], application: { receivedOn: '2026-01-31', kinds: [] } }).startDate).toBe('2026-02-01');
    expect(one(midwife, 'verloskunde', { contracts: [], application: { receivedOn: '2025-11-20', kinds: [] } }).startDate).toBe('2026-01-01');
  });

  test('004 s4 Geen aanbod ontvangen: suspected fraud is a reason to offer no contract', () => {
    const d = one(midwife, 'verloskunde', { contracts: [], fraudSuspicion: true, application: { receivedOn: '2026-02-14', kinds: [] } });
    expect(d.track).toBe('not-approached');
    expect(failed(d)).toEqual(['geboortezorg.s4.fraud-suspicion']);
    expect(failed(one(kraamzorg, 'kraamzorg', { fraudSuspicion: true }))).toEqual(['geboortezorg.s4.fraud-suspicion']);
    expect(failed(one(igo, 'integrale-geboortezorg', { fraudSuspicion: true }))).toEqual(['geboortezorg.s4.fraud-suspicion']);
  });

  test('004 s4 Kraamzorg: every provider with Vektis registration, VECOZO certificate and the s3 conditions gets the questionnaire and a two-year contract', () => {
    const d = one(kraamzorg, 'kraamzorg');
    expect(d.track).toBe('questionnaire');
    expect(d.term).toEqual({ fromYear: 2026, toYear: 2027 });
    expect(d.reasons.every((r) => r.met && r.source.file === FILE)).toBe(true);
    expect(d.reasons.map((r) => r.ruleId)).toEqual([
      'geboortezorg.s3.kraamzorg.employed-share',
      'geboortezorg.s3.kraamzorg.certificate',
      'geboortezorg.s4.vektis-registration',
      'geboortezorg.s4.vecozo-certificate',
      'geboortezorg.s3.kraamzorg.questionnaire',
      'geboortezorg.s3.kraamzorg.tier',
    ]);
  });

  test('004 s4 VECOZO Zorginkoopportaal: no Vektis registration and no VECOZO certificate: not approached, each reason listed', () => {
    const d = one(kraamzorg, 'kraamzorg', { vektisRegistered: false, vecozoCertificate: false });
    expect(d.track).toBe('not-approached');
    expect(d.tier).toBeUndefined();
    expect(failed(d)).toEqual(['geboortezorg.s4.vektis-registration', 'geboortezorg.s4.vecozo-certificate']);
  });

  test('004 s3 Kraamzorgaanbieders: a NEN-EN, ISO or HKZ certificate valid on 1 January of the contract year is required', () => {
    expect(failed(one(kraamzorg, 'kraamzorg', { certificates: [] }))).toEqual(['geboortezorg.s3.kraamzorg.certificate']);
    expect(failed(one(kraamzorg, 'kraamzorg', { certificates: [{ name: 'HKZ', validUntil: '2025-12-31' }] }))).toEqual(['geboortezorg.s3.kraamzorg.certificate']);
    expect(one(kraamzorg, 'kraamzorg', { certificates: [{ name: 'NEN-EN 15224', validUntil: '2026-01-01' }] }).track).toBe('questionnaire');
    expect(one(kraamzorg, 'kraamzorg', { certificates: [{ name: 'iso 9001' }] }).track).toBe('questionnaire');
    expect(failed(one(kraamzorg, 'kraamzorg', { certificates: [{ name: 'PREZO' }] }))).toEqual(['geboortezorg.s3.kraamzorg.certificate']);
  });

  test('004 s3 Gedifferentieerde inkoop Kraamzorg: A with both factors, B with one, C with none; the factors that counted go with the tier', () => {
    const a = one(kraamzorg, 'kraamzorg');
    expect(a.tier?.tier).toBe('A');
    expect(a.tier?.factors.map((f) => f.ruleId)).toEqual(['geboortezorg.s3.kraamzorg.factor.training', 'geboortezorg.s3.kraamzorg.factor.ksv']);
    const b = one(kraamzorg, 'kraamzorg', { qualityMarks: [] });
    expect(b.tier?.tier).toBe('B');
    expect(b.tier?.factors.map((f) => f.ruleId)).toEqual(['geboortezorg.s3.kraamzorg.factor.training']);
    const bKsv = one(kraamzorg, 'kraamzorg', { training: undefined });
    expect(bKsv.tier).toMatchObject({ tier: 'B', factors: [expect.objectContaining({ ruleId: 'geboortezorg.s3.kraamzorg.factor.ksv' })] });
    const c = one(kraamzorg, 'kraamzorg', { qualityMarks: [], training: { places: 0, fte: 10 } });
    expect(c.track).toBe('questionnaire');
    expect(c.tier).toEqual({ tier: 'C', factors: [] });
    expect(c.reasons.find((r) => r.ruleId === 'geboortezorg.s3.kraamzorg.tier')?.text).toContain('zorgovereenkomst C: 0 of 2');
  });

  test('004 s3 Kraamzorg - differentiatiefactoren: exactly 1 training place per 20 FTE counts; fractional FTE above 20 needs a second place; at least one place always', () => {
    expect(trainingFactorMet(policy, { places: 1, fte: 20 })).toBe(true);
    expect(trainingFactorMet(policy, { places: 1, fte: 20.5 })).toBe(false);
    expect(trainingFactorMet(policy, { places: 2, fte: 20.5 })).toBe(true);
    expect(trainingFactorMet(policy, { places: 2, fte: 40 })).toBe(true);
    expect(trainingFactorMet(policy, { places: 2, fte: 40.1 })).toBe(false);
    expect(trainingFactorMet(policy, { places: 1, fte: 7.5 })).toBe(true);
    expect(trainingFactorMet(policy, { places: 0, fte: 7.5 })).toBe(false);
    expect(trainingFactorMet(policy, { places: 0, fte: 0 })).toBe(false);
    expect(trainingFactorMet(policy, undefined)).toBe(false);
    const d = one(kraamzorg, 'kraamzorg', { training: { places: 1, fte: 20.5 }, qualityMarks: [] });
    expect(d.tier?.tier).toBe('C');
    expect(d.reasons.find((r) => r.ruleId === 'geboortezorg.s3.kraamzorg.tier')?.text).toContain('1 training place(s) for 20.5 FTE kraamverzorgenden (needs 2)');
  });

  test('004 s3 Kraamzorgaanbieders: exactly 50% employed gets the kraamzorg contract ("minimaal 50%"), not the mediation contract ("maximaal 50%")', () => {
    expect(kraamzorgKindFor(policy, { employedShare: 50, organisation: 'maternity-care' })).toBe('kraamzorg');
    expect(kraamzorgKindFor(policy, { employedShare: 50, organisation: 'mediation-agency' })).toBe('kraamzorg');
    expect(kraamzorgKindFor(policy, { employedShare: 49.9, organisation: 'maternity-care' })).toBe('kraamzorg-bemiddeling');
    const d = run(kraamzorg, { employedShare: 50 });
    expect(d.map((x) => x.contractKind)).toEqual(['kraamzorg']);
    expect(d[0]!.track).toBe('questionnaire');
    expect(d[0]!.reasons[0]).toMatchObject({ ruleId: 'geboortezorg.s3.kraamzorg.employed-share', met: true });
    const agency = run(kraamzorg, { organisation: 'mediation-agency', employedShare: 50 });
    expect(agency.map((x) => x.contractKind)).toEqual(['kraamzorg']);
    expect(agency[0]!.reasons[0]!.text).toContain('the share decides');
  });

  test('004 s3 Bemiddelingsbureaus en ZZP samenwerkingsverbanden: below 50% employed, members with individual AGB codes: the deviating contract, no tiers', () => {
    const members = [
      { agbCode: '33201001', role: 'kraamverzorgende' },
      { agbCode: '33201002', role: 'kraamverzorgende' },
    ];
    const d = run(kraamzorg, { organisation: 'mediation-agency', employedShare: 20, practitioners: members });
    expect(d.map((x) => x.contractKind)).toEqual(['kraamzorg-bemiddeling']);
    expect(d[0]).toMatchObject({ track: 'questionnaire', term: { fromYear: 2026, toYear: 2027 } });
    expect(d[0]!.tier).toBeUndefined();
    expect(failed(d[0]!)).toEqual([]);
    // A kraamzorg organisation below 50% is offered the mediation contract too.
    expect(run(kraamzorg, { employedShare: 30, practitioners: members })[0]!.contractKind).toBe('kraamzorg-bemiddeling');
  });

  test('004 s3 Bemiddelingsbureaus en ZZP samenwerkingsverbanden: no share recorded and no members with their own AGB code: not approached', () => {
    const d = one(kraamzorg, 'kraamzorg-bemiddeling', { organisation: 'zzp-collective', employedShare: undefined, practitioners: [] });
    expect(d.track).toBe('not-approached');
    expect(failed(d)).toEqual(['geboortezorg.s3.bemiddeling.employed-share', 'geboortezorg.s3.bemiddeling.individual-agb']);
    const shared = one(kraamzorg, 'kraamzorg-bemiddeling', { organisation: 'zzp-collective', employedShare: 0, practitioners: [{ agbCode: '33012345' }] });
    expect(failed(shared)).toEqual(['geboortezorg.s3.bemiddeling.individual-agb']);
  });

  test('004 s3 Kraamzorgaanbieders: a kraamzorg organisation without a recorded employed share is not approached', () => {
    const d = one(kraamzorg, 'kraamzorg', { employedShare: undefined });
    expect(d.track).toBe('not-approached');
    expect(failed(d)).toEqual(['geboortezorg.s3.kraamzorg.employed-share']);
  });

  test('004 s4 Geen aanbod ontvangen: a late kraamzorg application takes the application track with its tier and start date', () => {
    const d = one(kraamzorg, 'kraamzorg', { application: { receivedOn: '2026-01-20', kinds: ['kraamzorg'] }, qualityMarks: [] });
    expect(d).toMatchObject({ track: 'application', startDate: '2026-02-01', term: { fromYear: 2026, toYear: 2027 }, tier: { tier: 'B' } });
    expect(d.reasons[0]).toMatchObject({ ruleId: 'geboortezorg.s4.late-application', met: true });
  });

  test('004 s4 Integrale geboortezorg: an IGO registered by 1 October 2025 with all seven documents: follow track, one year', () => {
    const d = run(igo);
    expect(d.map((x) => x.contractKind)).toEqual(['integrale-geboortezorg']);
    expect(d[0]).toMatchObject({ track: 'follow', term: { fromYear: 2026, toYear: 2026 } });
    expect(failed(d[0]!)).toEqual([]);
    expect(d[0]!.reasons.map((r) => r.ruleId)).toContain('geboortezorg.s4.igo.application-complete');
    expect(one(igo, 'integrale-geboortezorg', { submissions: [{ kind: 'integrale-geboortezorg', receivedOn: '2025-10-01', documents: IGO_DOCUMENTS.map((x) => x.id) }] }).track).toBe('follow');
  });

  test('004 s4 Integrale geboortezorg: an incomplete registration waits on the follow track, each missing document named', () => {
    const d = one(igo, 'integrale-geboortezorg', { submissions: [{ kind: 'integrale-geboortezorg', receivedOn: '2025-09-30', documents: ['samenwerking', 'deelnemers', 'offerte', 'kwaliteitsplan', 'declaratiewijze'] }] });
    expect(d.track).toBe('follow');
    expect(failed(d)).toEqual(['geboortezorg.s4.igo.document.ziekenhuisbudget', 'geboortezorg.s4.igo.document.verzekerden-16-weken']);
    expect(d.reasons.find((r) => r.ruleId === 'geboortezorg.s4.igo.document.ziekenhuisbudget')?.text).toContain('schonen van het ziekenhuisbudget');
  });

  test('004 s4 Integrale geboortezorg: registered after 1 October 2025, or not an IGO, or without VECOZO: not approached, every reason listed', () => {
    const late = one(igo, 'integrale-geboortezorg', { submissions: [{ kind: 'integrale-geboortezorg', receivedOn: '2025-10-02', documents: [] }] });
    expect(late.track).toBe('not-approached');
    expect(failed(late)).toEqual(['geboortezorg.s4.igo.registered-in-time']);
    const all = one(igo, 'integrale-geboortezorg', { organisation: 'midwifery-practice', vecozoCertificate: false, submissions: [{ kind: 'integrale-geboortezorg', receivedOn: '2025-10-06', documents: [] }] });
    expect(failed(all)).toEqual(['geboortezorg.s3.igo.organisation', 'geboortezorg.s4.igo.registered-in-time', 'geboortezorg.s4.vecozo-certificate']);
    expect(failed(one(igo, 'integrale-geboortezorg', { submissions: [] }))).toEqual(['geboortezorg.s4.igo.registered-in-time']);
  });

  test('004 s4 Toeslag verminderde bereikbaarheid: reported within a month of the preferent agreement: followed for one year', () => {
    const d = toeslag({ receivedOn: '2025-07-10', preferentAgreedOn: '2025-06-10' });
    expect(d).toMatchObject({ track: 'follow', term: { fromYear: 2026, toYear: 2026 } });
    expect(failed(d)).toEqual([]);
    expect(d.reasons.map((r) => r.ruleId)).toEqual([
      'geboortezorg.s3.toeslag.midwifery-practice',
      'geboortezorg.s3.toeslag.verloskunde-contract',
      'geboortezorg.s3.toeslag.preferent-agreement',
      'geboortezorg.s4.toeslag.reported-within-month',
      'geboortezorg.s4.vecozo-certificate',
      'geboortezorg.s4.toeslag.application-complete',
      'geboortezorg.s3.toeslag.follow',
    ]);
    expect(d.plan.steps.find((st) => st.step === 'offer')?.date).toEqual({ kind: 'upon', event: 'application-complete' });
    // The verloskunde contract itself still runs on.
    expect(run(midwife, { submissions: [{ kind: 'toeslag-verminderde-bereikbaarheid', receivedOn: '2025-07-10', preferentAgreedOn: '2025-06-10', documents: [] }] }).map((x) => [x.contractKind, x.track])).toEqual([
      ['verloskunde', 'running-contract'],
      ['toeslag-verminderde-bereikbaarheid', 'follow'],
    ]);
  });

  test('004 s4 Toeslag verminderde bereikbaarheid: one calendar month, the last day included; a day later is too late', () => {
    expect(toeslag({ receivedOn: '2025-07-10', preferentAgreedOn: '2025-06-10' }).track).toBe('follow');
    const late = toeslag({ receivedOn: '2025-07-11', preferentAgreedOn: '2025-06-10' });
    expect(late.track).toBe('not-approached');
    expect(failed(late)).toEqual(['geboortezorg.s4.toeslag.reported-within-month']);
    expect(toeslag({ receivedOn: '2025-02-28', preferentAgreedOn: '2025-01-31' }).track).toBe('follow');
    expect(toeslag({ receivedOn: '2025-03-01', preferentAgreedOn: '2025-01-31' }).track).toBe('not-approached');
  });

  test('004 s4 Toeslag verminderde bereikbaarheid: without the agreements attached the process waits; without a preferent agreement or verloskunde contract it is not followed', () => {
    const waiting = toeslag({ receivedOn: '2025-07-01', preferentAgreedOn: '2025-06-10', documents: [] });
    expect(waiting.track).toBe('follow');
    expect(failed(waiting)).toEqual(['geboortezorg.s4.toeslag.document.aanvullende-afspraken']);
    const none = toeslag({ receivedOn: '2025-07-01' }, { contracts: [] });
    expect(none.track).toBe('not-approached');
    expect(failed(none)).toEqual(['geboortezorg.s3.toeslag.verloskunde-contract', 'geboortezorg.s3.toeslag.preferent-agreement']);
    const notMidwife = one({ ...kraamzorg, submissions: [{ kind: 'toeslag-verminderde-bereikbaarheid', receivedOn: '2025-07-01', preferentAgreedOn: '2025-06-10', documents: [] }] }, 'toeslag-verminderde-bereikbaarheid');
    expect(failed(notMidwife)).toEqual(['geboortezorg.s3.toeslag.midwifery-practice', 'geboortezorg.s3.toeslag.verloskunde-contract']);
  });

  test('004 s4: every reason names its rule and seed section', () => {
    const all = (samples as ProviderInput[]).flatMap((r) => evaluate(policy, ProviderSchema.parse(r)));
    for (const d of all) {
      for (const r of [...d.reasons, ...(d.tier?.factors ?? [])]) {
        expect(r.ruleId).toMatch(/^geboortezorg\.s[345]\./);
        expect(r.source).toMatchObject({ file: FILE, section: expect.stringMatching(/^[2345]/) });
      }
    }
  });

  test('004 s5: a rehearsal edition moves every date by whole years and decides alike', () => {
    const r = rehearsal('geboortezorg-2026', 2028) as GeboortezorgEdition;
    expect(planFor(r, 'questionnaire', 'kraamzorg')['questionnaire-open']?.date).toEqual({ kind: 'on', date: '2027-05-15' });
    expect(planFor(r, 'follow', 'integrale-geboortezorg')['application-deadline']?.date).toEqual({ kind: 'by', date: '2027-10-01' });
    const k = evaluate(r, ProviderSchema.parse(kraamzorg));
    expect(k[0]).toMatchObject({ track: 'questionnaire', term: { fromYear: 2028, toYear: 2029 }, tier: { tier: 'A' } });
    const m = evaluate(r, ProviderSchema.parse({ ...midwife, contracts: [{ careType: 'geboortezorg', kind: 'verloskunde', fromYear: 2027, toYear: 2028 }], submissions: [{ kind: 'toeslag-verminderde-bereikbaarheid', receivedOn: '2027-07-01', preferentAgreedOn: '2027-06-10', documents: ['aanvullende-afspraken'] }] }));
    expect(m.map((x) => x.track)).toEqual(['running-contract', 'follow']);
    const late = evaluate(r, ProviderSchema.parse({ ...midwife, contracts: [], application: { receivedOn: '2028-04-03', kinds: [] } }));
    expect(late[0]).toMatchObject({ track: 'application', startDate: '2028-05-01' });
  });

  test('004 s5: a broken copy (kraamzorg offer after the signing deadline) is refused, naming the policy, the item and the problem', () => {
    const calendar = calendarData().map((st) => (st.step === 'offer' && st.when === 'begin september 2025' ? { ...st, when: 'begin december 2025' } : st));
    // The edition, the line (calendar[3], the signing deadline), the kind and track, and the problem;
    // the same problem for the mediation contract may be named on the same line.
    expect(() => definePolicy({ ...policy, calendar })).toThrow(
      /^geboortezorg-2026: \d+ problem\(s\):\n {2}calendar\[3\]: kraamzorg \(questionnaire\)[^\n]*: offer 'begin december 2025' \(2025-12-01 to 2025-12-10\) is not before signing-deadline '7 november 2025' \(2025-11-07\)$/m,
    );
  });

  test('004 s5: a broken copy (calendar step for an unknown contract kind, unreadable date) is refused, naming the policy, the item and the problem', () => {
    const unknownKind = calendarData().map((st, i) => (i === 0 ? { ...st, kinds: ['kraamzorg', 'kraamzorg-plus'] } : st));
    expect(() => definePolicy({ ...policy, calendar: unknownKind })).toThrow(
      "geboortezorg-2026: 1 problem(s):\n  calendar[0].kinds[1]: unknown contract kind 'kraamzorg-plus' (known: verloskunde, echoscopie, geboortecentrum, kraamzorg, kraamzorg-bemiddeling, integrale-geboortezorg, toeslag-verminderde-bereikbaarheid)",
    );
    const unreadable = calendarData().map((st) => (st.step === 'tariff-annex' ? { ...st, when: 'najaar 2025' } : st));
    expect(() => definePolicy({ ...policy, calendar: unreadable })).toThrow("calendar[7].when: cannot read the planning date 'najaar 2025'");
  });

  test('004 s4: every sample provider gets its expected track (and tier)', () => {
    const expected: Record<string, [string, string, string?][]> = {
      'Verloskundigenpraktijk De Wieg': [['verloskunde', 'running-contract']],
      'Echocentrum Zuid': [['echoscopie', 'running-contract']],
      'Geboortecentrum Sophia': [['geboortecentrum', 'running-contract']],
      'Kraamzorg De Ooievaar': [['kraamzorg', 'questionnaire', 'A']],
      'Kraamzorg Het Nest': [['kraamzorg', 'questionnaire', 'B']],
      'Kraamzorg Zonnestraal': [['kraamzorg', 'questionnaire', 'C']],
      'Kraamhulp Direct Bemiddeling': [['kraamzorg-bemiddeling', 'questionnaire']],
      'ZZP Kraamcollectief Noord': [['kraamzorg-bemiddeling', 'not-approached']],
      'Kraamzorg Lente': [['kraamzorg', 'not-approached']],
      'Kraamzorg Morgenrood': [['kraamzorg', 'not-approached']],
      'Kraamzorg Sterrenkind': [['kraamzorg', 'application', 'B']],
      'Verloskundigenpraktijk Maas en Peel': [['verloskunde', 'application']],
      'Verloskundigenpraktijk Ter Aar': [
        ['verloskunde', 'not-approached'],
        ['toeslag-verminderde-bereikbaarheid', 'not-approached'],
      ],
      'Verloskundigenpraktijk De Boog': [
        ['verloskunde', 'running-contract'],
        ['toeslag-verminderde-bereikbaarheid', 'follow'],
      ],
      'Verloskundigenpraktijk Waddenzee': [
        ['verloskunde', 'running-contract'],
        ['toeslag-verminderde-bereikbaarheid', 'not-approached'],
      ],
      'Integrale Geboortezorg Organisatie Twente': [['integrale-geboortezorg', 'follow']],
      'Geboortezorg Kennemerland IGO': [['integrale-geboortezorg', 'follow']],
      'Verloskundigenpraktijk Zeeuwse Delta': [
        ['verloskunde', 'not-approached'],
        ['integrale-geboortezorg', 'not-approached'],
      ],
    };
    const records = samples as ProviderInput[];
    expect(records.map((r) => r.name).sort()).toEqual(Object.keys(expected).sort());
    const seenExclusions = new Set<string>();
    for (const record of records) {
      const provider = ProviderSchema.parse(record);
      const decisions = evaluate(policy, provider);
      expect([provider.name, decisions.map((d) => [d.contractKind, d.track, ...(d.tier ? [d.tier.tier] : [])])]).toEqual([provider.name, expected[provider.name]]);
      decisions.forEach((d) => failed(d).forEach((id) => seenExclusions.add(id)));
    }
    // Every exclusion the policy lists occurs in the samples at least once.
    for (const x of policy.exclusions) expect([x.id, seenExclusions.has(x.id)]).toEqual([x.id, true]);
    expect(records.find((r) => r.name === 'Kraamzorg Het Nest')).toMatchObject({ employedShare: 50, training: { places: 1, fte: 20 } });
  });
});
