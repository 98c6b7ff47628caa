/**
 * Failed sign-ins to the console's own password form, counted per user name and per address
 * (web/console/sign-in-limit.ts) by rate-limiter-flexible in the table layout it expects. In the
 * one database, so every console process behind a load balancer counts the same attempts.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const signInLimits: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('console_sign_in_limits')
      .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('points', 'integer', (c) => c.notNull().defaultTo(sql`0`))
      .addColumn('expire', 'bigint')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('console_sign_in_limits').execute();
  },
};
