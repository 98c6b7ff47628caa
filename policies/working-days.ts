/**
 * Working days in the Netherlands: Monday to Friday, less the public holidays (given as a list,
 * from `holidays.ts`). Used for the 5-working-day answer target (every seed, section 5 / 001
 * s2.7: "Wij streven ernaar binnen 5 werkdagen een reactie op uw e-mail te geven").
 *
 * Decision (docs/decisions.md, "working days"): Bevrijdingsdag (5 May) and Goede Vrijdag are not
 * general days off in the Netherlands and count as working days; only 'public' holidays do not.
 * Pure: safe inside workflows.
 */
import { DateTime } from 'luxon';
import { ZONE, type IsoDate } from './calendar';

/** Monday to Friday and not one of the holidays. */
export function isWorkingDay(date: IsoDate, holidays: readonly IsoDate[]): boolean {
  return DateTime.fromISO(date, { zone: ZONE }).weekday <= 5 && !holidays.includes(date);
}

/** The day `n` working days after `date` (n >= 0; 0 is the next working day on or after it). */
export function addWorkingDays(date: IsoDate, n: number, holidays: readonly IsoDate[]): IsoDate {
  let dt = DateTime.fromISO(date, { zone: ZONE });
  while (!isWorkingDay(dt.toISODate()!, holidays)) dt = dt.plus({ days: 1 });
  for (let left = n; left > 0; ) {
    dt = dt.plus({ days: 1 });
    if (isWorkingDay(dt.toISODate()!, holidays)) left--;
  }
  return dt.toISODate()!;
}

/** Working days from `from` (exclusive) to `to` (inclusive). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, holidays: readonly IsoDate[]): number {
  let count = 0;
  for (let dt = DateTime.fromISO(from, { zone: ZONE }).plus({ days: 1 }); dt.toISODate()! <= to; dt = dt.plus({ days: 1 })) {
    if (isWorkingDay(dt.toISODate()!, holidays)) count++;
  }
  return count;
}
