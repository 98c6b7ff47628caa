/**
 * `zorginkoop restore FILE`: a backup (db/backup.ts) brought into an EMPTY schema, in one
 * transaction: the schema is made by the migrations the backup had run (no later ones: those run
 * when the worker or the CLI next starts, as after any upgrade), the migrator's tables are filled
 * from the backup, every row goes back with its own ids, and every sequence to its value. A file
 * that is not a backup, one from a newer version, or one cut short is refused, saying what and at
 * which line; nothing of it is left behind (the transaction rolls back).
 */
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { MIGRATIONS, type Database } from './database';
import { BACKUP_FORMAT, BACKUP_VERSION, MIGRATION_LOCK_TABLE, MIGRATION_TABLE, tablesOf, type BackupHeader } from './backup';
import type { Tables } from './schema';

/** A restore that cannot be done as asked: a target that is not empty, a file that is not a complete backup. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

export interface RestoreSummary {
  migration: string;
  /** Migrations of this version the backup had not run yet: they run at the next start. */
  later: string[];
  tables: { name: string; rows: number }[];
  rows: number;
  takenAt: string;
  source: string;
}

/** Rows sent to the server in one statement, at most (and at most about 4 MB of them). */
const BATCH_ROWS = 500;
const BATCH_BYTES = 4 << 20;

/** What `schema` already holds, by kind ("20 tables (audit_log, ...)"); none: the schema is empty or absent. */
export async function contentsOf(db: Kysely<Tables>, schema: string): Promise<string[]> {
  const { rows } = await sql<{ relname: string; relkind: string }>`
    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') ORDER BY c.relname`.execute(db);
  const kinds: [string, string[]][] = [['table', ['r', 'p', 'f']], ['view', ['v', 'm']], ['sequence', ['S']]];
  return kinds.flatMap(([kind, codes]) => {
    const names = rows.filter((r) => codes.includes(r.relkind)).map((r) => r.relname);
    if (!names.length) return [];
    return [`${names.length} ${kind}${names.length > 1 ? 's' : ''} (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', ...' : ''})`];
  });
}

/** A restore goes into an empty schema only: a refusal naming what is there, else nothing. */
export async function refuseNonEmpty(database: Database): Promise<void> {
  const there = await contentsOf(database.db, database.schema);
  if (there.length) {
    throw new RestoreRefused(`${database.where} is not empty: it holds ${there.join(' and ')}; a restore goes into an empty schema only: name a new one (ZORGINKOOP_DATABASE_SCHEMA) or a new database`);
  }
}

/** The file's lines, one by one, gunzipped where it is gzip; a damaged or cut-off gzip stream throws. */
async function* linesOf(file: string): AsyncGenerator<string> {
  const magic = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  const read = readSync(fd, magic, 0, 2, 0);
  closeSync(fd);
  const raw = createReadStream(file);
  const stream: Readable = read === 2 && magic[0] === 0x1f && magic[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => stream.destroy(err));
  let rest = '';
  for await (const chunk of stream) {
    rest += (chunk as Buffer).toString('utf8');
    const parts = rest.split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest) yield rest;
}

