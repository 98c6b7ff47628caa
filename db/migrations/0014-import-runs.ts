/**
 * Every applied spreadsheet import, from the console or the CLI (`import --apply`): who applied
 * which file when, and its rows by outcome. The worker's metrics read it
 * (`zorginkoop_import_rows`), so an import from the CLI, a process of its own, is counted too.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const importRuns: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('import_runs')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('policy_id', 'text')
      .addColumn('changed', 'integer', (c) => c.notNull())
      .addColumn('unchanged', 'integer', (c) => c.notNull())
      .addColumn('errors', 'integer', (c) => c.notNull())
      .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('import_runs').execute();
  },
};
