/**
 * The staff console (web/console): its embedded users (hashed passwords; production signs in
 * through the insurer's OpenID Connect provider instead), its sessions (shared by every console
 * process, so a second one behind a load balancer knows the same people), and the spreadsheets
 * staff upload for a bulk import, kept between the dry run and the apply.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const consoleTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('console_users')
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('console_sessions')
      .addColumn('sid', 'text', (c) => c.primaryKey())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('console_sessions_expiry').on('console_sessions').column('expires_at').execute();
    await db.schema
      .createTable('console_uploads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('policy_id', 'text')
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('data', 'bytea', (c) => c.notNull())
      .addColumn('report', 'jsonb')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('console_uploads').execute();
    await db.schema.dropTable('console_sessions').execute();
    await db.schema.dropTable('console_users').execute();
  },
};
