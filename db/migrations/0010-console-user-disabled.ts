/**
 * A console user can be disabled (`npm run console -- user <name> --disable`): the console reads
 * this on every request, so a disabled user's sessions are refused at once, and their sign-in too.
 * Null: enabled.
 */
import type { Kysely, Migration } from 'kysely';

export const consoleUserDisabled: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('console_users').addColumn('disabled_at', 'timestamptz').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('console_users').dropColumn('disabled_at').execute();
  },
};
