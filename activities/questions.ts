/**
 * The providers' questions of an edition, as the audit log has them: every `question` command is a
 * QUESTION_ASKED row (its `details.receivedOn`, `details.subject`), every `answerQuestion` a
 * QUESTION_ANSWERED row (`details.question`: the number, counting the track's QUESTION_ASKED rows
 * in order; its `at`: when it was answered). One statement over one index (`audit_log_questions`,
 * policy and action), whatever the number of tracks: the worklists "Open vragen" and "Vragen over de
 * termijn" and the reachability figure read this, not every track's status.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { amsterdamDay, type IsoDate } from '../policies/calendar';

export const QUESTION_ASKED = 'QUESTION_ASKED';
export const QUESTION_ANSWERED = 'QUESTION_ANSWERED';

/** One question on a track. */
export interface TrackQuestion {
  workflowId: string;
  agbCode: string;
  /** 1 for the track's first question: what `answerQuestion` names. */
  number: number;
  subject: string;
  receivedOn: IsoDate;
  /** When it was recorded on the track. */
  askedAt: string;
  /** When it was answered (the answer's instant), and by whom. */
  answeredAt?: string;
  answeredBy?: string;
}

/** Every question of an edition's tracks, oldest first (by the day it came, then when it was recorded). */
export async function editionQuestions(database: Database, policyId: string): Promise<TrackQuestion[]> {
  let rows: { workflow_id: string; agb_code: string; action: string; at: Date; actor: string; subject: string | null; received_on: string | null; question: string | null }[];
  try {
    rows = await database.db
      .selectFrom('audit_log')
      .select(['workflow_id', 'agb_code', 'action', 'at', 'actor'])
      // Only the fields the lists need: not the answers' texts.
      .select([sql<string | null>`details->>'subject'`.as('subject'), sql<string | null>`details->>'receivedOn'`.as('received_on'), sql<string | null>`details->>'question'`.as('question')])
      .where('policy_id', '=', policyId)
      .where('action', 'in', [QUESTION_ASKED, QUESTION_ANSWERED])
      .orderBy('at')
      .orderBy('id')
      .execute();
  } catch (err) {
    throw database.failure(`read the questions of ${policyId} from the audit log`, err);
  }
  const byTrack = new Map<string, TrackQuestion[]>();
  const answers: (typeof rows)[number][] = [];
  for (const r of rows) {
    if (r.action === QUESTION_ANSWERED) {
      answers.push(r);
      continue;
    }
    const asked = byTrack.get(r.workflow_id) ?? [];
    asked.push({ workflowId: r.workflow_id, agbCode: r.agb_code, number: asked.length + 1, subject: r.subject ?? '', receivedOn: r.received_on ?? amsterdamDay(r.at), askedAt: new Date(r.at).toISOString() });
    byTrack.set(r.workflow_id, asked);
  }
  for (const a of answers) {
    const q = byTrack.get(a.workflow_id)?.[Number(a.question) - 1];
    if (q && !q.answeredAt) Object.assign(q, { answeredAt: new Date(a.at).toISOString(), answeredBy: a.actor });
  }
  return [...byTrack.values()].flat().sort((x, y) => x.receivedOn.localeCompare(y.receivedOn) || x.askedAt.localeCompare(y.askedAt) || x.workflowId.localeCompare(y.workflowId) || x.number - y.number);
}
