/**
 * When the purchaser chases a step that waits for someone: reminders to the provider before a
 * deadline (the policy's `reminderDaysBefore`, at 09:00 Amsterdam time), and the escalation to
 * staff of an assessment waiting past its answer target in working days (every seed, s5 / 001
 * s2.7: "binnen 5 werkdagen"). Pure: the machine asks them for its timers.
 */
import { DateTime } from 'luxon';
import { deadlinePassesAt, ZONE, type IsoDate } from './calendar';
import { addWorkingDays } from './working-days';

/** The hour of the day reminders go out, Amsterdam time: the start of an office day. */
export const REMINDER_HOUR = 9;

/** One reminder before a deadline: how many days before, on which day, at which instant. */
export interface Reminder {
  daysBefore: number;
  day: IsoDate;
  at: Date;
}

/** The reminders before a deadline day, `daysBefore` days before it each, at 09:00 Amsterdam time (by the calendar, whatever the clocks do). */
export function remindersBefore(deadline: IsoDate, daysBefore: readonly number[]): Reminder[] {
  return daysBefore.map((n) => {
    const day = DateTime.fromISO(deadline, { zone: ZONE }).minus({ days: n });
    return { daysBefore: n, day: day.toISODate()!, at: day.set({ hour: REMINDER_HOUR }).toJSDate() };
  });
}

/**
 * The last day of an answer target: `workingDays` working days after the day something came
 * (weekends and the given holidays skipped). An answer on that day is in time; staff are told
 * once it is over. The one rule for an assessment's escalation, a question's clock and the
 * reachability figure (policies/reachability.ts).
 */
export function answerDueDay(receivedOn: IsoDate, workingDays: number, holidays: readonly IsoDate[]): IsoDate {
  return addWorkingDays(receivedOn, workingDays, holidays);
}

/**
 * When an assessment waiting since `waitingSince` (an instant, or a day) is escalated to staff:
 * when its `answerDueDay` (from the Amsterdam day it started waiting) is over.
 */
export function escalationDueAt(waitingSince: string, workingDays: number, holidays: readonly IsoDate[]): Date {
  return deadlinePassesAt(answerDueDay(DateTime.fromISO(waitingSince, { zone: ZONE }).toISODate()!, workingDays, holidays));
}
