import { evaluate } from '../../policies';
import { definePolicy, rehearsePolicy } from '../../policies/policy';
import { ProviderSchema, type ProviderInput } from '../../policies/provider';
import { zg2026 } from '../../policies/zg-2026';

const base: ProviderInput = {
  agbCode: '01234567',
  name: 'Koninklijke Visio',
  locations: [{ agbCode: '01234567', name: 'Visio Het Loo Erf', city: 'Apeldoorn' }],
  vektisRegistered: true,
  vecozoCertificate: true,
  contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2025, toYear: 2025 }],
};
const decide = (overrides: Partial<ProviderInput>) => evaluate(zg2026, ProviderSchema.parse({ ...base, ...overrides }));

describe('ZG 2026 (000_4af25b5be7b4daf8.txt)', () => {
  test('000 s5: the planning dates: invitations by mid-September (15th), sign 4 weeks after the offer, publish from 12 November 2025', () => {
    expect(zg2026.calendar.invitationBy?.date).toBe('2025-09-15');
    expect(zg2026.calendar.signing).toMatchObject({ kind: 'weeks-after-offer', weeks: 4 });
    expect(zg2026.calendar.publicationFrom.date).toBe('2025-11-12');
    expect(zg2026.calendar.applicationBy?.date).toBe('2025-09-01');
  });

  test('000 s4 Doorlopende zorgovereenkomst: a multi-year contract running into 2026 gets no offer', () => {
    const d = decide({ contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2024, toYear: 2027 }] });
    expect(d.track).toBe('running-contract');
    expect(d.reasons).toEqual([expect.objectContaining({ ruleId: 'zg.s4.running-contract', met: false, source: expect.objectContaining({ file: '000_4af25b5be7b4daf8.txt' }) })]);
  });

  test('000 s4 ZG-instellingen: contracted in 2025, Vektis and VECOZO in order: invited to the purchase conversation', () => {
    const d = decide({});
    expect(d.track).toBe('negotiation');
    expect(d.reasons.every((r) => r.met)).toBe(true);
    expect(d.reasons.map((r) => r.ruleId)).toEqual(['zg.s4.contract-previous-year', 'zg.s4.vektis-registration', 'zg.s4.vecozo-certificate', 'zg.s3.conditions']);
    expect(d.plan).toMatchObject({ invitationBy: '2025-09-15', publicationFrom: '2025-11-12' });
  });

  test('000 s4 Geen aanbod ontvangen: no 2025 contract: not approached, may apply by 1 September 2025', () => {
    const d = decide({ contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2022, toYear: 2024 }] });
    expect(d.track).toBe('not-approached');
    expect(d.reasons.find((r) => !r.met)?.text).toContain('may apply by 2025-09-01');
  });

  test('000 s4: no VECOZO certificate, or no Vektis registration: not approached, each reason named', () => {
    const d = decide({ vecozoCertificate: false, vektisRegistered: false });
    expect(d.track).toBe('not-approached');
    expect(d.reasons.filter((r) => !r.met).map((r) => r.ruleId)).toEqual(['zg.s4.vektis-registration', 'zg.s4.vecozo-certificate']);
  });

  test('contracts of other care types do not count for ZG', () => {
    expect(decide({ contracts: [{ careType: 'paramedisch', kind: 'fysiotherapie', fromYear: 2025, toYear: 2026 }] }).track).toBe('not-approached');
  });

  test('a rehearsal edition moves every date by whole years and decides alike', () => {
    const r = rehearsePolicy(zg2026, 2028);
    expect(r.id).toBe('zg-2026-rehearsal-2028');
    expect(r.calendar.publicationFrom.date).toBe('2027-11-12');
    expect(r.calendar.invitationBy?.date).toBe('2027-09-15');
    const d = evaluate(r, ProviderSchema.parse({ ...base, contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2027, toYear: 2027 }] }));
    expect(d.track).toBe('negotiation');
  });

  test('a policy whose calendar is out of order is refused, naming the policy, the item and the problem', () => {
    expect(() =>
      definePolicy({ ...zg2026, calendar: { ...zg2026.calendar, invitationBy: { ...zg2026.calendar.invitationBy!, date: '2025-12-01' } } }),
    ).toThrow('Policy zg-2026 is invalid:\n  calendar.invitationBy: invitations by 2025-12-01 are not before publication from 2025-11-12');
    expect(() =>
      definePolicy({ ...zg2026, calendar: { ...zg2026.calendar, publicationFrom: { ...zg2026.calendar.publicationFrom, date: '2025-11-31' } } }),
    ).toThrow('calendar.publicationFrom.date: no such calendar date');
  });
});
