import { DateTime } from 'luxon';
import samples from '../../data/samples/paramedisch-2027-providers.json';
import { deadlinePassesAt } from '../../policies/calendar';
import type { Decision } from '../../policies/decision';
import { evaluate, fysioIndex, kindsFor, specialisationShare, type ParamedischEdition } from '../../policies/care-types/paramedisch';
import { parseEdition, rehearse } from '../../policies/edition';
import { planFor } from '../../policies/policy';
import { edition } from '../helpers/editions';
import { signingDeadlineFor, signingRuleOf } from '../../policies/signing';
import { ProviderSchema, type ProviderInput } from '../../policies/provider';

const FILE = '001_c09c8bb5b9df1701.txt';
type Policy = ParamedischEdition;
const policy = edition('paramedisch-2027') as ParamedischEdition;
const definePolicy = (data: object) => parseEdition(data, 'paramedisch-2027', 'test');
const rehearsePolicy = rehearse;
/** The edition's specialisation factor check (s2.4.2). */
const specialisation = policy.contractKinds.find((k) => k.id === 'fysiotherapie')!.tiers!.factors.find((f) => f.check.kind === 'specialisation-share')!.check as Parameters<typeof specialisationShare>[1];

/** A logopedie practice contracted in 2025-2026, everything in order. */
const logo: ProviderInput = {
  agbCode: '05099001',
  name: 'Logopedie Het Woord',
  locations: [{ agbCode: '05099002', name: 'Het Woord', city: 'Leiden' }],
  practitioners: [{ agbCode: '05199001', name: 'Marieke Bos', hoursPerWeek: 30 }],
  vektisRegistered: true,
  vecozoCertificate: true,
  contracts: [{ careType: 'paramedisch', kind: 'logopedie', fromYear: 2025, toYear: 2026 }],
};

/** A fysiotherapie practice with a running 2026-2027 contract. */
const fysio: ProviderInput = {
  agbCode: '04099001',
  name: 'Fysiotherapie De Brug',
  locations: [{ agbCode: '04099002', name: 'De Brug', city: 'Arnhem' }],
  practitioners: [{ agbCode: '04199001', name: 'Pieter Jansen', hoursPerWeek: 36 }],
  vektisRegistered: true,
  vecozoCertificate: true,
  contracts: [{ careType: 'paramedisch', kind: 'fysiotherapie', fromYear: 2026, toYear: 2027 }],
};

/** A fysiotherapie practice without the 2026-2027 contract (offer not accepted), applying. */
const fysioNew: ProviderInput = {
  ...fysio,
  contracts: [],
  application: { receivedOn: '2026-11-20', kinds: ['fysiotherapie'] },
};

const run = (input: ProviderInput, p: Policy = policy) => evaluate(p, ProviderSchema.parse(input));
const one = (input: ProviderInput, kind: string, p: Policy = policy): Decision => {
  const d = run(input, p).find((x) => x.contractKind === kind);
  if (!d) throw new Error(`no decision for ${kind}`);
  return d;
};
const failed = (d: Decision) => d.reasons.filter((r) => !r.met).map((r) => r.ruleId);
const reason = (d: Decision, ruleId: string) => d.reasons.find((r) => r.ruleId === ruleId);
const fysioPractitioners = (n: number, qualifying: number, hours = 24) =>
  Array.from({ length: n }, (_, i) => ({
    agbCode: `0420${String(i).padStart(4, '0')}`,
    hoursPerWeek: i < qualifying ? hours : 36,
    specialisations: i < qualifying ? ['Kinderfysiotherapie'] : [],
  }));
/** The policy's data as input again (the resolved dates dropped). */
const input = (p: Policy) => ({ ...p, calendar: p.calendar.map(({ date: _date, ...step }) => step) });

