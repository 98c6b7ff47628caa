import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, type Edition } from '../../policies';
import { certificateCheck, certificateGroups, productGroupsOf, type HulpmiddelenEdition } from '../../policies/care-types/hulpmiddelen';
import type { Decision } from '../../policies/decision';
import { parseEdition } from '../../policies/edition';
import { planFor } from '../../policies/policy';
import { ProviderSchema, type ProviderInput } from '../../policies/provider';
import { edition, rehearsal } from '../helpers/editions';

const FILE = '003_1593987db3a2b065.txt';
const policy = edition('hulpmiddelen-2026') as HulpmiddelenEdition;
const definePolicy = (data: object) => parseEdition(data, 'hulpmiddelen-2026', 'test');
const kindOf = (id: string) => policy.contractKinds.find((k) => k.id === id)!;
const PROSTHESIS_DIPLOMAS = kindOf('prothesen').diplomas;

const RUNNING = [
  'audiologische-hulpmiddelen', 'baha', 'communicatiehulpmiddelen', 'compensatie-arm-hand-vingerfunctie', 'compressietherapie', 'low-vision', 'mammaprothesen',
  'oogprothesen', 'orthesen', 'personenalarmering', 'prothesen', 'soloapparatuur', 'tens', 'visuele-hulpmiddelen',
];
const NEW = [
  'aangepaste-stoel', 'continentiezorg', 'cgm', 'cpap', 'diabeteshulpmiddelen', 'dieetpreparaten', 'disv', 'fgm', 'haarwerken', 'hulp-en-geleidehonden',
  'infuustherapie', 'insulinepompen', 'kinderrevalidatie', 'medische-lenzen', 'ligorthesen', 'medicijnvernevelaars', 'mra', 'orthopedische-schoenen',
  'revalidatiehulpmiddelen', 'slaappositietrainer', 'slijmuitzuigapparatuur', 'stomazorg', 'therapeutisch-elastische-kousen', 'tracheostoma',
  'verbandmiddelen', 'sondevoedingszorg', 'wek-en-waarschuwingssystemen', 'zuurstof',
];
const ONE_YEAR = ['continentiezorg', 'cgm', 'cpap', 'diabeteshulpmiddelen', 'fgm', 'insulinepompen'];
const DIGITAL = ['disv', 'dieetpreparaten'];

/** The certificate table of 003 s3, row by row, written out again from the seed. */
const TABLE: [row: string, kinds: string[], groups: string[][]][] = [
  [
    'BAHA ... zuurstof: ISO-certificaat',
    ['baha', 'communicatiehulpmiddelen', 'compensatie-arm-hand-vingerfunctie', 'compressietherapie', 'cpap', 'infuustherapie', 'insulinepompen', 'kinderrevalidatie',
      'ligorthesen', 'medicijnvernevelaars', 'mra', 'revalidatiehulpmiddelen', 'soloapparatuur', 'sondevoedingszorg', 'slaappositietrainer', 'slijmuitzuigapparatuur',
      'tens', 'tracheostoma', 'visuele-hulpmiddelen', 'wek-en-waarschuwingssystemen', 'zuurstof'],
    [['ISO']],
  ],
  ['Elastische kousen: SEMH-certificaat TEK', ['therapeutisch-elastische-kousen'], [['SEMH TEK']]],
  ['Mammaprothesen: SEMH-certificaat MMC', ['mammaprothesen'], [['SEMH MMC']]],
  ['Orthopedisch schoeisel: SEMH-certificaat OSB', ['orthopedische-schoenen'], [['SEMH OSB']]],
  ['Audiciens: SEMH-certificaat AUD of StAr-registratie', ['audiologische-hulpmiddelen'], [['SEMH AUD', 'StAr']]],
  ['Low vision: lid van de NUVO kwaliteitsgroep Low Vision', ['low-vision'], [['NUVO kwaliteitsgroep Low Vision']]],
  ['Medische lenzen: lid van ANVC', ['medische-lenzen'], [['ANVC']]],
  ['Orthesen: SEMH-certificaat OIM', ['orthesen'], [['SEMH OIM']]],
  ['Personenalarmering: ISO-certificaat en WDTM Ketenkeurmerk', ['personenalarmering'], [['ISO'], ['WDTM Ketenkeurmerk']]],
  ['Prothesen: SEMH-certificaat OIM en een diploma', ['prothesen'], [['SEMH OIM'], PROSTHESIS_DIPLOMAS]],
  ['Haarwerken: SEMH-certificaat HWK of ANKO keurmerk', ['haarwerken'], [['SEMH HWK', 'ANKO']]],
  ['DISV en dieetpreparaten: ISO, HKZ, SEMH', ['disv', 'dieetpreparaten'], [['ISO', 'HKZ', 'SEMH']]],
];
const IN_TABLE = TABLE.flatMap(([, kinds]) => kinds);

