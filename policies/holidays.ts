/**
 * The Dutch public holidays, from the maintained `date-holidays` library (type 'public':
 * Nieuwjaarsdag, Pasen, Koningsdag, Hemelvaart, Pinksteren, Kerst ...).
 *
 * Kept out of workflow code on purpose: the library carries every country's calendar. The
 * holidays a provider's track needs travel in its decision (`plan.holidays`), recorded in
 * history, and `working-days.ts` counts with that list.
 */
import Holidays from 'date-holidays';
import type { IsoDate } from './calendar';

const holidays = new Holidays('NL');

/**
 * A year's public holidays, computed once per process: the library takes milliseconds a year,
 * and a campaign evaluates thousands of providers (the fan-out benchmark found it on top).
 */
const byYear = new Map<number, { date: IsoDate; name: string }[]>();
function publicHolidaysOf(year: number): { date: IsoDate; name: string }[] {
  let list = byYear.get(year);
  if (!list) {
    list = holidays
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
    byYear.set(year, list);
  }
  return list;
}

/** The Dutch public holidays of the given years, as days. */
export function dutchPublicHolidays(years: number[]): IsoDate[] {
  return years.flatMap((year) => publicHolidaysOf(year).map((h) => h.date));
}

/** The Dutch public holiday on this day, if any. */
export function publicHolidayName(date: IsoDate): string | undefined {
  return publicHolidaysOf(Number(date.slice(0, 4))).find((h) => h.date === date)?.name;
}