describe('Paramedische zorg 2027 (001_c09c8bb5b9df1701.txt)', () => {
  describe('s2.7 planning', () => {
    test('001 s2.7: the planning dates resolve to the days of the table', () => {
      const direct = planFor(policy, 'direct-offer', 'dietetiek');
      expect(direct.offer?.date).toEqual({ kind: 'by', date: '2026-09-30' });
      expect(direct['signing-deadline']?.date).toEqual({ kind: 'on', date: '2026-11-08' });
      expect(direct.publication?.date).toEqual({ kind: 'from', date: '2026-11-12' });

      const q = planFor(policy, 'questionnaire', 'logopedie');
      expect(q['questionnaire-open']?.date).toEqual({ kind: 'by', date: '2026-09-30' });
      expect(q['questionnaire-deadline']?.date).toEqual({ kind: 'on', date: '2026-10-21' });
      expect(q.offer?.date).toEqual({ kind: 'upon', event: 'questionnaire-approved' });
      expect(planFor(policy, 'questionnaire', 'oefentherapie')['questionnaire-deadline']?.date).toEqual({ kind: 'on', date: '2026-10-21' });

      expect(planFor(policy, 'direct-offer', 'instellingen').offer?.date).toEqual({ kind: 'by', date: '2026-09-30' });
      expect(planFor(policy, 'application', 'fysiotherapie').offer?.date).toEqual({ kind: 'upon', event: 'application-complete' });
      expect(planFor(policy, 'follow', 'gli').offer?.date).toEqual({ kind: 'upon', event: 'application-complete' });
    });

    test('001 s2.7: a decision carries its plan: questionnaire by 30 September, sign by 8 November, published from 12 November 2026', () => {
      const d = one(logo, 'logopedie');
      expect(d.plan).toMatchObject({ invitationBy: '2026-09-30', publicationFrom: '2026-11-12', signing: { kind: 'fixed', date: '2026-11-08' } });
      expect(d.plan.steps.map((st) => st.step).sort()).toEqual(['offer', 'publication', 'questionnaire-deadline', 'questionnaire-open', 'signing-deadline']);
    });

    test('001 s2.7: the signing deadline 8 November 2026 is a Sunday, kept as written; it passes at 00:00 on Monday 9 November', () => {
      const step = policy.calendar.find((st) => st.step === 'signing-deadline')!;
      expect(step.when).toBe('8 november 2026');
      const rule = signingRuleOf(step);
      expect(rule).toMatchObject({ kind: 'fixed', date: '2026-11-08' });
      if (rule.kind !== 'fixed') throw new Error('fixed expected');
      expect(DateTime.fromISO(rule.date, { zone: 'Europe/Amsterdam' }).weekday).toBe(7); // Sunday
      expect(signingDeadlineFor(rule, '2026-09-30')).toBe('2026-11-08'); // not moved to Friday or Monday
      const passes = DateTime.fromJSDate(deadlinePassesAt(rule.date), { zone: 'Europe/Amsterdam' });
      expect(passes.toISO()).toBe('2026-11-09T00:00:00.000+01:00');
      expect(passes.weekday).toBe(1); // Monday
    });

    test('001 s2.6 Ziekenhuizen: the hospital offer comes with hospital care: no offer date in this policy, same signing deadline', () => {
      const plan = planFor(policy, 'direct-offer', 'ziekenhuizen');
      expect(plan.offer).toBeUndefined();
      expect(plan['signing-deadline']?.date).toEqual({ kind: 'on', date: '2026-11-08' });
    });
  });

  describe('s2.6 contract kinds, terms and the Vektis table', () => {
    test('001 s2.4/s2.6: the eleven contract kinds with their tracks and terms', () => {
      const table = Object.fromEntries(policy.contractKinds.map((k) => [k.id, { term: k.term, runsOn: k.runsOn, tariffAnnex: k.tariffAnnex, tracks: k.tracks }]));
      expect(Object.keys(table)).toEqual(['fysiotherapie', 'oefentherapie', 'logopedie', 'dietetiek', 'ergotherapie', 'huidtherapie', 'preventieve-voetzorg', 'gli', 'valpreventie', 'instellingen', 'ziekenhuizen']);
      const y = (fromYear: number, toYear: number) => ({ fromYear, toYear });
      expect(table.fysiotherapie).toMatchObject({ term: y(2026, 2027), runsOn: y(2026, 2027), tariffAnnex: true });
      expect(table['preventieve-voetzorg']).toMatchObject({ term: y(2026, 2027), runsOn: y(2026, 2027), tariffAnnex: false });
      expect(table.oefentherapie?.term).toEqual(y(2027, 2029));
      expect(table.logopedie?.term).toEqual(y(2027, 2028));
      expect(table.huidtherapie?.term).toEqual(y(2027, 2029));
      expect(table.dietetiek?.term).toEqual(y(2027, 2028));
      expect(table.ergotherapie?.term).toEqual(y(2027, 2028));
      expect(table.gli?.term).toEqual(y(2027, 2028));
      expect(table.valpreventie?.term).toEqual(y(2027, 2027));
      expect(table.instellingen?.term).toEqual(y(2027, 2028));
      expect(table.ziekenhuizen?.term).toEqual(y(2027, 2027));
      expect(table.fysiotherapie?.tracks).toEqual(['running-contract', 'application', 'not-approached']);
      expect(table.logopedie?.tracks).toContain('questionnaire');
      expect(table.oefentherapie?.tracks).toContain('questionnaire');
      expect(table.gli?.tracks).toContain('follow');
    });

    test('001 s2.6 Vektis registratie: practice codes and the practitioner attached, per kind', () => {
      const table = Object.fromEntries(policy.contractKinds.filter((k) => k.vektis).map((k) => [k.id, [k.vektis!.practiceCodes.join(','), k.vektis!.practitioner.codes.join(','), k.vektis!.practitioner.roles.join(',')]]));
      const wide = '04,05,07,24,37,88,90';
      expect(table).toEqual({
        fysiotherapie: [wide, '04', 'fysiotherapeut'],
        oefentherapie: [wide, '07', 'oefentherapeut'],
        logopedie: [wide, '05', 'logopedist'],
        dietetiek: [wide, '24', 'dietist'],
        ergotherapie: [wide, '88', 'ergotherapeut'],
        huidtherapie: ['04,37,90', '', 'huidtherapeut'],
        'preventieve-voetzorg': ['26,90', '26', 'podotherapeut'],
        gli: ['04,07,24,37,90', '', 'leefstijlcoach'], // or a CZV with a KLSC together (s2.4.1, the next test)
        valpreventie: ['04,07,37', '04,07', ''],
      });
    });

    test('001 s2.4.1 GLI voor kinderen: a practice with a Centrale Zorgverlener and a kinderleefstijlcoach is considered and approached for GLI; either alone is not', () => {
      const kinderGli: ProviderInput = {
        agbCode: '04077001',
        name: 'Kinderpraktijk Fit & Vrolijk',
        locations: [{ agbCode: '04077002', name: 'Fit & Vrolijk', city: 'Zwolle' }],
        practitioners: [
          { agbCode: '04177001', name: 'A. Visser', role: 'Centrale Zorgverlener', hoursPerWeek: 20 },
          { agbCode: '90177002', name: 'B. Smit', role: 'kinderleefstijlcoach', hoursPerWeek: 16 },
        ],
        vektisRegistered: true,
        vecozoCertificate: true,
        contracts: [{ careType: 'paramedisch', kind: 'gli', fromYear: 2025, toYear: 2026 }],
      };
      const gli = one(kinderGli, 'gli');
      expect(gli.track).toBe('direct-offer');
      expect(reason(gli, 'paramedisch.s2.6.vektis-practitioner')).toMatchObject({ met: true, text: 'Centrale Zorgverlener (CZV) with a kinderleefstijlcoach (KLSC) attached' });
      // Considered by its practitioners even where the record names no kind.
      expect(kindsFor(policy, ProviderSchema.parse({ ...kinderGli, contracts: [] })).map((k) => k.id)).toContain('gli');
      for (const alone of [kinderGli.practitioners![0]!, kinderGli.practitioners![1]!]) {
        const d = one({ ...kinderGli, practitioners: [alone], contractKinds: ['gli'] }, 'gli');
        expect([d.track, reason(d, 'paramedisch.s2.6.vektis-practitioner')?.met]).toEqual(['not-approached', false]);
      }
    });

    test('001 s2.6 Vektis registratie: a practice code outside the row, no practitioner of the kind, or no registration: not approached', () => {
      // A logopedist at a podotherapy practice (26 is not in the logopedie row).
      const d1 = one({ ...logo, agbCode: '26099001', locations: [{ agbCode: '26099002', name: 'Voet & Taal', city: 'Leiden' }] }, 'logopedie');
      expect(d1.track).toBe('not-approached');
      expect(failed(d1)).toEqual(['paramedisch.s2.6.vektis-registration']);
      expect(reason(d1, 'paramedisch.s2.6.vektis-registration')?.text).toContain('has 26');
      // Named for logopedie but no logopedist attached.
      const d2 = one({ ...logo, practitioners: [], contractKinds: ['logopedie'] }, 'logopedie');
      expect(failed(d2)).toEqual(['paramedisch.s2.6.vektis-practitioner']);
      const d3 = one({ ...logo, vektisRegistered: false }, 'logopedie');
      expect(failed(d3)).toEqual(['paramedisch.s2.6.vektis-registration']);
      // A location code in the row is enough ("onderneming/ vestiging").
      expect(one({ ...logo, agbCode: '26099001' }, 'logopedie').track).toBe('questionnaire');
    });

    test('001 s2.6 Vektis registratie: GLI needs a leefstijlcoach (role), huidtherapie a huidtherapeut, valpreventie a fysio- or oefentherapeut', () => {
      const base = { ...logo, agbCode: '07099001', locations: [{ agbCode: '07099002', name: 'Beweeg', city: 'Ede' }], contracts: [{ careType: 'paramedisch' as const, kind: 'oefentherapie', fromYear: 2026, toYear: 2026 }] };
      expect(one({ ...base, practitioners: [{ agbCode: '90199001', role: 'leefstijlcoach' }] }, 'gli').track).toBe('direct-offer');
      expect(failed(one({ ...base, practitioners: [], contractKinds: ['gli'] }, 'gli'))).toEqual(['paramedisch.s2.6.vektis-practitioner']);
      // 07 is not in the huidtherapie row (04, 37, 90), and no huidtherapeut is attached.
      expect(failed(one({ ...base, practitioners: [], contractKinds: ['huidtherapie'] }, 'huidtherapie'))).toEqual(['paramedisch.s2.6.vektis-registration', 'paramedisch.s2.6.vektis-practitioner']);
      expect(one({ ...base, practitioners: [{ agbCode: '07199001' }], contractKinds: ['valpreventie'], valpreventieChainComplete: true }, 'valpreventie').track).toBe('direct-offer');
    });

    test('001 s2.6: a provider is considered for valpreventie only where its record names it', () => {
      const names = (p: ProviderInput) => kindsFor(policy, ProviderSchema.parse(p)).map((k) => k.id);
      expect(names(fysio)).toEqual(['fysiotherapie']);
      expect(names({ ...fysio, contractKinds: ['valpreventie'] })).toEqual(['fysiotherapie', 'valpreventie']);
      expect(names({ ...fysio, organisation: 'hospital' })).toEqual(['ziekenhuizen']);
      expect(names({ ...fysio, organisation: 'institution' })).toEqual(['instellingen']);
    });
  });

  describe('s2.6 running contracts and tracks', () => {
    test('001 s2.6 Doorlopende zorgovereenkomst: fysiotherapie 2026-2027 runs on, no new offer, a new tariff annex', () => {
      const d = one(fysio, 'fysiotherapie');
      expect(d.track).toBe('running-contract');
      expect(d.term).toBeUndefined();
      expect(reason(d, 'paramedisch.s2.6.running-contract')).toMatchObject({ met: false, source: { file: FILE, section: '2.6 Doorlopende zorgovereenkomst vrijevestigden' } });
      expect(reason(d, 'paramedisch.s2.6.tariff-annex')).toMatchObject({ met: true, text: 'a new tariff annex with the 2027 tariffs is published in VECOZO' });
    });

    test('001 s2.6 Doorlopende zorgovereenkomst: preventieve voetzorg runs on without a tariff annex', () => {
      const d = one({ ...fysio, agbCode: '26099001', practitioners: [{ agbCode: '26199001' }], contracts: [{ careType: 'paramedisch', kind: 'preventieve-voetzorg', fromYear: 2026, toYear: 2027 }] }, 'preventieve-voetzorg');
      expect(d.track).toBe('running-contract');
      expect(reason(d, 'paramedisch.s2.6.tariff-annex')).toBeUndefined();
    });

    test('001 s2.6: fysiotherapie not accepted in 2026 and no application: not approached, may apply', () => {
      const d = one({ ...fysio, contracts: [{ careType: 'paramedisch', kind: 'fysiotherapie', fromYear: 2024, toYear: 2025 }] }, 'fysiotherapie');
      expect(d.track).toBe('not-approached');
      expect(failed(d)).toEqual(['paramedisch.s2.6.no-running-contract']);
      expect(reason(d, 'paramedisch.s2.6.no-running-contract')?.text).toContain('may apply');
    });

    test('001 s2.6 Geen aanbod ontvangen: a fysiotherapie application is assessed; an application before 2027 starts on 1 January 2027', () => {
      const d = one(fysioNew, 'fysiotherapie');
      expect(d.track).toBe('application');
      expect(d.term).toEqual({ fromYear: 2026, toYear: 2027 });
      expect(d.startDate).toBe('2027-01-01');
      expect(d.tier?.tier).toBe('D');
      expect(reason(d, 'paramedisch.s2.6.application')?.text).toContain('added value in the region');
    });

    test('001 s2.6 Geen aanbod ontvangen: an application in 2027 starts on the first of the next month, never retroactively', () => {
      expect(one({ ...fysioNew, application: { receivedOn: '2027-03-31', kinds: [] } }, 'fysiotherapie').startDate).toBe('2027-04-01');
      expect(one({ ...fysioNew, application: { receivedOn: '2027-04-01', kinds: [] } }, 'fysiotherapie').startDate).toBe('2027-05-01');
      expect(one({ ...fysioNew, application: { receivedOn: '2027-12-15', kinds: [] } }, 'fysiotherapie').startDate).toBe('2028-01-01');
    });

    test('001 s2.6 Geen aanbod ontvangen: the 3-year rule and an opt-out do not block an application; fraud does', () => {
      const dietist = { ...logo, agbCode: '24099001', practitioners: [{ agbCode: '24199001' }], contracts: [], optOut: { on: '2026-01-10' } };
      const d = one({ ...dietist, application: { receivedOn: '2027-02-02', kinds: ['dietetiek'] } }, 'dietetiek');
      expect(d.track).toBe('application');
      expect(d.startDate).toBe('2027-03-01');
      expect(reason(d, 'paramedisch.s2.6.application')?.text).toContain('not approached: no paramedical contract with Caresq in 2024-2026');
      const f = one({ ...dietist, fraudSuspicion: true, application: { receivedOn: '2027-02-02', kinds: ['dietetiek'] } }, 'dietetiek');
      expect(f.track).toBe('not-approached');
      expect(f.startDate).toBeUndefined();
      expect(failed(f)).toEqual(['paramedisch.s2.6.fraud-suspicion']);
    });

    test('001 s2.6 Vragenlijst: logopedie and oefentherapie get the questionnaire first', () => {
      const d = one(logo, 'logopedie');
      expect(d.track).toBe('questionnaire');
      expect(d.term).toEqual({ fromYear: 2027, toYear: 2028 });
      expect(d.reasons.every((r) => r.met)).toBe(true);
      const o = one({ ...logo, agbCode: '07099001', practitioners: [{ agbCode: '07199001' }], contracts: [{ careType: 'paramedisch', kind: 'oefentherapie', fromYear: 2024, toYear: 2026 }] }, 'oefentherapie');
      expect(o.track).toBe('questionnaire');
      expect(o.term).toEqual({ fromYear: 2027, toYear: 2029 });
    });

    test('001 s2.6 Contractaanbod: diëtetiek, ergotherapie, huidtherapie get the offer directly by 30 September 2026', () => {
      const base = { ...logo, contracts: [{ careType: 'paramedisch' as const, kind: 'dietetiek', fromYear: 2025, toYear: 2026 }] };
      for (const [kind, agb, prac] of [
        ['dietetiek', '24099001', { agbCode: '24199001' }],
        ['ergotherapie', '88099001', { agbCode: '88199001' }],
        ['huidtherapie', '90099001', { agbCode: '90199001', role: 'huidtherapeut' }],
      ] as const) {
        const d = one({ ...base, agbCode: agb, locations: [{ agbCode: agb, name: 'P', city: 'Gouda' }], practitioners: [prac] }, kind);
        expect([kind, d.track, d.plan.invitationBy]).toEqual([kind, 'direct-offer', '2026-09-30']);
      }
    });

    test('001 s2.6 Instellingen: contracted last year: offer 2027-2028; not contracted: not approached; an application is assessed', () => {
      const inst: ProviderInput = { agbCode: '37099001', name: 'Zorggroep Oost', organisation: 'institution', locations: [{ agbCode: '37099002', name: 'Oost', city: 'Hengelo' }], vektisRegistered: true, vecozoCertificate: true };
      const d = one({ ...inst, contracts: [{ careType: 'paramedisch', kind: 'instellingen', fromYear: 2026, toYear: 2026 }] }, 'instellingen');
      expect([d.track, d.term, d.plan.invitationBy]).toEqual(['direct-offer', { fromYear: 2027, toYear: 2028 }, '2026-09-30']);
      const n = one({ ...inst, contracts: [{ careType: 'paramedisch', kind: 'instellingen', fromYear: 2025, toYear: 2025 }] }, 'instellingen');
      expect(n.track).toBe('not-approached');
      expect(failed(n)).toEqual(['paramedisch.s2.6.institution-previous-year']);
      expect(one({ ...inst, application: { receivedOn: '2026-10-01', kinds: [] } }, 'instellingen').track).toBe('application');
    });

    test('001 s2.6 Ziekenhuizen: without a running contract an offer 2027 with hospital care; a running contract runs on', () => {
      const hosp: ProviderInput = { agbCode: '06099001', name: 'Ziekenhuis Amstelland', organisation: 'hospital', locations: [{ agbCode: '06099002', name: 'Amstelland', city: 'Amstelveen' }], vektisRegistered: true, vecozoCertificate: true };
      const d = one(hosp, 'ziekenhuizen');
      expect([d.track, d.term]).toEqual(['direct-offer', { fromYear: 2027, toYear: 2027 }]);
      expect(reason(d, 'paramedisch.s2.6.hospital-offer')?.met).toBe(true);
      expect(one({ ...hosp, contracts: [{ careType: 'paramedisch', kind: 'ziekenhuizen', fromYear: 2026, toYear: 2027 }] }, 'ziekenhuizen').track).toBe('running-contract');
    });

    test('001 s2.6 Volgbeleid GLI: a request to follow another insurer\'s GLI agreement takes the follow track, judged on this policy', () => {
      const gli: ProviderInput = { ...logo, agbCode: '24099001', practitioners: [{ agbCode: '90199001', role: 'leefstijlcoach' }], contracts: [], followAgreement: { insurer: 'Menzis', kinds: ['gli'], receivedOn: '2027-05-10' } };
      const d = one(gli, 'gli');
      expect(d.track).toBe('follow');
      expect(d.term).toEqual({ fromYear: 2027, toYear: 2028 });
      expect(d.startDate).toBe('2027-06-01');
      expect(reason(d, 'paramedisch.s2.6.gli-follow')?.text).toContain('Menzis');
      const bad = one({ ...gli, vecozoCertificate: false }, 'gli');
      expect(bad.track).toBe('not-approached');
      expect(failed(bad)).toEqual(['paramedisch.s2.6.vecozo-certificate']);
    });
  });

  describe('s2.6 who is approached: the exclusions', () => {
    test('001 s2.6: no contract in the last 3 years (2024-2026): not approached; a contract covering 2024 is enough', () => {
      const d = one({ ...logo, contracts: [{ careType: 'paramedisch', kind: 'logopedie', fromYear: 2022, toYear: 2023 }] }, 'logopedie');
      expect(failed(d)).toEqual(['paramedisch.s2.6.contract-last-3-years']);
      expect(one({ ...logo, contracts: [{ careType: 'paramedisch', kind: 'logopedie', fromYear: 2023, toYear: 2024 }] }, 'logopedie').track).toBe('questionnaire');
      // Another paramedical kind counts ("geen zorgovereenkomst met ons"); another care type does not.
      expect(one({ ...logo, contracts: [{ careType: 'paramedisch', kind: 'dietetiek', fromYear: 2026, toYear: 2026 }] }, 'logopedie').track).toBe('questionnaire');
      expect(one({ ...logo, contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2026, toYear: 2026 }] }, 'logopedie').track).toBe('not-approached');
    });

    test('001 s2.6: a provider that said it wants no offer is not approached', () => {
      const d = one({ ...logo, optOut: { on: '2026-05-01' } }, 'logopedie');
      expect(d.track).toBe('not-approached');
      expect(failed(d)).toEqual(['paramedisch.s2.6.opt-out']);
    });

    test('001 s2.6/s2.4.1: valpreventie without a complete regional chain: not approached', () => {
      const d = one({ ...fysio, contractKinds: ['valpreventie'] }, 'valpreventie');
      expect(d.track).toBe('not-approached');
      expect(failed(d)).toEqual(['paramedisch.s2.4.1.valpreventie-chain']);
      const ok = one({ ...fysio, contractKinds: ['valpreventie'], valpreventieChainComplete: true }, 'valpreventie');
      expect([ok.track, ok.term]).toEqual(['direct-offer', { fromYear: 2027, toYear: 2027 }]);
    });

    test('001 s2.6: no VECOZO certificate, or suspected fraud: not approached', () => {
      expect(failed(one({ ...logo, vecozoCertificate: false }, 'logopedie'))).toEqual(['paramedisch.s2.6.vecozo-certificate']);
      expect(failed(one({ ...logo, fraudSuspicion: true }, 'logopedie'))).toEqual(['paramedisch.s2.6.fraud-suspicion']);
    });

    test('001 s2.6: every exclusion that applies is listed, not only the first', () => {
      const d = one({ ...logo, contracts: [], optOut: {}, vektisRegistered: false, vecozoCertificate: false, fraudSuspicion: true }, 'logopedie');
      expect(failed(d)).toEqual([
        'paramedisch.s2.6.contract-last-3-years',
        'paramedisch.s2.6.opt-out',
        'paramedisch.s2.6.vektis-registration',
        'paramedisch.s2.6.vecozo-certificate',
        'paramedisch.s2.6.fraud-suspicion',
      ]);
      expect(d.reasons.every((r) => r.source.file === FILE && r.ruleId.startsWith('paramedisch.s2.'))).toBe(true);
    });
  });

  describe('s2.3 behandelindex', () => {
    test('001 s2.3: fysiotherapie "hoger dan 150": 150 is no exclusion, 151 is, with the exception route by e-mail', () => {
      const at150 = one({ ...fysioNew, behandelindex: [{ year: 2026, value: 150 }] }, 'fysiotherapie');
      expect(at150.track).toBe('application');
      expect(reason(at150, 'paramedisch.s2.3.behandelindex')).toMatchObject({ met: true });
      const at151 = one({ ...fysioNew, behandelindex: [{ year: 2026, value: 150.5 }] }, 'fysiotherapie');
      expect(at151.track).toBe('not-approached');
      expect(failed(at151)).toEqual(['paramedisch.s2.3.behandelindex', 'paramedisch.s2.3.behandelindex-exception']);
      expect(reason(at151, 'paramedisch.s2.3.behandelindex-exception')?.text).toContain('may ask for an exception on care grounds by e-mail to zorginkoop@caresq.nl');
    });

    test('001 s2.3: existing parties (contracted in 2026) are judged on the index over 2025, whatever later index is on record', () => {
      const p = ProviderSchema.parse({ ...fysio, behandelindex: [{ year: 2025, value: 160 }, { year: 2026, value: 120 }] });
      expect(fysioIndex(policy, p)).toEqual({ existing: true, year: 2025, value: 160, fallback: false });
      const d = one({ ...fysio, behandelindex: [{ year: 2025, value: 160 }, { year: 2026, value: 120 }] }, 'fysiotherapie');
      // The contract runs on: the index is reported for staff, the track stays.
      expect(d.track).toBe('running-contract');
      expect(reason(d, 'paramedisch.s2.3.behandelindex')).toMatchObject({ met: false });
      expect(reason(d, 'paramedisch.s2.3.behandelindex')?.text).toContain('index over 2025 is 160');
    });

    test('001 s2.3: new parties are judged on the index published in contract year 2027 (over 2026), else the latest on record', () => {
      const withBoth = ProviderSchema.parse({ ...fysioNew, behandelindex: [{ year: 2025, value: 170 }, { year: 2026, value: 140 }] });
      expect(fysioIndex(policy, withBoth)).toEqual({ existing: false, year: 2026, value: 140, fallback: false });
      expect(one({ ...fysioNew, behandelindex: [{ year: 2025, value: 170 }, { year: 2026, value: 140 }] }, 'fysiotherapie').track).toBe('application');
      const onlyOld = one({ ...fysioNew, behandelindex: [{ year: 2024, value: 120 }, { year: 2025, value: 170 }] }, 'fysiotherapie');
      expect(onlyOld.track).toBe('not-approached');
      expect(reason(onlyOld, 'paramedisch.s2.3.behandelindex')?.text).toContain('latest published used');
      const none = one(fysioNew, 'fysiotherapie');
      expect(reason(none, 'paramedisch.s2.3.behandelindex')).toMatchObject({ met: true, text: expect.stringContaining('no behandelindex on record') });
    });

    test('001 s2.3: logopedie and oefentherapie at 150 or higher: a conversation, never an exclusion', () => {
      const d = one({ ...logo, behandelindex: [{ year: 2025, value: 150 }] }, 'logopedie');
      expect(d.track).toBe('questionnaire');
      expect(reason(d, 'paramedisch.s2.3.behandelindex-monitoring')).toMatchObject({ met: true, text: expect.stringContaining('Caresq will talk with the provider') });
      const high = one({ ...logo, behandelindex: [{ year: 2025, value: 230 }] }, 'logopedie');
      expect(high.track).toBe('questionnaire');
      expect(failed(high)).toEqual([]);
      const low = one({ ...logo, behandelindex: [{ year: 2025, value: 149 }] }, 'logopedie');
      expect(reason(low, 'paramedisch.s2.3.behandelindex-monitoring')?.text).toContain('monitoring only');
      expect(reason(one(fysio, 'fysiotherapie'), 'paramedisch.s2.3.behandelindex-monitoring')).toBeUndefined();
    });
  });

  describe('s2.4.2 tiers', () => {
    const tierOf = (over: Partial<ProviderInput>) => one({ ...fysio, ...over }, 'fysiotherapie').tier;

    test('001 s2.4.2: fysiotherapie A-D by the number of differentiation factors', () => {
      expect(tierOf({ practitioners: fysioPractitioners(3, 1, 24), qualityMarks: ['SKF Keurmerk'] })?.tier).toBe('A');
      expect(tierOf({ practitioners: fysioPractitioners(3, 1, 24), qualityMarks: ['KNGF Basisregister'] })?.tier).toBe('B');
      expect(tierOf({ qualityMarks: ['KNGF Basisregister'] })?.tier).toBe('C');
      expect(tierOf({ practitioners: fysioPractitioners(3, 1, 24) })?.tier).toBe('C');
      expect(tierOf({})?.tier).toBe('D');
      const t = tierOf({ qualityMarks: ['KNGF Basisregister'] });
      expect(t?.factors.map((f) => [f.ruleId, f.met])).toEqual([
        ['paramedisch.s2.4.2.fysio-specialisation', false],
        ['paramedisch.s2.4.2.kngf-basisregister', true],
        ['paramedisch.s2.4.2.skf-keurmerk', false],
      ]);
    });

    test('001 s2.4.2: SKF Keurmerk counts as the KNGF factor too: SKF alone is two factors (B); SKF and KNGF together still two', () => {
      const skf = tierOf({ qualityMarks: ['SKF Keurmerk'] });
      expect(skf?.tier).toBe('B');
      expect(skf?.factors.find((f) => f.ruleId === 'paramedisch.s2.4.2.kngf-basisregister')).toMatchObject({ met: true, text: 'met through the SKF Keurmerk registration (N.B. in s2.4.2)' });
      expect(tierOf({ qualityMarks: ['SKF Keurmerk', 'KNGF Basisregister'] })?.tier).toBe('B');
    });

    test('001 s2.4.2: the specialisation factor: at least 30% of the fysiotherapeuten (head count), each at least 24 hours a week', () => {
      const share = (pr: ProviderInput['practitioners']) => specialisationShare(ProviderSchema.parse({ ...fysio, practitioners: pr }), specialisation);
      expect(share(fysioPractitioners(10, 3))).toEqual({ qualifying: 3, total: 10, met: true }); // exactly 30%
      expect(share(fysioPractitioners(10, 2))).toMatchObject({ met: false });
      expect(share(fysioPractitioners(10, 3, 23.5))).toEqual({ qualifying: 0, total: 10, met: false });
      // Only recognised specialisations count; other disciplines are not in the count.
      expect(share([{ agbCode: '04100001', hoursPerWeek: 30, specialisations: ['dry needling'] }, { agbCode: '04100002', hoursPerWeek: 30 }])).toMatchObject({ qualifying: 0, met: false });
      expect(share([{ agbCode: '04100001', hoursPerWeek: 30, specialisations: ['Orofaciale fysiotherapie'] }, { agbCode: '05100002', hoursPerWeek: 30 }])).toEqual({ qualifying: 1, total: 1, met: true });
    });

    test('001 s2.4.2: a running fysiotherapie contract whose 2027 factors give another tier: the change is never retroactive', () => {
      const d = one({ ...fysio, qualityMarks: ['SKF Keurmerk'], contracts: [{ careType: 'paramedisch', kind: 'fysiotherapie', fromYear: 2026, toYear: 2027, tier: 'D' }] }, 'fysiotherapie');
      expect(d.tier?.tier).toBe('B');
      expect(reason(d, 'paramedisch.s2.4.2.tier-change')?.text).toContain('contract tier D, 2027 factors give tier B');
    });

    test('001 s2.4.2: oefentherapie A with the VvOCM TOP audit, else B; logopedie A with the Kwaliteitscyclus Logopedie, else B', () => {
      const oefen = { ...logo, agbCode: '07099001', practitioners: [{ agbCode: '07199001' }] };
      expect(one({ ...oefen, qualityMarks: ['VvOCM TOP'] }, 'oefentherapie').tier?.tier).toBe('A');
      expect(one(oefen, 'oefentherapie').tier?.tier).toBe('B');
      expect(one({ ...logo, qualityMarks: ['Kwaliteitscyclus Logopedie'] }, 'logopedie').tier?.tier).toBe('A');
      expect(one(logo, 'logopedie').tier?.tier).toBe('B');
      // Kinds without tiers carry none; a provider not approached carries none.
      expect(one({ ...logo, agbCode: '24099001', practitioners: [{ agbCode: '24199001' }] }, 'dietetiek').tier).toBeUndefined();
      expect(one({ ...logo, optOut: {} }, 'logopedie').tier).toBeUndefined();
    });
  });

  describe('s2.5 selective purchasing', () => {
    test('001 s2.5: ParkinsonNet and Chronisch ZorgNet members get the selective-purchasing reasons', () => {
      const d = one({ ...fysio, qualityMarks: ['ParkinsonNet', 'Chronisch ZorgNet'] }, 'fysiotherapie');
      expect(reason(d, 'paramedisch.s2.5.parkinson')).toMatchObject({ met: true, source: { section: '2.5 Paramedische zorg bij de ziekte van Parkinson' } });
      expect(reason(d, 'paramedisch.s2.5.claudicatio')).toMatchObject({ met: true });
      // Claudicatio is exercise therapy: not for logopedie.
      const l = one({ ...logo, qualityMarks: ['ParkinsonNet', 'Chronisch ZorgNet'] }, 'logopedie');
      expect(reason(l, 'paramedisch.s2.5.parkinson')?.met).toBe(true);
      expect(reason(l, 'paramedisch.s2.5.claudicatio')).toBeUndefined();
      expect(reason(one(fysio, 'fysiotherapie'), 'paramedisch.s2.5.parkinson')).toBeUndefined();
    });
  });

  describe('a broken policy is refused at load', () => {
    test('001 s2.7: an offer window after the signing deadline is refused, naming the policy, the item and the problem', () => {
      const data = input(policy);
      const broken = { ...data, calendar: data.calendar.map((st, i) => (i === 0 ? { ...st, when: 'Uiterlijk 30 november 2026' } : st)) };
      expect(() => definePolicy(broken)).toThrow('paramedisch-2027: ');
      expect(() => definePolicy(broken)).toThrow(
        "calendar[5]: dietetiek (direct-offer), ergotherapie (direct-offer), huidtherapie (direct-offer), gli (direct-offer), valpreventie (direct-offer), instellingen (direct-offer): offer 'Uiterlijk 30 november 2026' (by 2026-11-30) is not before signing-deadline '8 november 2026' (2026-11-08)",
      );
    });

    test('001 s2.7: a signing deadline after the publication date is refused once, for every contract kind and track', () => {
      const data = input(policy);
      const broken = { ...data, calendar: data.calendar.map((st) => (st.step === 'signing-deadline' ? { ...st, when: '15 november 2026' } : st)) };
      expect(() => definePolicy(broken)).toThrow(/^paramedisch-2027: 1 problem\(s\):\n {2}calendar\[\d+\]: every contract kind and track: signing-deadline '15 november 2026' \(2026-11-15\) is not before publication 'Vanaf 12 november 2026' \(from 2026-11-12\)$/);
    });

    test('001 s2.7: an unknown contract kind in a calendar step is refused', () => {
      const data = input(policy);
      const broken = { ...data, calendar: data.calendar.map((st, i) => (i === 1 ? { ...st, kinds: ['logopedie', 'fysio'] } : st)) };
      expect(() => definePolicy(broken)).toThrow(/^paramedisch-2027: 1 problem\(s\):\n {2}calendar\[1\]\.kinds\[1\]: unknown contract kind 'fysio' \(known: fysiotherapie, oefentherapie/);
    });

    test('001 s2.7: an unreadable planning phrase is refused', () => {
      const data = input(policy);
      const broken = { ...data, calendar: data.calendar.map((st, i) => (i === 2 ? { ...st, when: 'eind oktober' } : st)) };
      expect(() => definePolicy(broken)).toThrow("calendar[2].when: cannot read the planning date 'eind oktober'");
    });
  });

  test('a rehearsal edition moves every date by whole years and decides alike', () => {
    const r = rehearsePolicy(policy, 2029);
    expect(planFor(r, 'questionnaire', 'logopedie')['questionnaire-deadline']?.date).toEqual({ kind: 'on', date: '2028-10-21' });
    expect(planFor(r, 'direct-offer', 'dietetiek')['signing-deadline']?.date).toEqual({ kind: 'on', date: '2028-11-08' });
    const d = one({ ...logo, contracts: [{ careType: 'paramedisch', kind: 'logopedie', fromYear: 2027, toYear: 2028 }] }, 'logopedie', r);
    expect([d.track, d.term]).toEqual(['questionnaire', { fromYear: 2029, toYear: 2030 }]);
    expect(one({ ...fysio, contracts: [{ careType: 'paramedisch', kind: 'fysiotherapie', fromYear: 2028, toYear: 2029 }] }, 'fysiotherapie', r).track).toBe('running-contract');
  });

  test('001 sample providers: every record is valid and gets the expected track (and tier) per contract kind', () => {
    const expected: Record<string, string[]> = {
      'Fysiotherapie Centrum De Linde': ['fysiotherapie running-contract A', 'valpreventie direct-offer'],
      'Fysio Praktijk Zuiderpark': ['fysiotherapie running-contract C'],
      'Fysiotherapie Het Anker': ['fysiotherapie running-contract B'],
      'Gezondheidscentrum Kanaleneiland': ['fysiotherapie running-contract D', 'dietetiek direct-offer'],
      'Fysiotherapie Oosterpoort': ['fysiotherapie application C'],
      'Fysiotherapie Maasboulevard': ['fysiotherapie not-approached'],
      'Logopediepraktijk De Spreekbeurt': ['logopedie questionnaire A'],
      'Logopediepraktijk Kindertaal': ['logopedie application B'],
      'Oefentherapie Cesar en Mensendieck Haarlem': ['oefentherapie questionnaire A', 'gli direct-offer'],
      'Diëtistenpraktijk Voedingsbalans': ['dietetiek not-approached'],
      'Ergotherapie Noord': ['ergotherapie not-approached'],
      'Huidtherapie Centrum Delft': ['huidtherapie direct-offer'],
      'Leefstijlpraktijk Vitaal': ['gli follow'],
      'Beweegpraktijk Valvrij': ['fysiotherapie running-contract D', 'valpreventie not-approached'],
      'Podotherapie Voetstap': ['preventieve-voetzorg running-contract'],
      'Podotherapie De Zool': ['preventieve-voetzorg not-approached'],
      'Zorgcentrum Het Baken': ['instellingen direct-offer'],
      'Ziekenhuis Rivierenland': ['ziekenhuizen direct-offer'],
      'Gelre ziekenhuizen': ['ziekenhuizen running-contract'],
      'Ergotherapiepraktijk Zuid': ['ergotherapie not-approached'],
    };
    expect(samples).toHaveLength(Object.keys(expected).length);
    const seen = new Set<string>();
    for (const record of samples) {
      const provider = ProviderSchema.parse(record);
      const got = evaluate(policy, provider).map((d) => [d.contractKind, d.track, d.tier?.tier].filter(Boolean).join(' '));
      expect([provider.name, got]).toEqual([provider.name, expected[provider.name]]);
      got.forEach((g) => seen.add(g.split(' ')[1]!));
    }
    expect([...seen].sort()).toEqual(['application', 'direct-offer', 'follow', 'not-approached', 'questionnaire', 'running-contract']);
    // The exclusions each appear at least once in the samples.
    const failedIds = new Set(samples.flatMap((r) => evaluate(policy, ProviderSchema.parse(r)).flatMap(failed)));
    for (const id of policy.exclusions.map((e) => e.id)) expect([id, failedIds.has(id)]).toEqual([id, true]);
  });
});
