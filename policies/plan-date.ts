/**
 * Planning dates as the policies write them, in Dutch, turned into calendar days.
 *
 * The planning tables (section 5 of each seed, 2.7 of 001) say things like "Uiterlijk 30
 * september 2026", "2e helft september 2025", "Begin september 2025", "Half mei 2025",
 * "September 2025", "Vanaf 12 november 2025" and "4 weken na aanbieding zorgovereenkomst".
 * Policy modules write those words; `parsePlanDate` reads them, so the data reads like the
 * policy and the resolved dates are tested. Readings of vague words (docs/decisions.md):
 *   "half <maand>"      the 15th
 *   "begin <maand>"     the 1st to the 10th
 *   "eind <maand>"      the 21st to the last day ("uiterlijk eind" = by the last day)
 *   "1e/2e helft"       the 1st to the 15th / the 16th to the last day
 *   "<maand> <jaar>"    the whole month
 */
import { DateTime } from 'luxon';
import { ZONE, type IsoDate } from './calendar';

/** A planning date: a day, a latest day, a window of days, or relative to an event. */
export type PlanDate =
  | { kind: 'on'; date: IsoDate }
  | { kind: 'by'; date: IsoDate }
  | { kind: 'from'; date: IsoDate }
  | { kind: 'window'; from: IsoDate; to: IsoDate }
  | { kind: 'after'; weeks: number; event: 'offer' }
  | { kind: 'upon'; event: PlanEvent };

/** Events a planning step can wait for instead of a date. */
export type PlanEvent = 'conversation-positive' | 'questionnaire-approved' | 'application-complete';

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const MONTH = `(${MONTHS.join('|')})`;

function iso(year: number, month: number, day: number): IsoDate {
  const dt = DateTime.fromObject({ year, month, day }, { zone: ZONE });
  if (!dt.isValid) throw new RangeError(`no such day: ${day}-${month}-${year}`);
  return dt.toISODate()!;
}

function lastDay(year: number, month: number): number {
  return DateTime.fromObject({ year, month }, { zone: ZONE }).daysInMonth!;
}

/** The span of days a vague part of a month names ("begin", "half", "2e helft" ...). */
function monthPart(part: string | undefined, year: number, month: number): { from: IsoDate; to: IsoDate } {
  const last = lastDay(year, month);
  switch (part) {
    case undefined:
      return { from: iso(year, month, 1), to: iso(year, month, last) };
    case 'begin':
      return { from: iso(year, month, 1), to: iso(year, month, 10) };
    case 'half':
    case 'medio':
      return { from: iso(year, month, 15), to: iso(year, month, 15) };
    case 'eind':
      return { from: iso(year, month, 21), to: iso(year, month, last) };
    case '1e helft':
    case 'eerste helft':
      return { from: iso(year, month, 1), to: iso(year, month, 15) };
    case '2e helft':
    case 'tweede helft':
      return { from: iso(year, month, 16), to: iso(year, month, last) };
    default:
      throw new RangeError(`unknown part of a month: '${part}'`);
  }
}

/**
 * Reads a Dutch planning phrase. Throws a RangeError naming the phrase where it is not one of
 * the forms above, so a policy with an unreadable date is refused at load.
 */
export function parsePlanDate(text: string): PlanDate {
  try {
    return parse(text);
  } catch (err) {
    throw new RangeError(`cannot read the planning date '${text}'${err instanceof NoForm ? '' : `: ${(err as Error).message}`}`);
  }
}

class NoForm extends Error {}

function parse(text: string): PlanDate {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let m: RegExpMatchArray | null;

  if ((m = t.match(/^(\d+) weken na (?:de )?aanbieding/))) return { kind: 'after', weeks: Number(m[1]), event: 'offer' };
  if (/^na positieve afronding van het (?:individuele )?inkoopgesprek/.test(t)) return { kind: 'upon', event: 'conversation-positive' };
  if (/^na (?:bevestiging|positieve beoordeling) van de vragenlijst/.test(t)) return { kind: 'upon', event: 'questionnaire-approved' };
  if (/^(?:inkoopproces start )?nadat (?:wij )?uw complete aanvraag/.test(t)) return { kind: 'upon', event: 'application-complete' };

  const prefix = '(uiterlijk |vanaf |voor |vóór )?';
  if ((m = t.match(new RegExp(`^${prefix}(\\d{1,2}) ${MONTH} (\\d{4})$`)))) {
    const date = iso(Number(m[4]), MONTHS.indexOf(m[3]!) + 1, Number(m[2]));
    if (m[1] === 'uiterlijk ') return { kind: 'by', date };
    if (m[1] === 'vanaf ') return { kind: 'from', date };
    if (m[1] === 'voor ' || m[1] === 'vóór ') {
      // "voor 1 augustus" is exclusive: the last day is the day before.
      return { kind: 'by', date: DateTime.fromISO(date, { zone: ZONE }).minus({ days: 1 }).toISODate()! };
    }
    return { kind: 'on', date };
  }
  if ((m = t.match(new RegExp(`^(uiterlijk )?(?:(begin|half|medio|eind|1e helft|eerste helft|2e helft|tweede helft) )?${MONTH} (\\d{4})$`)))) {
    const span = monthPart(m[2], Number(m[4]), MONTHS.indexOf(m[3]!) + 1);
    if (m[1]) return { kind: 'by', date: span.to };
    return span.from === span.to ? { kind: 'on', date: span.from } : { kind: 'window', from: span.from, to: span.to };
  }
  throw new NoForm();
}

/** When an event-driven step happens, in words. */
export const EVENT_WORDS: Record<PlanEvent, string> = {
  'conversation-positive': 'after a positive purchase conversation',
  'questionnaire-approved': 'after the questionnaire is approved',
  'application-complete': 'once the application is complete',
};

/** The earliest day a plan date allows, where it has one. */
export function earliestDay(d: PlanDate): IsoDate | undefined {
  return d.kind === 'window' ? d.from : d.kind === 'on' || d.kind === 'from' ? d.date : undefined;
}

/** The latest day a plan date allows, where it has one ("from" has no end). */
export function latestDay(d: PlanDate): IsoDate | undefined {
  return d.kind === 'window' ? d.to : d.kind === 'on' || d.kind === 'by' ? d.date : undefined;
}

/** A plan date in English words for staff, e.g. "16-30 September 2025". */
export function describePlanDate(d: PlanDate): string {
  switch (d.kind) {
    case 'on':
      return d.date;
    case 'by':
      return `by ${d.date}`;
    case 'from':
      return `from ${d.date}`;
    case 'window':
      return `${d.from} to ${d.to}`;
    case 'after':
      return `${d.weeks} weeks after the ${d.event}`;
    case 'upon':
      return EVENT_WORDS[d.event];
  }
}
