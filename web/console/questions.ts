/**
 * The providers' questions in the console: the worklists "Open vragen" (every question without an
 * answer, oldest first, with the day it came and its due day) and "Vragen over de termijn" (those
 * past their due day), and the reachability figure per week on the season overview.
 *
 * Read from the audit log (activities/questions.ts: one indexed statement for the whole edition),
 * not from the tracks: no search attribute says that a track has an open question, so visibility
 * cannot find them, and asking every running track's status would be thousands of queries for one
 * page. Only the rows shown (at most `WORKLIST_LIMIT`) ask their track, for the provider's name. The
 * due day is the workflow's rule (policies/reachability.ts, `answerDueDay`), with the edition's
 * answer target.
 */
import type { Client } from '@temporalio/client';
import { editionQuestions, type TrackQuestion } from '../../activities/questions';
import type { Database } from '../../db/database';
import type { PublicStatus } from '../../machines/public-status';
import { amsterdamDay, type IsoDate } from '../../policies/calendar';
import type { Policy } from '../../policies/policy';
import { answerTargetOf, standingOf } from '../../policies/reachability';
import { reachabilityOf, type Reachability } from '../../operations/questions';
import { statusQuery } from '../../workflows/messages';

/** The worklists of questions. */
export const QUESTION_LISTS = ['questions', 'overdueQuestions'] as const;
export type QuestionList = (typeof QUESTION_LISTS)[number];

/** One open question on a worklist. */
export interface QuestionRow {
  workflowId: string;
  agbCode: string;
  providerName: string;
  contractKind?: string;
  status?: PublicStatus;
  number: number;
  subject: string;
  receivedOn: IsoDate;
  /** The last day to answer it in time. */
  due: IsoDate;
}

/** The open questions of an edition on `today`, oldest first: all of them, and those past their due day. */
export interface OpenQuestions {
  questions: (TrackQuestion & { due: IsoDate })[];
  overdueQuestions: (TrackQuestion & { due: IsoDate })[];
}

export class SeasonQuestions {
  constructor(
    private readonly client: Client,
    private readonly database: Database,
    private readonly now: () => Date,
    /** An edition by its id: its answer target (`answerWithinWorkingDays`) and contract year. */
    private readonly editionOf: (policyId: string) => Pick<Policy, 'id' | 'answerWithinWorkingDays' | 'contractYear'>,
  ) {}

  /** The questions without an answer, oldest first, and which of them are past their due day. */
  async open(policyId: string): Promise<OpenQuestions> {
    const today = amsterdamDay(this.now());
    const target = answerTargetOf(this.editionOf(policyId));
    const open = (await editionQuestions(this.database, policyId)).filter((q) => !q.answeredAt).map((q) => ({ ...q, ...standingOf(q, target, today) }));
    return { questions: open.map(({ standing: _s, ...q }) => q), overdueQuestions: open.filter((q) => q.standing === 'overdue').map(({ standing: _s, ...q }) => q) };
  }

  /** A worklist's rows (at most `limit`), each with its provider's name and status from its track. */
  async rows(policyId: string, list: QuestionList, limit: number): Promise<QuestionRow[]> {
    const shown = (await this.open(policyId))[list].slice(0, limit);
    const views = new Map<string, Awaited<ReturnType<typeof this.view>>>();
    for (const id of new Set(shown.map((q) => q.workflowId))) views.set(id, undefined);
    const ids = [...views.keys()];
    for (let i = 0; i < ids.length; i += 16) await Promise.all(ids.slice(i, i + 16).map(async (id) => views.set(id, await this.view(id))));
    return shown.map((q) => {
      const v = views.get(q.workflowId);
      return { workflowId: q.workflowId, agbCode: q.agbCode, providerName: v?.providerName ?? '', contractKind: v?.contractKind, status: v?.status, number: q.number, subject: q.subject, receivedOn: q.receivedOn, due: q.due };
    });
  }

  /** The reachability figure per week of receipt, and the season's together. */
  async figure(policyId: string): Promise<Reachability> {
    return reachabilityOf(this.database, this.editionOf(policyId), amsterdamDay(this.now()));
  }

  private async view(workflowId: string) {
    return this.client.workflow.getHandle(workflowId).query(statusQuery).catch(() => undefined);
  }
}
