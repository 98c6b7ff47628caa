/**
 * Working days in the Netherlands: Monday to Friday, less the public holidays of the
 * maintained `date-holidays` library (type 'public': Nieuwjaarsdag, Pasen, Koningsdag,
 * Hemelvaart, Pinksteren, Kerst ...). Used for the 5-working-day answer target (every seed,
 * section 5 / 001 s2.7: "Wij streven ernaar binnen 5 werkdagen een reactie op uw e-mail te geven").
 *
 * Decision (docs/decisions.md, "working days"): Bevrijdingsdag (5 May) and Goede Vrijdag are not
 * general days off in the Netherlands and count as working days; only 'public' holidays do not.
 */
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { ZONE, type IsoDate } from './calendar';

const holidays = new Holidays('NL');
const byYear = new Map<number, Set<IsoDate>>();

function publicHolidays(year: number): Set<IsoDate> {
  let set = byYear.get(year);
  if (!set) {
    set = new Set(holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    byYear.set(year, set);
  }
  return set;
}

/** The Dutch public holiday on this day, if any. */
export function publicHolidayName(date: IsoDate): string | undefined {
  const found = holidays.getHolidays(Number(date.slice(0, 4))).find((h) => h.type === 'public' && h.date.startsWith(date));
  return found?.name;
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(date: IsoDate): boolean {
  const dt = DateTime.fromISO(date, { zone: ZONE });
  return dt.weekday <= 5 && !publicHolidays(dt.year).has(date);
}

/** The day `n` working days after `date` (n >= 0; 0 is the next working day on or after it). */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  let dt = DateTime.fromISO(date, { zone: ZONE });
  while (!isWorkingDay(dt.toISODate()!)) dt = dt.plus({ days: 1 });
  for (let left = n; left > 0; ) {
    dt = dt.plus({ days: 1 });
    if (isWorkingDay(dt.toISODate()!)) left--;
  }
  return dt.toISODate()!;
}

/** Working days from `from` (exclusive) to `to` (inclusive). */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let dt = DateTime.fromISO(from, { zone: ZONE }).plus({ days: 1 }); dt.toISODate()! <= to; dt = dt.plus({ days: 1 })) {
    if (isWorkingDay(dt.toISODate()!)) count++;
  }
  return count;
}