const base: ProviderInput = {
  agbCode: '76001234',
  name: 'Hulpmiddelencentrum Midden',
  organisation: 'supplier',
  locations: [{ agbCode: '76001234', name: 'Hulpmiddelencentrum Midden', city: 'Utrecht' }],
  vektisRegistered: true,
  vecozoCertificate: true,
};
const provider = (overrides: Partial<ProviderInput>) => ProviderSchema.parse({ ...base, ...overrides });
const decisions = (overrides: Partial<ProviderInput>, p: Edition = policy) => evaluate(p, provider(overrides));
const one = (kind: string, overrides: Partial<ProviderInput>, p: Edition = policy): Decision => {
  const found = decisions(overrides, p).find((d) => d.contractKind === kind);
  if (!found) throw new Error(`no decision for ${kind}`);
  return found;
};
const contract2025 = (kind: string) => ({ careType: 'hulpmiddelen' as const, kind, fromYear: 2025, toYear: 2025 });
const failed = (d: Decision) => d.reasons.filter((r) => !r.met).map((r) => r.ruleId);
/** A record that gets an offer for `kind` when its certificates are in order. */
const offerable = (kind: string, certificates: { name: string; validUntil?: string }[]): Partial<ProviderInput> =>
  RUNNING.includes(kind)
    ? { contractKinds: [kind], certificates, application: { receivedOn: '2026-02-10', kinds: [kind] } }
    : { contractKinds: [kind], certificates, contracts: [contract2025(kind)], ...(DIGITAL.includes(kind) ? { organisation: 'medical-shop' as const, nationalCoverage: true, complaintsRegister: true } : {}) };

