/**
 * Season rehearsals run from the staff console (web/console/rehearsals.ts): who started which
 * rehearsal of which edition, whether it is still running, and its report once done. In the one
 * database, so every console process lists and compares the same rehearsals.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const rehearsalsTable: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rehearsals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('edition_id', 'text', (c) => c.notNull())
      .addColumn('contract_year', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('providers', 'integer', (c) => c.notNull())
      .addColumn('started_by', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'failed')`))
      .addColumn('progress', 'text')
      .addColumn('error', 'text')
      .addColumn('report', 'jsonb')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('finished_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('rehearsals_created').on('rehearsals').column('created_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('rehearsals').execute();
  },
};
