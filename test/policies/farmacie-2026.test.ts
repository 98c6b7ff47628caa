import { readFileSync } from 'fs';
import { join } from 'path';
import { evaluate, type Edition } from '../../policies';
import type { Decision } from '../../policies/decision';
import { parseEdition } from '../../policies/edition';
import { planFor } from '../../policies/policy';
import { signingDeadlineFor, signingRuleOf } from '../../policies/signing';
import { ProviderSchema, type ProviderInput } from '../../policies/provider';
import { edition, rehearsal } from '../helpers/editions';

const FILE = '002_6d18a9335088982c.txt';
const policy = edition('farmacie-2026');
/** The edition's data read again, as the edition store reads a file: refused with every problem. */
const definePolicy = (data: object) => parseEdition(data, 'farmacie-2026', 'test');

const pharmacy: ProviderInput = {
  agbCode: '02012345',
  name: 'Apotheek De Kroon',
  organisation: 'pharmacy',
  locations: [{ agbCode: '02012345', name: 'Apotheek De Kroon', city: 'Rotterdam' }],
  practitioners: [{ agbCode: '02112345', name: 'mw. E. de Groot', role: 'apotheker' }],
  vektisRegistered: true,
  vecozoCertificate: true,
};
const inGroup: Partial<ProviderInput> = {
  negotiationGroup: { name: 'Coöperatie Apothekers Zuid-Holland', representativeAgbCode: '02099001' },
  pharmacy: { memberListReceivedOn: '2025-06-20' },
};
const disvReady: Partial<ProviderInput> = {
  contractKinds: ['disv', 'dieetpreparaten'],
  certificates: [{ name: 'HKZ Apotheken', validUntil: '2027-01-31' }],
  pharmacy: { complaintsRegister: true },
};

const all = (overrides: Partial<ProviderInput>, p: Edition = policy) => evaluate(p, ProviderSchema.parse({ ...pharmacy, ...overrides }));
const byKind = (overrides: Partial<ProviderInput>, kind: string, p: Edition = policy): Decision => {
  const d = all(overrides, p).find((x) => x.contractKind === kind);
  if (!d) throw new Error(`no decision for ${kind}`);
  return d;
};
const failed = (d: Decision) => d.reasons.filter((r) => !r.met).map((r) => r.ruleId);
const ids = (d: Decision) => d.reasons.map((r) => r.ruleId);
const stepDays = (d: Decision) => Object.fromEntries(d.plan.steps.map((st) => [st.step, st.date]));

/** The policy's input with one calendar line changed, for the broken-policy tests. */
function withCalendar(change: (step: Omit<Edition['calendar'][number], 'date'>, i: number) => Omit<Edition['calendar'][number], 'date'>) {
  const { calendar, ...rest } = policy;
  return { ...rest, calendar: calendar.map(({ date: _date, ...st }, i) => change(st, i)) };
}

