/**
 * A database for one test: a schema of its own, migrated, in the run's embedded database (jest's
 * global setup), or in ZORGINKOOP_TEST_EMBEDDED_URL's server where a script sets it.
 */
import { randomBytes } from 'node:crypto';
import { Database } from '../../db/database';

export async function testDatabase(name: string, url = process.env.ZORGINKOOP_TEST_EMBEDDED_URL): Promise<Database> {
  if (!url) throw new Error('no test database: jest starts one in its global setup (test/helpers/database-setup.ts); run the tests with `npm test`');
  const schema = `t_${name.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 40)}_${randomBytes(4).toString('hex')}`;
  const database = new Database(url, { schema, poolSize: 4 });
  await database.migrate();
  return database;
}

/** The environment that points the CLI or a worker process at `database` (its URL and schema). */
export const databaseEnv = (database: Database) => ({ ZORGINKOOP_DATABASE_URL: database.url, ZORGINKOOP_DATABASE_SCHEMA: database.schema });
