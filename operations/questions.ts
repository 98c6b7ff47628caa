/**
 * The reachability figure of an edition, for every front end (the console's overview and export,
 * the CLI's `questions export`): the providers' questions from the audit log
 * (activities/questions.ts), counted by policies/reachability.ts on a given day.
 */
import { editionQuestions } from '../activities/questions';
import type { Database } from '../db/database';
import type { IsoDate } from '../policies/calendar';
import { answerTargetOf, reachability, reachabilityTotal, type AnswerTarget, type ReachabilityWeek } from '../policies/reachability';
import type { Policy } from '../policies/policy';

export interface Reachability {
  policyId: string;
  /** The day it was counted on: open questions are overdue or not yet due as of this day. */
  today: IsoDate;
  target: AnswerTarget;
  weeks: ReachabilityWeek[];
  total: Omit<ReachabilityWeek, 'week'>;
}

/** The figure of an edition's questions on `today` (an Amsterdam day). */
export async function reachabilityOf(database: Database, edition: Pick<Policy, 'id' | 'answerWithinWorkingDays' | 'contractYear'>, today: IsoDate): Promise<Reachability> {
  const target = answerTargetOf(edition);
  const weeks = reachability(await editionQuestions(database, edition.id), target, today);
  return { policyId: edition.id, today, target, weeks, total: reachabilityTotal(weeks) };
}
