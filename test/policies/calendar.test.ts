import { addWeeks, amsterdamDay, deadlinePassesAt, formatDay, startOfDay } from '../../policies/calendar';
import { trackPlan } from '../../policies/decision';
import { signingDeadlineFor } from '../../policies/signing';
import { edition } from '../helpers/editions';

const zg2026 = edition('zg-2026');

describe('calendar (Europe/Amsterdam, by calendar)', () => {
  test('000 s5: four weeks after an offer of 10 October 2025 is Friday 7 November, across the end of summer time on 26 October', () => {
    expect(signingDeadlineFor(trackPlan(zg2026, 'negotiation', 'zg').signing, '2025-10-10')).toBe('2025-11-07');
    // The day begins at 00:00 CEST (UTC+2) on the 10th and 00:00 CET (UTC+1) on 7 November:
    // 28 days and 1 hour apart, the same weekday.
    expect(startOfDay('2025-10-10').toISOString()).toBe('2025-10-09T22:00:00.000Z');
    expect(startOfDay('2025-11-07').toISOString()).toBe('2025-11-06T23:00:00.000Z');
    expect(startOfDay('2025-11-07').getTime() - startOfDay('2025-10-10').getTime()).toBe((28 * 24 + 1) * 3600_000);
    expect(formatDay('2025-11-07')).toBe('vrijdag 7 november 2025');
  });

  test('four weeks from spring into summer time are 28 days less an hour', () => {
    expect(addWeeks('2026-03-20', 4)).toBe('2026-04-17');
    expect(startOfDay('2026-04-17').getTime() - startOfDay('2026-03-20').getTime()).toBe((28 * 24 - 1) * 3600_000);
  });

  test('a deadline day passes at 00:00 Amsterdam time the next day', () => {
    expect(deadlinePassesAt('2025-11-07').toISOString()).toBe('2025-11-07T23:00:00.000Z');
    expect(deadlinePassesAt('2025-10-10').toISOString()).toBe('2025-10-10T22:00:00.000Z');
  });

  test('an instant is read as the Amsterdam day it falls on', () => {
    expect(amsterdamDay('2025-11-06T23:30:00Z')).toBe('2025-11-07');
    expect(amsterdamDay('2025-07-01T21:59:59Z')).toBe('2025-07-01');
    expect(amsterdamDay('2025-07-01T22:00:00Z')).toBe('2025-07-02');
  });

  test('impossible dates are refused', () => {
    expect(() => addWeeks('2025-09-31', 1)).toThrow("not a calendar date: '2025-09-31'");
  });
});
