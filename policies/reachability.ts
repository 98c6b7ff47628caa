/**
 * How reachable the purchaser is: of the providers' questions, how many were answered within the
 * edition's answer target (every policy, s5 / 001 s2.7: "Wij streven ernaar binnen 5 werkdagen een
 * reactie op uw e-mail te geven"; the NZa's transparency rule asks how reachable an insurer is).
 *
 * The rule for "in time" is the workflow's own (`answerDueDay`, policies/reminders.ts, which the
 * track's QUESTION_OVERDUE timer uses too): the due day is the `answerWithinWorkingDays`-th working
 * day after the day the question came (weekends and Dutch public holidays skipped), and an answer
 * given on the due day, until midnight Amsterdam time, is in time. Pure: the console, the export
 * and the rehearsal's report all count with this module.
 */
import { DateTime } from 'luxon';
import { amsterdamDay, ZONE, type IsoDate } from './calendar';
import { dutchPublicHolidays } from './holidays';
import type { Policy } from './policy';
import { answerDueDay } from './reminders';

/** An edition's answer target: how many working days, and the holidays that do not count. */
export interface AnswerTarget {
  workingDays: number;
  holidays: readonly IsoDate[];
}

/** The answer target of an edition, as its tracks' decisions carry it (policies/decision.ts, `trackPlan`). */
export function answerTargetOf(policy: Pick<Policy, 'answerWithinWorkingDays' | 'contractYear'>): AnswerTarget {
  return { workingDays: policy.answerWithinWorkingDays, holidays: dutchPublicHolidays([policy.contractYear - 1, policy.contractYear]) };
}

/** A question as the figure needs it: the day it came, and when it was answered (an instant, or where only the day is kept, the Amsterdam day), if it was. */
export interface QuestionDates {
  receivedOn: IsoDate;
  answeredAt?: string;
  answeredOn?: IsoDate;
}

/**
 * Where a question stands on `today`: answered by its due day (`in-time`), answered after it
 * (`late`), without an answer past its due day (`overdue`), or without one while its due day has not
 * passed (`not-yet-due`: not counted against the target).
 */
export type QuestionStanding = 'in-time' | 'late' | 'overdue' | 'not-yet-due';

/** A question's due day and where it stands on `today` (an Amsterdam day). */
export function standingOf(question: QuestionDates, target: AnswerTarget, today: IsoDate): { due: IsoDate; standing: QuestionStanding } {
  const due = answerDueDay(question.receivedOn, target.workingDays, target.holidays);
  const answered = question.answeredOn ?? (question.answeredAt ? amsterdamDay(question.answeredAt) : undefined);
  if (answered) return { due, standing: answered <= due ? 'in-time' : 'late' };
  return { due, standing: today > due ? 'overdue' : 'not-yet-due' };
}

/** One week of the figure: the questions received in the week starting `week` (a Monday), by where they stand. */
export interface ReachabilityWeek {
  week: IsoDate;
  received: number;
  inTime: number;
  late: number;
  overdue: number;
  notYetDue: number;
  /** inTime / (inTime + late + overdue): the share answered within the target of those whose target has passed or that were answered; absent when there are none. */
  share?: number;
}

/** The Monday of the (ISO) week a day falls in, in Amsterdam. */
export function weekOf(day: IsoDate): IsoDate {
  return DateTime.fromISO(day, { zone: ZONE }).startOf('week').toISODate()!;
}

const KEY: Record<QuestionStanding, 'inTime' | 'late' | 'overdue' | 'notYetDue'> = { 'in-time': 'inTime', late: 'late', overdue: 'overdue', 'not-yet-due': 'notYetDue' };

/** The share answered in time, where any question counts (answered, or past its due day). */
function withShare(row: Omit<ReachabilityWeek, 'share'>): ReachabilityWeek {
  const decided = row.inTime + row.late + row.overdue;
  return decided ? { ...row, share: row.inTime / decided } : row;
}

/**
 * The reachability figure per week of receipt, on `today`: every week from the first question's
 * to the last one's, empty weeks included (a chart's gaps are weeks), oldest first.
 */
export function reachability(questions: readonly QuestionDates[], target: AnswerTarget, today: IsoDate): ReachabilityWeek[] {
  const weeks = new Map<IsoDate, Omit<ReachabilityWeek, 'share'>>();
  const row = (week: IsoDate) => {
    let r = weeks.get(week);
    if (!r) weeks.set(week, (r = { week, received: 0, inTime: 0, late: 0, overdue: 0, notYetDue: 0 }));
    return r;
  };
  for (const q of questions) {
    const r = row(weekOf(q.receivedOn));
    r.received += 1;
    r[KEY[standingOf(q, target, today).standing]] += 1;
  }
  const known = [...weeks.keys()].sort();
  if (known.length) for (let w = DateTime.fromISO(known[0]!, { zone: ZONE }); w.toISODate()! < known.at(-1)!; w = w.plus({ weeks: 1 })) row(w.toISODate()!);
  return [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week)).map(withShare);
}

/** The weeks together: the season's figure. */
export function reachabilityTotal(weeks: readonly ReachabilityWeek[]): Omit<ReachabilityWeek, 'week'> {
  const sum = (k: 'received' | 'inTime' | 'late' | 'overdue' | 'notYetDue') => weeks.reduce((n, w) => n + w[k], 0);
  const { week: _week, ...total } = withShare({ week: '', received: sum('received'), inTime: sum('inTime'), late: sum('late'), overdue: sum('overdue'), notYetDue: sum('notYetDue') });
  return total;
}
