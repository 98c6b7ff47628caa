/**
 * The providers' questions in a rehearsal: which tracks' providers ask, how many questions and on
 * which days (from the behaviour model, drawn from the seed and the track like every other choice),
 * each recorded as the track's own `question` command; staff answer some of them, some days later,
 * with `answerQuestion`. What was asked and answered is read back from the rehearsal's audit log,
 * as the console reads it (activities/questions.ts).
 */
import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { editionQuestions } from '../activities/questions';
import type { Database } from '../db/database';
import { amsterdamDay, ZONE, type IsoDate } from '../policies/calendar';
import { COMMANDS } from '../workflows/catalogue';
import { draw, drawDays, type Behaviour } from './behaviour';
import type { RehearsedQuestion } from './record';

/** A question to ask, or question `question` of the track to answer. */
export type QuestionItem = { kind: 'question'; workflowId: string; agbCode: string } | { kind: 'answer'; workflowId: string; agbCode: string; question: number };

const plus = (day: IsoDate, days: number): IsoDate => DateTime.fromISO(day, { zone: ZONE }).plus({ days }).toISODate()!;
const BY = 'staff (rehearsal)';

/** The days a track's provider asks a question, from the campaign's first day (none for most tracks). */
export function questionDays(behaviour: Behaviour, workflowId: string, first: IsoDate): IsoDate[] {
  const q = behaviour.providers.questions;
  if (draw(behaviour.seed, workflowId, 'questions') >= q.ask) return [];
  const count = drawDays(behaviour.seed, q.count, workflowId, 'question-count');
  return Array.from({ length: count }, (_, i) => plus(first, drawDays(behaviour.seed, q.afterDays, workflowId, 'question', String(i + 1))));
}

/**
 * Asks or answers on `day`. A question the track takes may get an answer: the day it is planned
 * for is returned. A track that has closed refuses both; that is what it would do to staff too.
 */
export async function actOnQuestion(client: Client, item: QuestionItem, day: IsoDate, behaviour: Behaviour): Promise<{ day: IsoDate; item: QuestionItem } | undefined> {
  const handle = client.workflow.getHandle(item.workflowId);
  try {
    if (item.kind === 'answer') {
      await handle.executeUpdate(COMMANDS.answerQuestion.update, { args: [{ number: item.question, answer: 'Beantwoord (repetitie).', by: BY }] });
      return undefined;
    }
    const view = await handle.executeUpdate(COMMANDS.question.update, { args: [{ subject: `Vraag van ${item.agbCode} (repetitie)`, receivedOn: day, by: BY }] });
    const number = view.questions?.length ?? 0;
    const { seed, staff } = behaviour;
    if (!number || draw(seed, item.workflowId, 'answer', day, String(number)) >= staff.answer) return undefined;
    return { day: plus(day, drawDays(seed, staff.answerAfterDays, item.workflowId, 'answer', day, String(number))), item: { kind: 'answer', workflowId: item.workflowId, agbCode: item.agbCode, question: number } };
  } catch {
    return undefined;
  }
}

/** Every question the rehearsal's tracks took, with the day it came and the day it was answered. */
export async function rehearsedQuestions(database: Database, policyId: string): Promise<RehearsedQuestion[]> {
  return (await editionQuestions(database, policyId)).map((q) => ({
    workflowId: q.workflowId,
    agbCode: q.agbCode,
    number: q.number,
    receivedOn: q.receivedOn,
    ...(q.answeredAt ? { answeredOn: amsterdamDay(q.answeredAt) } : {}),
  }));
}
