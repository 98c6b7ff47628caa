/**
 * A running rehearsal's last sign of life: the console process that runs it (or holds it in its
 * queue) marks it every half minute (web/console/rehearsals.ts). A row still "running" whose mark
 * is old belongs to a console that stopped (killed, a machine gone) and is shown as failed, so
 * that nobody waits for a rehearsal that will never finish.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const rehearsalHeartbeat: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('rehearsals')
      .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('rehearsals').dropColumn('heartbeat_at').execute();
  },
};
