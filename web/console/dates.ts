/** Dates in the console, one rendering everywhere (policies/calendar's `formatDay`). */
import { DateTime } from 'luxon';
import { formatDay, type IsoDate } from '../../policies/calendar';
import type { Language } from '../../words';

/** The days and times people read, in the page's language: "maandag 8 november 2027". */
export function dayText(day: IsoDate | undefined, lang: Language): string {
  return day ? formatDay(day, lang === 'nl' ? 'nl-NL' : 'en-GB') : '–';
}
export function instantText(at: string | Date | undefined, lang: Language): string {
  if (!at) return '–';
  const t = DateTime.fromJSDate(typeof at === 'string' ? new Date(at) : at, { zone: 'Europe/Amsterdam' });
  return `${dayText(t.toISODate()!, lang)}, ${t.toFormat('HH:mm')}`;
}
