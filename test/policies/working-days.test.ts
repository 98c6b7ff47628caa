/**
 * Working days (every seed, s5 / 001 s2.7: "Wij streven ernaar binnen 5 werkdagen een reactie op
 * uw e-mail te geven"), and what a deadline on a weekend means (docs/decisions.md).
 */
import { deadlinePassesAt, formatDay } from '../../policies/calendar';
import { lateApplicationStart } from '../../policies/offer-terms';
import { dutchPublicHolidays, publicHolidayName } from '../../policies/holidays';
import * as wd from '../../policies/working-days';

const holidays = dutchPublicHolidays([2025, 2026]);
const addWorkingDays = (d: string, n: number) => wd.addWorkingDays(d, n, holidays);
const isWorkingDay = (d: string) => wd.isWorkingDay(d, holidays);
const workingDaysBetween = (a: string, b: string) => wd.workingDaysBetween(a, b, holidays);

describe('working days with the Dutch public holidays', () => {
  test('000 s5: the 5-working-day answer target skips the weekend', () => {
    // An e-mail on Thursday 6 November 2025 is answered by Thursday 13 November.
    expect(addWorkingDays('2025-11-06', 5)).toBe('2025-11-13');
  });

  test('the answer target skips Easter Monday and King\'s Day', () => {
    expect(publicHolidayName('2026-04-06')).toBe('Tweede paasdag');
    expect(isWorkingDay('2026-04-06')).toBe(false);
    // Thursday 2 April 2026 + 5 working days: Fri 3, Tue 7, Wed 8, Thu 9, Fri 10 April.
    expect(addWorkingDays('2026-04-02', 5)).toBe('2026-04-10');
    expect(isWorkingDay('2026-04-27')).toBe(false); // Koningsdag
    expect(workingDaysBetween('2025-12-24', '2026-01-02')).toBe(4); // 29, 30, 31 Dec and 2 Jan
  });

  test('decision: Goede Vrijdag and Bevrijdingsdag count as working days (not general days off)', () => {
    expect(isWorkingDay('2026-04-03')).toBe(true);
    expect(isWorkingDay('2026-05-05')).toBe(true);
  });

  test('a message on a weekend counts from the next working day', () => {
    expect(addWorkingDays('2025-11-08', 0)).toBe('2025-11-10');
    expect(addWorkingDays('2025-11-08', 5)).toBe('2025-11-17');
  });
});

describe('deadlines on a weekend', () => {
  test('001 s2.7: the signing deadline of Sunday 8 November 2026 stands as written and passes at 00:00 on Monday 9 November', () => {
    expect(formatDay('2026-11-08')).toBe('zondag 8 november 2026');
    expect(deadlinePassesAt('2026-11-08').toISOString()).toBe('2026-11-08T23:00:00.000Z');
  });
});

describe('late applications (001 s2.6, 002 s4, 003 s4, 004 s4: "geen aanbod ontvangen")', () => {
  test('001 s2.6: an application in March 2027 starts on 1 April 2027, never retroactive', () => {
    expect(lateApplicationStart(2027, '2027-03-15')).toBe('2027-04-01');
    expect(lateApplicationStart(2027, '2027-03-31')).toBe('2027-04-01');
  });
  test('001 s2.6: an application in December 2027 starts on 1 January 2028', () => {
    expect(lateApplicationStart(2027, '2027-12-10')).toBe('2028-01-01');
  });
  test('an application before the contract year starts with the year', () => {
    expect(lateApplicationStart(2027, '2026-10-10')).toBe('2027-01-01');
    expect(lateApplicationStart(2027, '2026-12-10')).toBe('2027-01-01');
  });
});
