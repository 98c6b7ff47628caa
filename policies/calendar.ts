/**
 * Calendar dates as the policies write them, in Europe/Amsterdam, by calendar arithmetic.
 *
 * A policy date is a calendar day ("7 november 2025"), not an instant. These helpers turn
 * days into the instants a workflow timer needs, and back, always through the Amsterdam
 * calendar: "4 weeks after the offer" is the same weekday four weeks on, even when summer
 * time ends in between (the instant is then 28 days and 1 hour later).
 *
 * Pure and deterministic: safe inside workflows (luxon reads the clock only through
 * `DateTime.now()`, which this module never calls). No zod here: workflows import this module,
 * and the zod schema of a day lives in `iso-date-schema.ts`.
 */
import { DateTime } from 'luxon';

/** The time zone of every policy date. */
export const ZONE = 'Europe/Amsterdam';

/** A calendar day, `YYYY-MM-DD`, read in Europe/Amsterdam. */
export type IsoDate = string;

/**
 * Days read before, by their text. luxon's DateTime is immutable and building one in a named zone
 * asks Intl for the offset, which is most of the cost of a workflow's timer arithmetic (profiled:
 * `partsOffset`); a season has a few hundred distinct days, so the cache stays small. In a worker
 * this module is shared by all workflows (runtime/workflow-bundle.ts): a pure cache, same answers.
 */
const days = new Map<string, DateTime>();

function day(date: IsoDate): DateTime {
  const known = days.get(date);
  if (known) return known;
  const dt = DateTime.fromISO(date, { zone: ZONE });
  if (!dt.isValid) throw new RangeError(`not a calendar date: '${date}'`);
  const start = dt.startOf('day');
  if (days.size < 10_000) days.set(date, start);
  return start;
}

/** The calendar day in Amsterdam on which an instant falls. */
export function amsterdamDay(instant: Date | number | string): IsoDate {
  const ms = typeof instant === 'string' ? Date.parse(instant) : typeof instant === 'number' ? instant : instant.getTime();
  return DateTime.fromMillis(ms, { zone: ZONE }).toISODate()!;
}

/** The instant a calendar day begins in Amsterdam (00:00 local time). */
export function startOfDay(date: IsoDate): Date {
  return day(date).toJSDate();
}

/**
 * The instant a deadline day has passed: 00:00 Amsterdam on the following day.
 * Decision (docs/decisions.md, "deadline day"): a provider may act during the whole
 * deadline day, so the timer fires when that day is over.
 */
export function deadlinePassesAt(date: IsoDate): Date {
  return day(date).plus({ days: 1 }).toJSDate();
}

/** Calendar arithmetic: the same weekday `weeks` weeks later, whatever the clocks do. */
export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  return day(date).plus({ weeks }).toISODate()!;
}

/** The first day of the month after the month of `date` (late applications, corrected evidence). */
export function firstOfNextMonth(date: IsoDate): IsoDate {
  return day(date).startOf('month').plus({ months: 1 }).toISODate()!;
}

/** Negative, zero or positive as `a` is before, on or after `b`. */
export function compareDays(a: IsoDate, b: IsoDate): number {
  return day(a).toMillis() - day(b).toMillis();
}

/** The later of two days. */
export function laterDay(a: IsoDate, b: IsoDate): IsoDate {
  return compareDays(a, b) >= 0 ? a : b;
}

/** A day as staff read it: "vrijdag 7 november 2025". */
export function formatDay(date: IsoDate, locale = 'nl-NL'): string {
  return day(date).setLocale(locale).toFormat('cccc d LLLL yyyy');
}

/** An instant as staff read it, in Amsterdam time: "2025-11-07 14:05 CET". */
export function formatInstant(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return DateTime.fromMillis(ms, { zone: ZONE }).setLocale('en-GB').toFormat('yyyy-LL-dd HH:mm ZZZZ');
}
