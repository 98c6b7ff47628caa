/**
 * Test worlds' databases copied from one migrated template (issue 25, part 7). Jest's global
 * setup migrates the template database once; every test world then gets a database of its own with
 * `CREATE DATABASE ... TEMPLATE`, a copy of the migrated schema, instead of migrating one: the
 * migrator holds one advisory lock per database, so worlds migrating at once in one database
 * waited for each other, 13 migrations each. `npm run bench:test-database` gives the figures.
 */
import { Client } from 'pg';
import { Database } from '../../db/database';

/** The schema migrated in the template; each copy renames it to its world's name. */
const TEMPLATE_SCHEMA = 'world_template';

/** The run's template database, migrated, on the server at `url` (no connection to it stays open: a copy needs none). */
export async function createTestTemplate(url: string, name = 'zorginkoop_test_template'): Promise<string> {
  await admin(url, `CREATE DATABASE ${name}`);
  const template = new Database(onDatabase(url, name), { schema: TEMPLATE_SCHEMA, poolSize: 2 });
  try {
    await template.migrate();
  } finally {
    await template.close();
  }
  return name;
}

/**
 * A database of its own for one test world, copied from `template`, its schema named after the world.
 * FILE_COPY: the template's files copied whole, faster here than WAL_LOG's page by page through
 * the WAL for a small database on a server without fsync (`npm run bench:test-database`).
 */
export async function templateDatabase(name: string, url: string, template: string, strategy: 'WAL_LOG' | 'FILE_COPY' = 'FILE_COPY'): Promise<Database> {
  const schema = worldName(name);
  await admin(url, `CREATE DATABASE ${schema} TEMPLATE ${template} STRATEGY ${strategy}`);
  const own = onDatabase(url, schema);
  await admin(own, `ALTER SCHEMA ${TEMPLATE_SCHEMA} RENAME TO ${schema}`);
  const database = new Database(own, { schema, poolSize: 4 });
  // Up to date already: this only reads the migrations table (and says so if the copy were behind).
  await database.migrate();
  return database;
}

/** `t_<name>_<random>`: lower-case, a valid schema and database name, unique in the run. */
export function worldName(name: string): string {
  const random = Math.floor(Math.random() * 2 ** 32).toString(16).padStart(8, '0');
  return `t_${name.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 40)}_${random}`;
}

function onDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.href;
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
