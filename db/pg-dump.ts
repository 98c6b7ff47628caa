/**
 * `zorginkoop backup --pg-dump` and the restore of its file: PostgreSQL's own archive (pg_dump's
 * custom format, the configured schema only), for a PostgreSQL server where a pg_dump of the
 * server's major version or later is at hand (ZORGINKOOP_POSTGRES_BIN_DIR, else the PATH). The
 * embedded database's npm package ships no pg_dump (initdb, pg_ctl and postgres only), and an
 * older pg_dump refuses a newer server, so the product's own dump (db/backup.ts) is the default.
 *
 * The password goes to pg_dump and pg_restore in their environment (PGPASSWORD), never on the
 * command line. The restore refuses what the product's own does (a schema that is not empty, an
 * archive of a newer version's migrations) and runs pg_restore in one transaction
 * (`--single-transaction --exit-on-error`): all of it or nothing. An archive names its schema:
 * it goes back into a schema of that name only.
 */
import { execFile } from 'node:child_process';
import { existsSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { sql } from 'kysely';
import { MIGRATIONS, type Database } from './database';
import { DatabaseError } from './errors';
import { MIGRATION_TABLE } from './backup';
import { refuseNonEmpty, RestoreRefused, type RestoreSummary } from './restore';

/** The first bytes of a pg_dump custom-format archive. */
export const PG_DUMP_MAGIC = 'PGDMP';

interface Tool {
  path: string;
  major: number;
}

const run = (file: string, args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; out: string; err: string }>((done) =>
    execFile(file, args, { env: { ...process.env, ...env }, maxBuffer: 256 << 20 }, (err, out, errText) => done({ code: err ? Number((err as { code?: number }).code ?? 1) || 1 : 0, out, err: errText.trim() })),
  );

/** PostgreSQL's tool `name` of `major` or later: in `binDir`, else on the PATH; or an error saying which were found. */
async function toolFor(name: 'pg_dump' | 'pg_restore', major: number, binDir: string | undefined): Promise<Tool> {
  const dirs = [...(binDir ? [binDir] : []), ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)];
  const found: string[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    const path = join(dir, name);
    if (!existsSync(path) || seen.has(realpathSync(path))) continue;
    seen.add(realpathSync(path));
    const { out } = await run(path, ['--version'], {});
    const version = Number(/\(PostgreSQL\)\s+(\d+)/.exec(out)?.[1] ?? 0);
    if (version >= major) return { path, major: version };
    found.push(`${path} is version ${version}`);
  }
  throw new DatabaseError(
    `no ${name} of PostgreSQL ${major} or later here (${found.join(', ') || 'none on the PATH'}): the server is PostgreSQL ${major}; set ZORGINKOOP_POSTGRES_BIN_DIR to a folder with a newer one, or leave out --pg-dump (the product's own dump needs none)`,
  );
}

async function serverMajor(database: Database): Promise<number> {
  const { rows } = await sql<{ v: string }>`SELECT current_setting('server_version_num') AS v`.execute(database.db);
  return Math.floor(Number(rows[0]!.v) / 10000);
}

/** Writes PostgreSQL's own archive of `database`'s schema to `file`. */
export async function pgDumpBackup(database: Database, file: string, binDir?: string): Promise<{ file: string; migration: string; bytes: number; tool: string }> {
  const tool = await toolFor('pg_dump', await serverMajor(database), binDir);
  const { rows } = await sql<{ name: string }>`SELECT name FROM ${sql.table(`${database.schema}.${MIGRATION_TABLE}`)} ORDER BY name DESC LIMIT 1`.execute(database.db).catch(() => ({ rows: [] }));
  if (!rows.length) throw new DatabaseError(`there is nothing to back up in ${database.where}: it has no ${MIGRATION_TABLE} table (check ZORGINKOOP_DATABASE_SCHEMA)`);
  const partial = `${file}.partial`;
  const result = await run(tool.path, ['--format=custom', `--schema=${database.schema}`, '--no-owner', '--no-privileges', `--file=${partial}`], database.connectionEnv());
  if (result.code !== 0) {
    rmSync(partial, { force: true });
    throw new DatabaseError(`pg_dump could not back up ${database.where}: ${result.err}`);
  }
  renameSync(partial, file);
  return { file, migration: rows[0]!.name, bytes: statSync(file).size, tool: `${tool.path} (PostgreSQL ${tool.major})` };
}

/** Brings a pg_dump archive back into `database`'s schema, which must be empty and have the archive's schema's name. */
export async function pgRestore(database: Database, file: string, binDir?: string): Promise<Omit<RestoreSummary, 'takenAt' | 'source'> & { tool: string }> {
  await refuseNonEmpty(database);
  const tool = await toolFor('pg_restore', await serverMajor(database), binDir);
  const list = await run(tool.path, ['--list', file], {});
  if (list.code !== 0) throw new RestoreRefused(`${file} cannot be read as a pg_dump archive: ${list.err}`);
  const schemas = new Set([...list.out.matchAll(/^\d+; \d+ \d+ TABLE (?!DATA )(\S+) \S+/gm)].map((m) => m[1]!));
  if (!schemas.size) throw new RestoreRefused(`${file} is a pg_dump archive without tables: not a backup of the record`);
  if (!schemas.has(database.schema) || schemas.size > 1) {
    throw new RestoreRefused(`${file} is a pg_dump archive of schema ${[...schemas].join(', ')}; pg_restore brings it back into that schema only: set ZORGINKOOP_DATABASE_SCHEMA=${[...schemas][0]} (an empty one), or restore a dump of the product's own (zorginkoop backup without --pg-dump), which goes into any schema`);
  }
  // The migrations it had run, read from the archive before anything is written.
  const copy = await run(tool.path, ['--data-only', `--schema=${database.schema}`, `--table=${MIGRATION_TABLE}`, '--file=-', file], {});
  const migrations = /COPY [^\n]*zorginkoop_migrations[^\n]*FROM stdin;\n([\s\S]*?)\n\\\./.exec(copy.out)?.[1]?.split('\n').map((l) => l.split('\t')[0]!).sort() ?? [];
  const known = Object.keys(MIGRATIONS);
  if (!migrations.length) throw new RestoreRefused(`${file} has no ${MIGRATION_TABLE} rows: not a backup of the record${copy.code ? ` (${copy.err})` : ''}`);
  migrations.forEach((name, i) => {
    if (known[i] !== name) throw new RestoreRefused(`${file} was made by another version of zorginkoop: its migration ${i + 1} is ${name}, this version's is ${known[i] ?? 'none'}`);
  });
  // The archive makes its schema: an empty one of that name goes first (RESTRICT: only if empty).
  if (database.schema !== 'public') await sql`DROP SCHEMA IF EXISTS ${sql.id(database.schema)} RESTRICT`.execute(database.db);
  const restored = await run(tool.path, ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', `--dbname=${database.connectionEnv().PGDATABASE}`, file], database.connectionEnv());
  if (restored.code !== 0) throw new RestoreRefused(`pg_restore could not restore ${file} into ${database.where} (nothing of it was written: one transaction): ${restored.err}`);
  const { rows } = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = ${database.schema} AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(database.db);
  const tables: { name: string; rows: number }[] = [];
  for (const { table_name } of rows) {
    const { rows: count } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(`${database.schema}.${table_name}`)}`.execute(database.db);
    tables.push({ name: table_name, rows: count[0]!.n });
  }
  return { migration: migrations.at(-1)!, later: known.slice(migrations.length), tables, rows: tables.reduce((n, t) => n + t.rows, 0), tool: `${tool.path} (PostgreSQL ${tool.major})` };
}
