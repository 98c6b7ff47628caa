/**
 * The archive of edition revisions: every revision a campaign started with, so that a track on any
 * machine decides with its own revision after the edition file changed (activities/edition-archive.ts).
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const editionRevisions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('edition_revisions')
      .addColumn('edition_id', 'text', (c) => c.notNull())
      .addColumn('revision', 'text', (c) => c.notNull())
      .addColumn('content', 'jsonb', (c) => c.notNull())
      .addColumn('archived_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('edition_revisions_pk', ['edition_id', 'revision'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('edition_revisions').execute();
  },
};