describe('Hulpmiddelen 2026 (003_1593987db3a2b065.txt)', () => {
  test('003 s4: every product group is a contract kind: 14 running 2025-2026, 28 new in 2026 (27 listed plus DISV)', () => {
    expect(policy.contractKinds.map((k) => k.id)).toEqual([...RUNNING, ...NEW]);
    for (const id of RUNNING) {
      expect(kindOf(id)).toMatchObject({ runsOn: { fromYear: 2025, toYear: 2026 }, tracks: ['running-contract', 'application', 'not-approached'] });
      expect(kindOf(id).term).toBeUndefined();
    }
    for (const id of NEW) {
      expect(kindOf(id).runsOn).toBeUndefined();
      expect(kindOf(id).term).toEqual({ fromYear: 2026, toYear: ONE_YEAR.includes(id) ? 2026 : 2027 });
      expect(kindOf(id).tracks.includes('negotiation')).toBe(!DIGITAL.includes(id));
    }
    expect(policy.contractKinds.every((k) => k.source.file === FILE)).toBe(true);
  });

  test('003 s5: the planning dates per product group resolve to days', () => {
    const offer = (kind: string) => planFor(policy, 'direct-offer', kind).offer?.date;
    for (const k of ['haarwerken', 'therapeutisch-elastische-kousen', 'orthopedische-schoenen']) expect(offer(k)).toEqual({ kind: 'window', from: '2025-08-16', to: '2025-08-31' });
    for (const k of ['cgm', 'dieetpreparaten', 'disv', 'fgm']) expect(offer(k)).toEqual({ kind: 'window', from: '2025-09-16', to: '2025-09-30' });
    for (const k of ['aangepaste-stoel', 'zuurstof', 'stomazorg', 'insulinepompen']) expect(offer(k)).toEqual({ kind: 'window', from: '2025-09-01', to: '2025-09-30' });
    const nego = planFor(policy, 'negotiation', 'zuurstof');
    expect(nego.invitation?.date).toEqual({ kind: 'by', date: '2025-09-01' });
    expect(nego.offer?.date).toEqual({ kind: 'upon', event: 'conversation-positive' });
    for (const track of ['direct-offer', 'negotiation', 'application'] as const) {
      const plan = planFor(policy, track, track === 'application' ? 'oogprothesen' : 'cpap');
      expect(plan['signing-deadline']?.date).toEqual({ kind: 'on', date: '2025-11-07' });
      expect(plan.publication?.date).toEqual({ kind: 'from', date: '2025-11-12' });
    }
    expect(planFor(policy, 'application', 'oogprothesen').offer?.date).toEqual({ kind: 'upon', event: 'application-complete' });
  });

  test('003 s4: Nieuwe producten: requests before 1 August 2025 (last day 31 July), a step of the new groups only; none added during the term', () => {
    expect(planFor(policy, 'direct-offer', 'cpap')['new-product-deadline']?.date).toEqual({ kind: 'by', date: '2025-07-31' });
    expect(planFor(policy, 'negotiation', 'zuurstof')['new-product-deadline']?.date).toEqual({ kind: 'by', date: '2025-07-31' });
    expect(planFor(policy, 'running-contract', 'orthesen')['new-product-deadline']).toBeUndefined();
    const rule = policy.conditions.find((c) => c.id === 'hulpmiddelen.s4.new-products');
    expect(rule?.text).toContain('no products are added during a contract\'s term');
    expect(rule?.source).toMatchObject({ file: FILE, section: '4 Nieuwe producten' });
  });

  test('003 s4: Doorlopende zorgovereenkomst: a 2025-2026 contract of every running group runs on, no new offer', () => {
    for (const kind of RUNNING) {
      const d = one(kind, { contracts: [{ careType: 'hulpmiddelen', kind, fromYear: 2025, toYear: 2026 }] });
      expect(d.track).toBe('running-contract');
      expect(d.term).toBeUndefined();
      expect(d.reasons).toEqual([expect.objectContaining({ ruleId: 'hulpmiddelen.s4.running-contract', met: false })]);
    }
  });

  test('003 s4: Doorlopende zorgovereenkomst: a running group without a contract gets no new offer; may apply', () => {
    const d = one('orthesen', { contractKinds: ['orthesen'], certificates: [{ name: 'SEMH OIM' }], contracts: [contract2025('orthesen')] });
    expect(d.track).toBe('not-approached');
    expect(failed(d)).toEqual(['hulpmiddelen.s4.running-product-group']);
    expect(d.reasons[0]!.text).toContain('may apply');
  });

  test('003 s4: Zorgaanbieders zonder onderhandeling: contracted in 2025 for the group, Vektis, VECOZO, certificates: direct offer in the group window', () => {
    const d = one('orthopedische-schoenen', offerable('orthopedische-schoenen', [{ name: 'SEMH OSB' }]));
    expect(d.track).toBe('direct-offer');
    expect(d.term).toEqual({ fromYear: 2026, toYear: 2027 });
    expect(d.reasons.every((r) => r.met)).toBe(true);
    expect(d.reasons.map((r) => r.ruleId)).toEqual([
      'hulpmiddelen.s4.contract-previous-year', 'hulpmiddelen.s4.vektis-registration', 'hulpmiddelen.s4.vecozo-certificate', 'hulpmiddelen.s3.certificates', 'hulpmiddelen.s3.conditions',
    ]);
    expect(d.plan).toMatchObject({ invitationBy: '2025-08-31', publicationFrom: '2025-11-12', signing: { kind: 'fixed', date: '2025-11-07' } });
    expect(one('cpap', offerable('cpap', [{ name: 'ISO 13485' }])).term).toEqual({ fromYear: 2026, toYear: 2026 });
  });

  test('003 s4: a 2025 contract for another product group does not bring an offer for this one', () => {
    const d = one('cpap', { contractKinds: ['cpap'], certificates: [{ name: 'ISO' }], contracts: [contract2025('zuurstof')] });
    expect(d.track).toBe('not-approached');
    expect(failed(d)).toEqual(['hulpmiddelen.s4.contract-previous-year']);
    expect(one('zuurstof', { contractKinds: ['cpap'], certificates: [{ name: 'ISO' }], contracts: [contract2025('zuurstof')] }).track).toBe('direct-offer');
  });

  test('003 s4: Zorgaanbieders met onderhandeling: a selected supplier negotiates, approached by 1 September 2025, even without a 2025 contract', () => {
    const d = one('zuurstof', { contractKinds: ['zuurstof'], certificates: [{ name: 'ISO' }], selectedForNegotiation: true });
    expect(d.track).toBe('negotiation');
    expect(d.reasons[0]).toMatchObject({ ruleId: 'hulpmiddelen.s4.selected-for-negotiation', met: true });
    expect(d.plan.invitationBy).toBe('2025-09-01');
    expect(d.term).toEqual({ fromYear: 2026, toYear: 2027 });
    const blocked = one('zuurstof', { contractKinds: ['zuurstof'], selectedForNegotiation: true });
    expect(blocked.track).toBe('not-approached');
    expect(failed(blocked)).toEqual(['hulpmiddelen.s3.certificates']);
  });

  test('003 s3: DISV en dieetpreparaten: not negotiable: a selected medical shop gets the direct offer (2e helft september)', () => {
    const d = one('disv', { ...offerable('disv', [{ name: 'HKZ' }]), selectedForNegotiation: true });
    expect(d.track).toBe('direct-offer');
    expect(d.reasons.map((r) => r.ruleId)).toContain('hulpmiddelen.s3.disv-not-negotiable');
    expect(d.plan.invitationBy).toBe('2025-09-30');
    const fresh = one('dieetpreparaten', { organisation: 'medical-shop', contractKinds: ['dieetpreparaten'], certificates: [{ name: 'ISO' }], complaintsRegister: true, selectedForNegotiation: true });
    expect(fresh.track).toBe('not-approached');
    expect(failed(fresh)).toEqual(['hulpmiddelen.s4.contract-previous-year']);
  });

  test('003 s3: DISV en dieetpreparaten: a pharmacy is referred to the pharmacy policy; a supplier counts as a medical shop', () => {
    const pharmacy = decisions({ agbCode: '02001122', organisation: 'pharmacy', contractKinds: ['disv', 'dieetpreparaten'], certificates: [{ name: 'ISO' }], contracts: [contract2025('disv'), contract2025('dieetpreparaten')] });
    expect(pharmacy.map((d) => [d.contractKind, d.track, failed(d)])).toEqual([
      ['dieetpreparaten', 'not-approached', ['hulpmiddelen.s3.disv-pharmacy']],
      ['disv', 'not-approached', ['hulpmiddelen.s3.disv-pharmacy']],
    ]);
    expect(one('disv', { ...offerable('disv', [{ name: 'ISO' }]), organisation: 'supplier' }).track).toBe('direct-offer');
  });

  test('003 s3: DISV randvoorwaarden "Landelijke dekking": false stops the offer, not recorded does not', () => {
    const no = one('disv', { ...offerable('disv', [{ name: 'ISO' }]), nationalCoverage: false });
    expect(no.track).toBe('not-approached');
    expect(failed(no)).toEqual(['hulpmiddelen.s3.national-coverage']);
    const unknown = one('disv', { ...offerable('disv', [{ name: 'ISO' }]), nationalCoverage: undefined });
    expect(unknown.track).toBe('direct-offer');
    expect(unknown.reasons.find((r) => r.ruleId === 'hulpmiddelen.s3.national-coverage')?.text).toContain('not recorded');
  });

  describe('003 s3 certificate table', () => {
    test('003 s3: product groups without a row need no certificate', () => {
      for (const k of policy.contractKinds.filter((k) => !IN_TABLE.includes(k.id))) expect([k.id, certificateGroups(k)]).toEqual([k.id, []]);
      expect(policy.contractKinds.filter((k) => !IN_TABLE.includes(k.id)).map((k) => k.id).sort()).toEqual(
        ['aangepaste-stoel', 'cgm', 'continentiezorg', 'diabeteshulpmiddelen', 'fgm', 'hulp-en-geleidehonden', 'oogprothesen', 'stomazorg', 'verbandmiddelen'],
      );
    });

    const rows = TABLE.flatMap(([row, kinds, groups]) => kinds.map((kind) => [row, kind, groups] as const));
    test.each(rows)('003 s3: table row "%s": %s', (_row, kind, groups) => {
      expect(certificateGroups(kindOf(kind))).toEqual(groups);
      // Every alternative of every group counts on its own (with the first of the other groups).
      for (const [g, group] of groups.entries()) {
        for (const alternative of group) {
          const held = groups.map((other, i) => ({ name: i === g ? alternative : other[0]! }));
          const d = one(kind, offerable(kind, held));
          expect([alternative, d.track]).toEqual([alternative, RUNNING.includes(kind) ? 'application' : 'direct-offer']);
        }
      }
      // Without any: not approached, every missing group named.
      const none = one(kind, offerable(kind, []));
      expect(none.track).toBe('not-approached');
      expect(failed(none)).toEqual(['hulpmiddelen.s3.certificates']);
      const text = none.reasons.find((r) => r.ruleId === 'hulpmiddelen.s3.certificates')!.text;
      for (const group of groups) expect(text).toContain(group.join(' or '));
      // With only the first group (where there are two): the second is named, the first not.
      if (groups.length === 2) {
        const half = one(kind, offerable(kind, [{ name: groups[0]![0]! }]));
        const halfText = half.reasons.find((r) => r.ruleId === 'hulpmiddelen.s3.certificates')!.text;
        expect(half.track).toBe('not-approached');
        expect(halfText).toContain(groups[1]!.join(' or '));
        expect(halfText).not.toContain(`${groups[0]!.join(' or ')};`);
      }
    });

    test('003 s3: certificate names match loosely ("SEMH-certificaat TEK", "ISO 9001:2015", "StAr-registratie")', () => {
      expect(one('therapeutisch-elastische-kousen', offerable('therapeutisch-elastische-kousen', [{ name: 'SEMH-certificaat TEK' }])).track).toBe('direct-offer');
      expect(one('zuurstof', offerable('zuurstof', [{ name: 'ISO 9001:2015' }])).track).toBe('direct-offer');
      expect(one('audiologische-hulpmiddelen', offerable('audiologische-hulpmiddelen', [{ name: 'StAr-registratie' }])).track).toBe('application');
      expect(one('zuurstof', offerable('zuurstof', [{ name: 'ISOLATIE' }])).track).toBe('not-approached');
      expect(one('disv', offerable('disv', [{ name: 'SEMH OIM' }])).track).toBe('direct-offer');
      expect(one('therapeutisch-elastische-kousen', offerable('therapeutisch-elastische-kousen', [{ name: 'SEMH' }])).track).toBe('not-approached');
    });

    test('003 s3: validUntil must not be before the contract start: 31 December 2025 is expired, 1 January 2026 counts', () => {
      const expired = one('zuurstof', offerable('zuurstof', [{ name: 'ISO', validUntil: '2025-12-31' }]));
      expect(expired.track).toBe('not-approached');
      expect(expired.reasons.find((r) => !r.met)?.text).toContain('expired: ISO until 2025-12-31');
      expect(one('zuurstof', offerable('zuurstof', [{ name: 'ISO', validUntil: '2026-01-01' }])).track).toBe('direct-offer');
      expect(one('zuurstof', offerable('zuurstof', [{ name: 'ISO', validUntil: '2025-12-31' }, { name: 'ISO 9001', validUntil: '2027-01-01' }])).track).toBe('direct-offer');
    });

    test('003 s3: (with s4 Geen aanbod ontvangen) for a late application the certificate must be valid on its start date', () => {
      const app = (validUntil: string) => one('orthesen', { contractKinds: ['orthesen'], certificates: [{ name: 'SEMH OIM', validUntil }], application: { receivedOn: '2026-03-12', kinds: [] } });
      expect(app('2026-03-31').track).toBe('not-approached');
      expect(app('2026-04-01')).toMatchObject({ track: 'application', startDate: '2026-04-01' });
    });

    test('003 s3: Prothesen: the diploma counts from the record or from a practitioner\'s registration', () => {
      expect(one('prothesen', offerable('prothesen', [{ name: 'SEMH OIM' }])).track).toBe('not-approached');
      const viaPractitioner = one('prothesen', {
        ...offerable('prothesen', [{ name: 'SEMH OIM' }]),
        practitioners: [{ agbCode: '76101234', name: 'Joost Hendriks', registrations: ['Adviseur Gezondheidstechnische Voorzieningen'] }],
      });
      expect(viaPractitioner.track).toBe('application');
    });

    test('003 s3: Elastische kousen: KABIZ is preferred, not required', () => {
      const without = one('therapeutisch-elastische-kousen', offerable('therapeutisch-elastische-kousen', [{ name: 'SEMH TEK' }]));
      expect(without.track).toBe('direct-offer');
      expect(without.reasons.find((r) => r.ruleId === 'hulpmiddelen.s3.kabiz-preferred')).toMatchObject({ met: true, text: expect.stringContaining('not registered') });
      const withKabiz = one('therapeutisch-elastische-kousen', {
        ...offerable('therapeutisch-elastische-kousen', [{ name: 'SEMH TEK' }]),
        practitioners: [{ agbCode: '76106789', registrations: ['KABIZ'] }],
      });
      expect(withKabiz.reasons.find((r) => r.ruleId === 'hulpmiddelen.s3.kabiz-preferred')?.text).toBe('registered in the KABIZ register (preferred)');
    });

    test('003 s3: certificateCheck names the kind and what it holds', () => {
      expect(certificateCheck(policy, kindOf('personenalarmering'), provider({ certificates: [{ name: 'ISO' }, { name: 'WDTM Ketenkeurmerk' }] }), '2026-01-01')).toMatchObject({
        met: true,
        text: 'Personenalarmering: holds ISO and WDTM Ketenkeurmerk, valid on 2026-01-01',
        source: { file: FILE, section: '3 Hulpmiddelen - Randvoorwaarden (schema certificaten)' },
      });
    });
  });

  test('003 s4: Vektis, VECOZO, certificates and fraud suspicion: every unmet rule is listed', () => {
    const d = one('zuurstof', { contractKinds: ['zuurstof'], contracts: [contract2025('zuurstof')], vektisRegistered: false, vecozoCertificate: false, fraudSuspicion: true });
    expect(d.track).toBe('not-approached');
    expect(failed(d)).toEqual(['hulpmiddelen.s4.vektis-registration', 'hulpmiddelen.s4.vecozo-certificate', 'hulpmiddelen.s3.certificates', 'hulpmiddelen.s4.fraud-suspicion']);
  });

  test('003 s4: Geen aanbod ontvangen: fraud suspicion stops every track that offers, including negotiation and applications', () => {
    expect(failed(one('zuurstof', { ...offerable('zuurstof', [{ name: 'ISO' }]), selectedForNegotiation: true, fraudSuspicion: true }))).toEqual(['hulpmiddelen.s4.fraud-suspicion']);
    expect(failed(one('oogprothesen', { contractKinds: ['oogprothesen'], application: { receivedOn: '2026-02-17', kinds: [] }, fraudSuspicion: true }))).toEqual(['hulpmiddelen.s4.fraud-suspicion']);
  });

  test('003 s4: Geen aanbod ontvangen: a contract starts on the first of the month after the application month, never before 1 January', () => {
    const feb = one('oogprothesen', { contractKinds: ['oogprothesen'], application: { receivedOn: '2026-02-17', kinds: ['oogprothesen'] } });
    expect(feb).toMatchObject({ track: 'application', startDate: '2026-03-01' });
    expect(feb.plan.steps.find((st) => st.step === 'offer')?.date).toEqual({ kind: 'upon', event: 'application-complete' });
    expect(one('oogprothesen', { contractKinds: ['oogprothesen'], application: { receivedOn: '2026-01-31', kinds: [] } }).startDate).toBe('2026-02-01');
    expect(one('oogprothesen', { contractKinds: ['oogprothesen'], application: { receivedOn: '2025-10-20', kinds: [] } }).startDate).toBe('2026-01-01');
    const newGroup = one('stomazorg', { contractKinds: ['stomazorg'], application: { receivedOn: '2026-06-30', kinds: [] } });
    expect(newGroup).toMatchObject({ track: 'application', startDate: '2026-07-01', term: { fromYear: 2026, toYear: 2027 } });
    expect(policy.lateApplication).toMatchObject({ startRule: 'first-of-next-month', source: { file: FILE, section: '4 Geen aanbod ontvangen' } });
  });

  test('003 s4: Geen aanbod ontvangen: an application names its groups (none named: every group of the supplier); a direct offer wins over it', () => {
    const d = decisions({ contractKinds: ['stomazorg', 'verbandmiddelen'], application: { receivedOn: '2026-02-01', kinds: ['stomazorg'] } });
    expect(d.map((x) => [x.contractKind, x.track])).toEqual([['stomazorg', 'application'], ['verbandmiddelen', 'not-approached']]);
    expect(one('stomazorg', { contractKinds: ['stomazorg'], contracts: [contract2025('stomazorg')], application: { receivedOn: '2026-02-01', kinds: [] } }).track).toBe('direct-offer');
  });

  test('003 s4: the groups a supplier is considered for come from contractKinds, its hulpmiddelen contracts of 2025-2026 and its application', () => {
    const p = provider({
      contractKinds: ['zuurstof', 'fysiotherapie'],
      contracts: [contract2025('cpap'), { careType: 'hulpmiddelen', kind: 'orthesen', fromYear: 2025, toYear: 2026 }, { careType: 'hulpmiddelen', kind: 'tens', fromYear: 2022, toYear: 2024 }, { careType: 'farmacie', kind: 'disv', fromYear: 2025, toYear: 2025 }],
      application: { receivedOn: '2026-02-01', kinds: ['stomazorg'] },
    });
    expect(productGroupsOf(policy, p).map((k) => k.id)).toEqual(['orthesen', 'cpap', 'stomazorg', 'zuurstof']);
    expect(evaluate(policy, provider({}))).toEqual([]);
  });

  test('003 s4: every reason names its rule id and seed section', () => {
    const all = JSON.parse(readFileSync(join(__dirname, '../../data/samples/hulpmiddelen-2026-providers.json'), 'utf8')) as ProviderInput[];
    for (const record of all) {
      for (const d of evaluate(policy, ProviderSchema.parse(record))) {
        for (const r of d.reasons) {
          expect(r.ruleId).toMatch(/^hulpmiddelen\.s[345]\./);
          expect(r.source.file).toBe(FILE);
          expect(r.source.section).toMatch(/^[345] /);
        }
      }
    }
  });

  test('003 s5: a rehearsal edition moves the dates by whole years and decides alike', () => {
    const r = rehearsal('hulpmiddelen-2026', 2028);
    expect(planFor(r, 'direct-offer', 'haarwerken').offer?.date).toEqual({ kind: 'window', from: '2027-08-16', to: '2027-08-31' });
    expect(kindOf('orthesen').runsOn).toEqual({ fromYear: 2025, toYear: 2026 });
    expect(r.contractKinds.find((k) => k.id === 'orthesen')?.runsOn).toEqual({ fromYear: 2027, toYear: 2028 });
    const d = one('haarwerken', { contractKinds: ['haarwerken'], certificates: [{ name: 'ANKO' }], contracts: [{ careType: 'hulpmiddelen', kind: 'haarwerken', fromYear: 2027, toYear: 2027 }] }, r);
    expect(d).toMatchObject({ track: 'direct-offer', term: { fromYear: 2028, toYear: 2029 }, plan: { signing: { kind: 'fixed', date: '2027-11-07' }, publicationFrom: '2027-11-12' } });
    expect(one('oogprothesen', { contractKinds: ['oogprothesen'], application: { receivedOn: '2028-05-03', kinds: [] } }, r).startDate).toBe('2028-06-01');
  });

  test('003 s5: a broken copy is refused, naming the policy, the item and the problem', () => {
    const offerIndex = policy.calendar.findIndex((st) => st.step === 'offer' && st.when === 'september 2025');
    const late = policy.calendar.map((st, i) => (i === offerIndex ? { ...st, when: 'december 2025' } : st));
    expect(() => definePolicy({ ...policy, calendar: late })).toThrow(/^hulpmiddelen-2026: /);
    expect(() => definePolicy({ ...policy, calendar: late })).toThrow(
      /\n {2}calendar\[7\]: aangepaste-stoel \(direct-offer\)[^\n]*: offer 'december 2025' \(2025-12-01 to 2025-12-31\) is not before signing-deadline '7 november 2025' \(2025-11-07\)/,
    );
    const unknown = policy.calendar.map((st, i) => (i === 1 ? { ...st, kinds: [...st.kinds!, 'rolstoelen'] } : st));
    expect(() => definePolicy({ ...policy, calendar: unknown })).toThrow("calendar[1].kinds[3]: unknown contract kind 'rolstoelen' (known: audiologische-hulpmiddelen, baha,");
    const unreadable = policy.calendar.map((st, i) => (i === 0 ? { ...st, when: 'ergens in juli 2025' } : st));
    expect(() => definePolicy({ ...policy, calendar: unreadable })).toThrow("hulpmiddelen-2026: 1 problem(s):\n  calendar[0].when: cannot read the planning date 'ergens in juli 2025'");
    const running = policy.contractKinds.map((k) => (k.id === 'tens' ? { ...k, runsOn: { fromYear: 2026, toYear: 2027 } } : k));
    expect(() => definePolicy({ ...policy, contractKinds: running })).toThrow('contractKinds[12].runsOn: a running contract 2026-2027 must start before and cover 2026');
  });

  test('003 s4: every sample record gets the expected tracks', () => {
    const all = JSON.parse(readFileSync(join(__dirname, '../../data/samples/hulpmiddelen-2026-providers.json'), 'utf8')) as ProviderInput[];
    const expected: Record<string, [kind: string, track: string, failed?: string[], startDate?: string][]> = {
      'Hoorcomfort Audiciens B.V.': [['audiologische-hulpmiddelen', 'running-contract']],
      'Van der Linden Orthopedie': [['prothesen', 'running-contract'], ['orthopedische-schoenen', 'direct-offer', []]],
      'Medireva Thuiszorgwinkel': [['dieetpreparaten', 'direct-offer', []], ['disv', 'direct-offer', []]],
      'Zuurstofservice Nederland B.V.': [['cpap', 'negotiation', []], ['zuurstof', 'negotiation', []]],
      'Haarstudio Bella Haarwerken': [['haarwerken', 'direct-offer', []]],
      'Kousen & Zorg Steunkousenspecialist': [['therapeutisch-elastische-kousen', 'direct-offer', []]],
      'Stomaplus B.V.': [['stomazorg', 'not-approached', ['hulpmiddelen.s4.vecozo-certificate']]],
      'Diabetes Direct Nederland': [['cgm', 'not-approached', ['hulpmiddelen.s4.fraud-suspicion']], ['fgm', 'not-approached', ['hulpmiddelen.s4.fraud-suspicion']]],
      'Apotheek De Linde': [['dieetpreparaten', 'not-approached', ['hulpmiddelen.s3.disv-pharmacy']]],
      'Alarmcentrale Zorgwaak': [['personenalarmering', 'not-approached', ['hulpmiddelen.s3.certificates']]],
      'OogZorg Prothetiek': [['oogprothesen', 'application', [], '2026-03-01']],
      'Lenzenpraktijk Helder Zicht': [['medische-lenzen', 'application', [], '2026-01-01']],
      'Thuiszorgwinkel Noord': [['disv', 'not-approached', ['hulpmiddelen.s3.national-coverage', 'hulpmiddelen.s3.disv-complaints-register']]],
      'Vernevel Medical': [['medicijnvernevelaars', 'not-approached', ['hulpmiddelen.s4.vektis-registration', 'hulpmiddelen.s3.certificates']]],
      'Revalidatietechniek Oost': [['kinderrevalidatie', 'not-approached', ['hulpmiddelen.s4.contract-previous-year']]],
    };
    expect(all.map((r) => r.name).sort()).toEqual(Object.keys(expected).sort());
    const tracks = new Set<string>();
    for (const record of all) {
      const got = evaluate(policy, ProviderSchema.parse(record));
      const want = expected[record.name]!;
      expect([record.name, got.map((d) => d.contractKind)]).toEqual([record.name, want.map(([k]) => k)]);
      for (const [i, [kind, track, fails, startDate]] of want.entries()) {
        const d = got[i]!;
        tracks.add(d.track);
        expect([record.name, kind, d.track]).toEqual([record.name, kind, track]);
        if (fails) expect([record.name, kind, failed(d)]).toEqual([record.name, kind, fails]);
        if (startDate) expect(d.startDate).toBe(startDate);
      }
    }
    expect([...tracks].sort()).toEqual(['application', 'direct-offer', 'negotiation', 'not-approached', 'running-contract']);
  });
  test('003 s3 DISV en dieetpreparaten randvoorwaarden: a medical shop whose record shows no complaints register gets no DISV or dieetpreparaten offer; with one it does', () => {
    for (const kind of DIGITAL) {
      const shop = { ...offerable(kind, [{ name: 'ISO 9001' }]), agbCode: '76011777', locations: [{ agbCode: '76011777', name: 'Thuiszorgwinkel Oost', city: 'Deventer' }] };
      expect(one(kind, shop)).toMatchObject({ track: 'direct-offer' });
      const none = one(kind, { ...shop, complaintsRegister: undefined });
      expect(none.track).toBe('not-approached');
      expect(none.reasons.find((r) => r.ruleId === 'hulpmiddelen.s3.disv-complaints-register')).toMatchObject({
        met: false,
        text: 'no complaints procedure with a complaints register on record: the condition is not shown, no offer until it is',
        source: { file: '003_1593987db3a2b065.txt', section: '3 Verbruiksartikelen (DISV) en dieetpreparaten', quote: 'Klachtenregeling en registratie van klachten van verzekerden in een klachtenregister' },
      });
      expect(one(kind, { ...shop, complaintsRegister: false }).track).toBe('not-approached');
    }
    // Only the digital kinds ask it of the record; other groups accept it by signing, as before.
    expect(one('haarwerken', offerable('haarwerken', [{ name: 'SEMH HWK' }])).track).toBe('direct-offer');
  });
});
