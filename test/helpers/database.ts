/**
 * A database for one test: a copy of the run's migrated template database, its schema named after
 * the test world (jest's global setup makes the template: test/helpers/database-template.ts), or a
 * schema of its own, migrated, in another server's database (`url` given: the PostgreSQL suite in
 * test:services, a script's ZORGINKOOP_TEST_EMBEDDED_URL without a template).
 */
import { Database } from '../../db/database';
import { templateDatabase, worldName } from './database-template';

export async function testDatabase(name: string, url = process.env.ZORGINKOOP_TEST_EMBEDDED_URL, template: string | null = url === process.env.ZORGINKOOP_TEST_EMBEDDED_URL ? (process.env.ZORGINKOOP_TEST_TEMPLATE ?? null) : null): Promise<Database> {
  if (!url) throw new Error('no test database: jest starts one in its global setup (test/helpers/database-setup.ts); run the tests with `npm test`');
  if (template) return templateDatabase(name, url, template);
  const database = new Database(url, { schema: worldName(name), poolSize: 4 });
  await database.migrate();
  return database;
}

/** The environment that points the CLI or a worker process at `database` (its URL and schema). */
export const databaseEnv = (database: Database) => ({ ZORGINKOOP_DATABASE_URL: database.url, ZORGINKOOP_DATABASE_SCHEMA: database.schema });
