/**
 * The audit log: who did what and when, from every update a person made (a conversation outcome,
 * an assessment, a signature, a deadline move, a withdrawal ...), once per track step.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const auditLog: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text', (c) => c.notNull())
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('agb_code', 'text', (c) => c.notNull())
      .addColumn('details', 'jsonb', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('audit_log_agb').on('audit_log').columns(['agb_code', 'at']).execute();
    await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'at']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('audit_log').execute();
  },
};
