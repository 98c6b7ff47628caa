/**
 * The audit log read by edition and action: the providers' questions of an edition (QUESTION_ASKED,
 * QUESTION_ANSWERED) for the console's question worklists and the reachability figure
 * (activities/questions.ts), one index range instead of the whole log.
 */
import type { Kysely, Migration } from 'kysely';

export const auditLogQuestions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('audit_log_questions').on('audit_log').columns(['policy_id', 'action', 'at']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('audit_log_questions').execute();
  },
};
