/**
 * When a waiting step is chased (docs/decisions.md, "Reminders, escalations and the end of the
 * year"): reminders before a deadline at 09:00 Amsterdam time, and the escalation of an assessment
 * past its answer target in working days (every seed, s5: "binnen 5 werkdagen").
 */
import { dutchPublicHolidays } from '../../policies/holidays';
import { escalationDueAt, remindersBefore } from '../../policies/reminders';

const iso = (reminders: ReturnType<typeof remindersBefore>) => reminders.map((r) => [r.daysBefore, r.day, r.at.toISOString()]);

describe('reminders before a deadline', () => {
  test('decision: 7 and 1 days before the deadline day, at 09:00 Amsterdam time (winter time: 08:00 UTC)', () => {
    expect(iso(remindersBefore('2025-11-07', [7, 1]))).toEqual([
      [7, '2025-10-31', '2025-10-31T08:00:00.000Z'],
      [1, '2025-11-06', '2025-11-06T08:00:00.000Z'],
    ]);
  });

  test('decision: by the calendar across the change to winter time (26 October 2025): 09:00 on either side', () => {
    expect(iso(remindersBefore('2025-10-30', [7, 1]))).toEqual([
      [7, '2025-10-23', '2025-10-23T07:00:00.000Z'],
      [1, '2025-10-29', '2025-10-29T08:00:00.000Z'],
    ]);
  });

  test('a policy without reminders has none', () => {
    expect(remindersBefore('2025-11-07', [])).toEqual([]);
  });
});

describe('escalation of an assessment past its answer target (s5: "binnen 5 werkdagen")', () => {
  test('decision: submitted Thursday 10 June 2027, escalated when Thursday 17 June is over (00:00 on the 18th)', () => {
    expect(escalationDueAt('2027-06-10T09:00:00.000Z', 5, dutchPublicHolidays([2027])).toISOString()).toBe('2027-06-17T22:00:00.000Z');
  });

  test('the target skips Easter Monday, and counts from the Amsterdam day (00:30 on 2 April is 2 April)', () => {
    // Thursday 2 April 2026 + 5 working days: Fri 3, Tue 7, Wed 8, Thu 9, Fri 10 April.
    expect(escalationDueAt('2026-04-01T22:30:00.000Z', 5, dutchPublicHolidays([2026])).toISOString()).toBe('2026-04-10T22:00:00.000Z');
    // Without the holiday list, Easter Monday counts.
    expect(escalationDueAt('2026-04-01T22:30:00.000Z', 5, []).toISOString()).toBe('2026-04-09T22:00:00.000Z');
  });
});