/** Brings the backup in `file` into `database`'s schema, which must be empty. */
export async function restore(database: Database, file: string): Promise<RestoreSummary> {
  const schema = database.schema;
  const at = (line: number) => `${file} line ${line}`;
  await refuseNonEmpty(database);
  const lines = linesOf(file);
  let number = 0;
  const next = async (): Promise<string | undefined> => {
    try {
      const { value, done } = await lines.next();
      if (done) return undefined;
      number++;
      return value;
    } catch (err) {
      const message = (err as Error).message;
      throw new RestoreRefused(/unexpected end of file/i.test(message) ? `${file} is truncated: its compressed data ends after line ${number}, before the backup's end` : `${file} cannot be read after line ${number}: ${message}`);
    }
  };
  const parse = (line: string): Record<string, unknown> => {
    try {
      const value = JSON.parse(line) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // said below
    }
    throw new RestoreRefused(`${at(number)} is not a line of a zorginkoop backup (damaged?)`);
  };

  const first = await next();
  let header: BackupHeader | undefined;
  try {
    header = first === undefined ? undefined : (JSON.parse(first) as BackupHeader);
  } catch {
    header = undefined;
  }
  if (!header || header.format !== BACKUP_FORMAT) throw new RestoreRefused(`${file} is not a zorginkoop backup (its first line is not a backup's header; zorginkoop backup writes them)`);
  if (header.version !== BACKUP_VERSION) throw new RestoreRefused(`${file} is a backup of format ${header.version}; this version reads format ${BACKUP_VERSION}`);
  const known = Object.keys(MIGRATIONS);
  header.migrations.forEach((name, i) => {
    if (known[i] !== name) throw new RestoreRefused(`${file} was made by another version of zorginkoop: its migration ${i + 1} is ${name}, this version's is ${known[i] ?? 'none'} (restore it with the version that made it, then upgrade)`);
  });
  if (!header.migrations.length) throw new RestoreRefused(`${file} names no migration: it is not a backup of the product's schema`);

  const summary = await database.db.transaction().execute(async (tx) => {
    if (schema !== 'public') await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(tx);
    for (const name of header.migrations) await MIGRATIONS[name]!.up(tx);
    // The migrator's own tables, as Kysely's Migrator makes them (it finds them there and runs only later migrations).
    await tx.schema.createTable(MIGRATION_TABLE).addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey()).addColumn('timestamp', 'varchar(255)', (c) => c.notNull()).execute();
    await tx.schema.createTable(MIGRATION_LOCK_TABLE).addColumn('id', 'varchar(255)', (c) => c.notNull().primaryKey()).addColumn('is_locked', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    const made = new Map((await tablesOf(tx, schema)).map((t) => [t.name, t.columns]));
    const expected = [...made.keys()].sort().join(', ');
    const inFile = header.tables.map((t) => t.name).sort().join(', ');
    if (expected !== inFile) throw new RestoreRefused(`${file}'s tables (${inFile}) are not the ones its migrations make (${expected}): it was edited or is not a backup of this product`);
    for (const t of header.tables) {
      if ([...t.columns].sort().join() !== [...made.get(t.name)!].sort().join()) throw new RestoreRefused(`${file}: table ${t.name}'s columns (${t.columns.join(', ')}) are not the ones its migrations make (${made.get(t.name)!.join(', ')})`);
    }

    const counts: { name: string; rows: number }[] = [];
    for (const table of header.tables) {
      const start = await next();
      if (start === undefined) throw new RestoreRefused(`${file} is truncated: it ends at line ${number}, before table ${table.name}`);
      if (parse(start).table !== table.name) throw new RestoreRefused(`${at(number)}: expected the start of table ${table.name}`);
      const target = sql.table(`${schema}.${table.name}`);
      const columns = sql.join(table.columns.map((c) => sql.id(c)));
      let batch: string[] = [];
      let bytes = 0;
      let rows = 0;
      const flush = async () => {
        if (!batch.length) return;
        await sql`INSERT INTO ${target} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM jsonb_populate_recordset(NULL::${target}, ${`[${batch.join(',')}]`}::jsonb)`
          .execute(tx)
          .catch((err: Error) => {
            throw new RestoreRefused(`${file}: the rows of table ${table.name} before line ${number + 1} do not go back: ${err.message}`);
          });
        batch = [];
        bytes = 0;
      };
      for (;;) {
        const line = await next();
        if (line === undefined) throw new RestoreRefused(`${file} is truncated: it ends at line ${number}, within table ${table.name}`);
        if (line.startsWith('{"r":')) {
          parse(line);
          batch.push(line.slice(5, -1));
          bytes += line.length;
          rows++;
          if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
          continue;
        }
        const end = parse(line);
        if (end.end !== table.name) throw new RestoreRefused(`${at(number)}: expected a row or the end of table ${table.name}`);
        if (end.rows !== rows) throw new RestoreRefused(`${at(number)}: table ${table.name} should have ${String(end.rows)} rows, the file has ${rows}`);
        await flush();
        break;
      }
      counts.push({ name: table.name, rows });
    }

    const sequencesLine = await next();
    if (sequencesLine === undefined) throw new RestoreRefused(`${file} is truncated: it ends at line ${number}, before the sequences`);
    const sequences = parse(sequencesLine).sequences as Record<string, string | null> | undefined;
    if (!sequences) throw new RestoreRefused(`${at(number)}: expected the sequences' values`);
    for (const [name, value] of Object.entries(sequences)) {
      if (value !== null) await sql`SELECT setval(${`${schema}.${name}`}::regclass, ${value}::bigint)`.execute(tx);
    }
    const endLine = await next();
    if (endLine === undefined) throw new RestoreRefused(`${file} is truncated: it ends at line ${number}, before the backup's end line`);
    const end = parse(endLine);
    const total = counts.reduce((n, t) => n + t.rows, 0);
    if (end.end !== BACKUP_FORMAT || end.rows !== total || end.lines !== number) throw new RestoreRefused(`${at(number)}: expected the backup's end line with ${total} rows in ${number} lines`);
    if ((await next()) !== undefined) throw new RestoreRefused(`${at(number)}: more follows the backup's end line`);
    return { tables: counts, rows: total };
  });
  const migration = header.migrations.at(-1)!;
  return { ...summary, migration, later: known.slice(header.migrations.length), takenAt: header.takenAt, source: header.source };
}
