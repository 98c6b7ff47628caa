import { evaluate, rehearse } from '../../policies';
import { parseEdition } from '../../policies/edition';
import { planFor } from '../../policies/policy';
import { ProviderSchema, type ProviderInput } from '../../policies/provider';
import { edition } from '../helpers/editions';

const zg = edition('zg-2026');
const policy = zg;
const definePolicy = (data: object) => parseEdition(data, 'zg-2026', 'test');
const base: ProviderInput = {
  agbCode: '01234567',
  name: 'Koninklijke Visio',
  locations: [{ agbCode: '01234567', name: 'Visio Het Loo Erf', city: 'Apeldoorn' }],
  vektisRegistered: true,
  vecozoCertificate: true,
  contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2025, toYear: 2025 }],
};
const decide = (overrides: Partial<ProviderInput>) => {
  const decisions = evaluate(zg, ProviderSchema.parse({ ...base, ...overrides }));
  expect(decisions).toHaveLength(1);
  return decisions[0]!;
};

describe('ZG 2026 (000_4af25b5be7b4daf8.txt)', () => {
  test('000 s5: the planning dates: invitations by mid-September (15th), sign 4 weeks after the offer, publish from 12 November 2025', () => {
    const plan = planFor(policy, 'negotiation', 'zg');
    expect(plan.invitation?.date).toEqual({ kind: 'by', date: '2025-09-15' });
    expect(plan.offer?.date).toEqual({ kind: 'upon', event: 'conversation-positive' });
    expect(plan['signing-deadline']?.date).toEqual({ kind: 'after', weeks: 4, event: 'offer' });
    expect(plan.publication?.date).toEqual({ kind: 'from', date: '2025-11-12' });
    expect(planFor(policy, 'application', 'zg')['application-deadline']?.date).toEqual({ kind: 'by', date: '2025-09-01' });
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
    expect(d.plan).toMatchObject({ invitationBy: '2025-09-15', publicationFrom: '2025-11-12', signing: { kind: 'weeks-after-offer', weeks: 4 } });
  });

  test('000 s4 Geen aanbod ontvangen: no 2025 contract: not approached, may apply by 1 September 2025', () => {
    const d = decide({ contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2022, toYear: 2024 }] });
    expect(d.track).toBe('not-approached');
    expect(d.reasons.find((r) => !r.met)?.text).toContain('may apply by 2025-09-01');
  });

  test('000 s4 Geen aanbod ontvangen: an application by 1 September 2025 is assessed; a later one is refused (no new contracts during the year)', () => {
    expect(decide({ contracts: [], application: { receivedOn: '2025-09-01', kinds: ['zg'] } }).track).toBe('application');
    const late = decide({ contracts: [], application: { receivedOn: '2025-09-02', kinds: ['zg'] } });
    expect(late.track).toBe('not-approached');
    expect(late.reasons[0]).toMatchObject({ ruleId: 'zg.s4.application-in-time', met: false });
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
    const r = rehearse(zg, 2028);
    expect(r.id).toBe('zg-2026-rehearsal-2028');
    const plan = planFor(r, 'negotiation', 'zg');
    expect(plan.publication?.date).toEqual({ kind: 'from', date: '2027-11-12' });
    expect(plan.invitation?.date).toEqual({ kind: 'by', date: '2027-09-15' });
    const [d] = evaluate(r, ProviderSchema.parse({ ...base, contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2027, toYear: 2027 }] }));
    expect(d?.track).toBe('negotiation');
  });

  test('a policy whose calendar is out of order or names an unknown kind is refused, naming the policy, the item and the problem', () => {
    const withStep = (i: number, change: object) => ({ ...policy, calendar: policy.calendar.map(({ date: _date, ...s }, j) => (j === i ? { ...s, ...change } : s)) });
    const publication = policy.calendar.findIndex((s) => s.step === 'publication');
    const invitation = policy.calendar.findIndex((s) => s.step === 'invitation');
    expect(() => definePolicy(withStep(invitation, { when: 'uiterlijk 1 december 2025' }))).toThrow(
      `  calendar[${publication}]: zg (negotiation), zg (application): invitation 'uiterlijk 1 december 2025' (by 2025-12-01) is not before publication 'vanaf 12 november 2025' (from 2025-11-12)`,
    );
    expect(() => definePolicy(withStep(publication, { when: 'vanaf 31 november 2025' }))).toThrow(
      `calendar[${publication}].when: cannot read the planning date 'vanaf 31 november 2025'`,
    );
    expect(() => definePolicy(withStep(invitation, { kinds: ['zorgvuldig'] }))).toThrow(`calendar[${invitation}].kinds[0]: unknown contract kind 'zorgvuldig' (known: zg)`);
  });
});