describe(`Farmacie 2026 (${FILE})`, () => {
  describe('s5 Planning', () => {
    test('002 s5: pharmacies without negotiation: offer 16-30 September 2025, sign by 7 November 2025, published from 12 November 2025', () => {
      const d = byKind({}, 'farmaceutische-zorg');
      expect(d.track).toBe('direct-offer');
      expect(stepDays(d)).toEqual({
        offer: { kind: 'window', from: '2025-09-16', to: '2025-09-30' },
        'signing-deadline': { kind: 'on', date: '2025-11-07' },
        publication: { kind: 'from', date: '2025-11-12' },
      });
      expect(d.plan).toMatchObject({ invitationBy: '2025-09-30', publicationFrom: '2025-11-12', signing: { kind: 'fixed', date: '2025-11-07' } });
    });

    test('002 s5: negotiation: member list by 1 July 2025, invitation by the end of August (31 August 2025), offer after a positive conversation, sign within 4 weeks', () => {
      const d = byKind(inGroup, 'farmaceutische-zorg');
      expect(d.track).toBe('negotiation');
      expect(stepDays(d)).toEqual({
        'member-list-deadline': { kind: 'on', date: '2025-07-01' },
        invitation: { kind: 'by', date: '2025-08-31' },
        offer: { kind: 'upon', event: 'conversation-positive' },
        'signing-deadline': { kind: 'after', weeks: 4, event: 'offer' },
        publication: { kind: 'from', date: '2025-11-12' },
      });
      expect(d.plan).toMatchObject({ invitationBy: '2025-08-31', publicationFrom: '2025-11-12', signing: { kind: 'weeks-after-offer', weeks: 4 } });
    });

    test('002 s5: dienstapotheken, DISV and dieetpreparaten: offer 16-30 September 2025, sign by 7 November 2025', () => {
      const spoed = all({ organisation: 'emergency-pharmacy' })[0]!;
      const [disv, dieet] = all({ organisation: 'pharmacy', ...disvReady }).slice(1);
      for (const d of [spoed, disv!, dieet!]) {
        expect(d.track).toBe('direct-offer');
        expect(stepDays(d).offer).toEqual({ kind: 'window', from: '2025-09-16', to: '2025-09-30' });
        expect(d.plan.signing).toMatchObject({ kind: 'fixed', date: '2025-11-07' });
        expect(d.plan.publicationFrom).toBe('2025-11-12');
      }
      expect(disv!.plan.steps.find((st) => st.step === 'offer')?.source.quote).toContain('Dieetpreparaten en Verbruiksartikelen (DISV)');
    });

    test('002 s5: the 4-week deadline of a negotiated offer is not capped by 7 November; the fixed 7 November holds only for offers without negotiation', () => {
      const negotiated = signingRuleOf(planFor(policy, 'negotiation', 'farmaceutische-zorg')['signing-deadline']!);
      expect(signingDeadlineFor(negotiated, '2025-10-01')).toBe('2025-10-29');
      expect(signingDeadlineFor(negotiated, '2025-10-20')).toBe('2025-11-17');
      const direct = signingRuleOf(planFor(policy, 'direct-offer', 'farmaceutische-zorg')['signing-deadline']!);
      expect(signingDeadlineFor(direct, '2025-09-22')).toBe('2025-11-07');
      const disv = signingRuleOf(planFor(policy, 'direct-offer', 'disv')['signing-deadline']!);
      expect(disv).toMatchObject({ kind: 'fixed', date: '2025-11-07' });
    });

    test('002 s5: a member list received on 1 July 2025 is in time; one received after it sends the pharmacy to the direct offer', () => {
      expect(byKind({ ...inGroup, pharmacy: { memberListReceivedOn: '2025-07-01' } }, 'farmaceutische-zorg').track).toBe('negotiation');
      const late = byKind({ ...inGroup, pharmacy: { memberListReceivedOn: '2025-07-02' } }, 'farmaceutische-zorg');
      expect(late.track).toBe('direct-offer');
      expect(failed(late)).toEqual(['farmacie.s5.member-list-deadline']);
      expect(late.reasons.find((r) => !r.met)?.text).toContain('received 2025-07-02, after the deadline 2025-07-01');
      expect(late.plan.signing).toMatchObject({ kind: 'fixed', date: '2025-11-07' });
    });

    test('002 s5: a group member on no member list at all gets the direct offer', () => {
      const d = byKind({ negotiationGroup: inGroup.negotiationGroup }, 'farmaceutische-zorg');
      expect(d.track).toBe('direct-offer');
      expect(failed(d)).toEqual(['farmacie.s5.member-list-deadline']);
      expect(d.reasons.find((r) => !r.met)?.text).toContain('on no member list');
    });

    test('002 s5: a calendar whose offer window falls after the signing deadline is refused, naming the policy, the item and the problem', () => {
      const broken = withCalendar((st) => (st.step === 'offer' && st.when === '2e helft september 2025' ? { ...st, when: '2e helft november 2025' } : st));
      expect(() => definePolicy(broken)).toThrow(
        "farmacie-2026: 4 problem(s):\n  calendar[5]: farmaceutische-zorg (direct-offer), dienstapotheek (direct-offer): offer '2e helft november 2025' (2025-11-16 to 2025-11-30) is not before signing-deadline '7 november 2025' (2025-11-07)",
      );
    });

    test('002 s5: a member-list deadline after the invitation is refused', () => {
      const broken = withCalendar((st) => (st.step === 'member-list-deadline' ? { ...st, when: '1 september 2025' } : st));
      expect(() => definePolicy(broken)).toThrow(
        "calendar[1]: farmaceutische-zorg (negotiation): member-list-deadline '1 september 2025' (2025-09-01) is not before invitation 'uiterlijk eind augustus 2025' (by 2025-08-31)",
      );
    });

    test('002 s5: a calendar step naming an unknown contract kind, or an unreadable date, is refused', () => {
      expect(() => definePolicy(withCalendar((st, i) => (i === 0 ? { ...st, kinds: ['verbandmiddelen'] } : st)))).toThrow(
        "farmacie-2026: 1 problem(s):\n  calendar[0].kinds[0]: unknown contract kind 'verbandmiddelen' (known: farmaceutische-zorg, dienstapotheek, disv, dieetpreparaten)",
      );
      expect(() => definePolicy(withCalendar((st, i) => (i === 1 ? { ...st, when: 'ergens eind zomer 2025' } : st)))).toThrow(
        "calendar[1].when: cannot read the planning date 'ergens eind zomer 2025'",
      );
    });

    test('002 s5: a rehearsal edition for 2027 moves every date by one year and decides alike', () => {
      const r = rehearsal('farmacie-2026', 2027);
      expect(r.id).toBe('farmacie-2026-rehearsal-2027');
      const n = byKind({ ...inGroup, pharmacy: { memberListReceivedOn: '2026-07-01' } }, 'farmaceutische-zorg', r);
      expect(n.track).toBe('negotiation');
      expect(n.plan).toMatchObject({ invitationBy: '2026-08-31', publicationFrom: '2026-11-12' });
      expect(byKind({ ...inGroup }, 'farmaceutische-zorg', r).track).toBe('negotiation');
      expect(byKind({}, 'farmaceutische-zorg', r).plan.signing).toMatchObject({ kind: 'fixed', date: '2026-11-07' });
      expect(byKind({ application: { receivedOn: '2027-04-15', kinds: [] } }, 'farmaceutische-zorg', r).startDate).toBe('2027-05-01');
      expect(byKind({ contracts: [{ careType: 'farmacie', kind: 'farmaceutische-zorg', fromYear: 2026, toYear: 2028 }] }, 'farmaceutische-zorg', r).track).toBe('running-contract');
    });
  });

  describe('s3 Voorwaarden zorgovereenkomst', () => {
    test('002 s3: every pharmacy gets the basisovereenkomst Farmaceutische zorg as a direct offer; the conditions are accepted by signing', () => {
      const ds = all({});
      expect(ds.map((d) => [d.contractKind, d.track])).toEqual([['farmaceutische-zorg', 'direct-offer']]);
      expect(ids(ds[0]!)).toEqual(['farmacie.s4.vektis-registration', 'farmacie.s4.vecozo-certificate', 'farmacie.s3.conditions']);
      expect(ds[0]!.reasons.every((r) => r.met)).toBe(true);
      expect(ds[0]!.term).toBeUndefined();
    });

    test('002 s3: extra agreements: a group with one mandated representative is negotiated; business case and policy fit are judged in the conversation', () => {
      const d = byKind(inGroup, 'farmaceutische-zorg');
      expect(d.track).toBe('negotiation');
      expect(ids(d)).toEqual([
        'farmacie.s4.vektis-registration',
        'farmacie.s4.vecozo-certificate',
        'farmacie.s3.extra.mandated-group',
        'farmacie.s5.member-list-deadline',
        'farmacie.s3.extra.business-case',
        'farmacie.s3.extra.policy-fit',
        'farmacie.s4.negotiation',
        'farmacie.s3.conditions',
      ]);
      expect(d.reasons.every((r) => r.met)).toBe(true);
      expect(d.reasons.find((r) => r.ruleId === 'farmacie.s3.extra.business-case')?.source).toEqual({ file: FILE, section: '3 Farmaceutische zorg - randvoorwaarden', quote: 'Er is een sluitende businesscase gericht op aantoonbaar doelmatige zorg' });
    });

    test('002 s3: a group without a mandated representative: no negotiation, the basisovereenkomst is offered directly', () => {
      const d = byKind({ negotiationGroup: { name: 'Apothekersvereniging Salland' }, pharmacy: { memberListReceivedOn: '2025-06-01' } }, 'farmaceutische-zorg');
      expect(d.track).toBe('direct-offer');
      expect(failed(d)).toEqual(['farmacie.s3.extra.mandated-group']);
      expect(d.plan.signing).toMatchObject({ kind: 'fixed', date: '2025-11-07' });
    });

    test('002 s3: no representative and a late member list: both reasons are listed', () => {
      const d = byKind({ negotiationGroup: { name: 'Apothekersvereniging Salland' }, pharmacy: { memberListReceivedOn: '2025-08-01' } }, 'farmaceutische-zorg');
      expect(d.track).toBe('direct-offer');
      expect(failed(d)).toEqual(['farmacie.s3.extra.mandated-group', 'farmacie.s5.member-list-deadline']);
    });

    test('002 s3: data analysis and benchmarking may give reason to offer no contract for farmaceutische zorg', () => {
      const d = byKind({ ...inGroup, pharmacy: { ...inGroup.pharmacy, dataAnalysisConcern: 'afleverfrequentie ver boven de benchmark' } }, 'farmaceutische-zorg');
      expect(d.track).toBe('not-approached');
      expect(failed(d)).toEqual(['farmacie.s3.data-analysis']);
      expect(d.reasons[0]?.text).toContain('afleverfrequentie ver boven de benchmark');
      expect(d.term).toBeUndefined();
    });

    test('002 s3: the data-analysis rule is stated for farmaceutische zorg, not for DISV and dieetpreparaten', () => {
      const ds = all({ ...disvReady, pharmacy: { complaintsRegister: true, dataAnalysisConcern: 'benchmark' } });
      expect(ds.map((d) => [d.contractKind, d.track])).toEqual([
        ['farmaceutische-zorg', 'not-approached'],
        ['disv', 'direct-offer'],
        ['dieetpreparaten', 'direct-offer'],
      ]);
    });

    test('002 s3: DISV and dieetpreparaten are not negotiable: a group member gets the direct offer under the dossier Hulpmiddelen', () => {
      const ds = all({ ...disvReady, ...inGroup, pharmacy: { memberListReceivedOn: '2025-06-20', complaintsRegister: true } });
      expect(ds.map((d) => [d.contractKind, d.track])).toEqual([
        ['farmaceutische-zorg', 'negotiation'],
        ['disv', 'direct-offer'],
        ['dieetpreparaten', 'direct-offer'],
      ]);
      const disv = ds[1]!;
      expect(failed(disv)).toEqual(['farmacie.s3.disv.not-negotiable']);
      expect(disv.reasons.find((r) => r.ruleId === 'farmacie.s3.disv.not-negotiable')?.text).toContain("dossier 'Hulpmiddelen'");
      expect(ids(disv)).toEqual([
        'farmacie.s4.vektis-registration',
        'farmacie.s4.vecozo-certificate',
        'farmacie.s3.disv.certificate',
        'farmacie.s3.disv.complaints-register',
        'farmacie.s3.disv.not-negotiable',
        'farmacie.s3.disv.conditions',
      ]);
    });

    test('002 s3: DISV needs an ISO, HKZ or SEMH certificate valid on 1 January 2026 and a complaints register; each missing one is listed', () => {
      const none = byKind({ contractKinds: ['disv'] }, 'disv');
      expect(none.track).toBe('not-approached');
      expect(failed(none)).toEqual(['farmacie.s3.disv.certificate', 'farmacie.s3.disv.complaints-register']);
      expect(none.reasons.find((r) => r.ruleId === 'farmacie.s3.disv.certificate')?.text).toContain('a comparable certificate is judged by staff');

      const expired = byKind({ contractKinds: ['disv'], certificates: [{ name: 'ISO 9001', validUntil: '2025-12-31' }], pharmacy: { complaintsRegister: true } }, 'disv');
      expect(failed(expired)).toEqual(['farmacie.s3.disv.certificate']);
      expect(expired.reasons.find((r) => !r.met)?.text).toBe('ISO 9001 expired on 2025-12-31, before 2026-01-01');

      for (const name of ['ISO 9001:2015', 'HKZ Apotheken', 'SEMH Hulpmiddelen', 'iso 13485']) {
        expect(byKind({ contractKinds: ['disv'], certificates: [{ name, validUntil: '2026-01-01' }], pharmacy: { complaintsRegister: true } }, 'disv').track).toBe('direct-offer');
      }
      expect(byKind({ contractKinds: ['dieetpreparaten'], certificates: [{ name: 'Keurmerk Dieetwinkel' }], pharmacy: { complaintsRegister: true } }, 'dieetpreparaten').track).toBe('not-approached');
    });

    test('002 s3: a pharmacy is considered for DISV and dieetpreparaten only where its record names them', () => {
      expect(all({}).map((d) => d.contractKind)).toEqual(['farmaceutische-zorg']);
      expect(all({ contractKinds: ['dieetpreparaten'] }).map((d) => d.contractKind)).toEqual(['farmaceutische-zorg', 'dieetpreparaten']);
      expect(all({ contracts: [{ careType: 'farmacie', kind: 'disv', fromYear: 2024, toYear: 2025 }] }).map((d) => d.contractKind)).toEqual(['farmaceutische-zorg', 'disv']);
      expect(all({ contracts: [{ careType: 'hulpmiddelen', kind: 'disv', fromYear: 2024, toYear: 2025 }] }).map((d) => d.contractKind)).toEqual(['farmaceutische-zorg']);
    });

    test('002 s3: a medical shop supplying DISV or dieetpreparaten is not approached here: non-pharmacy suppliers fall under the Hulpmiddelen policy', () => {
      const ds = evaluate(policy, ProviderSchema.parse({ ...pharmacy, agbCode: '76011013', organisation: 'medical-shop', practitioners: [], certificates: [{ name: 'ISO 9001' }], contractKinds: ['disv', 'dieetpreparaten'] }));
      expect(ds.map((d) => [d.contractKind, d.track])).toEqual([
        ['disv', 'not-approached'],
        ['dieetpreparaten', 'not-approached'],
      ]);
      expect(ds[0]!.reasons.map((r) => [r.ruleId, r.met])).toEqual([['farmacie.s3.disv.pharmacy-only', false]]);
      expect(ds[0]!.reasons[0]!.text).toContain('Hulpmiddelen policy');
      expect(evaluate(policy, ProviderSchema.parse({ ...pharmacy, agbCode: '76011013', organisation: 'medical-shop' }))).toEqual([]);
    });

    test('002 s3: dienstapotheken get the basisovereenkomst directly and are never negotiated, even inside a chain group', () => {
      const plain = all({ organisation: 'emergency-pharmacy' });
      expect(plain.map((d) => [d.contractKind, d.track])).toEqual([['dienstapotheek', 'direct-offer']]);
      expect(plain[0]!.reasons.every((r) => r.met)).toBe(true);
      const chain = byKind({ organisation: 'emergency-pharmacy', ...inGroup }, 'dienstapotheek');
      expect(chain.track).toBe('direct-offer');
      expect(failed(chain)).toEqual(['farmacie.s3.emergency-not-negotiated']);
      expect(policy.contractKinds.find((k) => k.id === 'dienstapotheek')?.tracks).not.toContain('negotiation');
    });
  });

  describe('s4 Inkoopprocedure', () => {
    test('002 s4: a running multi-year contract gets no new offer for 2026', () => {
      const d = byKind({ ...inGroup, contracts: [{ careType: 'farmacie', kind: 'farmaceutische-zorg', fromYear: 2025, toYear: 2027 }] }, 'farmaceutische-zorg');
      expect(d.track).toBe('running-contract');
      expect(d.reasons.map((r) => [r.ruleId, r.met])).toEqual([['farmacie.s4.running-contract', false]]);
      expect(d.reasons[0]!.source).toMatchObject({ file: FILE, section: '4 Doorlopende zorgovereenkomst' });
      expect(d.term).toBeUndefined();
    });

    test('002 s4: a contract that ended in 2025 does not run on; contracts of other care types do not count', () => {
      expect(byKind({ contracts: [{ careType: 'farmacie', kind: 'farmaceutische-zorg', fromYear: 2023, toYear: 2025 }] }, 'farmaceutische-zorg').track).toBe('direct-offer');
      expect(byKind({ contracts: [{ careType: 'hulpmiddelen', kind: 'farmaceutische-zorg', fromYear: 2025, toYear: 2027 }] }, 'farmaceutische-zorg').track).toBe('direct-offer');
    });

    test('002 s4: a dienstapotheek whose basisovereenkomst (filed as farmaceutische zorg) runs on gets no new offer; so does a running DISV contract', () => {
      expect(byKind({ organisation: 'emergency-pharmacy', contracts: [{ careType: 'farmacie', kind: 'farmaceutische-zorg', fromYear: 2025, toYear: 2026 }] }, 'dienstapotheek').track).toBe('running-contract');
      const ds = all({ ...disvReady, contracts: [{ careType: 'farmacie', kind: 'disv', fromYear: 2025, toYear: 2026 }] });
      expect(ds.map((d) => [d.contractKind, d.track])).toEqual([
        ['farmaceutische-zorg', 'direct-offer'],
        ['disv', 'running-contract'],
        ['dieetpreparaten', 'direct-offer'],
      ]);
    });

    test('002 s4: without the right Vektis registration or a VECOZO certificate: not approached, each reason named', () => {
      const d = byKind({ vektisRegistered: false, vecozoCertificate: false }, 'farmaceutische-zorg');
      expect(d.track).toBe('not-approached');
      expect(failed(d)).toEqual(['farmacie.s4.vektis-registration', 'farmacie.s4.vecozo-certificate']);
      const wrongCode = byKind({ agbCode: '04012345', practitioners: [] }, 'farmaceutische-zorg');
      expect(failed(wrongCode)).toEqual(['farmacie.s4.vektis-registration']);
      expect(wrongCode.reasons[0]!.text).toBe('AGB 04012345 is not a pharmacy code (02); no apotheker (AGB 02) attached');
    });

    test('002 s4: suspected fraud: no contract for any kind, listed with every other reason that applies', () => {
      const ds = all({ ...disvReady, fraudSuspicion: true, vecozoCertificate: false, pharmacy: {} });
      expect(ds.map((d) => d.track)).toEqual(['not-approached', 'not-approached', 'not-approached']);
      expect(failed(ds[0]!)).toEqual(['farmacie.s4.fraud-suspicion', 'farmacie.s4.vecozo-certificate']);
      expect(failed(ds[1]!)).toEqual(['farmacie.s4.fraud-suspicion', 'farmacie.s4.vecozo-certificate', 'farmacie.s3.disv.complaints-register']);
      expect(ds[0]!.reasons[0]!.source.section).toBe('4 Geen aanbod ontvangen');
    });

    test('002 s4: a late application starts on the first of the month after the application month, never before 1 January 2026', () => {
      const feb = byKind({ application: { receivedOn: '2026-02-10', kinds: ['farmaceutische-zorg'] } }, 'farmaceutische-zorg');
      expect(feb.track).toBe('application');
      expect(feb.startDate).toBe('2026-03-01');
      expect(stepDays(feb)).toEqual({
        offer: { kind: 'upon', event: 'application-complete' },
        'signing-deadline': { kind: 'after', weeks: 4, event: 'offer' },
        publication: { kind: 'from', date: '2025-11-12' },
      });
      expect(byKind({ application: { receivedOn: '2026-01-31', kinds: [] } }, 'farmaceutische-zorg').startDate).toBe('2026-02-01');
      expect(byKind({ application: { receivedOn: '2025-12-03', kinds: [] } }, 'farmaceutische-zorg').startDate).toBe('2026-01-01');
      expect(byKind({ application: { receivedOn: '2025-11-20', kinds: ['farmaceutische-zorg'] } }, 'farmaceutische-zorg').reasons.map((r) => r.ruleId)).toContain('farmacie.s4.late-application');
    });

    test('002 s4: an application for DISV only leaves farmaceutische zorg on its own track; an application with fraud suspicion is refused', () => {
      const ds = all({ certificates: disvReady.certificates, pharmacy: { complaintsRegister: true }, application: { receivedOn: '2026-05-05', kinds: ['disv'] } });
      expect(ds.map((d) => [d.contractKind, d.track, d.startDate])).toEqual([
        ['farmaceutische-zorg', 'direct-offer', undefined],
        ['disv', 'application', '2026-06-01'],
      ]);
      const fraud = byKind({ fraudSuspicion: true, application: { receivedOn: '2026-05-05', kinds: [] } }, 'farmaceutische-zorg');
      expect(fraud.track).toBe('not-approached');
      expect(fraud.startDate).toBeUndefined();
    });

    test('002 s4: every reason names a farmacie rule and the seed file and section', () => {
      const ds = [...all({ ...disvReady, ...inGroup, pharmacy: { memberListReceivedOn: '2025-06-20', complaintsRegister: true } }), ...all({ fraudSuspicion: true, vektisRegistered: false })];
      for (const r of ds.flatMap((d) => d.reasons)) {
        expect(r.ruleId).toMatch(/^farmacie\.s[345]\./);
        expect(r.source.file).toBe(FILE);
        expect(r.source.section).toMatch(/^[345] /);
      }
    });
  });

  test('002 s3/s4/s5: every sample record is valid and gets its expected tracks', () => {
    const records: unknown[] = JSON.parse(readFileSync(join(__dirname, '../../data/samples/farmacie-2026-providers.json'), 'utf8'));
    expect(records.length).toBeGreaterThanOrEqual(8);
    expect(records.length).toBeLessThanOrEqual(20);
    const got = Object.fromEntries(
      records.map((r) => {
        const p = ProviderSchema.parse(r);
        return [p.name, evaluate(policy, p).map((d) => `${d.contractKind}:${d.track}${d.startDate ? `@${d.startDate}` : ''}`)];
      }),
    );
    expect(got).toEqual({
      'Apotheek De Gaper': ['farmaceutische-zorg:direct-offer'],
      'Apotheek Hoogvliet': ['farmaceutische-zorg:negotiation', 'disv:direct-offer', 'dieetpreparaten:direct-offer'],
      'Stadsapotheek Leiden': ['farmaceutische-zorg:direct-offer'],
      'Apotheek Het Kruispunt': ['farmaceutische-zorg:direct-offer'],
      'Apotheek Zuiderpark': ['farmaceutische-zorg:running-contract'],
      'Dienstapotheek Rijnmond': ['dienstapotheek:direct-offer'],
      'Dienstapotheek Utrecht Stad': ['dienstapotheek:direct-offer'],
      'Apotheek De Linde': ['farmaceutische-zorg:direct-offer', 'disv:not-approached'],
      'Apotheek Bergweg': ['farmaceutische-zorg:not-approached'],
      'Apotheek Oosterpoort': ['farmaceutische-zorg:not-approached'],
      'Apotheek Vondelpark': ['farmaceutische-zorg:not-approached'],
      'Apotheek Nieuw Sloten': ['farmaceutische-zorg:application@2026-03-01'],
      'Medisch Speciaalzaak Thuiszorgwinkel Brabant': ['disv:not-approached', 'dieetpreparaten:not-approached'],
      'Apotheek De Wetering': ['farmaceutische-zorg:direct-offer', 'disv:running-contract'],
    });
  });
});
