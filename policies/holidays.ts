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

/** The Dutch public holidays of the given years, as days. */
export function dutchPublicHolidays(years: number[]): IsoDate[] {
  return years.flatMap((year) => holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
}

/** The Dutch public holiday on this day, if any. */
export function publicHolidayName(date: IsoDate): string | undefined {
  return holidays.getHolidays(Number(date.slice(0, 4))).find((h) => h.type === 'public' && h.date.startsWith(date))?.name;
}
