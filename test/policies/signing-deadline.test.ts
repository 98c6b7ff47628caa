/**
 * An offer's signing deadline within bounds (probe defects 3 and 7; docs/decisions.md, "A moved
 * deadline never lies before what it governs"): never before the offer, never after its contract year.
 */
import { offerSigningDeadline, type SigningRule } from '../../policies/signing';

const source = { file: '000_4af25b5be7b4daf8.txt', section: '5' };
const fourWeeks: SigningRule = { kind: 'weeks-after-offer', weeks: 4, text: '4 weken na aanbieding', source };
const fixed: SigningRule = { kind: 'fixed', date: '2025-11-07', text: 'uiterlijk 7 november 2025', source };

describe('the signing deadline of an offer', () => {
  test("000 s5: the policy's rule where nothing was moved, or a moved day after the offer, inside the year", () => {
    expect(offerSigningDeadline(fourWeeks, '2025-09-20', undefined, 2026)).toEqual({ asked: '2025-10-18' });
    expect(offerSigningDeadline(fixed, '2025-10-10', undefined, 2026)).toEqual({ asked: '2025-11-07' });
    expect(offerSigningDeadline(fourWeeks, '2025-09-20', '2025-12-01', 2026)).toEqual({ asked: '2025-12-01' });
  });

  test("defect 3: a deadline moved before the offer's day was known, lying before the offer, gives way to the policy's rule", () => {
    expect(offerSigningDeadline(fourWeeks, '2025-09-20', '2025-09-10', 2026)).toEqual({
      asked: '2025-09-10',
      inBounds: { signingDeadline: '2025-10-18', movedDeadlineSetAside: '2025-09-10' },
    });
  });

  test('defect 7: no deadline after the contract year; an offer made after it is signed the day it is made', () => {
    expect(offerSigningDeadline(fourWeeks, '2026-12-20', undefined, 2026)).toEqual({ asked: '2027-01-17', inBounds: { signingDeadline: '2026-12-31' } });
    expect(offerSigningDeadline(fourWeeks, '2027-01-05', undefined, 2026)).toEqual({ asked: '2027-02-02', inBounds: { signingDeadline: '2027-01-05' } });
    // Without a contract year, no end bound.
    expect(offerSigningDeadline(fourWeeks, '2026-12-20', undefined, undefined)).toEqual({ asked: '2027-01-17' });
  });
});
